"""Finding quotations: pairing the quotation marks of a text, whatever state they are in.

:func:`find_quotations` pairs curly, straight, guillemet and (within a paragraph) single
marks (``data/quotation_marks.toml``). Marks facing the wrong way are judged by their
neighbours. An opening mark still open at the end of a paragraph continues into the next
paragraph when that one opens with a mark (the news convention for long quotes); any other
unbalanced mark is closed at the end of its paragraph, so stray marks never swallow the
article. It never raises.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from storyline.extract.quotes.lexicon import Typography, typography


@dataclass
class Quotation:
    """A stretch of text between quotation marks (marks included in ``start``/``end``)."""

    start: int
    end: int
    closed: bool = True

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - 1 if self.closed else self.end


class QuoteList(list):
    """Quotations sorted by start, with a bisect index (they never overlap)."""

    def __init__(self, items: Iterable[Quotation] = ()):
        super().__init__(sorted(items, key=lambda q: q.start))
        self.starts = [q.start for q in self]
        self.longest = max((q.end - q.start for q in self), default=0)
        reach, self.reach = -1, []  # the furthest end among the quotations up to each one
        for q in self:
            reach = max(reach, q.end)
            self.reach.append(reach)

    def inside_any(self, pos: int) -> bool:
        """Is there a quotation ``q`` with ``q.start < pos < q.end``?"""
        k = bisect_left(self.starts, pos) - 1
        return k >= 0 and self.reach[k] > pos

    def overlapping(self, start: int, end: int) -> list[Quotation]:
        """The quotations ``q`` with ``q.start < end and start < q.end``, in order."""
        lo, hi = bisect_right(self.starts, start - self.longest), bisect_left(self.starts, end)
        return [q for q in self[lo:hi] if start < q.end]


def in_quote(pos: int, quotations: list[Quotation]) -> Optional[Quotation]:
    """The quotation whose inside contains ``pos``, if any."""
    if isinstance(quotations, QuoteList):
        i = bisect_left(quotations.starts, pos) - 1
        candidates = quotations[max(0, i - 1):i + 1] if i >= 0 else []
    else:
        candidates = quotations
    for q in candidates:
        if q.start < pos < q.end - (1 if q.closed else 0):
            return q
    return None


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The character ranges of the non-empty lines of ``text``."""
    out, start = [], 0
    for m in re.finditer(r"\n", text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _is_open(text: str, i: int, opens_after: str) -> bool:
    """Does the straight or single mark at ``i`` open a quotation (by its neighbours)?"""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in opens_after) and not after.isspace()


def _rstrip_pos(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


@lru_cache(maxsize=4)
def _marks_re(t: Typography) -> re.Pattern:
    """Any one of the quotation marks of ``t``."""
    chars = set(t.open + t.close + t.straight + t.single_open + t.single_close)
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]" if chars else "(?!)")


class _Pairing:
    """The marks of one text, paired paragraph by paragraph."""

    def __init__(self, text: str, t: Typography):
        self.text, self.t = text, t
        self.found: list[Quotation] = []
        self.carry: Optional[int] = None  # an open quote continuing from the previous paragraph

    def paragraph(self, p_start: int, p_end: int, prev_end: int) -> None:
        text, t = self.text, self.t
        para = text[p_start:p_end]
        first = p_start + len(para) - len(para.lstrip(t.paragraph_lead))
        if self.carry is not None and not (first < p_end and (text[first] in t.open or text[first] == t.straight)):
            # the running quotation ends with the previous paragraph, unless this one re-opens it
            self.found.append(Quotation(self.carry, _rstrip_pos(text, prev_end), closed=False))
            self.carry = None
        open_at = self._marks(p_start, p_end, first)
        if open_at is not None:
            self.carry = open_at  # continues only if the next paragraph re-opens with a mark

    def _marks(self, p_start: int, p_end: int, first: int) -> Optional[int]:
        """Pair the marks of one paragraph; the position of a mark left open, if any."""
        text, t, found = self.text, self.t, self.found
        open_marks, close_marks, straight = t.open, t.close, t.straight
        single_open, single_close, opens_after, closes_before = t.single_open, t.single_close, t.opens_after, t.closes_before
        open_at: Optional[int] = None
        s_open: Optional[int] = None  # single quotes (headline style), never across paragraphs
        continuing = self.carry is not None
        for m in _marks_re(t).finditer(text, p_start, p_end):  # any other character changes nothing
            i = m.start()
            ch = text[i]
            if ch == single_open and open_at is None and not continuing:
                if _is_open(text, i, opens_after):
                    s_open = i
                continue
            if ch == single_close and s_open is not None and open_at is None:
                after = text[i + 1] if i + 1 < len(text) else " "
                if not after.isalpha():
                    found.append(Quotation(s_open, i + 1))
                    s_open = None
                continue
            after = text[i + 1] if i + 1 < len(text) else " "
            # scraped text often has marks the wrong way round: judge them by their neighbours
            wrong_open = ch in close_marks and open_at is None and _is_open(text, i, opens_after)
            wrong_close = ch in open_marks and open_at is not None and (after.isspace() or after in closes_before) \
                and i > open_at + 1
            if wrong_close:
                found.append(Quotation(open_at, i + 1))
                open_at = None
                continue
            if ch in open_marks or wrong_open or (ch == straight and open_at is None and _is_open(text, i, opens_after)):
                if continuing and i == first:
                    open_at = self.carry
                    continuing = False
                    self.carry = None
                    continue
                open_at = i  # a second opening mark restarts: the first was stray
            elif ch in close_marks or ch == straight:
                if open_at is not None:
                    found.append(Quotation(open_at, i + 1))
                    open_at = None
        return open_at


def find_quotations(text: str) -> list[Quotation]:
    """Pair quotation marks in ``text``; never fails, whatever the marks."""
    pairing = _Pairing(text, typography())
    prev_end = 0  # where the previous paragraph ended
    for p_start, p_end in paragraphs(text):
        pairing.paragraph(p_start, p_end, prev_end)
        prev_end = p_end
    found = pairing.found
    if pairing.carry is not None:
        found.append(Quotation(pairing.carry, _rstrip_pos(text, len(text)), closed=False))
    return [q for q in found if q.end - q.start > 2]
