"""The pieces of the times stage: every named rule of the rule table with an example of
ours, the context conditions, the calendar arithmetic, and the grammar against its schema.

Anchor 2026-01-21 is a Wednesday in ISO week 2026-W04.
"""

from __future__ import annotations

import typing
from datetime import date

import pytest

from storyline.data import load
from storyline.data.schemas.times import KINDS, PLACEHOLDERS
from storyline.extract.times import NORMALIZERS, grammar, normalize
from storyline.extract.times.calendar import current_season, resolve_month, shift_month, weekday_date

WED = "2026-01-21"

# rule name -> (sentence, the text the rule matches, its value)
RULE_EXAMPLES = {
    "iso date": ("The filing (2026-01-03) lists four defendants.", "2026-01-03", "2026-01-03"),
    "numeric month/day/year": ("The memo is dated 1/3/2026 and marked secret.", "1/3/2026", "2026-01-03"),
    "weekday, month day, year": ("Monday, January 5, 2026 was declared a holiday.", "Monday, January 5, 2026", "2026-01-05"),
    "weekday, day month year": ("The decree, dated 3 January 2026, was read aloud.", "3 January 2026", "2026-01-03"),
    "month day": ("The accord was signed on Jan. 3 in Doha.", "Jan. 3", "2026-01-03"),
    "day month": ("The talks opened on 12 March in Geneva.", "12 March", "2025-03-12"),
    "month range": ("Exports fell in January-February.", "January-February", "2026-01"),
    "month year": ("The mine closed in May 2010 after the flood.", "May 2010", "2010-05"),
    "month alone": ("The envoy will return in November.", "November", "2026-11"),
    "year": ("Output has fallen every month since 2022.", "2022", "2022"),
    "fiscal year": ("Revenue rose in fiscal 2025 despite the strike.", "fiscal 2025", "2025"),
    "second year of a range": ("The 2015-16 season ended early.", "16", "2016"),
    "two-digit year": ("She graduated with the class of '58.", "'58", "1958"),
    "decade": ("Mills closed in the 1990s.", "the 1990s", "199"),
    "decade word": ("The song was a hit in the nineties.", "the nineties", "199"),
    "century": ("Wars defined the 20th century.", "20th century", "19"),
    "season": ("The offensive began in the spring of 2024.", "the spring of 2024", "2024-SP"),
    "quarter": ("Profits rose in the fourth quarter of 2025.", "the fourth quarter of 2025", "2025-Q4"),
    "relative quarter": ("Sales fell sharply last quarter.", "last quarter", "2025-Q4"),
    "half year": ("The first half of 2026 was calm.", "The first half of 2026", "2026-H1"),
    "deictic day": ("Officials met yesterday.", "yesterday", "2026-01-20"),
    "this/last part of day": ("Sirens sounded this morning.", "this morning", "2026-01-21TMO"),
    "weekday": ("Police arrested three men on Saturday.", "Saturday", "2026-01-17"),
    "relative unit": ("Prices rose sharply last week.", "last week", "2026-W03"),
    "the past day": ("Nine drones were downed over the past day.", "the past day", "P1D"),
    "the part of day": ("The polls closed in the afternoon.", "the afternoon", "2026-01-21TAF"),
    "the weekend": ("Police clashed with fans over the weekend.", "the weekend", "2026-W03-WE"),
    "end of the period": ("The law takes effect at the end of the year.", "the end of the year", "2026"),
    "ago": ("The strike began three days ago.", "three days ago", "2026-01-18"),
    "counted duration": ("Talks went on for two hours.", "two hours", "PT2H"),
    "counted duration, digits with half": ("The flight took 1.5 hours.", "1.5 hours", "PT1H30M"),
    "first number of a range": ("The repairs will take between 12 and 18 months.", "12", "P12M"),
    "elapsed time h:mm:ss": ("She won the marathon in 2:05:30 on a cold day.", "2:05:30", "PT2H5M30S"),
    "vague duration": ("The rebels could reach the capital within several weeks.", "several weeks", "PXW"),
    "bare plural unit": ("The region has seen decades of conflict.", "decades", "PXDE"),
    "a whole unit": ("The port stayed closed for the entire week.", "the entire week", "P1W"),
    "every unit": ("Fees are reviewed each year.", "each year", "P1Y"),
    "every weekday": ("The market opens every Monday.", "every Monday", "XXXX-WXX-1"),
    "every part of day": ("Patrols leave every morning.", "every morning", "XXXX-XX-XXTMO"),
    "every season": ("The river floods every spring.", "every spring", "XXXX-SP"),
    "frequency adverb": ("The paper is printed daily.", "daily", "P1D"),
    "clock time": ("Polls close at 8 PM.", "8 PM", "2026-01-21T20:00"),
    "24-hour clock time": ("The match was moved to 15:00 GMT Saturday.", "15:00 GMT Saturday", "2026-01-17T15:00"),
    "noon and midnight": ("The ceasefire took effect at midnight on Saturday.", "midnight on Saturday", "2026-01-17T24:00"),
    "reference": ("The port is currently closed.", "currently", "PRESENT_REF"),
}


def test_every_rule_has_an_example():
    names = [r.name for r in grammar().rules]
    assert sorted(names) == sorted(RULE_EXAMPLES)


@pytest.mark.parametrize("name", sorted(RULE_EXAMPLES))
def test_each_rule_matches_its_example_and_the_tagger_gives_its_value(name):
    sentence, expr, value = RULE_EXAMPLES[name]
    rule = next(r for r in grammar().rules if r.name == name)
    assert expr in [m.group(0) for m in rule.regex.finditer(sentence)]
    if rule.needs is not None:
        assert rule.needs.search(sentence)
    tagged = [t for t in normalize(sentence, WED) if t.text.endswith(expr)]
    assert tagged and tagged[0].value == value, normalize(sentence, WED)


# ------------------------------------------------------------------ context conditions
@pytest.mark.parametrize(
    "sentence,expr,is_time",
    [
        ("Officials may meet again.", "may", False),
        ("The vote was delayed until May.", "May", True),
        ("Protesters march to the square.", "march", False),
        ("June Carter sang.", "June", False),  # a first name
        ("Rain fell in June Parliament said.", "June", True),  # after a preposition
        ("Storms hit hard that June Officials said.", "June", False),
        ("Storms hit hard that January Officials said.", "January", True),  # never a first name
        ("Prices could fall further.", "fall", False),  # a verb
        ("The harvest starts in fall.", "fall", True),
        ("He recalled the fall of Kabul.", "the fall", False),  # an event
        ("Prices rose in the fall of 2024.", "the fall of 2024", True),
        ("A 22-year-old student was detained.", "22-year", False),  # an age
        ("He is now 71 years old.", "71 years", False),
        ("Riots broke out in 1848.", "1848", True),  # an old year after a cue
        ("Troops numbered 1848 in all.", "1848", False),
        ("There were 1990 votes cast.", "1990", False),  # a count
        ("The 2024 elections were close.", "2024", True),
        ("A second attack followed.", "A second", False),  # an ordinal
        ("The lights flickered for two seconds.", "two seconds", True),
        ("The now-defunct agency closed.", "now", False),
        ("The ceasefire is now holding.", "now", True),
        ("Shots rang out last night.", "last night", True),
        ("Shots rang out last morning.", "last morning", False),
    ],
)
def test_context_conditions(sentence, expr, is_time):
    tagged = [t.text for t in normalize(sentence, WED)]
    assert (expr in tagged) is is_time, tagged


# ----------------------------------------------------------------------- calendar
def test_calendar_arithmetic():
    assert shift_month(2026, 1, -1) == (2025, 12)
    assert shift_month(2025, 11, 3) == (2026, 2)
    ref = date(2026, 1, 21)
    assert resolve_month(12, None, ref, "past") == 2025
    assert resolve_month(12, None, ref, "future") == 2026
    assert resolve_month(12, None, ref, None) == 2025  # the nearest December
    assert resolve_month(2, 29, ref, None) == 2026  # no 29 February near: the reference year
    assert weekday_date(ref, 5, None, "past") == date(2026, 1, 16)
    assert weekday_date(ref, 5, None, "future") == date(2026, 1, 23)
    assert weekday_date(ref, 3, None, "future") == date(2026, 1, 21)  # today counts forward
    assert weekday_date(ref, 3, -1, None) == date(2026, 1, 14)  # "last Wednesday"
    assert weekday_date(ref, 1, 0, None) == date(2026, 1, 19)  # "this Monday"
    assert current_season(ref) == (2025, 3)  # winter began in December
    assert current_season(date(2026, 7, 1)) == (2026, 1)


# --------------------------------------------------------------- grammar and schema
def test_placeholders_are_the_ones_the_schema_allows():
    assert set(grammar().placeholders) == PLACEHOLDERS
    for rule in grammar().rules:
        for name in PLACEHOLDERS:
            assert "{" + name + "}" not in rule.regex.pattern


def test_every_kind_has_a_normalizer():
    assert set(typing.get_args(KINDS)) == set(NORMALIZERS)
    assert {r["kind"] for r in load("time_rules.toml")["rule"]} <= set(NORMALIZERS)
