"""Normalizers of expressions relative to the document date, and of vague references.

"yesterday", "tonight", "this morning" (deictic); "on Monday", "last Friday" (weekday);
"last week", "next month", "the end of the year" (relative unit); "three days ago" (ago);
"now", "recently" (ref). Without a document date they keep only what the text says
(``XXXX-WXX``, ``XXXX-WXX-1``): no guess. See ``times.dates`` for the normalizer contract.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Optional

from storyline.extract.times.calendar import shift_month, weekday_date
from storyline.extract.times.candidates import Cand
from storyline.extract.times.durations import duration_value
from storyline.extract.times.grammar import norm_key
from storyline.extract.times.reading import Ctx, number, part_of_day
from storyline.model.timex import DOCUMENT_DATE, Timex

_DAY_VALUE = re.compile(r"^\d{4}-\d\d-\d\d")
_SENTENCE_BREAK = re.compile(r"[.!?](?:\s|$)|\n")

# what a relative unit is without a document date ("last week": XXXX-WXX)
_UNKNOWN_UNIT = {
    "week": Timex("week"),
    "weekend": Timex("week", weekend=True),
    "month": Timex("month"),
    "year": Timex("year"),
    "decade": Timex("decade"),
    "century": Timex("century"),
}
# what "<n> <unit>s ago" is without a document date, by the unit's TIMEX3 letter
_UNKNOWN_AGO = {"D": Timex("day"), "W": Timex("week"), "M": Timex("month"), "Y": Timex("year")}


def n_deictic(c: Cand, x: Ctx) -> bool:
    g, gr, dct = c.g, x.gr, x.dct
    if "deictic" in g:  # "yesterday", "tomorrow morning", "tonight"
        word = g["deictic"].lower()
        off = gr.deictic.get(word, 0)
        pod = part_of_day(g, gr) or gr.deictic_pods.get(word)
    else:  # "this morning", "last night"
        off = gr.relative.get(norm_key(g["rel"]), 0)
        pod = part_of_day(g, gr)
        if off < 0 and pod not in gr.context.parts_of_day_after_last:
            return False  # "last evening" is rare; "last morning" not English
    if dct:
        day = Timex.of_day(dct + timedelta(days=off), pod)
    elif x.day_only:  # "yesterday" in a story datelined "June 12" with no year: XXXX-06-11
        d = x.day_only + timedelta(days=off)
        day = Timex("day", month=d.month, day=d.day, part_of_day=pod)
    else:
        day = Timex("day", part_of_day=pod)
    c.value = str(day)
    c.type = "TIME" if pod else "DATE"
    c.anchor = DOCUMENT_DATE if dct else None
    return True


def n_bare_pod(c: Cand, x: Ctx) -> bool:
    """"in the afternoon": that part of the document's day (``same_day_parts`` moves it to a
    day the sentence names before it); without a document date the day is unknown: dropped."""
    if x.dct is None:
        return False
    c.value = str(Timex.of_day(x.dct, part_of_day(c.g, x.gr)))
    c.type = "TIME"
    c.anchor = DOCUMENT_DATE
    return True


def same_day_parts(cands: list[Cand], text: str) -> None:
    """A bare part of the day ("in the morning") after a day named earlier in its sentence
    ("On June 3, ... in the morning") is a part of that day."""
    last_day: Optional[Cand] = None
    for c in cands:
        if last_day is not None and _SENTENCE_BREAK.search(text, last_day.end, c.start):
            last_day = None
        if c.kind == "bare_pod" and last_day is not None:
            c.value = last_day.value[:10] + c.value[10:]
            c.anchor = last_day
        elif _DAY_VALUE.match(c.value or ""):
            last_day = c


def n_weekday(c: Cand, x: Ctx) -> bool:
    g, gr, dct = c.g, x.gr, x.dct
    wd = gr.weekdays.get(g["weekday"].lower())
    if wd is None:
        return False
    pod = part_of_day(g, gr)
    if dct is None:
        c.value = str(Timex("week", weekday=wd, part_of_day=pod))
    else:
        k = gr.relative.get(norm_key(g["rel"])) if "rel" in g else None
        direction = x.direction(c) if k is None else None
        if k is None and direction is None:
            direction = "past"  # news reports what happened: an untensed weekday is the last one
        d = weekday_date(dct, wd, k, direction)
        c.value = str(Timex.of_day(d, pod))
        c.anchor = DOCUMENT_DATE
    c.type = "TIME" if pod else "DATE"
    return True


def n_relative(c: Cand, x: Ctx) -> bool:
    g, gr, dct = c.g, x.gr, x.dct
    unit = (g.get("unit") or g.get("unit2") or "").lower()
    k: Optional[int]
    if "pos" in g or "unit2" in g:  # "the end of the year", "year-end": the current one
        c.mod = gr.period_positions.get(norm_key(g["pos"])) if "pos" in g else "END"
        k = 0
    elif unit == "weekend" and "rel" not in g:
        k = None  # "the weekend": by tense
    else:
        relword = norm_key(g["rel"]) if "rel" in g else None
        k = gr.relative.get(relword, 0) if relword is not None else 0
        if relword in gr.stretch_words and gr.context.article.match(x.text[c.start:c.end]):
            # "the past week", "the next decade": a stretch of time, not a calendar unit
            c.type = "DURATION"
            c.value = str(duration_value(1, "week" if unit == "weekend" else unit, gr))
            return True
    if dct is None:
        c.value = str(_UNKNOWN_UNIT.get(unit, Timex("year")))
        return True
    value = _unit_from(unit, k, c, x)
    if value is None:
        return False
    c.value = str(value)
    c.anchor = DOCUMENT_DATE
    return True


def _unit_from(unit: str, k: Optional[int], c: Cand, x: Ctx) -> Optional[Timex]:
    """The calendar ``unit`` ``k`` units from the document date (k None: a weekend by tense)."""
    dct = x.dct
    if unit == "week":
        return Timex.of_week(dct + timedelta(weeks=k))
    if unit == "weekend":
        if k is None:
            t = x.direction(c)
            k = 0 if dct.isoweekday() >= 6 or t in ("future", "present") else -1
        return Timex.of_week(dct + timedelta(weeks=k), weekend=True)
    if unit == "month":
        y, m = shift_month(dct.year, dct.month, k)
        return Timex.of_month(y, m)
    if unit == "year":
        return Timex("year", year=dct.year + k)
    if unit == "decade":
        return Timex("decade", decade=dct.year // 10 + k)
    if unit == "century":
        return Timex("century", century=dct.year // 100 + k)
    return None


def n_ago(c: Cand, x: Ctx) -> bool:
    g, gr, dct = c.g, x.gr, x.dct
    if "vague" in g:  # "a few days ago"
        c.value = str(Timex("ref", ref="PAST_REF"))
        return True
    n = number(g["num"], gr)
    unit = g["unit"].lower()
    if n is None or unit not in gr.units:
        return False
    sign = gr.ago[g["dir"].lower()]
    letter, is_time, mult = gr.units[unit]
    if dct is None:
        c.value = str(_UNKNOWN_AGO.get(letter, Timex("day")))
        return True
    n = n * mult * sign
    if is_time or letter == "D":
        days = n if letter == "D" else (n / 24 if letter == "H" else 0)
        value = Timex.of_day(dct + timedelta(days=int(days)))
    elif letter == "W":
        value = Timex.of_week(dct + timedelta(weeks=int(n)))
    elif letter == "M":
        value = Timex.of_month(*shift_month(dct.year, dct.month, int(n)))
    else:
        value = Timex("year", year=dct.year + int(n))
    c.value = str(value)
    c.anchor = DOCUMENT_DATE
    return True


def n_ref(c: Cand, x: Ctx) -> bool:
    c.value = x.gr.references[norm_key(c.g["ref"])]
    return True


NORMALIZERS = {
    "deictic": n_deictic,
    "weekday": n_weekday,
    "relative": n_relative,
    "ago": n_ago,
    "ref": n_ref,
    "bare_pod": n_bare_pod,
}
