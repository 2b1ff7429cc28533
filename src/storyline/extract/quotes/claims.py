"""All the claims of one text: the passes, in order.

1. verb cues and noun cues (a noun cue the verb only repeats wins: "repeated her warning
   that …"), contrasts cut ("…, while the rights group said …");
2. "according to" phrases;
3. one candidate per content;
4. "Name: clause" lines;
5. quotations no cue claimed.
"""

from __future__ import annotations

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
    # "repeated her warning that …": the noun carries the claim, the verb only repeats it
    cues = [o for o in cues if not any(n.cue_token.head.i == o.cue_token.i and n.cue_token.dep_ == "dobj"
                                       for n in nouns if o.cue_token is not None)]
    cues += nouns
    cut_contrasts(scan, cues)
    cands = cues + according(scan, cues)
    cands = dedupe(cands)
    cands += colon_claims(scan, cands)
    cands += leftovers(scan, cands)
    cands.sort(key=lambda c: (c.content[0], c.content[1]))
    return cands


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
