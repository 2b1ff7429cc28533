"""The one reader of dates in ingest: printed dates ("January 26, 2025", "17th of June,
2025"), date lines ("Published: Monday, March 2, 2026"), metadata dates and datetimes, and ISO
instants with an offset; every result is a day written YYYY-MM-DD.

The month and weekday names, the date formats and the date-line labels are in the
``[dates]`` and ``[header]`` tables of ``data/layout.toml``; the instant pattern is in
``data/dates.toml``.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from dataclasses import dataclass
from typing import Optional

from storyline.data import load
from storyline.ingest.tables import alternation, anonymous, layout


@dataclass(frozen=True)
class DateGrammar:
    """The date patterns of ``layout.toml``, with the month names filled in and compiled."""

    months: dict  # month name or abbreviation, lower case -> month number
    full: tuple  # compiled patterns of a full date (groups day, month, year)
    yearless: tuple  # compiled patterns of a date without its year (groups day, month)
    weekday: str  # alternation of the weekday names
    full_or_yearless: str  # every pattern in one alternation, groups anonymous
    line: re.Pattern  # a date line: "[label[:]] [weekday,] DATE"
    tail: re.Pattern  # what may follow the date on a date line
    published_labels: frozenset  # date-line labels that mean the publication date


@functools.cache
def grammar() -> DateGrammar:
    lay = layout()
    table = lay["dates"]
    months = {k.lower(): v for k, v in table["months"].items()}
    month_alt = alternation(months)
    full = [f.replace("{month}", month_alt) for f in table["formats"]]
    yearless = [f.replace("{month}", month_alt) for f in table["yearless"]]
    weekday = alternation(table["weekdays"]["names"])
    head = lay["header"]
    labels = head["date_labels"]
    any_date = "|".join(f"(?:{anonymous(p)})" for p in full)
    # "[label[:]] [weekday,] DATE" at the start of a line; the rest must fit date_line_tail.
    line = re.compile(
        rf"^(?:(?P<label>{alternation(labels['published'] + labels['updated'])})\s*[:\-–—]?\s*)?"
        rf"(?:(?:{weekday})\.?,?\s+)?(?P<date>{any_date})",
        re.IGNORECASE,
    )
    return DateGrammar(
        months=months,
        full=tuple(re.compile(p, re.IGNORECASE) for p in full),
        yearless=tuple(re.compile(p, re.IGNORECASE) for p in yearless),
        weekday=weekday,
        full_or_yearless="|".join(f"(?:{anonymous(p)})" for p in full + yearless),
        line=line,
        tail=re.compile(head["date_line_tail"], re.IGNORECASE),
        published_labels=frozenset(w.lower() for w in labels["published"]),
    )


def iso_day(year, month, day) -> Optional[str]:
    """The day ``year``-``month``-``day`` (numbers or digit strings) as YYYY-MM-DD, or None
    when there is no such day."""
    try:
        return _dt.date(int(year), int(month), int(day)).isoformat()
    except (TypeError, ValueError):
        return None


def match_day(m: re.Match) -> Optional[str]:
    """The day a match of one of the :func:`grammar` patterns names, as YYYY-MM-DD."""
    month = m.group("month")
    month_no = int(month) if month.isdigit() else grammar().months.get(month.lower().rstrip("."))
    return iso_day(m.group("year"), month_no, m.group("day"))


def parse_date(text: str) -> Optional[str]:
    """The first full date (day, month and year) printed in ``text``, as YYYY-MM-DD."""
    best: Optional[tuple[int, str]] = None
    for pat in grammar().full:
        for m in pat.finditer(text):
            iso = match_day(m)
            if iso and (best is None or m.start() < best[0]):
                best = (m.start(), iso)
                break
    return best[1] if best else None


def date_line(line: str) -> Optional[tuple[str, Optional[str]]]:
    """If ``line`` is a date line, (label in lower case or "", YYYY-MM-DD or None)."""
    g = grammar()
    m = g.line.match(line)
    if not m or not g.tail.match(line[m.end():]):
        return None
    iso = parse_date(m.group("date"))
    label = (m.group("label") or "").lower()
    return label, iso


def normalize_published(value) -> Optional[str]:
    """A metadata date (ISO string, ISO datetime, or a printed date) as YYYY-MM-DD."""
    if value is None:
        return None
    s = str(value).strip()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        return iso_day(m[1], m[2], m[3])
    return parse_date(s)


def check_published(published: Optional[str]) -> Optional[str]:
    """A ``published=`` override, which must be a day written YYYY-MM-DD (else ValueError)."""
    if published is None:
        return None
    try:
        return _dt.date.fromisoformat(str(published)).isoformat()
    except ValueError:
        raise ValueError(f"published must be a date written YYYY-MM-DD, not {published!r}") from None


@functools.cache
def _instant_pattern() -> re.Pattern:
    return re.compile(load("dates.toml")["timestamps"]["instant"])


def parse_instant(value) -> Optional[_dt.datetime]:
    """An ISO 8601 instant with an explicit offset ("…T23:37:37-04:00", "…Z"), else None."""
    if not isinstance(value, str) or len(value) > 64:
        return None
    m = _instant_pattern().match(value)
    if not m:
        return None
    tz = m[7]
    minutes = 0 if tz == "Z" else (1 if tz[0] == "+" else -1) * (int(tz[1:3]) * 60 + int(tz[-2:]))
    try:
        return _dt.datetime(
            int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]), int(m[6] or 0),
            tzinfo=_dt.timezone(_dt.timedelta(minutes=minutes)),
        )
    except (ValueError, OverflowError):
        return None
