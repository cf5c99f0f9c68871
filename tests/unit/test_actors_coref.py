"""Pronoun coreference on hand-built parses (no statistical model): number agreement for
they/them/their and binding inside a clause."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from geopol.actors.coref import RegionWords
from geopol.actors.kb import KnowledgeBase
from geopol.actors.stage import ActorFrame, ActorStage

PUB = dt.date(2024, 3, 5)


@pytest.fixture
def actors(blank: Language, kb: KnowledgeBase, regions: RegionWords) -> Callable[[Doc], ActorFrame]:
    stage = ActorStage(blank, kb, regions)
    return lambda doc: stage(doc, PUB)


def test_plural_pronoun_skips_a_singular_agent(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "Syrian workers marched. An official spoke. They left."
    doc = make_doc([("Syrian", "syrian", "ADJ", 1, "amod"), ("workers", "worker", "NOUN", 2, "nsubj"),
                    ("marched", "march", "VERB", 2, "ROOT"), (".", ".", "PUNCT", 2, "punct"),
                    ("An", "an", "DET", 5, "det"), ("official", "official", "NOUN", 6, "nsubj"),
                    ("spoke", "speak", "VERB", 6, "ROOT"), (".", ".", "PUNCT", 6, "punct"),
                    ("They", "they", "PRON", 9, "nsubj"), ("left", "leave", "VERB", 9, "ROOT"),
                    (".", ".", "PUNCT", 9, "punct")], ents=[(0, 1, "NORP")], tags={1: "NNS"})
    frame = actors(doc)
    assert frame.at(5) is not None
    assert frame.at(8) == frame.at(1) == "agent:SYRLAB"


def test_plural_pronoun_takes_a_collective_noun(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "The Syrian government met. They agreed."
    doc = make_doc([("The", "the", "DET", 2, "det"), ("Syrian", "syrian", "ADJ", 2, "amod"),
                    ("government", "government", "NOUN", 3, "nsubj"), ("met", "meet", "VERB", 3, "ROOT"),
                    (".", ".", "PUNCT", 3, "punct"), ("They", "they", "PRON", 6, "nsubj"),
                    ("agreed", "agree", "VERB", 6, "ROOT"), (".", ".", "PUNCT", 6, "punct")], ents=[(1, 2, "NORP")])
    frame = actors(doc)
    assert frame.at(5) == frame.at(2) == "agent:SYRGOV"


def test_plural_pronoun_left_unresolved_carries_to_the_next_one(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "Syrian workers marched in Aleppo. They killed our children. They killed our brothers."
    # The first 'they' has no antecedent (a state stands nearer); the second is the first, not the
    # children the first acted on.
    doc = make_doc([("Syrian", "syrian", "ADJ", 1, "amod"), ("workers", "worker", "NOUN", 2, "nsubj"),
                    ("marched", "march", "VERB", 2, "ROOT"), ("in", "in", "ADP", 2, "prep"),
                    ("Aleppo", "Aleppo", "PROPN", 3, "pobj"), (".", ".", "PUNCT", 2, "punct"),
                    ("They", "they", "PRON", 7, "nsubj"), ("killed", "kill", "VERB", 7, "ROOT"),
                    ("our", "our", "PRON", 9, "poss"), ("children", "child", "NOUN", 7, "dobj"),
                    (".", ".", "PUNCT", 7, "punct"),
                    ("They", "they", "PRON", 12, "nsubj"), ("killed", "kill", "VERB", 12, "ROOT"),
                    ("our", "our", "PRON", 14, "poss"), ("brothers", "brother", "NOUN", 12, "dobj"),
                    (".", ".", "PUNCT", 12, "punct")], ents=[(0, 1, "NORP"), (4, 5, "GPE")],
                   tags={1: "NNS", 9: "NNS", 14: "NNS"})
    frame = actors(doc)
    assert frame.at(9) is not None
    assert frame.at(6) is None
    assert frame.at(11) is None


def test_subject_pronoun_is_not_what_its_clause_acts_on(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "Militants surrounded villagers. They shot villagers."
    doc = make_doc([("Militants", "militant", "NOUN", 1, "nsubj"), ("surrounded", "surround", "VERB", 1, "ROOT"),
                    ("villagers", "villager", "NOUN", 1, "dobj"), (".", ".", "PUNCT", 1, "punct"),
                    ("They", "they", "PRON", 5, "nsubj"), ("shot", "shoot", "VERB", 5, "ROOT"),
                    ("villagers", "villager", "NOUN", 5, "dobj"), (".", ".", "PUNCT", 5, "punct")],
                   tags={0: "NNS", 2: "NNS", 6: "NNS"})
    frame = actors(doc)
    assert frame.at(2) == frame.at(6) != frame.at(0)
    assert frame.at(4) == frame.at(0)


def test_object_pronoun_is_not_its_clause_subject(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "Tomas Berg met Jan Novak. He praised him."
    doc = make_doc([("Tomas", "Tomas", "PROPN", 1, "compound"), ("Berg", "Berg", "PROPN", 2, "nsubj"),
                    ("met", "meet", "VERB", 2, "ROOT"), ("Jan", "Jan", "PROPN", 4, "compound"),
                    ("Novak", "Novak", "PROPN", 2, "dobj"), (".", ".", "PUNCT", 2, "punct"),
                    ("He", "he", "PRON", 7, "nsubj"), ("praised", "praise", "VERB", 7, "ROOT"),
                    ("him", "he", "PRON", 7, "dobj"), (".", ".", "PUNCT", 7, "punct")],
                   ents=[(0, 2, "PERSON"), (3, 5, "PERSON")])
    frame = actors(doc)
    assert frame.at(6) == "person:tomas-berg"
    assert frame.at(8) == "person:jan-novak"


def test_object_pronoun_is_not_the_subject_controlling_its_verb(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "Jan Novak arrived. Tomas Berg refused to meet him."
    doc = make_doc([("Jan", "Jan", "PROPN", 1, "compound"), ("Novak", "Novak", "PROPN", 2, "nsubj"),
                    ("arrived", "arrive", "VERB", 2, "ROOT"), (".", ".", "PUNCT", 2, "punct"),
                    ("Tomas", "Tomas", "PROPN", 5, "compound"), ("Berg", "Berg", "PROPN", 6, "nsubj"),
                    ("refused", "refuse", "VERB", 6, "ROOT"), ("to", "to", "PART", 8, "aux"),
                    ("meet", "meet", "VERB", 6, "xcomp"), ("him", "he", "PRON", 8, "dobj"),
                    (".", ".", "PUNCT", 6, "punct")], ents=[(0, 2, "PERSON"), (4, 6, "PERSON")])
    frame = actors(doc)
    assert frame.at(9) == "person:jan-novak"


def test_possessive_pronoun_may_be_its_clause_subject(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "Tomas Berg met Jan Novak. He praised his hosts."
    doc = make_doc([("Tomas", "Tomas", "PROPN", 1, "compound"), ("Berg", "Berg", "PROPN", 2, "nsubj"),
                    ("met", "meet", "VERB", 2, "ROOT"), ("Jan", "Jan", "PROPN", 4, "compound"),
                    ("Novak", "Novak", "PROPN", 2, "dobj"), (".", ".", "PUNCT", 2, "punct"),
                    ("He", "he", "PRON", 7, "nsubj"), ("praised", "praise", "VERB", 7, "ROOT"),
                    ("his", "his", "PRON", 9, "poss"), ("hosts", "host", "NOUN", 7, "dobj"),
                    (".", ".", "PUNCT", 7, "punct")], ents=[(0, 2, "PERSON"), (3, 5, "PERSON")], tags={9: "NNS"})
    frame = actors(doc)
    assert frame.at(8) == frame.at(6) == "person:tomas-berg"
