"""Events as PLOVER JSON Lines: one record per coded event, PLOVER's field names.

Two field-name styles (docs/exports.md has the full mapping):

- ``manual`` (default): the JSON field table of the PLOVER manual (draft 0.7b1): ``id``,
  ``date``, ``source`` and ``recipient`` (lists of actor objects with ``code``, ``sector``,
  ``actor_text``, ``identifier_id``, ``identifier_text``, ``office``), ``event`` (a list),
  ``mode``, ``context`` (a list), ``event_text``, ``quad_code``, ``event_scale``, ``text``,
  ``text_info``, ``cite_info``, ``coder``;
- ``gsr``: the names of PLOVER's gold-standard records (``target``, ``eventText``,
  ``actorText``, ``event`` as a string).

geopol's own fields are added as extensions, as the spec allows: ``cameo``, ``modality``,
``claimed_by``, ``pattern``, ``article_id``. Null fields are left out.

Limits: events without a PLOVER type (CAMEO 01 statements and 02 appeals, which PLOVER drops)
are skipped; ``event_scale`` is the Goldstein weight of the CAMEO code (PLOVER defines no scale of
its own); there are no locations, sizes or coding timestamps; the filters that need rolled-up
sides (``source``, ``target``, ``dyad``, ``level``) do not apply, ``actor`` matches an event whose
source or target is the actor or acts for it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

import duckdb

from geopol.analysis import QueryError
from geopol.analysis.query import Filters

STYLES = ("manual", "gsr")

# PLOVER's quad categories (manual, "PLOVER quad categories"), with the 2021 type names.
PLOVER_QUAD = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2, "INVESTIGATE": 2,
    "REQUEST": 3, "DEMAND": 3, "ACCUSE": 3, "REJECT": 3, "SANCTION": 3, "THREATEN": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4, "FIGHT": 4,
}

_EVENTS_SQL = """
    SELECT e.id, coalesce(e.date, a.published) AS day, e.source, e.target, e.cameo, e.plover, e.mode,
           e.context, e.goldstein, e.modality, e.claimed_by, e.pattern, e.trigger, e.sentence,
           e.sentence_start, e.sentence_end, e.coder, e.article_id, a.title, a.url, a.language
    FROM events e JOIN articles a ON a.id = e.article_id
    WHERE e.plover IS NOT NULL AND {where}
    ORDER BY day NULLS LAST, e.id"""

_ACTORS_SQL = """
    WITH ev AS (SELECT e.id, e.article_id, e.sentence_start, e.sentence_end,
                       unnest(list_concat(e.source, e.target)) AS actor_id
                FROM events e JOIN articles a ON a.id = e.article_id
                WHERE e.plover IS NOT NULL AND {where}),
    said AS (SELECT ev.id, ev.actor_id, first(m.text ORDER BY m.start_char) AS text
             FROM ev JOIN mentions m ON m.article_id = ev.article_id AND m.actor_id = ev.actor_id
                  AND m.start_char >= ev.sentence_start AND m.end_char <= ev.sentence_end
             GROUP BY ALL)
    SELECT ev.id, ev.actor_id, ac.name, ac.country, ac.sector, ac.cameo, ac.roles, said.text
    FROM ev LEFT JOIN actors ac ON ac.article_id = ev.article_id AND ac.actor_id = ev.actor_id
    LEFT JOIN said ON said.id = ev.id AND said.actor_id = ev.actor_id"""


def _where(f: Filters) -> tuple[str, dict[str, Any]]:
    """The filters over ``events e``: events are not split into dyads here, so events with no
    target are exported too; an actor matches a raw id of the event or one of its dyad sides."""
    if f.source or f.target or f.dyad or f.level != "all":
        raise QueryError("the PLOVER export filters on actor, type, quad class, dates and modality only; "
                         "drop source/target/dyad/level")
    conds, params = f.common("e", "e.claimed_by IS NULL")
    if f.actor:
        conds.append("(list_contains(e.source, $f_actor) OR list_contains(e.target, $f_actor) OR e.id IN "
                     "(SELECT event_id FROM dyads WHERE source = $f_actor OR target = $f_actor))")
        params["f_actor"] = f.actor
    return " AND ".join(conds), params


def _actor(info: dict[str, Any], actor_id: str, style: str) -> dict[str, Any]:
    cameo = info.get("cameo") or ""
    code = info.get("country") or (cameo[:3] if cameo else None)
    roles = info.get("roles")
    obj = {
        "code": code,
        "sector": info.get("sector"),
        "actor_text" if style == "manual" else "actorText": info.get("text") or info.get("name"),
        "identifier_id": actor_id,
        "identifier_text": info.get("name"),
        "office": roles[0] if roles is not None and len(roles) else None,
    }
    return {k: v for k, v in obj.items() if v is not None}


def plover_records(con: duckdb.DuckDBPyConnection, filters: Filters,
                   style: str = "manual") -> Iterator[dict[str, Any]]:
    """PLOVER records of the events matching ``filters``, ordered by date and id."""
    if style not in STYLES:
        raise QueryError(f"PLOVER style {style!r} is unknown; use manual or gsr")
    where, params = _where(filters)
    actors: dict[tuple[str, str], dict[str, Any]] = {}
    cur = con.execute(_ACTORS_SQL.format(where=where), params)
    for event_id, actor_id, name, country, sector, cameo, roles, text in cur.fetchall():
        actors[(event_id, actor_id)] = {"name": name, "country": country, "sector": sector, "cameo": cameo,
                                        "roles": roles, "text": text}
    cur = con.execute(_EVENTS_SQL.format(where=where), params)
    names = [d[0] for d in cur.description]
    while batch := cur.fetchmany(1000):
        for row in batch:
            yield _record(dict(zip(names, row, strict=True)), actors, style)


def _record(e: dict[str, Any], actors: dict[tuple[str, str], dict[str, Any]], style: str) -> dict[str, Any]:
    manual = style == "manual"
    contexts = [c for c in (e["context"] or "").split("|") if c]
    src = [_actor(actors.get((e["id"], a), {}), a, style) for a in e["source"]]
    tgt = [_actor(actors.get((e["id"], a), {}), a, style) for a in e["target"]]
    record: dict[str, Any] = {
        "id": e["id"],
        "date": e["day"].isoformat() if e["day"] else None,
        "source": src or None,
        ("recipient" if manual else "target"): tgt or None,
        "event": [e["plover"]] if manual else e["plover"],
        "mode": e["mode"],
        "context": (contexts if manual else "|".join(contexts)) or None,
        ("event_text" if manual else "eventText"): [e["trigger"]] if manual else e["trigger"],
        "quad_code": PLOVER_QUAD.get(e["plover"]),
        "event_scale": e["goldstein"],
        "text": e["sentence"],
    }
    if manual:
        record["text_info"] = {"start": e["sentence_start"], "end": e["sentence_end"]}
        cite = {"url": e["url"], "title": e["title"], "language": e["language"], "citation": e["article_id"]}
        record["cite_info"] = {k: v for k, v in cite.items() if v is not None}
    else:
        record["language"] = e["language"]
        record["url"] = e["url"]
    record.update(coder=e["coder"], cameo=e["cameo"], modality=e["modality"], claimed_by=e["claimed_by"],
                  pattern=e["pattern"], article_id=e["article_id"])
    return {k: v for k, v in record.items() if v is not None}


def write_plover(con: duckdb.DuckDBPyConnection, out: TextIO, filters: Filters, style: str = "manual") -> int:
    """Write PLOVER JSON Lines to ``out``; returns the number of records."""
    n = 0
    for record in plover_records(con, filters, style):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n
