"""``geopol eval quotes``: quote extraction measured on geopol's own gold set (data/eval/quotes).

Matching: a predicted quote matches the gold quote of the same article with which it shares the
most words, if that word overlap is at least half of the shorter of the two (each gold and each
predicted quote is matched at most once, best overlaps first).

- *Speaker* precision = matched quotes with the right speaker / predicted quotes; recall = the
  same / gold quotes (the definition citron reports). A gold document speaker also accepts the
  document's author IGO, and the other way round.
- *Content* precision/recall = shared words of matched quotes / words of all predicted (gold)
  quotes, so a quote that swallows or misses text loses.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geopol.datafiles import data_path
from geopol.ingest.text import parse_plaintext
from geopol.model import Analysis, Quote
from geopol.pipeline import Analyzer, Failure

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class GoldQuote:
    speaker: str | None
    kind: str
    text: str
    note: str


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    published: dt.date | None
    quotes: tuple[GoldQuote, ...]


@dataclass
class QuoteReport:
    gold: int = 0
    predicted: int = 0
    speaker_ok: int = 0
    shared_words: int = 0
    gold_words: int = 0
    predicted_words: int = 0
    misses: list[str] = field(default_factory=list)

    @staticmethod
    def _f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        sp = self.speaker_ok / self.predicted if self.predicted else 0.0
        sr = self.speaker_ok / self.gold if self.gold else 0.0
        cp = self.shared_words / self.predicted_words if self.predicted_words else 0.0
        cr = self.shared_words / self.gold_words if self.gold_words else 0.0
        return {
            "gold": self.gold, "predicted": self.predicted,
            "speaker": {"precision": round(sp, 3), "recall": round(sr, 3), "f1": round(self._f1(sp, sr), 3)},
            "content": {"precision": round(cp, 3), "recall": round(cr, 3), "f1": round(self._f1(cp, cr), 3)},
            "misses": self.misses,
        }


def load_cases(folder: Path | None = None) -> list[Case]:
    folder = folder or data_path("eval", "quotes")
    cases = []
    for spec in sorted(folder.glob("*.json")):
        data = json.loads(spec.read_text(encoding="utf-8"))
        text = spec.with_suffix(".txt").read_text(encoding="utf-8")
        published = dt.date.fromisoformat(data["published"]) if data.get("published") else None
        quotes = tuple(GoldQuote(q.get("speaker"), q["kind"], q["text"], q.get("note", "")) for q in data["quotes"])
        cases.append(Case(spec.stem, text, published, quotes))
    return cases


def words(text: str) -> Counter[str]:
    return Counter(w.lower() for w in _WORD.findall(text))


def _author(analysis: Analysis, actor_id: str) -> str | None:
    actor = analysis.actor(actor_id)
    return actor.affiliation if actor is not None and actor.kind == "document" else None


def _same_speaker(analysis: Analysis, predicted: str | None, gold: str | None) -> bool:
    """Exact match, or a document and its author IGO (either way round)."""
    if predicted is None or gold is None:
        return predicted == gold
    if predicted == gold or _author(analysis, predicted) == gold:
        return True
    if gold.startswith("document:"):
        author = predicted if predicted.startswith("igo:") else _author(analysis, predicted)
        return author is not None and gold.split(":", 1)[1].startswith(author.split(":", 1)[1].lower())
    return False


def score_case(case: Case, analysis: Analysis, report: QuoteReport) -> None:
    predicted: list[Quote] = list(analysis.quotes)
    report.gold += len(case.quotes)
    report.predicted += len(predicted)
    report.gold_words += sum(sum(words(g.text).values()) for g in case.quotes)
    report.predicted_words += sum(sum(words(p.text).values()) for p in predicted)
    pairs = []
    for gi, g in enumerate(case.quotes):
        gw = words(g.text)
        for pi, p in enumerate(predicted):
            pw = words(p.text)
            shared = sum((gw & pw).values())
            if shared and shared >= 0.5 * min(sum(gw.values()), sum(pw.values())):
                pairs.append((shared, gi, pi))
    used_g: set[int] = set()
    used_p: set[int] = set()
    for shared, gi, pi in sorted(pairs, reverse=True):
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        report.shared_words += shared
        g, p = case.quotes[gi], predicted[pi]
        if _same_speaker(analysis, p.speaker, g.speaker):
            report.speaker_ok += 1
        else:
            report.misses.append(f"{case.name}: speaker {p.speaker} for {g.speaker} ({g.note}): {g.text[:50]!r}")
    for gi, g in enumerate(case.quotes):
        if gi not in used_g:
            report.misses.append(f"{case.name}: missed {g.kind} ({g.note}): {g.text[:60]!r}")


def run(analyzer: Analyzer, folder: Path | None = None) -> QuoteReport:
    report = QuoteReport()
    cases = load_cases(folder)
    articles = (parse_plaintext(c.text, source=c.name, published=c.published) for c in cases)
    for case, result in zip(cases, analyzer.analyze_many(articles), strict=True):
        if isinstance(result, Failure):
            report.gold += len(case.quotes)
            report.misses.append(f"{case.name}: failed: {result.reason}")
            continue
        score_case(case, result, report)
    return report
