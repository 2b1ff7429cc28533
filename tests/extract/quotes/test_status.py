"""Media, statuses, evidence and the unattributed flag (quotes.media, .status, .evidence,
.flags): each rule with its example sentence, through the stage."""

from __future__ import annotations

import pytest


def _one(doc, fragment):
    found = [q for q in doc.quotes if fragment in q.text]
    assert len(found) == 1, [q.text for q in doc.quotes]
    return found[0]


@pytest.mark.parametrize("text,fragment,medium", [
    ("The minister said in an interview with Reuters that the talks had failed.", "talks had failed", "Reuters"),
    ("The actor wrote on Instagram that he was retiring.", "retiring", "Instagram"),
    ("The army said in a statement that the border was closed.", "border was closed", "statement"),
])
def test_the_medium_of_a_cue(analyze, text, fragment, medium):
    q = _one(analyze(text), fragment)
    assert q.medium == medium
    assert analyze(text).text[q.medium_span[0]:q.medium_span[1]].lower() == medium.lower()


def test_a_hedge_governing_the_claim_but_not_inside_a_quotation(analyze):
    assert _one(analyze("Officials said the dam could fail within days."), "dam").status == "hedged"
    assert _one(analyze("Officials said “the dam could fail”, and warned residents."), "dam").status == "asserted"


def test_a_cue_verb_of_belief_hedges(analyze):
    doc = analyze("Dr. Lena Ortiz said she believed the vaccine was safe.")
    assert _one(doc, "she believed").status == "asserted"
    assert [q.status for q in doc.quotes if q.text == "the vaccine was safe"] == ["hedged"]


def test_an_anaphor_opening_the_sentence_links_the_evidence(analyze):
    doc = analyze("Colonel Dara Fenn said his unit had captured the bridge. The claim could not be independently verified.")
    q = _one(doc, "captured the bridge")
    assert q.status == "unverified"
    assert [e.text for e in q.evidence] == ["The claim could not be independently verified."]


def test_evidence_inside_a_quotation_is_not_evidence(analyze):
    # the headline shares the claim's words, but its "unverified claims" is a quoted title
    doc = analyze("Colonel Dara Fenn said his unit had captured the bridge. "
                  "The headline over the bridge capture read “Unverified Claims”.")
    assert _one(doc, "captured the bridge").status == "asserted"
    doc = analyze("Colonel Dara Fenn said his unit had captured the bridge. "
                  "The headline over the bridge capture read unverified claims.")
    assert _one(doc, "captured the bridge").status == "unverified"


@pytest.mark.parametrize("text,flagged", [
    ("Senator Ruth Alvarez masterminded the scheme to divert the funds.", True),
    ("Senator Ruth Alvarez allegedly masterminded the scheme to divert the funds.", False),  # a hedge
    ("Senator Ruth Alvarez did not mastermind the scheme.", False),  # negated
    ("Senator Ruth Alvarez masterminded the “scheme” to divert the funds.", False),  # quoting someone
    ("Senator Ruth Alvarez masterminded the scheme, according to prosecutors.", False),  # attributed
])
def test_the_unattributed_flag(analyze, text, flagged):
    flags = [f for f in analyze(text).flags if f.type == "unattributed"]
    assert bool(flags) == flagged
    if flagged:
        assert flags[0].details == {"predicate": "mastermind"}
        s, e = flags[0].spans[0]
        assert text[s:e] == text
