"""Queries across a whole store: filters, actor resolution, events, relations, and the ``Store`` API.

``Store(path)`` opens a store read-only; each method returns a pandas DataFrame (a polars one with
``as_polars=True``), in a deterministic order. Filters (keyword arguments of every method):

- ``actor`` (either side), ``source``, ``target``, ``dyad=(a, b)`` (both directions unless
  ``directed=True``): actor ids (``state:CHN``) or names and aliases ("China", "NATO",
  "Beijing"), resolved through the store's actors table and the knowledge base;
- ``type``: PLOVER types (``ACCUSE``) or CAMEO code prefixes (``"19"``, ``"036"``), one or many;
- ``quad_class``: 1-4; ``start``, ``end``: ISO dates, inclusive, on the event date (the article's
  publication date when the event has none);
- ``modality``: one or many of asserted, intended, recommended, hypothetical, negated, or
  ``"all"``; default: every modality but negated;
- ``claims``: include events only claimed by a third party (default ``False``, as in relations);
- ``level``: ``"all"`` sides (default for events, clusters, timelines) or ``"state"``: only
  states and IGOs (default for relations and shifts).

Relations across the store are recomputed from the dyad rows with the relation rules
(``data/relations/rules.tsv``: first matching row wins; negated events and third-party claims make
none), so they match the per-article ``relations`` table. A relation's ``weight`` sums, over its
distinct real-world events, the strongest modality weight (asserted 1, intended 0.75,
recommended 0.5, hypothetical 0.25): reports of the same relation between the same sides within
one day of each other (clustered as in :mod:`geopol.analysis.clusters`, keyed by kind) count
once, so duplicated reports do not inflate it. ``events`` counts distinct coded events and
``clusters`` distinct real-world events. Membership facts (``kind`` member, ``basis``
knowledge) come from the articles' membership rows and, for pairs of actors both present in the
store, from the knowledge base's dated memberships (``first``/``last`` = membership start/end,
``last`` empty while ongoing).

Limits: actor resolution matches whole names case-insensitively (no fuzzy matching; unknown
names get a did-you-mean); undated rows are excluded from timelines and date filters.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from geopol.analysis import QueryError, series
from geopol.analysis import clusters as clusters_mod
from geopol.analysis.clusters import Rows
from geopol.model import MODALITIES
from geopol.ontology.cameo import PLOVER_TYPES
from geopol.relations.rules import KINDS, MODALITY_WEIGHT, Rule, default_rules
from geopol.store.db import connect

DEFAULT_MODALITIES = tuple(m for m in MODALITIES if m != "negated")
LEVELS = ("all", "state")

# One row per dyad row (event x source side x target side); the input of clusters and series.
ROWS_SQL = """
    SELECT d.event_id, d.article_id, d.story, d.source, d.target, coalesce(d.date, a.published) AS day,
           d.cameo, d.root, d.plover, d.quad_class, d.goldstein, d.modality, d.claimed, e.pattern,
           1 + coalesce(json_array_length(e.evidence), 0) AS mentions
    FROM dyads d JOIN articles a ON a.id = d.article_id JOIN events e ON e.id = d.event_id
    WHERE {where}"""

EVENTS_SQL = """
    SELECT d.event_id, coalesce(d.date, a.published) AS date, d.source, d.target, d.cameo, d.plover,
           e.mode, e.context, d.quad_class, d.goldstein, d.modality, e.claimed_by, e.trigger, e.sentence,
           e.pattern, e.coder, d.article_id, d.story, a.title, a.url
    FROM dyads d JOIN articles a ON a.id = d.article_id JOIN events e ON e.id = d.event_id
    WHERE {where}
    ORDER BY date NULLS LAST, d.source, d.target, d.event_id"""


def _date(value: dt.date | str | None, name: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise QueryError(f"{name} {value!r} is not a date; write it as YYYY-MM-DD") from None


def _many(value: str | int | Iterable[Any] | None) -> tuple[Any, ...]:
    if value is None:
        return ()
    if isinstance(value, str | int):
        return (value,)
    return tuple(value)


def _suggest(value: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(choices), n=3, cutoff=0.6)
    return f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""


@dataclass(frozen=True)
class Filters:
    """Validated filters over dyad rows; actor fields hold resolved actor ids."""

    actor: str | None = None
    source: str | None = None
    target: str | None = None
    dyad: tuple[str, str] | None = None
    directed: bool = False
    types: tuple[str, ...] = ()
    quad_class: tuple[int, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    modality: tuple[str, ...] = DEFAULT_MODALITIES
    claims: bool = False
    level: str = "all"

    def common(self, table: str, unclaimed: str) -> tuple[list[str], dict[str, Any]]:
        """Conditions on modality, claims, types, quad class and dates over any table with
        ``modality``, ``cameo``, ``plover``, ``quad_class`` and ``date`` columns (aliased ``table``,
        joined to ``articles a``); ``unclaimed`` is the SQL saying a row is not a third-party claim.
        Shared by the dyad queries and the exports so that one filter means one thing."""
        conds = [f"list_contains($f_modality, {table}.modality)"]
        params: dict[str, Any] = {"f_modality": list(self.modality)}
        day = f"coalesce({table}.date, a.published)"
        if not self.claims:
            conds.append(unclaimed)
        if self.types:
            parts = []
            for i, t in enumerate(self.types):
                parts.append(f"starts_with({table}.cameo, $f_t{i})" if t.isdigit() else f"{table}.plover = $f_t{i}")
                params[f"f_t{i}"] = t
            conds.append("(" + " OR ".join(parts) + ")")
        if self.quad_class:
            conds.append(f"list_contains($f_quad, {table}.quad_class)")
            params["f_quad"] = list(self.quad_class)
        if self.start:
            conds.append(f"{day} >= $f_start")
            params["f_start"] = self.start
        if self.end:
            conds.append(f"{day} <= $f_end")
            params["f_end"] = self.end
        return conds, params

    def where(self) -> tuple[str, dict[str, Any]]:
        """A WHERE clause over ``dyads d`` / ``articles a`` with named parameters."""
        conds, params = self.common("d", "NOT d.claimed")
        if self.actor:
            conds.append("(d.source = $f_actor OR d.target = $f_actor)")
            params["f_actor"] = self.actor
        if self.source:
            conds.append("d.source = $f_source")
            params["f_source"] = self.source
        if self.target:
            conds.append("d.target = $f_target")
            params["f_target"] = self.target
        if self.dyad:
            pair = "(d.source = $f_a AND d.target = $f_b)"
            conds.append(pair if self.directed else f"({pair} OR (d.source = $f_b AND d.target = $f_a))")
            params["f_a"], params["f_b"] = self.dyad
        if self.level == "state":
            conds.append("(d.source LIKE 'state:%' OR d.source LIKE 'igo:%') "
                         "AND (d.target LIKE 'state:%' OR d.target LIKE 'igo:%')")
        return " AND ".join(conds), params

    def rows(self, fold: bool = False) -> Rows:
        """Dyad rows for clusters and series. With ``fold`` and an undirected dyad, rows are folded
        onto the pair (smaller id first), so a symmetric event ("A and B held talks") counts once
        in the pair's series; A->B and B->A reports of one root on the same days then merge."""
        where, params = self.where()
        sql = ROWS_SQL.format(where=where)
        if fold and self.dyad and not self.directed:
            sql = f"""
                SELECT * REPLACE (least(source, target) AS source, greatest(source, target) AS target)
                FROM ({sql}) AS directed_rows
                QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY source, target) = 1"""
        return sql, params


def make_filters(*, actor: str | None = None, source: str | None = None, target: str | None = None,
                 dyad: Sequence[str] | None = None, directed: bool = False,
                 type: str | Iterable[str] | None = None,  # noqa: A002 - the issue's name for it
                 quad_class: int | Iterable[Any] | None = None, start: dt.date | str | None = None,
                 end: dt.date | str | None = None, modality: str | Iterable[str] | None = None,
                 claims: bool = False, level: str = "all") -> Filters:
    """Validate raw filter values (actor fields must already be ids; see ``Store.filters``)."""
    types = []
    for t in _many(type):
        t = str(t).strip()
        if t.isdigit() and 2 <= len(t) <= 4:
            types.append(t)
        elif t.upper() in PLOVER_TYPES:
            types.append(t.upper())
        else:
            raise QueryError(f"event type {t!r} is neither a PLOVER type nor a CAMEO code prefix; use one of "
                             f"{', '.join(PLOVER_TYPES)} or digits such as 19 or 036"
                             f"{_suggest(t.upper(), PLOVER_TYPES)}")
    quads = []
    for q in _many(quad_class):
        try:
            value = int(q)
        except (TypeError, ValueError):
            value = 0
        if value not in (1, 2, 3, 4):
            raise QueryError(f"quad class {q!r} is invalid; "
                             "use 1 (verbal cooperation) to 4 (material conflict)")
        quads.append(value)
    mods = _many(modality)
    if mods == ("all",):
        mods = MODALITIES
    for m in mods:
        if m not in MODALITIES:
            raise QueryError(f"modality {m!r} is unknown; use {', '.join(MODALITIES)} or all"
                             f"{_suggest(m, MODALITIES)}")
    if level not in LEVELS:
        raise QueryError(f"level {level!r} is unknown; use all or state (states and IGOs only)")
    if dyad is not None and len(dyad) != 2:
        raise QueryError(f"dyad {dyad!r} must name exactly two actors")
    first, last = _date(start, "start"), _date(end, "end")
    if first and last and first > last:
        raise QueryError(f"start {first} is after end {last}; swap them")
    return Filters(actor=actor, source=source, target=target, dyad=(dyad[0], dyad[1]) if dyad else None,
                   directed=directed, types=tuple(types), quad_class=tuple(quads), start=first, end=last,
                   modality=tuple(mods) if mods else DEFAULT_MODALITIES, claims=claims, level=level)


# -- relations -------------------------------------------------------------------------------------

RELATION_COLUMNS = ["source", "source_name", "target", "target_name", "kind", "directed", "basis", "weight",
                    "events", "clusters", "articles", "first", "last", "event_ids"]


def _rule_sql(rules: tuple[Rule, ...]) -> tuple[str, str, str, dict[str, Any]]:
    """CASE expressions (kind, directed, modality weight) from the rules; values are parameters."""
    params: dict[str, Any] = {}
    kind, directed = [], []
    for i, rule in enumerate(rules):
        column = "pattern" if rule.field == "pattern" else "cameo"
        kind.append(f"WHEN starts_with({column}, $r_p{i}) THEN $r_k{i}")
        directed.append(f"WHEN starts_with({column}, $r_p{i}) THEN $r_d{i}")
        params.update({f"r_p{i}": rule.prefix, f"r_k{i}": rule.kind, f"r_d{i}": rule.directed})
    weight = []
    for i, (modality, w) in enumerate(sorted(MODALITY_WEIGHT.items())):
        weight.append(f"WHEN $r_m{i} THEN $r_w{i}")
        params.update({f"r_m{i}": modality, f"r_w{i}": w})
    return (f"CASE {' '.join(kind)} END", f"CASE {' '.join(directed)} END",
            f"CASE modality {' '.join(weight)} ELSE 0.0 END", params)


def event_relations(con: duckdb.DuckDBPyConnection, filters: Filters, rules: tuple[Rule, ...] | None = None,
                    window: int = 1) -> pd.DataFrame:
    """Relations implied by events across the store (see the module docstring for weights)."""
    mods = tuple(m for m in filters.modality if m != "negated")
    filters = replace(filters, claims=False, modality=mods or ("asserted",))
    rows_sql, params = filters.rows()
    kind_sql, dir_sql, weight_sql, rule_params = _rule_sql(rules or default_rules())
    # The rules are evaluated once per distinct (pattern, code), not once per row.
    rel_rows = f"""
        WITH base AS (SELECT event_id, article_id, day, source, target, pattern, cameo, modality
                      FROM ({rows_sql}) r),
        ruled AS (SELECT pattern, cameo, {kind_sql} AS kind, {dir_sql} AS directed
                  FROM (SELECT DISTINCT pattern, cameo FROM base))
        SELECT b.event_id, b.article_id, b.day, {weight_sql.replace("modality", "b.modality")} AS w, ru.kind,
               ru.directed,
               CASE WHEN ru.directed OR b.source <= b.target THEN b.source ELSE b.target END AS source,
               CASE WHEN ru.directed OR b.source <= b.target THEN b.target ELSE b.source END AS target
        FROM base b JOIN ruled ru ON ru.pattern = b.pattern AND ru.cameo = b.cameo
        WHERE ru.kind IS NOT NULL"""
    # A symmetric event gives two rows folding onto one undirected pair, hence the DISTINCT counts.
    sql = f"""
        WITH a AS ({clusters_mod.assign_sql(rel_rows, "kind")}),
        per_cluster AS (SELECT source, target, kind, cluster_id, max(w) AS w FROM a
                        GROUP BY source, target, kind, cluster_id),
        weights AS (SELECT source, target, kind, round(sum(w), 3) AS weight, count(*) AS clusters
                    FROM per_cluster GROUP BY source, target, kind),
        facts AS (SELECT source, target, kind, bool_or(directed) AS directed,
                         count(DISTINCT event_id) AS events, count(DISTINCT article_id) AS articles,
                         min(day) AS first, max(day) AS last,
                         list_sort(list_distinct(list(event_id))) AS event_ids
                  FROM a GROUP BY source, target, kind)
        SELECT source, target, kind, directed, 'events' AS basis, weight, events, clusters, articles, first,
               last, event_ids
        FROM facts JOIN weights USING (source, target, kind)"""
    return con.execute(sql, {**params, **rule_params, "window": clusters_mod.check_window(window)}).df()


@lru_cache(maxsize=1)
def _kb() -> Any:
    """The shipped knowledge base, loaded once per process (~0.1 s)."""
    from geopol.actors.kb import load_kb

    return load_kb()


@lru_cache(maxsize=1)
def _kb_memberships() -> tuple[tuple[str, str, dt.date | None, dt.date | None], ...]:
    kb = _kb()
    out = []
    for m in kb.memberships:
        member = f"igo:{m.member}" if m.member in kb.igos else f"state:{m.member}"
        out.append((member, f"igo:{m.group}", m.start, m.end))
    return tuple(sorted(out, key=lambda r: (r[0], r[1], r[2] or dt.date.min)))


def membership_relations(con: duckdb.DuckDBPyConnection, known: set[str], filters: Filters,
                         use_kb: bool = True) -> pd.DataFrame:
    """Member relations from the articles' membership rows and the knowledge base."""
    params: dict[str, Any] = {}
    cond = ""
    if filters.start:
        cond += " AND coalesce(r.first, a.published) >= $start"
        params["start"] = filters.start
    if filters.end:
        cond += " AND coalesce(r.first, a.published) <= $end"
        params["end"] = filters.end
    stored = con.execute(f"""
        SELECT r.source, r.target, min(coalesce(r.first, a.published)) AS first,
               max(coalesce(r.last, a.published)) AS last, count(DISTINCT r.article_id) AS articles
        FROM relations r JOIN articles a ON a.id = r.article_id
        WHERE r.basis = 'knowledge' AND r.kind = 'member'{cond} GROUP BY ALL""", params).fetchall()
    facts: dict[tuple[str, str], dict[str, Any]] = {}
    for src, tgt, first, last, articles in stored:
        facts[(src, tgt)] = {"first": first, "last": last, "articles": articles}
    if use_kb:
        spans: dict[tuple[str, str], list[tuple[dt.date | None, dt.date | None]]] = {}
        for member, group, start, end in _kb_memberships():
            if member not in known or group not in known:
                continue
            after = filters.end and start and start > filters.end
            before = filters.start and end and end < filters.start
            if after or before:
                continue
            spans.setdefault((member, group), []).append((start, end))
        for pair, terms in spans.items():
            starts = [s for s, _ in terms]
            ends = [e for _, e in terms]
            entry = facts.setdefault(pair, {"articles": 0})
            entry["first"] = None if None in starts else min(s for s in starts if s)
            entry["last"] = None if None in ends else max(e for e in ends if e)
    rows = [{"source": s, "target": t, "kind": "member", "directed": True, "basis": "knowledge",
             "weight": 1.0, "events": 0, "clusters": 0, "articles": f["articles"], "first": f.get("first"),
             "last": f.get("last"), "event_ids": []} for (s, t), f in sorted(facts.items())]
    out = pd.DataFrame(rows, columns=[c for c in RELATION_COLUMNS if not c.endswith("_name")])
    for col in ("first", "last"):
        out[col] = pd.to_datetime(out[col])
    return out


# -- the Python API --------------------------------------------------------------------------------

def _lists(df: pd.DataFrame) -> pd.DataFrame:
    """DuckDB gives list columns as numpy arrays; turn them into Python lists."""
    for col in df.columns:
        if df[col].dtype == object:
            first = next((v for v in df[col] if v is not None), None)
            if first is not None and hasattr(first, "tolist"):
                df[col] = [v.tolist() if hasattr(v, "tolist") else v for v in df[col]]
    return df


def _out(df: pd.DataFrame, as_polars: bool) -> Any:
    df = _lists(df.reset_index(drop=True))
    if as_polars:
        import polars as pl

        return pl.from_pandas(df)
    return df


class Store:
    """A store opened read-only for queries; use as a context manager or call ``close()``."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.con = connect(self.path, read_only=True)
        # connect() reads the schema version with fetchone(), which leaves a result pending; DuckDB
        # refuses relation methods (``con.sql(...)``) until it is consumed.
        self.con.execute("SELECT 1").fetchall()
        self._names: dict[str, str] | None = None
        self._known: set[str] | None = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- actors ------------------------------------------------------------------------------------
    @property
    def names(self) -> dict[str, str]:
        """Actor id -> display name (the alphabetically first name the store gives it)."""
        if self._names is None:
            self._names = dict(self.con.execute(
                "SELECT actor_id, min(name) FROM actors GROUP BY actor_id ORDER BY actor_id").fetchall())
        return self._names

    @property
    def known(self) -> set[str]:
        """Every actor id in the store, including dyad sides."""
        if self._known is None:
            self._known = {r[0] for r in self.con.execute(
                "SELECT actor_id FROM actors UNION SELECT source FROM dyads UNION SELECT target FROM dyads"
            ).fetchall()}
        return self._known

    def resolve(self, actor: str) -> str:
        """An actor id from an id (``state:CHN``), ISO3 code, name or alias ("China", "NATO", "Beijing")."""
        text = " ".join(str(actor).split())
        if not text:
            raise QueryError("empty actor name; give an id such as state:CHN or a name such as China")
        known = self.known
        if text in known:
            return text
        if ":" in text:
            prefix, _, rest = text.partition(":")
            prefix = prefix.lower()
            fixed = f"{prefix}:{rest.upper() if prefix in ('state', 'igo', 'agent') else rest}"
            if fixed in known:
                return fixed
        elif text.isalpha() and len(text) == 3 and f"state:{text.upper()}" in known:
            return f"state:{text.upper()}"
        low = text.lower()
        candidates = {aid for aid, name in self.names.items() if name.lower() == low}
        candidates |= {aid for aid in _kb_ids(low) if aid in known}
        if not candidates:
            candidates = {r[0] for r in self.con.execute(
                "SELECT DISTINCT actor_id FROM mentions WHERE lower(text) = $t", {"t": low}).fetchall()}
        top = {c for c in candidates if c.startswith(("state:", "igo:"))} or candidates
        if len(top) == 1:
            return next(iter(top))
        if top:
            raise QueryError(f"actor {text!r} is ambiguous: {', '.join(sorted(top))}; give one of these ids")
        choices = sorted(known | set(self.names.values()))
        hint = _suggest(text, choices) or "; list actors with geopol summary"
        raise QueryError(f"no actor {text!r} in {self.path}{hint}")

    def filters(self, **raw: Any) -> Filters:
        """Filters from keyword arguments, with actor names resolved to ids."""
        for key in ("actor", "source", "target"):
            if raw.get(key):
                raw[key] = self.resolve(raw[key])
        if raw.get("dyad"):
            raw["dyad"] = tuple(self.resolve(a) for a in raw["dyad"])
        return make_filters(**raw)

    def _named(self, df: pd.DataFrame, after: dict[str, str]) -> pd.DataFrame:
        for col, name_col in after.items():
            names = df[col].map(self.names)
            df.insert(df.columns.get_loc(col) + 1, name_col, names.where(names.notna(), df[col]))
        return df

    # -- queries -----------------------------------------------------------------------------------
    def events(self, *, limit: int | None = None, as_polars: bool = False, **filters: Any) -> Any:
        """Event rows (one per event and rolled-up source/target side) matching the filters."""
        where, params = self.filters(**filters).where()
        sql = EVENTS_SQL.format(where=where)
        if limit is not None:
            if limit < 0:
                raise QueryError(f"limit {limit} is negative; give 0 or more")
            sql += " LIMIT $limit"
            params["limit"] = limit
        df = self.con.execute(sql, params).df()
        return _out(self._named(df, {"source": "source_name", "target": "target_name"}), as_polars)

    def relations(self, *, kind: str | Iterable[str] | None = None, min_weight: float = 0.0,
                  memberships: bool = True, window: int = 1, as_polars: bool = False, **filters: Any) -> Any:
        """Relations between actors aggregated across the store (see the module docstring)."""
        filters.setdefault("level", "state")
        f = self.filters(**filters)
        kinds = tuple(_many(kind))
        for k in kinds:
            if k not in KINDS:
                raise QueryError(f"relation kind {k!r} is unknown; use one of {', '.join(KINDS)}"
                                 f"{_suggest(k, KINDS)}")
        parts = [event_relations(self.con, f, window=window)]
        if memberships and not f.types and not f.quad_class and (not kinds or "member" in kinds):
            parts.append(membership_relations(self.con, self.known, f))
        df = pd.concat([p for p in parts if not p.empty], ignore_index=True) if any(
            not p.empty for p in parts) else parts[0]
        keep = pd.Series(True, index=df.index)
        if kinds:
            keep &= df["kind"].isin(kinds)
        if f.actor:
            keep &= (df["source"] == f.actor) | (df["target"] == f.actor)
        if f.source:
            keep &= df["source"] == f.source
        if f.target:
            keep &= df["target"] == f.target
        if f.dyad:
            a, b = f.dyad
            fwd = (df["source"] == a) & (df["target"] == b)
            keep &= fwd if f.directed else fwd | ((df["source"] == b) & (df["target"] == a))
        if f.level == "state":
            for side in ("source", "target"):
                keep &= df[side].str.startswith("state:") | df[side].str.startswith("igo:")
        keep &= df["weight"] >= min_weight
        df = df[keep].sort_values(["weight", "source", "target", "kind"], ascending=[False, True, True, True])
        df = self._named(df.reset_index(drop=True), {"source": "source_name", "target": "target_name"})
        return _out(df[RELATION_COLUMNS], as_polars)

    def clusters(self, *, window: int = 1, key: str = "root", as_polars: bool = False, **filters: Any) -> Any:
        """Cross-article event clusters (see :mod:`geopol.analysis.clusters`)."""
        df = clusters_mod.clusters(self.con, self.filters(**filters).rows(), window=window, key=key)
        return _out(self._named(df, {"source": "source_name", "target": "target_name"}), as_polars)

    def timeline(self, a: str, b: str, freq: str = "month", *, directed: bool = False, by: str | None = None,
                 window: int = 1, key: str = "root", as_polars: bool = False, **filters: Any) -> Any:
        """The A-B dyad's series per period (both directions unless ``directed``), on clusters."""
        f = self.filters(dyad=(a, b), directed=directed, **filters)
        df = series.timeline(self.con, f.rows(fold=True), freq=freq, by=by, window=window, key=key,
                             start=f.start, end=f.end)
        return _out(df, as_polars)

    def actor_timeline(self, a: str, freq: str = "month", *, role: str = "any", by: str | None = None,
                       window: int = 1, key: str = "root", as_polars: bool = False, **filters: Any) -> Any:
        """One actor's series per period: events where it is source, target or either (``role``)."""
        roles = {"any": "actor", "source": "source", "target": "target"}
        if role not in roles:
            raise QueryError(f"role {role!r} is unknown; use any, source or target")
        f = self.filters(**{roles[role]: a}, **filters)
        df = series.timeline(self.con, f.rows(), freq=freq, by=by, window=window, key=key,
                             start=f.start, end=f.end)
        return _out(df, as_polars)

    def shifts(self, freq: str = "month", *, recent: int = 3, baseline: int = 12, threshold: float = 2.0,
               min_events: int = 3, metric: str = "goldstein", all_dyads: bool = False, window: int = 1,
               as_polars: bool = False, **filters: Any) -> Any:
        """Dyads whose recent periods depart from their baseline (see :func:`series.shifts`)."""
        filters.setdefault("level", "state")
        f = self.filters(**filters)
        df = series.shifts(self.con, f.rows(), freq=freq, recent=recent, baseline=baseline,
                           threshold=threshold, min_events=min_events, metric=metric, all_dyads=all_dyads,
                           window=window, end=f.end)
        return _out(self._named(df, {"source": "source_name", "target": "target_name"}), as_polars)


@lru_cache(maxsize=1)
def _kb_index() -> dict[str, frozenset[str]]:
    """Lower-cased knowledge-base surface names -> actor ids (states, IGOs, groups, metonyms)."""
    kb = _kb()
    prefix = {"state": "state", "metonym": "state", "igo": "igo", "group": "group"}
    index: dict[str, set[str]] = {}
    for surface, refs in kb.names.items():
        for ref in refs:
            if ref.kind in prefix and not ref.ambiguous:
                index.setdefault(surface.lower(), set()).add(f"{prefix[ref.kind]}:{ref.key}")
    return {k: frozenset(v) for k, v in index.items()}


def _kb_ids(name: str) -> frozenset[str]:
    return _kb_index().get(name.removeprefix("the "), frozenset())
