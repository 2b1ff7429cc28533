"""Calendar arithmetic for resolving expressions against a reference date.

Which year a year-less month means seen from a date, which Friday "on Friday" is, which
season contains a date. Values are written through :class:`storyline.model.timex.Timex`.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Optional

from storyline.model.timex import Timex


def shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    """(year, month) ``k`` months after month ``m`` of year ``y``."""
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def month_interval(y: int, m: int, day: Optional[int] = None, mod: Optional[str] = None):
    """The days month ``m`` of ``y`` (or that day of it) can mean, narrowed by ``mod``;
    None for an impossible day ("February 30")."""
    return Timex.of_month(y, m, day).interval(mod)


def distance(interval: tuple[date, date], d: date) -> int:
    """Days from ``d`` to the nearest day of ``interval`` (0 inside it)."""
    lo, hi = interval
    if d < lo:
        return (lo - d).days
    if d > hi:
        return (d - hi).days
    return 0


def resolve_month(m: int, day: Optional[int], ref: date, direction: Optional[str]) -> int:
    """The year of month ``m`` (day ``day``) seen from ``ref`` in the given direction:
    the latest on or before ``ref`` for the past, the first on or after it for the future,
    else the nearest."""
    cands = []
    for y in (ref.year - 1, ref.year, ref.year + 1):
        iv = month_interval(y, m, day)
        if iv is None:
            continue
        cands.append((y, iv))
    if direction == "past":
        ok = [(y, iv) for y, iv in cands if iv[0] <= ref]
        if ok:
            return max(ok)[0]
    elif direction == "future":
        ok = [(y, iv) for y, iv in cands if iv[1] >= ref]
        if ok:
            return min(ok)[0]
    return min(cands, key=lambda c: (distance(c[1], ref), abs(c[0] - ref.year)))[0] if cands else ref.year


def weekday_date(dct: date, wd: int, k: Optional[int], direction: Optional[str]) -> date:
    """The date of ISO weekday ``wd`` seen from ``dct``: ``k`` -1 the one before ("last
    Friday"), +1 the one after ("next Friday"), 0 in the same week ("this Friday"); without
    ``k``, the next one (today included) for the future or present, else the last one."""
    cur = dct.isoweekday()
    if k is not None and k < 0:
        back = (cur - wd) % 7 or 7
        return dct - timedelta(days=back)
    if k is not None and k > 0:
        fwd = (wd - cur) % 7 or 7
        return dct + timedelta(days=fwd)
    if k == 0:
        return dct + timedelta(days=wd - cur)
    if direction in ("future", "present"):
        return dct + timedelta(days=(wd - cur) % 7)
    return dct - timedelta(days=(cur - wd) % 7)


def current_season(d: date) -> tuple[int, int]:
    """(year, index into SEASONS) of the season containing ``d``; winter = Dec-Feb."""
    m = d.month
    if m <= 2:
        return d.year - 1, 3
    return d.year, (m - 3) // 3


def safe_date(y: int, m: int, d: int) -> Optional[date]:
    """The date, or None if there is no such day ("February 30")."""
    try:
        return date(y, m, d)
    except ValueError:
        return None
