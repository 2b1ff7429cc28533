"""Which children of a cue verb carry its content (quotes.complements), one rule each, on the
real parse; and the same sentences through the stage."""

from __future__ import annotations

import pytest

from storyline.extract.quotes.complements import content_children
from storyline.extract.quotes.lexicon import lex


def _content(nlp, text, verb):
    doc = nlp(text)
    cue = next(t for t in doc if t.text == verb)
    kids, extra = content_children(cue, cue.lemma_.lower(), lex())
    words = sorted({t.i for k in kids for t in k.subtree})
    return " ".join(doc[i].text for i in words), [t.text for t in extra]


def test_a_question_clause_is_the_content(nlp):
    got, _ = _content(nlp, "The senator asked whether the vote would be held before the recess.", "asked")
    assert got.startswith("whether the vote would be held")


def test_object_and_listed_preposition(nlp):
    got, extra = _content(nlp, "The prosecutor accused the mayor of taking bribes from contractors.", "accused")
    assert got.startswith("the mayor of taking bribes") and extra == []


def test_a_phrasal_preposition_joins_the_cue(nlp):
    got, extra = _content(nlp, "The nurses' union called for an independent review of the hospital.", "called")
    assert got == "an independent review of the hospital" and extra == ["for"]


def test_a_directive_verb_keeps_its_addressee(nlp):
    got, _ = _content(nlp, "The bishop urged both parties to resume the talks.", "urged")
    assert got == "both parties to resume the talks"


def test_an_aspectual_verb_hands_over_to_the_inner_cue(nlp):
    got, extra = _content(nlp, "Campaigners continued to call for a ban on the pesticide.", "continued")
    assert (got, extra) == ("", [])


def test_object_and_predicative_complement(nlp):
    got, _ = _content(nlp, "The coach called the referee a disgrace to the sport.", "called")
    assert got.startswith("the referee a disgrace")


def test_the_object_is_the_content_only_for_verbs_of_the_message(nlp):
    got, _ = _content(nlp, "The ministry denied the report.", "denied")
    assert got == "the report"
    got, _ = _content(nlp, "The committee added a clause to the bill.", "added")
    assert got == ""  # a weak verb with a plain object is an act, not a report


@pytest.mark.parametrize("text,content,cue", [
    ("The senator asked whether the vote would be held before the recess.", "whether the vote would be held before the recess", "asked"),
    ("The nurses' union called for an independent review of the hospital.", "an independent review of the hospital", "called for"),
    ("Campaigners continued to call for a ban on the pesticide.", "a ban on the pesticide", "call for"),
])
def test_through_the_stage(analyze, text, content, cue):
    doc = analyze(text)
    assert [(q.text, q.cue) for q in doc.quotes] == [(content, cue)]


def test_a_weak_verb_with_a_plain_object_reports_nothing(analyze):
    assert analyze("The committee added a clause to the bill.").quotes == []
