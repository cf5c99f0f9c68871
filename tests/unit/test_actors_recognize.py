"""Actor recognition on hand-built parses (no statistical model): sides, coordination, agents,
unknown organisations and places."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from geopol.actors.coref import RegionWords
from geopol.actors.kb import KnowledgeBase, _load_ethnic_groups
from geopol.actors.stage import ActorFrame, ActorStage
from geopol.errors import DataFileError

PUB = dt.date(2024, 3, 5)


@pytest.fixture
def actors(blank: Language, kb: KnowledgeBase, regions: RegionWords) -> Callable[[Doc], ActorFrame]:
    stage = ActorStage(blank, kb, regions)
    return lambda doc: stage(doc, PUB)


def side(frame: ActorFrame, text: str) -> tuple[str | None, str | None]:
    """(country, sector) of the actor of the mention reading exactly ``text``."""
    hits = [(a.country, a.sector) for a in frame.actors.values() for m in a.mentions if m.text == text]
    assert hits, f"no mention {text!r}: {[(a.id, [m.text for m in a.mentions]) for a in frame.actors.values()]}"
    return hits[0]


def test_coordinated_demonyms_each_get_the_head_agent(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "Chinese and Indian troops clashed."
    doc = make_doc([("Chinese", "chinese", "ADJ", 3, "amod"), ("and", "and", "CCONJ", 0, "cc"),
                    ("Indian", "indian", "ADJ", 0, "conj"), ("troops", "troop", "NOUN", 4, "nsubj"),
                    ("clashed", "clash", "VERB", 4, "ROOT"), (".", ".", "PUNCT", 4, "punct")],
                   ents=[(0, 1, "NORP"), (2, 3, "NORP")], tags={3: "NNS"})
    frame = actors(doc)
    assert side(frame, "troops") == ("CHN", "MIL")
    assert side(frame, "Indian troops") == ("IND", "MIL")
    assert frame.at(3) == "agent:CHNMIL", "the head token stays the first conjunct's actor"
    assert frame.at(2) == "state:IND"


def test_only_state_is_not_given_to_a_president_when_its_side_is_taken(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "The Kenyan government welcomed President Okonjo." Kenya's government is already in the story,
    # so the unmarked president is not taken for Kenya's.
    doc = make_doc([("The", "the", "DET", 2, "det"), ("Kenyan", "kenyan", "ADJ", 2, "amod"),
                    ("government", "government", "NOUN", 3, "nsubj"), ("welcomed", "welcome", "VERB", 3, "ROOT"),
                    ("President", "President", "PROPN", 5, "compound"), ("Okonjo", "Okonjo", "PROPN", 3, "dobj"),
                    (".", ".", "PUNCT", 3, "punct")], ents=[(1, 2, "NORP"), (5, 6, "PERSON")])
    frame = actors(doc)
    assert side(frame, "Kenyan government") == ("KEN", "GOV")
    assert side(frame, "Okonjo") == (None, "GOV")


def test_former_officials_are_elites(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "Ousted President Okonjo left Kenya." CAMEO codes former officials ELI; the one state of
    # the story is still theirs.
    doc = make_doc([("Ousted", "ousted", "ADJ", 2, "amod"), ("President", "President", "PROPN", 2, "compound"),
                    ("Okonjo", "Okonjo", "PROPN", 3, "nsubj"), ("left", "leave", "VERB", 3, "ROOT"),
                    ("Kenya", "Kenya", "PROPN", 3, "dobj"), (".", ".", "PUNCT", 3, "punct")],
                   ents=[(2, 3, "PERSON"), (4, 5, "GPE")])
    frame = actors(doc)
    assert side(frame, "Okonjo") == ("KEN", "ELI")
    assert frame.actors["person:okonjo"].cameo == "KENELI"
    # "President Okonjo left Kenya."
    doc = make_doc([("President", "President", "PROPN", 1, "compound"), ("Okonjo", "Okonjo", "PROPN", 2, "nsubj"),
                    ("left", "leave", "VERB", 2, "ROOT"), ("Kenya", "Kenya", "PROPN", 2, "dobj"),
                    (".", ".", "PUNCT", 2, "punct")], ents=[(1, 2, "PERSON"), (3, 4, "GPE")])
    assert side(actors(doc), "Okonjo") == ("KEN", "GOV")


def test_only_state_is_still_given_to_an_official_of_another_sector(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "Kenyan rebels freed President Okonjo." The story's only state is Kenya and no Kenyan official
    # is named: the president is Kenya's (the existing one-state rule).
    doc = make_doc([("Kenyan", "kenyan", "ADJ", 1, "amod"), ("rebels", "rebel", "NOUN", 2, "nsubj"),
                    ("freed", "free", "VERB", 2, "ROOT"), ("President", "President", "PROPN", 4, "compound"),
                    ("Okonjo", "Okonjo", "PROPN", 2, "dobj"), (".", ".", "PUNCT", 2, "punct")],
                   ents=[(0, 1, "NORP"), (4, 5, "PERSON")], tags={1: "NNS"})
    frame = actors(doc)
    assert side(frame, "Kenyan rebels") == ("KEN", "REB")
    assert side(frame, "Okonjo") == ("KEN", "GOV")


def test_agent_without_a_side_takes_the_only_state_of_the_story(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "Students marched in Nairobi." The only state named is Kenya: the students are Kenya's.
    doc = make_doc([("Students", "student", "NOUN", 1, "nsubj"), ("marched", "march", "VERB", 1, "ROOT"),
                    ("in", "in", "ADP", 1, "prep"), ("Nairobi", "Nairobi", "PROPN", 2, "pobj"),
                    (".", ".", "PUNCT", 1, "punct")], ents=[(3, 4, "GPE")], tags={0: "NNS"})
    frame = actors(doc)
    assert side(frame, "Students") == ("KEN", "EDU")


def test_refugees_and_peacekeepers_do_not_take_the_only_state(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "Refugees and peacekeepers reached Nairobi."
    doc = make_doc([("Refugees", "refugee", "NOUN", 3, "nsubj"), ("and", "and", "CCONJ", 0, "cc"),
                    ("peacekeepers", "peacekeeper", "NOUN", 0, "conj"), ("reached", "reach", "VERB", 3, "ROOT"),
                    ("Nairobi", "Nairobi", "PROPN", 3, "dobj"), (".", ".", "PUNCT", 3, "punct")],
                   ents=[(4, 5, "GPE")], tags={0: "NNS", 2: "NNS"})
    frame = actors(doc)
    assert side(frame, "Refugees") == (None, "REF")
    assert side(frame, "peacekeepers") == (None, "MIL")


def test_agent_without_a_side_takes_no_state_when_the_story_names_two(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "Students marched in Nairobi and Kampala."
    doc = make_doc([("Students", "student", "NOUN", 1, "nsubj"), ("marched", "march", "VERB", 1, "ROOT"),
                    ("in", "in", "ADP", 1, "prep"), ("Nairobi", "Nairobi", "PROPN", 2, "pobj"),
                    ("and", "and", "CCONJ", 3, "cc"), ("Kampala", "Kampala", "PROPN", 3, "conj"),
                    (".", ".", "PUNCT", 1, "punct")], ents=[(3, 4, "GPE"), (5, 6, "GPE")], tags={0: "NNS"})
    frame = actors(doc)
    assert side(frame, "Students") == (None, "EDU")


def test_agent_mention_shows_the_modifier_that_gives_its_side(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "Iraqi police arrested two men."
    doc = make_doc([("Iraqi", "iraqi", "ADJ", 1, "amod"), ("police", "police", "NOUN", 2, "nsubj"),
                    ("arrested", "arrest", "VERB", 2, "ROOT"), ("two", "two", "NUM", 4, "nummod"),
                    ("men", "man", "NOUN", 2, "dobj"), (".", ".", "PUNCT", 2, "punct")], ents=[(0, 1, "NORP")])
    frame = actors(doc)
    assert side(frame, "Iraqi police") == ("IRQ", "COP")
    assert (frame.at(0), frame.at(1)) == ("state:IRQ", "agent:IRQCOP"), "token lookups are unchanged"


def test_agent_mention_shows_the_place_phrase_that_gives_its_side(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "Rebels in Basra fired rockets."
    doc = make_doc([("Rebels", "rebel", "NOUN", 3, "nsubj"), ("in", "in", "ADP", 0, "prep"),
                    ("Basra", "Basra", "PROPN", 1, "pobj"), ("fired", "fire", "VERB", 3, "ROOT"),
                    ("rockets", "rocket", "NOUN", 3, "dobj"), (".", ".", "PUNCT", 3, "punct")],
                   ents=[(2, 3, "GPE")], tags={0: "NNS", 4: "NNS"})
    frame = actors(doc)
    assert side(frame, "Rebels in Basra") == ("IRQ", "REB")
    assert (frame.at(0), frame.at(2), frame.place_at(2)) == ("agent:IRQREB", "state:IRQ", "IRQ")


def test_agent_word_modifying_another_noun_is_an_agent_with_a_side(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "Syrian army trucks entered the town." The demonym is attached to the head noun.
    doc = make_doc([("Syrian", "syrian", "ADJ", 2, "amod"), ("army", "army", "NOUN", 2, "compound"),
                    ("trucks", "truck", "NOUN", 3, "nsubj"), ("entered", "enter", "VERB", 3, "ROOT"),
                    ("the", "the", "DET", 5, "det"), ("town", "town", "NOUN", 3, "dobj"),
                    (".", ".", "PUNCT", 3, "punct")], ents=[(0, 1, "NORP")], tags={2: "NNS"})
    frame = actors(doc)
    assert side(frame, "Syrian army") == ("SYR", "MIL")


def test_agent_word_modifying_another_noun_needs_a_side(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "The police report was published." No state, place or organisation: no actor.
    doc = make_doc([("The", "the", "DET", 2, "det"), ("police", "police", "NOUN", 2, "compound"),
                    ("report", "report", "NOUN", 4, "nsubjpass"), ("was", "be", "AUX", 4, "auxpass"),
                    ("published", "publish", "VERB", 4, "ROOT"), (".", ".", "PUNCT", 4, "punct")], tags={4: "VBN"})
    frame = actors(doc)
    assert frame.at(1) is None


def test_military_hardware_with_a_side_is_the_military(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "Turkish tanks shelled the village."; a bare "tank" ("the tank") is no actor.
    doc = make_doc([("Turkish", "turkish", "ADJ", 1, "amod"), ("tanks", "tank", "NOUN", 2, "nsubj"),
                    ("shelled", "shell", "VERB", 2, "ROOT"), ("the", "the", "DET", 4, "det"),
                    ("tank", "tank", "NOUN", 2, "dobj"), (".", ".", "PUNCT", 2, "punct")],
                   ents=[(0, 1, "NORP")], tags={1: "NNS"})
    frame = actors(doc)
    assert side(frame, "Turkish tanks") == ("TUR", "MIL")
    assert frame.at(4) is None


def test_place_named_alone_is_a_mention_of_its_state(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "Troops shelled Aleppo."
    doc = make_doc([("Troops", "troop", "NOUN", 1, "nsubj"), ("shelled", "shell", "VERB", 1, "ROOT"),
                    ("Aleppo", "Aleppo", "PROPN", 1, "dobj"), (".", ".", "PUNCT", 1, "punct")],
                   ents=[(2, 3, "GPE")], tags={0: "NNS"})
    frame = actors(doc)
    assert frame.at(2) == "state:SYR" and frame.place_at(2) == "SYR"
    assert [m.text for m in frame.actors["state:SYR"].mentions] == ["Aleppo"]


def test_agent_located_by_a_participle_phrase_takes_its_country(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "Militants based in Basra fired rockets."
    doc = make_doc([("Militants", "militant", "NOUN", 4, "nsubj"), ("based", "base", "VERB", 0, "acl"),
                    ("in", "in", "ADP", 1, "prep"), ("Basra", "Basra", "PROPN", 2, "pobj"),
                    ("fired", "fire", "VERB", 4, "ROOT"), ("rockets", "rocket", "NOUN", 4, "dobj"),
                    (".", ".", "PUNCT", 4, "punct")], ents=[(3, 4, "GPE")], tags={0: "NNS", 1: "VBN", 5: "NNS"})
    frame = actors(doc)
    assert side(frame, "Militants based in Basra") == ("IRQ", "INS")


def test_agent_mention_is_not_widened_over_another_country(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "Iraqi refugees in Syria returned."
    doc = make_doc([("Iraqi", "iraqi", "ADJ", 1, "amod"), ("refugees", "refugee", "NOUN", 4, "nsubj"),
                    ("in", "in", "ADP", 1, "prep"), ("Syria", "Syria", "PROPN", 2, "pobj"),
                    ("returned", "return", "VERB", 4, "ROOT"), (".", ".", "PUNCT", 4, "punct")],
                   ents=[(0, 1, "NORP"), (3, 4, "GPE")], tags={1: "NNS"})
    frame = actors(doc)
    assert side(frame, "Iraqi refugees") == ("IRQ", "REF")
    assert side(frame, "Syria") == ("SYR", None)


def test_historical_heads_resolve_by_date(kb: KnowledgeBase) -> None:
    holder = kb.holder("DZA", "head_of_state", dt.date(2005, 6, 1))
    assert holder is not None and holder.person == "abdelaziz-bouteflika"
    holder = kb.holder("USA", "head_of_state", dt.date(1985, 6, 1))
    assert holder is not None and holder.person == "ronald-reagan"
    assert kb.holder("USA", "head_of_state", dt.date(2005, 6, 1)).person != "ronald-reagan"  # type: ignore[union-attr]
    holder = kb.holder("SRB", "head_of_government", dt.date(2002, 6, 1))
    assert holder is not None and holder.person == "zoran-djindjic"
    holder = kb.holder("SRB", "head_of_state", dt.date(1995, 6, 1))
    assert holder is not None and holder.person == "slobodan-milosevic"


def test_undated_surname_of_a_historical_head_has_his_state(make_doc, blank, kb, regions) -> None:  # type: ignore[no-untyped-def]
    # "President Mugabe spoke." with no date: the person's latest office gives the side.
    doc = make_doc([("President", "President", "PROPN", 1, "compound"), ("Mugabe", "Mugabe", "PROPN", 2, "nsubj"),
                    ("spoke", "speak", "VERB", 2, "ROOT"), (".", ".", "PUNCT", 2, "punct")], ents=[(1, 2, "PERSON")])
    frame = ActorStage(blank, kb, regions)(doc, None)
    assert side(frame, "Mugabe") == ("ZWE", "GOV")


def test_agent_in_a_named_place_noun_takes_the_place_country(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "The governor of Helmand province resigned."
    doc = make_doc([("The", "the", "DET", 1, "det"), ("governor", "governor", "NOUN", 5, "nsubj"),
                    ("of", "of", "ADP", 1, "prep"), ("Helmand", "Helmand", "PROPN", 4, "compound"),
                    ("province", "province", "NOUN", 2, "pobj"), ("resigned", "resign", "VERB", 5, "ROOT"),
                    (".", ".", "PUNCT", 5, "punct")], ents=[(3, 4, "GPE")])
    frame = actors(doc)
    assert side(frame, "governor of Helmand") == ("AFG", "GOV")


@pytest.mark.parametrize(("name", "actor"), [
    ("Kefaya", "group:KEFAYA"), ("NPFL", "group:NPFL"), ("Katmandu", "state:NPL"), ("Kampuchean", "state:KHM"),
    ("International Labor Office", "igo:ILO"), ("European Common Market", "igo:EU"), ("Common Market", "igo:EU"),
    ("Djindjic", "person:zoran-djindjic"), ("Tudjman", "person:franjo-tudjman"),
    ("Congo", "state:COD"), ("Congolese", "state:COD"), ("Congo Republic", "state:COG"),
])
def test_older_names_resolve(kb: KnowledgeBase, name: str, actor: str) -> None:
    kind, _, key = actor.partition(":")
    assert any(key == r.key for r in kb.lookup(name)), kb.lookup(name)


def test_title_in_apposition_takes_the_side_of_its_possessor(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "Chad summoned Kenya's ambassador Otieno Wafula."
    doc = make_doc([("Chad", "Chad", "PROPN", 1, "nsubj"), ("summoned", "summon", "VERB", 1, "ROOT"),
                    ("Kenya", "Kenya", "PROPN", 4, "poss"), ("'s", "'s", "PART", 2, "case"),
                    ("ambassador", "ambassador", "NOUN", 1, "dobj"), ("Otieno", "Otieno", "PROPN", 6, "compound"),
                    ("Wafula", "Wafula", "PROPN", 4, "appos"), (".", ".", "PUNCT", 1, "punct")],
                   ents=[(0, 1, "GPE"), (2, 3, "GPE"), (5, 7, "PERSON")])
    frame = actors(doc)
    assert side(frame, "Otieno Wafula") == ("KEN", "GOV")


def test_forces_led_by_a_state_are_its_forces(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "French-led forces attacked."
    doc = make_doc([("French", "French", "PROPN", 2, "npadvmod"), ("-", "-", "PUNCT", 2, "punct"),
                    ("led", "lead", "VERB", 3, "amod"), ("forces", "force", "NOUN", 4, "nsubj"),
                    ("attacked", "attack", "VERB", 4, "ROOT"), (".", ".", "PUNCT", 4, "punct")],
                   ents=[(0, 1, "NORP")], tags={2: "VBN", 3: "NNS"})
    frame = actors(doc)
    assert frame.at(3) == "agent:FRAMIL"


def test_a_person_entity_of_demonyms_is_a_people(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "Bosnian Croats protested." tagged as one PERSON entity by the tagger
    doc = make_doc([("Bosnian", "Bosnian", "PROPN", 1, "compound"), ("Croats", "Croats", "PROPN", 2, "nsubj"),
                    ("protested", "protest", "VERB", 2, "ROOT"), (".", ".", "PUNCT", 2, "punct")],
                   ents=[(0, 2, "PERSON")], tags={1: "NNPS"})
    frame = actors(doc)
    assert not any(a.kind == "person" for a in frame.actors.values())
    assert frame.at(1) == "agent:BIHCVL", "Croats living in Bosnia: the state the demonym names"
    assert side(frame, "Bosnian Croats") == ("BIH", "CVL")


def test_a_people_of_another_state_lives_there(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "Croats of northern Serbia protested."
    doc = make_doc([("Croats", "Croats", "PROPN", 5, "nsubj"), ("of", "of", "ADP", 0, "prep"),
                    ("northern", "northern", "ADJ", 3, "amod"), ("Serbia", "Serbia", "PROPN", 1, "pobj"),
                    ("protested", "protest", "VERB", 4, "ROOT"), (".", ".", "PUNCT", 4, "punct")],
                   ents=[(0, 1, "NORP"), (3, 4, "GPE")], tags={0: "NNPS"})
    assert side(actors(doc), "Croats of northern Serbia") == ("SRB", "CVL")


def test_workers_of_a_known_company_take_its_country(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "Workers of Alibaba protested."
    doc = make_doc([("Workers", "worker", "NOUN", 3, "nsubj"), ("of", "of", "ADP", 0, "prep"),
                    ("Alibaba", "Alibaba", "PROPN", 1, "pobj"), ("protested", "protest", "VERB", 3, "ROOT"),
                    (".", ".", "PUNCT", 3, "punct")], ents=[(2, 3, "ORG")], tags={0: "NNS"})
    assert side(actors(doc), "Workers of Alibaba") == ("CHN", "LAB")


def test_workers_of_an_organisation_found_after_them_take_its_country(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "Workers of the Zambian Bus Company met Kenyan officials."
    doc = make_doc([("Workers", "worker", "NOUN", 6, "nsubj"), ("of", "of", "ADP", 0, "prep"),
                    ("the", "the", "DET", 5, "det"), ("Zambian", "Zambian", "PROPN", 5, "compound"),
                    ("Bus", "Bus", "PROPN", 5, "compound"), ("Company", "Company", "PROPN", 1, "pobj"),
                    ("met", "meet", "VERB", 6, "ROOT"), ("Kenyan", "kenyan", "ADJ", 8, "amod"),
                    ("officials", "official", "NOUN", 6, "dobj"), (".", ".", "PUNCT", 6, "punct")],
                   ents=[(2, 6, "ORG"), (7, 8, "NORP")], tags={0: "NNS", 8: "NNS"})
    assert side(actors(doc), "Workers of the Zambian Bus Company") == ("ZMB", "LAB")


def test_people_fleeing_a_country_are_its_own(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "Thousands of refugees fleeing the war in Liberia reached Ghana."
    doc = make_doc([("Thousands", "thousand", "NOUN", 9, "nsubj"), ("of", "of", "ADP", 0, "prep"),
                    ("refugees", "refugee", "NOUN", 1, "pobj"), ("fleeing", "flee", "VERB", 0, "acl"),
                    ("the", "the", "DET", 5, "det"), ("war", "war", "NOUN", 3, "dobj"),
                    ("in", "in", "ADP", 3, "prep"), ("Liberia", "Liberia", "PROPN", 6, "pobj"),
                    ("reached", "reach", "VERB", 8, "ROOT"), ("Ghana", "Ghana", "PROPN", 8, "dobj"),
                    (".", ".", "PUNCT", 8, "punct")],
                   ents=[(7, 8, "GPE"), (9, 10, "GPE")], tags={0: "NNS", 2: "NNS", 3: "VBG"})
    assert side(actors(doc), "refugees fleeing the war in Liberia") == ("LBR", "REF")


def test_people_fleeing_two_countries_take_neither(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "Refugees fleeing Sudan and Chad arrived."
    doc = make_doc([("Refugees", "refugee", "NOUN", 5, "nsubj"), ("fleeing", "flee", "VERB", 0, "acl"),
                    ("Sudan", "Sudan", "PROPN", 1, "dobj"), ("and", "and", "CCONJ", 2, "cc"),
                    ("Chad", "Chad", "PROPN", 2, "conj"), ("arrived", "arrive", "VERB", 5, "ROOT"),
                    (".", ".", "PUNCT", 5, "punct")],
                   ents=[(2, 3, "GPE"), (4, 5, "GPE")], tags={0: "NNS", 1: "VBG"})
    assert side(actors(doc), "Refugees") == (None, "REF")


def test_agent_mention_without_a_side_shows_its_modifiers(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "Police dispersed devout fundamentalist demonstrators and Kenyan students."
    doc = make_doc([("Police", "police", "NOUN", 1, "nsubj"), ("dispersed", "disperse", "VERB", 1, "ROOT"),
                    ("devout", "devout", "ADJ", 4, "amod"), ("fundamentalist", "fundamentalist", "ADJ", 4, "amod"),
                    ("demonstrators", "demonstrator", "NOUN", 1, "dobj"), ("and", "and", "CCONJ", 4, "cc"),
                    ("Kenyan", "kenyan", "ADJ", 7, "amod"), ("students", "student", "NOUN", 4, "conj"),
                    (".", ".", "PUNCT", 1, "punct")], ents=[(6, 7, "NORP")], tags={4: "NNS", 7: "NNS"})
    frame = actors(doc)
    assert side(frame, "devout fundamentalist demonstrators")[1] == "CVL"
    assert side(frame, "Kenyan students") == ("KEN", "EDU")


def test_a_people_without_another_demonym_is_its_own_state(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "Croats protested."
    doc = make_doc([("Croats", "Croats", "PROPN", 1, "nsubj"), ("protested", "protest", "VERB", 1, "ROOT"),
                    (".", ".", "PUNCT", 1, "punct")], ents=[(0, 1, "NORP")], tags={0: "NNPS"})
    assert side(actors(doc), "Croats") == ("HRV", "CVL")


def test_ethnic_group_before_an_agent_gives_its_only_home(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "Karen guerrillas attacked." (tagged PERSON by the tagger) and "Zulu leaders met."
    doc = make_doc([("Karen", "Karen", "PROPN", 1, "compound"), ("guerrillas", "guerrilla", "NOUN", 2, "nsubj"),
                    ("attacked", "attack", "VERB", 2, "ROOT"), (".", ".", "PUNCT", 2, "punct")],
                   ents=[(0, 1, "PERSON")], tags={1: "NNS"})
    frame = actors(doc)
    assert side(frame, "Karen guerrillas") == ("MMR", "REB")
    assert not any(a.kind == "person" for a in frame.actors.values())
    doc = make_doc([("Zulu", "Zulu", "PROPN", 1, "compound"), ("leaders", "leader", "NOUN", 2, "nsubj"),
                    ("met", "meet", "VERB", 2, "ROOT"), (".", ".", "PUNCT", 2, "punct")],
                   ents=[(0, 1, "NORP")], tags={1: "NNS"})
    assert side(actors(doc), "Zulu leaders") == ("ZAF", "ELI"), "an ethnic group's leaders are notables"


def test_ambiguous_ethnic_name_is_still_a_first_name(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "Karen Okafor said."
    doc = make_doc([("Karen", "Karen", "PROPN", 1, "compound"), ("Okafor", "Okafor", "PROPN", 2, "nsubj"),
                    ("said", "say", "VERB", 2, "ROOT"), (".", ".", "PUNCT", 2, "punct")], ents=[(0, 2, "PERSON")])
    frame = actors(doc)
    assert frame.at(0) == frame.at(1) == "person:karen-okafor"


def test_ethnic_group_with_several_homes_takes_the_state_the_text_names(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "Iranian Kurds fled." / "Kurds fled."
    doc = make_doc([("Iranian", "iranian", "ADJ", 1, "amod"), ("Kurds", "Kurds", "PROPN", 2, "nsubj"),
                    ("fled", "flee", "VERB", 2, "ROOT"), (".", ".", "PUNCT", 2, "punct")],
                   ents=[(0, 1, "NORP"), (1, 2, "NORP")], tags={1: "NNPS"})
    assert side(actors(doc), "Kurds") == ("IRN", "CVL")
    doc = make_doc([("Kurds", "Kurds", "PROPN", 1, "nsubj"), ("fled", "flee", "VERB", 1, "ROOT"),
                    (".", ".", "PUNCT", 1, "punct")], ents=[(0, 1, "NORP")], tags={0: "NNPS"})
    assert side(actors(doc), "Kurds") == (None, "CVL")
    # "Hutu rebels attacked Burundi." Hutus live in Rwanda and Burundi; the sentence names one of them.
    doc = make_doc([("Hutu", "Hutu", "PROPN", 1, "compound"), ("rebels", "rebel", "NOUN", 2, "nsubj"),
                    ("attacked", "attack", "VERB", 2, "ROOT"), ("Burundi", "Burundi", "PROPN", 2, "dobj"),
                    (".", ".", "PUNCT", 2, "punct")], ents=[(0, 1, "NORP"), (3, 4, "GPE")], tags={1: "NNS"})
    assert actors(doc).at(1) == "agent:BDIREB"
    # "Hutu rebels attacked Tanzania." names none of its homes
    doc = make_doc([("Hutu", "Hutu", "PROPN", 1, "compound"), ("rebels", "rebel", "NOUN", 2, "nsubj"),
                    ("attacked", "attack", "VERB", 2, "ROOT"), ("Tanzania", "Tanzania", "PROPN", 2, "dobj"),
                    (".", ".", "PUNCT", 2, "punct")], ents=[(0, 1, "NORP"), (3, 4, "GPE")], tags={1: "NNS"})
    assert actors(doc).at(1) == "agent:rebels"
    assert side(actors(doc), "rebels") == (None, "REB")  # not Tanzania's, though the story's only state
    # "Shona rebels attacked Mozambique." Shona live in Zimbabwe and Mozambique.
    doc = make_doc([("Shona", "Shona", "PROPN", 1, "compound"), ("rebels", "rebel", "NOUN", 2, "nsubj"),
                    ("attacked", "attack", "VERB", 2, "ROOT"), ("Mozambique", "Mozambique", "PROPN", 2, "dobj"),
                    (".", ".", "PUNCT", 2, "punct")], ents=[(0, 1, "NORP"), (3, 4, "GPE")], tags={1: "NNS"})
    assert actors(doc).at(1) == "agent:MOZREB"


def test_ethnic_people_live_in_the_one_other_state_the_sentence_names(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "Ethnic Albanians marched in Serbia." / "Ethnic Albanians marched in Serbia and Greece."
    tokens = [("Ethnic", "ethnic", "ADJ", 1, "amod"), ("Albanians", "Albanians", "PROPN", 2, "nsubj"),
              ("marched", "march", "VERB", 2, "ROOT"), ("in", "in", "ADP", 2, "prep"),
              ("Serbia", "Serbia", "PROPN", 3, "pobj")]
    doc = make_doc([*tokens, (".", ".", "PUNCT", 2, "punct")], ents=[(1, 2, "NORP"), (4, 5, "GPE")])
    assert side(actors(doc), "Ethnic Albanians") == ("SRB", "CVL")
    doc = make_doc([*tokens, ("and", "and", "CCONJ", 4, "cc"), ("Greece", "Greece", "PROPN", 4, "conj"),
                    (".", ".", "PUNCT", 2, "punct")], ents=[(1, 2, "NORP"), (4, 5, "GPE"), (6, 7, "GPE")])
    assert side(actors(doc), "Ethnic Albanians") == (None, "CVL")


def test_bad_ethnic_group_row_names_file_and_line(tmp_path: Path, kb: KnowledgeBase) -> None:
    bad = tmp_path / "ethnic-groups.tsv"
    bad.write_text("name\tforms\thome\tambiguous\nKurd\tKurds\tTUR|XXX\t\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        _load_ethnic_groups(bad, KnowledgeBase(states=kb.states), [])
    assert err.value.line == 2 and "not in states.tsv" in str(err.value)


def test_unknown_organisation_name_is_an_actor_with_what_the_name_says(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "The Okavango Unity Front protested."
    doc = make_doc([("The", "the", "DET", 3, "det"), ("Okavango", "Okavango", "PROPN", 3, "compound"),
                    ("Unity", "Unity", "PROPN", 3, "compound"), ("Front", "Front", "PROPN", 4, "nsubj"),
                    ("protested", "protest", "VERB", 4, "ROOT"), (".", ".", "PUNCT", 4, "punct")],
                   ents=[(0, 4, "ORG")])
    frame = actors(doc)
    assert side(frame, "Okavango Unity Front") == (None, None), "unknown stays unknown"
    assert frame.at(3) == "agent:okavango-unity-front" and frame.kind("agent:okavango-unity-front") == "organization"


def test_unknown_organisation_takes_country_and_sector_its_name_gives(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "The Zambian Rebel Front attacked."
    doc = make_doc([("The", "the", "DET", 3, "det"), ("Zambian", "Zambian", "PROPN", 3, "compound"),
                    ("Rebel", "Rebel", "PROPN", 3, "compound"), ("Front", "Front", "PROPN", 4, "nsubj"),
                    ("attacked", "attack", "VERB", 4, "ROOT"), (".", ".", "PUNCT", 4, "punct")],
                   ents=[(0, 4, "ORG")])
    frame = actors(doc)
    assert side(frame, "Zambian Rebel Front") == ("ZMB", "REB")
    assert frame.at(1) == "state:ZMB"


def test_agent_words_inside_an_organisation_name_are_the_name(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "The Kenyan Union of Nurses struck." The head "Union" would be a union (LAB) on its own.
    doc = make_doc([("The", "the", "DET", 2, "det"), ("Kenyan", "Kenyan", "PROPN", 2, "compound"),
                    ("Union", "Union", "PROPN", 5, "nsubj"), ("of", "of", "ADP", 2, "prep"),
                    ("Nurses", "Nurses", "PROPN", 3, "pobj"), ("struck", "strike", "VERB", 5, "ROOT"),
                    (".", ".", "PUNCT", 5, "punct")], ents=[(0, 5, "ORG")])
    frame = actors(doc)
    assert side(frame, "Kenyan Union of Nurses") == ("KEN", "HLH"), "the unlemmatised 'Nurses' gives the sector"
    # "Lagos University Teaching Hospital appealed." A place in the name gives its country.
    doc = make_doc([("Lagos", "Lagos", "PROPN", 3, "compound"), ("University", "University", "PROPN", 3, "compound"),
                    ("Teaching", "Teaching", "PROPN", 3, "compound"), ("Hospital", "Hospital", "PROPN", 4, "nsubj"),
                    ("appealed", "appeal", "VERB", 4, "ROOT"), (".", ".", "PUNCT", 4, "punct")], ents=[(0, 4, "ORG")])
    assert side(actors(doc), "Lagos University Teaching Hospital") == ("NGA", "HLH")
    # "The Israeli Army fired." An agent term with its state is still the state's agent.
    doc = make_doc([("The", "the", "DET", 2, "det"), ("Israeli", "Israeli", "PROPN", 2, "compound"),
                    ("Army", "Army", "PROPN", 3, "nsubj"), ("fired", "fire", "VERB", 3, "ROOT"),
                    (".", ".", "PUNCT", 3, "punct")], ents=[(0, 3, "ORG")])
    assert actors(doc).at(2) == "agent:ISRMIL"


def test_state_named_by_a_stance_is_not_the_side(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "Anti-Chinese protesters marched."
    doc = make_doc([("Anti", "anti", "ADJ", 3, "amod"), ("-", "-", "ADJ", 3, "amod"),
                    ("Chinese", "chinese", "ADJ", 3, "amod"), ("protesters", "protester", "NOUN", 4, "nsubj"),
                    ("marched", "march", "VERB", 4, "ROOT"), (".", ".", "PUNCT", 4, "punct")],
                   ents=[(2, 3, "NORP")], tags={3: "NNS"})
    frame = actors(doc)
    assert side(frame, "protesters") == (None, "CVL")


def test_pronoun_in_a_relative_clause_refers_to_the_person_it_describes(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "Ana Lopes greeted Tomas Berg, who praised his hosts."
    doc = make_doc([("Ana", "Ana", "PROPN", 1, "compound"), ("Lopes", "Lopes", "PROPN", 2, "nsubj"),
                    ("greeted", "greet", "VERB", 2, "ROOT"), ("Tomas", "Tomas", "PROPN", 4, "compound"),
                    ("Berg", "Berg", "PROPN", 2, "dobj"), (",", ",", "PUNCT", 4, "punct"),
                    ("who", "who", "PRON", 7, "nsubj"), ("praised", "praise", "VERB", 4, "relcl"),
                    ("his", "his", "PRON", 9, "poss"), ("hosts", "host", "NOUN", 7, "dobj"),
                    (".", ".", "PUNCT", 2, "punct")], ents=[(0, 2, "PERSON"), (3, 5, "PERSON")], tags={9: "NNS"})
    frame = actors(doc)
    assert frame.at(8) == "person:tomas-berg"


def test_agent_mention_is_widened_over_a_place_whatever_occupies_it(make_doc, actors) -> None:  # type: ignore[no-untyped-def]
    # "Syrians of the Turkish-held Afrin protested."
    doc = make_doc([("Syrians", "Syrians", "PROPN", 7, "nsubj"), ("of", "of", "ADP", 0, "prep"),
                    ("the", "the", "DET", 6, "det"), ("Turkish", "Turkish", "PROPN", 5, "npadvmod"),
                    ("-", "-", "PUNCT", 5, "punct"), ("held", "hold", "VERB", 6, "amod"),
                    ("Afrin", "Afrin", "PROPN", 1, "pobj"), ("protested", "protest", "VERB", 7, "ROOT"),
                    (".", ".", "PUNCT", 7, "punct")], ents=[(0, 1, "NORP"), (3, 4, "NORP"), (6, 7, "GPE")],
                   tags={0: "NNPS", 5: "VBN"})
    frame = actors(doc)
    assert side(frame, "Syrians of the Turkish - held Afrin") == ("SYR", "CVL")  # hand-built doc spacing
