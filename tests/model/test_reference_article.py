"""The reference article (issue: geopol code), asserted item by item on the real pipeline."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from geopol.ingest.text import read_article
from geopol.model import Analysis, Event, to_dict
from tests.conftest import REFERENCE

pytestmark = pytest.mark.model


def actor(analysis: Analysis, actor_id: str):  # type: ignore[no-untyped-def]
    found = analysis.actor(actor_id)
    assert found is not None, f"{actor_id} not among {[a.id for a in analysis.actors]}"
    return found


def mentions(analysis: Analysis, actor_id: str) -> set[str]:
    return {m.text.lower() for m in actor(analysis, actor_id).mentions}


def events(analysis: Analysis, source: str | None = None, target: str | None = None, root: str | None = None,
           ) -> list[Event]:
    return [
        e for e in analysis.events
        if (source is None or source in e.source) and (target is None or target in e.target)
        and (root is None or e.cameo.startswith(root))
    ]


def side(analysis: Analysis, actor_id: str) -> str:
    a = analysis.actor(actor_id)
    return (a.affiliation or actor_id) if a and a.kind in ("person", "document") else actor_id


@pytest.mark.parametrize(
    ("actor_id", "kind", "surface"),
    [
        ("state:CHN", "state", {"china", "beijing"}),
        ("igo:NATO", "igo", {"nato", "the alliance"}),
        ("state:RUS", "state", {"russia"}),
        ("state:AUS", "state", {"australia"}),
        ("state:JPN", "state", {"japan"}),
        ("state:NZL", "state", {"new zealand"}),
        ("state:KOR", "state", {"south korea"}),
        ("state:IND", "state", {"india"}),
        ("state:USA", "state", {"us"}),
    ],
)
def test_reference_actors_found_with_their_names(reference: Analysis, actor_id: str, kind: str,
                                                 surface: set[str]) -> None:
    assert actor(reference, actor_id).kind == kind
    assert surface <= mentions(reference, actor_id)


def test_reference_quad_is_a_group_with_its_four_members(reference: Analysis) -> None:
    quad = actor(reference, "igo:QUAD")
    assert set(quad.members) == {"state:USA", "state:AUS", "state:JPN", "state:IND"}
    assert "quad" in mentions(reference, "igo:QUAD")


def test_reference_hua_chunying_is_a_chinese_foreign_ministry_spokesperson(reference: Analysis) -> None:
    hua = actor(reference, "person:hua-chunying")
    assert hua.kind == "person" and hua.country == "CHN" and hua.sector == "GOV"
    assert any("spokesperson" in r.lower() for r in hua.roles)
    assert hua.affiliation == "state:CHN"


def test_reference_stoltenberg_is_nato_secretary_general_and_he(reference: Analysis) -> None:
    jens = actor(reference, "person:jens-stoltenberg")
    assert jens.affiliation == "igo:NATO"
    assert any("secretary" in r.lower() for r in jens.roles)
    assert "he" in mentions(reference, "person:jens-stoltenberg")


def test_reference_report_is_a_nato_document(reference: Analysis) -> None:
    docs = [a for a in reference.actors if a.kind == "document"]
    assert len(docs) == 1
    assert docs[0].name == "NATO 2030" and docs[0].affiliation == "igo:NATO"


def test_reference_china_offers_dialogue_to_nato_as_intent(reference: Analysis) -> None:
    found = events(reference, "state:CHN", "igo:NATO")
    assert found, "no China -> NATO event"
    assert all(e.cameo[:2] in ("03", "04") for e in found)
    dialogue = [e for e in found if e.cameo == "036"]
    assert dialogue and dialogue[0].modality == "intended" and dialogue[0].claimed_by is None
    assert dialogue[0].evidence, "the headline and the body sentence are one event with two sentences"


@pytest.mark.parametrize("target", ["state:CHN", "state:RUS"])
def test_reference_nato_names_china_and_russia_threats(reference: Analysis, target: str) -> None:
    found = [e for e in events(reference, "igo:NATO", target, "11") if e.modality == "asserted"]
    assert found and found[0].claimed_by is None
    assert found[0].plover == "ACCUSE"


def test_reference_nato_accuses_china_from_reports_claims_and_stoltenberg(reference: Analysis) -> None:
    accusations = [e for e in reference.events if e.cameo == "112" and "state:CHN" in e.target]
    speakers = {side(reference, s) for e in accusations for s in e.source}
    assert speakers == {"igo:NATO"}
    assert {s for e in accusations for s in e.source} >= {"igo:NATO", "person:jens-stoltenberg"}


@pytest.mark.parametrize("target", ["state:AUS", "state:JPN", "state:NZL", "state:KOR", "state:IND"])
def test_reference_nato_should_partner_with_asian_democracies(reference: Analysis, target: str) -> None:
    found = events(reference, "igo:NATO", target)
    assert found
    assert all(e.cameo.startswith("03") and e.modality == "recommended" for e in found)


def test_reference_quad_drills_are_military_cooperation_among_members(reference: Analysis) -> None:
    drills = [e for e in reference.events if e.cameo == "062"]
    assert len(drills) == 1
    members = {"state:USA", "state:AUS", "state:JPN", "state:IND"}
    assert set(drills[0].source) == members and set(drills[0].target) == members
    assert drills[0].modality == "asserted"


def test_reference_claims_are_not_facts(reference: Analysis) -> None:
    # "has proven its willingness to use force": coded as the report's claim (a threat of force
    # in CAMEO's convention for announced conflictual acts), never as China's asserted attack.
    force = [e for e in reference.events if e.cameo[:2] in ("13", "18", "19", "20") and "state:CHN" in e.source]
    assert force, "the report's claim that China uses force should be coded"
    assert all(e.claimed_by == "igo:NATO" for e in force)
    coercion = [e for e in reference.events if e.cameo.startswith("17") and e.claimed_by == "person:hua-chunying"]
    assert coercion and all(e.modality == "negated" for e in coercion)
    asserted_facts = [e for e in reference.events if e.cameo[:2] in ("17", "18", "19", "20")
                      and e.claimed_by is None and e.modality == "asserted"]
    assert asserted_facts == []


def test_reference_no_reversed_dyads(reference: Analysis) -> None:
    assert not events(reference, "state:CHN", "state:RUS")
    assert not [e for e in reference.events if "igo:NATO" in e.target and e.cameo.startswith("11")]
    assert not [e for e in reference.events if e.cameo.startswith("03") and "igo:NATO" in e.target
                and "state:CHN" not in e.source]


def test_reference_quotes_are_attributed(reference: Analysis) -> None:
    direct = [q for q in reference.quotes if q.kind == "direct"]
    report_quotes = [q for q in direct if q.speaker in ("document:nato-2030", "igo:NATO")]
    assert len(report_quotes) == 3
    stoltenberg = [q for q in direct if q.speaker == "person:jens-stoltenberg"]
    assert len(stoltenberg) == 1 and stoltenberg[0].text.startswith("China is investing massively")
    assert "intimidate other countries" in stoltenberg[0].text
    hua = [q for q in reference.quotes if q.speaker == "person:hua-chunying"]
    assert len(hua) == 1 and hua[0].kind == "indirect" and "coercion" in hua[0].text


def test_reference_relations(reference: Analysis) -> None:
    rel = {(r.source, r.kind, r.target) for r in reference.relations}
    for member in ("state:USA", "state:AUS", "state:JPN", "state:IND"):
        assert (member, "member", "igo:QUAD") in rel
    assert ("igo:NATO", "hostile", "state:CHN") in rel
    assert ("igo:NATO", "hostile", "state:RUS") in rel
    assert ("state:CHN", "dialogue", "igo:NATO") in rel
    for partner in ("state:AUS", "state:JPN", "state:NZL", "state:KOR", "state:IND"):
        assert ("igo:NATO", "partner", partner) in rel


def test_reference_offsets_point_at_the_text(reference: Analysis) -> None:
    text = reference.article.text
    for a in reference.actors:
        for m in a.mentions:
            assert text[m.start:m.end] == m.text
    for e in reference.events:
        assert text[e.sentence.start:e.sentence.end] == e.sentence.text
        assert text[e.trigger.start:e.trigger.end] == e.trigger.text
    for q in reference.quotes:
        assert q.start < q.end <= len(text)


def test_reference_article_metadata(reference: Analysis) -> None:
    art = reference.article
    assert art.title == "Beijing Offers Dialogue With NATO After Alliance Identifies China as Threat"
    assert art.subtitle == "New report calls for NATO to form stronger partnerships in Asia"
    assert art.authors == ("Dave DeCamp",)


def test_reference_json_contract(reference: Analysis) -> None:
    data = json.loads(json.dumps(to_dict(reference)))
    assert data["schema"] == "geopol/1"
    assert set(data["article"]) >= {"id", "title", "subtitle", "authors", "published", "url", "language", "text"}
    assert set(data["actors"][0]) >= {"id", "name", "kind", "country", "sector", "cameo", "roles", "affiliation",
                                      "members", "mentions"}
    assert set(data["events"][0]) >= {"id", "source", "target", "cameo", "plover", "mode", "context", "goldstein",
                                      "quad_class", "modality", "claimed_by", "date", "sentence", "trigger", "coder"}
    assert set(data["quotes"][0]) >= {"id", "speaker", "text", "kind", "start", "end", "cue"}
    assert set(data["relations"][0]) >= {"source", "target", "kind", "events"}
    ids = {a["id"] for a in data["actors"]}
    for e in data["events"]:
        assert set(e["source"]) <= ids and set(e["target"]) <= ids
        assert e["coder"].startswith("geopol-rules/")


def test_reference_rerun_is_identical(analyzer, reference: Analysis) -> None:  # type: ignore[no-untyped-def]
    again = analyzer.analyze(read_article(REFERENCE, published=dt.date(2020, 12, 1)))
    assert to_dict(again) == to_dict(reference)
