"""Cross-article event clusters: one real-world event reported by many articles is counted once.

Method (deterministic, pure SQL over the rows a query selects):

1. Rows are dyad rows (one per event and rolled-up source side and target side). They are grouped
   by ``(source, target, key)``, where ``key`` is the CAMEO root (default, ``"root"``) or the
   PLOVER type (``"plover"``; events without one fall back to their root).
2. Within a group, rows sorted by date are linked when consecutive dates are at most ``window``
   days apart (single linkage; ``window=1`` is "the same day, the day before or the day after").
3. A linked run longer than ``2 * window + 1`` days is cut into consecutive chunks of that length
   from its first date, so a dyad fighting every day does not collapse into one event.
4. Each chunk is one cluster. Its date is its first day; its code is the most frequent full CAMEO
   code among its rows (ties: the smallest code), and ``plover``, ``quad_class`` and
   ``goldstein`` are that code's; its modality is the strongest among its rows (asserted,
   intended, recommended, hypothetical, negated).

Counts follow GDELT's: ``mentions`` is the number of sentences reporting the event (each event's
sentence plus its evidence sentences, summed over the cluster), ``articles`` the distinct
articles, ``stories`` the distinct near-duplicate groups, ``sources`` the distinct outlets (the
host of the article URL without ``www.``, else the file or stream the article was read from).

The cluster id is the first 16 hex digits of ``md5(source|target|key|first day)``: identical for
identical data, across runs and machines. Adding an earlier report to a cluster changes its first
day and hence its id.

Limits: rows without a date (neither an event date nor a publication date) are never merged;
each is its own cluster, keyed by its event id. Locations are not compared (geopol does not
geocode), so two same-day clashes between the same sides in different places are one cluster.
Modality is not part of the key, so "will meet" and "met" reported a day apart merge. Clusters are
computed over the selected rows, so a date range that cuts a cluster splits it.
"""

from __future__ import annotations

from typing import Any

import duckdb
import pandas as pd

from geopol.analysis import QueryError

# A SQL subquery yielding dyad rows (see ``geopol.analysis.query.ROW_COLUMNS``) and its named
# parameters. Built only from constant SQL fragments and ``$name`` placeholders.
Rows = tuple[str, dict[str, Any]]

KEYS = ("root", "plover")
# SQL for each key: constants, never user text. ``kind`` serves relation clustering.
_KEY_SQL = {"root": "root", "plover": "coalesce(plover, root)", "kind": "kind"}
_MODALITIES = "['asserted', 'intended', 'recommended', 'hypothetical', 'negated']"
_MODALITY_RANK = f"list_position({_MODALITIES}, modality)"
# The host of a URL, without "www." (group 2).
_HOST = "^[A-Za-z][A-Za-z0-9+.-]*://(www\\.)?([^/:?#]+)"


def check_window(window: int) -> int:
    if not isinstance(window, int) or isinstance(window, bool) or not 0 <= window <= 30:
        raise QueryError(f"cluster window {window!r} is invalid; give a whole number of days from 0 to 30")
    return window


def assign_sql(rows_sql: str, key: str = "root") -> str:
    """SQL selecting every row of ``rows_sql`` plus ``ckey``, ``cluster_day`` and ``cluster_id``.

    Needs the ``$window`` parameter. ``key`` is one of ``root``, ``plover`` (or ``kind`` for
    relation rows, which carry a ``kind`` column).
    """
    if key not in _KEY_SQL:
        raise QueryError(f"cluster key {key!r} is unknown; use one of {', '.join(KEYS)}")
    # The linking runs on the distinct (group, day) pairs, the group being a 64-bit hash of
    # (source, target, key): sorting integers instead of strings keeps a 100,000-row store well
    # under a second. Ids still hash the strings, so a (vanishingly rare) hash collision could only
    # move a cluster boundary, never mix two dyads in one cluster.
    return f"""
        WITH ck AS MATERIALIZED (SELECT *, {_KEY_SQL[key]} AS ckey,
                                        hash(source, target, {_KEY_SQL[key]}) AS cgroup
                                 FROM ({rows_sql}) AS base),
        cd AS (SELECT DISTINCT cgroup, day FROM ck WHERE day IS NOT NULL),
        c1 AS (SELECT cgroup, day, CASE WHEN day - lag(day) OVER (PARTITION BY cgroup ORDER BY day) > $window
                                        THEN 1 ELSE 0 END AS brk FROM cd),
        c2 AS (SELECT cgroup, day,
                      sum(brk) OVER (PARTITION BY cgroup ORDER BY day ROWS UNBOUNDED PRECEDING) AS island
               FROM c1),
        c3 AS (SELECT cgroup, day, island,
                      (day - min(day) OVER (PARTITION BY cgroup, island)) // (2 * $window + 1) AS chunk
               FROM c2),
        c4 AS (SELECT cgroup, day, min(day) OVER (PARTITION BY cgroup, island, chunk) AS cluster_day FROM c3)
        SELECT ck.* EXCLUDE (cgroup), c4.cluster_day,
               substr(md5(concat_ws('|', ck.source, ck.target, ck.ckey,
                                    coalesce(CAST(c4.cluster_day AS VARCHAR), 'event:' || ck.event_id))),
                      1, 16) AS cluster_id
        FROM ck LEFT JOIN c4 ON c4.cgroup = ck.cgroup AND c4.day = ck.day"""


def cluster_ctes(rows_sql: str, key: str = "root", with_sources: bool = False,
                 with_lists: bool = True) -> str:
    """CTE definitions (to follow ``WITH``): ``assigned`` (each row with its cluster) and
    ``clusters`` (one row per cluster, columns of :data:`CLUSTER_COLUMNS`). Needs ``$window``."""
    # Within a cluster (one source and target) each event has one row, so only article ids repeat.
    lists = ("list_sort(list(event_id)) AS event_ids, "
             "list_sort(list_distinct(list(article_id))) AS article_ids" if with_lists
             else "NULL::VARCHAR[] AS event_ids, NULL::VARCHAR[] AS article_ids")
    outlets = ""
    sources_col = "NULL::BIGINT AS sources"
    sources_join = ""
    if with_sources:
        outlets = f"""
        outlet AS (
            SELECT a.id AS article_id,
                   coalesce(nullif(regexp_extract(a.url, '{_HOST}', 2), ''), s.source, a.id) AS outlet
            FROM articles a LEFT JOIN sources s ON s.article_id = a.id
            WHERE a.id IN (SELECT article_id FROM assigned)),
        cluster_sources AS (
            SELECT x.cluster_id, count(DISTINCT o.outlet) AS sources
            FROM (SELECT DISTINCT cluster_id, article_id FROM assigned) x JOIN outlet o USING (article_id)
            GROUP BY x.cluster_id),"""
        sources_col = "coalesce(cs.sources, 0) AS sources"
        sources_join = "LEFT JOIN cluster_sources cs USING (cluster_id)"
    return f"""
        assigned AS MATERIALIZED ({assign_sql(rows_sql, key)}),{outlets}
        codes AS (SELECT cluster_id, cameo, any_value(plover) AS plover, any_value(quad_class) AS quad_class,
                         any_value(goldstein) AS goldstein, count(*) AS n
                  FROM assigned GROUP BY cluster_id, cameo),
        best AS (SELECT cluster_id, cameo, plover, quad_class, goldstein FROM codes
                 QUALIFY row_number() OVER (PARTITION BY cluster_id ORDER BY n DESC, cameo) = 1),
        agg AS (SELECT cluster_id, any_value(source) AS source, any_value(target) AS target,
                       any_value(ckey) AS key,
                       min(day) AS date, max(day) AS last, min({_MODALITY_RANK}) AS modality_rank,
                       sum(mentions)::BIGINT AS mentions, count(*) AS events,
                       len(list_distinct(list(article_id))) AS articles,
                       len(list_distinct(list(story))) AS stories, {lists}
                FROM assigned GROUP BY cluster_id),
        clusters AS (
            SELECT agg.cluster_id, source, target, key, date, last, best.cameo,
                   substr(best.cameo, 1, 2) AS root, best.plover, best.quad_class, best.goldstein,
                   {_MODALITIES}[modality_rank] AS modality, mentions, articles, stories, {sources_col},
                   events, event_ids, article_ids
            FROM agg JOIN best USING (cluster_id) {sources_join})"""


def cluster_table_sql(rows_sql: str, key: str = "root", with_sources: bool = False) -> str:
    """SQL with one row per cluster (columns of :data:`CLUSTER_COLUMNS`). Needs ``$window``."""
    return f"""
        WITH {cluster_ctes(rows_sql, key, with_sources)}
        SELECT * FROM clusters ORDER BY date NULLS LAST, source, target, key, cluster_id"""


CLUSTER_COLUMNS = ("cluster_id", "source", "target", "key", "date", "last", "cameo", "root", "plover",
                   "quad_class", "goldstein", "modality", "mentions", "articles", "stories", "sources",
                   "events", "event_ids", "article_ids")


def clusters(con: duckdb.DuckDBPyConnection, rows: Rows, window: int = 1, key: str = "root",
             with_sources: bool = True) -> pd.DataFrame:
    """One row per cross-article event cluster among ``rows``, ordered by date, source, target."""
    sql, params = rows
    query = cluster_table_sql(sql, key, with_sources)
    return con.execute(query, {**params, "window": check_window(window)}).df()
