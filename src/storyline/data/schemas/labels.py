"""Schema of ``labels.toml``: the words the readable outputs use for codes (TIMEX3 units,
parts of day, statuses, date sources). Nothing in it changes what is extracted."""

from __future__ import annotations

from storyline.data.schemas.base import Strict

Words = tuple[str, str]  # singular, plural


class TimexLabels(Strict):
    duration: dict[str, Words]
    time_duration: dict[str, Words]
    some: str
    parts_of_day: dict[str, str]
    seasons: dict[str, str]
    refs: dict[str, str]
    mods: dict[str, str]
    week: str
    weekend: str
    quarter: str
    half: str
    decade: str
    century: str
    unknown_year: str
    unknown_week: str
    weekday: str


class SectionLabels(Strict):
    analysis: str
    reporting_note: str


class MediaLabels(Strict):
    on: list[str]


class LabelsFile(Strict):
    timex: TimexLabels
    dates: dict[str, str]
    status: dict[str, str]
    media: MediaLabels
    sections: SectionLabels
