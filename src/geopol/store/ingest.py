"""Ingesting a corpus into a store: read, deduplicate, code in batches, write transactionally.

- *Exact duplicates* (same normalised text, hence the same content id) are coded and stored
  once; every further source of the same text adds a row to ``sources``.
- *Near-duplicates* (wire copy republished with small edits) are found with MinHash LSH over
  word 5-shingles (Jaccard threshold 0.7, 128 permutations): the article is coded and stored,
  with ``story`` pointing to the first article of its group, so counts can be made per story.
- *Resuming*: articles already stored by the same coder version are skipped; a different coder
  version re-codes them. Each batch is one transaction, so an interrupted run loses at most the
  batch in flight, which the next run codes again.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from datasketch import MinHash, MinHashLSH

from geopol.ingest.document import Reject
from geopol.ingest.sources import ReadOptions, read_sources
from geopol.model import Analysis, Article
from geopol.pipeline import Analyzer, Failure
from geopol.store.db import connect, write_batch

NUM_PERM = 128
THRESHOLD = 0.7
SHINGLE = 5
SCHEME = "affine32"
_WORD = re.compile(r"\w+")


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
        return (f"{self.read} read, {self.coded} coded, {self.skipped} already stored, {self.duplicates} duplicates, "
                f"{self.near_duplicates} near-duplicates, {self.rejects} rejects, {self.events} events "
                f"in {self.elapsed:.1f}s ({self.rate:.1f} articles/s)")


def minhash(text: str) -> MinHash:
    words = [w.lower() for w in _WORD.findall(text)]
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    m = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    for s in sorted(shingles):
        m.update(s.encode("utf-8"))
    return m


def _to_blob(m: MinHash) -> bytes:
    return bytes(m.hashvalues.astype("<u8").tobytes())


def _from_blob(blob: bytes) -> MinHash:
    import numpy as np

    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME,
                   hashvalues=np.frombuffer(blob, dtype="<u8").astype("uint64"))


class _Stories:
    """The near-duplicate index: article id -> story id, with an LSH over stored signatures."""

    def __init__(self) -> None:
        self.lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        self.story: dict[str, str] = {}

    def add(self, article_id: str, story: str, m: MinHash) -> None:
        if article_id not in self.story:
            self.lsh.insert(article_id, m)
            self.story[article_id] = story

    def find(self, m: MinHash) -> str | None:
        candidates = sorted(self.lsh.query(m))
        return self.story[candidates[0]] if candidates else None


def ingest(paths: Iterable[str], db: str | Path, analyzer: Analyzer, options: ReadOptions | None = None,
           batch_size: int = 64, progress: Callable[[IngestStats], None] | None = None) -> IngestStats:
    """Read ``paths`` and store every article's analysis in the DuckDB file ``db``."""
    options = options or ReadOptions()
    stats = IngestStats()
    started = time.monotonic()
    con = connect(db)
    try:
        stories = _Stories()
        for article_id, story, blob in con.execute(
            "SELECT s.article_id, a.story, s.minhash FROM signatures s JOIN articles a ON a.id = s.article_id "
            "ORDER BY s.article_id"
        ).fetchall():
            stories.add(article_id, story, _from_blob(blob))
        stored = dict(con.execute("SELECT id, coder FROM articles").fetchall())
        batch: list[tuple[Article, str, str, str, MinHash]] = []
        in_batch: set[str] = set()
        extra_sources: list[tuple[str, str, str]] = []
        rejects: list[tuple[Reject, str]] = []

        def flush() -> None:
            analyses: list[tuple[Analysis, str, str, str]] = []
            failed: list[tuple[Reject, str]] = []
            articles = [b[0] for b in batch]
            for (article, source, position, story, _), result in zip(batch, analyzer.analyze_many(articles),
                                                                      strict=True):
                if isinstance(result, Failure):
                    failed.append((Reject(source, position, f"coding failed: {result.reason}", "coding"), position))
                    continue
                analyses.append((result, source, position, story))
                stats.events += len(result.events)
            write_batch(con, analyzer.coder, analyses, [*rejects, *failed], extra_sources,
                        [(a.id, _to_blob(m)) for a, _, _, _, m in batch])
            stats.coded += len(analyses)
            stats.rejects += len(rejects) + len(failed)
            for reject, _ in [*rejects, *failed]:
                stats.reject_kinds[reject.kind] = stats.reject_kinds.get(reject.kind, 0) + 1
            for analysis, *_ in analyses:
                stored[analysis.article.id] = analyzer.coder
            batch.clear()
            in_batch.clear()
            extra_sources.clear()
            rejects.clear()
            stats.elapsed = time.monotonic() - started
            if progress:
                progress(stats)

        for item in read_sources(paths, options):
            stats.read += 1
            if item.reject is not None:
                rejects.append((item.reject, item.position))
            else:
                article = item.article
                assert article is not None
                source = article.source or "<unknown>"
                if article.id in in_batch or stored.get(article.id) == analyzer.coder:
                    if article.id in in_batch:
                        stats.duplicates += 1
                    else:
                        stats.skipped += 1
                    extra_sources.append((article.id, source, item.position))
                else:
                    m = minhash(article.text)
                    story = stories.find(m)
                    if story is not None and story != article.id:
                        stats.near_duplicates += 1
                    story = story or article.id
                    stories.add(article.id, story, m)
                    batch.append((article, source, item.position, story, m))
                    in_batch.add(article.id)
            if len(batch) >= batch_size or len(rejects) + len(extra_sources) >= 4 * batch_size:
                flush()
        flush()
    finally:
        con.close()
    stats.elapsed = time.monotonic() - started
    return stats
