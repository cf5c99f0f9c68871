"""Precision, recall and F1 over label multisets, and accuracy of a primary prediction."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    correct: int = 0
    total: int = 0

    def add(self, predicted: list[str], gold: list[str], primary: str | None) -> None:
        p, g = Counter(predicted), Counter(gold)
        overlap = sum((p & g).values())
        self.tp += overlap
        self.fp += sum(p.values()) - overlap
        self.fn += sum(g.values()) - overlap
        if gold:
            self.total += 1
            self.correct += int(primary is not None and primary in g)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3),
                "f1": round(self.f1, 3), "accuracy": round(self.accuracy, 3), "n": self.total}


@dataclass
class Ratio:
    hit: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.hit += int(ok)
        self.total += 1

    @property
    def value(self) -> float:
        return self.hit / self.total if self.total else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"value": round(self.value, 3), "n": self.total}
