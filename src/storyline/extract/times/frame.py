"""The frame rule: which year a year-less month ("in early January", "Jan. 5") means.

The reference frame is the document date, unless the text prints a full date whose year
differs from the document's (and which lies within a year of it, or is reported as past
although it lies after it) and the month is at least as close to that date; then that
date is the anchor (its time id). Without a document date every full date can serve.
"""

from __future__ import annotations

from datetime import date
from typing import Optional

from storyline.extract.times.calendar import distance, month_interval, resolve_month
from storyline.extract.times.candidates import Cand
from storyline.extract.times.reading import Ctx
from storyline.model.timex import DOCUMENT_DATE, Timex

_NEAR_DAYS = 366  # a full date this close to the document date may be the frame


def frame_usable(f: Cand, dct: Optional[date], x: Ctx) -> bool:
    """Can the full date ``f`` serve as the reference frame instead of the document date?

    Without a document date every full date can. Otherwise it must disagree with the
    document's year and either lie within a year of the document date (a story across a new
    year, or a misprinted date), or be reported as past although it lies after the document
    date (then the printed date cannot be the frame the writer used).
    """
    if dct is None:
        return True
    if f.frame.year == dct.year:
        return False
    if abs((f.frame - dct).days) <= _NEAR_DAYS:
        return True
    return f.frame > dct and x.direction(f) == "past"


def resolve_yearless(cands: list[Cand], dct: Optional[date], x: Ctx) -> None:
    """Give year-less months a year: from the document date or a nearer full date in the text."""
    frames = [c for c in cands if c.frame is not None]
    if any(c.yearless is not None for c in cands):
        frames = [f for f in frames if frame_usable(f, dct, x)]
    for c in cands:
        if c.yearless is None:
            continue
        month, day = c.yearless
        year, anchor = _best_year(c, frames, dct)
        c.value = str(Timex.of_month(year, month, day))
        c.anchor = anchor if year is not None else None  # a Cand (the frame) or DOCUMENT_DATE


def _best_year(c: Cand, frames: list[Cand], dct: Optional[date]):
    """(year, anchor) for the year-less ``c``: the document date's reading, replaced by
    that of a usable frame whose date is at least as close; (None, None) if neither."""
    month, day = c.yearless
    direction = None if c.direction in (None, "none") else c.direction
    best_year, best_anchor, best_dist = None, None, None
    if dct is not None:
        year = resolve_month(month, day, dct, direction)
        iv = month_interval(year, month, day, c.mod)
        if iv is not None:  # else no year near the document date has the day ("Feb. 29"): no year
            best_year, best_anchor, best_dist = year, DOCUMENT_DATE, distance(iv, dct)
    # nearest preceding frame first, then following ones
    for f in sorted(frames, key=lambda f: (f.start > c.start, abs(f.start - c.start))):
        y = resolve_month(month, day, f.frame, None)
        iv = month_interval(y, month, day, c.mod)
        if iv is None:
            continue
        dist = distance(iv, f.frame)
        if best_dist is None or dist <= best_dist and best_anchor == DOCUMENT_DATE or dist < best_dist:
            best_year, best_anchor, best_dist = y, f, dist
    return best_year, best_anchor
