"""Candidate spans: where the rules of the grammar match, before normalization.

The rules run only in windows around trigger words; a match overlapping a not-a-time
stretch ("12 officers", "$4 billion") is dropped; overlapping matches are resolved
longest first (then the earlier rule); the context conditions (``times.context``) reject
ambiguous words ("May" the verb, "June Carter").
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from datetime import date
from typing import Optional, Union

from storyline.extract.times.context import context_ok
from storyline.extract.times.grammar import Grammar

_WINDOW_BEFORE, _WINDOW_AFTER = 60, 60
_SNAP_REACH = 40  # how far back a window start looks for a space to start at
_MAX_BLOCK = 200  # longest not-a-time stretch considered (bounds the overlap search)
_UNLESS_REACH = 20  # characters before a not-a-time match read by its `unless_before`


@dataclass
class Cand:
    """A match of one rule, then (once normalized) a time expression in the making."""

    start: int
    end: int
    kind: str
    rule: int
    g: dict
    mod: Optional[str] = None
    value: str = ""
    type: str = "DATE"
    anchor: Union[str, "Cand", None] = None  # DOCUMENT_DATE, or the candidate of a frame
    yearless: Optional[tuple[int, Optional[int]]] = None  # (month, day) needing a year
    direction: Optional[str] = None
    frame: Optional[date] = None  # the explicit full date this expression states


def candidates(text: str, gr: Grammar) -> list[Cand]:
    """The rule matches in ``text`` that survive blocking, overlaps and context, in text order."""
    found = _matches(text, gr)
    if not found:
        return []
    blocked = _blocked_stretches(text, gr)
    starts = [b[0] for b in blocked]
    found.sort(key=lambda c: (-(c.end - c.start), c.rule, c.start))
    taken: list[Cand] = []
    occupied = bytearray(len(text) + 1)
    for c in found:
        if any(occupied[c.start:c.end]):
            continue
        if _blocked(c, blocked, starts):
            continue
        if not context_ok(c, text, gr):
            continue
        taken.append(c)
        occupied[c.start:c.end] = b"\x01" * (c.end - c.start)
    taken.sort(key=lambda c: c.start)
    return taken


def _matches(text: str, gr: Grammar) -> list[Cand]:
    """Every match of every rule inside the trigger windows."""
    found: list[Cand] = []
    for ws, we in _windows(text, gr):
        present: dict = {}
        for i, rule in enumerate(gr.rules):
            if rule.needs is not None:
                ok = present.get(rule.needs)
                if ok is None:
                    ok = present[rule.needs] = rule.needs.search(text, ws, we) is not None
                if not ok:
                    continue
            for m in rule.regex.finditer(text, ws, we):
                if m.end() <= m.start():
                    continue
                g = {k: v for k, v in m.groupdict().items() if v is not None}
                found.append(Cand(m.start(), m.end(), rule.kind, i, g))
    return found


def _windows(text: str, gr: Grammar) -> list[tuple[int, int]]:
    """Stretches of text around trigger words, merged, cut at whitespace (or text ends)."""
    out: list[list[int]] = []
    n = len(text)
    for m in gr.trigger.finditer(text):
        ws = max(0, m.start() - _WINDOW_BEFORE)
        if out and ws <= out[-1][1]:
            out[-1][1] = max(out[-1][1], m.end() + _WINDOW_AFTER)
        else:
            out.append([ws, m.end() + _WINDOW_AFTER])
    res = []
    for ws, we in out:
        if ws > 0:
            sp = text.rfind(" ", max(0, ws - _SNAP_REACH), ws)
            ws = sp + 1 if sp >= 0 else max(0, ws - _SNAP_REACH)
            while ws > 0 and not text[ws - 1].isspace():
                ws -= 1
        we = min(n, we)
        while we < n and not text[we].isspace():
            we += 1
        res.append((ws, we))
    # re-merge after snapping
    merged: list[tuple[int, int]] = []
    for ws, we in res:
        if merged and ws <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], we))
        else:
            merged.append((ws, we))
    return merged


def _blocked_stretches(text: str, gr: Grammar) -> list[tuple[int, int]]:
    """The not-a-time stretches of ``text``, sorted (each at most _MAX_BLOCK long)."""
    blocked: list[tuple[int, int]] = []
    for pat, unless in gr.not_time:
        for m in pat.finditer(text):
            if unless is not None and unless.search(text, max(0, m.start() - _UNLESS_REACH), m.start()):
                continue
            blocked.append((m.start(), min(m.end(), m.start() + _MAX_BLOCK)))
    blocked.sort()
    return blocked


def _blocked(c: Cand, blocked: list[tuple[int, int]], starts: list[int]) -> bool:
    """Does ``c`` overlap a not-a-time stretch? (``blocked`` sorted, ``starts`` its starts)."""
    i = bisect_left(starts, c.start - _MAX_BLOCK)
    while i < len(blocked) and blocked[i][0] < c.end:
        s, e = blocked[i]
        i += 1
        if e <= c.start:
            continue
        # a date with a month that only partly overlaps a blocked stretch survives
        if c.kind in ("date", "time") and ("month" in c.g or "mnum" in c.g) and not (s <= c.start and c.end <= e):
            continue
        return True
    return False
