"""The status of each claim: ``asserted``, ``hedged``, ``speculative``, ``unverified``,
``disputed`` or ``denied``.

The cue gives the first one ("denied", "speculated", in ``attribution.toml``
``[verbs.status]``); a speculative source ("unconfirmed reports", "rumours") makes a claim
speculative; a hedge governing the claim ("could", "may", "possibly") hedged. Then evidence
sentences anywhere in the article ("could not be independently verified", "has not
publicly disclosed any names", "a claim the police denied", "X rejected the allegation",
``[evidence]``) raise the status of the claim they qualify
(:func:`~storyline.extract.quotes.evidence.evidence_target`) and are kept as its evidence.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from storyline.extract.quotes.candidate import Candidate
from storyline.extract.quotes.content import trim
from storyline.extract.quotes.evidence import Claims, evidence_target
from storyline.extract.quotes.lexicon import lex
from storyline.extract.quotes.marks import Quotation, in_quote
from storyline.model import Document, Evidence
from storyline.textutil import sentences

RANK = {"asserted": 0, "hedged": 1, "speculative": 2, "unverified": 3, "disputed": 4, "denied": 5}
EVIDENCE_ORDER = ("disputed", "unverified", "speculative")  # the statuses an evidence sentence is read for, in turn


def statuses(document: Document, doc: Doc, text: str, cands: list[Candidate], quotations: list[Quotation]) -> None:
    """Set the status (and evidence) of every claim in ``cands``."""
    own_statuses(doc, cands, quotations)
    sents = sentences(doc)
    claims = Claims(doc, cands)
    for si, sent in enumerate(sents):
        _read_evidence(document, doc, text, sents, si, claims, quotations)


def own_statuses(doc: Doc, cands: list[Candidate], quotations: list[Quotation]) -> None:
    """Statuses from the claim itself: a speculative source, a hedge."""
    lx = lex()
    for c in cands:
        head = c.source_head
        if head is not None and c.status in ("asserted", "hedged"):
            mods = {t.lower_ for t in head.subtree if t.i < head.i}
            if mods & lx.spec_mods or head.lemma_.lower() in lx.spec_nouns:
                c.status = "speculative"  # "unconfirmed reports suggested"
                continue
        if c.status != "asserted":
            continue
        if c.kind != "direct" and hedged(doc, c, quotations):
            c.status = "hedged"


def hedged(doc: Doc, c: Candidate, quotations: list[Quotation]) -> bool:
    """Is the claim's main verb hedged ("could", "may", "possibly"), outside quoted words?"""
    lx = lex()
    sp = doc.char_span(c.content[0], c.content[1], alignment_mode="expand")
    if sp is None:
        return False
    roots = [t for t in sp if t.head.i < sp.start or t.head.i >= sp.end or t.head.i == t.i]
    roots += [t for r in roots for t in r.children if t.dep_ == "conj"]
    roots += [t for r in roots for t in r.children if t.dep_ in ("ccomp", "xcomp") and t.pos_ in ("VERB", "AUX")]
    for r in roots:
        for t in r.children:
            if in_quote(t.idx, quotations):
                continue
            if t.dep_ == "aux" and t.lower_ in lx.modals:
                return True
            if t.dep_ == "advmod" and t.lower_ in lx.hedge_adverbs:
                return True
    return False


def _read_evidence(document: Document, doc: Doc, text: str, sents: list[Span], si: int,
                   claims: Claims, quotations: list[Quotation]) -> None:
    """Sentence ``si`` as evidence: the first status whose phrase it holds (outside a
    quotation) and whose claim is found qualifies that claim."""
    sent = sents[si]
    s_text = sent.text
    for status in EVIDENCE_ORDER:
        m = None
        for rx in lex().evidence.get(status, ()):
            m = rx.search(s_text)
            if m:
                break
        if not m:
            continue
        ev_pos = sent.start_char + m.start()
        if in_quote(ev_pos, quotations):
            continue
        target = evidence_target(document, doc, sents, si, ev_pos, claims, status, m.group(0))
        if target is None:
            continue
        ev = _evidence(text, sent, ev_pos)
        if all(e.span != ev.span for e in target.evidence):
            target.evidence.append(ev)
        if RANK[status] > RANK[target.status] or (target.status == "hedged" and status == "speculative"):
            if target.status != "denied":
                target.status = status
        break


def _evidence(text: str, sent: Span, ev_pos: int) -> Evidence:
    """The evidence as quoted: the part of its sentence on the phrase's line, with its full stop."""
    a = max(sent.start_char, text.rfind("\n", 0, ev_pos) + 1)
    b = text.find("\n", ev_pos)
    b = sent.end_char if b < 0 else min(b, sent.end_char)
    a, b = trim(text, (a, b), [])
    b = b + 1 if b < len(text) and text[b] in ".!?" else b
    return Evidence(text=text[a:b], span=(a, b))
