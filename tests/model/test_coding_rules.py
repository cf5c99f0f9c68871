"""Coding rules that need a real parse: unknown doers, stances, conditions, reported demands.

Sentences are written for these tests; each asserts the code, the dyad and the modality.
"""

from __future__ import annotations

from typing import Any

import pytest

from geopol.ingest.text import parse_plaintext
from geopol.model import Analysis, Event

pytestmark = pytest.mark.model


def code(analyzer: Any, text: str) -> Analysis:
    result: Analysis = analyzer.analyze(parse_plaintext(text))
    return result


def only(analysis: Analysis) -> Event:
    assert len(analysis.events) == 1, [(e.cameo, e.source, e.target) for e in analysis.events]
    return analysis.events[0]


def sides(analysis: Analysis, ids: tuple[str, ...]) -> set[str | None]:
    out: set[str | None] = set()
    for actor_id in ids:
        actor = analysis.actor(actor_id)
        assert actor is not None
        out.add(actor.country)
    return out


@pytest.mark.parametrize("text", [
    "Four Afghan soldiers were killed in a roadside bombing in Helmand province on Tuesday.",
    "A car bomb killed two Pakistani policemen near the border.",
    "Three Nigerian villagers were killed by an improvised explosive device.",
])
def test_force_without_its_doer_is_kept_with_an_unknown_source(analyzer: Any, text: str) -> None:
    analysis = code(analyzer, text)
    event = only(analysis)
    assert event.cameo.startswith("18") and event.plover == "ASSAULT"
    assert event.source == () and event.modality == "asserted"
    assert sides(analysis, event.target) <= {"AFG", "PAK", "NGA"} and event.target


def test_an_assassination_without_its_doer_needs_no_weapon_named(analyzer: Any) -> None:
    event = only(code(analyzer, "The Lebanese prime minister was assassinated on Monday."))
    assert event.cameo == "186" and event.source == ()


@pytest.mark.parametrize("text", [
    "Twelve Filipino fishermen were killed in a typhoon on Monday.",
    "Two Chinese workers were killed in a gas explosion at a chemical plant.",
    "Five Indian pilgrims died in a bus accident.",
])
def test_deaths_with_no_violent_cause_are_no_events(analyzer: Any, text: str) -> None:
    assert code(analyzer, text).events == ()


def test_an_arrest_without_its_doer_is_made_by_the_state_where_it_happened(analyzer: Any) -> None:
    analysis = code(analyzer, "A Canadian aid worker was arrested in Egypt on spying charges.")
    event = only(analysis)
    assert event.cameo == "173" and event.source == ("state:EGY",)
    assert sides(analysis, event.target) == {"CAN"}


def test_a_stated_opposition_is_the_subjects_stance(analyzer: Any) -> None:
    event = only(code(analyzer, "Greece is opposed to Turkish drilling in the Aegean."))
    assert event.cameo == "110" and event.source == ("state:GRC",) and event.target == ("state:TUR",)


def test_a_call_for_sanctions_targets_whom_the_sanctions_hit(analyzer: Any) -> None:
    event = only(code(analyzer, "The Canadian foreign minister called for sanctions against Belarus."))
    assert event.cameo == "113" and event.target == ("state:BLR",)


def test_a_threat_is_held_over_the_subject_of_its_condition(analyzer: Any) -> None:
    event = only(code(analyzer, "Iran threatened to leave the nuclear talks if Israel attacks its facilities."))
    assert event.cameo.startswith("13") and event.source == ("state:IRN",) and event.target == ("state:ISR",)


def test_a_threat_with_no_one_named_stays_a_threat(analyzer: Any) -> None:
    event = only(code(analyzer, "Venezuela threatened to raise the price of its oil."))
    assert event.cameo.startswith("13") and event.source == ("state:VEN",) and event.target == ()


def test_saying_another_side_must_act_is_a_demand_even_for_acts_with_no_pattern(analyzer: Any) -> None:
    event = only(code(analyzer, "The European Union declared that Serbia must respect the rights of minorities."))
    assert event.cameo == "100" and event.plover == "REQUEST"
    assert event.source == ("igo:EU",) and event.target == ("state:SRB",) and event.pattern == "reported-demand"


def test_a_speaker_saying_it_must_act_demands_nothing(analyzer: Any) -> None:
    assert code(analyzer, "Japan said it must strengthen its coast guard.").events == ()


def test_allowing_an_actor_to_act_is_a_concession_but_allowing_a_thing_is_not(analyzer: Any) -> None:
    analysis = code(analyzer, "The Egyptian government allowed opposition leader Ayman Nour to travel abroad.")
    assert [e.cameo for e in analysis.events] == ["080"]
    assert code(analyzer, "Iran allowed the sale of crude oil.").events == ()


def test_a_reduced_relative_in_the_subject_keeps_its_noun_as_the_speaker(analyzer: Any) -> None:
    analysis = code(analyzer, "The World Food Programme operating in Sudan said Sudanese forces must open the roads.")
    event = only(analysis)
    assert event.cameo.startswith("10") and event.source == ("igo:WFP",)


def test_the_us_in_reported_speech_is_the_country_not_the_speaker(analyzer: Any) -> None:
    analysis = code(analyzer, "The Jordanian king said on Monday that the US must be ready to mediate between "
                              "Israel and the Palestinians.")
    event = only(analysis)
    assert event.cameo.startswith("10") and event.target == ("state:USA",)
    assert sides(analysis, event.source) == {"JOR"}


def test_wanting_another_side_to_act_is_an_appeal_and_wanting_to_act_an_intent(analyzer: Any) -> None:
    event = only(code(analyzer, "Poland wants Germany to pay reparations to the victims' families."))
    assert event.cameo.startswith("02") and event.source == ("state:POL",) and event.target == ("state:DEU",)
    event = only(code(analyzer, "Japan wants to improve ties with China."))
    assert event.cameo.startswith("03") and event.modality == "intended"


def test_swearing_to_fight_is_a_threat(analyzer: Any) -> None:
    event = only(code(analyzer, "Armed rebels have sworn to fight the Malian army in the north."))
    assert event.cameo.startswith("13") and event.plover == "THREATEN" and event.modality == "asserted"


def test_preventing_a_protest_is_coercion(analyzer: Any) -> None:
    event = only(code(analyzer, "Belarusian police prevented a march by opposition supporters in Minsk."))
    assert event.cameo.startswith("17") and event.plover == "COERCE"


def test_a_demand_is_made_of_the_subject_of_the_clause_that_spells_it_out(analyzer: Any) -> None:
    analysis = code(analyzer, "Kenyan opposition parties insisted on their demand that the Kenyan government "
                              "release the detained activists.")
    event = only(analysis)
    assert event.cameo.startswith("10") and sides(analysis, event.target) == {"KEN"}


def test_a_polity_named_through_of_is_that_state(analyzer: Any) -> None:
    event = only(code(analyzer, "The republic of Moldova defied the Russian ultimatum on Friday."))
    assert event.cameo == "128" and event.source == ("state:MDA",)


def test_a_rally_held_to_protest_takes_the_ralliers_as_source(analyzer: Any) -> None:
    analysis = code(analyzer, "Thousands of Kenyans gathered on Monday for a rally in Nairobi to protest the tax law.")
    event = only(analysis)
    assert event.cameo.startswith("14") and sides(analysis, event.source) == {"KEN"}


def test_a_call_for_a_withdrawal_is_addressed_to_those_withdrawing(analyzer: Any) -> None:
    event = only(code(analyzer, "Lebanon called for the withdrawal of Israeli troops from the border villages."))
    assert event.cameo == "0256" and event.source == ("state:LBN",)
    assert event.target and event.target[0].startswith("agent:ISR")


def test_a_broken_commitment_targets_whom_it_was_made_to(analyzer: Any) -> None:
    analysis = code(analyzer, "The Zambian president reneged on his commitment to the opposition parties.")
    assert [e.cameo for e in analysis.events] == ["120"]


def test_a_negated_future_cooperation_is_a_refusal(analyzer: Any) -> None:
    event = only(code(analyzer, "Hungary said it will not accept any more migrants from Serbia."))
    assert event.cameo.startswith("12") and event.modality == "asserted" and event.source == ("state:HUN",)


def test_a_past_negated_meeting_stays_a_negated_meeting(analyzer: Any) -> None:
    event = only(code(analyzer, "The Japanese prime minister did not meet the Chinese foreign minister."))
    assert event.cameo == "040" and event.modality == "negated"


def test_a_clause_spelling_out_a_demand_noun_is_demanded_once(analyzer: Any) -> None:
    analysis = code(analyzer, "The European Union repeated its demand that Belarus release the political prisoners.")
    event = only(analysis)
    assert event.cameo.startswith("10") and event.cameo != "100"
    assert event.source == ("igo:EU",) and event.target == ("state:BLR",)


def test_a_call_for_another_side_to_act_is_an_appeal_to_it(analyzer: Any) -> None:
    event = only(code(analyzer, "France renewed its call for Russia to withdraw its troops from Georgia."))
    assert event.cameo.startswith("02") and event.source == ("state:FRA",) and event.target == ("state:RUS",)


def test_being_engaged_in_an_act_makes_the_subject_its_doer(analyzer: Any) -> None:
    analysis = code(analyzer, "Sudanese forces were engaged in ethnic cleansing against the Masalit population.")
    event = only(analysis)
    assert event.cameo == "203" and sides(analysis, event.source) == {"SDN"}


def test_a_place_is_the_target_only_when_no_other_preposition_names_one(analyzer: Any) -> None:
    analysis = code(analyzer, "Myanmar troops carried out ethnic cleansing in Rakhine against the Rohingya.")
    event = only(analysis)
    assert event.cameo == "203" and event.target and "Rohingya" in {
        m.text for a in analysis.actors if a.id in event.target for m in a.mentions}


@pytest.mark.parametrize(("text", "root"), [
    ("Iran and the European Union held a new round of talks in Vienna.", "04"),
    ("Indian and Japanese warships began five days of naval drills in the Bay of Bengal.", "06"),
])
def test_a_measured_event_noun_takes_the_verb_of_its_measure(analyzer: Any, text: str, root: str) -> None:
    assert any(e.cameo.startswith(root) for e in code(analyzer, text).events)


def test_hacking_into_computers_is_coercion(analyzer: Any) -> None:
    event = only(code(analyzer, "Russian spies hacked into the servers of the German parliament."))
    assert event.cameo == "170" and event.plover == "COERCE"


@pytest.mark.parametrize(("text", "root", "rule"), [
    ("The Dutch minister said Turkey must respect the rights of journalists.", "10", "reported-demand"),
    ("The Dutch minister said Turkey should respect the rights of journalists.", "02", "reported-appeal"),
    ("The Dutch minister told Erdogan that Turkey needs to respect the rights of journalists.", "02",
     "reported-appeal"),
])
def test_must_is_a_demand_and_should_or_needs_to_an_appeal(analyzer: Any, text: str, root: str, rule: str) -> None:
    event = only(code(analyzer, text))
    assert event.cameo.startswith(root) and event.pattern == rule and event.target == ("state:TUR",)


def test_a_commitment_to_someone_is_not_about_its_holder(analyzer: Any) -> None:
    analysis = code(analyzer, "The Malawian president reneged on his commitment to the Malawian people.")
    event = only(analysis)
    assert event.cameo == "120" and sides(analysis, event.target) == {"MWI"}


def test_pushing_someone_for_a_law_is_an_appeal_to_them(analyzer: Any) -> None:
    event = only(code(analyzer, "The Tunisian president pushed the Tunisian parliament for a new election law."))
    assert event.cameo == "020" and event.target and event.target[0].startswith("agent:TUN")


def test_blowing_up_property_is_destroying_it(analyzer: Any) -> None:
    event = only(code(analyzer, "Insurgents blew up an oil pipeline in northern Iraq."))
    assert event.cameo == "1712"


def test_a_suspension_of_links_targets_the_other_side(analyzer: Any) -> None:
    event = only(code(analyzer, "Spain announced a suspension of flights with Venezuela."))
    assert event.cameo.startswith("16") and event.source == ("state:ESP",) and event.target == ("state:VEN",)


def test_saying_another_side_needs_to_stay_as_it_is_is_no_appeal(analyzer: Any) -> None:
    assert code(analyzer, "The German chancellor said the European Union would need to remain united.").events == ()


def test_agreeing_to_a_measure_is_an_agreement_with_whom_it_concerns_if_named(analyzer: Any) -> None:
    event = only(code(analyzer, "The Security Council agreed to a one-year extension of the mission in Mali."))
    assert event.cameo == "030" and event.source == ("igo:UNSC",) and event.target == ("state:MLI",)
    event = only(code(analyzer, "The Security Council agreed to a one-year extension of the mandate."))
    assert event.cameo == "030" and event.target == ()


def test_a_rejection_may_name_no_target_and_names_the_offerer_when_given(analyzer: Any) -> None:
    event = only(code(analyzer, "The United Nations rejected a call for its troops to be deployed in Haiti."))
    assert event.cameo.startswith("12") and event.target == ()
    event = only(code(analyzer, "Armenia rejected a fresh offer from Azerbaijan for direct talks."))
    assert event.cameo.startswith("12") and event.target == ("state:AZE",)


def test_a_decision_is_the_act_decided(analyzer: Any) -> None:
    event = only(code(analyzer, "The Kenyan Supreme Court decided to allow opposition leader Raila Odinga to run."))
    assert event.cameo == "080" and event.modality == "asserted"


def test_a_warning_that_wraps_a_threat_is_coded_once_as_the_threat(analyzer: Any) -> None:
    analysis = code(analyzer, "Egypt's interior minister warned that police will no longer tolerate rallies "
                              "by the Muslim Brotherhood.")
    assert [e.cameo[:2] for e in analysis.events] == ["13"]


def test_coordinated_demonyms_on_one_noun_are_each_their_sides_agent(analyzer: Any) -> None:
    analysis = code(analyzer, "Japanese and Indian warships began joint naval drills in the Bay of Bengal.")
    event = only(analysis)
    assert event.cameo.startswith("06") and sides(analysis, event.source) == {"JPN", "IND"}


def test_patrols_are_a_show_of_force_and_joint_patrols_cooperation(analyzer: Any) -> None:
    event = only(code(analyzer, "The Kenyan government ordered police patrols along the Somali border."))
    assert event.cameo == "150" and event.plover == "MOBILIZE"
    event = only(code(analyzer, "Russian and Turkish troops launched joint patrols in northern Syria."))
    assert event.cameo == "062"


def test_a_noun_modifying_a_noun_is_no_event(analyzer: Any) -> None:
    analysis = code(analyzer, "Mexican border patrol agents met with US officials in Texas.")
    assert [e.cameo for e in analysis.events] == ["040"]


def test_blocking_transport_is_an_obstruction(analyzer: Any) -> None:
    event = only(code(analyzer, "Malian rebels blocked fuel convoys into Bamako."))
    assert event.cameo == "144"


def test_an_objects_own_phrase_may_name_the_target(analyzer: Any) -> None:
    event = only(code(analyzer, "Algeria approved a loan to Tunisia."))
    assert event.source == ("state:DZA",) and event.target == ("state:TUN",)


def test_force_in_a_named_place_hits_that_places_state(analyzer: Any) -> None:
    analysis = code(analyzer, "Turkish jets struck targets in Iraq overnight.")
    event = only(analysis)
    assert event.cameo == "190" and event.target == ("state:IRQ",) and sides(analysis, event.source) == {"TUR"}


@pytest.mark.parametrize("text", ["The Indian batsman struck a century against Australia.",
                                  "Japanese exports hit a record high in March."])
def test_striking_or_hitting_a_thing_is_no_attack(analyzer: Any, text: str) -> None:
    assert code(analyzer, text).events == ()


def test_discussing_a_country_is_no_consultation_with_it(analyzer: Any) -> None:
    assert code(analyzer, "The Japanese prime minister discussed the rise of China at a news conference.").events == ()
    event = only(code(analyzer, "The Japanese prime minister discussed trade with China."))
    assert event.cameo == "040" and event.target == ("state:CHN",)


def test_agreeing_that_a_third_party_must_act_is_no_agreement_with_it(analyzer: Any) -> None:
    event = only(code(analyzer, "The French and German leaders agreed that Iran has a duty to respect the treaty."))
    assert event.cameo == "030" and "state:IRN" not in event.target


def test_a_participle_on_a_noun_makes_the_noun_the_one_acted_on(analyzer: Any) -> None:
    analysis = code(analyzer, "Doctors treated Afghan villagers wounded in the air strike.")
    event = only(analysis)
    assert event.cameo.startswith("18") and event.source == () and sides(analysis, event.target) == {"AFG"}
    analysis = code(analyzer, "Students arrested by Iranian police were freed on bail.")
    arrest = next(e for e in analysis.events if e.cameo == "173")
    assert sides(analysis, arrest.source) == {"IRN"} and arrest.target


def test_pushing_for_a_ceasefire_does_not_assert_it(analyzer: Any) -> None:
    analysis = code(analyzer, "Egypt sent its envoy to Doha to push for a ceasefire between Israel and Hamas.")
    assert analysis.events and all(e.modality != "asserted" or not e.cameo.startswith("08") for e in analysis.events)


def test_only_arrests_of_all_coercion_are_kept_without_their_doer(analyzer: Any) -> None:
    assert code(analyzer, "The Kenyan runner was forced to withdraw from the race with an injury.").events == ()
    event = only(code(analyzer, "Two Kenyan activists were detained in Uganda on Monday."))
    assert event.cameo.startswith("173") and event.source == ("state:UGA",)


def test_force_foreseen_by_others_is_no_threat_and_no_accusation(analyzer: Any) -> None:
    event = only(code(analyzer, "Analysts said Russia could attack again."))
    assert event.cameo.startswith("19") and event.modality == "hypothetical"
    analysis = code(analyzer, "Ukraine said Russia could attack again.")
    assert [e.cameo[:2] for e in analysis.events] == ["19"]
    event = only(code(analyzer, "Russia said it could halt the talks."))
    assert event.cameo.startswith("13") and event.modality == "hypothetical"


@pytest.mark.parametrize("text", [
    "The U.S. and its allies flew a military aircraft over Ukraine on Thursday.",
    "The Myanmar military's overthrow of the government has led to five days of street protests.",
    "The troops were sent after intelligence we received that Iran plans attacks.",
])
def test_objects_and_results_that_are_no_participants(analyzer: Any, text: str) -> None:
    # an aircraft flown is no host of a visit; protests a coup led to are not the coup leaders';
    # a report received is no visit by Iran
    assert not any(e.cameo.startswith(("04", "14")) for e in code(analyzer, text).events)


def test_counterparts_are_of_the_countries_they_come_from(analyzer: Any) -> None:
    event = only(code(analyzer, "The US secretary of state held talks in Tokyo with his counterparts from Japan, "
                                "Australia and India."))
    assert event.cameo.startswith("04") and event.target == ("state:JPN", "state:AUS", "state:IND")


def test_an_act_a_noun_ends_is_not_asserted_and_the_ending_is_coded(analyzer: Any) -> None:
    analysis = code(analyzer, "Venezuela announced the termination of its relations with Colombia.")
    event = only(analysis)
    assert event.cameo.startswith("16") and event.source == ("state:VEN",) and event.target == ("state:COL",)
    assert code(analyzer, "The collapse of the talks between Serbia and Kosovo surprised observers.").events == ()


def test_a_generational_suffix_is_part_of_the_name_not_a_person(analyzer: Any) -> None:
    analysis = code(analyzer, "Secretary of Defense Lloyd J. Austin III hosted the Indian defense minister in 2022.")
    assert {a.name for a in analysis.actors if a.kind == "person"} == {"Lloyd Austin"}


def test_up_to_a_number_is_a_quantity_not_a_particle(analyzer: Any) -> None:
    analysis = code(analyzer, "Somali militants kidnapped up to 12 Kenyan teachers on Monday.")
    event = only(analysis)
    assert event.cameo == "181" and event.plover == "ASSAULT" and sides(analysis, event.target) == {"KEN"}
