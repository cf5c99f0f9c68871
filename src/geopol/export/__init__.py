"""Exports of a store: PLOVER JSON Lines, a GDELT 2.0 event table, Parquet/CSV of every table, and
the relation graph as GraphML or GEXF. Field mappings are in docs/exports.md.

:func:`export` is the one entry point (the ``geopol export`` command calls it):

===========  ===================================================  =========================
format       content                                              ``out``
===========  ===================================================  =========================
plover       one PLOVER record per event (``export.plover``)      file, or ``-`` / a stream
gdelt        one GDELT row per event cluster (``export.gdelt``)   file, or ``-`` / a stream
parquet/csv  one file per table (``export.tables``)               folder
graphml/gexf relations between states and IGOs (``export.graph``) file
===========  ===================================================  =========================

Filters (``actor``, ``type``, ``start``, ``end``, ``modality``…, as in
:class:`geopol.analysis.query.Store`) apply to the plover, gdelt and graph exports; the table
exports copy everything.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from geopol.analysis import QueryError
from geopol.analysis.query import Store
from geopol.export import gdelt, graph, plover, tables

FORMATS = ("plover", "gdelt", "parquet", "csv", "graphml", "gexf")


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: the format, the files (empty for a stream) and the record count."""

    format: str
    paths: tuple[Path, ...] = field(default_factory=tuple)
    records: int = 0


def _stream(out: str | Path | TextIO, write: Any) -> tuple[tuple[Path, ...], int]:
    if isinstance(out, str | Path) and str(out) != "-":
        path = Path(out)
        if path.is_dir():
            raise QueryError(f"{path} is a folder; give a file name to write to")
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as fh:
            return (path,), write(fh)
    return (), write(sys.stdout if isinstance(out, str | Path) else out)


def export(store: Store, fmt: str, out: str | Path | TextIO, *, plover_style: str = "manual", window: int = 1,
           **filters: Any) -> ExportResult:
    """Export ``store`` in ``fmt`` to ``out`` (a path, ``-`` for stdout, or a text stream)."""
    if fmt not in FORMATS:
        raise QueryError(f"export format {fmt!r} is unknown; use one of {', '.join(FORMATS)}")
    if fmt in ("parquet", "csv"):
        if filters:
            raise QueryError(f"the {fmt} export copies whole tables; "
                             f"drop the filters ({', '.join(sorted(filters))})")
        if not isinstance(out, str | Path) or str(out) == "-":
            raise QueryError(f"the {fmt} export writes one file per table; give a folder with --out")
        files = tables.export_tables(store.con, out, fmt)
        return ExportResult(fmt, tuple(files), len(files))
    if fmt == "plover":
        f = store.filters(**filters)
        paths, n = _stream(out, lambda fh: plover.write_plover(store.con, fh, f, plover_style))
        return ExportResult(fmt, paths, n)
    if fmt == "gdelt":
        rows = store.filters(**filters).rows()
        paths, n = _stream(out, lambda fh: gdelt.write_gdelt(store.con, fh, rows, window))
        return ExportResult(fmt, paths, n)
    if not isinstance(out, str | Path) or str(out) == "-":
        raise QueryError(f"the {fmt} export needs a file name; give one with --out")
    relations = store.relations(window=window, **filters)
    actors = {r[0]: {"name": r[1], "country": r[2], "cameo": r[3]} for r in store.con.execute(
        "SELECT actor_id, min(name), min(country), min(cameo) FROM actors GROUP BY actor_id").fetchall()}
    g = graph.relation_graph(relations, actors)
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    graph.write_graph(g, path, fmt)
    return ExportResult(fmt, (path,), g.number_of_edges())
