"""Quotations no cue claimed.

A label before the quotation names its speaker: "Said Name: “…”" (an inverted cue), a quote
list ("— Name “…”"), "Name: “…”" (headline style). Otherwise a quotation following another
one of the same speaker is that speaker talking on; anything else of sentence length is a
quote with an unknown speaker. Short fragments and titles (“State of the Union”) are not
quotes.
"""

from __future__ import annotations

import itertools
import re
from bisect import insort
from typing import Optional

from storyline.extract.docindex import Intervals
from storyline.extract.quotes.candidate import Candidate, Scan
from storyline.extract.quotes.lexicon import lex
from storyline.extract.quotes.marks import Quotation

_WORD = re.compile(r"[^\W\d_][\w’'‑-]*")
_NAME = r"([A-Z][\w.’'‑-]*(?:[ \u00a0][A-Z][\w.’'‑-]*){0,3})"  # up to four capitalised words
_NAME_COLON = re.compile(_NAME + r"\s*:\s*$")
_DASH_NAME = re.compile(r"\s*(?:--|—|–)\s*" + _NAME + r"\s*[:,]?\s*")


def is_title(inner: str) -> bool:
    """Title Case words with no sentence punctuation: the name of a show, book or film."""
    words = _WORD.findall(inner)
    if not words or re.search(r"[,;!?]", inner):
        return False
    small = lex().title_small_words
    return all(w[0].isupper() or w.lower() in small for w in words) and words[0][0].isupper()


def leftovers(scan: Scan, claimed: list[Candidate]) -> list[Candidate]:
    """The quotes among the quotations no claim in ``claimed`` overlaps."""
    out: list[Candidate] = []
    text = scan.text
    all_c = sorted(claimed, key=lambda c: c.content[0])
    covered = Intervals(c.content for c in claimed)
    for q in scan.quotations:
        if covered.overlaps(q.start, q.end):
            continue
        inner = text[q.inner[0]:q.inner[1]]
        words = _WORD.findall(inner)
        line_start = text.rfind("\n", 0, q.start) + 1
        before = text[line_start:q.start]
        m = _NAME_COLON.search(before)
        labelled = _labelled(q, scan, line_start, before, m, words)
        if labelled is not None:
            out.append(labelled)
            continue
        if is_title(inner) and len(words) <= 6 and not m:
            continue  # a title: “State of the Union”, “Face the Nation”
        sentence_like = len(words) >= 4 and (re.search(r"[.!?…][”\"’»]?$", text[q.start:q.end]) or len(words) >= 8
                                             or re.search(r"[,][”\"’»]$", text[q.start:q.end]))
        if not sentence_like:
            continue
        cand = Candidate(content=(q.start, q.end), kind="direct", via="continuation")
        _talking_on(cand, q, all_c, out, text)
        out.append(cand)
        insort(all_c, cand, key=lambda c: c.content[0])  # after those with the same start, as a stable sort
    return out


def _labelled(q: Quotation, scan: Scan, line_start: int, before: str, m: Optional[re.Match],
              words: list[str]) -> Optional[Candidate]:
    """A quotation whose speaker is named on its line before it (``m``: "Name:" before it)."""
    if m and scan.lex.inverted_cues.match(m.group(1)):
        # "Said Ellis: “…”": an inverted cue before the name
        verb_end = m.start(1) + m.group(1).index(" ")
        return Candidate(content=(q.start, q.end), kind="direct",
                         source=(line_start + verb_end + 1, line_start + m.end(1)),
                         cue=(line_start + m.start(1), line_start + verb_end),
                         cue_text=m.group(1).split()[0], via="colon")
    dash = _DASH_NAME.fullmatch(before)
    if dash and len(words) >= 3:
        # a quote list: "— Maria Lopez “We were never asked.”"
        d = line_start + before.index(dash.group(0).strip()[0])
        return Candidate(content=(q.start, q.end), kind="direct",
                         source=(line_start + dash.start(1), line_start + dash.end(1)),
                         cue=(d, d + len(dash.group(0).strip().split()[0])),
                         cue_text=dash.group(0).strip().split()[0], via="dash")
    if m and len(words) >= 1:
        # "Okafor: “We Will Rebuild”": headline style
        colon = line_start + before.rindex(":")
        return Candidate(content=(q.start, q.end), kind="direct",
                         source=(line_start + m.start(1), line_start + m.end(1)),
                         cue=(colon, colon + 1), cue_text=":", via="colon")
    return None


def _talking_on(cand: Candidate, q: Quotation, claimed: list[Candidate], found: list[Candidate], text: str) -> None:
    """The same speaker talking on: a quote of a known speaker shortly before (no other
    sentence of 40 characters in between, at most three line breaks) passes its speaker on.
    The quote before is the last of ``found`` (this pass's quotes so far), else of
    ``claimed`` (the claims, by start), that ends before ``q``."""
    prev = None
    for c in itertools.chain(reversed(found), reversed(claimed)):
        if c.content[1] <= q.start and (prev is None or c.content[1] > prev.content[1]):
            prev = c  # the nearest before q, of either list (an unattributed quote earlier is not it)
    if prev is not None and prev.kind in ("direct", "mixed", "partial") and (prev.source or prev.inherited_from):
        between = text[prev.content[1]:q.start]
        if between.count("\n") <= 3 and not re.search(r"[.!?]\s+[A-Z][^“\"]{40,}", between):
            cand.inherited_from = prev.inherited_from or prev
            cand.cue = None
