"""Things said as events (issue 10): accusations, complaints and suits named by nouns, with
who made them, and the domestic convention kept for a state's own parties, not the state.
Our own sentences; each test fails without the rule it names."""

from __future__ import annotations


def test_a_rejected_accusation_is_also_the_accuser_s_event(analyze, find):
    doc = analyze("The minister rejected Armenia's accusations that Azerbaijani troops are shelling villages.",
                  published="2026-03-02")
    assert find(doc.events, code="112", source="ARM", target="AZE"), doc.events
    assert find(doc.events, root="12", target="ARM"), doc.events


def test_a_complaint_from_a_capital(analyze, find):
    doc = analyze("The raids drew complaints from Nairobi about the border.", published="2026-03-02")
    assert find(doc.events, code="114", source="KEN"), doc.events
    doc = analyze("The strikes prompted complaints from Tehran that Iraqi forces had done nothing.",
                  published="2026-03-02")
    assert find(doc.events, code="114", source="IRN", target="IRQ"), doc.events


def test_a_suit_filed_is_an_event_without_a_named_defendant(analyze, find):
    doc = analyze("Brazil's attorney general filed a lawsuit on Monday.", published="2026-03-02")
    assert find(doc.events, code="115", source="BRA"), doc.events
    # a case that is not filed is no suit: "a case of cholera"
    doc = analyze("Brazil's health ministry reported a case of cholera.", published="2026-03-02")
    assert not find(doc.events, root="11"), doc.events


def test_challenging_a_decision_criticises_its_author(analyze, find):
    doc = analyze("Mexico challenged Guatemala's decision to close the border.", published="2026-03-02")
    assert find(doc.events, root="11", source="MEX", target="GTM"), doc.events


def test_the_domestic_convention_is_not_for_the_state_acting_on_itself(analyze, find):
    text = ("ISLAMABAD (Wire) - Islamabad complained on Monday. Pakistan's army patrolled the border "
            "and Pakistan's police guarded Lahore.")
    doc = analyze(text, published="2026-03-02")
    assert not find(doc.events, source="PAK", target="PAK", code="114"), doc.events


def test_a_pronoun_read_as_the_actor_itself_is_no_target(analyze):
    doc = analyze("The Dutch foreign ministry said it called for their immediate release.", published="2026-03-02")
    assert not [e for e in doc.events if e.source and e.source == e.target], doc.events


def test_a_foreign_appeal_to_no_one_named_is_addressed_to_the_story_s_country(analyze):
    text = ("MINSK (Wire) - A Belarusian court jailed three Belarusian journalists on Friday. "
            "Belarus's interior ministry said Belarus would appeal nothing. Minsk police guarded the court.\n\n"
            "Canada demanded an investigation.")
    doc = analyze(text, published="2026-03-02")
    call = [e for e in doc.events if e.source == "CAN" and e.root == "10"]
    assert call and call[0].target == "BLR", doc.events
    assert any("appeal or reproach" in i for i in call[0].inferred)


def test_countries_a_listing_verb_names_are_the_doers_and_aid_goes_where_the_story_is(analyze):
    text = ("KATHMANDU, Nepal (Wire) - Rescuers searched the rubble in Nepal on Monday.\n\n"
            "Nations that have sent food and medicine include India, Japan and Norway.")
    doc = analyze(text, published="2026-03-02")
    aid = {(e.source, e.target) for e in doc.events if e.root == "07"}
    assert {("IND", "NPL"), ("JPN", "NPL"), ("NOR", "NPL")} <= aid, doc.events
    # a list that is not of countries is no list of doers
    doc = analyze("Countries that have sent aid include several in Asia.", published="2026-03-02")
    assert not [e for e in doc.events if e.root == "07" and e.source], doc.events
