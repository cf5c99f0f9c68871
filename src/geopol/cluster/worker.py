"""What runs in a worker process: one Analyzer per process and settings, and the coding tasks.

The analyzer is built on first use and kept for the life of the process, so a worker loads the
model once however many batches or partitions it codes. A lock serialises coding when a Dask
worker runs several threads (start workers with ``--nthreads 1``: the parse holds the GIL).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from geopol.cluster.partitions import Partition, read_partition
from geopol.config import Settings
from geopol.ingest.sources import ReadOptions
from geopol.model import Article
from geopol.pipeline import Analyzer
from geopol.store.shards import Coded, ShardItem, code_articles, shard_done, write_shard

_ANALYZERS: dict[Settings, Analyzer] = {}
_LOADING = threading.Lock()
_CODING = threading.Lock()


def analyzer_for(settings: Settings) -> Analyzer:
    """This process's Analyzer for ``settings``, loaded on first use."""
    with _LOADING:
        if settings not in _ANALYZERS:
            _ANALYZERS[settings] = Analyzer.from_settings(settings)
        return _ANALYZERS[settings]


def code_batch(settings: Settings, articles: Sequence[Article]) -> list[Coded]:
    """Code a batch with this process's Analyzer (the task of ``--workers``)."""
    analyzer = analyzer_for(settings)
    with _CODING:
        return code_articles(analyzer, articles)


def code_partition(partition: Partition, settings: Settings, options: ReadOptions, folder: str) -> str:
    """Read one partition, code the first occurrence of each article in it, and write the shard
    ``folder`` (the task of ``--cluster``). A shard already complete is kept, so a rerun resumes."""
    if shard_done(folder):
        return folder
    items: list[ShardItem] = []
    first: dict[str, int] = {}
    articles: list[Article] = []
    read, lines = read_partition(partition, options)
    for item, line in read:
        if item.reject is not None:
            reject = (item.reject.kind, item.reject.reason)
            items.append(ShardItem(item.reject.source, item.position, reject=reject, line=line))
            continue
        article = item.article
        assert article is not None
        if article.id not in first:
            first[article.id] = len(items)
            articles.append(article)
        items.append(ShardItem(article.source or "<unknown>", item.position, article.id, line=line))
    if articles:
        for coded in code_batch(settings, articles):
            index = first[coded.article_id]
            old = items[index]
            items[index] = ShardItem(old.source, old.position, old.article_id, None, old.line, coded)
    write_shard(folder, items, lines)
    return folder
