"""Which claim an evidence sentence qualifies ("could not be independently verified", "a
claim the police denied", "The commission rejected the allegation").

In order: the claim the phrase follows in its own sentence; the last claim, when the
sentence opens with an anaphor ("The claim could not be verified.") or with the phrase
itself ("If confirmed, …"); for a rejection that names the claim ("rejected the allegation")
or points at it with a pronoun ("dismissed them as false"), the last such claim by someone
else; else the
claim that best shares the evidence's subject (the same entity or country as the speaker:
"Moscow has not publicly disclosed any names") or its content words.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Optional

from spacy.tokens import Doc, Span, Token

from storyline.extract.docindex import Intervals, token_near
from storyline.extract.quotes.candidate import Candidate
from storyline.extract.quotes.lexicon import lex, plain
from storyline.extract.quotes.phrases import np_span
from storyline.model import Document


LINK_WINDOW = 100
"""Sentences on either side of an evidence sentence whose claims it may qualify by shared
words (step 3): "could not be verified" qualifies a claim near it, and the work per evidence
sentence stays bounded however long the article is."""


class Claims:
    """The claims of one document, indexed by where their contents start: the evidence
    reader asks for the claims of a stretch of sentences, never scans them all."""

    def __init__(self, doc: Doc, cands: list[Candidate]):
        self.doc, self.cands = doc, cands
        self._order = sorted(range(len(cands)), key=lambda i: cands[i].content[0])
        self._starts = [cands[i].content[0] for i in self._order]
        self._covered = Intervals(c.content for c in cands)
        self._reach = max((c.content[1] - c.content[0] for c in cands), default=0)  # the longest content
        self._words: dict[tuple[int, int], set[str]] = {}

    def starting(self, lo: int, hi: int) -> list[Candidate]:
        """The claims whose content starts in ``[lo, hi)``, in their order in the document's list."""
        a, b = bisect_left(self._starts, lo), bisect_left(self._starts, hi)
        return [self.cands[i] for i in sorted(self._order[a:b])]

    def containing(self, lo: int, hi: int) -> Optional[Candidate]:
        """The first claim (in the document's list) whose content holds ``[lo, hi)``."""
        return next((c for c in self.starting(lo - self._reach, lo + 1) if hi <= c.content[1]), None)

    def covers(self, pos: int) -> bool:
        """Is ``pos`` inside the content of a claim?"""
        return self._covered.covers(pos)

    def words(self, span: tuple[int, int]) -> set[str]:
        """:func:`content_words` of ``span``, computed once per span."""
        got = self._words.get(span)
        if got is None:
            got = self._words[span] = content_words(self.doc, span)
        return got


def evidence_target(document: Document, doc: Doc, sents: list[Span], si: int, ev_pos: int,
                    claims: Claims, status: str, ev_text: str = "") -> Optional[Candidate]:
    """The claim that the evidence phrase ``ev_text`` (at ``ev_pos``, in sentence ``si``) qualifies."""
    sent = sents[si]
    # 1. in the same sentence, outside the claim's content: "…, a claim the police denied"
    same = [c for c in claims.starting(sent.start_char, sent.end_char) if not (c.content[0] <= ev_pos < c.content[1])]
    before = [c for c in same if c.content[0] < ev_pos]
    if before and status != "speculative":
        return before[-1]  # the claim the evidence phrase follows
    if status == "speculative":
        return None  # "sources have speculated …" is itself the claim (its cue carries the status)
    if claims.covers(ev_pos):
        return None
    # 2. an anaphor opening the sentence points back at the last claim: "The claim could not be verified."
    prev = _claims_before(claims, sents, si, 3)
    opening = plain(sent.text).lower().lstrip(" “\"")
    if prev and (any(re.match(re.escape(a) + r"\b", opening) for a in lex().anaphors)
                 or (ev_text and opening.startswith(plain(ev_text).lower()))):
        return prev[-1]  # … or the phrase opens the sentence: "If confirmed, it would …"
    subj = _evidence_subject(doc, ev_pos)
    key = _actor_key(document, subj) if subj is not None else set()
    # 2b. the evidence phrase itself names the claim: "The commission rejected the allegation."
    named = lex().named_claim.search(plain(ev_text).lower())
    if status == "disputed" and named:
        target = _named_claim(document, claims, sents, si, key, named.group(1))
        if target is not None:
            return target
    # 2c. a pronoun as what is contested ("dismissed them as false", "Moscow denied it"): the
    # last claim before, by someone other than the one contesting it
    if status == "disputed" and re.search(r"\b(?:it|this|that|them|these|those)\b", plain(ev_text).lower()):
        other = [c for c in _claims_before(claims, sents, si, 3) if not (key and key & _speaker_key(document, c))]
        if other:
            return other[-1]
    # 3. the evidence is about the speaker, or about the same things
    return _best_linked(document, claims, sents, si, key)


def _claims_before(claims: Claims, sents: list[Span], si: int, n: int) -> list[Candidate]:
    """The claims of the ``n`` sentences before sentence ``si``."""
    lo, hi = sents[max(0, si - n)].start_char, sents[si].start_char
    return [c for c in claims.starting(lo, hi + 1) if c.content[1] <= hi]


def _named_claim(document: Document, claims: Claims, sents: list[Span], si: int, key: set,
                 noun: str) -> Optional[Candidate]:
    """The last claim before the rejection by someone other than the one rejecting it; the
    claim whose cue is the verb of the noun first ("the accusation" -> "accusing them of")."""
    wide = [c for c in _claims_before(claims, sents, si, 6) if not (key and key & _speaker_key(document, c))]
    verb = lex().claim_nouns[noun]
    same = [c for c in wide if c.cue_token is not None and c.cue_token.lemma_.lower() == verb]
    return (same or wide)[-1] if same or wide else None


def _best_linked(document: Document, claims: Claims, sents: list[Span], si: int,
                 key: set) -> Optional[Candidate]:
    """The claim that best shares the evidence's subject (``key``, among the claims of the ten
    sentences before) or its content words (among the claims of the ``LINK_WINDOW``
    sentences on either side); claims before the evidence, direct quotes and claims in
    reporting sections win ties."""
    sent = sents[si]
    words = claims.words((sent.start_char, sent.end_char))
    near = {id(c) for c in _claims_before(claims, sents, si, 10)}
    best, best_score = None, 0.0
    window = claims.starting(sents[max(0, si - LINK_WINDOW)].start_char,
                             sents[min(len(sents) - 1, si + LINK_WINDOW)].end_char)
    for c in window:
        if c.content[0] < sent.end_char and sent.start_char < c.content[1]:
            continue
        n = len(words & claims.words(c.content))
        same_speaker = bool(key and id(c) in near and key & _speaker_key(document, c))
        if n < 2 and not same_speaker:
            continue
        score = n + (2.0 if same_speaker else 0.0) + (0.5 if c.content[1] <= sent.start_char else 0.0)
        score += 0.5 if c.kind == "direct" else 0.0
        score += 0.5 if document.section_kind_at(c.content[0]) == "reporting" else 0.0
        if score >= best_score:
            best, best_score = c, score
    return best


def content_words(doc: Doc, span: tuple[int, int]) -> set[str]:
    """The lemmas of the nouns, names, verbs and adjectives in ``span``, but common words."""
    sp = doc.char_span(span[0], span[1], alignment_mode="expand")
    if sp is None:
        return set()
    stop = lex().stop_words
    return {t.lemma_.lower() for t in sp if t.is_alpha and not t.is_stop and t.lower_ not in stop
            and t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ")}


def _evidence_subject(doc: Doc, pos: int) -> Optional[Token]:
    """The subject of the verb the evidence phrase is built on."""
    tok = token_near(doc, pos)
    if tok is None:
        return None
    verb = tok
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            break
        nxt = next((t for t in verb.sent if t.i > verb.i and t.pos_ == "VERB"), None)
        if nxt is None:
            break
        verb = nxt
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _actor_key(document: Document, tok: Token) -> set:
    """Identity keys of a noun phrase: entity id and country, or its own head word."""
    keys: set = set()
    span = np_span(tok)
    ent = document.entity_at(*span) if document.entities else None
    if ent is not None:
        keys.add(("id", ent.id))
        if ent.country:
            keys.add(("country", ent.country))
    elif tok.pos_ == "PROPN":
        keys.add(("name", plain(tok.text).lower()))
    return keys


def _speaker_key(document: Document, c: Candidate) -> set:
    """Identity keys of a claim's speaker: entity id and country, and the words of its name."""
    keys: set = set()
    if c.speaker:
        keys.add(("id", c.speaker))
        ent = document.entity(c.speaker)
        if ent is not None and ent.country:
            keys.add(("country", ent.country))
    if c.speaker_name:
        keys.update(("name", w.lower()) for w in plain(c.speaker_name).split())
    return keys
