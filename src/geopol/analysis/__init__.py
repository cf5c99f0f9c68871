"""Store-wide analysis: queries, cross-article event clusters, time series and shift detection.

The Python API is :class:`geopol.analysis.query.Store`; every method returns a pandas DataFrame
(or a polars one with ``as_polars=True``). Modules:

- ``query``: filters, actor-name resolution, events and relations across the store, ``Store``;
- ``clusters``: the same real-world event reported by many articles grouped into one cluster;
- ``series``: per-dyad and per-actor time series on clusters, and the shift detector.

All SQL is parameterized; the store is opened read-only, so queries run while nobody writes.
"""

from __future__ import annotations

from geopol.errors import QueryError

__all__ = ["QueryError"]
