"""Issue 10's kinds of error in event coding, each on our own sentences: the reported act
(``according_to``), agentless passives, and the story's own country for bare actors."""

from __future__ import annotations

from storyline.model import Document


def _doc(analyze, text, **kw):
    return analyze(text, published="2026-03-02", **kw)


# --- the reported act ------------------------------------------------------------------------


def test_reported_violence_is_the_act_with_its_reporter_not_an_accusation(analyze, find):
    doc = _doc(analyze, "The Afghan health ministry said nine people were killed in a Pakistani air strike in Kabul.")
    strike = find(doc.events, root="19", source="PAK", target="AFG")
    assert strike, doc.events
    assert strike[0].according_to == "The Afghan health ministry"
    assert doc.text[slice(*strike[0].according_to_span)] == "The Afghan health ministry"
    assert not find(doc.events, root="11"), doc.events


def test_a_named_reporter_of_an_attack_by_another_country(analyze, find):
    doc = _doc(analyze, "Governor Ivan Petrenko said Russia attacked Kharkiv with artillery fire and drones on Sunday.")
    attack = find(doc.events, root="19", source="RUS", target="UKR")
    assert attack and attack[0].according_to and "Petrenko" in attack[0].according_to, doc.events
    assert not find(doc.events, code="112"), doc.events


def test_an_accusing_verb_is_still_an_accusation(analyze, find):
    doc = _doc(analyze, "Ukraine accused Russia of shelling Kharkiv on Sunday.")
    assert find(doc.events, code="112", source="UKR", target="RUS"), doc.events
    doc = _doc(analyze, "India blamed Pakistan for the bombing of the market in Amritsar.")
    assert find(doc.events, root="11", source="IND", target="PAK"), doc.events


def test_the_articles_own_statement_has_no_reporter(analyze, find):
    doc = _doc(analyze, "Russian forces shelled Kharkiv on Sunday.")
    shelling = find(doc.events, root="19", source="RUS")
    assert shelling and shelling[0].according_to is None and shelling[0].according_to_span is None, doc.events


def test_an_event_in_a_quote_is_reported_by_the_quotes_speaker(analyze, find):
    doc = _doc(analyze, '"Russian troops shelled Kharkiv all night," Mayor Ihor Terekhov told reporters.')
    shelling = find(doc.events, root="19", source="RUS")
    assert shelling and shelling[0].quote is not None, doc.events
    assert shelling[0].according_to and "Terekhov" in shelling[0].according_to, doc.events


# --- agentless passives ------------------------------------------------------------------------


def test_an_agentless_passive_has_no_source(analyze, find):
    doc = _doc(analyze, "After two opposition leaders were arrested, US President Joe Biden said the vote was unfair.")
    arrests = find(doc.events, root="17")
    assert not [e for e in arrests if (e.source or "").startswith("USA")], doc.events
    # a "by" phrase names the arrester
    doc = _doc(analyze, "Two opposition leaders were arrested by Belarusian police in Minsk on Monday.")
    assert find(doc.events, root="17", source="BLR"), doc.events


# --- the story's own country ----------------------------------------------------------------------


def test_bare_actors_take_the_country_the_story_is_about(analyze):
    text = (
        "Kenya's parliament passed the finance bill on Tuesday. President William Ruto of Kenya "
        "signed it a day later. Kenyan opposition leaders said they would challenge it.\n\n"
        "Police fired tear gas at protesters outside parliament."
    )
    doc = _doc(analyze, text)
    gas = [e for e in doc.events if e.trigger == "fired"]
    assert gas and gas[0].source == "KENCOP" and (gas[0].target or "").startswith("KEN"), doc.events
    assert any("story" in i or "location" in i for i in gas[0].inferred)


def test_a_story_between_countries_lends_no_country(analyze):
    text = (
        "Russia and Ukraine exchanged prisoners on Friday. Ukrainian officials and Russian officials "
        "met in Istanbul, and Turkey hosted the talks.\n\nPolice fired tear gas at protesters."
    )
    doc = _doc(analyze, text)
    gas = [e for e in doc.events if e.trigger == "fired"]
    assert not gas or gas[0].source == "COP", doc.events


def test_force_in_a_known_place_with_no_target_hits_its_country(analyze, find):
    doc = _doc(analyze, "Cambodian troops fired rockets at a temple in Surin province, Thailand.")
    assert find(doc.events, root="19", source="KHM", target="THA"), doc.events


def test_force_with_no_target_in_a_story_about_one_country_is_on_that_country(analyze):
    text = (
        "Ukraine's president Volodymyr Zelensky visited Odesa on Monday. Ukrainian officials in Kyiv "
        "said Ukraine would rebuild the port.\n\nA Russian warship in the Black Sea fired cruise missiles overnight."
    )
    doc = _doc(analyze, text)
    fired = [e for e in doc.events if e.trigger == "fired"]
    assert fired and fired[0].source.startswith("RUS") and fired[0].target == "UKR", doc.events


def test_an_event_noun_charged_by_an_accuser_is_the_accusations_content(analyze, find):
    doc = _doc(analyze, "Afghanistan's defence ministry accused the Pakistani army of carrying out airstrikes in Khost.")
    assert find(doc.events, code="112", source="AFG", target="PAK"), doc.events
    assert not find(doc.events, root="19"), doc.events
