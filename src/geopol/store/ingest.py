"""Ingesting a corpus into a store: read, deduplicate, code in batches, write transactionally.

- *Exact duplicates* (same normalised text, hence the same content id) are coded and stored
  once; every further source of the same text adds a row to ``sources`` (or, when the first
  copy failed to code, a ``coding`` reject).
- *Near-duplicates* (wire copy republished with small edits) are found with MinHash LSH
  (:mod:`geopol.store.stories`): the article is coded and stored, with ``story`` pointing to
  the first article of its group, so counts can be made per story.
- *Resuming*: articles already stored by the same coder version are skipped; a different coder
  version re-codes them. Each batch is one transaction, so an interrupted run loses at most the
  batches in flight, which the next run codes again.
- *Parallel*: with ``workers`` > 1, that many processes code batches (each loads the model
  once) while this process reads, deduplicates and writes batches in input order, so the store
  is the one a single process builds. :class:`Loader` is the single writer; the cluster loader
  (:mod:`geopol.cluster.run`) feeds it from Parquet shards instead.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import duckdb

from geopol.config import Settings
from geopol.errors import StoreError
from geopol.ingest.sources import ReadOptions, read_sources
from geopol.model import Article
from geopol.pipeline import Analyzer, coder_name
from geopol.store.db import Batch, connect, with_story, write_rows
from geopol.store.shards import Coded, code_articles
from geopol.store.stories import Stories, from_blob, minhash

__all__ = ["IngestStats", "Loader", "ingest", "minhash"]


@dataclass
class IngestStats:
    """Counts of one ingest run; ``elapsed`` in seconds."""

    read: int = 0
    coded: int = 0
    skipped: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    rejects: int = 0
    events: int = 0
    elapsed: float = 0.0
    reject_kinds: dict[str, int] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.coded / self.elapsed if self.elapsed else 0.0

    def line(self) -> str:
        return (f"{self.read} read, {self.coded} coded, {self.skipped} already stored, "
                f"{self.duplicates} duplicates, {self.near_duplicates} near-duplicates, "
                f"{self.rejects} rejects, {self.events} events "
                f"in {self.elapsed:.1f}s ({self.rate:.1f} articles/s)")


@dataclass(frozen=True, slots=True)
class _Entry:
    """One input unit of a batch: a new article, another copy of a known one, or a reject."""

    kind: str  # "new", "copy" or "reject"
    source: str
    position: str
    article_id: str = ""
    reject: tuple[str, str] = ("", "")  # kind, reason


@dataclass
class Pending:
    """A batch in input order; ``articles`` are the new ones to code, ``coded`` their results."""

    entries: list[_Entry] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    coded: dict[str, Coded] = field(default_factory=dict)
    new: int = 0


class Loader:
    """The one writer. Takes input units in order, decides what each is, and writes whole batches.

    Whether an article is new or a copy is decided when it is read (so coding can run ahead);
    stories, and what a copy of an article that failed to code becomes, are decided when its
    batch is written, in input order, so the store does not depend on how coding was spread.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, coder: str, batch_size: int = 64,
                 progress: Callable[[IngestStats], None] | None = None) -> None:
        self.con = con
        self.coder = coder
        self.batch_size = batch_size
        self.progress = progress
        self.stats = IngestStats()
        self.started = time.monotonic()
        self.stories = Stories.load(con)
        stored = con.execute("SELECT id FROM articles WHERE coder = ?", [coder]).fetchall()
        self.known = {aid for (aid,) in stored}
        self.coded_here: set[str] = set()
        self.failed: dict[str, str] = {}
        self.current = Pending()

    def accept(self, article_id: str, source: str, position: str) -> bool:
        """Record an article occurrence; True when it is new and must be coded (into ``current``)."""
        self.stats.read += 1
        if article_id in self.coded_here or article_id in self.known:
            if article_id in self.coded_here:
                self.stats.duplicates += 1
            else:
                self.stats.skipped += 1
            self.current.entries.append(_Entry("copy", source, position, article_id))
            return False
        self.coded_here.add(article_id)
        self.current.entries.append(_Entry("new", source, position, article_id))
        self.current.new += 1
        return True

    def reject(self, source: str, position: str, kind: str, reason: str) -> None:
        self.stats.read += 1
        self.current.entries.append(_Entry("reject", source, position, reject=(kind, reason)))

    def full(self) -> bool:
        return (self.current.new >= self.batch_size
                or len(self.current.entries) - self.current.new >= 4 * self.batch_size)

    def seal(self) -> Pending:
        """The current batch, closed; a new one starts."""
        pending, self.current = self.current, Pending()
        return pending

    def write(self, pending: Pending) -> None:
        """Resolve ``pending`` (its coding results must be in) and store it in one transaction."""
        batch = Batch()
        stats = self.stats
        for entry in pending.entries:
            if entry.kind == "reject":
                batch.rejects.append((entry.source, entry.position, *entry.reject))
                continue
            aid = entry.article_id
            if entry.kind == "new":
                coded = pending.coded.get(aid)
                if coded is None:
                    raise StoreError(f"no coding result for article {aid} from {entry.position}; run again")
                if coded.failure is not None:
                    self.failed[aid] = coded.failure
                else:
                    self._add_article(batch, coded)
            if aid in self.failed:
                reason = f"coding failed: {self.failed[aid]}"
                batch.rejects.append((entry.source, entry.position, "coding", reason))
            else:
                batch.sources.append((aid, entry.source, entry.position))
        for _, _, kind, _ in batch.rejects:
            stats.reject_kinds[kind] = stats.reject_kinds.get(kind, 0) + 1
        stats.rejects += len(batch.rejects)
        if len(batch):
            write_rows(self.con, batch)
        stats.elapsed = time.monotonic() - self.started
        if self.progress:
            self.progress(stats)

    def _add_article(self, batch: Batch, coded: Coded) -> None:
        m = from_blob(coded.signature)
        story = self.stories.find(m)
        if story is not None and story != coded.article_id:
            self.stats.near_duplicates += 1
        story = story or coded.article_id
        self.stories.add(coded.article_id, story, m)
        batch.add_rows(with_story(coded.rows, story))
        batch.signatures.append((coded.article_id, coded.signature))
        self.stats.coded += 1
        self.stats.events += coded.events

    def finish(self) -> IngestStats:
        self.stats.elapsed = time.monotonic() - self.started
        return self.stats


class Coder(Protocol):
    """Codes batches of articles; ``submit`` returns a function that waits for the results."""

    window: int  # batches that may be in flight before the oldest must be written

    def submit(self, articles: list[Article]) -> Callable[[], list[Coded]]: ...

    def close(self) -> None: ...


class _InlineCoder:
    window = 0

    def __init__(self, analyzer: Analyzer) -> None:
        self.analyzer = analyzer

    def submit(self, articles: list[Article]) -> Callable[[], list[Coded]]:
        return lambda: code_articles(self.analyzer, articles) if articles else []

    def close(self) -> None:
        pass


def ingest(paths: Iterable[str], db: str | Path, analyzer: Analyzer | None = None,
           options: ReadOptions | None = None, batch_size: int = 64,
           progress: Callable[[IngestStats], None] | None = None, *, workers: int = 1,
           settings: Settings | None = None) -> IngestStats:
    """Read ``paths`` and store every article's analysis in the DuckDB file ``db``.

    With ``workers`` > 1, that many processes each build an Analyzer from ``settings`` (default:
    ``analyzer.settings``, else the configured settings) and this process does not load the model.
    """
    options = options or ReadOptions()
    if workers > 1:
        from geopol.cluster.pool import ProcessCoder

        settings = settings or (analyzer.settings if analyzer else None)
        if settings is None:
            from geopol.config import load_settings

            settings = load_settings()
        coder: Coder = ProcessCoder(settings, workers)
        name = coder_name(settings)
    else:
        analyzer = analyzer or Analyzer.from_settings(settings)
        coder, name = _InlineCoder(analyzer), analyzer.coder
    try:
        con = connect(db)
        try:
            return _run(paths, options, Loader(con, name, batch_size, progress), coder)
        finally:
            con.close()
    finally:
        coder.close()


def _run(paths: Iterable[str], options: ReadOptions, loader: Loader, coder: Coder) -> IngestStats:
    in_flight: deque[tuple[Pending, Callable[[], list[Coded]]]] = deque()

    def drain(keep: int) -> None:
        while len(in_flight) > keep:
            pending, result = in_flight.popleft()
            pending.coded = {c.article_id: c for c in result()}
            loader.write(pending)

    def send() -> None:
        pending = loader.seal()
        if pending.entries:
            in_flight.append((pending, coder.submit(pending.articles)))
        drain(coder.window)

    for item in read_sources(paths, options):
        if item.reject is not None:
            loader.reject(item.reject.source, item.position, item.reject.kind, item.reject.reason)
        else:
            article = item.article
            assert article is not None
            if loader.accept(article.id, article.source or "<unknown>", item.position):
                loader.current.articles.append(article)
        if loader.full():
            send()
    send()
    drain(0)
    return loader.finish()
