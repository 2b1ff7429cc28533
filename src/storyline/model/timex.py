"""TIMEX3 values: the one place that writes and reads them.

The times stage writes values (``2026-01-03``, ``2026-W09``, ``P2Y``) and the checks read
them back; both go through :class:`Timex`, a parsed TIMEX3 value. ``Timex.parse(s)`` reads
a value string, ``str(timex)`` writes it, ``timex.interval(mod)`` gives the days a
calendar value can mean (narrowed by the START/MID/END ``mod``). The forms (TimeML 1.2.1):

=========  =====================================  ==========================================
unit       written                                fields
=========  =====================================  ==========================================
day        ``2026-01-03``, ``XXXX-01-03``,        year, month, day (None: unknown, ``XX``)
           ``XXXX-XX-XX``
month      ``2026-01``, ``XXXX-01``               year, month
year       ``2026``, ``XXXX``                     year
week       ``2026-W03``, ``2026-W03-WE``,         year, week, weekend, weekday (1 = Monday)
           ``XXXX-WXX-1`` (a weekday)
quarter    ``2026-Q4``, ``XXXX-QX``               year, quarter
half       ``2026-H1``                            year, half
season     ``2026-SU`` (SP, SU, FA, WI)           year, season
decade     ``199`` (the 1990s), ``XXX``           decade (the year // 10)
century    ``19`` (1900-1999), ``XX``             century (the year // 100)
duration   ``P3D``, ``PT2H``, ``PXDE``,           amounts: (number or None for X, letter);
           ``PT1H30M``                            the letters after ``T`` are time units
ref        ``PRESENT_REF``                        ref
=========  =====================================  ==========================================

A day or week value may carry a time of day after ``T``: a part of the day (``TMO``,
``TNI``) or a clock time (``T15:00``; ``T24:00`` is midnight at the end of the day).

:data:`DOCUMENT_DATE` is the anchor (``Time.anchor``) of a value computed from the
document date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Optional

DOCUMENT_DATE = "document date"
"""``Time.anchor`` of a value computed from the document date."""

SEASONS = ("SP", "SU", "FA", "WI")
"""The season codes in calendar order (winter runs from December into the next year)."""

_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_SEASON_DAYS = 90
_THIRDS = {"START": 0, "MID": 1, "END": 2}

_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")

_CALENDAR = re.compile(
    r"(?:(?P<year>[0-9]{4}|XXXX)"
    r"(?:-(?:W(?P<week>[0-9]{2}|XX)(?:-(?:(?P<weekend>WE)|(?P<weekday>[1-7])))?"
    r"|Q(?P<quarter>[1-4]|X)"
    r"|H(?P<half>[12]|X)"
    r"|(?P<season>SP|SU|FA|WI)"
    r"|(?P<month>[0-9]{2}|XX)(?:-(?P<day>[0-9]{2}|XX))?))?"
    r"|(?P<decade>[0-9]{3}|XXX)"
    r"|(?P<century>[0-9]{2}|XX))"
    r"(?:T(?:(?P<pod>[A-Z]{2})|(?P<hour>[0-9]{2}):(?P<minute>[0-9]{2})))?"
)
_DURATION = re.compile(
    r"P(?P<date>(?:(?:X|[0-9]+(?:\.[0-9]+)?)(?:DE|CE|[YMWD]))*)"
    r"(?:T(?P<time>(?:(?:X|[0-9]+(?:\.[0-9]+)?)[HMS])+))?"
)
_AMOUNT = re.compile(r"(X|[0-9]+(?:\.[0-9]+)?)(DE|CE|[A-Z])")
_REF = re.compile(r"(?:PRESENT|PAST|FUTURE)_REF")

Amount = tuple[Optional[float], str]
"""One part of a duration: the number (None: unknown, ``X``) and the unit letter."""


def parse_day(s: Optional[str]) -> Optional[date]:
    """A date from a string that starts YYYY-MM-DD, else None."""
    if not s:
        return None
    m = _DAY.match(str(s))
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def format_number(n: float) -> str:
    """A duration's number as TIMEX3 writes it: ``3``, ``1.5``."""
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def _int(s: Optional[str]) -> Optional[int]:
    return None if s is None or s.startswith("X") else int(s)


def _month_end(y: int, m: int) -> date:
    return date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)


@dataclass(frozen=True)
class Timex:
    """A TIMEX3 value, parsed into its parts (see the module's table). None is unknown."""

    unit: str
    year: Optional[int] = None
    month: Optional[int] = None
    day: Optional[int] = None
    week: Optional[int] = None
    weekday: Optional[int] = None
    weekend: bool = False
    quarter: Optional[int] = None
    half: Optional[int] = None
    season: Optional[str] = None
    decade: Optional[int] = None
    century: Optional[int] = None
    part_of_day: Optional[str] = None
    clock: Optional[tuple[int, int]] = None
    amounts: tuple[Amount, ...] = ()
    time_amounts: tuple[Amount, ...] = ()
    ref: Optional[str] = None

    # ------------------------------------------------------------------ constructors
    @classmethod
    def of_day(cls, d: date, part_of_day: Optional[str] = None,
               clock: Optional[tuple[int, int]] = None) -> "Timex":
        """The day ``d`` (``2026-01-03``), optionally at a part of the day or a clock time."""
        return cls("day", year=d.year, month=d.month, day=d.day, part_of_day=part_of_day, clock=clock)

    @classmethod
    def of_week(cls, d: date, weekend: bool = False) -> "Timex":
        """The ISO week containing ``d`` (``2026-W03``), or its weekend (``2026-W03-WE``)."""
        y, w, _ = d.isocalendar()
        return cls("week", year=y, week=w, weekend=weekend)

    @classmethod
    def of_month(cls, year: Optional[int], month: int, day: Optional[int] = None) -> "Timex":
        """A month (``2026-01``), or a day of it when ``day`` is given; year None: ``XXXX``."""
        if day:
            return cls("day", year=year, month=month, day=day)
        return cls("month", year=year, month=month)

    @classmethod
    def duration(cls, amounts: tuple[Amount, ...] = (), time_amounts: tuple[Amount, ...] = ()) -> "Timex":
        """A duration: ``amounts`` in date units (Y, M, W, D, DE, CE), ``time_amounts`` in
        time units (H, M, S) written after the ``T``."""
        return cls("duration", amounts=tuple(amounts), time_amounts=tuple(time_amounts))

    # ----------------------------------------------------------------------- reading
    @classmethod
    def parse(cls, value: str) -> Optional["Timex"]:
        """The value ``value`` reads as, or None if it is no TIMEX3 value this module knows."""
        if m := _CALENDAR.fullmatch(value):
            return cls._from_calendar(m)
        if m := _DURATION.fullmatch(value):
            if value in ("P", "PT"):
                return None
            return cls.duration(_amounts(m["date"]), _amounts(m["time"]))
        if _REF.fullmatch(value):
            return cls("ref", ref=value)
        return None

    @classmethod
    def _from_calendar(cls, m: re.Match) -> "Timex":
        g = m.groupdict()
        clock = (int(g["hour"]), int(g["minute"])) if g["hour"] else None
        common = dict(year=_int(g["year"]), part_of_day=g["pod"], clock=clock)
        if g["decade"]:
            return cls("decade", decade=_int(g["decade"]), part_of_day=g["pod"], clock=clock)
        if g["century"]:
            return cls("century", century=_int(g["century"]), part_of_day=g["pod"], clock=clock)
        if g["week"]:
            return cls("week", week=_int(g["week"]), weekend=bool(g["weekend"]), weekday=_int(g["weekday"]), **common)
        if g["quarter"]:
            return cls("quarter", quarter=_int(g["quarter"]), **common)
        if g["half"]:
            return cls("half", half=_int(g["half"]), **common)
        if g["season"]:
            return cls("season", season=g["season"], **common)
        if g["day"]:
            return cls("day", month=_int(g["month"]), day=_int(g["day"]), **common)
        if g["month"]:
            return cls("month", month=_int(g["month"]), **common)
        return cls("year", **common)

    # ----------------------------------------------------------------------- writing
    def __str__(self) -> str:
        return self.format()

    def format(self) -> str:
        """The TIMEX3 value string."""
        if self.unit == "duration":
            return "P" + _write(self.amounts) + ("T" + _write(self.time_amounts) if self.time_amounts else "")
        if self.unit == "ref":
            return self.ref or ""
        return self._format_calendar() + self._format_time()

    def _format_calendar(self) -> str:
        if self.unit == "decade":
            return "XXX" if self.decade is None else f"{self.decade:03d}"
        if self.unit == "century":
            return "XX" if self.century is None else f"{self.century:02d}"
        y = "XXXX" if self.year is None else f"{self.year:04d}"
        if self.unit == "year":
            return y
        if self.unit == "week":
            w = "XX" if self.week is None else f"{self.week:02d}"
            return f"{y}-W{w}" + ("-WE" if self.weekend else "") + (f"-{self.weekday}" if self.weekday else "")
        if self.unit == "quarter":
            return f"{y}-Q{self.quarter or 'X'}"
        if self.unit == "half":
            return f"{y}-H{self.half or 'X'}"
        if self.unit == "season":
            return f"{y}-{self.season}"
        mm = "XX" if self.month is None else f"{self.month:02d}"
        if self.unit == "month":
            return f"{y}-{mm}"
        return f"{y}-{mm}-" + ("XX" if self.day is None else f"{self.day:02d}")

    def _format_time(self) -> str:
        if self.part_of_day:
            return "T" + self.part_of_day
        if self.clock:
            return f"T{self.clock[0]:02d}:{self.clock[1]:02d}"
        return ""

    # ---------------------------------------------------------------------- calendar
    def interval(self, mod: Optional[str] = None) -> Optional[tuple[date, date]]:
        """The first and last day this value can mean, or None (unknown parts, durations,
        references, impossible dates). ``mod`` START, MID or END keeps a third of it: a
        month in days 1-10, 11-20, 21-end; a year in Jan-Apr, May-Aug, Sep-Dec; anything
        else in thirds of its length. A day keeps its day; a weekend is read as its week.
        The time of day does not narrow the day."""
        try:
            whole = self._whole()
        except (ValueError, OverflowError):
            return None
        if whole is None or mod not in _THIRDS:
            return whole
        return self._third(whole, _THIRDS[mod])

    def _whole(self) -> Optional[tuple[date, date]]:
        if self.unit == "decade" and self.decade is not None:
            return date(self.decade * 10, 1, 1), date(self.decade * 10 + 9, 12, 31)
        if self.unit == "century" and self.century is not None:
            return date(max(1, self.century * 100), 1, 1), date(self.century * 100 + 99, 12, 31)
        y = self.year
        if y is None:
            return None
        if self.unit == "year":
            return date(y, 1, 1), date(y, 12, 31)
        if self.unit == "month" and self.month is not None:
            return date(y, self.month, 1), _month_end(y, self.month)
        if self.unit == "day" and self.month is not None and self.day is not None:
            d = date(y, self.month, self.day)
            return d, d
        if self.unit == "week" and self.week is not None and not self.weekday:
            lo = date.fromisocalendar(y, self.week, 1)
            return lo, lo + timedelta(days=6)
        if self.unit == "quarter" and self.quarter is not None:
            return date(y, 3 * self.quarter - 2, 1), _month_end(y, 3 * self.quarter)
        if self.unit == "half" and self.half is not None:
            return date(y, 6 * self.half - 5, 1), _month_end(y, 6 * self.half)
        if self.unit == "season" and self.season in _SEASON_START:
            lo = date(y, _SEASON_START[self.season], 1)
            return lo, lo + timedelta(days=_SEASON_DAYS - 1)
        return None

    def _third(self, whole: tuple[date, date], k: int) -> tuple[date, date]:
        lo, hi = whole
        if self.unit == "year":
            start = date(lo.year, 1 + 4 * k, 1)
            end = hi if k == 2 else _month_end(lo.year, 4 + 4 * k)
        elif self.unit == "month":
            start = lo + timedelta(days=10 * k)
            end = hi if k == 2 else lo + timedelta(days=10 * k + 9)
        else:
            n = (hi - lo).days + 1
            start = lo + timedelta(days=k * n // 3)
            end = hi if k == 2 else max(start, lo + timedelta(days=(k + 1) * n // 3 - 1))
        return start, end


def _amounts(s: Optional[str]) -> tuple[Amount, ...]:
    if not s:
        return ()
    return tuple((None if n == "X" else float(n), letter) for n, letter in _AMOUNT.findall(s))


def _write(amounts: tuple[Amount, ...]) -> str:
    return "".join(("X" if n is None else format_number(n)) + letter for n, letter in amounts)


def date_part(value: str) -> str:
    """A value without its time of day: ``2026-01-03TNI`` -> ``2026-01-03``."""
    return value.split("T", 1)[0]
