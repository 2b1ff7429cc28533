"""Noun cues: a noun of saying with a that-clause, its owner as source ("Trump's claim that
he opposed the war", "her warning that prices would rise", "the assertion by the ministry
that …"); the nouns are in ``attribution.toml`` ``[nouns]``."""

from __future__ import annotations

from typing import Optional

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Token

from storyline.extract.docindex import tokens_where
from storyline.extract.quotes.candidate import Candidate, Scan
from storyline.extract.quotes.content import snap, trim
from storyline.extract.quotes.lexicon import Lexicon
from storyline.extract.quotes.marks import in_quote
from storyline.extract.quotes.phrases import np_span, source_like


def noun_cues(scan: Scan) -> list[Candidate]:
    """The claims cued by nouns of saying, in text order."""
    lex = scan.lex
    out = []
    cues = lex.noun_cues
    # a noun of saying: its lemma, its word or its word without a plural s is a cue noun
    by_word = tokens_where(scan.doc, LOWER, lambda s: s in cues or s.rstrip("s") in cues)
    by_lemma = tokens_where(scan.doc, LEMMA, lambda s: s.lower() in cues)
    for tok in sorted({t.i: t for t in by_word + by_lemma}.values(), key=lambda t: t.i):
        nominal = tok.pos_ == "NOUN" or tok.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "attr", "appos")
        if not nominal or in_quote(tok.idx, scan.quotations) or not scan.readable(tok):
            continue
        clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp") and c.i > tok.i and any(
            m.dep_ == "mark" and m.lower_ in lex.noun_complementizers and m.i == c.left_edge.i for m in c.children)), None)
        if clause is None:
            continue
        src = _owner(tok, clause, lex)
        if src is None or not source_like(src, lex):
            continue
        content = trim(scan.text, (clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge.text)), scan.quotations)
        content, kind = snap(content, scan.quotations, scan.text)
        cand = Candidate(content=content, kind=kind, source=np_span(src) if src.dep_ != "poss" else (src.idx, src.idx + len(src.text)),
                         source_head=src, cue=(tok.idx, tok.idx + len(tok.text)), cue_token=tok, cue_text=tok.text, via="noun")
        cand.status = lex.status.get(tok.lemma_.lower(), "asserted")
        out.append(cand)
    return out


def _owner(noun: Token, clause: Token, lex: Lexicon) -> Optional[Token]:
    """Whose claim it is: the possessive ("her warning"), else the object of a source
    preposition before the clause ("the assertion by the ministry that …")."""
    src = next((c for c in noun.children if c.dep_ == "poss"), None)
    if src is None:
        for p in noun.children:
            if p.dep_ == "prep" and p.lower_ in lex.noun_source_preps and p.i < clause.i:
                src = next((g for g in p.children if g.dep_ == "pobj"), None)
                if src is not None:
                    break
    return src
