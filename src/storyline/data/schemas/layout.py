"""Schemas of the ingest data files: ``layout.toml`` (the layout of a pasted article, dates as
printed, datelines, sources blocks, trailing junk, HTML titles) and ``dates.toml`` (the
evidence for an HTML page's publication day).

Every pattern must compile (Python ``re``); the patterns whose named groups the code reads
must name them.
"""

from __future__ import annotations

import codecs
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, NonNegativeFloat, NonNegativeInt, PositiveInt, StringConstraints

from storyline.data.schemas.base import Strict

Word = Annotated[str, StringConstraints(min_length=1)]
Words = list[Word]
LowerWords = list[Annotated[str, StringConstraints(min_length=1, pattern=r"^[^A-Z]*$")]]


def _compiled(pattern: str) -> re.Pattern:
    try:
        return re.compile(pattern.replace("{month}", "(?:month)"))
    except re.error as exc:
        raise ValueError(f"not a valid regular expression ({exc})") from None


def _compiles(pattern: str) -> str:
    _compiled(pattern)
    return pattern


def _naming(*groups: str):
    """A pattern that must compile and name ``groups``."""

    def check(pattern: str) -> str:
        missing = [g for g in groups if g not in _compiled(pattern).groupindex]
        if missing:
            raise ValueError(f"the pattern must name the group(s) {', '.join(missing)}")
        return pattern

    return AfterValidator(check)


def _counting(n: int):
    """A pattern that must compile and have at least ``n`` groups."""

    def check(pattern: str) -> str:
        if _compiled(pattern).groups < n:
            raise ValueError(f"the pattern must have {n} groups")
        return pattern

    return AfterValidator(check)


def _codec(name: str) -> str:
    try:
        codecs.lookup(name)
    except LookupError:
        raise ValueError(f"{name!r} is not a Python codec name") from None
    return name


Regex = Annotated[str, AfterValidator(_compiles)]
Codec = Annotated[str, AfterValidator(_codec)]

# ----------------------------------------------------------------------------------------
# layout.toml


class Limits(Strict):
    max_file_bytes: PositiveInt
    max_warc_bytes: PositiveInt
    html_seconds: NonNegativeFloat  # 0: no time limit
    max_header_lines: NonNegativeInt
    max_deck_lines: NonNegativeInt
    deck_max_chars: NonNegativeInt
    headline_max_chars: PositiveInt
    headline_max_words: PositiveInt
    dateline_max_chars: PositiveInt
    sources_block_max_lines: NonNegativeInt
    binary_sniff_bytes: PositiveInt
    binary_control_ratio: Annotated[float, Field(ge=0, le=1)]


class Encoding(Strict):
    prefer_on_tie: list[Codec]


class Weekdays(Strict):
    names: Words


class DateFormats(Strict):
    formats: list[Annotated[str, _naming("year", "month", "day")]]
    yearless: list[Annotated[str, _naming("month", "day")]]
    months: dict[str, Annotated[int, Field(ge=1, le=12)]]
    weekdays: Weekdays


class DateLabels(Strict):
    published: Words
    updated: Words


class Header(Strict):
    strip_markup: Regex
    date_labels: DateLabels
    date_line_tail: Regex
    bylines: list[Annotated[str, _naming("byline")]]
    byline_date_separators: Regex
    byline_date_labels: Words


class Dateline(Strict):
    place_word: Regex
    place_connectors: Words
    place_max_words: PositiveInt
    joiner: Regex
    dashes: Regex
    colon: Regex
    require_any: list[Literal["all_caps", "known_place", "date", "agency"]] = Field(min_length=1)
    not_places: Words


class Sources(Strict):
    headers: list[Regex]
    entry_separator: Regex
    outlet_max_chars: PositiveInt
    outlet_max_words: PositiveInt
    list_separator: Regex


class Junk(Strict):
    trailing: list[Regex]


class Html(Strict):
    title_separators: Regex
    title_separator_chars: str
    min_heading_chars: NonNegativeInt


class LayoutFile(Strict):
    limits: Limits
    encoding: Encoding
    dates: DateFormats
    header: Header
    dateline: Dateline
    sources: Sources
    junk: Junk
    html: Html


# ----------------------------------------------------------------------------------------
# dates.toml


class Microdata(Strict):
    itemprops: Words
    max_elements: PositiveInt
    max_text_chars: PositiveInt
    url_date: Annotated[str, _counting(3)]  # groups: year, month, day


class PublishedKeys(Strict):
    jsonld_keys: Words  # compared as written
    meta_keys: LowerWords  # compared with the lower-cased key
    time_itemprops: LowerWords
    time_class_words: LowerWords


class Timestamps(Strict):
    jsonld_key_prefixes: Words
    meta_key_words: LowerWords
    instant: Annotated[str, _counting(7)]  # groups: year, month, day, hour, minute, second, offset


class EvidenceLimits(Strict):
    max_elements: NonNegativeInt
    max_jsonld_chars: NonNegativeInt


class DatesFile(Strict):
    microdata: Microdata
    published: PublishedKeys
    timestamps: Timestamps
    limits: EvidenceLimits


FILES: dict = {}  # no new data files: ingest's word lists are all in layout.toml and dates.toml
