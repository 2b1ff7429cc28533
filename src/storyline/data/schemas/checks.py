"""The schema of the figure and contradiction tables of ``checks.toml``: what a count of
people in the news looks like, and the cues that keep two counts from being compared."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from storyline.data.schemas.base import Strict

Word = Annotated[str, StringConstraints(min_length=1)]
Words = list[Word]


class Quantity(Strict):
    after: Words
    before: Words
    tolls: Words


class Qualifiers(Strict):
    at_least: Words
    more_than: Words
    nearly: Words
    approx: Words
    at_most: Words
    fewer_than: Words


class Numbers(Strict):
    words: dict[str, Annotated[int, Field(ge=0)]]
    multipliers: dict[str, Annotated[int, Field(ge=1)]]
    range_words: Words
    range_openers: Words


class Scope(Strict):
    generic: Words
    stop: Words
    units: Words
    increments: Words


class Cues(Strict):
    subset: Words
    update: Words
    distinct: Words
    comparison: Words


class Figures(Strict):
    quantities: Annotated[dict[str, Quantity], Field(min_length=1)]
    abbreviations: Words
    carry_over: Words
    auxiliaries: Words
    toll_links: Words
    qualifiers: Qualifiers
    numbers: Numbers
    scope: Scope
    cues: Cues


class Contradiction(Strict):
    recurrence: Words
    one_off_roots: Words
    date_gap_days: Annotated[int, Field(ge=0)]
