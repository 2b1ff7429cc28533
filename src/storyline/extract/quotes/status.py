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

from bisect import bisect_left

from spacy.tokens import Doc, Span

from storyline.extract.quotes.candidate import Candidate
from storyline.extract.quotes.content import trim
from storyline.extract.quotes.evidence import Claims, evidence_target
from storyline.extract.quotes.lexicon import lex
from storyline.extract.quotes.marks import Quotation, in_quote
from storyline.lexicon import figures
from storyline.model import Document, Evidence
from storyline.textutil import doc_text, sentences

RANK = {"asserted": 0, "hedged": 1, "speculative": 2, "unverified": 3, "disputed": 4, "denied": 5}
EVIDENCE_ORDER = ("disputed", "unverified", "speculative")  # the statuses an evidence sentence is read for, in turn


def statuses(document: Document, doc: Doc, text: str, cands: list[Candidate], quotations: list[Quotation]) -> None:
    """Set the status (and evidence) of every claim in ``cands``."""
    own_statuses(doc, cands, quotations)
    sents = sentences(doc)
    claims = Claims(doc, cands)
    figs = _Figures(figures.read(document))
    for si, sent in enumerate(sents):
        _read_evidence(document, doc, text, sents, si, claims, quotations, figs)
    _rival_figures(claims, figs)


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
        if denial(doc, c):
            c.status = "denied"
        elif c.kind != "direct" and hedged(doc, c, quotations):
            c.status = "hedged"


def denial(doc: Doc, c: Candidate) -> bool:
    """Is the claim itself a denial that something exists: its first clause "there is/was/has
    been no …" ("There were no armed men there", "There has been no report of deaths")?"""
    sp = doc.char_span(c.content[0], c.content[1], alignment_mode="expand")
    if sp is None:
        return False
    first = next((t for t in sp if t.is_alpha), None)
    if first is None or first.dep_ != "expl" or first.lower_ != "there":
        return False
    if any(t.is_sent_start for t in sp[1:]):
        return False  # several sentences: the first one's denial is not the whole claim's
    verb = first.head
    return any(d.lower_ == "no" and d.dep_ == "det" for k in verb.children if k.dep_ in ("attr", "nsubj", "dobj")
               for d in k.children)


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


FIGURE_REACH = 3
"""Sentences on either side of evidence about a figure ("prevented Reuters from verifying
the death toll") whose claims of counts of people it qualifies."""


class _Figures:
    """A document's counts of people (:func:`storyline.lexicon.figures.read`), looked up by offset."""

    def __init__(self, figs: list[figures.Figure]):
        self.all = sorted(figs, key=lambda f: f.span)
        self._starts = [f.span[0] for f in self.all]

    def within(self, lo: int, hi: int) -> bool:
        """Is a figure wholly inside ``[lo, hi)``?"""
        return any(f.span[1] <= hi for f in self.all[bisect_left(self._starts, lo):bisect_left(self._starts, hi)])


def _with_figures(claims: Claims, figs: _Figures, lo: int, hi: int) -> list[Candidate]:
    """The claims with content in ``[lo, hi)`` that give a count of people (killed, wounded, …)."""
    fig_verbs = lex().figure_verbs
    return [c for c in claims.starting(lo, hi) if figs.within(*c.content)
            or (c.cue_token is not None and c.cue_token.lemma_.lower() in fig_verbs)]  # "put the number at eight"


def _figure_targets(doc: Doc, sents: list[Span], si: int, claims: Claims, figs: _Figures) -> list[Candidate]:
    """Evidence about a count ("the death toll", "the number of militants killed") qualifies
    every claim of a count of people near it."""
    sent = sents[si]
    lx = lex()
    if not any(t.lemma_.lower() in lx.figure_nouns or t.lower_ in lx.figure_nouns for t in sent):
        return []
    text = doc_text(doc)  # the parse's text, kept: spaCy's doc.text rebuilds it each time
    par_lo = text.rfind("\n", 0, sent.start_char) + 1
    par_hi = text.find("\n", sent.end_char)
    par_hi = len(text) if par_hi < 0 else par_hi
    lo = max(par_lo, sents[max(0, si - FIGURE_REACH)].start_char)
    hi = min(par_hi, sents[min(len(sents) - 1, si + FIGURE_REACH)].end_char)
    got = [c for c in _with_figures(claims, figs, lo, hi) if not (c.content[0] <= sent.start_char < c.content[1])]
    if not got and not text[par_lo:sent.start_char].strip():
        # a paragraph of its own after the claims: "A blackout prevented Reuters from verifying the toll."
        prev_lo = par_lo
        while prev_lo > 0 and not text[prev_lo:par_lo].strip():  # back over blank lines to the paragraph before
            prev_lo = text.rfind("\n", 0, prev_lo - 1) + 1
        got = _with_figures(claims, figs, max(prev_lo, sents[max(0, si - FIGURE_REACH)].start_char), par_lo)
    return got


def _rival_figures(claims: Claims, figs: _Figures) -> None:
    """Two sources who give counts of the same thing that do not agree ("the military said 25
    died, but a local official put the number at eight"): each claim is disputed by the other."""
    for a, b in figures.in_document(figs.all):
        ca, cb = claims.containing(*a.span), claims.containing(*b.span)
        if ca is None or cb is None or ca is cb or not (ca.speaker_name or ca.speaker) or not (cb.speaker_name or cb.speaker):
            continue
        if (ca.speaker or ca.speaker_name) == (cb.speaker or cb.speaker_name):
            continue  # one source revising its own count
        for c in (ca, cb):
            if RANK[c.status] < RANK["disputed"]:
                c.status = "disputed"


def _read_evidence(document: Document, doc: Doc, text: str, sents: list[Span], si: int,
                   claims: Claims, quotations: list[Quotation], figs: _Figures) -> None:
    """Sentence ``si`` as evidence: the first status whose phrase it holds (outside a
    quotation) and whose claim is found qualifies that claim."""
    sent = sents[si]
    s_text = doc_text(doc)[sent.start_char:sent.end_char]  # sent.text, without rebuilding it
    if not lex().evidence_cue.search(s_text):
        return
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
        targets = [target] if target is not None else []
        if status in ("unverified", "disputed"):
            targets += [c for c in _figure_targets(doc, sents, si, claims, figs) if c is not target]
        if not targets:
            continue
        ev = _evidence(text, sent, ev_pos)
        for target in targets:
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
