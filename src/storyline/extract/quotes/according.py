"""Source phrases: "according to X" and "per X" (``attribution.toml`` ``[according]``).

The content is the clause the phrase vouches for: the one before it when a conjunction
follows ("X happened, according to Y, but …"), the one after it when nothing comes before,
else the longer of the two. A phrase that sources a report of speech already found ("…,” he
said, according to footage broadcast by …") is that quote's medium, not a new claim.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Optional

from spacy.attrs import LOWER
from spacy.tokens import Token

from storyline.extract.docindex import tokens_where
from storyline.extract.quotes.candidate import Candidate, Scan
from storyline.extract.quotes.content import snap, trim
from storyline.extract.quotes.lexicon import plain
from storyline.extract.quotes.marks import in_quote
from storyline.extract.quotes.phrases import np_span


def according(scan: Scan, claimed: list[Candidate]) -> list[Candidate]:
    """The claims sourced by a source phrase; ``claimed``: the cue claims found so far."""
    lex = scan.lex
    out = []
    by_cue = _ByCue(claimed)
    for tok in tokens_where(scan.doc, LOWER, lambda s: s in lex.according or s in lex.according_names):
        if in_quote(tok.idx, scan.quotations) or not scan.readable(tok):
            continue
        found = _phrase(tok, scan)
        if found is None:
            continue
        pobj, cue_span = found
        src = np_span(pobj)
        content = _vouched(tok, src, scan)
        if content[1] - content[0] < 3:
            continue
        if _medium_of_claim(tok, pobj, src, content, by_cue, scan):
            continue
        content, kind = snap(content, scan.quotations, scan.text)
        out.append(Candidate(content=content, kind=kind, source=src, source_head=pobj, cue=cue_span,
                             cue_token=tok, cue_text=scan.text[cue_span[0]:cue_span[1]], via="according"))
    return out


def _phrase(tok: Token, scan: Scan) -> Optional[tuple[Token, tuple[int, int]]]:
    """The source (object) of a phrase starting at ``tok``, and the span of the phrase's words."""
    lex, doc = scan.lex, scan.doc
    if tok.lower_ in lex.according:
        second = lex.according[tok.lower_]
        to = next((c for c in tok.children if c.lower_ == second), None)
        if to is None and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == second:
            to = doc[tok.i + 1]
        if to is None:
            return None
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        cue_span = (tok.idx, to.idx + len(to.text))
    elif tok.lower_ in lex.according_names:
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if pobj is None or pobj.pos_ not in ("PROPN",):
            return None
        cue_span = (tok.idx, tok.idx + len(tok.text))
    else:
        return None
    return (pobj, cue_span) if pobj is not None else None


def _vouched(tok: Token, src: tuple[int, int], scan: Scan) -> tuple[int, int]:
    """The clause of the phrase's sentence that the phrase vouches for."""
    text = scan.text
    sent = tok.sent
    phrase = (tok.idx, src[1])
    left = trim(text, (sent.start_char, phrase[0]), scan.quotations)
    right = trim(text, (phrase[1], sent.end_char), scan.quotations)
    right_text = text[right[0]:right[1]].lower()
    if scan.lex.according_connectives.match(right_text):
        return left  # "X happened, according to Y, but …": Y vouches for the first clause
    if left[1] - left[0] < 3 or re.fullmatch(r"[^\w]*", text[left[0]:left[1]]):
        return right
    return left if (left[1] - left[0]) >= (right[1] - right[0]) else right


class _ByCue:
    """Claims by where their cue starts."""

    def __init__(self, claimed: list[Candidate]):
        self.claimed = claimed
        self.rows = sorted((c.cue[0], i) for i, c in enumerate(claimed) if c.cue)
        self.starts = [r[0] for r in self.rows]

    def within(self, start: int, end: int) -> list[Candidate]:
        """The claims whose cue starts in ``[start, end)``, in their order in ``claimed``."""
        lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return [self.claimed[i] for i in sorted(i for _, i in self.rows[lo:hi])]


def _medium_of_claim(tok: Token, pobj: Token, src: tuple[int, int], content: tuple[int, int],
                     claimed: _ByCue, scan: Scan) -> bool:
    """"…,” he said, according to footage broadcast by …": the phrase sources a report of
    speech already found; it becomes that quote's medium (when it has none) instead of a claim."""
    inner = claimed.within(content[0], content[1])
    lemma = pobj.lemma_.lower()
    media_like = lemma in scan.lex.media_nouns or lemma in scan.lex.report_nouns
    if inner and media_like and inner[-1].cue[0] < tok.idx:
        if inner[0].medium is None:
            inner[0].medium = (plain(scan.text[src[0]:src[1]]), src)
        return True
    return False
