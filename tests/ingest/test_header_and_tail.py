"""The pieces of the plain-text layout: bylines, headlines, sources entries, trailing junk."""

from __future__ import annotations

import pytest

from storyline.ingest.header import byline, looks_like_headline
from storyline.ingest.lines import split_lines, strip_markup
from storyline.ingest.tail import is_junk, parse_entry, trim_end


@pytest.mark.parametrize(
    "line, expected",
    [
        ("By Jane Doe", ("Jane Doe", None)),
        ("Written by Jane Doe and Ali Khan,", ("Jane Doe and Ali Khan", None)),
        ("Reporting: Ali Khan", ("Ali Khan", None)),
        ("By Jane Doe | March 4, 2026", ("Jane Doe", "2026-03-04")),
        # a label before the date goes with the separator (layout.toml, byline_date_labels)
        ("By Jane Doe | Updated: March 4, 2026", ("Jane Doe", "2026-03-04")),
        ("By Jane Doe, published 4 March 2026", ("Jane Doe", "2026-03-04")),
    ],
)
def test_byline_names_and_the_date_on_the_same_line(line, expected):
    assert byline(line) == expected


def test_a_byline_date_needs_a_separator_and_a_name_before_it():
    assert byline("By March 4, 2026") == ("March 4, 2026", None)
    assert byline("Bylines are rare") is None


@pytest.mark.parametrize(
    "line, ok",
    [
        ("Port Workers End Strike", True),
        ("Talks Resume in the U.S.", True),
        ("Wait for it...", True),
        ("The port workers ended their strike on Monday.", False),
        ("word " * 41, False),
        ("", False),
    ],
)
def test_looks_like_headline(line, ok):
    assert looks_like_headline(line.strip()) is ok


def test_strip_markup_and_split_lines():
    assert strip_markup("## Farmers Block Highway") == "Farmers Block Highway"
    assert strip_markup("**By Jane Doe**") == "By Jane Doe"
    text = "one\r\ntwo\u2028three"
    assert [ln.text(text) for ln in split_lines(text)] == ["one", "two", "three"]


@pytest.mark.parametrize(
    "line, outlet, title",
    [
        ("REUTERS – Ceasefire talks resume in Cairo", "REUTERS", "Ceasefire talks resume in Cairo"),
        ("2. Al Jazeera: Talks resume", "Al Jazeera", "Talks resume"),
        ("[3] https://www.example.org/news/1", "example.org", "https://www.example.org/news/1"),
        ("• The Guardian", "The Guardian", None),
    ],
)
def test_parse_entry_splits_outlet_and_title(line, outlet, title):
    entry = parse_entry(line)
    assert (entry.outlet, entry.title) == (outlet, title)


def test_an_entry_that_reads_as_prose_is_no_source():
    assert parse_entry("The ministers met again on Friday.") is None
    # nine words without a title: more than outlet_max_words (layout.toml)
    assert parse_entry("one two three four five six seven eight nine") is None
    assert parse_entry("one two three four five six seven eight").outlet.startswith("one")


def test_trailing_junk_is_trimmed_from_the_end_only():
    text = "Be the first to comment\nThe body line.\nShare this article:\n\nLeave a Reply\n"
    lines = split_lines(text)
    assert is_junk("**Advertisement**") and not is_junk("The body line.")
    assert trim_end(text, lines, 0, len(lines) - 1) == 1
