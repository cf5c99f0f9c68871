"""``geopol eval``: event coding measured on the public gold sets.

For each gold sentence geopol codes the sentence alone (dated by the record when it has a date).
Predictions are geopol's events minus the accusations it derives from claims (the gold sets do
not code those). The *primary* prediction is the event whose trigger is closest to the root of
its sentence's parse (a proxy for "the event the sentence reports"). Measures per set:

- ``root``, ``code``, ``plover``: precision/recall/F1 over the labels of all events of a sentence,
  and accuracy = share of gold sentences whose primary prediction has the gold label;
- ``source_country`` / ``target_country``: for primary predictions with the right label, the
  share whose source (target) countries equal the gold ones (only where gold gives countries);
- ``false_events``: share of sentences with no gold event where geopol codes one (PETRARCH set
  and geopol's own no-event sentences).

The ``own`` set (data/eval/sentences) is geopol's: sentences with the CAMEO root of their event
and sentences with no event. It needs no external data.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from geopol.datafiles import data_path
from geopol.evaluation.gold import (
    GoldSentence,
    cameo_examples,
    own_sentences,
    petrarch_actor_rows,
    petrarch_records,
    plover_records,
)
from geopol.evaluation.score import Ratio, Tally
from geopol.ingest.text import parse_plaintext
from geopol.model import Analysis, Article, Event
from geopol.pipeline import Analyzer, Failure

SETS = ("plover", "cameo", "petrarch", "own")


@dataclass
class SetReport:
    name: str
    sentences: int = 0
    root: Tally = field(default_factory=Tally)
    code: Tally = field(default_factory=Tally)
    plover: Tally = field(default_factory=Tally)
    source_country: Ratio = field(default_factory=Ratio)
    target_country: Ratio = field(default_factory=Ratio)
    false_events: Ratio = field(default_factory=Ratio)
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"sentences": self.sentences}
        for name in ("root", "code", "plover"):
            tally: Tally = getattr(self, name)
            if tally.total or tally.tp or tally.fp:
                out[name] = tally.as_dict()
        for name in ("source_country", "target_country", "false_events"):
            ratio: Ratio = getattr(self, name)
            if ratio.total:
                out[name] = ratio.as_dict()
        if self.notes:
            out["notes"] = self.notes
        return out


def load_set(name: str, data: Path, analyzer: Analyzer) -> tuple[list[GoldSentence], list[str]]:
    if name == "plover":
        return plover_records(data / "plover_gsr" / "PLOVER_GSR_CAMEO.json"), []
    if name == "cameo":
        return cameo_examples(data / "cameo_reference" / "icews_cameo-codes.csv"), []
    if name == "own":
        return own_sentences(data_path("eval", "sentences")), []
    records, skipped = petrarch_records(data / "petrarch2_unittest" / "PETR.UnitTest.records.xml",
                                        set(analyzer.ontology.codes))
    notes = [f"skipped {n} records: {why}" for why, n in sorted(skipped.items())]
    return records, notes


def _articles(sentences: list[GoldSentence]) -> Iterator[Article]:
    for s in sentences:
        date = dt.date.fromisoformat(s.date) if s.date else None
        yield parse_plaintext(s.text, source=s.id, published=date)


def _depth(analysis: Analysis, event: Event) -> int:
    return 0 if event.trigger.start == event.sentence.start else event.trigger.start - event.sentence.start


def _depth_of(known: dict[str, int], analysis: Analysis, event: Event) -> int:
    return known.get(event.id, _depth(analysis, event))


def predictions(analysis: Analysis) -> list[Event]:
    return [e for e in analysis.events if e.pattern != "claim.accuse"]


def primary(analysis: Analysis, events: list[Event], depth: Callable[[Event], int]) -> Event | None:
    return min(events, key=depth) if events else None


def countries(analysis: Analysis, ids: tuple[str, ...]) -> set[str]:
    out = set()
    for i in ids:
        actor = analysis.actor(i)
        if actor is not None and actor.country:
            out.add(actor.country)
    return out


def evaluate_set(analyzer: Analyzer, name: str, sentences: list[GoldSentence], notes: list[str],
                 depths: dict[str, dict[str, int]] | None = None) -> SetReport:
    report = SetReport(name, notes=list(notes))
    for gold, result in zip(sentences, analyzer.analyze_many(_articles(sentences)), strict=True):
        report.sentences += 1
        if isinstance(result, Failure):
            report.notes.append(f"{gold.id}: {result.reason}")
            continue
        events = predictions(result)
        depth_of = (depths or {}).get(gold.id, {})
        top = primary(result, events, partial(_depth_of, depth_of, result))
        if not gold.events:
            report.false_events.add(bool(events))
            continue
        codes = [e.cameo for e in gold.events if e.cameo]
        if codes and name != "petrarch":
            report.root.add([e.cameo[:2] for e in events], [c[:2] for c in codes], top.cameo[:2] if top else None)
        if codes and name not in ("petrarch", "own"):
            report.code.add([e.cameo for e in events], codes, top.cameo if top else None)
        types = [e.plover for e in gold.events if e.plover]
        if types:
            report.plover.add([e.plover or "-" for e in events], types, top.plover if top else None)
        g = gold.events[0]
        label_ok = top is not None and (
            (g.plover is not None and top.plover == g.plover) or (g.cameo is not None and (
                top.cameo == g.cameo or name == "petrarch")))
        if top is not None and label_ok:
            gold_src = {a.country for a in g.source if a.country}
            gold_tgt = {a.country for a in g.target if a.country}
            # A joint act is one event with all parties on both sides ("A and B agreed"), where
            # the gold codes a pair of directed events (A->B, B->A): each party must be there.
            joint = len(top.source) >= 2 and set(top.source) == set(top.target)
            if gold_src:
                found = countries(result, top.source)
                report.source_country.add(gold_src <= found if joint else found == gold_src)
            if gold_tgt:
                found = countries(result, top.target)
                report.target_country.add(gold_tgt <= found if joint else found == gold_tgt)
    return report


def petrarch_analyzer(analyzer: Analyzer, data: Path, folder: Path) -> Analyzer:
    """The analyzer plus PETRARCH's fictional actors (Arnor, Gondor...) as extra states.

    Their 3-letter codes become pseudo-states in a states file written to ``folder``; codes that
    are real ISO codes keep the real state and are not added.
    """
    rows = petrarch_actor_rows(data / "petrarch2_unittest" / "PETR.Validate.actors.txt")
    header = "iso3\tcameo\tname\taliases\tadjectives\tpeople\tmetonyms\tregion\tstatus\tambiguous\n"
    merged: dict[str, tuple[str, list[str]]] = {}
    for code, name, aliases in rows:
        if code in analyzer.kb.states:
            continue
        first, known = merged.setdefault(code, (name, []))
        known.extend(a for a in [name, *aliases] if a != first and a not in known)
    path = folder / "petrarch-actors.tsv"
    lines = [f"{code}\t{code}\t{name}\t{'|'.join(aliases)}\t\t\t\t\tother\t\n"
             for code, (name, aliases) in sorted(merged.items())]
    path.write_text(header + "".join(lines), encoding="utf-8")
    settings = replace(analyzer.settings, actors=replace(analyzer.settings.actors, extra_states=(str(path),)))
    return Analyzer.from_settings(settings, nlp=analyzer.nlp)


def run(analyzer: Analyzer, data: Path, sets: tuple[str, ...] = SETS) -> dict[str, SetReport]:
    """Evaluate ``sets`` from the gold data folder ``data`` (shared/anchors-data)."""
    reports = {}
    for name in sets:
        sentences, notes = load_set(name, data, analyzer)
        if name == "petrarch":
            with tempfile.TemporaryDirectory() as tmp:
                reports[name] = evaluate_set(petrarch_analyzer(analyzer, data, Path(tmp)), name, sentences, notes)
        else:
            reports[name] = evaluate_set(analyzer, name, sentences, notes)
    return reports
