"""Normalizers of calendar dates: dates, years, decades, centuries, seasons, quarters, halves.

Each normalizer ``n_<kind>(c, x) -> bool`` sets the value of candidate ``c`` (a match of a
rule of that kind) in the context ``x``, or returns False to drop it. A date the text
states in full needs no anchor; one that needs the document date ("last summer", "the
third quarter") is anchored to it; a year-less month ("in early January") is left to the
frame rule (``times.frame``).
"""

from __future__ import annotations

import re
from typing import Optional

from storyline.extract.times.calendar import current_season, safe_date
from storyline.extract.times.candidates import Cand
from storyline.extract.times.grammar import norm_key
from storyline.extract.times.reading import Ctx, ordinal
from storyline.model.timex import DOCUMENT_DATE, SEASONS, Timex

_LEADING_DIGITS = re.compile(r"\d+")
_PIVOT_WITHOUT_ANCHOR = 30  # a clipped year above this is in the 1900s ('58), else the 2000s


def _century_of_clipped(yy: int, x: Ctx) -> int:
    """19 or 20: the century of a two-digit year ('98, the '80s), pivoting on the anchor."""
    pivot = (x.dct.year % 100) if x.dct else _PIVOT_WITHOUT_ANCHOR
    return 19 if yy > pivot else 20


def _clipped_year(c: Cand, x: Ctx) -> Optional[str]:
    """The value of "1957-58" (the second year) or "'98", or None for other dates."""
    g = c.g
    if "yy2" in g:  # "1957-58": the century comes from the first year
        first = int(x.text[c.start - 3:c.start - 1])
        yy = int(g["yy2"])
        return str(Timex("year", year=(int(g["cc"]) + (1 if yy < first else 0)) * 100 + yy))
    if "yy" in g:
        yy = int(g["yy"])
        return str(Timex("year", year=_century_of_clipped(yy, x) * 100 + yy))
    return None


def n_date(c: Cand, x: Ctx) -> bool:
    g, gr, dct = c.g, x.gr, x.dct
    clipped = _clipped_year(c, x)
    if clipped is not None:
        c.value = clipped
        return True
    month = None
    if "mnum" in g:
        month = int(g["mnum"])
    elif "month" in g:
        month = gr.months.get(g["month"].rstrip(".").lower())
    day = int(_LEADING_DIGITS.match(g["day"]).group(0)) if "day" in g else None
    year = int(g["year"]) if "year" in g else None
    if month is None:
        if year is None:
            return False
        c.value = str(Timex("year", year=year))
        return True
    if year is not None:
        if day is not None:
            d = safe_date(year, month, day)
            if d is None:
                return False
            c.frame = d
        c.value = str(Timex.of_month(year, month, day))
        return True
    if day is not None and safe_date(2000, month, day) is None:
        return False
    if "rel" in g:  # "last March", "next June"
        _relative_month(c, x, month, day, gr.relative.get(norm_key(g["rel"]), 0))
        return True
    c.yearless = (month, day)
    x.direction(c)
    return True


def _relative_month(c: Cand, x: Ctx, month: int, day: Optional[int], k: int) -> None:
    dct = x.dct
    if dct is None:
        c.value = str(Timex.of_month(None, month, day))
        return
    here, there = (dct.month, dct.day if day is not None else 0), (month, day or 0)
    if k < 0:  # "last April 15": the one before the document date
        y = dct.year if there < here else dct.year - 1
    elif k > 0:
        y = dct.year if there > here else dct.year + 1
    else:
        y = dct.year
    c.value = str(Timex.of_month(y, month, day))
    c.anchor = DOCUMENT_DATE


def n_decade(c: Cand, x: Ctx) -> bool:
    g = c.g
    if "dyear" in g:
        decade = int(g["dyear"][:3])
    elif "dyy" in g:
        yy = int(g["dyy"])
        decade = _century_of_clipped(yy, x) * 10 + yy // 10
    elif "dword" in g:
        decade = int(x.gr.decade_words[g["dword"].lower()])
    else:
        return False
    c.value = str(Timex("decade", decade=decade))
    return True


def n_century(c: Cand, x: Ctx) -> bool:
    g = c.g
    if "cent" in g:
        n = int(g["cent"])
    else:
        n = x.gr.ordinals.get(norm_key(g.get("centword", "")), 0)
    if not 1 <= n <= 22:
        return False
    c.value = str(Timex("century", century=n - 1))  # the 20th century is 19
    return True


def n_season(c: Cand, x: Ctx) -> bool:
    g, gr, dct = c.g, x.gr, x.dct
    code = gr.seasons.get(g["season"].lower())
    if code is None:
        return False
    if "year" in g:
        c.value = str(Timex("season", year=int(g["year"]), season=code))
        return True
    if dct is None:
        c.value = str(Timex("season", season=code))
        return True
    cy, ci = current_season(dct)
    ti = SEASONS.index(code)
    k = gr.relative.get(norm_key(g["rel"]), 0) if "rel" in g else None
    if k is None:
        t = x.direction(c)
        k = {"past": -1, "future": 1}.get(t or "", 0)
        if ti == ci:
            k = 0
    if k < 0:
        y = cy if ti < ci else cy - 1
    elif k > 0:
        y = cy if ti > ci else cy + 1
    else:  # "this summer"; an untensed "the spring" in a summer article is this year's
        y = cy
    c.value = str(Timex("season", year=y, season=code))
    c.anchor = DOCUMENT_DATE
    return True


def n_quarter(c: Cand, x: Ctx) -> bool:
    g, gr, dct = c.g, x.gr, x.dct
    q: Optional[int] = None
    if "qnum" in g or "qord" in g:
        q = int(g["qnum"][1]) if "qnum" in g else ordinal(g["qord"], gr)
        if q is None or not 1 <= q <= 4:
            return False
        year = g.get("year2") if "qnum" in g else g.get("year")
        if year:
            c.value = str(Timex("quarter", year=int(year), quarter=q))
            return True
    if dct is None:
        c.value = str(Timex("quarter", quarter=q))
        return True
    k = gr.relative.get(norm_key(g["rel"]), 0) if "rel" in g else None
    c.value = str(_quarter_from(dct.year, (dct.month - 1) // 3 + 1, q, k, c, x))
    c.anchor = DOCUMENT_DATE
    return True


def _quarter_from(year: int, cq: int, q: Optional[int], k: Optional[int], c: Cand, x: Ctx) -> Timex:
    """Quarter ``q`` (None: the current one, ``k`` quarters on) seen from quarter ``cq`` of
    ``year``; a quarter with no relative word goes by tense ("the third quarter")."""
    if q is None:  # "last quarter", "this quarter"
        n = year * 4 + (cq - 1) + (k or 0)
        return Timex("quarter", year=n // 4, quarter=n % 4 + 1)
    if k is not None:  # "the third quarter of next year"
        return Timex("quarter", year=year + k, quarter=q)
    t = x.direction(c)
    if t == "past" and q > cq:
        year -= 1
    elif t == "future" and q < cq:
        year += 1
    return Timex("quarter", year=year, quarter=q)


def n_half(c: Cand, x: Ctx) -> bool:
    g, gr, dct = c.g, x.gr, x.dct
    h = int(g["hnum"][1]) if "hnum" in g else ordinal(g["hord"], gr)  # "H1", "the first half"
    year = g.get("year") or g.get("year2")
    if year:
        c.value = str(Timex("half", year=int(year), half=h))
        return True
    if dct is None:
        c.value = str(Timex("half", half=h))
        return True
    y = dct.year + (gr.relative.get(norm_key(g["rel"]), 0) if "rel" in g else 0)
    c.value = str(Timex("half", year=y, half=h))
    c.anchor = DOCUMENT_DATE
    return True


NORMALIZERS = {
    "date": n_date,
    "decade": n_decade,
    "century": n_century,
    "season": n_season,
    "quarter": n_quarter,
    "half": n_half,
}
