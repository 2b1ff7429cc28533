"""Lookups by offset into one parse, built once per document (no stage).

Scanning every token of the document, or every named entity, for each phrase a stage reads
makes the stage quadratic in the document's length; these indexes make each lookup a
bisection. They live in the parse's ``user_data``, like the caches of
:mod:`storyline.textutil`, and are built on first use.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Callable, Optional

import numpy
from spacy.attrs import IDX
from spacy.tokens import Doc, Span, Token


def token_starts(doc: Doc) -> list[int]:
    """The character offset of every token of ``doc``, in order."""
    cached = doc.user_data.get("storyline_token_starts")
    if cached is None:
        cached = doc.user_data["storyline_token_starts"] = doc.to_array([IDX]).tolist() if len(doc) else []
    return cached


def tokens_where(doc: Doc, attr: int, keep: Callable[[str], bool]) -> list[Token]:
    """The tokens of ``doc``, in order, whose string attribute ``attr`` (``spacy.attrs.LEMMA``,
    ``LOWER``, ``NORM``...) ``keep`` accepts: ``keep`` is asked once per distinct string,
    and no token object is made for the others (a pass over a document's words for a few
    cue words makes only the tokens it reads)."""
    if not len(doc):
        return []
    key = f"storyline_column_{attr}"
    cached = doc.user_data.get(key)
    if cached is None:
        column = doc.to_array(attr)
        hashes = numpy.unique(column)
        strings = doc.vocab.strings
        cached = doc.user_data[key] = (column, hashes, [strings[h] for h in hashes.tolist()])
    column, hashes, texts = cached
    kept = [h for h, text in zip(hashes.tolist(), texts) if keep(text)]
    if not kept:
        return []
    return [doc[i] for i in numpy.flatnonzero(numpy.isin(column, kept)).tolist()]


def token_near(doc: Doc, pos: int) -> Optional[Token]:
    """The first token ``t`` with ``t.idx <= pos < t.idx + len(t) + 1`` (a token, or the one
    space after it), as a scan of the whole document would find it."""
    starts = token_starts(doc)
    k = bisect_right(starts, pos) - 1
    # only the last token starting at or before pos, or the one before it (when it ends
    # exactly at pos), can match: tokens do not overlap
    for j in range(max(0, k - 1), k + 1):
        t = doc[j]
        if t.idx <= pos < t.idx + len(t.text) + 1:
            return t
    return None


def _ents(doc: Doc) -> tuple[list[Span], list[int]]:
    cached = doc.user_data.get("storyline_ents")
    if cached is None:
        ents = list(doc.ents)
        cached = doc.user_data["storyline_ents"] = (ents, [e.start for e in ents])
    return cached


def ent_at(tok: Token) -> Optional[Span]:
    """The named entity of the parse that contains ``tok`` (they never overlap)."""
    ents, starts = _ents(tok.doc)
    k = bisect_right(starts, tok.i) - 1
    if k >= 0 and tok.i < ents[k].end:
        return ents[k]
    return None


def spans_within(doc: Doc, name: str, items: list, start: int, end: int) -> list:
    """The items of ``items`` (records with a ``span``) whose span lies in ``[start, end)``, in
    their order in ``items``. The index is kept in ``doc.user_data`` under ``name`` and
    rebuilt when ``items`` is replaced or changes length."""
    key = "storyline_spans_" + name
    cached = doc.user_data.get(key)
    if cached is None or cached[0] is not items or cached[1] != len(items):
        rows = sorted(((it.span[0], i) for i, it in enumerate(items)), key=lambda r: r[0])
        cached = doc.user_data[key] = (items, len(items), [r[0] for r in rows], rows)
    _, _, starts, rows = cached
    lo, hi = bisect_left(starts, start), bisect_right(starts, end)
    return [items[i] for i in sorted(i for _, i in rows[lo:hi]) if items[i].span[1] <= end]


class Intervals:
    """Some half-open ranges, for "does this position (or range) meet any of them" in
    logarithmic time: sorted by start, with the furthest end among each prefix."""

    def __init__(self, ranges):
        rows = sorted((r[0], r[1]) for r in ranges)
        self._starts = [s for s, _ in rows]
        self._reach: list[int] = []
        reach = None
        for _, e in rows:
            reach = e if reach is None else max(reach, e)
            self._reach.append(reach)

    def covers(self, pos: int) -> bool:
        """Is there a range ``(s, e)`` with ``s <= pos < e``?"""
        k = bisect_right(self._starts, pos)
        return k > 0 and self._reach[k - 1] > pos

    def overlaps(self, start: int, end: int) -> bool:
        """Is there a range ``(s, e)`` with ``s < end and start < e``?"""
        k = bisect_left(self._starts, end)
        return k > 0 and self._reach[k - 1] > start
