"""The rule table of the times stage: ``data/time_rules.toml`` compiled into a :class:`Grammar`.

The file's ``[lexicon]`` word lists become lookup tables (word -> month number, unit
letter, day offset, ...) and the ``{PLACEHOLDERS}`` of its ``[[rule]]`` patterns; each rule
is compiled with its placeholders expanded. Loaded once per process (:func:`grammar`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Optional

from storyline import textutil
from storyline.data import load


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str  # the normalizer that turns a match into a value
    regex: re.Pattern
    needs: Optional[re.Pattern] = None  # a cheap test: the rule only runs where it is found


@dataclass
class Grammar:
    rules: list[Rule]
    trigger: re.Pattern
    not_time: list[tuple[re.Pattern, Optional[re.Pattern]]]
    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    pods: dict[str, str]
    units: dict[str, tuple[str, bool, int]]
    vague_units: dict[str, str]
    numbers: dict[str, float]
    ordinals: dict[str, int]
    relative: dict[str, int]
    deictic: dict[str, int]
    deictic_pods: dict[str, str]
    stretch_words: frozenset[str]
    period_positions: dict[str, str]
    ago: dict[str, int]
    named_times: dict[str, tuple[int, int]]
    decade_words: dict[str, str]
    frequency: dict[str, str]
    references: dict[str, str]
    position: re.Pattern
    position_mods: dict[str, str]
    duration_mod: re.Pattern
    duration_mods: dict[str, tuple[str, bool]]
    and_a_half: re.Pattern
    context: "Context"
    placeholders: dict[str, str]  # what each {PLACEHOLDER} of the rules expanded to


@dataclass(frozen=True)
class Context:
    """The ``[context]`` conditions on ambiguous words (see ``times.context``)."""

    ambiguous_months: frozenset[str]
    month_cue: re.Pattern
    name_after: re.Pattern
    name_cue: re.Pattern
    season_cue: re.Pattern
    months_not_names: frozenset[str]
    count_noun_after: re.Pattern
    year_cue_before: re.Pattern
    article: re.Pattern
    season_event_after: re.Pattern
    age_after: re.Pattern
    article_before_compound: re.Pattern
    ordinal_units: dict[str, frozenset[str]]
    not_before_dash: frozenset[str]
    parts_of_day_after_last: frozenset[str]


def alternation(words, flexible_space: bool = True) -> str:
    """A regex alternation of ``words``, longest first, spaces matching any whitespace."""
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        p = re.escape(w)
        if flexible_space:
            p = p.replace(r"\ ", r"\s+")
        parts.append(p)
    return "(?:" + "|".join(parts) + ")"


def norm_key(s: str) -> str:
    """A table key for matched words: trimmed, lower case, single spaces."""
    return re.sub(r"\s+", " ", s.strip().lower())


# --------------------------------------------------------------------- word patterns
def _months(lex: dict) -> tuple[dict[str, int], list[str], list[str]]:
    """(month word -> number, full names, abbreviations), each also in UPPER CASE."""
    months: dict[str, int] = {}
    full, abbr = [], []
    for num, names in lex["months"].items():
        for i, name in enumerate(names):
            for form in (name, name.upper()):
                months[form.lower()] = int(num)
                (full if i == 0 else abbr).append(form)
    return months, full, abbr


def _month_pattern(full: list[str], abbr: list[str], period: str) -> str:
    """Full month names, or abbreviations followed by ``period`` (``\\.`` or ``\\.?``)."""
    return "(?:" + "|".join(
        [re.escape(m) for m in sorted(full, key=len, reverse=True)]
        + [re.escape(a) + period for a in sorted(abbr, key=len, reverse=True)]
    ) + r")(?![\w‑-])"


def _weekdays(lex: dict) -> tuple[dict[str, int], list[str]]:
    """(weekday word -> ISO number, full names in Capitalized and UPPER CASE)."""
    weekdays: dict[str, int] = {}
    full = []
    for num, names in lex["weekdays"].items():
        for name in names:
            weekdays[name.lower()] = int(num)
        full += [names[0], names[0].upper()]
    return weekdays, full


def _number_pattern(lex: dict, numbers: dict[str, float]) -> str:
    """Digits, tens-ones compounds ("twenty-one") or number words."""
    compounds = lex["number_compounds"]
    small = [w for w in numbers if " " not in w]
    return (
        r"(?:\d+(?:,\d{3})*(?:\.\d+)?|"
        + alternation(compounds["tens"]) + r"[\s-]" + alternation(compounds["ones"]) + r"|"
        + alternation([w for w in numbers if " " in w] + small)
        + r")"
    )


def _placeholders(lex: dict, month_full, month_abbr, weekday_full, numbers, ordinals, refs) -> dict[str, str]:
    """What each ``{PLACEHOLDER}`` of the rule patterns expands to."""
    # ordinals counted from the start ("first quarter"; not "last", which is relative)
    ord_words = [w for w, n in ordinals.items() if n > 0]
    return {
        "MONTHX": _month_pattern(month_full, month_abbr, r"\.?"),
        "MONTH": _month_pattern(month_full, month_abbr, r"\."),
        "MONTHNAME": "(?:" + "|".join(re.escape(m) for m in sorted(month_full, key=len, reverse=True)) + ")",
        "WEEKDAY": alternation(weekday_full),
        "DAYNUM": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)",
        "YEAR": r"(?:1[89]\d\d|20\d\d)",
        "NUM": _number_pattern(lex, numbers),
        "ORD": r"(?:" + alternation(ord_words) + r"|[1-4](?:st|nd|rd|th))",
        "UNIT": alternation(lex["units"]),
        "REL": alternation(lex["relative"]),
        "POD": alternation(lex["parts_of_day"]),
        "SEASON": alternation(lex["seasons"]),
        "DECADEWORD": alternation(lex["decade_words"]),
        "VAGUE": alternation(lex["vague_quantities"]["words"]),
        "ZONE": alternation(lex["zones"]["words"]),
        "FREQ": alternation(list(lex["frequency"]) + [w.capitalize() for w in lex["frequency"]]),
        "REF": alternation(refs),
        "DEICTIC": alternation(lex["deictic"]),
        "PERIODPOS": alternation(lex["period_positions"]),
        "AGO": alternation(lex["ago"]),
        "NAMEDTIME": alternation(lex["named_times"]),
    }


def _rules(raw_rules: list[dict], placeholders: dict[str, str]) -> list[Rule]:
    ph_re = re.compile(r"\{(" + "|".join(placeholders) + r")\}")

    def expand(pattern: str) -> str:
        return ph_re.sub(lambda m: placeholders[m.group(1)], pattern)

    rules = []
    for r in raw_rules:
        needs = re.compile(expand(r["needs"])) if r.get("needs") else None
        # every expression starts at a word start (or a quote mark / sign): a cheap guard
        # that lets the engine skip the inside of words
        regex = re.compile(r"(?<!\w)(?=[\w’'$])(?:" + expand(r["pattern"]) + ")")
        rules.append(Rule(r["name"], r["kind"], regex, needs))
    return rules


def _not_time(raw: list[dict]) -> list[tuple[re.Pattern, Optional[re.Pattern]]]:
    out = []
    for n in raw:
        unless = re.compile(n["unless_before"]) if n.get("unless_before") else None
        out.append((re.compile(n["pattern"]), unless))
    return out


def _trigger(lex: dict, month_full, month_abbr, weekday_full, refs) -> re.Pattern:
    """Words that every expression contains at least one of: rules only run near them."""
    words = (
        list(lex["units"]) + lex["trigger_words"]["words"] + month_full + month_abbr
        + weekday_full + list(lex["seasons"]) + list(lex["parts_of_day"]) + list(lex["deictic"])
        + list(lex["decade_words"]) + list(lex["frequency"]) + list(refs) + list(lex["named_times"])
    )
    # a trie (textutil.alternation): this pattern is run over every document's whole text
    return re.compile(r"(?i)\d|(?<!\w)(?:" + textutil.alternation(words, spaces=True, lower=True) + r")(?:s|es)?(?!\w)")


def _context(ctx: dict) -> Context:
    return Context(
        ambiguous_months=frozenset(ctx["ambiguous_months"]),
        month_cue=re.compile("|".join(ctx["month_cue_before"])),
        name_after=re.compile(ctx["name_after"]),
        name_cue=re.compile(ctx["name_cue_before"]),
        season_cue=re.compile(ctx["season_cue_before"]),
        months_not_names=frozenset(ctx["month_names_not_names"]),
        count_noun_after=re.compile(ctx["count_noun_after"]),
        year_cue_before=re.compile(ctx["year_cue_before"]),
        article=re.compile(ctx["article"]),
        season_event_after=re.compile(ctx["season_event_after"]),
        age_after=re.compile(ctx["age_after"]),
        article_before_compound=re.compile(ctx["article_before_compound"]),
        ordinal_units={k: frozenset(v) for k, v in ctx["ordinal_units"].items()},
        not_before_dash=frozenset(ctx["not_before_dash"]),
        parts_of_day_after_last=frozenset(ctx["parts_of_day_after_last"]),
    )


def _clock(hhmm: str) -> tuple[int, int]:
    hh, mm = hhmm.split(":")
    return int(hh), int(mm)


# ---------------------------------------------------------------------------- loading
@cache
def grammar() -> Grammar:
    """The compiled rule table (loaded once)."""
    raw = load("time_rules.toml")
    lex = raw["lexicon"]
    months, month_full, month_abbr = _months(lex)
    weekdays, weekday_full = _weekdays(lex)
    numbers = {norm_key(k): float(v) for k, v in lex["numbers"].items()}
    ordinals = {norm_key(k): int(v) for k, v in lex["ordinals"].items()}
    refs = {norm_key(k): v for k, v in lex["references"].items()}
    position = {norm_key(k): v for k, v in lex["position"].items()}
    dmods = {norm_key(k): (v[0], bool(v[1])) for k, v in lex["duration_modifiers"].items()}
    placeholders = _placeholders(lex, month_full, month_abbr, weekday_full, numbers, ordinals, refs)
    return Grammar(
        rules=_rules(raw["rule"], placeholders),
        trigger=_trigger(lex, month_full, month_abbr, weekday_full, refs),
        not_time=_not_time(raw["not_time"]),
        months=months,
        weekdays=weekdays,
        seasons={k.lower(): v for k, v in lex["seasons"].items()},
        pods={k.lower(): v for k, v in lex["parts_of_day"].items()},
        units={k: (v[0], bool(v[1]), int(v[2])) for k, v in lex["units"].items()},
        vague_units=dict(lex["vague_units"]),
        numbers=numbers,
        ordinals=ordinals,
        relative={norm_key(k): v for k, v in lex["relative"].items()},
        deictic={k.lower(): v for k, v in lex["deictic"].items()},
        deictic_pods={k.lower(): v for k, v in lex["deictic_parts_of_day"].items()},
        stretch_words=frozenset(norm_key(w) for w in lex["stretch_words"]["words"]),
        period_positions={norm_key(k): v for k, v in lex["period_positions"].items()},
        ago={k.lower(): int(v) for k, v in lex["ago"].items()},
        named_times={k.lower(): _clock(v) for k, v in lex["named_times"].items()},
        decade_words={k.lower(): v for k, v in lex["decade_words"].items()},
        frequency={k.lower(): v for k, v in lex["frequency"].items()},
        references=refs,
        position=re.compile(
            r"(?i)(?:(?<![\w-])" + alternation(lex["position_articles"]["words"]) + r"\s+)?"
            r"(?<![\w-])(?P<pos>" + alternation(position)[3:-1] + r")(?:\s*[-‑]\s*|\s+)$"
        ),
        position_mods=position,
        duration_mod=re.compile(r"(?i)(?<![\w-])(?P<dm>" + alternation(dmods)[3:-1] + r")\s+$"),
        duration_mods=dmods,
        and_a_half=re.compile(lex["number_compounds"]["and_a_half"]),
        context=_context(raw["context"]),
        placeholders=placeholders,
    )
