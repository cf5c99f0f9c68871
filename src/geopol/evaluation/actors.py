"""``geopol eval actors``: actor resolution measured on two sets.

- ``dated``: geopol's own dated-role cases (data/eval/dated-roles.tsv). Each case becomes the
  sentence "<text> said on Monday that talks would continue." dated by the case; it passes when
  the subject resolves to the expected person, whose office on that date (from the knowledge
  base) is the expected office of the expected state or IGO, with the expected sector.
- ``plover``: the actors of the PLOVER gold records. For each gold actor (its text, country code
  and sector), geopol's actor whose mention overlaps that text (the one ending last: the head of
  the phrase) is compared: country (gold's old codes mapped to ISO, IGOs compared as "an IGO")
  and sector (the first three letters of gold's sector; a state or IGO counts as GOV).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geopol.datafiles import data_path, read_rows
from geopol.evaluation.gold import GoldActor, plover_records
from geopol.evaluation.score import Ratio
from geopol.ingest.text import parse_plaintext
from geopol.model import Actor, Analysis
from geopol.pipeline import Analyzer, Failure


@dataclass(frozen=True)
class DatedCase:
    text: str
    date: dt.date
    org: str
    office: str
    person: str
    sector: str
    line: int


@dataclass
class ActorReport:
    dated: Ratio = field(default_factory=Ratio)
    dated_failures: list[str] = field(default_factory=list)
    country: Ratio = field(default_factory=Ratio)
    sector: Ratio = field(default_factory=Ratio)
    found: Ratio = field(default_factory=Ratio)

    def as_dict(self) -> dict[str, Any]:
        return {"dated_roles": {**self.dated.as_dict(), "failures": self.dated_failures},
                "plover_actor_found": self.found.as_dict(), "plover_country": self.country.as_dict(),
                "plover_sector": self.sector.as_dict()}


def dated_cases(path: Path | None = None) -> list[DatedCase]:
    out = []
    for row in read_rows(path or data_path("eval", "dated-roles.tsv"),
                         ("text", "date", "org", "office", "person", "sector")):
        date = row.date("date", required=True)
        assert date is not None
        out.append(DatedCase(row.get("text"), date, row.get("org"), row.get("office"), row.get("person"),
                             row.get("sector"), row.line))
    return out


def _sentence(case: DatedCase) -> str:
    text = case.text[0].upper() + case.text[1:]
    return f"{text} said on Monday that talks would continue."


def check_dated(analyzer: Analyzer, case: DatedCase, analysis: Analysis) -> str | None:
    """None when the case passes, else what went wrong."""
    near = [a for a in analysis.actors if any(m.start < len(case.text) for m in a.mentions)]
    subject = next((a for a in near if a.kind == "person"), near[0] if near else None)
    if subject is None:
        return "no actor at the start of the sentence"
    if subject.id != f"person:{case.person}":
        return f"resolved to {subject.id}"
    offices = analyzer.kb.offices_of(case.person, case.date)
    if not any(o.org == case.org and o.office == case.office and o.active(case.date) for o in offices):
        held = ", ".join(f"{o.office} {o.org}" for o in offices) or "none"
        return f"office on {case.date} is {held}"
    if subject.sector != case.sector:
        return f"sector {subject.sector}, expected {case.sector}"
    return None


def _matching_actor(analysis: Analysis, sentence: str, gold: GoldActor) -> Actor | None:
    if not gold.text:
        return None
    start = sentence.find(gold.text)
    if start < 0:
        return None
    end = start + len(gold.text)
    # The head of a noun phrase comes last in English ("Hungarian officials"): prefer the
    # overlapping mention that ends last, then the longest.
    best: tuple[int, int, Actor] | None = None
    for actor in analysis.actors:
        for m in actor.mentions:
            if m.start < end and start < m.end:
                key = (m.end, m.end - m.start)
                if best is None or key > best[:2]:
                    best = (*key, actor)
    return best[2] if best else None


# The PLOVER records' sector codes where they differ from CAMEO's, which geopol uses: their MED is
# medical (doctors, the Red Cross and Red Crescent; CAMEO HLH) and their JRN journalism
# (newspapers, journalists; CAMEO MED). Every MED and JRN actor of the records is of that kind.
GOLD_SECTORS = {"MED": "HLH", "JRN": "MED"}


def sector_matches(actor: Actor, gold_sector: str) -> bool:
    """Whether ``actor``'s sector is the gold's (its first three letters: "CVLalb" is CVL)."""
    code = gold_sector[:3].upper()
    return effective_sector(actor) == GOLD_SECTORS.get(code, code)


def effective_sector(actor: Actor) -> str | None:
    """A state or IGO acting in an event acts through its government or governing body (the
    PLOVER records code "Syria" and "the Security Council" as GOV)."""
    if actor.kind in ("state", "igo"):
        return "GOV"
    return actor.sector


def run(analyzer: Analyzer, data: Path | None) -> ActorReport:
    report = ActorReport()
    cases = dated_cases()
    articles = (parse_plaintext(_sentence(c), source=f"dated:{c.line}", published=c.date) for c in cases)
    for case, result in zip(cases, analyzer.analyze_many(articles), strict=True):
        problem = result.reason if isinstance(result, Failure) else check_dated(analyzer, case, result)
        report.dated.add(problem is None)
        if problem:
            report.dated_failures.append(f"line {case.line} {case.text!r} {case.date}: {problem}")
    if data is None:
        return report
    records = plover_records(data / "plover_gsr" / "PLOVER_GSR_CAMEO.json")
    articles = (parse_plaintext(r.text, source=r.id) for r in records)
    for record, result in zip(records, analyzer.analyze_many(articles), strict=True):
        if isinstance(result, Failure):
            continue
        for gold in (*record.events[0].source, *record.events[0].target):
            actor = _matching_actor(result, result.article.text, gold)
            report.found.add(actor is not None)
            if gold.code == "IGO":
                report.country.add(actor is not None and (actor.kind == "igo" or (actor.cameo or "").startswith("IGO")))
            elif gold.country:
                report.country.add(actor is not None and actor.country == gold.country)
            if gold.sector:
                report.sector.add(actor is not None and sector_matches(actor, gold.sector))
    return report
