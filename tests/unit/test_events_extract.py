"""Extraction rules on hand-built parses (no statistical model): roles, voice, light verbs,
coordination, modality and attribution."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from geopol.actors.coref import RegionWords
from geopol.actors.kb import KnowledgeBase
from geopol.actors.stage import ActorStage
from geopol.events.extract import Candidate, Extractor
from geopol.events.modality import ModalityReader
from geopol.events.patterns import default_patterns
from geopol.events.roles import Roles
from geopol.ontology.cameo import default_ontology
from geopol.quotes.attribute import extract_quotes
from geopol.quotes.cues import default_cues

PUB = dt.date(2024, 3, 5)


@pytest.fixture
def code(blank: Language, kb: KnowledgeBase, regions: RegionWords) -> Callable[[Doc], list[Candidate]]:
    stage = ActorStage(blank, kb, regions)

    def run(doc: Doc) -> list[Candidate]:
        frame = stage(doc, PUB)
        quotes = extract_quotes(doc, frame, default_cues(), "t")
        patterns = default_patterns()
        ex = Extractor(doc, Roles(frame, quotes), patterns, default_ontology(),
                       ModalityReader(patterns, default_cues()), PUB)
        return ex.candidates()

    return run


def one(cands: list[Candidate]) -> Candidate:
    assert len(cands) == 1, [(c.code, c.source, c.target) for c in cands]
    return cands[0]


def test_extract_active_voice(make_doc, code) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc([("Russia", "Russia", "PROPN", 1, "nsubj"), ("attacked", "attack", "VERB", 1, "ROOT"),
                    ("Ukraine", "Ukraine", "PROPN", 1, "dobj"), (".", ".", "PUNCT", 1, "punct")],
                   ents=[(0, 1, "GPE"), (2, 3, "GPE")])
    c = one(code(doc))
    assert (c.source, c.target, c.code[:2], c.modality) == (("state:RUS",), ("state:UKR",), "19", "asserted")


def test_extract_passive_voice_swaps_roles(make_doc, code) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc([("Ukraine", "Ukraine", "PROPN", 2, "nsubjpass"), ("was", "be", "AUX", 2, "auxpass"),
                    ("attacked", "attack", "VERB", 2, "ROOT"), ("by", "by", "ADP", 2, "agent"),
                    ("Russia", "Russia", "PROPN", 3, "pobj"), (".", ".", "PUNCT", 2, "punct")],
                   ents=[(0, 1, "GPE"), (4, 5, "GPE")], tags={2: "VBN"})
    c = one(code(doc))
    assert (c.source, c.target) == (("state:RUS",), ("state:UKR",))


def test_extract_light_verb_noun_with_prepositional_target(make_doc, code) -> None:  # type: ignore[no-untyped-def]
    # "The EU imposed sanctions on Russia."
    doc = make_doc([("The", "the", "DET", 1, "det"), ("EU", "EU", "PROPN", 2, "nsubj"),
                    ("imposed", "impose", "VERB", 2, "ROOT"), ("sanctions", "sanction", "NOUN", 2, "dobj"),
                    ("on", "on", "ADP", 3, "prep"), ("Russia", "Russia", "PROPN", 4, "pobj"),
                    (".", ".", "PUNCT", 2, "punct")], ents=[(1, 2, "ORG"), (5, 6, "GPE")], tags={3: "NNS"})
    c = one(code(doc))
    assert (c.source, c.target, c.code) == (("igo:EU",), ("state:RUS",), "163")
    assert c.trigger.text == "sanctions"


def test_extract_coordinated_targets_and_should(make_doc, code) -> None:  # type: ignore[no-untyped-def]
    # "NATO should deepen ties with Japan and India."
    doc = make_doc([("NATO", "NATO", "PROPN", 2, "nsubj"), ("should", "should", "AUX", 2, "aux"),
                    ("deepen", "deepen", "VERB", 2, "ROOT"), ("ties", "tie", "NOUN", 2, "dobj"),
                    ("with", "with", "ADP", 3, "prep"), ("Japan", "Japan", "PROPN", 4, "pobj"),
                    ("and", "and", "CCONJ", 5, "cc"), ("India", "India", "PROPN", 5, "conj"),
                    (".", ".", "PUNCT", 2, "punct")], ents=[(0, 1, "ORG"), (5, 6, "GPE"), (7, 8, "GPE")],
                   tags={1: "MD", 2: "VB", 3: "NNS"})
    c = one(code(doc))
    assert c.target == ("state:JPN", "state:IND") and c.modality == "recommended"
    assert c.code.startswith("03"), "a recommended cooperative act is coded as intent (03x)"


def test_extract_control_verb_gives_subject_and_intent(make_doc, code) -> None:  # type: ignore[no-untyped-def]
    # "China hopes to hold talks with Japan."
    doc = make_doc([("China", "China", "PROPN", 1, "nsubj"), ("hopes", "hope", "VERB", 1, "ROOT"),
                    ("to", "to", "PART", 3, "aux"), ("hold", "hold", "VERB", 1, "xcomp"),
                    ("talks", "talk", "NOUN", 3, "dobj"), ("with", "with", "ADP", 4, "prep"),
                    ("Japan", "Japan", "PROPN", 5, "pobj"), (".", ".", "PUNCT", 1, "punct")],
                   ents=[(0, 1, "GPE"), (6, 7, "GPE")], tags={1: "VBZ", 3: "VB", 4: "NNS"})
    c = one(code(doc))
    assert (c.source, c.target, c.code, c.modality) == (("state:CHN",), ("state:JPN",), "036", "intended")


def test_extract_negation_is_never_asserted(make_doc, code) -> None:  # type: ignore[no-untyped-def]
    # "Iran did not attack Israel."
    doc = make_doc([("Iran", "Iran", "PROPN", 3, "nsubj"), ("did", "do", "AUX", 3, "aux"),
                    ("not", "not", "PART", 3, "neg"), ("attack", "attack", "VERB", 3, "ROOT"),
                    ("Israel", "Israel", "PROPN", 3, "dobj"), (".", ".", "PUNCT", 3, "punct")],
                   ents=[(0, 1, "GPE"), (4, 5, "GPE")], tags={3: "VB"})
    assert one(code(doc)).modality == "negated"


def test_extract_refusal_is_a_rejection_not_the_refused_act(make_doc, code) -> None:  # type: ignore[no-untyped-def]
    # "Serbia refused to recognize Kosovo." CAMEO and PLOVER code the refusal (12x), never the act.
    doc = make_doc([("Serbia", "Serbia", "PROPN", 1, "nsubj"), ("refused", "refuse", "VERB", 1, "ROOT"),
                    ("to", "to", "PART", 3, "aux"), ("recognize", "recognize", "VERB", 1, "xcomp"),
                    ("Kosovo", "Kosovo", "PROPN", 3, "dobj"), (".", ".", "PUNCT", 1, "punct")],
                   ents=[(0, 1, "GPE"), (4, 5, "GPE")], tags={3: "VB"})
    c = one(code(doc))
    assert (c.code, c.source, c.target, c.modality) == ("120", ("state:SRB",), ("state:XKX",), "asserted")
    assert c.trigger.text == "refused" and c.pattern.id == "recognize"


def test_extract_reported_claim_is_claimed_by_speaker(make_doc, code) -> None:  # type: ignore[no-untyped-def]
    # "Ukraine said Russia shelled Kharkiv." (Kharkiv unknown: target-less assault is allowed)
    doc = make_doc([("Ukraine", "Ukraine", "PROPN", 1, "nsubj"), ("said", "say", "VERB", 1, "ROOT"),
                    ("Russia", "Russia", "PROPN", 3, "nsubj"), ("shelled", "shell", "VERB", 1, "ccomp"),
                    ("Kharkiv", "Kharkiv", "PROPN", 3, "dobj"), (".", ".", "PUNCT", 1, "punct")],
                   ents=[(0, 1, "GPE"), (2, 3, "GPE"), (4, 5, "GPE")])
    c = one(code(doc))
    assert c.source == ("state:RUS",) and c.claimed_by == "state:UKR"


def test_extract_self_statement_of_intent_is_not_a_claim(make_doc, code) -> None:  # type: ignore[no-untyped-def]
    # "Japan said it will meet India."
    doc = make_doc([("Japan", "Japan", "PROPN", 1, "nsubj"), ("said", "say", "VERB", 1, "ROOT"),
                    ("it", "it", "PRON", 4, "nsubj"), ("will", "will", "AUX", 4, "aux"),
                    ("meet", "meet", "VERB", 1, "ccomp"), ("India", "India", "PROPN", 4, "dobj"),
                    (".", ".", "PUNCT", 1, "punct")], ents=[(0, 1, "GPE"), (5, 6, "GPE")], tags={4: "VB"})
    c = one(code(doc))
    assert (c.source, c.target, c.code, c.modality, c.claimed_by) == (
        ("state:JPN",), ("state:IND",), "036", "intended", None)


def test_extract_no_actor_no_event(make_doc, code) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc([("Prices", "price", "NOUN", 1, "nsubj"), ("attacked", "attack", "VERB", 1, "ROOT"),
                    ("records", "record", "NOUN", 1, "dobj"), (".", ".", "PUNCT", 1, "punct")])
    assert code(doc) == []


def test_extract_reciprocal_joint_act_among_group_members(make_doc, code) -> None:  # type: ignore[no-untyped-def]
    # "The Quad countries held drills together."
    doc = make_doc([("The", "the", "DET", 2, "det"), ("Quad", "Quad", "PROPN", 2, "compound"),
                    ("countries", "country", "NOUN", 3, "nsubj"), ("held", "hold", "VERB", 3, "ROOT"),
                    ("drills", "drill", "NOUN", 3, "dobj"), ("together", "together", "ADV", 3, "advmod"),
                    (".", ".", "PUNCT", 3, "punct")], ents=[(1, 2, "ORG")], tags={2: "NNS", 4: "NNS"})
    c = one(code(doc))
    members = {"state:USA", "state:AUS", "state:JPN", "state:IND"}
    assert set(c.source) == members and set(c.target) == members and c.code == "062"


def test_extract_threat_designation(make_doc, code) -> None:  # type: ignore[no-untyped-def]
    # "NATO identifies Russia as a threat."
    doc = make_doc([("NATO", "NATO", "PROPN", 1, "nsubj"), ("identifies", "identify", "VERB", 1, "ROOT"),
                    ("Russia", "Russia", "PROPN", 1, "dobj"), ("as", "as", "ADP", 1, "prep"),
                    ("a", "a", "DET", 5, "det"), ("threat", "threat", "NOUN", 3, "pobj"),
                    (".", ".", "PUNCT", 1, "punct")], ents=[(0, 1, "ORG"), (2, 3, "GPE")], tags={1: "VBZ"})
    c = one(code(doc))
    assert (c.source, c.target, c.code, c.pattern.id) == (("igo:NATO",), ("state:RUS",), "111", "threat-label")


def test_extract_main_clause_act_with_empty_target_slot_has_no_target(make_doc, code) -> None:  # type: ignore[no-untyped-def]
    # "Israel's cabinet met on Sunday." A meeting whose partner goes unsaid is still reported.
    doc = make_doc([("Israel", "Israel", "PROPN", 2, "poss"), ("'s", "'s", "PART", 0, "case"),
                    ("cabinet", "cabinet", "NOUN", 3, "nsubj"), ("met", "meet", "VERB", 3, "ROOT"),
                    ("on", "on", "ADP", 3, "prep"), ("Sunday", "Sunday", "PROPN", 4, "pobj"),
                    (".", ".", "PUNCT", 3, "punct")], ents=[(0, 1, "GPE"), (5, 6, "DATE")])
    c = one(code(doc))
    assert (c.source, c.target, c.code[:2]) == (("agent:ISRGOV",), (), "04")


def test_extract_thing_in_target_slot_is_no_event(make_doc, code) -> None:  # type: ignore[no-untyped-def]
    # "Brazil's president welcomed the new year." The welcomed thing is no actor: no event.
    doc = make_doc([("Brazil", "Brazil", "PROPN", 2, "poss"), ("'s", "'s", "PART", 0, "case"),
                    ("president", "president", "NOUN", 3, "nsubj"), ("welcomed", "welcome", "VERB", 3, "ROOT"),
                    ("the", "the", "DET", 6, "det"), ("new", "new", "ADJ", 6, "amod"),
                    ("year", "year", "NOUN", 3, "dobj"), (".", ".", "PUNCT", 3, "punct")],
                   ents=[(0, 1, "GPE")])
    assert code(doc) == []


def test_extract_subordinate_act_needs_a_target(make_doc, code) -> None:  # type: ignore[no-untyped-def]
    # "Japan protested after the cabinet met." The meeting in the adverbial clause has no partner.
    doc = make_doc([("Japan", "Japan", "PROPN", 1, "nsubj"), ("protested", "protest", "VERB", 1, "ROOT"),
                    ("after", "after", "ADP", 5, "mark"), ("the", "the", "DET", 4, "det"),
                    ("cabinet", "cabinet", "NOUN", 5, "nsubj"), ("met", "meet", "VERB", 1, "advcl"),
                    (".", ".", "PUNCT", 1, "punct")], ents=[(0, 1, "GPE")])
    assert [c.code[:2] for c in code(doc)] == ["14"]


def test_extract_conflict_held_out_with_may_is_a_threat(make_doc, code) -> None:  # type: ignore[no-untyped-def]
    # "The EU may halt talks with Turkey." Holding out a conflictual act is a threat (13x).
    doc = make_doc([("The", "the", "DET", 1, "det"), ("EU", "EU", "PROPN", 3, "nsubj"),
                    ("may", "may", "AUX", 3, "aux"), ("halt", "halt", "VERB", 3, "ROOT"),
                    ("talks", "talk", "NOUN", 3, "dobj"), ("with", "with", "ADP", 4, "prep"),
                    ("Turkey", "Turkey", "PROPN", 5, "pobj"), (".", ".", "PUNCT", 3, "punct")],
                   ents=[(1, 2, "ORG"), (6, 7, "GPE")], tags={2: "MD", 3: "VB", 4: "NNS"})
    c = one(code(doc))
    assert c.code.startswith("13") and c.modality == "hypothetical"
    assert (c.source, c.target) == (("igo:EU",), ("state:TUR",))


def test_extract_other_side_must_act_is_the_speakers_demand(make_doc, code) -> None:  # type: ignore[no-untyped-def]
    # "Japan said China must meet India." Saying another side must act is a demand of it (10x).
    doc = make_doc([("Japan", "Japan", "PROPN", 1, "nsubj"), ("said", "say", "VERB", 1, "ROOT"),
                    ("China", "China", "PROPN", 4, "nsubj"), ("must", "must", "AUX", 4, "aux"),
                    ("meet", "meet", "VERB", 1, "ccomp"), ("India", "India", "PROPN", 4, "dobj"),
                    (".", ".", "PUNCT", 1, "punct")], ents=[(0, 1, "GPE"), (2, 3, "GPE"), (5, 6, "GPE")],
                   tags={3: "MD", 4: "VB"})
    c = one(code(doc))
    assert (c.source, c.target, c.code[:2], c.modality) == (("state:JPN",), ("state:CHN",), "10", "asserted")
    assert c.trigger.text == "said" and c.claimed_by is None
