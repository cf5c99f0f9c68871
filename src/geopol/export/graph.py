"""The relation graph as GraphML or GEXF (both open in Gephi), built with networkx.

Nodes are the states and IGOs that take part in a relation, with ``label`` and ``name``
(display name), ``kind`` (``state`` or ``igo``), ``country`` (ISO3, empty for IGOs) and
``cameo``. Edges are the store-wide relations of :meth:`geopol.analysis.query.Store.relations`,
one per (source, target, kind) in a ``MultiDiGraph`` keyed by kind, with attributes ``kind``,
``weight``, ``events``, ``clusters``, ``articles``, ``first`` and ``last`` (ISO dates, empty when
unknown or ongoing), ``directed`` and ``basis``.

Limits: an undirected relation (``ally``) is one edge from the smaller id to the larger with
``directed=false``, since GraphML and GEXF give a graph one default edge type; the event ids
behind an edge are not written (query them with ``geopol relations --format jsonl``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

GRAPH_FORMATS = ("graphml", "gexf")


def _iso(value: Any) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).date().isoformat()


def relation_graph(relations: pd.DataFrame, actors: dict[str, dict[str, Any]]) -> nx.MultiDiGraph:
    """A graph of ``relations`` (columns of ``Store.relations``); ``actors`` maps an id to its
    name, country and cameo."""
    graph = nx.MultiDiGraph(name="geopol relations")
    ends = sorted(set(relations["source"]) | set(relations["target"]))
    for node in ends:
        info = actors.get(node, {})
        prefix, _, rest = node.partition(":")
        name = info.get("name") or node
        graph.add_node(node, label=name, name=name, kind=prefix,
                       country=info.get("country") or (rest if prefix == "state" else ""),
                       cameo=info.get("cameo") or "")
    ordered = relations.sort_values(["source", "target", "kind"])
    for r in ordered.itertuples(index=False):
        graph.add_edge(r.source, r.target, key=r.kind, id=f"{r.source}|{r.target}|{r.kind}", kind=r.kind,
                       weight=float(r.weight), events=int(r.events), clusters=int(r.clusters),
                       articles=int(r.articles), first=_iso(r.first), last=_iso(r.last),
                       directed=bool(r.directed), basis=str(r.basis))
    return graph


def write_graph(graph: nx.MultiDiGraph, path: str | Path, fmt: str) -> None:
    """Write ``graph`` as GraphML or GEXF 1.2 to ``path``."""
    if fmt == "graphml":
        nx.write_graphml(graph, str(path))
    elif fmt == "gexf":
        nx.write_gexf(graph, str(path), version="1.2draft")
    else:
        from geopol.analysis import QueryError

        raise QueryError(f"graph format {fmt!r} is unknown; use graphml or gexf")
