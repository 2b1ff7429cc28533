"""Normalizers of durations and sets: "three days", "decades", "01:02:03", "every Monday", "daily".

A duration is written in the unit of the text ("two weeks" P2W, "a decade" P10Y through
the unit's multiplier); a fraction is written in the next smaller unit after the whole
units ("three and a half years" P3Y6M, "half a day" PT12H). See
``times.dates`` for the normalizer contract.
"""

from __future__ import annotations

from typing import Optional

from storyline.extract.times.candidates import Cand
from storyline.extract.times.grammar import Grammar
from storyline.extract.times.reading import Ctx, number
from storyline.model.timex import Timex

_MAX_COUNT = 10000  # a larger count is not taken for a duration
# a fraction of a unit is written in the next smaller one: unit letter -> (letter, factor, is-time)
_SMALLER = {"Y": ("M", 12, False), "W": ("D", 7, False), "D": ("H", 24, True), "H": ("M", 60, True)}


def duration_value(n: Optional[float], unit: str, gr: Grammar) -> Timex:
    """The duration of ``n`` ``unit`` words (n None: an unknown number, PXD)."""
    unit = unit.lower()
    if unit.endswith("ies"):
        unit = unit[:-3] + "y"
    elif unit.endswith("s") and unit not in gr.units:
        unit = unit[:-1]
    letter, is_time, mult = gr.units.get(unit, ("D", False, 1))
    if n is None:
        amount = (None, gr.vague_units.get(unit, letter))
    else:
        n = n * mult
        if not float(n).is_integer() and letter in _SMALLER:  # 1.5 years -> P1Y6M, 2.5 days -> P2DT12H
            whole = int(n)
            small, k, small_is_time = _SMALLER[letter]
            part = (n - whole) * k
            if not float(part).is_integer():  # "two and a half weeks": P2.5W
                return Timex.duration(time_amounts=((n, letter),)) if is_time else Timex.duration(((n, letter),))
            part = int(part)
            dates = [(whole, letter)] if whole and not is_time else []
            times = [(whole, letter)] if whole and is_time else []
            (times if small_is_time else dates).append((part, small))
            return Timex.duration(tuple(dates), tuple(times))
        amount = (n, letter)
    return Timex.duration(time_amounts=(amount,)) if is_time else Timex.duration((amount,))


def n_duration(c: Cand, x: Ctx) -> bool:
    g, gr = c.g, x.gr
    if "num" in g:
        n = number(g["num"], gr)
        if n is None or n <= 0:
            return False
        if gr.and_a_half.search(x.text[c.start:c.end]) and float(n).is_integer():
            n += 0.5  # ("one and a half" is already 1.5 in the number words)
        if n > _MAX_COUNT:
            return False
    else:
        n = 1
    c.type = "DURATION"
    c.value = str(duration_value(n, g["unit"], gr))
    m = gr.context.article_before_compound.match(x.text[c.start:c.end])
    if m and "rel" not in g:
        c.start += m.end()  # "the 24-hour truce": the article belongs to the noun
    return True


def n_vague_duration(c: Cand, x: Ctx) -> bool:
    c.type = "DURATION"
    c.value = str(duration_value(None, c.g["unit"], x.gr))
    return True


def n_set(c: Cand, x: Ctx) -> bool:
    g, gr = c.g, x.gr
    c.type = "SET"
    if "freq" in g:  # "daily"
        c.value = gr.frequency[g["freq"].lower()]
    elif "weekday" in g or "weekday2" in g:  # "every Monday", "on Mondays"
        c.value = str(Timex("week", weekday=gr.weekdays[(g.get("weekday") or g["weekday2"]).lower()]))
    elif "pod" in g:  # "every morning"
        c.value = str(Timex("day", part_of_day=gr.pods[g["pod"].lower()]))
    elif "season" in g:  # "every summer"; "every season" is a quarter of a year
        code = gr.seasons.get(g["season"].lower())
        c.value = str(Timex("season", season=code) if code else Timex.duration(((3, "M"),)))
    else:  # "every two weeks", "twice a week"
        unit = g.get("unit") or g.get("unit2")
        n = number(g["num"], gr) if "num" in g else 1
        c.value = str(duration_value(n or 1, unit, gr))
    return True


def n_elapsed(c: Cand, x: Ctx) -> bool:
    parts = ((int(c.g["hour"]), "H"), (int(c.g["minute"]), "M"), (int(c.g["second"]), "S"))
    if not any(n for n, _ in parts):
        return False
    c.type = "DURATION"
    c.value = str(Timex.duration(time_amounts=tuple((n, letter) for n, letter in parts if n)))
    return True


NORMALIZERS = {
    "duration": n_duration,
    "vague_duration": n_vague_duration,
    "set": n_set,
    "elapsed": n_elapsed,
}
