"""How `geopol eval` scores events: the joint-act rule for source and target countries."""

from __future__ import annotations

from typing import Any

import pytest

from geopol.evaluation.events import evaluate_set
from geopol.evaluation.gold import GoldActor, GoldEvent, GoldSentence

pytestmark = pytest.mark.model


def sentence(text: str, source: str, target: str, cameo: str = "030") -> GoldSentence:
    event = GoldEvent(cameo=cameo, source=(GoldActor(source, source, None),), target=(GoldActor(target, target, None),))
    return GoldSentence("test", "s1", text, None, (event,))


def test_a_joint_act_has_each_gold_party_on_both_sides(analyzer: Any) -> None:
    # "A and B agreed" is one joint event here; the gold codes A -> B (and B -> A)
    gold = [sentence("Chile and Peru agreed to settle the dispute.", "CHL", "PER")]
    report = evaluate_set(analyzer, "cameo", gold, [])
    assert (report.source_country.hit, report.source_country.total) == (1, 1)
    assert (report.target_country.hit, report.target_country.total) == (1, 1)


def test_a_directed_act_must_name_exactly_the_gold_countries(analyzer: Any) -> None:
    # (scored as the PETRARCH set is: any coded event counts as the right label)
    report = evaluate_set(analyzer, "petrarch", [sentence("Chile and Peru accused Bolivia of spying.", "CHL", "BOL",
                                                                     "112")], [])
    assert report.source_country.total == 1 and report.source_country.hit == 0


def test_a_sector_placeholder_in_the_gold_is_not_scored() -> None:
    from geopol.evaluation.gold import _actors

    actors = _actors([{"actorText": "Israel", "code": "ISR", "sector": "***"},
                      {"actorText": "Israeli troops", "code": "ISR", "sector": "MIL"}])
    assert [a.sector for a in actors] == [None, "MIL"]


def test_the_gold_sector_codes_for_medicine_and_journalism_are_read_as_cameo_codes() -> None:
    from geopol.evaluation.actors import sector_matches
    from geopol.model import Actor

    doctors = Actor(id="agent:CHEHLH", name="Switzerland doctors", kind="group", country="CHE", sector="HLH")
    paper = Actor(id="agent:NICMED", name="Nicaragua media", kind="organization", country="NIC", sector="MED")
    assert sector_matches(doctors, "MED") and not sector_matches(paper, "MED")
    assert sector_matches(paper, "JRN") and sector_matches(paper, "JRNCHR")
    assert sector_matches(Actor(id="state:ISR", name="Israel", kind="state"), "GOV")
