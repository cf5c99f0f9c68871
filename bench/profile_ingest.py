"""Where a single-process ingest spends its time, stage by stage, against the spaCy parse.

Each stage function is wrapped with a clock (no profiler overhead, so the shares are the real
ones); then, with ``--top N``, cProfile lists the functions with most own time in the stages
after the parse, which is where geopol's own cost lies.

Example::

    python bench/profile_ingest.py --articles 300 --top 25
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_jsonl  # noqa: E402

TOTALS: dict[str, float] = defaultdict(float)


def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            TOTALS[name] += time.perf_counter() - start
    return wrapper


def timed_iter(name: str, fn: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
    """A generator function whose time between items is charged to ``name``."""
    def wrapper(*args: Any, **kwargs: Any) -> Iterator[Any]:
        items = fn(*args, **kwargs)
        while True:
            start = time.perf_counter()
            try:
                item = next(items)
            except StopIteration:
                return
            finally:
                TOTALS[name] += time.perf_counter() - start
            yield item
    return wrapper


def instrument(analyzer: Any) -> None:
    import geopol.pipeline as pipeline
    import geopol.store.ingest as ingest
    import geopol.store.shards as shards

    ingest.read_sources = timed_iter("read (formats, layout, language)", ingest.read_sources)
    pipeline.parse = timed_iter("parse (spaCy nlp.pipe)", pipeline.parse)
    analyzer.actor_stage = timed("actors", analyzer.actor_stage)
    pipeline.extract_quotes = timed("quotes", pipeline.extract_quotes)
    analyzer._candidates = timed("events: candidates", analyzer._candidates)
    pipeline.merge = timed("events: merge", pipeline.merge)
    pipeline.build_relations = timed("relations", pipeline.build_relations)
    shards.article_rows = timed("rows for the store", shards.article_rows)
    shards.signature = timed("MinHash signature", shards.signature)
    ingest.write_rows = timed("write (DuckDB)", ingest.write_rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--top", type=int, default=0, help="also cProfile the coding stages: N functions")
    args = parser.parse_args()

    from geopol.ingest.sources import ReadOptions
    from geopol.pipeline import Analyzer
    from geopol.store.ingest import ingest

    analyzer = Analyzer.from_settings()
    instrument(analyzer)
    with tempfile.TemporaryDirectory(prefix="geopol-profile-") as tmp:
        corpus = write_jsonl(Path(tmp) / "corpus.jsonl", args.articles)
        start = time.perf_counter()
        ingest([str(corpus)], Path(tmp) / "p.duckdb", analyzer, ReadOptions())
        total = time.perf_counter() - start
        parse = TOTALS["parse (spaCy nlp.pipe)"]
        print(f"{args.articles} articles, one process")
        print(f"{'stage':<34} {'seconds':>8} {'share':>6} {'/ parse':>8}")
        for name, seconds in TOTALS.items():
            print(f"{name:<34} {seconds:>8.2f} {seconds / total:>6.1%} {seconds / parse:>8.1%}")
        rest = total - sum(TOTALS.values())
        label = "other (dedup, stories, batching)"
        print(f"{label:<34} {rest:>8.2f} {rest / total:>6.1%} {rest / parse:>8.1%}")
        print(f"{'total ingest':<34} {total:>8.2f}")
        if args.top:
            from geopol.ingest.sources import read_sources
            from geopol.nlp.parse import parse as run_parse

            articles = [i.article for i in read_sources([str(corpus)], ReadOptions()) if i.article]
            docs = list(run_parse(analyzer.nlp, articles, analyzer.settings.nlp.batch_size))
            profile = cProfile.Profile()
            profile.enable()
            for article, doc in docs:
                analyzer.analyze_doc(article, doc)
            profile.disable()
            print(f"\ncProfile of the stages after the parse (analyze_doc on {len(docs)} parsed articles)")
            pstats.Stats(profile).sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
