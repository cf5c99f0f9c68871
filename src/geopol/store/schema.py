"""The DuckDB schema of a geopol store, its version and migrations.

One file holds every table. ``meta.schema_version`` says which schema the file has; opening a
file migrates older schemas forward step by step and refuses newer ones (written by a newer
geopol) with a clear error. Tables (all keyed by content hashes, so re-runs upsert):

- ``articles``: one row per distinct text (``id`` = content hash), with ``coder`` (the coder
  version that produced its rows) and ``story`` (the id of the first article of its
  near-duplicate group, itself when original);
- ``sources``: every place an article was read from (file, line, WARC offset): exact duplicates
  from several sources are one article with several source rows;
- ``signatures``: MinHash signatures for near-duplicate detection;
- ``actors``, ``mentions``, ``events``, ``quotes``, ``relations``: the per-article output of the
  pipeline (schema geopol/1 flattened);
- ``dyads``: one row per (event, source side, target side) with people and documents rolled up
  to the state or IGO they act for: the table relation and timeline queries read;
- ``rejects``: inputs that could not be coded, with source, position, kind and reason.
"""

from __future__ import annotations

import duckdb

SCHEMA_VERSION = 1

TABLES = ("articles", "sources", "signatures", "actors", "mentions", "events", "dyads", "quotes", "relations",
          "rejects")

DDL_V1 = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, title VARCHAR, subtitle VARCHAR, authors VARCHAR[], published DATE,
    url VARCHAR, language VARCHAR, text VARCHAR, coder VARCHAR, story VARCHAR
);
CREATE TABLE IF NOT EXISTS sources (
    article_id VARCHAR, source VARCHAR, position VARCHAR, PRIMARY KEY (source, position)
);
CREATE TABLE IF NOT EXISTS signatures (article_id VARCHAR PRIMARY KEY, minhash BLOB);
CREATE TABLE IF NOT EXISTS actors (
    article_id VARCHAR, actor_id VARCHAR, name VARCHAR, kind VARCHAR, country VARCHAR, sector VARCHAR,
    cameo VARCHAR, roles VARCHAR[], affiliation VARCHAR, members VARCHAR[], mentions INTEGER,
    PRIMARY KEY (article_id, actor_id)
);
CREATE TABLE IF NOT EXISTS mentions (
    article_id VARCHAR, actor_id VARCHAR, start_char INTEGER, end_char INTEGER, text VARCHAR,
    PRIMARY KEY (article_id, start_char, end_char, actor_id)
);
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY, article_id VARCHAR, source VARCHAR[], target VARCHAR[], cameo VARCHAR,
    plover VARCHAR, mode VARCHAR, context VARCHAR, goldstein DOUBLE, quad_class INTEGER, modality VARCHAR,
    claimed_by VARCHAR, quote_id VARCHAR, date DATE, sentence_start INTEGER, sentence_end INTEGER,
    sentence VARCHAR, trigger_start INTEGER, trigger_end INTEGER, trigger VARCHAR, coder VARCHAR,
    pattern VARCHAR, evidence VARCHAR
);
CREATE TABLE IF NOT EXISTS dyads (
    event_id VARCHAR, article_id VARCHAR, story VARCHAR, source VARCHAR, target VARCHAR, date DATE,
    cameo VARCHAR, root VARCHAR, plover VARCHAR, quad_class INTEGER, goldstein DOUBLE, modality VARCHAR,
    claimed BOOLEAN, PRIMARY KEY (event_id, source, target)
);
CREATE TABLE IF NOT EXISTS quotes (
    id VARCHAR PRIMARY KEY, article_id VARCHAR, speaker VARCHAR, text VARCHAR, kind VARCHAR,
    start_char INTEGER, end_char INTEGER, cue VARCHAR, flags VARCHAR[]
);
CREATE TABLE IF NOT EXISTS relations (
    article_id VARCHAR, source VARCHAR, target VARCHAR, kind VARCHAR, events VARCHAR[], weight DOUBLE,
    directed BOOLEAN, basis VARCHAR, first DATE, last DATE, PRIMARY KEY (article_id, source, target, kind)
);
CREATE TABLE IF NOT EXISTS rejects (
    source VARCHAR, position VARCHAR, kind VARCHAR, reason VARCHAR, PRIMARY KEY (source, position)
);
CREATE INDEX IF NOT EXISTS dyads_pair ON dyads (source, target);
CREATE INDEX IF NOT EXISTS events_article ON events (article_id);
"""

# Migrations from version N to N+1, in order. Version 1 is the first schema.
MIGRATIONS: dict[int, str] = {}


def current_version(con: duckdb.DuckDBPyConnection) -> int | None:
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
    ).fetchall()
    if not exists or not exists[0][0]:
        return None
    rows = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
    return int(rows[0][0]) if rows else None
