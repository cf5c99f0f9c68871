"""Throughput and memory of ``geopol ingest`` against bare spaCy parsing of the same texts.

One run builds a deterministic corpus (bench/corpus.py) in a temporary folder, then for each
process count measures, each in a fresh child process:

- ``spaCy``: ``nlp.pipe`` of the analysed texts (title to end of body) with the same model and
  batch size (``n_process`` for 2+ processes); texts are read before the clock starts;
- ``geopol``: the library call behind ``geopol ingest corpus.jsonl --db … --workers N``: reading,
  deduplication, parsing, coding and writing the DuckDB store.

Both clocks include loading the model. Peak memory is the largest sum of the resident sets of
the child and its processes, sampled every 0.2 s. CPU time (user + system, all processes) gives
sentences per CPU-second, the per-core rate, which the other load of a shared machine affects
less than the wall clock; ``load`` is the 1-minute load average when the run ended.
Then, unless ``--memory-articles 0``, a long ingest records resident
memory against articles stored, to show it stays flat.

With ``--repeat R`` every measurement runs R times, spaCy and geopol alternating, and the
fastest run of each counts (the usual defence against a busy machine).

Example::

    python bench/bench_ingest.py --articles 2000 --processes 1 2 --repeat 2 --memory-articles 10000
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import write_jsonl  # noqa: E402


class PeakMemory:
    """Samples the resident memory of this process and its descendants in a thread."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval
        self.peak = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def now() -> tuple[int, int]:
        """Resident bytes of this process, and of its descendants together."""
        me = psutil.Process()
        children = 0
        for child in me.children(recursive=True):
            with contextlib.suppress(psutil.Error):  # a child that just exited
                children += child.memory_info().rss
        return me.memory_info().rss, children

    def _run(self) -> None:
        while not self.stop.is_set():
            self.peak = max(self.peak, sum(self.now()))
            self.stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()
        self.peak = max(self.peak, sum(self.now()))


def cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def analysed_texts(corpus: Path) -> list[str]:
    from geopol.ingest.sources import ReadOptions, read_sources
    from geopol.nlp.parse import analysed_text

    return [analysed_text(i.article) for i in read_sources([str(corpus)], ReadOptions()) if i.article]


# -- children: each measurement runs in its own process ------------------------------------------------
def child_spacy(corpus: Path, processes: int) -> dict[str, Any]:
    import spacy

    from geopol.config import load_settings

    settings = load_settings()
    texts = analysed_texts(corpus)
    sentences = tokens = 0
    cpu0, t0 = cpu_seconds(), time.perf_counter()
    with PeakMemory() as memory:
        nlp = spacy.load(settings.nlp.model)
        for doc in nlp.pipe(texts, batch_size=settings.nlp.batch_size, n_process=processes):
            sentences += sum(1 for _ in doc.sents)
            tokens += len(doc)
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "cpu": cpu_seconds() - cpu0, "peak": memory.peak, "articles": len(texts),
            "sentences": sentences, "tokens": tokens, "words": sum(len(t.split()) for t in texts)}


def child_geopol(corpus: Path, processes: int, batch_size: int, db: Path) -> dict[str, Any]:
    from geopol.config import load_settings
    from geopol.ingest.sources import ReadOptions
    from geopol.store.ingest import ingest

    cpu0, t0 = cpu_seconds(), time.perf_counter()
    with PeakMemory() as memory:
        stats = ingest([str(corpus)], db, None, ReadOptions(), batch_size=batch_size, workers=processes,
                       settings=load_settings())
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "cpu": cpu_seconds() - cpu0, "peak": memory.peak, "articles": stats.coded,
            "events": stats.events}


def child_memory(corpus: Path, processes: int, batch_size: int, db: Path, every: int) -> dict[str, Any]:
    from geopol.config import load_settings
    from geopol.ingest.sources import ReadOptions
    from geopol.store.ingest import IngestStats, ingest

    samples: list[tuple[int, int, int]] = []
    mark = [every]

    def progress(stats: IngestStats) -> None:
        if stats.coded >= mark[0]:
            samples.append((stats.coded, *PeakMemory.now()))
            mark[0] += every

    t0 = time.perf_counter()
    with PeakMemory() as memory:
        stats = ingest([str(corpus)], db, None, ReadOptions(), batch_size=batch_size, progress=progress,
                       workers=processes, settings=load_settings())
    return {"seconds": time.perf_counter() - t0, "peak": memory.peak, "articles": stats.coded,
            "samples": samples}


def run_child(args: list[str]) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", *args]
    out = subprocess.run(command, check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    result["load"] = os.getloadavg()[0]  # other work on the machine skews the wall clock, not CPU time
    return result


# -- the report ---------------------------------------------------------------------------------------
def mb(n: float) -> str:
    return f"{n / 2**20:,.0f} MB"


def report(counts: dict[str, Any], rows: list[dict[str, Any]]) -> str:
    lines = [
        f"corpus: {counts['articles']:,} articles, {counts['words']:,} words, "
        f"{counts['sentences']:,} sentences ({counts['tokens']:,} tokens); model {counts['model']}, "
        f"nlp.batch_size {counts['batch']}",
        "",
        f"{'run':<8} {'procs':>5} {'seconds':>8} {'articles/s':>10} {'words/s':>8} {'sents/s':>8} "
        f"{'sents/CPU-s':>11} {'peak RSS':>9} {'geopol/spaCy':>12} {'(CPU)':>6} {'load':>5}",
    ]
    base: dict[int, dict[str, Any]] = {r["procs"]: r for r in rows if r["run"] == "spaCy"}
    for r in rows:
        s = r["seconds"]
        ratio = cpu_ratio = ""
        if r["run"] == "geopol" and r["procs"] in base:
            ratio = f"{base[r['procs']]['seconds'] / s:.2f}"
            cpu_ratio = f"{base[r['procs']]['cpu'] / r['cpu']:.2f}"
        lines.append(
            f"{r['run']:<8} {r['procs']:>5} {s:>8.1f} {counts['articles'] / s:>10.1f} "
            f"{counts['words'] / s:>8,.0f} {counts['sentences'] / s:>8.1f} "
            f"{counts['sentences'] / r['cpu']:>11.1f} {mb(r['peak']):>9} {ratio:>12} {cpu_ratio:>6} "
            f"{r['load']:>5.1f}")
    return "\n".join(lines)


def memory_report(result: dict[str, Any]) -> str:
    lines = [f"memory: {result['articles']:,} articles in {result['seconds']:.0f} s, "
             f"peak {mb(result['peak'])} (all processes)",
             f"{'articles':>9} {'writer RSS':>11} {'workers RSS':>12}"]
    for coded, own, children in result["samples"]:
        lines.append(f"{coded:>9,} {mb(own):>11} {mb(children):>12}")
    samples = result["samples"]
    if len(samples) >= 4:
        half = samples[len(samples) // 2:]
        slope = (half[-1][1] - half[0][1]) / max(1, half[-1][0] - half[0][0])
        lines.append(f"writer growth over the second half: {slope / 1024:.2f} KiB per article")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--batch-size", type=int, default=64, help="articles per ingest transaction")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each measurement; the fastest counts")
    parser.add_argument("--memory-articles", type=int, default=10000, help="0 skips the memory run")
    parser.add_argument("--memory-processes", type=int, default=2)
    parser.add_argument("--workdir", type=Path, help="keep the corpus and stores here (default: temporary)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, corpus, processes, *rest = args.child
        if kind == "spacy":
            result = child_spacy(Path(corpus), int(processes))
        elif kind == "geopol":
            result = child_geopol(Path(corpus), int(processes), int(rest[0]), Path(rest[1]))
        else:
            result = child_memory(Path(corpus), int(processes), int(rest[0]), Path(rest[1]), int(rest[2]))
        print(json.dumps(result))
        return

    from geopol.config import load_settings

    with tempfile.TemporaryDirectory(prefix="geopol-bench-") as tmp:
        work = args.workdir or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        corpus = write_jsonl(work / f"corpus-{args.articles}.jsonl", args.articles)
        best: dict[tuple[str, int], dict[str, Any]] = {}
        counts: dict[str, Any] = {}
        for attempt in range(args.repeat):
            for procs in args.processes:
                spacy_run = run_child(["spacy", str(corpus), str(procs)])
                counts = {k: spacy_run[k] for k in ("articles", "words", "sentences", "tokens")}
                db = work / f"bench-{procs}.duckdb"
                db.unlink(missing_ok=True)
                geopol_run = run_child(["geopol", str(corpus), str(procs), str(args.batch_size), str(db)])
                for name, run in (("spaCy", spacy_run), ("geopol", geopol_run)):
                    if (name, procs) not in best or run["seconds"] < best[name, procs]["seconds"]:
                        best[name, procs] = {"run": name, "procs": procs, **run}
                print(f"... round {attempt + 1}, {procs} process(es) done", file=sys.stderr)
        rows = [best[name, procs] for procs in args.processes for name in ("spaCy", "geopol")]
        if args.repeat > 1:
            print(f"best of {args.repeat} runs each, spaCy and geopol alternating")
        settings = load_settings()
        counts.update(model=settings.nlp.model, batch=settings.nlp.batch_size)
        print(report(counts, rows))
        results: dict[str, Any] = {"counts": counts, "runs": rows}
        if args.memory_articles:
            big = write_jsonl(work / f"corpus-{args.memory_articles}.jsonl", args.memory_articles)
            db = work / "memory.duckdb"
            db.unlink(missing_ok=True)
            memory = run_child(["memory", str(big), str(args.memory_processes), str(args.batch_size), str(db),
                                str(max(1, args.memory_articles // 10))])
            print()
            print(memory_report(memory))
            results["memory"] = memory
        if args.json:
            args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
