"""The one dateline reader, on a body's opening words."""

from __future__ import annotations

import pytest

from storyline.ingest.dateline import dateline


def test_dateline_gives_the_dateline_its_date_and_its_end():
    body = "GENEVA, 5 March 2026 — Negotiators met again on Thursday."
    core, day, end = dateline(body)
    assert core == "GENEVA, 5 March 2026" and day == "2026-03-05"
    assert body[end:].startswith("Negotiators")


def test_a_yearless_date_is_kept_in_the_dateline_but_gives_no_day():
    assert dateline("LONDON, Jan 5 (Reuters) - Britain said on Monday.")[:2] == ("LONDON, Jan 5 (Reuters)", None)


@pytest.mark.parametrize(
    "body, why",
    [
        ("Officials — including the mayor — said it would reopen.", "no mark: not capitals, no known place"),
        ("Police — who arrived late — said nothing.", "a sentence opener, not a place"),
        ("Moscow: a city of contrasts.", "a colon only after a place in capitals"),
        ("Port workers of the city — all of them — struck.", "a lower-case word that is no connector"),
    ],
)
def test_openings_that_are_no_dateline(body, why):
    assert dateline(body) is None, why


def test_a_known_place_needs_no_capitals_and_places_may_be_joined():
    assert dateline("Caracas / Moscow — Officials traded accusations.")[0] == "Caracas / Moscow"
    assert dateline("Rio de Janeiro — Thousands marched.")[0] == "Rio de Janeiro"


def test_a_dateline_is_short_and_on_one_line():
    assert dateline("NAIROBI\nKENYA — Police said.") is None
    assert dateline("A" * 95 + " — text") is None
