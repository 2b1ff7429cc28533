"""Content spans: trimming them, snapping them to the quotations they overlap (which decides
``direct`` / ``partial`` / ``indirect``), joining a quotation split by its cue, and ending a
claim where a contrast brings in another source."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from storyline.extract.quotes.candidate import Candidate, Scan
from storyline.extract.quotes.lexicon import typography
from storyline.extract.quotes.marks import Quotation, QuoteList

LETTER = re.compile(r"[^\W\d_]")  # any letter: a content with none is no claim


def trim(text: str, span: tuple[int, int], quotations: list[Quotation]) -> tuple[int, int]:
    """``span`` without spaces and boundary punctuation at either end (punctuation inside a
    quotation stays: “We will rebuild,”)."""
    boundary = typography().boundary
    s, e = span
    while s < e and (text[s].isspace() or text[s] in boundary):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in boundary):
        # keep punctuation that sits inside a quotation
        if _inside_any(quotations, e - 1) and not text[e - 1].isspace():
            break
        e -= 1
    return s, e


def _inside_any(quotations: list[Quotation], pos: int) -> bool:
    if isinstance(quotations, QuoteList):
        return quotations.inside_any(pos)
    return any(q.start < pos < q.end for q in quotations)


def snap(span: tuple[int, int], quotations: list[Quotation], text: str) -> tuple[tuple[int, int], str]:
    """Snap a content span to the quotation(s) it overlaps; decide direct/partial/indirect."""
    s, e = span
    if isinstance(quotations, QuoteList):
        over = quotations.overlapping(s, e)
    else:
        over = [q for q in quotations if q.start < e and s < q.end]
    if not over:
        return (s, e), "indirect"
    qs, qe = min(q.start for q in over), max(q.end for q in over)
    # words of the content outside any quotation
    outside = text[s:e]
    for q in sorted(over, key=lambda q: -q.start):
        a, b = max(q.start, s) - s, min(q.end, e) - s
        outside = outside[:a] + " " + outside[b:]
    if not LETTER.search(outside) or (len(over) == 1 and qs <= s and qe >= e):
        return (min(s, qs), max(e, qe)), "direct"
    # quoted fragments inside reported speech; extend to cover any quotation it cuts
    return (min(s, qs), max(e, qe)), "partial"


def sandwich(scan: Scan, content: tuple[int, int], cue: tuple[int, int]) -> tuple[int, int]:
    """“That,” he added, “promises to make life harder.”: one quotation split by its cue.

    When the quotation on one side of the cue clause ends in a comma and the one on the
    other side goes on in lower case, they are one sentence: the quote spans both."""
    text = scan.text
    qs = scan.quotations if isinstance(scan.quotations, QuoteList) else QuoteList(scan.quotations)
    # only a pair with the content on one side can match: the quotations equal to it, and their neighbours
    same = [k for k in range(bisect_left(qs.starts, content[0]), bisect_right(qs.starts, content[0]))
            if qs[k].end == content[1]]
    pairs = sorted({j for k in same for j in (k - 1, k) if 0 <= j < len(qs) - 1})
    for a, b in ((qs[j], qs[j + 1]) for j in pairs):
        if not (a.closed and a.end <= cue[0] and b.start >= cue[1]):
            continue
        if (a.start, a.end) != content and (b.start, b.end) != content:
            continue
        gap = text[a.end:b.start]
        inner_b = text[b.inner[0]:b.inner[1]].lstrip()
        if len(gap) > 120 or re.search(r"[.!?\n]\s", _without_abbreviations(gap, scan.lex.abbreviations)):
            continue
        if text[a.inner[1] - 1:a.inner[1]] in (",", "—", "–") and inner_b[:1].islower():
            return a.start, b.end
    return content


def _without_abbreviations(gap: str, abbreviations: tuple[str, ...]) -> str:
    """``gap`` with the abbreviations whose full stop ends no sentence ("Mr. ") taken out."""
    for a in abbreviations:
        gap = gap.replace(a + " ", "")
    return gap


def cut_contrasts(scan: Scan, cands: list[Candidate]) -> None:
    """"The ministry said it welcomed the plan, while the rights group said …": a contrast
    that brings in another source's claim ends the first content."""
    text = scan.text
    # the claims b with a source and a cue, by where their cue ends; a source starts at most
    # ``reach`` characters after the end of its cue
    sourced = sorted((b.cue[1], i) for i, b in enumerate(cands) if b.source is not None and b.cue is not None)
    ends = [e for e, _ in sourced]
    reach = max([0] + [b.source[0] - b.cue[1] for b in cands if b.source is not None and b.cue is not None])
    for a in cands:
        if a.kind != "indirect":
            continue
        # a's content only shrinks below: the claims b in its first extent are all that can match
        lo, hi = bisect_right(ends, a.content[0] - reach), bisect_right(ends, a.content[1])
        for b in [cands[i] for i in sorted(i for _, i in sourced[lo:hi])]:
            if b is a:
                continue
            if not (a.content[0] < b.source[0] and b.cue[1] <= a.content[1]):
                continue
            seg = text[a.content[0]:b.source[0]]
            found = list(scan.lex.contrasts.finditer(seg))
            m = found[-1] if found else None
            if m is not None and m.start() > 0:
                a.content = trim(text, (a.content[0], a.content[0] + m.start()), scan.quotations)
