"""Opening a store and writing analyses into it, one transaction per batch.

Loss-free and resumable: an article's rows and its ``articles`` row are committed together, so
after a crash (SIGKILL included) an article is either fully stored or absent, and running the
same command again codes exactly the absent ones. Re-running never duplicates rows: every
table is keyed by content hashes and writes replace the rows of the articles they touch. An
article stored by another coder version is re-coded and its rows replaced.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any

import duckdb

from geopol.errors import StoreError
from geopol.ingest.document import Reject
from geopol.model import Analysis
from geopol.store.schema import DDL_V1, MIGRATIONS, SCHEMA_VERSION, current_version

_PER_ARTICLE = ("actors", "mentions", "events", "dyads", "quotes", "relations")


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (creating or migrating) a store; errors name the file and the fix."""
    path = Path(path)
    if read_only and not path.exists():
        raise StoreError(f"{path}: no such database; create it with `geopol ingest ... --db {path}`")
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        message = str(exc)
        if "lock" in message.lower():
            raise StoreError(
                f"{path} is locked by another process (DuckDB allows one writer); wait for it to finish "
                "or use another --db file"
            ) from None
        raise StoreError(f"{path}: cannot open the database ({message.splitlines()[0]})") from None
    except duckdb.Error as exc:
        raise StoreError(f"{path}: not a geopol database ({str(exc).splitlines()[0]})") from None
    version = current_version(con)
    if version is not None and version > SCHEMA_VERSION:
        con.close()
        raise StoreError(
            f"{path} has schema version {version}, newer than this geopol understands ({SCHEMA_VERSION}); "
            "upgrade geopol to read it"
        )
    if read_only:
        if version is None:
            con.close()
            raise StoreError(f"{path} is not a geopol database (no schema version); ingest into a new file")
        return con
    if version is None:
        con.execute(DDL_V1)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
    else:
        for step in range(version, SCHEMA_VERSION):
            con.execute(MIGRATIONS[step])
            con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(step + 1)])
    return con


def stored_coder(con: duckdb.DuckDBPyConnection, article_id: str) -> str | None:
    row = con.execute("SELECT coder FROM articles WHERE id = ?", [article_id]).fetchone()
    return row[0] if row else None


def _rows(analysis: Analysis, story: str, side: dict[str, str]) -> dict[str, list[tuple[Any, ...]]]:
    a = analysis.article
    aid = a.id
    rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in _PER_ARTICLE}
    for actor in analysis.actors:
        rows["actors"].append((aid, actor.id, actor.name, actor.kind, actor.country, actor.sector, actor.cameo,
                               list(actor.roles), actor.affiliation, list(actor.members), len(actor.mentions)))
        for m in actor.mentions:
            rows["mentions"].append((aid, actor.id, m.start, m.end, m.text))
    for e in analysis.events:
        rows["events"].append((
            e.id, aid, list(e.source), list(e.target), e.cameo, e.plover, e.mode, e.context, e.goldstein,
            e.quad_class, e.modality, e.claimed_by, e.quote, e.date, e.sentence.start, e.sentence.end,
            e.sentence.text, e.trigger.start, e.trigger.end, e.trigger.text, e.coder, e.pattern,
            json.dumps([asdict(s) for s in e.evidence]),
        ))
        pairs = {(side.get(s, s), side.get(t, t)) for s in e.source for t in e.target}
        for src, tgt in sorted(p for p in pairs if p[0] != p[1]):
            rows["dyads"].append((e.id, aid, story, src, tgt, e.date, e.cameo, e.cameo[:2], e.plover, e.quad_class,
                                  e.goldstein, e.modality, e.claimed_by is not None))
    for q in analysis.quotes:
        rows["quotes"].append((q.id, aid, q.speaker, q.text, q.kind, q.start, q.end, q.cue, list(q.flags)))
    for r in analysis.relations:
        rows["relations"].append((aid, r.source, r.target, r.kind, list(r.events), r.weight, r.directed, r.basis,
                                  r.first, r.last))
    return rows


def sides(analysis: Analysis) -> dict[str, str]:
    """Each actor's side: the state or IGO it acts for (people, agents, documents rolled up)."""
    out = {}
    for actor in analysis.actors:
        if actor.kind in ("person", "document", "organization") or actor.id.startswith("agent:"):
            out[actor.id] = actor.affiliation or (f"state:{actor.country}" if actor.country else actor.id)
        else:
            out[actor.id] = actor.id
    return out


def write_batch(con: duckdb.DuckDBPyConnection, coder: str, analyses: Iterable[tuple[Analysis, str, str, str]],
                rejects: Iterable[tuple[Reject, str]], sources: Iterable[tuple[str, str, str]] = (),
                signatures: Iterable[tuple[str, bytes]] = ()) -> None:
    """Store analyses (with source, position and story id), extra source rows (article id, source,
    position), MinHash signatures and rejects in one transaction."""
    con.execute("BEGIN TRANSACTION")
    try:
        for analysis, source, position, story in analyses:
            a = analysis.article
            for table in _PER_ARTICLE:
                con.execute(f"DELETE FROM {table} WHERE article_id = ?", [a.id])
            con.execute("DELETE FROM articles WHERE id = ?", [a.id])
            con.execute(
                "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [a.id, a.title, a.subtitle, list(a.authors), a.published, a.url, a.language, a.text, coder, story],
            )
            for table, rows in _rows(analysis, story, sides(analysis)).items():
                if rows:
                    marks = ", ".join("?" * len(rows[0]))
                    con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
            con.execute("INSERT OR REPLACE INTO sources VALUES (?, ?, ?)", [a.id, source, position])
            con.execute("DELETE FROM rejects WHERE source = ? AND position = ?", [source, position])
        for article_id, source, position in sources:
            con.execute("INSERT OR REPLACE INTO sources VALUES (?, ?, ?)", [article_id, source, position])
        for article_id, blob in signatures:
            con.execute("INSERT OR REPLACE INTO signatures VALUES (?, ?)", [article_id, blob])
        for reject, position in rejects:
            con.execute("INSERT OR REPLACE INTO rejects VALUES (?, ?, ?, ?)",
                        [reject.source, position, reject.kind, reject.reason])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise

