"""Opening a store and writing analyses into it, one transaction per batch.

Loss-free and resumable: an article's rows and its ``articles`` row are committed together, so
after a crash (SIGKILL included) an article is either fully stored or absent, and running the
same command again codes exactly the absent ones. Re-running never duplicates rows: every
table is keyed by content hashes and writes replace the rows of the articles they touch. An
article stored by another coder version is re-coded and its rows replaced.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from geopol.errors import StoreError
from geopol.ingest.document import Reject
from geopol.model import Analysis
from geopol.store.schema import DDL_V1, MIGRATIONS, SCHEMA_VERSION, TABLES, current_version

_PER_ARTICLE = ("actors", "mentions", "events", "dyads", "quotes", "relations")
ROW_TABLES = ("articles", *_PER_ARTICLE)
"""The tables an analysis writes rows to; every other table is written by the ingest itself."""

Rows = dict[str, list[tuple[Any, ...]]]


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


def article_rows(analysis: Analysis, coder: str) -> Rows:
    """The rows ``analysis`` adds to each table (``articles`` and the per-article tables), with the
    story columns left ``None`` for :func:`with_story`: the story is only known in input order."""
    a = analysis.article
    aid = a.id
    side = sides(analysis)
    rows: Rows = {name: [] for name in ROW_TABLES}
    rows["articles"].append((aid, a.title, a.subtitle, list(a.authors), a.published, a.url, a.language,
                             a.text, coder, None))
    for actor in analysis.actors:
        rows["actors"].append((aid, actor.id, actor.name, actor.kind, actor.country, actor.sector,
                               actor.cameo, list(actor.roles), actor.affiliation, list(actor.members),
                               len(actor.mentions)))
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
            rows["dyads"].append((e.id, aid, None, src, tgt, e.date, e.cameo, e.cameo[:2], e.plover,
                                  e.quad_class, e.goldstein, e.modality, e.claimed_by is not None))
    for q in analysis.quotes:
        rows["quotes"].append((q.id, aid, q.speaker, q.text, q.kind, q.start, q.end, q.cue, list(q.flags)))
    for r in analysis.relations:
        rows["relations"].append((aid, r.source, r.target, r.kind, list(r.events), r.weight, r.directed,
                                  r.basis, r.first, r.last))
    return rows


def with_story(rows: Rows, story: str) -> Rows:
    """``rows`` of one article with its story id filled in (``articles.story``, ``dyads.story``)."""
    out = dict(rows)
    out["articles"] = [(*r[:-1], story) for r in rows["articles"]]
    out["dyads"] = [(*r[:2], story, *r[3:]) for r in rows["dyads"]]
    return out


def sides(analysis: Analysis) -> dict[str, str]:
    """Each actor's side: the state or IGO it acts for (people, agents, documents rolled up)."""
    out = {}
    for actor in analysis.actors:
        if actor.kind in ("person", "document", "organization") or actor.id.startswith("agent:"):
            out[actor.id] = actor.affiliation or (f"state:{actor.country}" if actor.country else actor.id)
        else:
            out[actor.id] = actor.id
    return out


@dataclass
class Batch:
    """Everything one transaction writes: article rows (story filled in), source rows (article id,
    source, position), MinHash signatures (article id, blob) and rejects (source, position, kind,
    reason)."""

    rows: Rows = field(default_factory=lambda: {name: [] for name in ROW_TABLES})
    sources: list[tuple[str, str, str]] = field(default_factory=list)
    signatures: list[tuple[str, bytes]] = field(default_factory=list)
    rejects: list[tuple[str, str, str, str]] = field(default_factory=list)

    def add_rows(self, rows: Rows) -> None:
        for table, table_rows in rows.items():
            self.rows[table].extend(table_rows)

    def __len__(self) -> int:
        return len(self.rows["articles"]) + len(self.sources) + len(self.rejects)


@cache
def _schemas() -> dict[str, pa.Schema]:
    con = duckdb.connect()
    try:
        con.execute(DDL_V1)
        out = {}
        for table in TABLES:
            relation = con.sql(f"SELECT * FROM {table} LIMIT 0")
            arrow = relation.to_arrow_table() if hasattr(relation, "to_arrow_table") else relation.arrow()
            out[table] = arrow.schema
        return out
    finally:
        con.close()


def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema of ``table``, read from the DDL so that it cannot drift from it."""
    return _schemas()[table]


def arrow_table(table: str, rows: list[tuple[Any, ...]]) -> pa.Table:
    """``rows`` (tuples in column order) as an Arrow table with the schema of ``table``."""
    schema = arrow_schema(table)
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in schema]
    return pa.Table.from_arrays([pa.array(col, type=f.type) for col, f in zip(columns, schema, strict=True)],
                                schema=schema)


@contextmanager
def _view(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple[Any, ...]]) -> Iterator[str]:
    """``rows`` registered as the view ``geopol_rows`` with the columns of ``table``."""
    con.register("geopol_rows", arrow_table(table, rows))
    try:
        yield "geopol_rows"
    finally:
        with suppress(duckdb.Error):  # an aborted transaction refuses it; the caller's error matters
            con.unregister("geopol_rows")


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple[Any, ...]],
            verb: str = "INSERT") -> None:
    # One Arrow scan per table and batch: executemany binds row by row and took 30% of an ingest.
    if rows:
        with _view(con, table, rows) as view:
            con.execute(f"{verb} INTO {table} SELECT * FROM {view}")


def _last_by_key(rows: Iterable[tuple[Any, ...]], key: slice) -> list[tuple[Any, ...]]:
    """Rows with unique keys, the last one winning (one statement may not upsert a key twice)."""
    return list({row[key]: row for row in rows}.values())


def write_rows(con: duckdb.DuckDBPyConnection, batch: Batch) -> None:
    """Store ``batch`` in one transaction, replacing the rows of every article it holds."""
    ids = [r[0] for r in batch.rows["articles"]]
    sources = _last_by_key(batch.sources, slice(1, 3))
    con.execute("BEGIN TRANSACTION")
    try:
        # an article's rows are written with its articles row, so only stored articles have rows to
        # replace; skipping the deletes for new ones saves a scan of every table (half of a write)
        stored = con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                             [ids]).fetchall() if ids else []
        if stored:
            old = [row[0] for row in stored]
            for table in _PER_ARTICLE:
                con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [old])
            con.execute("DELETE FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [old])
        for table in ROW_TABLES:
            _insert(con, table, batch.rows[table])
        _insert(con, "sources", sources, "INSERT OR REPLACE")
        if sources:  # a position that now yields an article is no longer a reject
            with _view(con, "sources", sources) as view:
                con.execute(f"DELETE FROM rejects USING {view} k "
                            "WHERE rejects.source = k.source AND rejects.position = k.position")
        _insert(con, "signatures", _last_by_key(batch.signatures, slice(0, 1)), "INSERT OR REPLACE")
        _insert(con, "rejects", _last_by_key(batch.rejects, slice(0, 2)), "INSERT OR REPLACE")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def write_batch(con: duckdb.DuckDBPyConnection, coder: str,
                analyses: Iterable[tuple[Analysis, str, str, str]], rejects: Iterable[tuple[Reject, str]],
                sources: Iterable[tuple[str, str, str]] = (),
                signatures: Iterable[tuple[str, bytes]] = ()) -> None:
    """Store analyses (with source, position and story id), extra source rows (article id, source,
    position), MinHash signatures and rejects in one transaction."""
    batch = Batch()
    for analysis, source, position, story in analyses:
        batch.add_rows(with_story(article_rows(analysis, coder), story))
        batch.sources.append((analysis.article.id, source, position))
    batch.sources.extend(sources)
    batch.signatures.extend(signatures)
    batch.rejects.extend((r.source, position, r.kind, r.reason) for r, position in rejects)
    write_rows(con, batch)
