"""The shared tense helper: cue words without a parse, the governing verb with one.

Our own invented sentences; the expression whose tense is read is the quoted one."""

from __future__ import annotations

import pytest

from storyline.extract.tense import tense_from_parse, tense_in_text


def span(sentence: str, expr: str) -> tuple[int, int]:
    s = sentence.index(expr)
    return s, s + len(expr)


@pytest.mark.parametrize(
    "sentence,expr,tense",
    [
        ("Dock workers will strike on Friday.", "Friday", "future"),
        ("The union plans to strike on Friday.", "Friday", "future"),
        ("Police arrested three men on Saturday.", "Saturday", "past"),  # an -ed word
        ("Ministers met on Tuesday in Brussels.", "Tuesday", "past"),
        ("The ministry said on Monday that the border stays shut.", "Monday", "past"),
        ("On Monday the border stays shut.", "Monday", None),
        # a reporting verb far from the expression tells when it was said, not the event
        ("The ministry said the border crossing near the river stays shut on Monday.", "Monday", None),
        # "-ed" words that are not past tenses
        ("A hundred people gathered peacefully.", "hundred", "past"),
        ("The united front holds on Monday.", "Monday", None),
        # a participle after "be"
        ("The report is to be published on Monday.", "Monday", "future"),
        ("The report will be published on Monday.", "Monday", "future"),
        ("The report can be finished on Monday.", "Monday", None),
        # the sentence ends the search
        ("Rebels fled. The talks resume on Monday.", "Monday", None),
    ],
)
def test_tense_in_text(sentence, expr, tense):
    assert tense_in_text(sentence, *span(sentence, expr)) == tense


@pytest.mark.parametrize(
    "sentence,expr,tense",
    [
        ("Police arrested three men on Saturday.", "Saturday", "past"),
        ("Dock workers will strike on Friday.", "Friday", "future"),
        ("Voters go to the polls on Sunday.", "Sunday", "present"),
        ("The union plans to strike on Friday.", "Friday", "future"),  # a plan verb
        ("The vote is scheduled for Thursday.", "Thursday", "future"),  # a plan participle
        ("The government set a target of 2030.", "2030", "future"),  # a plan noun
        ("Officials warned of shortages in 2027.", "2027", "future"),  # an anticipation verb
        ("Officials warned on Monday that stocks were low.", "Monday", "past"),  # ... dated itself
        ("If elected in 2027, she would raise taxes.", "2027", "future"),  # a condition
        ("The vote was postponed to February.", "February", "future"),  # a new date
        ("The qualifier has been postponed until Saturday.", "Saturday", "future"),  # a deadline
        ("The rebels could take the town on Friday.", "Friday", "future"),  # a modal
        ("The strike has ended on Monday.", "Monday", "past"),  # a perfect
    ],
)
def test_tense_from_parse(nlp, sentence, expr, tense):
    assert tense_from_parse(nlp(sentence), *span(sentence, expr)) == tense


def test_no_parse_no_tense():
    assert tense_from_parse(None, 0, 4) is None
