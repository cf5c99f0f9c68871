"""The SQL behind the web API, read-only and parameterized throughout.

Every value that comes from a request is a ``?`` parameter; the only text put into SQL is
chosen from constants in this module. Queries use the tables as ingest writes them, without
extra indexes: ``dyads`` (one row per event and side pair, people rolled up to the state or
IGO they act for) for timelines and counts, ``relations`` for the network, ``events`` for
event lists. Timelines and counts leave out negated events and third-party claims, as
``geopol summary`` does.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
from dataclasses import dataclass, field
from typing import Any

import duckdb

from geopol.ontology.cameo import Ontology
from geopol.store import queries as store_queries
from geopol.web.directory import Directory

# The relation kinds of data/relations/rules.tsv plus knowledge-based membership, from the
# friendliest to the most hostile; the network colours edges in this order.
RELATION_KINDS = (
    "member",
    "ally",
    "partner",
    "dialogue",
    "cooperation",
    "tension",
    "threat",
    "hostile",
    "conflict",
)
QUAD_LABELS = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
BUCKETS = ("day", "month", "year")
MAX_BUCKETS = 400
_COUNTED = "NOT claimed AND modality <> 'negated'"

_EVENT_COLUMNS = """
    e.id, e.article_id, a.title AS article_title, a.published, e.date, e.cameo, e.plover, e.quad_class,
    e.goldstein, e.modality, e.source, e.target, e.claimed_by, e.quote_id, e.sentence_start, e.sentence_end,
    e.sentence, e.trigger_start, e.trigger_end, e.trigger, e.pattern, e.coder, e.evidence"""


def _dicts(cur: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    cur.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


@dataclass(frozen=True, slots=True)
class Store:
    """What every request shares: the read-only connection, the directory, the ontology, and
    answers that depend on no parameter but the row count (the overview). The store cannot
    change while the app holds it open read-only (DuckDB refuses writers), so they never go stale."""

    con: duckdb.DuckDBPyConnection
    directory: Directory
    ontology: Ontology
    cache: dict[tuple[str, int], dict[str, Any]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Reader:
    """The queries of one request, on its own cursor of the shared connection."""

    def __init__(self, store: Store, cur: duckdb.DuckDBPyConnection) -> None:
        self.store = store
        self.cur = cur
        self.dir = store.directory

    # -- shaping ----------------------------------------------------------------------------------
    def cameo_name(self, code: str | None) -> str | None:
        if code and code in self.store.ontology:
            return self.store.ontology[code].name
        return None

    def event(self, row: dict[str, Any]) -> dict[str, Any]:
        evidence = json.loads(row["evidence"]) if row.get("evidence") else []
        return {
            "id": row["id"],
            "article": {
                "id": row["article_id"],
                "title": row["article_title"],
                "published": row["published"],
            },
            "date": row["date"],
            "cameo": row["cameo"],
            "cameo_name": self.cameo_name(row["cameo"]),
            "plover": row["plover"],
            "quad_class": row["quad_class"],
            "quad_label": QUAD_LABELS.get(row["quad_class"]),
            "goldstein": row["goldstein"],
            "modality": row["modality"],
            "source": [self.dir.brief(a) for a in row["source"] or []],
            "target": [self.dir.brief(a) for a in row["target"] or []],
            "claimed_by": self.dir.brief(row["claimed_by"]),
            "quote": row["quote_id"],
            "sentence": {"start": row["sentence_start"], "end": row["sentence_end"], "text": row["sentence"]},
            "trigger": {"start": row["trigger_start"], "end": row["trigger_end"], "text": row["trigger"]},
            "evidence": [{"start": s["start"], "end": s["end"], "text": s["text"]} for s in evidence],
            "pattern": row["pattern"],
            "coder": row["coder"],
        }

    def _events(
        self, where: str, params: list[Any], limit: int, offset: int = 0
    ) -> tuple[int, list[dict[str, Any]]]:
        """A page of the events matching ``where`` (over ``events e``), latest first, and their total.

        Two steps: the page's ids are found sorting only the sort columns, then only those rows
        are read whole and joined to their articles."""
        page = self.cur.execute(
            f"""
            SELECT e.id, count(*) OVER () FROM events e WHERE {where}
            ORDER BY e.date DESC NULLS LAST, e.article_id, e.sentence_start, e.id LIMIT ? OFFSET ?""",
            [*params, limit, offset],
        ).fetchall()
        if not page:
            if not offset:
                return 0, []
            row = self.cur.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()
            return (int(row[0]) if row else 0), []
        return int(page[0][1]), self._events_by_id([r[0] for r in page])

    def _events_by_id(self, ids: list[str]) -> list[dict[str, Any]]:
        """The events with these ids, whole and with their articles, in the order given."""
        if not ids:
            return []
        marks = ", ".join("?" * len(ids))
        rows = _dicts(
            self.cur,
            f"""
            SELECT {_EVENT_COLUMNS} FROM events e LEFT JOIN articles a ON a.id = e.article_id
            WHERE e.id IN ({marks})""",
            ids,
        )
        by_id = {r["id"]: r for r in rows}
        return [self.event(by_id[i]) for i in ids if i in by_id]

    def timeline(
        self,
        where: str,
        params: list[Any],
        forward: str,
        forward_params: list[Any],
        bucket: str | None,
        one_row_per_event: bool = False,
    ) -> dict[str, Any]:
        """Counted events per period in ``dyads`` rows matching ``where``; ``forward`` picks one side.

        An event counts once per direction (one with two targets is one event), and once in each
        direction when it runs both ways. ``one_row_per_event`` says the rows need no
        deduplication (a fixed pair has one row per event and direction). Days come from SQL;
        periods are summed here."""
        distinct = "" if one_row_per_event else "DISTINCT"
        rows = self.cur.execute(
            f"""
            WITH ev AS (
                SELECT {distinct} event_id, date, quad_class, goldstein, {forward} AS fwd
                FROM dyads WHERE ({where}) AND date IS NOT NULL AND {_COUNTED}
            )
            SELECT date, count(*) FILTER (WHERE quad_class <= 2), count(*) FILTER (WHERE quad_class >= 3),
                   count(*) FILTER (WHERE quad_class <= 2 AND fwd),
                   count(*) FILTER (WHERE quad_class >= 3 AND fwd),
                   sum(goldstein)
            FROM ev GROUP BY date ORDER BY date""",
            [*forward_params, *params],
        ).fetchall()
        if not rows:
            return {"bucket": bucket or "day", "buckets": []}
        first, last = rows[0][0], rows[-1][0]
        unit = bucket or _auto_bucket(first, last)
        if unit == "day" and (last - first).days < 6:  # a week at least, so a lone day has context
            first -= dt.timedelta(days=(6 - (last - first).days) // 2)
            last = first + dt.timedelta(days=6)
        while unit != "year" and len(_periods(first, last, unit)) >= MAX_BUCKETS:
            unit = BUCKETS[BUCKETS.index(unit) + 1]
        sums: dict[dt.date, list[float]] = {}
        for day, *values in rows:
            acc = sums.setdefault(_period_of(day, unit), [0, 0, 0, 0, 0.0])
            for i, v in enumerate(values):
                acc[i] += v or 0
        out = []
        for period in _periods(first, last, unit):
            coop, conf, fc, fk, gold = sums.get(period, [0, 0, 0, 0, 0.0])
            out.append(
                {
                    "start": period,
                    "cooperation": int(coop),
                    "conflict": int(conf),
                    "forward_cooperation": int(fc),
                    "forward_conflict": int(fk),
                    "goldstein": round(float(gold), 1),
                }
            )
        return {"bucket": unit, "buckets": out}

    # -- routes -----------------------------------------------------------------------------------
    def overview(self, limit: int) -> dict[str, Any]:
        """Counts, top actors and dyads, latest events and relation shifts; computed once per limit."""
        key = ("overview", limit)
        with self.store.lock:
            if key not in self.store.cache:
                self.store.cache[key] = self._overview(limit)
            return self.store.cache[key]

    def _overview(self, limit: int) -> dict[str, Any]:
        counts = store_queries.counts(self.cur)
        counts.pop("rejects", None)
        counts.pop("sources", None)
        # As store.queries.top_dyads, but the distinct counts run on the top pairs only.
        top = _dicts(
            self.cur,
            f"""
            WITH top AS (
                SELECT source, target, count(*) AS n FROM dyads WHERE {_COUNTED}
                GROUP BY source, target ORDER BY n DESC, source, target LIMIT ?
            )
            SELECT d.source, d.target, count(DISTINCT event_id) AS events, count(DISTINCT story) AS stories,
                   round(sum(goldstein), 1) AS goldstein
            FROM dyads d SEMI JOIN top USING (source, target) WHERE {_COUNTED}
            GROUP BY d.source, d.target ORDER BY events DESC, d.source, d.target""",
            [limit],
        )
        top_dyads = [
            {**r, "source": self.dir.brief(r["source"]), "target": self.dir.brief(r["target"])} for r in top
        ]
        _, latest = self._events("TRUE", [], limit)
        return {
            "counts": counts,
            "top_actors": [self.actor_row(a.id) for a in self.dir.top(limit)],
            "top_dyads": top_dyads,
            "latest_events": latest,
            "relation_shifts": self.relation_shifts(limit),
        }

    def actor_row(self, actor_id: str) -> dict[str, Any]:
        info = self.dir.get(actor_id)
        if info is None:
            return {
                "id": actor_id,
                "name": actor_id,
                "kind": None,
                "country": None,
                "region": None,
                "articles": 0,
                "mentions": 0,
            }
        return {
            "id": info.id,
            "name": info.name,
            "kind": info.kind,
            "country": info.country,
            "region": info.region,
            "articles": info.articles,
            "mentions": info.mentions,
        }

    def relation_shifts(self, limit: int) -> list[dict[str, Any]]:
        """The latest changes of a pair's dominant event-based relation kind ('from' null: first seen)."""
        rows = _dicts(
            self.cur,
            """
            WITH daily AS (
                SELECT source, target, coalesce(last, first) AS day, arg_max(kind, weight) AS kind,
                       arg_max(article_id, weight) AS article_id
                FROM relations WHERE basis = 'events' AND coalesce(last, first) IS NOT NULL
                GROUP BY source, target, day
            ), seq AS (
                SELECT *, lag(kind) OVER w AS previous, lag(day) OVER w AS since
                FROM daily WINDOW w AS (PARTITION BY source, target ORDER BY day)
            )
            SELECT source, target, day, kind, previous, since, article_id FROM seq
            WHERE previous IS NULL OR previous <> kind
            ORDER BY day DESC, source, target LIMIT ?""",
            [limit],
        )
        return [
            {
                "source": self.dir.brief(r["source"]),
                "target": self.dir.brief(r["target"]),
                "date": r["day"],
                "kind": r["kind"],
                "previous": r["previous"],
                "since": r["since"],
                "article": r["article_id"],
            }
            for r in rows
        ]

    def graph(
        self, start: dt.date | None, end: dt.date | None, kinds: list[str], region: str | None, limit: int
    ) -> dict[str, Any]:
        where = ["list_contains(?, kind)"]
        params: list[Any] = [kinds]
        if start is not None:
            where.append("coalesce(last, first) >= ?")
            params.append(start)
        if end is not None:
            where.append("coalesce(first, last) <= ?")
            params.append(end)
        if region is not None:
            members = self.dir.in_region(region)
            where.append("(list_contains(?, source) OR list_contains(?, target))")
            params += [members, members]
        rows = _dicts(
            self.cur,
            f"""
            SELECT source, target, kind, round(sum(weight), 2) AS weight, count(*) AS articles,
                   sum(len(events)) AS events, min(first) AS first, max(last) AS last,
                   bool_or(directed) AS directed
            FROM relations WHERE {" AND ".join(where)}
            GROUP BY source, target, kind
            ORDER BY weight DESC, articles DESC, source, target, kind LIMIT ?""",
            [*params, limit],
        )
        nodes: dict[str, dict[str, Any]] = {}
        for r in rows:
            for end_id in (r["source"], r["target"]):
                node = nodes.get(end_id)
                if node is None:
                    node = nodes[end_id] = {**self.actor_row(end_id), "degree": 0, "weight": 0.0}
                node["degree"] += 1
                node["weight"] = round(node["weight"] + r["weight"], 2)
        span = self.cur.execute(
            "SELECT min(coalesce(first, last)), max(coalesce(last, first)) FROM relations"
        ).fetchone()
        return {
            "nodes": sorted(nodes.values(), key=lambda n: n["id"]),
            "edges": [
                {**r, "source_name": self.dir.name(r["source"]), "target_name": self.dir.name(r["target"])}
                for r in rows
            ],
            "filters": {
                "kinds": self.graph_kinds(),
                "regions": self.dir.regions(),
                "first": span[0] if span else None,
                "last": span[1] if span else None,
            },
        }

    def graph_kinds(self) -> list[str]:
        """The relation kinds present in the store, friendliest first."""
        present = [
            r[0] for r in self.cur.execute("SELECT DISTINCT kind FROM relations ORDER BY kind").fetchall()
        ]
        return [k for k in RELATION_KINDS if k in present] + [k for k in present if k not in RELATION_KINDS]

    def actor(self, actor_id: str, bucket: str | None) -> dict[str, Any]:
        info = self.actor_row(actor_id)
        roles = _dicts(
            self.cur,
            """
            SELECT role, count(DISTINCT x.article_id) AS articles, min(a.published) AS first,
                   max(a.published) AS last
            FROM (SELECT article_id, unnest(roles) AS role FROM actors WHERE actor_id = ?) x
            LEFT JOIN articles a ON a.id = x.article_id
            GROUP BY role ORDER BY articles DESC, role""",
            [actor_id],
        )
        cur = self.cur
        affiliations = cur.execute(
            """
            SELECT affiliation, count(*) AS n FROM actors WHERE actor_id = ? AND affiliation IS NOT NULL
            GROUP BY affiliation ORDER BY n DESC, affiliation""",
            [actor_id],
        ).fetchall()
        members = cur.execute(
            """
            SELECT m, count(*) AS n FROM (SELECT unnest(members) AS m FROM actors WHERE actor_id = ?)
            GROUP BY m ORDER BY n DESC, m""",
            [actor_id],
        ).fetchall()
        people = cur.execute(
            """
            SELECT actor_id, count(*) AS n FROM actors WHERE affiliation = ?
            GROUP BY actor_id ORDER BY n DESC, actor_id LIMIT 50""",
            [actor_id],
        ).fetchall()
        relations = _dicts(
            cur,
            """
            SELECT CASE WHEN source = ? THEN target ELSE source END AS other,
                   CASE WHEN source = ? THEN 'out' ELSE 'in' END AS direction,
                   kind, round(sum(weight), 2) AS weight, count(*) AS articles,
                   min(first) AS first, max(last) AS last
            FROM relations WHERE source = ? OR target = ?
            GROUP BY ALL ORDER BY weight DESC, other, kind LIMIT 200""",
            [actor_id] * 4,
        )
        counterparts = _dicts(
            cur,
            f"""
            WITH ev AS (
                SELECT DISTINCT event_id, CASE WHEN source = ? THEN target ELSE source END AS other,
                       quad_class, goldstein
                FROM dyads WHERE (source = ? OR target = ?) AND {_COUNTED}
            )
            SELECT other, count(*) AS events, count(*) FILTER (WHERE quad_class <= 2) AS cooperation,
                   count(*) FILTER (WHERE quad_class >= 3) AS conflict, round(sum(goldstein), 1) AS goldstein
            FROM ev GROUP BY other ORDER BY events DESC, other LIMIT 50""",
            [actor_id] * 3,
        )
        quotes = _dicts(
            cur,
            """
            SELECT q.id, q.text, q.kind, q.cue, q.start_char, q.end_char, q.article_id, a.title, a.published
            FROM quotes q LEFT JOIN articles a ON a.id = q.article_id WHERE q.speaker = ?
            ORDER BY a.published DESC NULLS LAST, q.article_id, q.start_char LIMIT 100""",
            [actor_id],
        )
        return {
            "actor": info,
            "roles": roles,
            "affiliations": [{**self.dir.brief(a), "articles": n} for a, n in affiliations],  # type: ignore[dict-item]
            "members": [{**self.dir.brief(m), "articles": n} for m, n in members],  # type: ignore[dict-item]
            "people": [{**self.dir.brief(p), "articles": n} for p, n in people],  # type: ignore[dict-item]
            "relations": [{**r, "other": self.dir.brief(r["other"])} for r in relations],
            "counterparts": [{**r, "other": self.dir.brief(r["other"])} for r in counterparts],
            "timeline": self.timeline(
                "source = ? OR target = ?", [actor_id, actor_id], "source = ?", [actor_id], bucket
            ),
            "quotes": [
                {
                    "id": q["id"],
                    "text": q["text"],
                    "kind": q["kind"],
                    "cue": q["cue"],
                    "start": q["start_char"],
                    "end": q["end_char"],
                    "article": {"id": q["article_id"], "title": q["title"], "published": q["published"]},
                }
                for q in quotes
            ],
        }

    def dyad(self, a: str, b: str, bucket: str | None, limit: int) -> dict[str, Any]:
        pair = "(source = ? AND target = ?) OR (source = ? AND target = ?)"
        pair_params = [a, b, b, a]
        # one dyads row per event and ordered pair, so count(*) counts events
        summary = _dicts(
            self.cur,
            f"""
            SELECT source = ? AS forward, count(*) AS events,
                   count(*) FILTER (WHERE quad_class <= 2) AS cooperation,
                   count(*) FILTER (WHERE quad_class >= 3) AS conflict,
                   round(sum(goldstein), 1) AS goldstein, min(date) AS first, max(date) AS last
            FROM dyads WHERE ({pair}) AND {_COUNTED} GROUP BY forward""",
            [a, *pair_params],
        )
        sides = {True: "forward", False: "backward"}
        empty = {"events": 0, "cooperation": 0, "conflict": 0, "goldstein": 0.0, "first": None, "last": None}
        totals = {"forward": dict(empty), "backward": dict(empty)}
        for r in summary:
            totals[sides[bool(r.pop("forward"))]] = r
        relations = _dicts(
            self.cur,
            f"""
            SELECT source = ? AS forward, kind, round(sum(weight), 2) AS weight, count(*) AS articles,
                   min(first) AS first, max(last) AS last
            FROM relations WHERE {pair} GROUP BY ALL ORDER BY weight DESC, kind""",
            [a, *pair_params],
        )
        page = self.cur.execute(
            f"""
            SELECT event_id, count(*) OVER () FROM (
                SELECT event_id, any_value(date) AS date, any_value(article_id) AS article_id FROM dyads
                WHERE {pair} GROUP BY event_id)
            ORDER BY date DESC NULLS LAST, article_id, event_id LIMIT ?""",
            [*pair_params, limit],
        ).fetchall()
        total, events = (int(page[0][1]) if page else 0), self._events_by_id([r[0] for r in page])
        return {
            "a": self.actor_row(a),
            "b": self.actor_row(b),
            "totals": totals,
            "relations": [
                {**r, "direction": "forward" if r.pop("forward") else "backward"} for r in relations
            ],
            "timeline": self.timeline(pair, pair_params, "source = ?", [a], bucket, one_row_per_event=True),
            "events_total": total,
            "events": events,
        }

    def article(self, article_id: str) -> dict[str, Any] | None:
        rows = _dicts(
            self.cur,
            """
            SELECT id, title, subtitle, authors, published, url, language, text, coder, story
            FROM articles WHERE id = ?""",
            [article_id],
        )
        if not rows:
            return None
        article = rows[0]
        if article["url"] and not re.match(r"https?://", article["url"], re.IGNORECASE):
            article["url"] = None  # only web addresses become links; never javascript: or file:
        actors = _dicts(
            self.cur,
            """
            SELECT actor_id, name, kind, country, sector, cameo, roles, affiliation, members
            FROM actors WHERE article_id = ? ORDER BY name, actor_id""",
            [article_id],
        )
        mentions: dict[str, list[dict[str, Any]]] = {}
        for actor_id, start, end, text in self.cur.execute(
            "SELECT actor_id, start_char, end_char, text FROM mentions WHERE article_id = ? "
            "ORDER BY start_char",
            [article_id],
        ).fetchall():
            mentions.setdefault(actor_id, []).append({"start": start, "end": end, "text": text})
        quotes = _dicts(
            self.cur,
            """
            SELECT id, speaker, text, kind, start_char AS start, end_char AS "end", cue, flags
            FROM quotes WHERE article_id = ? ORDER BY start_char""",
            [article_id],
        )
        relations = _dicts(
            self.cur,
            """
            SELECT source, target, kind, weight, directed, basis FROM relations WHERE article_id = ?
            ORDER BY weight DESC, source, target, kind""",
            [article_id],
        )
        _, events = self._events("e.article_id = ?", [article_id], 10_000)
        events.sort(key=lambda e: (e["trigger"]["start"] or 0, e["id"]))
        return {
            "article": article,
            "actors": [
                {
                    "id": r["actor_id"],
                    "name": r["name"],
                    "kind": r["kind"],
                    "country": r["country"],
                    "sector": r["sector"],
                    "cameo": r["cameo"],
                    "roles": r["roles"] or [],
                    "affiliation": self.dir.brief(r["affiliation"]),
                    "members": [self.dir.brief(m) for m in r["members"] or []],
                    "mentions": mentions.get(r["actor_id"], []),
                }
                for r in actors
            ],
            "events": events,
            "quotes": [
                {**q, "speaker": self.dir.brief(q["speaker"]), "flags": q["flags"] or []} for q in quotes
            ],
            "relations": [
                {**r, "source": self.dir.brief(r["source"]), "target": self.dir.brief(r["target"])}
                for r in relations
            ],
        }

    def article_title(self, article_id: str) -> tuple[bool, str | None]:
        """Whether the article exists, and its title."""
        row = self.cur.execute("SELECT title FROM articles WHERE id = ?", [article_id]).fetchone()
        return (row is not None, row[0] if row else None)

    def search(self, q: str, limit: int) -> dict[str, Any]:
        actors = [self.actor_row(a.id) for a in self.dir.search(q, limit)]
        needle = q.lower()
        rows = _dicts(
            self.cur,
            """
            SELECT id, title, published, text, count(*) OVER () AS total FROM articles
            WHERE contains(lower(title), ?) OR contains(lower(text), ?)
            ORDER BY published DESC NULLS LAST, id LIMIT ?""",
            [needle, needle, limit],
        )
        articles = [
            {
                "id": r["id"],
                "title": r["title"],
                "published": r["published"],
                "snippet": _snippet(r["text"] or "", q),
            }
            for r in rows
        ]
        return {
            "query": q,
            "actors": actors,
            "articles": articles,
            "articles_total": int(rows[0]["total"]) if rows else 0,
        }

    def events(
        self,
        *,
        actor: str | None,
        source: str | None,
        target: str | None,
        article: str | None,
        start: dt.date | None,
        end: dt.date | None,
        cameo: str | None,
        quad_class: int | None,
        modality: str | None,
        limit: int,
        offset: int,
    ) -> dict[str, Any]:
        where: list[str] = []
        params: list[Any] = []
        if actor is not None:
            where.append(
                "(e.id IN (SELECT event_id FROM dyads WHERE source = ? OR target = ?) "
                "OR list_contains(e.source, ?) OR list_contains(e.target, ?) OR e.claimed_by = ?)"
            )
            params += [actor] * 5
        if source is not None:
            where.append(
                "(list_contains(e.source, ?) OR e.id IN (SELECT event_id FROM dyads WHERE source = ?))"
            )
            params += [source, source]
        if target is not None:
            where.append(
                "(list_contains(e.target, ?) OR e.id IN (SELECT event_id FROM dyads WHERE target = ?))"
            )
            params += [target, target]
        for column, value in (
            ("e.article_id = ?", article),
            ("e.date >= ?", start),
            ("e.date <= ?", end),
            ("starts_with(e.cameo, ?)", cameo),
            ("e.quad_class = ?", quad_class),
            ("e.modality = ?", modality),
        ):
            if value is not None:
                where.append(column)
                params.append(value)
        total, events = self._events(" AND ".join(where) or "TRUE", params, limit, offset)
        return {"total": total, "limit": limit, "offset": offset, "events": events}


def _snippet(text: str, q: str, width: int = 90) -> str:
    match = re.search(re.escape(q), text, re.IGNORECASE)
    if match is None:
        return text[: 2 * width].strip() + ("…" if len(text) > 2 * width else "")
    start, end = max(0, match.start() - width), min(len(text), match.end() + width)
    return ("…" if start else "") + " ".join(text[start:end].split()) + ("…" if end < len(text) else "")


def _period_of(day: dt.date, unit: str) -> dt.date:
    if unit == "day":
        return day
    return dt.date(day.year, day.month, 1) if unit == "month" else dt.date(day.year, 1, 1)


def _auto_bucket(first: dt.date | None, last: dt.date | None) -> str:
    if first is None or last is None or (last - first).days <= 92:
        return "day"
    return "month" if (last - first).days <= 3660 else "year"


def _periods(first: dt.date, last: dt.date, unit: str) -> list[dt.date]:
    """Every period start from ``first`` to ``last``, so charts show quiet periods as zero."""
    out: list[dt.date] = []
    if unit == "day":
        day = first
        while day <= last and len(out) < MAX_BUCKETS:
            out.append(day)
            day += dt.timedelta(days=1)
    elif unit == "month":
        y, m = first.year, first.month
        while (y, m) <= (last.year, last.month) and len(out) < MAX_BUCKETS:
            out.append(dt.date(y, m, 1))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    else:
        out = [dt.date(y, 1, 1) for y in range(first.year, last.year + 1)][:MAX_BUCKETS]
    return out
