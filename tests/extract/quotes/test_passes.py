"""The claim passes other than verb cues: "according to", "Name: clause" lines, quotations
no cue claimed, and the content-span rules they share (quotes.according, .colon,
.leftovers, .content, .claims)."""

from __future__ import annotations

from storyline.extract.quotes.candidate import Candidate, Scan
from storyline.extract.quotes.claims import dedupe
from storyline.extract.quotes.content import cut_contrasts, snap, trim
from storyline.extract.quotes.leftovers import is_title
from storyline.extract.quotes.marks import find_quotations


def _one(doc, fragment):
    found = [q for q in doc.quotes if fragment in q.text]
    assert len(found) == 1, [q.text for q in doc.quotes]
    return found[0]


# --------------------------------------------------------------------------- according to


def test_a_conjunction_after_the_phrase_leaves_the_clause_before_it(analyze):
    doc = analyze("The harbour reopened on Monday, according to the port authority, but ships are still waiting.")
    q = _one(doc, "harbour")
    assert q.text == "The harbour reopened on Monday" and q.cue == "according to"
    assert q.speaker_name == "the port authority"


def test_per_is_a_source_only_before_a_name(analyze):
    q = _one(analyze("Exports fell by a third last year, per Reuters."), "Exports")
    assert q.cue == "per" and q.speaker_name == "Reuters"
    assert analyze("Prices rose by two dollars per barrel.").quotes == []


# --------------------------------------------------------------------------- colon lines


def test_colon_lines_need_a_speaker_before_and_a_clause_after(analyze):
    q = _one(analyze("Ministry: Fuel prices will rise again in March."), "Fuel prices")
    assert q.speaker_name == "Ministry" and q.cue == ":" and q.kind == "indirect"
    assert analyze("2019: The year the mine closed and the town emptied out.").quotes == []  # a date is no speaker


# --------------------------------------------------------------------------- left-over quotations


def test_an_inverted_cue_before_the_name(analyze):
    doc = analyze("The mayor spoke at the ceremony.\n\nSaid Ellis: “We have waited twenty years for this bridge.”")
    q = _one(doc, "twenty years")
    assert q.cue == "Said" and q.speaker_name == "Ellis" and q.kind == "direct"


def test_titles_are_not_quotes():
    assert is_title("Meet the Press") and is_title("State of the Union")
    assert not is_title("meet the press") and not is_title("We Will, We Must")


def test_a_title_in_quotation_marks_is_no_quote(analyze):
    assert analyze("She appeared on “Meet the Press” on Sunday.").quotes == []


def test_the_same_speaker_talking_on(analyze):
    doc = analyze("“We will not leave,” the farmer Joao Silva said. “This land fed my grandfather.”")
    first, more = _one(doc, "not leave"), _one(doc, "This land")
    assert more.cue is None and more.speaker_name == first.speaker_name == "Joao Silva"


# --------------------------------------------------------------------------- content spans


def test_trim_keeps_punctuation_inside_a_quotation():
    text = " “We will rebuild,” — "
    qs = find_quotations(text)
    assert text[slice(*trim(text, (0, len(text)), qs))] == "“We will rebuild,”"
    assert text[slice(*trim(text, (0, len(text)), []))] == "“We will rebuild,”"
    plain = ", the bridge will open; "
    assert plain[slice(*trim(plain, (0, len(plain)), []))] == "the bridge will open"


def test_snap_decides_direct_partial_indirect():
    text = "He said “we will win” and that the “old guard” had failed."
    qs = find_quotations(text)
    whole = text.index("“we"), text.index("” and") + 1
    assert snap(whole, qs, text) == (whole, "direct")
    inner = (whole[0] + 1, whole[1] - 1)  # the words inside: snapped out to the marks
    assert snap(inner, qs, text) == (whole, "direct")
    clause = text.index("the “old"), len(text) - 1
    assert snap(clause, qs, text) == (clause, "partial")
    assert snap((0, 7), qs, text) == ((0, 7), "indirect")


def test_a_quotation_split_by_its_cue_is_one_quote_past_an_abbreviation(analyze):
    text = "“That,” said Mr. Okoro, “is the last offer we will make.”"
    (q,) = analyze(text).quotes
    assert q.text == text and q.kind == "direct" and q.cue == "said"


def test_a_contrast_ends_the_first_claim(nlp):
    text = "The ministry said it welcomed the plan, while the rights group said it was unlawful."
    scan = Scan.of(text, nlp(text))
    first = Candidate(content=(text.index("it welcomed"), len(text) - 1), kind="indirect",
                      source=(0, 12), cue=(13, 17))
    second = Candidate(content=(text.index("it was"), len(text) - 1), kind="indirect",
                       source=(text.index("the rights"), text.index(" said it was")),
                       cue=(text.index("said it was"), text.index("said it was") + 4))
    cut_contrasts(scan, [first, second])
    assert text[slice(*first.content)] == "it welcomed the plan"
    assert text[slice(*second.content)] == "it was unlawful"


def test_one_candidate_per_content_prefers_one_with_a_source():
    bare = Candidate(content=(0, 10), kind="direct")
    sourced = Candidate(content=(0, 10), kind="direct", source=(12, 20))
    other = Candidate(content=(0, 12), kind="direct")
    assert dedupe([bare, other, sourced]) == [other, sourced]
