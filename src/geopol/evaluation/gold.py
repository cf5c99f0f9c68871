"""Loading the public gold sets in shared/anchors-data as :class:`GoldSentence` records.

- ``plover``: the PLOVER gold-standard records (PLOVER_GSR_CAMEO.json). Their PLOVER 0.5b1
  categories are mapped to today's 16 types (:data:`PLOVER_05_TO_16`); their few non-ISO country
  codes (JAP, ITL) to ISO alpha-3.
- ``cameo``: the example sentence of each code in the CAMEO code table (icews_cameo-codes.csv);
  the gold label is the example's code (scored at root level and full code).
- ``petrarch``: PETRARCH-2's unit-test records. Their actors are fictional (Tolkien, Harry Potter),
  so a small actor file is built from PETR.Validate.actors.txt (:func:`petrarch_actor_rows`);
  their event codes come from the validation verb dictionary, whose meanings follow an older
  CAMEO draft (e.g. DEPART is 032 there, 042 in CAMEO 1.1b3), so the set scores dyads and
  false events, not codes. Records of categories that test PETRARCH's engine (DATE, PARSING,
  ERROR, SYNSET, PATTERN, MODIFY) and codes outside CAMEO (9xx, 1717, 345...) are skipped.
"""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from geopol.errors import GeopolError

PLOVER_05_TO_16 = {
    "AGREE": "AGREE", "CONSULT": "CONSULT", "SUPPORT": "SUPPORT", "CONCEDE": "CONCEDE",
    "COOPERATE": "COOPERATE", "AID": "AID", "RETREAT": "RETREAT", "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "REJECT": "REJECT", "THREATEN": "THREATEN",
    "PROTEST": "PROTEST", "SANCTION": "SANCTION", "MOBILIZE": "MOBILIZE", "COERCE": "COERCE",
    "ASSAULT": "ASSAULT", "FIGHT": "ASSAULT",
}
OLD_COUNTRY_CODES = {"JAP": "JPN", "ITL": "ITA", "ROM": "ROU", "UK": "GBR", "GER": "DEU", "YUG": "SRB",
                     "TMP": "TLS", "ZAR": "COD", "BUR": "MMR"}
SKIPPED_PETRARCH_CATEGORIES = frozenset({"DATE", "PARSING", "ERROR", "SYNSET", "PATTERN", "MODIFY"})


@dataclass(frozen=True)
class GoldActor:
    text: str
    code: str
    sector: str | None

    @property
    def country(self) -> str | None:
        code = OLD_COUNTRY_CODES.get(self.code[:3], self.code[:3])
        return code if re.fullmatch(r"[A-Z]{3}", code) and code not in ("IGO", "NGO", "IMG", "MNC") else None


@dataclass(frozen=True)
class GoldEvent:
    plover: str | None = None
    cameo: str | None = None
    source: tuple[GoldActor, ...] = ()
    target: tuple[GoldActor, ...] = ()


@dataclass(frozen=True)
class GoldSentence:
    set: str
    id: str
    text: str
    date: str | None
    events: tuple[GoldEvent, ...] = field(default_factory=tuple)


def _sector(value: object) -> str | None:
    """A gold sector, or None where the record gives none: missing or the placeholder "***"
    (14 PLOVER actors, "Israel", "Kabul"), which no coder can match and which is not scored."""
    return value if isinstance(value, str) and value.strip("*") else None


def _actors(value: object) -> tuple[GoldActor, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(GoldActor(a.get("actorText", ""), a.get("code", ""), _sector(a.get("sector"))) for a in value
                 if isinstance(a, dict) and a.get("code"))


def plover_records(path: Path) -> list[GoldSentence]:
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise GeopolError(f"{path}: cannot read the PLOVER gold records ({exc}); check --data") from None
    out = []
    for r in records:
        event = PLOVER_05_TO_16.get(r.get("event", ""))
        if event is None or not r.get("text"):
            continue
        out.append(GoldSentence("plover", r["id"], r["text"], r.get("date"), (
            GoldEvent(plover=event, source=_actors(r.get("source")), target=_actors(r.get("target"))),)))
    return out


def cameo_examples(path: Path) -> list[GoldSentence]:
    raw = path.read_bytes().decode("latin-1")
    out = []
    for row in csv.DictReader(raw.splitlines()):
        example = (row.get("example") or "").strip()
        if not example or example == "NA":
            continue
        # The table's text is double-encoded in places; fold the damage to plain apostrophes.
        example = re.sub(r"[\x80-\xff]+", "'", example)
        out.append(GoldSentence("cameo", f"CAMEO-{row['code']}", example, None,
                                (GoldEvent(cameo=row["code"]),)))
    return out


def petrarch_records(path: Path, valid_codes: set[str]) -> tuple[list[GoldSentence], dict[str, int]]:
    """Usable records and counts of the skipped ones by reason."""
    root = ET.parse(path).getroot()
    out: list[GoldSentence] = []
    skipped: dict[str, int] = {}
    for s in root.iter("Sentence"):
        category = s.get("category", "")
        text = " ".join((s.findtext("Text") or "").split())
        if category.rstrip("x") in SKIPPED_PETRARCH_CATEGORIES:
            skipped[f"category {category}"] = skipped.get(f"category {category}", 0) + 1
            continue
        codings = s.findall("EventCoding")
        events = []
        bad = False
        for c in codings:
            if c.get("noevents", "").lower() == "true":
                continue
            code = c.get("eventcode", "")
            if code not in valid_codes:
                bad = True
                break
            events.append(GoldEvent(cameo=code, source=(GoldActor("", c.get("sourcecode", ""), None),),
                                    target=(GoldActor("", c.get("targetcode", ""), None),)))
        if bad:
            skipped["code outside CAMEO"] = skipped.get("code outside CAMEO", 0) + 1
            continue
        date = s.get("date")
        iso = f"{date[:4]}-{date[4:6]}-{date[6:8]}" if date and len(date) == 8 else None
        out.append(GoldSentence("petrarch", s.get("id", ""), text, iso, tuple(events)))
    return out, skipped


def petrarch_actor_rows(path: Path) -> list[tuple[str, str, list[str]]]:
    """(code, name, aliases) for the 3-letter actors of PETR.Validate.actors.txt.

    TABARI format: ``NAME [CODE]`` starts an entry, ``+NAME`` lines add synonyms; underscores
    join words. Longer codes (agents, groups) are not turned into states.
    """
    entries: list[tuple[str, str, list[str]]] = []
    current: tuple[str, str, list[str]] | None = None
    for line in path.read_text(encoding="latin-1").splitlines():
        line = line.split("#")[0].strip()
        if not line or line.startswith("<"):
            continue
        if line.startswith("+") and current is not None:
            current[2].append(line[1:].replace("_", " ").strip().title())
            continue
        match = re.match(r"^([^\[]+?)\s*\[([A-Za-z]{3})\]", line)
        if match:
            name = match.group(1).replace("_", " ").strip().title()
            current = (match.group(2).upper(), name, [])
            entries.append(current)
        else:
            current = None
    return entries


def own_sentences(folder: Path) -> list[GoldSentence]:
    """geopol's own sentence set: ``coded.tsv`` (CAMEO root + sentence) and ``no-event.txt``
    (one sentence per line that reports no political event). Written during development of the
    patterns, so it measures regressions more than generalisation."""
    from geopol.datafiles import read_rows

    out = [GoldSentence("own", f"own-{row.line}", row.get("sentence"), None, (GoldEvent(cameo=row.get("root")),))
           for row in read_rows(folder / "coded.tsv", ("root", "sentence"))]
    for number, line in enumerate((folder / "no-event.txt").read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            out.append(GoldSentence("own", f"own-none-{number}", line.strip(), None, ()))
    return out
