"""Golden files of geopol's own: tests/golden/<case>.txt with <case>.expected.json.

Expected files list what must be found (actors with kind, country, sector and mention texts;
events by source, target, CAMEO code or root, modality and claimant; quotes by speaker, kind and
a content fragment; relations) and what must not (``absent_events``), item by item.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from geopol.ingest.text import parse_plaintext
from geopol.model import Analysis, Event
from tests.conftest import GOLDEN

pytestmark = pytest.mark.model
CASES = sorted(p.name[: -len(".expected.json")] for p in GOLDEN.glob("*.expected.json"))


def load(analyzer, case: str) -> tuple[Analysis, dict[str, Any]]:  # type: ignore[no-untyped-def]
    spec = json.loads((GOLDEN / f"{case}.expected.json").read_text(encoding="utf-8"))
    text = (GOLDEN / f"{case}.txt").read_text(encoding="utf-8")
    published = dt.date.fromisoformat(spec["published"]) if spec.get("published") else None
    return analyzer.analyze(parse_plaintext(text, source=case, published=published)), spec


def matches(event: Event, want: dict[str, Any]) -> bool:
    if "source" in want and set(event.source) != set(want["source"]):
        return False
    if "target" in want and set(event.target) != set(want["target"]):
        return False
    if "cameo" in want and event.cameo != want["cameo"]:
        return False
    if "cameo_root" in want and event.cameo[:2] != want["cameo_root"]:
        return False
    if "modality" in want and event.modality != want["modality"]:
        return False
    return not ("claimed_by" in want and event.claimed_by != want["claimed_by"])


@pytest.fixture(scope="module")
def golden(analyzer) -> dict[str, tuple[Analysis, dict[str, Any]]]:  # type: ignore[no-untyped-def]
    return {case: load(analyzer, case) for case in CASES}


def _items(key: str) -> list[tuple[str, int]]:
    out = []
    for case in CASES:
        spec = json.loads((GOLDEN / f"{case}.expected.json").read_text(encoding="utf-8"))
        out += [(case, i) for i in range(len(spec.get(key, [])))]
    return out


@pytest.mark.parametrize(("case", "i"), _items("actors"))
def test_golden_actor(golden, case: str, i: int) -> None:  # type: ignore[no-untyped-def]
    analysis, spec = golden[case]
    want = spec["actors"][i]
    actor = analysis.actor(want["id"])
    assert actor is not None, f"{want['id']} not among {[a.id for a in analysis.actors]}"
    for key in ("kind", "country", "sector"):
        if key in want:
            assert getattr(actor, key) == want[key], key
    texts = {m.text.lower() for m in actor.mentions}
    for mention in want.get("mentions", []):
        assert mention.lower() in texts, f"{mention!r} not among {texts}"


@pytest.mark.parametrize(("case", "i"), _items("events"))
def test_golden_event(golden, case: str, i: int) -> None:  # type: ignore[no-untyped-def]
    analysis, spec = golden[case]
    want = spec["events"][i]
    found = [e for e in analysis.events if matches(e, want)]
    assert found, f"no event like {want}; got {[(e.cameo, e.source, e.target, e.modality) for e in analysis.events]}"


@pytest.mark.parametrize(("case", "i"), _items("absent_events"))
def test_golden_absent_event(golden, case: str, i: int) -> None:  # type: ignore[no-untyped-def]
    analysis, spec = golden[case]
    want = spec["absent_events"][i]
    assert not [e for e in analysis.events if matches(e, want)]


@pytest.mark.parametrize(("case", "i"), _items("quotes"))
def test_golden_quote(golden, case: str, i: int) -> None:  # type: ignore[no-untyped-def]
    analysis, spec = golden[case]
    want = spec["quotes"][i]
    found = [q for q in analysis.quotes if want["contains"] in q.text and q.kind == want["kind"]]
    assert found, f"no {want['kind']} quote containing {want['contains']!r}"
    assert found[0].speaker == want["speaker"]


@pytest.mark.parametrize(("case", "i"), _items("relations"))
def test_golden_relation(golden, case: str, i: int) -> None:  # type: ignore[no-untyped-def]
    analysis, spec = golden[case]
    source, kind, target = spec["relations"][i]
    assert (source, kind, target) in {(r.source, r.kind, r.target) for r in analysis.relations}
