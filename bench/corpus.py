"""A deterministic benchmark corpus recombined from the 40 public-domain texts in shared/samples/corpus.

Article ``k`` takes 4 to 7 paragraphs (of at least 12 words) from distinct source files, drawn
with ``random.Random(f"{seed}:{k}")``, so article ``k`` is the same whatever the corpus size.
Its title and date are those of the file of its first paragraph. The corpus is written to a
folder the caller owns (a temporary one in the benchmarks); generated corpora are never committed.

Example::

    python bench/corpus.py /tmp/bench-corpus --articles 2000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from dataclasses import dataclass
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples" / "corpus"
MIN_WORDS = 12
DEFAULT_DATE = "2015-01-01"


@dataclass(frozen=True)
class Source:
    """One sample text: its title, date and body paragraphs."""

    title: str
    date: str
    paragraphs: tuple[str, ...]


def load_sources(folder: Path = SAMPLES) -> list[Source]:
    """The sample texts, in file-name order, with their front matter (``key: value`` lines before ``---``)."""
    sources = []
    for path in sorted(folder.glob("*.txt")):
        head, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
        meta = dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)
        try:
            date = dt.date.fromisoformat(meta.get("date", "")).isoformat()
        except ValueError:
            date = DEFAULT_DATE
        paragraphs = tuple(" ".join(p.split()) for p in body.split("\n\n") if len(p.split()) >= MIN_WORDS)
        if paragraphs:
            sources.append(Source(meta.get("title", path.stem), date, paragraphs))
    if len(sources) < 8:
        raise SystemExit(f"{folder}: expected the 40 sample texts, found {len(sources)} usable ones")
    return sources


def article(sources: list[Source], k: int, seed: int = 1) -> dict[str, str]:
    """Article ``k`` as a JSON Lines record (title, date, url, text)."""
    rng = random.Random(f"{seed}:{k}")
    picked = rng.sample(sources, rng.randint(4, 7))
    paragraphs = [rng.choice(s.paragraphs) for s in picked]
    return {"title": picked[0].title, "date": picked[0].date, "url": f"https://bench.invalid/{seed}/{k}",
            "text": "\n\n".join(paragraphs)}


def write_jsonl(path: Path, articles: int, seed: int = 1, start: int = 0) -> Path:
    """Write articles ``start`` .. ``start + articles - 1`` to the JSON Lines file ``path``."""
    sources = load_sources()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for k in range(start, start + articles):
            out.write(json.dumps(article(sources, k, seed), ensure_ascii=False) + "\n")
    return path


def write_folder(folder: Path, articles: int, seed: int = 1) -> Path:
    """Write each article as a plain-text file (title, blank line, paragraphs) in ``folder``."""
    sources = load_sources()
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(articles):
        record = article(sources, k, seed)
        (folder / f"{k:06d}.txt").write_text(f"{record['title']}\n\n{record['text']}\n", encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="a .jsonl file, or a folder for plain-text files")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.out.suffix == ".jsonl":
        write_jsonl(args.out, args.articles, args.seed)
    else:
        write_folder(args.out, args.articles, args.seed)
    print(args.out)


if __name__ == "__main__":
    main()
