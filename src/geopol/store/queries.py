"""Read-only queries over a store, returned as plain records (lists of dicts)."""

from __future__ import annotations

from typing import Any

import duckdb


def _dicts(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    cur = con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    out = {}
    for table in ("articles", "sources", "events", "quotes", "relations", "rejects"):
        row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
        out[table] = int(row[0]) if row else 0
    row = con.execute("SELECT count(DISTINCT story) FROM articles").fetchone()
    out["stories"] = int(row[0]) if row else 0
    row = con.execute("SELECT count(DISTINCT actor_id) FROM actors").fetchone()
    out["actors"] = int(row[0]) if row else 0
    return out


def top_actors(con: duckdb.DuckDBPyConnection, limit: int = 10) -> list[dict[str, Any]]:
    return _dicts(con, """
        SELECT actor_id, any_value(name ORDER BY name) AS name, any_value(kind ORDER BY kind) AS kind,
               count(DISTINCT article_id) AS articles, sum(mentions) AS mentions
        FROM actors WHERE mentions > 0 GROUP BY actor_id
        ORDER BY articles DESC, mentions DESC, actor_id LIMIT ?""", [limit])


def top_dyads(con: duckdb.DuckDBPyConnection, limit: int = 10) -> list[dict[str, Any]]:
    return _dicts(con, """
        SELECT source, target, count(DISTINCT event_id) AS events, count(DISTINCT story) AS stories,
               round(sum(goldstein), 1) AS goldstein
        FROM dyads WHERE NOT claimed AND modality <> 'negated'
        GROUP BY source, target ORDER BY events DESC, source, target LIMIT ?""", [limit])


def relations(con: duckdb.DuckDBPyConnection, limit: int = 20) -> list[dict[str, Any]]:
    return _dicts(con, """
        SELECT source, target, kind, round(sum(weight), 2) AS weight, count(DISTINCT article_id) AS articles,
               min(first) AS first, max(last) AS last
        FROM relations GROUP BY source, target, kind
        ORDER BY weight DESC, source, target, kind LIMIT ?""", [limit])


def rejects(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    return _dicts(con, "SELECT source, position, kind, reason FROM rejects ORDER BY source, position")


def names(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return {row[0]: row[1] for row in con.execute(
        "SELECT actor_id, min(name) FROM actors GROUP BY actor_id").fetchall()}
