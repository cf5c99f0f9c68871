"""``geopol ingest --cluster ADDRESS``: code partitions on a Dask cluster, load the shards here.

The inputs are split into partitions (:func:`geopol.cluster.partitions.plan`) and each is
submitted as one task; a worker reads it, codes it with its per-process Analyzer and writes a
Parquet shard (:mod:`geopol.store.shards`) under ``SHARDS/RUN``, where ``RUN`` is a hash of the
partitions, input versions, settings and options. This process is the one writer: it takes the
shards in partition order and passes their items to :class:`geopol.store.ingest.Loader`, which
deduplicates, assigns stories and writes exactly as a single-process ingest does.

Failures: a task whose worker dies is re-run by the scheduler on another worker (up to its
``allowed-failures``, 3 by default); a task that raises is retried ``retries`` times. A shard
appears only when complete, so a re-run task never leaves half a shard. Shards are deleted
after a successful load; after an interruption they stay, and running the same command again
reuses the finished ones.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path
from typing import Any

from geopol.cluster.partitions import PARTITION_BYTES, Partition, plan
from geopol.cluster.worker import code_partition
from geopol.config import Settings
from geopol.errors import CodingError, ConfigError, StoreError
from geopol.ingest.sources import ReadOptions
from geopol.pipeline import coder_name
from geopol.store.db import connect
from geopol.store.ingest import IngestStats, Loader
from geopol.store.shards import read_shard, remove

RETRIES = 2


def _client(address: Any) -> tuple[Any, bool]:
    """A Dask client for ``address`` (or ``address`` itself if it is one) and whether we own it."""
    try:
        from distributed import Client
    except ImportError:
        raise ConfigError("--cluster needs Dask distributed; install it with "
                          "`pip install 'geopol[cluster]'`") from None
    if isinstance(address, Client):
        return address, False
    try:
        return Client(address, timeout="30s"), True  # type: ignore[no-untyped-call]
    except OSError as exc:
        raise ConfigError(f"cannot reach the Dask scheduler at {address!r} ({exc}); start one with "
                          "`dask scheduler` and pass the address it prints (tcp://HOST:8786)") from None


def run_key(partitions: list[Partition], settings: Settings, options: ReadOptions) -> str:
    spec = repr(([p.key for p in partitions], settings, options, coder_name(settings))).encode("utf-8")
    return hashlib.sha256(spec).hexdigest()[:16]


def ingest_on_cluster(paths: Iterable[str], db: str | Path, address: Any, settings: Settings,
                      options: ReadOptions | None = None, *, shards: str | None = None, batch_size: int = 64,
                      partition_bytes: int = PARTITION_BYTES, retries: int = RETRIES,
                      progress: Callable[[IngestStats], None] | None = None) -> IngestStats:
    """Code ``paths`` on the Dask cluster at ``address`` and store the results in ``db``.

    ``shards`` is a folder (local path or fsspec URL) that the workers and this process can both
    reach; by default ``DB.shards`` next to the database, which suits one machine or a shared disk.
    """
    options = options or ReadOptions()
    partitions = plan(paths, partition_bytes)
    run = run_key(partitions, settings, options)
    folder = f"{shards or str(db) + '.shards'}/{run}"
    client, owned = _client(address)
    try:
        futures = [
            client.submit(code_partition, p, settings, options, f"{folder}/part-{p.index:06d}",
                          key=f"geopol-code-{run}-{p.index:06d}", retries=retries, pure=False)
            for p in partitions
        ]
        con = connect(db)
        try:
            loader = Loader(con, coder_name(settings), batch_size, progress)
            offsets: dict[str, int] = {}
            for partition, future in zip(partitions, futures, strict=True):
                _load(loader, partition, _wait(partition, future), offsets)
                future.release()
            if loader.current.entries:
                loader.write(loader.seal())
            stats = loader.finish()
        finally:
            con.close()
    finally:
        if owned:
            client.close()
    remove([folder])
    if shards is None:
        with suppress(OSError):  # the default folder goes when empty; shards of other runs stay
            Path(f"{db}.shards").rmdir()
    return stats


def _wait(partition: Partition, future: Any) -> str:
    try:
        return str(future.result())
    except Exception as exc:  # noqa: BLE001 - any task failure ends the run with its partition named
        raise CodingError(
            f"partition {partition.index} ({partition.describe()}) failed on the cluster after retries: "
            f"{exc.__class__.__name__}: {exc}; the articles loaded so far are stored, and running the same "
            "command again reuses the finished shards"
        ) from None


def _load(loader: Loader, partition: Partition, folder: str, offsets: dict[str, int]) -> None:
    shard = read_shard(folder)
    offset = offsets.get(partition.block[0], 0) if partition.block else 0
    for item in shard.items:
        position = item.position
        if item.line is not None:
            position = f"{item.source}:{item.line + offset}"
        if item.reject is not None:
            loader.reject(item.source, position, *item.reject)
        elif item.article_id is not None and loader.accept(item.article_id, item.source, position):
            if item.coded is None:
                raise StoreError(f"{folder}: the shard lacks the coding of article {item.article_id}; "
                                 "delete the shard folder and run again")
            loader.current.coded[item.article_id] = item.coded
        if loader.full():
            loader.write(loader.seal())
    if partition.block:
        offsets[partition.block[0]] = offset + shard.lines
