"""Schemas of the time data files: ``time_rules.toml`` (the rule table of the times stage),
``tense.toml`` (tense cues, shared by the stages) and ``checks.toml`` (the checks stage)."""

from __future__ import annotations

import re
from typing import Annotated, Literal, Optional

from pydantic import AfterValidator, Field, StringConstraints

from storyline.data.schemas import checks
from storyline.data.schemas.base import Strict

Word = Annotated[str, StringConstraints(min_length=1)]
Words = list[Word]

PLACEHOLDERS = frozenset({
    "MONTHX", "MONTH", "MONTHNAME", "WEEKDAY", "DAYNUM", "YEAR", "NUM", "ORD", "UNIT", "REL", "POD", "SEASON",
    "DECADEWORD", "VAGUE", "ZONE", "FREQ", "REF", "DEICTIC", "PERIODPOS", "AGO", "NAMEDTIME",
})
"""The ``{PLACEHOLDERS}`` a rule pattern may use (expanded by ``times.grammar``)."""

KINDS = Literal[
    "date", "decade", "century", "season", "quarter", "half", "deictic", "weekday", "relative",
    "ago", "duration", "vague_duration", "set", "time", "ref", "elapsed", "bare_pod",
]
"""The normalizers a rule may name (``times.NORMALIZERS``)."""


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"not a regular expression: {exc}") from None
    return pattern


def _known_placeholders(pattern: str) -> str:
    unknown = sorted(set(re.findall(r"\{([A-Z]+)\}", pattern)) - PLACEHOLDERS)
    if unknown:
        raise ValueError(f"unknown placeholder {{{unknown[0]}}}")
    return _compiles(pattern)


Regex = Annotated[str, AfterValidator(_compiles)]
RulePattern = Annotated[str, AfterValidator(_known_placeholders)]

MonthNumber = Annotated[str, StringConstraints(pattern=r"^(?:[1-9]|1[0-2])$")]
WeekdayNumber = Annotated[str, StringConstraints(pattern=r"^[1-7]$")]
SeasonCode = Literal["SP", "SU", "FA", "WI"]
PartOfDayCode = Literal["MO", "AF", "EV", "NI", "DT"]
UnitLetter = Literal["S", "M", "H", "D", "W", "Y"]
Mod = Literal["START", "MID", "END"]
PositionMod = Literal["START", "MID", "END", ""]
DurationMod = Literal["LESS_THAN", "APPROX", "MORE_THAN", "EQUAL_OR_MORE", "EQUAL_OR_LESS", ""]
SetValue = Annotated[str, StringConstraints(pattern=r"^PT?\d+[SMHDWY]$")]
RefValue = Literal["PRESENT_REF", "PAST_REF", "FUTURE_REF"]
Decade = Annotated[str, StringConstraints(pattern=r"^\d{3}$")]
ClockTime = Annotated[str, StringConstraints(pattern=r"^(?:[01]\d|2[0-4]):[0-5]\d$")]


class WordList(Strict):
    words: Words


class NumberCompounds(Strict):
    tens: Words
    ones: Words
    and_a_half: Regex


class Lexicon(Strict):
    months: dict[MonthNumber, Annotated[Words, Field(min_length=1)]]
    weekdays: dict[WeekdayNumber, Annotated[Words, Field(min_length=1)]]
    seasons: dict[Word, SeasonCode]
    parts_of_day: dict[Word, PartOfDayCode]
    units: dict[Word, tuple[UnitLetter, bool, Annotated[int, Field(ge=1)]]]
    vague_units: dict[Word, Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]]
    numbers: dict[Word, float]
    ordinals: dict[Word, int]
    number_compounds: NumberCompounds
    vague_quantities: WordList
    relative: dict[Word, int]
    decade_words: dict[Word, Decade]
    deictic: dict[Word, int]
    deictic_parts_of_day: dict[Word, PartOfDayCode]
    stretch_words: WordList
    period_positions: dict[Word, Mod]
    ago: dict[Word, Literal[-1, 1]]
    named_times: dict[Word, ClockTime]
    trigger_words: WordList
    position: dict[Word, PositionMod]
    position_articles: WordList
    duration_modifiers: dict[Word, tuple[DurationMod, bool]]
    frequency: dict[Word, SetValue]
    references: dict[Word, RefValue]
    zones: WordList


class Rule(Strict):
    name: Word
    kind: KINDS
    needs: Optional[RulePattern] = None
    pattern: RulePattern


class Context(Strict):
    ambiguous_months: Words
    month_cue_before: list[Regex]
    season_cue_before: Regex
    name_after: Regex
    name_cue_before: Regex
    month_names_not_names: Words
    count_noun_after: Regex
    year_cue_before: Regex
    article: Regex
    season_event_after: Regex
    age_after: Regex
    article_before_compound: Regex
    ordinal_units: dict[Word, Words]
    not_before_dash: Words
    parts_of_day_after_last: list[PartOfDayCode]


class NotTime(Strict):
    name: Word
    pattern: Regex
    unless_before: Optional[Regex] = None


class TimeRulesFile(Strict):
    lexicon: Lexicon
    rule: list[Rule]
    context: Context
    not_time: list[NotTime]


class TextCues(Strict):
    future: Words
    past: Words
    reporting: Words
    reporting_reach: Annotated[int, Field(ge=0)]
    not_past: Words
    passive_auxiliaries: Words


class ParseCues(Strict):
    plan_verbs: Words
    plan_participles: Words
    plan_nouns: Words
    anticipation_verbs: Words
    anticipation_dating_prepositions: Words
    conditional_marks: Words
    reschedule_verbs: Words
    move_prepositions: Words
    until_prepositions: Words
    perfect_auxiliaries: Words
    future_aux: Words
    modals: Words
    going_to: Words
    infinitive_marks: Words
    perfect_lemmas: Words


class TenseFile(Strict):
    text: TextCues
    parse: ParseCues


class Anachronism(Strict):
    published_cues: Annotated[Words, Field(min_length=1)]
    cue_reach: Annotated[int, Field(ge=0)]


class ChecksFile(Strict):
    anachronism: Anachronism
    figures: checks.Figures
    contradiction: checks.Contradiction


FILES = {"tense.toml": TenseFile, "checks.toml": ChecksFile}
"""The data files this module adds (for the registry in ``storyline.data.schemas``)."""
