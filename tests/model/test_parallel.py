"""Parallel ingest on one machine: ``--workers N`` and the cluster's partitions give the store and
the item stream of a single-process run."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from geopol.cluster.partitions import plan, read_partition
from geopol.ingest.sources import ReadOptions, read_sources
from geopol.store.ingest import IngestStats, ingest
from tests.model.test_store import CORPUS, snapshot

pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/samples/corpus beside the checkout"),
]
OPTIONS = ReadOptions(published=dt.date(2020, 1, 1))


def _body(path: Path) -> tuple[str, str, str]:
    head, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
    meta = dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)
    return meta.get("title", path.stem), meta.get("date", ""), body.strip()


def write_corpus(root: Path) -> list[str]:
    """About 30 articles in two formats, with an exact duplicate in each, a near-duplicate, an
    empty file, a blank line and a broken JSON line."""
    files = sorted(CORPUS.glob("*.txt"))
    texts = root / "texts"
    texts.mkdir(parents=True)
    for path in files[:10]:
        shutil.copy(path, texts / path.name)
    shutil.copy(files[0], texts / "zz-copy.txt")
    (texts / "empty.txt").write_text("")
    lines = []
    for path in files[10:30]:
        title, date, body = _body(path)
        lines.append(json.dumps({"title": title, "date": date, "text": body}))
    title, date, body = _body(files[12])
    lines.insert(5, "{broken")
    lines.insert(9, "")
    lines.append(json.dumps({"title": title, "date": date, "text": body}))
    edited = body.replace(". ", ", officials said. ", 1)
    lines.append(json.dumps({"title": title, "date": date, "text": edited}))
    (root / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(texts), str(root / "news.jsonl")]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return write_corpus(tmp_path_factory.mktemp("corpus"))


def _read_partitions(paths: list[str]) -> list[tuple[str, str]]:
    """(position, article id or reject kind) of every item of every partition, positions made file lines."""
    partitions = plan(paths, partition_bytes=8_000, max_files=3)
    assert sum(1 for p in partitions if p.block) >= 3 and sum(1 for p in partitions if p.files) >= 3
    got, offsets = [], {}
    for p in partitions:
        items, lines = read_partition(p, OPTIONS)
        offset = offsets.get(p.block[0], 0) if p.block else 0
        for item, line in items:
            position = item.position if line is None else f"{item.position.rsplit(':', 1)[0]}:{line + offset}"
            got.append((position, item.article.id if item.article else item.reject.kind))  # type: ignore[union-attr]
        if p.block:
            offsets[p.block[0]] = offset + lines
    return got


def test_parallel_partitions_read_like_read_sources(corpus: list[str]) -> None:
    expected = [(i.position, i.article.id if i.article else i.reject.kind)  # type: ignore[union-attr]
                for i in read_sources(corpus, OPTIONS)]
    assert _read_partitions(corpus) == expected
    urls = _read_partitions([f"file://{path}" for path in corpus])
    assert urls == [(f"file://{position}", what) for position, what in expected]


def test_parallel_workers_store_equals_single_process(analyzer, corpus: list[str],  # type: ignore[no-untyped-def]
                                                      tmp_path: Path) -> None:
    single = ingest(corpus, tmp_path / "single.duckdb", analyzer, OPTIONS, batch_size=4)
    parallel = ingest(corpus, tmp_path / "parallel.duckdb", None, OPTIONS, batch_size=4, workers=2,
                      settings=analyzer.settings)
    assert single.coded >= 28 and single.duplicates == 2 and single.near_duplicates == 1
    def counts(s: IngestStats) -> tuple[int, ...]:
        return s.read, s.coded, s.duplicates, s.near_duplicates, s.rejects

    assert counts(parallel) == counts(single)
    assert snapshot(tmp_path / "parallel.duckdb") == snapshot(tmp_path / "single.duckdb")
    again = ingest(corpus, tmp_path / "parallel.duckdb", None, OPTIONS, batch_size=4, workers=2,
                   settings=analyzer.settings)
    assert again.coded == 0 and again.skipped == single.coded + single.duplicates
