"""Coding at scale: worker processes on one machine, or a Dask cluster.

- :mod:`geopol.cluster.pool`: ``geopol ingest --workers N``, N local processes that code
  batches while the calling process reads, deduplicates and writes;
- :mod:`geopol.cluster.partitions`: splitting inputs (file lists, JSON Lines byte ranges;
  local paths or fsspec URLs) into partitions and reading one;
- :mod:`geopol.cluster.worker`: what runs on a worker: one Analyzer per process, and coding a
  partition into a Parquet shard (:mod:`geopol.store.shards`);
- :mod:`geopol.cluster.run`: ``geopol ingest --cluster ADDRESS``, submitting partitions to a
  Dask scheduler and loading the shards, in input order, into the store (DuckDB has one writer).

Every path gives the store a single-process run gives; docs/scale.md has the measurements and
how to start a cluster.
"""
