"""What the normalizers share: the text being read, and readers for the words a match captured.

:class:`Ctx` holds one text, its document date, its parse and the grammar, and finds (once
per candidate) the tense direction of an expression through :mod:`storyline.extract.tense`.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Optional

from storyline.extract.tense import tense_from_parse, tense_in_text
from storyline.extract.times.candidates import Cand
from storyline.extract.times.grammar import Grammar, norm_key

_DIGITS = re.compile(r"[\d,]+(?:\.\d+)?")
_LEADING_DIGITS = re.compile(r"(\d+)")


class Ctx:
    """One text being normalized: ``text``, the document date ``dct``, the ``parsed`` Doc."""

    def __init__(self, text: str, dct: Optional[date], parsed, gr: Grammar, day_only: Optional[date] = None):
        self.text, self.dct, self.parsed, self.gr = text, dct, parsed, gr
        # without a document date, the month and day a dateline gives ("KYIV, June 12"), held
        # in a stand-in year (``times.dateline_day``); its year is unknown
        self.day_only = day_only

    def direction(self, c: Cand) -> Optional[str]:
        """'past', 'future', 'present' or None: the tense around ``c`` (cached on ``c``)."""
        if c.direction is None:
            t = tense_from_parse(self.parsed, c.start, c.end) if self.parsed is not None else None
            if t is None:
                t = tense_in_text(self.text, c.start, c.end)
            c.direction = t or "none"
        return None if c.direction == "none" else c.direction


def number(s: str, gr: Grammar) -> Optional[float]:
    """The number a matched number word or numeral says: "3", "1,500", "twenty-one", "a"."""
    s = norm_key(s).replace("-", " ")
    if not s:
        return None
    if _DIGITS.fullmatch(s):
        try:
            return float(s.replace(",", ""))
        except ValueError:
            return None
    if s in gr.numbers:
        return gr.numbers[s]
    parts = s.split()
    if len(parts) == 2 and parts[0] in gr.numbers and parts[1] in gr.numbers:
        return gr.numbers[parts[0]] + gr.numbers[parts[1]]
    return None


def ordinal(s: str, gr: Grammar) -> Optional[int]:
    """The number an ordinal says: "third", "4th"."""
    s = norm_key(s)
    if s in gr.ordinals:
        return gr.ordinals[s]
    m = _LEADING_DIGITS.match(s)
    return int(m.group(1)) if m else None


def part_of_day(g: dict, gr: Grammar) -> Optional[str]:
    """The part-of-day code of a match's ``pod`` group ("morning" -> MO), if it has one."""
    if "pod" in g:
        return gr.pods.get(g["pod"].lower(), "DT")
    return None
