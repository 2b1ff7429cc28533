"""Pairing quotation marks (quotes.marks): each typographic rule with its example."""

from __future__ import annotations

from storyline.extract.quotes.marks import QuoteList, find_quotations, in_quote, paragraphs


def _texts(text):
    return [text[q.start:q.end] for q in find_quotations(text)]


def test_single_marks_pair_and_an_apostrophe_does_not_close():
    text = "Okafor: ‘We don’t rebuild bridges twice’ in Lagos"
    assert _texts(text) == ["‘We don’t rebuild bridges twice’"]


def test_a_wrong_way_closing_mark_opens_when_its_neighbours_say_so():
    text = "— Idris Haddad ”The water came up to the second floor.”"
    assert _texts(text) == ["”The water came up to the second floor.”"]


def test_a_wrong_way_opening_mark_closes_before_a_space():
    text = "He said “we will win“ and left the hall."
    assert _texts(text) == ["“we will win“"]


def test_straight_marks_are_judged_by_their_neighbours():
    text = 'The 5" pipe burst, and the engineer said "it was never rated for this."'
    assert _texts(text) == ['"it was never rated for this."']


def test_a_running_quotation_reopens_after_a_paragraph_lead_dash():
    text = "“The first part of the statement.\n\n— “And its second part,” she said."
    (q,) = find_quotations(text)
    assert text[q.start:q.end] == text[:text.index("part,”") + len("part,”")]


def test_an_unbalanced_mark_closes_at_the_end_of_its_paragraph():
    text = "The “reform bill passed on Tuesday.  \n\nLawmakers left for the recess."
    (q,) = find_quotations(text)
    assert not q.closed
    assert text[q.start:q.end] == "“reform bill passed on Tuesday."
    assert q.inner == (q.start + 1, q.end)


def test_in_quote_answers_the_same_for_a_list_and_an_indexed_list():
    text = "“One,” he said. “Two and three,” she said. Then “four.”"
    qs = find_quotations(text)
    indexed = QuoteList(qs)
    for pos in range(len(text) + 1):
        assert in_quote(pos, qs) == in_quote(pos, indexed)
    assert in_quote(text.index("Two"), indexed) is not None
    assert in_quote(text.index("she"), indexed) is None


def test_paragraphs_are_the_non_empty_lines():
    text = "a\n\nbc\n"
    assert [text[s:e] for s, e in paragraphs(text)] == ["a", "bc"]
