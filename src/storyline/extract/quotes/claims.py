"""All the claims of one text: the passes, in order.

1. verb cues and noun cues (a noun cue the verb only repeats wins: "repeated her warning
   that …"; a verb that denies it is a claim too and the noun's claim is disputed:
   "rejected their accusations that …"), contrasts cut ("…, while the rights group said …");
2. "according to" phrases;
3. one candidate per content;
4. "Name: clause" lines;
5. quotations no cue claimed.
"""

from __future__ import annotations

import heapq

from spacy.tokens import Doc

from storyline.extract.quotes.according import according
from storyline.extract.quotes.candidate import Candidate, Scan
from storyline.extract.quotes.colon import colon_claims
from storyline.extract.quotes.content import cut_contrasts
from storyline.extract.quotes.cues import verb_cues
from storyline.extract.quotes.leftovers import leftovers
from storyline.extract.quotes.nouns import noun_cues


def find_claims(scan: Scan) -> list[Candidate]:
    """The claims of the text of ``scan``, sorted by content (unresolved: no speakers yet)."""
    cues = verb_cues(scan)
    nouns = [c for c in noun_cues(scan) if not any(o.content == c.content for o in cues)]
    # "repeated her warning that …": the noun carries the claim, the verb only repeats it; but
    # "rejected Pakistan's accusations that …" contests it: both are claims, the noun's disputed
    kept = []
    for o in cues:
        objects = [n for n in nouns if o.cue_token is not None and n.cue_token.head.i == o.cue_token.i
                   and n.cue_token.dep_ == "dobj"]
        if objects and o.status in ("denied", "disputed"):
            for n in objects:
                n.status = "disputed"
        if not objects or o.status in ("denied", "disputed"):
            kept.append(o)
    cues = kept + nouns
    cut_contrasts(scan, cues)
    cands = cues + according(scan, cues)
    cands = dedupe(cands)
    cands += colon_claims(scan, cands)
    cands += leftovers(scan, cands)
    cands = cap_nesting(cands)
    cands.sort(key=lambda c: (c.content[0], c.content[1]))
    return cands


MAX_NESTING = 4
"""At most this many claims' contents cover any one character: "X said Y said Z denied
that …" is three; more is a run of nested, unbalanced quotation marks or cue verbs, whose
contents would otherwise repeat the rest of the text once per level."""


def cap_nesting(cands: list[Candidate], limit: int = MAX_NESTING) -> list[Candidate]:
    """The claims, outer ones first, but any that would put a character in more than
    ``limit`` contents (their order in ``cands`` is kept)."""
    kept: set[int] = set()
    open_ends: list[int] = []  # the ends of the kept contents that cover the current start
    for i in sorted(range(len(cands)), key=lambda i: (cands[i].content[0], -cands[i].content[1])):
        s, e = cands[i].content
        while open_ends and open_ends[0] <= s:
            heapq.heappop(open_ends)
        if len(open_ends) >= limit:
            continue
        kept.add(i)
        if s < e:
            heapq.heappush(open_ends, e)
    return [c for i, c in enumerate(cands) if i in kept]


def claims_of(text: str, parsed: Doc) -> tuple[list[Candidate], Scan]:
    """The claims of ``text`` (parsed as ``parsed``), and the scan they were read from."""
    scan = Scan.of(text, parsed)
    return find_claims(scan), scan


def dedupe(cands: list[Candidate]) -> list[Candidate]:
    """One candidate per content: the first found, unless only a later one has a source.

    Nested contents are all kept: a content that contains another cue and its source is an
    outer report of that claim ("X said Y denied that …")."""
    out: list[Candidate] = []
    where: dict[tuple[int, int], int] = {}  # content -> its place in out
    for c in sorted(cands, key=lambda c: (c.content[0], -(c.content[1] - c.content[0]))):
        k = where.get(tuple(c.content))
        if k is None:
            where[tuple(c.content)] = len(out)
            out.append(c)
            continue
        if out[k].source is None and c.source is not None:
            out[k] = c
    return out
