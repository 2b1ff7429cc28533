"""Issue 10, the event dictionary and matching: which words are events and their codes, each
on sentences of our own (threats, mutual fighting, hyphenated nouns, withdrawals, refusals,
force posture, and senses that must not match)."""

from __future__ import annotations


def _doc(analyze, text):
    return analyze(text, published="2026-03-02")


# --- threats (13) ------------------------------------------------------------------------------


def test_warning_of_a_military_response_is_a_threat_of_force(analyze, find):
    doc = _doc(analyze, "The Taliban warned of a military response to the Pakistani raid.")
    assert find(doc.events, root="13", source="AFG", target="PAK"), doc.events
    assert not find(doc.events, root="19", source="AFG"), doc.events


def test_warning_of_a_danger_is_no_threat(analyze, find):
    doc = _doc(analyze, "The UN warned of attacks on civilians in Darfur.")
    assert not find(doc.events, root="13"), doc.events


def test_threatened_reprisals_is_a_threat_of_force(analyze, find):
    doc = _doc(analyze, "The Kenyan militia threatened reprisals against Somali traders.")
    assert find(doc.events, code="1384", source="KEN", target="SOM"), doc.events


def test_a_threat_noun_folds_its_infinitive(analyze, find):
    doc = _doc(analyze, "Hamas renewed its threat to attack Israeli cities.")
    assert find(doc.events, root="13", source="PSE", target="ISR"), doc.events
    assert not find(doc.events, root="19"), doc.events


def test_threat_to_use_military_force(analyze, find):
    doc = _doc(analyze, "Nigeria repeated its threat to use military force against the junta in Niger.")
    assert find(doc.events, root="13", source="NGA"), doc.events
    assert not find(doc.events, root="19"), doc.events


def test_announced_plans_to_attack_is_a_threat_by_the_planner(analyze, find):
    doc = _doc(analyze, "The Taliban announced plans to attack the Pakistani town.")
    assert find(doc.events, root="13", source="AFG", target="PAK"), doc.events
    assert not find(doc.events, root="19"), doc.events


def test_using_excessive_force_is_no_military_attack(analyze, find):
    doc = _doc(analyze, "Kenyan police used excessive force against the students.")
    assert not find(doc.events, code="190"), doc.events


# --- fighting, cease-fires, withdrawals (19, 08) -----------------------------------------------


def test_fighting_broke_out_between_two_parties_both_directions(analyze, find):
    doc = _doc(analyze, "Fighting broke out on Monday between Kurdish fighters and Turkish soldiers.")
    assert find(doc.events, root="19", source="TUR"), doc.events
    assert find(doc.events, root="19", target="TUR"), doc.events


def test_clashes_between_two_parties_are_mutual(analyze, find):
    doc = _doc(analyze, "Clashes between Kenyan police and Somali militants left four people dead.")
    assert find(doc.events, root="19", source="KEN", target="SOM"), doc.events
    assert find(doc.events, root="19", source="SOM", target="KEN"), doc.events


def test_hyphenated_cease_fire_is_the_ceasefire_noun(analyze, find):
    doc = _doc(analyze, "Sudanese rebels reached a cease-fire with the Chadian army.")
    assert find(doc.events, code="0356", source="SDN", target="TCD"), doc.events
    assert not find(doc.events, root="19"), doc.events


def test_withdrawing_from_a_city_targets_its_country(analyze, find):
    doc = _doc(analyze, "Syrian rebels withdrew from Homs on Sunday.")
    assert find(doc.events, root="08", source="SYR", target="SYR"), doc.events


def test_parties_agreeing_on_an_exchange_agree_with_each_other(analyze, find):
    doc = _doc(analyze, "Armenian and Azerbaijani negotiators met in Geneva and agreed on an exchange of prisoners.")
    assert find(doc.events, root="03", source="ARM", target="AZE"), doc.events
    assert find(doc.events, root="03", source="AZE", target="ARM"), doc.events


# --- rejection, force posture, assault -----------------------------------------------------------


def test_refusing_grants_is_rejecting_material_cooperation(analyze, find):
    doc = _doc(analyze, "Hungary said it would refuse grants from the European Union.")
    assert find(doc.events, root="12", source="HUN", target="IGOEU"), doc.events


def test_deploying_vessels_is_force_posture(analyze, find):
    doc = _doc(analyze, "China deployed coastguard vessels to the Vietnamese coast.")
    assert find(doc.events, code="154", source="CHN"), doc.events


def test_mutilation_is_an_assault(analyze, find):
    doc = _doc(analyze, "Militiamen mutilated three Congolese villagers.")
    assert find(doc.events, root="18"), doc.events


# --- senses that must not match -------------------------------------------------------------


def test_confusion_surrounding_a_fate_is_no_siege(analyze, find):
    doc = _doc(analyze, "Confusion continued to surround the fate of a Mexican girl.")
    assert not find(doc.events, root="19"), doc.events


def test_troops_surrounding_a_town_is_a_siege(analyze, find):
    doc = _doc(analyze, "Russian troops surrounded the town of Avdiivka.")
    assert find(doc.events, code="191", source="RUS"), doc.events


# --- demands and appeals with a "for X to" clause (10, 02) --------------------------------------


def test_a_deadline_for_someone_to_act_is_a_demand_on_them(analyze, find):
    doc = _doc(analyze, "Nigeria set a deadline for the junta in Niger to release the ousted president.")
    assert find(doc.events, code="1053", source="NGA", target="NER"), doc.events
    assert not find(doc.events, root="08"), doc.events


def test_a_deadline_with_no_one_asked_is_no_event(analyze):
    doc = _doc(analyze, "The deadline for applications is Friday.")
    assert not doc.events, doc.events


def test_an_appeal_for_people_to_come_is_addressed_to_them(analyze, find):
    doc = _doc(analyze, "The Sudanese government issued an urgent appeal for Egyptian doctors to come and help.")
    assert find(doc.events, root="02", source="SDN", target="EGY"), doc.events


def test_discussing_a_topic_consults_no_one_about_it(analyze, find):
    doc = _doc(analyze, "The ministers met to discuss their response to the coup in Niger.")
    assert not find(doc.events, root="04", target="NER"), doc.events
    doc = _doc(analyze, "Putin and Erdogan discussed the war in Syria.")
    assert find(doc.events, code="040", source="RUS", target="TUR"), doc.events
    assert not find(doc.events, code="040", target="SYR"), doc.events


def test_needing_a_thing_is_no_appeal(analyze, find):
    doc = _doc(analyze, "The Taliban do not need Pakistani soil.")
    assert not find(doc.events, root="02"), doc.events
    doc = _doc(analyze, "Washington wants Moscow to withdraw its troops.")
    assert find(doc.events, root="02", source="USA", target="RUS"), doc.events


def test_a_person_connected_to_a_group_is_no_accusation(analyze, find):
    doc = _doc(analyze, "A Burmese rescuer connected to a local defence group told reporters that ten people died.")
    assert not find(doc.events, root="11"), doc.events


def test_a_clause_before_the_verb_is_not_what_it_wants(analyze, find):
    doc = _doc(analyze, "They can stay in Pakistan; they do not need Afghan soil.")
    assert not find(doc.events, root="02"), doc.events


def test_claiming_responsibility_for_carrying_out_an_attack_targets_its_target(analyze, find):
    doc = _doc(analyze, "Somalia's al-Shabab group claimed responsibility for carrying out a bomb attack on a Kenyan army base.")
    assert find(doc.events, code="015", source="SOM", target="KEN"), doc.events
