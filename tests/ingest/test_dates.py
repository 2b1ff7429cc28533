"""The one date reader: printed dates, date lines, metadata dates, instants with an offset."""

from __future__ import annotations

import datetime as dt

import pytest

from storyline.ingest.dates import (
    check_published,
    date_line,
    iso_day,
    normalize_published,
    parse_date,
    parse_instant,
)


@pytest.mark.parametrize(
    "text, day",
    [
        ("The talks began on January 26, 2025 in Doha.", "2025-01-26"),
        ("Jan. 26 2025", "2025-01-26"),
        ("signed on 17th of June, 2025", "2025-06-17"),
        ("17 June 2025", "2025-06-17"),
        ("filed 2025-06-17", "2025-06-17"),
        ("filed 2025/6/7", "2025-06-07"),
        ("Sept 3, 2024", "2024-09-03"),
    ],
)
def test_parse_date_reads_each_printed_format(text, day):
    assert parse_date(text) == day


def test_parse_date_takes_the_first_date_printed():
    # the ISO date comes first in the text although its format is listed after the month names
    assert parse_date("2024-05-01, revised March 3, 2025") == "2024-05-01"


@pytest.mark.parametrize("text", ["February 30, 2025", "2025-13-01", "March 2025", "no date here", "June 17"])
def test_parse_date_needs_a_real_full_date(text):
    assert parse_date(text) is None


def test_iso_day_refuses_days_that_do_not_exist():
    assert iso_day("2024", "2", "29") == "2024-02-29"
    assert iso_day(2025, 2, 29) is None
    assert iso_day("2025", None, "1") is None  # an unknown month name


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Published: Monday, March 2, 2026", ("published", "2026-03-02")),
        ("Updated 17 June 2025 at 10:42 a.m. GMT", ("updated", "2025-06-17")),
        ("March 2, 2026 | Updated 10:42", ("", "2026-03-02")),
        ("Posted on Tue. Jan 6, 2026", ("posted on", "2026-01-06")),
    ],
)
def test_date_line_gives_its_label_and_day(line, expected):
    assert date_line(line) == expected


@pytest.mark.parametrize("line", ["March 2, 2026 was the day the strike ended.", "Published by the ministry", ""])
def test_a_sentence_with_a_date_is_no_date_line(line):
    assert date_line(line) is None


@pytest.mark.parametrize(
    "value, day",
    [
        ("2026-01-28T09:00:00Z", "2026-01-28"),
        ("  2026-01-28 ", "2026-01-28"),
        ("2026-02-30T09:00:00Z", None),
        ("Wed, 28 January 2026 09:00", "2026-01-28"),
        (None, None),
    ],
)
def test_normalize_published_reads_metadata_dates(value, day):
    assert normalize_published(value) == day


def test_check_published_accepts_only_yyyy_mm_dd():
    assert check_published("2026-03-05") == "2026-03-05"
    assert check_published(None) is None
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        check_published("5 March 2026")


def test_parse_instant_needs_an_explicit_offset():
    local = parse_instant("2022-05-03T23:37:37-04:00")
    assert local == dt.datetime(2022, 5, 4, 3, 37, 37, tzinfo=dt.timezone.utc)
    assert local.utcoffset() == dt.timedelta(hours=-4)
    assert parse_instant("2022-05-04T03:37Z").utcoffset() == dt.timedelta(0)
    assert parse_instant("2022-05-03T23:37:37") is None  # a local time: which zone is unknown
    assert parse_instant("2022-05-03") is None
    assert parse_instant("2022-02-30T10:00:00Z") is None
    assert parse_instant(20220503) is None
