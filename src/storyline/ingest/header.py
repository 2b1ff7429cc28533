"""The header of a pasted article: headline, standfirst, byline and date lines.

Patterns are in the ``[header]`` table of ``data/layout.toml``; the date lines themselves
are read by :mod:`storyline.ingest.dates`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Optional

from storyline.ingest.dates import date_line, grammar, match_day
from storyline.ingest.lines import Line, strip_markup
from storyline.ingest.tables import alternation, layout, limits


@dataclass(frozen=True)
class _BylineRules:
    patterns: tuple  # a byline, its names captured as `byline`
    separator: re.Pattern  # what may stand between the names and a date on the same line
    date_label: re.Pattern  # separator and label left at the end of the names ("| Updated:")


@functools.cache
def _rules() -> _BylineRules:
    head = layout()["header"]
    labels = alternation(head["byline_date_labels"])
    return _BylineRules(
        patterns=tuple(re.compile(p, re.IGNORECASE) for p in head["bylines"]),
        separator=re.compile(head["byline_date_separators"]),
        date_label=re.compile(rf"[\s,|·•\-–—]*(?:(?:{labels})\s*:?\s*)?$", re.IGNORECASE),
    )


def _split_date(value: str) -> Optional[tuple[str, Optional[str]]]:
    """"Jane Doe | March 4, 2026" -> ("Jane Doe", "2026-03-04"); None when no date ends it."""
    r, dates = _rules(), grammar()
    for dpat in dates.full:
        for dm in dpat.finditer(value):
            before = value[: dm.start()]
            sep = r.separator.search(before + " ")
            tail_ok = dates.tail.match(value[dm.end():])
            if sep and tail_ok and before.strip(" ,|·•-–—"):
                return r.date_label.sub("", before).strip(), match_day(dm)
    return None


def byline(line: str) -> Optional[tuple[str, Optional[str]]]:
    """If ``line`` is a byline, (name(s), date printed on the same line or None)."""
    for pat in _rules().patterns:
        m = pat.match(line)
        if not m:
            continue
        value = m.group("byline").strip()
        # "By Jane Doe | March 4, 2026": split off a trailing date.
        return _split_date(value) or (value.strip(" ,|·•"), None)
    return None


def looks_like_headline(line: str) -> bool:
    lim = limits()
    if not line or len(line) > lim["headline_max_chars"] or len(line.split()) > lim["headline_max_words"]:
        return False
    # A line ending in a full stop is a sentence, not a headline ("U.S." is an abbreviation).
    last = line.split()[-1]
    if line.endswith(".") and not re.fullmatch(r"(?:[A-Za-z]\.){2,}", last) and not line.endswith("..."):
        return False
    return True


def is_header(t: str) -> bool:
    """A byline or a date line."""
    return byline(t) is not None or date_line(t) is not None


def skip_deck(text: str, lines: list[Line], i: int) -> int:
    """Skip a standfirst between the headline and a byline/date line ("Headline / deck / By X").

    Only when a byline or date line follows within ``max_deck_lines`` short lines; otherwise
    those lines are the body and nothing is skipped.
    """
    lim = limits()
    j, deck = i, 0
    while j < len(lines):
        t = strip_markup(lines[j].text(text))
        if not t:
            j += 1
            continue
        if is_header(t):
            return j if deck else i
        if deck >= lim["max_deck_lines"] or len(t) > lim["deck_max_chars"]:
            return i
        deck += 1
        j += 1
    return i


@dataclass
class Header:
    headline: Optional[str] = None
    byline: Optional[str] = None
    dates: list = field(default_factory=list)  # (label, YYYY-MM-DD or None) of each dated line
    end: int = 0  # index of the first line after the header


def _take_header_line(t: str, head: Header) -> bool:
    """Record ``t`` in ``head`` if it is a byline or a date line; False when it is neither."""
    bl = byline(t)
    if bl is not None:
        if head.byline is None:
            head.byline = bl[0]
        if bl[1]:
            head.dates.append(("", bl[1]))
        return True
    dl = date_line(t)
    if dl is not None:
        head.dates.append(dl)
        return True
    return False


def read_header(text: str, lines: list[Line], i: int, *, allow_headline: bool = True) -> Header:
    """The header lines from lines[i] (the first non-blank line) on."""
    head = Header()
    first_text = strip_markup(lines[i].text(text))
    if allow_headline and byline(first_text) is None and date_line(first_text) is None:
        if looks_like_headline(first_text):
            head.headline = first_text
            i += 1
    if head.headline is not None:
        i = skip_deck(text, lines, i)
    seen = 0
    while i < len(lines) and seen < limits()["max_header_lines"]:
        t = strip_markup(lines[i].text(text))
        if not t:
            i += 1
            continue
        if not _take_header_line(t, head):
            break
        seen += 1
        i += 1
    head.end = i
    return head
