"""Every table of a store as Parquet or CSV files in a folder, written by DuckDB's COPY.

One file per table (``articles.parquet``, ``events.csv``…), rows ordered by all columns so two
exports of the same store are identical. CSV files have a header row; list columns
(``authors``, ``source``, ``events``…) are written in DuckDB's list notation (``[a, b]``) and
BLOBs (MinHash signatures) as escaped bytes, so prefer Parquet for anything but a quick look.
Limits: the whole table goes through DuckDB in one statement; there is no partitioning.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from geopol.store.schema import TABLES

TABLE_FORMATS = ("parquet", "csv")
EXPORTED = ("meta", *TABLES)


def export_tables(con: duckdb.DuckDBPyConnection, folder: str | Path, fmt: str = "parquet") -> list[Path]:
    """Write each table of the store to ``folder`` (created if needed); returns the files written."""
    from geopol.analysis import QueryError

    if fmt not in TABLE_FORMATS:
        raise QueryError(f"table format {fmt!r} is unknown; use parquet or csv")
    out = Path(folder)
    if out.exists() and not out.is_dir():
        raise QueryError(f"{out} is a file; give a folder to write one {fmt} file per table into")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    cur = con.cursor()  # a connection of its own: no pending result of the caller's can block it
    for table in EXPORTED:
        # Table names come from the schema's constant list, never from the caller.
        relation = cur.sql(f"SELECT * FROM {table} ORDER BY ALL")
        path = out / f"{table}.{fmt}"
        if fmt == "parquet":
            relation.write_parquet(str(path))
        else:
            relation.write_csv(str(path), header=True)
        written.append(path)
    cur.close()
    return written
