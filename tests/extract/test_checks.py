"""The checks stage: the anachronism flag, on our own invented articles, with the real parse."""

from __future__ import annotations

import pytest

from storyline.extract import checks
from storyline.extract.checks import earliest_start

STAGES = ["sections", "times", "checks"]


def flags(analyze, text, published):
    doc = analyze(text, published=published, stages=STAGES)
    return doc, [f for f in doc.flags if f.type == "anachronism"]


def test_past_event_after_publication_is_flagged(analyze):
    text = (
        "Special forces captured the rebel commander on January 3, 2026, officials said. "
        "He was flown to the capital the same night."
    )
    doc, found = flags(analyze, text, "2025-01-26")
    assert len(found) == 1
    f = found[0]
    assert f.details["published"] == "2025-01-26"
    assert f.details["event_date"] == "2026-01-03"
    assert "2025-01-26" in f.message and "2026-01-03" in f.message
    s, e = f.spans[-1]
    assert text[s:e] == "January 3, 2026"


def test_one_flag_names_all_conflicting_dates(analyze):
    text = (
        "Negotiators met in secret in late 2025, according to people familiar with the talks. "
        "Troops then seized the airport on February 9, 2026, and the junta fell in early March."
    )
    doc, found = flags(analyze, text, "2025-01-10")
    assert len(found) == 1
    f = found[0]
    assert f.details["event_date"] == "2026-02-09"
    assert "late 2025" in f.details["also"] and "early March" in f.details["also"]


def test_printed_publication_date_span_is_named(analyze):
    text = "Published January 26, 2025\n\nTroops entered the city on January 3, 2026, residents said."
    doc, found = flags(analyze, text, "2025-01-26")
    assert len(found) == 1
    spans = [text[s:e] for s, e in found[0].spans]
    assert spans == ["January 26, 2025", "January 3, 2026"]
    assert found[0].details["published_text"] == "January 26, 2025"


@pytest.mark.parametrize(
    "line,printed",
    [
        ("Last updated: January 26, 2025", True),
        ("Posted on January 26, 2025", True),
        ("Editor's note, January 26, 2025", False),
    ],
)
def test_the_cue_words_name_the_printed_publication_date(analyze, line, printed):
    text = line + "\n\nTroops entered the city on January 3, 2026, residents said."
    doc, found = flags(analyze, text, "2025-01-26")
    assert len(found) == 1
    assert ("published_text" in found[0].details) is printed


@pytest.mark.parametrize(
    "text",
    [
        "Construction is expected to begin in early 2027, the ministry said.",
        "The summit will be held on March 3, 2026 in Nairobi.",
        "The company plans to open the plant in 2027.",
        "The vote is scheduled for February 14, 2026.",
        "Officials hope to finish the bridge by late 2026.",
        "The central bank could raise rates in the second quarter of 2026, analysts said.",
        "Under the deal, troops must leave by June 30, 2026.",
    ],
)
def test_future_plans_are_not_anachronisms(analyze, text):
    doc, found = flags(analyze, text, "2026-01-26")
    assert doc.times, "the test sentence should contain a date"
    assert found == []


@pytest.mark.parametrize(
    "text,published",
    [
        ("Forces captured the commander on January 3, 2026, officials said.", "2026-01-26"),
        ("Rebels shelled the port last week and again on Monday.", "2026-01-26"),
        ("The ministry said on Friday that exports fell in 2025.", "2026-01-26"),
        ("Forces captured the commander on January 3, 2026, officials said.", None),
    ],
)
def test_consistent_articles_carry_no_flag(analyze, text, published):
    doc, found = flags(analyze, text, published)
    assert found == []


def test_checks_are_a_list_of_functions():
    assert checks.anachronism in checks.CHECKS
    assert all(callable(c) for c in checks.CHECKS)


@pytest.mark.parametrize(
    "value,mod,start",
    [
        ("2026-01-03", None, "2026-01-03"),
        ("2026-01", "START", "2026-01-01"),
        ("2025", "END", "2025-09-01"),
        ("2026-W03", None, "2026-01-12"),
        ("2025-Q4", None, "2025-10-01"),
        ("2025-SU", None, "2025-06-01"),
        ("2026-01-03TNI", None, "2026-01-03"),
    ],
)
def test_earliest_start(value, mod, start):
    assert earliest_start(value, mod).isoformat() == start


@pytest.mark.parametrize("value", ["PRESENT_REF", "P3D", "XXXX-01", "XXXX-WXX-1", "2026-13", "21"])
def test_earliest_start_of_non_dates(value):
    assert earliest_start(value) is None


@pytest.mark.parametrize(
    "text",
    [
        "Los Angeles prepared for the 2028 Olympics with new stadiums.",
        "The government set a target of 2030 for carbon neutrality.",
        "The government pledged to cut emissions in half by 2030.",
        "The vote was postponed to February 2027.",
        "The vote was delayed until 2027.",
        "The trial, which begins on March 3, 2026, will be televised.",
        "The agreement, signed in 2024, runs until December 2027.",
        "Rebels vowed to take the capital before 2027.",
    ],
)
def test_named_events_deadlines_and_postponements_are_not_flagged(analyze, text):
    doc, found = flags(analyze, text, "2026-01-26")
    assert doc.times and found == []


@pytest.mark.parametrize(
    "text,flagged",
    [
        ("Officials warned of shortages in 2027.", False),
        ("The bank forecast growth of 3 percent in 2027.", False),
        ("If elected in 2027, she would raise taxes.", False),
        ("The bonds mature in 2030.", False),
        ("Officials warned on March 3, 2027 that stocks were low.", True),
        ("Troops entered the city in March 2027, residents said.", True),
        ("The ministry said the strike ended on February 2, 2027.", True),
    ],
)
def test_anticipations_and_conditions_versus_reports(analyze, text, flagged):
    doc, found = flags(analyze, text, "2026-01-26")
    assert bool(found) is flagged
