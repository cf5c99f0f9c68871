"""Ingest on a Dask cluster: a LocalCluster of 2 worker processes builds the single-process store
row for row, also when a worker is killed mid-run; shards are complete or absent."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import pytest

from geopol.cluster.run import ingest_on_cluster
from geopol.store.ingest import ingest
from geopol.store.shards import Coded, ShardItem, read_shard, shard_done, write_shard
from tests.model.test_parallel import OPTIONS, write_corpus
from tests.model.test_store import CORPUS, snapshot

distributed = pytest.importorskip("distributed")
pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/samples/corpus beside the checkout"),
]
PARTITION_BYTES = 8_000


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return write_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def single(analyzer, corpus: list[str], tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    db = tmp_path_factory.mktemp("single") / "single.duckdb"
    ingest(corpus, db, analyzer, OPTIONS)
    return snapshot(db)


def _cluster() -> Any:
    return distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None,
                                    silence_logs=40)


class KillOnce(distributed.WorkerPlugin):  # type: ignore[misc]
    """Kills its worker process shortly after it starts the task whose key ends with ``suffix``,
    the first time only (the marker file remembers)."""

    def __init__(self, marker: str, suffix: str) -> None:
        self.marker = marker
        self.suffix = suffix

    def transition(self, key: Any, start: str, finish: str, **kwargs: Any) -> None:
        if finish == "executing" and str(key).endswith(self.suffix) and not os.path.exists(self.marker):
            Path(self.marker).write_text(str(os.getpid()))
            threading.Timer(0.3, os._exit, args=(1,)).start()


def test_cluster_store_equals_single_process(analyzer, corpus: list[str], single,  # type: ignore[no-untyped-def]
                                             tmp_path: Path) -> None:
    db = tmp_path / "cluster.duckdb"
    with _cluster() as cluster:
        stats = ingest_on_cluster(corpus, db, cluster.scheduler_address, analyzer.settings, OPTIONS,
                                  partition_bytes=PARTITION_BYTES, batch_size=4)
    assert stats.coded >= 28 and stats.duplicates == 2 and stats.near_duplicates == 1
    assert snapshot(db) == single
    assert not Path(f"{db}.shards").exists(), "shards are removed after a successful load"


def test_cluster_killed_worker_loses_no_article(analyzer, corpus: list[str], single,  # type: ignore[no-untyped-def]
                                                tmp_path: Path) -> None:
    db = tmp_path / "cluster.duckdb"
    marker = tmp_path / "killed"
    with _cluster() as cluster, distributed.Client(cluster) as client:
        client.register_plugin(KillOnce(str(marker), "-000002"))
        ingest_on_cluster(corpus, db, client, analyzer.settings, OPTIONS, partition_bytes=PARTITION_BYTES,
                          shards=str(tmp_path / "shards"))
        alive = set(client.run(os.getpid).values())
    assert marker.exists() and int(marker.read_text()) not in alive, "the worker running partition 2 died"
    assert snapshot(db) == single


def test_cluster_shard_is_complete_or_absent(tmp_path: Path) -> None:
    folder = str(tmp_path / "part-000000")
    row = ("a1", "T", None, [], None, None, "en", "text", "c/v1", None)
    coded = Coded("a1", {"articles": [row]}, b"\0" * 8)
    items = [ShardItem("f.jsonl", "f.jsonl:1", "a1", line=1, coded=coded),
             ShardItem("f.jsonl", "f.jsonl:2", reject=("malformed", "not valid JSON"), line=2)]
    write_shard(folder, items, lines=2)
    for name in os.listdir(folder):  # a killed attempt: files of another token, no done.json of its own
        if name != "done.json":
            Path(folder, "stale-" + name).write_bytes(b"partial")
    shard = read_shard(folder)
    assert shard.lines == 2 and shard.items[1] == items[1]
    first = shard.items[0].coded
    assert first is not None and first.rows["articles"] == [row]
    os.remove(Path(folder, "done.json"))
    assert not shard_done(folder)
