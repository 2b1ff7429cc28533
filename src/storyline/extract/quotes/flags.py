"""Unattributed claims: strong accusations the article states on its own authority, flagged
``unattributed`` (the predicates and hedges are in ``attribution.toml`` ``[unattributed]``)."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from storyline.extract.docindex import Intervals
from storyline.extract.quotes.candidate import Candidate
from storyline.extract.quotes.content import trim
from storyline.extract.quotes.lexicon import Lexicon, lex, plain
from storyline.model import Document, Flag
from storyline.textutil import sentences


def unattributed(document: Document, doc: Doc, cands: list[Candidate]) -> list[Flag]:
    """Flag strong accusatory claims stated by the article itself, with no source.

    High precision by design: only sentences in a reporting section whose main verb is an
    accusation predicate from the lexicon ("orchestrated", "betrayed", "rigged") with a named
    subject, not in a quotation, not part of any attributed content, and with no hedge or
    attribution anywhere in the sentence.
    """
    lx = lex()
    if not lx.unattributed_predicates:
        return []
    hedge = lx.unattributed_hedges | lx.hedge_adverbs | lx.modals
    flags = []
    covered = Intervals(c.content for c in cands)
    for sent in sentences(doc):
        if document.section_kind_at(sent.start_char) != "reporting":
            continue
        root = sent.root
        if root.lemma_.lower() not in lx.unattributed_predicates or root.pos_ != "VERB":
            continue
        if covered.overlaps(sent.start_char, sent.end_char):
            continue
        if not _bare_accusation(sent, root, hedge, lx):
            continue
        span = trim(document.text, (sent.start_char, sent.end_char), [])
        if span[1] < len(document.text) and document.text[span[1]] in ".!?":
            span = (span[0], span[1] + 1)
        flags.append(Flag(type="unattributed", message=f"Strong claim stated without a source: “{plain(sent.text.strip())[:160]}”",
                          spans=[span], details={"predicate": root.lemma_.lower()}))
    return flags


def _bare_accusation(sent: Span, root: Token, hedge: frozenset, lx: Lexicon) -> bool:
    """No hedge, cue or quotation in the sentence; a named subject; not negated."""
    if any(t.lower_ in hedge or t.lemma_.lower() in lx.cues for t in sent):
        return False
    if any(ch in sent.text for ch in lx.unattributed_marks):
        return False
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subj is None or not (subj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or subj.pos_ == "PROPN"):
        return False
    return not any(c.dep_ == "neg" for c in root.children)
