"""The ``quotes`` stage: who said what, how, through which medium, and on what evidence.

Passes over the parsed body (and the headline, when there is one); every word list lives in
``data/attribution.toml``. The design and its limits are described in ``docs/attribution.md``.

1. **Quotation marks.** :func:`find_quotations` pairs curly, straight, guillemet and (within a
   paragraph) single marks. Marks facing the wrong way are judged by their neighbours. An
   opening mark still open at the end of a paragraph continues into the next paragraph when
   that one opens with a mark (the news convention for long quotes); any other unbalanced
   mark is closed at the end of its paragraph, so stray marks never swallow the article.
2. **Cues.** Every verb in the lexicon with a source (its subject, the subject it inherits
   as a participle or conjunct: "…, accusing them of", "insisting that", or a passive agent)
   and a content (a clausal complement, an adjacent quotation, a "to"-infinitive, an object
   for verbs whose object is the message, a preposition phrase from the lexicon: "accused X
   of …", "called for …") is an attribution; so is a parenthetical cue ("X was true, she
   said, until …"), a noun of saying with a that-clause ("her warning that …") and
   "according to X". A content that is exactly a quotation is ``direct``; one that carries
   quoted fragments is ``partial``; otherwise ``indirect``.
3. **Left-over quotations.** "Name: “…”" (headline style), "Said Name: “…”", quote lists
   ("— Name “…”"), "Name: clause" headlines; a quotation following another one of the same
   speaker is that speaker talking on; anything else of sentence length is a quote with an
   unknown speaker. Short fragments and titles no cue claims are not quotes.

Speakers are then resolved (:class:`_Resolver`): names map to ``document.entities``;
pronouns to the speaker of the reported speech they sit in, else to the most salient
earlier mention (subjects of recent sentences first, earlier speakers preferred); definite
nominals ("the ministry", "the ambassador") to the entity whose role or name fits; unnamed
sources are typed ("analysts", "anonymous diplomat", "report"). The status comes from the
cue ("denied", "speculated"), hedges governing the claim ("could", "may"), speculative
sources ("unconfirmed reports") and evidence sentences anywhere in the article ("could not
be independently verified", "has not publicly disclosed any names", "a claim the police
denied", "X rejected the allegation"), linked to the claim they qualify by position,
anaphora, the named claim, the speaker, or shared content words.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache
from typing import Iterable, Optional

from spacy.tokens import Doc, Token

from storyline.textutil import doc_text, sentences
from storyline.data import load_toml
from storyline.model import Document, Evidence, Flag, Quote
from storyline.pipeline.stage import Parse, stage

# --------------------------------------------------------------------------- lexicon


@cache
def lexicon() -> dict:
    return load_toml("attribution.toml")


@dataclass(frozen=True)
class _Lex:
    cues: frozenset
    addressee: frozenset
    object_content: frozenset
    clausal: frozenset
    evidential: frozenset
    sustained: frozenset
    weak: frozenset
    speech_objects: frozenset
    preps: dict
    status: dict
    phrasal: dict
    source_nouns: frozenset
    report_nouns: frozenset
    report_preps: frozenset
    anonymity: tuple
    anonymity_clauses: tuple
    spec_mods: frozenset
    spec_nouns: frozenset
    pronouns: dict
    person_nominals: frozenset
    org_nominals: frozenset
    place_nominals: frozenset
    modals: frozenset
    hedge_adverbs: frozenset
    evidence: dict  # status -> list[re.Pattern]
    anaphors: tuple
    media_preps: frozenset
    media_nouns: frozenset
    platforms: frozenset
    outlets: frozenset
    according: tuple


def _evidence_regex(phrase: str) -> re.Pattern:
    parts = []
    for word in phrase.split():
        if word == "[adv]":
            parts.append(r"(?:(?:\w+ly|yet|so far|immediately|independently|publicly)\s+){0,2}")
            continue
        if word == "…":
            parts.append(r"(?:[\w’'‑-]+,?\s+){0,4}")
            continue
        alts = "|".join(re.escape(a).replace("'", "['’]") for a in word.split("|"))
        parts.append(rf"(?:{alts})\s+")
    rx = "".join(parts)
    rx = rx[: -len(r"\s+")] if rx.endswith(r"\s+") else rx
    return re.compile(r"\b" + rx + r"\b", re.IGNORECASE)


@cache
def _lex() -> _Lex:
    d = lexicon()
    v = d["verbs"]
    cues = set(v["speech"]["lemmas"]) | set(v["prepositional"]["preps"]) | set(v["addressee"]["lemmas"]) | set(v["stance"]["lemmas"])
    ev = {status: [_evidence_regex(p) for p in phrases] for status, phrases in d["evidence"].items()
          if status != "anaphors"}
    return _Lex(
        cues=frozenset(cues),
        addressee=frozenset(v["addressee"]["lemmas"]),
        object_content=frozenset(v["object_content"]["lemmas"]),
        clausal=frozenset(v["clausal"]["lemmas"]),
        evidential=frozenset(v["evidential"]["lemmas"]),
        sustained=frozenset(v["sustained"]["lemmas"]),
        weak=frozenset(v["weak"]["lemmas"]),
        speech_objects=frozenset(v["weak"]["speech_objects"]),
        preps={k: tuple(p) for k, p in v["prepositional"]["preps"].items()},
        status=dict(v["status"]),
        phrasal={k: tuple(p) for k, p in v["phrasal"].items()},
        source_nouns=frozenset(d["sources"]["nouns"]),
        report_nouns=frozenset(d["sources"]["reports"]),
        report_preps=frozenset(d["sources"]["report_preps"]),
        anonymity=tuple(d["sources"]["anonymity"]),
        anonymity_clauses=tuple(d["sources"]["anonymity_clauses"]),
        spec_mods=frozenset(d["sources"]["speculative_modifiers"]),
        spec_nouns=frozenset(d["sources"]["speculative_nouns"]),
        pronouns={k: tuple(t) for k, t in d["pronouns"].items()},
        person_nominals=frozenset(d["nominals"]["person"]),
        org_nominals=frozenset(d["nominals"]["organization"]),
        place_nominals=frozenset(d["nominals"]["place"]),
        modals=frozenset(d["hedges"]["modals"]),
        hedge_adverbs=frozenset(d["hedges"]["adverbs"]),
        evidence=ev,
        anaphors=tuple(d["evidence"]["anaphors"]),
        media_preps=frozenset(d["media"]["preps"]),
        media_nouns=frozenset(d["media"]["nouns"]),
        platforms=frozenset(d["media"]["platforms"]),
        outlets=frozenset(_fold(o).lower() for o in d["media"]["outlets"]),
        according=tuple(d["according"]["phrases"]),
    )


# --------------------------------------------------------------------------- text helpers

_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u00ad": "", "\u00a0": " "})
OPEN_MARKS = "“«„‹"
CLOSE_MARKS = "”»‟›"
STRAIGHT = '"'
_BOUNDARY_PUNCT = ",.;:—–-−…"


def _fold(s: str) -> str:
    return s.translate(_DASHES)


@dataclass
class Quotation:
    """A stretch of text between quotation marks (marks included in ``start``/``end``)."""

    start: int
    end: int
    closed: bool = True

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - 1 if self.closed else self.end


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in re.finditer(r"\n", text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _is_open(text: str, i: int) -> bool:
    """Does the straight or single mark at ``i`` open a quotation (by its neighbours)?"""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/:") and not after.isspace()


def find_quotations(text: str) -> list[Quotation]:
    """Pair quotation marks in ``text``; never fails, whatever the marks."""
    found: list[Quotation] = []
    carry: Optional[int] = None  # an open quote continuing from the previous paragraph
    prev_end = 0  # where the previous paragraph ended
    for p_start, p_end in _paragraphs(text):
        para = text[p_start:p_end]
        lead = len(para) - len(para.lstrip(" \t•·*-–—\u00a0"))
        first = p_start + lead
        if carry is not None:
            if first < p_end and (text[first] in OPEN_MARKS or text[first] == STRAIGHT):
                pass  # continues: the new paragraph re-opens the running quotation
            else:
                found.append(Quotation(carry, _rstrip_pos(text, prev_end), closed=False))
                carry = None
        open_at: Optional[int] = None
        s_open: Optional[int] = None  # single quotes (headline style), never across paragraphs
        continuing = carry is not None
        for i in range(p_start, p_end):
            ch = text[i]
            if ch == "‘" and open_at is None and not continuing:
                if _is_open(text, i):
                    s_open = i
                continue
            if ch == "’" and s_open is not None and open_at is None:
                after = text[i + 1] if i + 1 < len(text) else " "
                if not after.isalpha():
                    found.append(Quotation(s_open, i + 1))
                    s_open = None
                continue
            after = text[i + 1] if i + 1 < len(text) else " "
            # scraped text often has marks the wrong way round: judge them by their neighbours
            wrong_open = ch in CLOSE_MARKS and open_at is None and _is_open(text, i)
            wrong_close = ch in OPEN_MARKS and open_at is not None and (after.isspace() or after in ",.;:!?)") and i > open_at + 1
            if wrong_close:
                found.append(Quotation(open_at, i + 1))
                open_at = None
                continue
            if ch in OPEN_MARKS or wrong_open or (ch == STRAIGHT and open_at is None and _is_open(text, i)):
                if continuing and i == first:
                    open_at = carry
                    continuing = False
                    carry = None
                    continue
                open_at = i  # a second opening mark restarts: the first was stray
            elif ch in CLOSE_MARKS or ch == STRAIGHT:
                if open_at is not None:
                    found.append(Quotation(open_at, i + 1))
                    open_at = None
        if open_at is not None:
            carry = open_at  # continues only if the next paragraph re-opens with a mark
        prev_end = p_end
    if carry is not None:
        found.append(Quotation(carry, _rstrip_pos(text, len(text)), closed=False))
    return [q for q in found if q.end - q.start > 2]


def _rstrip_pos(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


# --------------------------------------------------------------------------- candidates


@dataclass
class _Cand:
    content: tuple[int, int]
    kind: str
    source: Optional[tuple[int, int]] = None
    source_head: Optional[Token] = None
    cue: Optional[tuple[int, int]] = None
    cue_token: Optional[Token] = None
    cue_text: Optional[str] = None
    medium: Optional[tuple[str, tuple[int, int]]] = None
    inherited_from: Optional["_Cand"] = None
    speaker: Optional[str] = None
    speaker_name: Optional[str] = None
    speaker_type: Optional[str] = None
    speaker_span: Optional[tuple[int, int]] = None
    speaker_etype: Optional[str] = None
    status: str = "asserted"
    evidence: list = field(default_factory=list)
    via: str = "cue"


def _span_of(tokens: Iterable[Token]) -> Optional[tuple[int, int]]:
    toks = list(tokens)
    if not toks:
        return None
    return min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks)


def _subtree_span(tok: Token, exclude: Iterable[Token] = ()) -> tuple[int, int]:
    ex = set()
    for e in exclude:
        ex.update(x.i for x in e.subtree)
    toks = [t for t in tok.subtree if t.i not in ex]
    # keep only the contiguous run containing tok
    idx = sorted(t.i for t in toks)
    lo = hi = tok.i
    s = set(idx)
    while lo - 1 in s:
        lo -= 1
    while hi + 1 in s:
        hi += 1
    doc = tok.doc
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def _trim(text: str, span: tuple[int, int], quotations: list[Quotation]) -> tuple[int, int]:
    s, e = span
    while s < e and (text[s].isspace() or text[s] in _BOUNDARY_PUNCT):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in _BOUNDARY_PUNCT):
        # keep punctuation that sits inside a quotation
        if any(q.start < e - 1 < q.end for q in quotations) and not text[e - 1].isspace():
            break
        e -= 1
    return s, e


def _subject(tok: Token, depth: int = 0) -> Optional[Token]:
    """The subject of a cue verb, inherited through participles, conjuncts and control verbs."""
    for c in tok.children:
        if c.dep_ == "agent":  # "was announced by the ministry"
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    if any(c.dep_ == "auxpass" for c in tok.children) or (
            tok.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in tok.children)):
        return None  # "is expected to", "was reported that": no source in the clause
    subjects = [c for c in tok.children if c.dep_ in ("nsubj", "csubj")]
    if subjects:
        before = [c for c in subjects if c.i < tok.i]
        return before[-1] if before else subjects[0]  # the one nearest the verb
    for c in tok.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
        return None  # "is expected to", "was reported that": no source in the clause
    if depth < 3 and tok.dep_ in ("conj", "advcl", "xcomp", "acl", "pcomp", "dep") and tok.head.i != tok.i:
        if tok.dep_ == "acl" and tok.tag_ != "VBG":
            return None
        if tok.dep_ == "advcl" and tok.tag_ not in ("VBG", "VBN") and not any(c.dep_ == "aux" for c in tok.children):
            return None
        head = tok.head
        if tok.dep_ == "pcomp":
            head = head.head
        if head.pos_ in ("VERB", "AUX"):
            return _subject(head, depth + 1)
    if tok.dep_ == "relcl" and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return None
    return None


def _past_dateline(subj: Token, verb: Token) -> Token:
    """"Lusaka — Zambia's main opposition party said": the subject is after the dateline dash."""
    doc = subj.doc
    first = subj.left_edge.i
    if not (first == 0 or "\n" in doc[first - 1].text_with_ws):
        return subj
    dash = next((t for t in doc[first:min(first + 6, verb.i)] if t.text in ("—", "–", "-", "--")), None)
    if dash is None or dash.i + 1 >= verb.i:
        return subj
    chunk = [t for t in doc[dash.i + 1:verb.i] if not t.is_punct]
    roots = [t for t in chunk if not (dash.i < t.head.i < verb.i) and t.pos_ in ("NOUN", "PROPN", "PRON")]
    return roots[0] if roots else subj


def _np_span(tok: Token) -> tuple[int, int]:
    """The noun phrase headed by ``tok``: its subtree, without trailing punctuation."""
    drop: set[int] = set()
    for c in tok.children:  # "the party on Sunday": a time phrase is not part of the source
        if c.dep_ == "prep" and c.i > tok.i and any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in c.children):
            drop.update(t.i for t in c.subtree)
    toks = [t for t in tok.subtree if t.i not in drop]
    # a dateline glued to the subject: "WASHINGTON -- President Obama"
    for k, t in enumerate(toks):
        if t.i < tok.i and t.text in ("--", "—", "–") and k <= 4:
            toks = toks[k + 1:]
            break
    opened = sum(1 for t in toks if t.text in "([{") - sum(1 for t in toks if t.text in ")]}")
    while toks and (toks[-1].is_punct or toks[-1].is_space) and toks[-1].i > tok.i:
        if toks[-1].text in ")]}" and opened <= 0:
            break
        toks.pop()
    while toks and (toks[0].is_punct or toks[0].is_space) and toks[0].i < tok.i:
        toks.pop(0)
    span = _span_of(toks) or (tok.idx, tok.idx + len(tok.text))
    text = doc_text(tok.doc)
    if opened > 0 and span[1] < len(text) and text[span[1]] in ")]}":
        span = (span[0], span[1] + 1)  # the parser left the closing bracket outside
    return span


class QuoteList(list):
    """Quotations sorted by start, with a bisect index (they never overlap)."""

    def __init__(self, items: Iterable[Quotation] = ()):
        super().__init__(sorted(items, key=lambda q: q.start))
        self.starts = [q.start for q in self]


def _in_quote(pos: int, quotations: list[Quotation]) -> Optional[Quotation]:
    """The quotation whose inside contains ``pos``, if any."""
    if isinstance(quotations, QuoteList):
        i = bisect_left(quotations.starts, pos) - 1
        candidates = quotations[max(0, i - 1):i + 1] if i >= 0 else []
    else:
        candidates = quotations
    for q in candidates:
        if q.start < pos < q.end - (1 if q.closed else 0):
            return q
    return None


def _snap(span: tuple[int, int], quotations: list[Quotation], text: str) -> tuple[tuple[int, int], str]:
    """Snap a content span to the quotation(s) it overlaps; decide direct/partial/indirect."""
    s, e = span
    over = [q for q in quotations if q.start < e and s < q.end]
    if not over:
        return (s, e), "indirect"
    qs, qe = min(q.start for q in over), max(q.end for q in over)
    # words of the content outside any quotation
    outside = text[s:e]
    for q in sorted(over, key=lambda q: -q.start):
        a, b = max(q.start, s) - s, min(q.end, e) - s
        outside = outside[:a] + " " + outside[b:]
    if not re.search(r"[^\W\d_]", outside) or (len(over) == 1 and qs <= s and qe >= e):
        return (min(s, qs), max(e, qe)), "direct"
    # quoted fragments inside reported speech; extend to cover any quotation it cuts
    return (min(s, qs), max(e, qe)), "partial"


def _medium(cue: Token, lex: _Lex) -> Optional[tuple[str, tuple[int, int]]]:
    """The medium of a cue: "said on the Rossiya-24 channel", "told Reuters", "wrote on X"."""
    for c in cue.children:
        if c.dep_ in ("dobj", "dative", "iobj") and cue.lemma_ in lex.addressee:
            name = _proper_run(c)
            if name and (_fold(name[0]).lower() in lex.outlets or c.ent_type_ == "ORG"):
                return name
        if c.dep_ == "prep" and c.lower_ in lex.media_preps:
            for g in c.children:
                if g.dep_ != "pobj":
                    continue
                got = _medium_np(g, lex)
                if got:
                    return got
    return None


def _proper_run(tok: Token) -> Optional[tuple[str, tuple[int, int]]]:
    """The proper-noun part of the phrase headed by ``tok`` ("the Rossiya-24 channel" -> Rossiya-24)."""
    toks = [t for t in tok.subtree if (t.pos_ == "PROPN" or t.ent_type_) and t.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY")]
    toks = [t for t in toks if t.i <= tok.i or t.head == tok or t.head.head == tok]
    if not toks:
        return None
    # contiguous run next to the head
    toks.sort(key=lambda t: t.i)
    run = [toks[-1]]
    for t in reversed(toks[:-1]):
        if t.i == run[0].i - 1:
            run.insert(0, t)
        else:
            break
    span = _span_of(run)
    return _fold(doc_text(tok.doc)[span[0]:span[1]]), span


def _medium_np(g: Token, lex: _Lex) -> Optional[tuple[str, tuple[int, int]]]:
    if g.text in lex.platforms or _fold(g.text).lower() in lex.outlets:
        return _fold(g.text), (g.idx, g.idx + len(g.text))
    if g.lemma_.lower() in lex.media_nouns or g.lower_ in lex.media_nouns:
        # "an interview with Reuters", "a post on X"
        for c in g.children:
            if c.dep_ == "prep" and c.lower_ in ("with", "on", "to", "in", "by"):
                for gg in c.children:
                    if gg.dep_ == "pobj":
                        name = _proper_run(gg) if gg.pos_ == "PROPN" else None
                        if name:
                            return name
        name = _proper_run(g)
        if name and name[1][1] <= g.idx + len(g.text):
            return name
        return g.lemma_.lower(), (g.idx, g.idx + len(g.text))
    if g.pos_ == "PROPN" and (_fold(g.text).lower() in lex.outlets or g.ent_type_ in ("ORG",)):
        run = _proper_run(g)
        if run and _fold(run[0]).lower() in lex.outlets:
            return run
    return None


class _Extractor:
    def __init__(self, text: str, parsed: Doc):
        self.text = text
        self.doc = parsed
        self.lex = _lex()
        self.quotations = QuoteList(find_quotations(text))

    # ---- pass 2: cues
    def _content_children(self, cue: Token, lemma: str) -> tuple[list[Token], bool]:
        """Children of the cue that carry the content; flag whether it is clausal/quoted."""
        lex = self.lex
        out: list[Token] = []
        strong = False
        for c in cue.children:
            if c.dep_ in ("ccomp", "parataxis") or (c.dep_ == "xcomp" and lemma not in ("continue",)):
                out.append(c)
                strong = True
            elif c.dep_ == "advcl" and c.i > cue.i and any(m.dep_ == "mark" and m.lower_ in ("whether", "if") for m in c.children):
                out.append(c)
                strong = True
        if lemma == "continue":
            for c in cue.children:
                if c.dep_ == "xcomp" and c.lemma_ in lex.cues:
                    return [], False  # "continued to call for": the inner verb is the cue
        preps = lex.preps.get(lemma, ())
        prep_hits = []
        for c in cue.children:
            if c.dep_ == "prep" and c.lower_ in preps and not any(x.i == c.i for x in out):
                if any(g.ent_type_ in ("DATE", "TIME") for g in c.children):
                    continue  # "called her on Friday": a time, not a content
                prep_hits.append(c)
            if c.dep_ == "prt" and lemma in lex.preps and c.lower_ in preps:
                prep_hits.append(c)
        objs = [c for c in cue.children if c.dep_ in ("dobj",)]
        if not prep_hits and preps and objs:
            # "accused elements within the government OF betraying": the preposition hangs lower
            for t in cue.subtree:
                if t.dep_ == "prep" and t.lower_ in preps and t.i > objs[0].i:
                    path = []
                    a = t.head
                    while a.i != cue.i and a.head.i != a.i:
                        path.append(a)
                        a = a.head
                    if a.i == cue.i and not any(x.pos_ in ("VERB", "AUX") for x in path):
                        prep_hits.append(t)
                        break
            if prep_hits:
                return [objs[0]] + [c for c in cue.children if objs[0].i < c.i <= prep_hits[0].i
                                    or (c.i < prep_hits[0].i and c.dep_ == "prep")], True
        if prep_hits:
            strong = True
            if objs and lemma not in lex.addressee and lemma not in ("call",):
                out.extend(objs)
                out.extend(prep_hits)
            elif not out:
                # "called for X", "spoke of X", "speculated about X": the preposition belongs to
                # the cue (a phrasal verb), its object is the content
                p = prep_hits[0]
                inner = [g for g in p.children if g.dep_ in ("pobj", "pcomp")]
                if inner and all(t.is_space or t.pos_ in ("ADV", "PART") for t in cue.doc[cue.i + 1:p.i]):
                    self._cue_extra = [p]
                    out.extend(inner)
                else:
                    out.extend(prep_hits)
            else:
                out.extend(prep_hits)
                if prep_hits[0].i == cue.i + 1 and prep_hits[0].head.i == cue.i:
                    self._cue_extra = [prep_hits[0]]  # "called on X to …": the particle is part of the cue
        elif not out and objs and objs[0].tag_ not in ("WP", "WDT") and any(c.dep_ == "oprd" for c in cue.children) \
                and lemma in ("call", "describe", "label", "brand", "dub", "term", "name"):
            # "called him a master at …": object + predicative complement
            out.extend(objs + [c for c in cue.children if c.dep_ == "oprd"])
            strong = True
        elif not out and objs and lemma in lex.clausal and lemma not in lex.weak and objs[0].i > cue.i and objs[0].right_edge.i < cue.right_edge.i:
            # "Analysts say this points to …": a clause misparsed as object + modifiers
            return [objs[0]] + [c for c in cue.children if c.i > objs[0].i and c.dep_ not in ("punct", "cc")], True
        elif not out and objs and lemma in lex.object_content and lemma not in lex.addressee:
            o = objs[0]
            if lemma not in lex.weak or o.lemma_.lower() in lex.speech_objects or o.lower_ in lex.speech_objects:
                out.append(o)
                strong = True
        if lemma in lex.addressee and out and objs and lemma in ("urge", "ask", "call", "press", "beg", "implore", "order", "tell"):
            # "urged both sides to talk": the addressee is part of what was urged
            if any(c.dep_ == "xcomp" for c in out):
                out.extend(objs)
        return out, strong

    def cues(self) -> list[_Cand]:
        lex = self.lex
        out: list[_Cand] = []
        text = self.text
        for tok in self.doc:
            lemma = tok.lemma_.lower()
            if tok.pos_ != "VERB" or lemma not in lex.cues or tok.dep_ in ("amod", "compound", "nmod"):
                continue
            if _in_quote(tok.idx, self.quotations):
                continue
            nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
            if nxt is not None and nxt.pos_ == "NOUN" and nxt.head.i == tok.i and not any(
                    c.dep_ in ("aux", "auxpass") for c in tok.children) and (
                    tok.tag_ == "VBN" or tok.lower_ in lexicon()["verbs"]["adjectival"]["forms"]):
                continue  # "names alleged traitors": a participle used as an adjective
            self._cue_extra = []
            kids, _ = self._content_children(tok, lemma)
            parenthetical = False
            if not kids and tok.dep_ in ("parataxis", "advcl") and tok.head.i != tok.i and tok.head.pos_ in ("VERB", "AUX") \
                    and tok.head.lemma_.lower() not in lex.cues:
                # "Lenox was a juggernaut, Mr. Clarke said, until …": the cue is parenthetical
                subj0 = _subject(tok)
                left = tok.doc[subj0.left_edge.i - 1] if subj0 is not None and subj0.left_edge.i > 0 else None
                r_edge = tok.right_edge
                right = tok.doc[r_edge.i + 1] if r_edge.i + 1 < len(tok.doc) and not r_edge.is_space else None
                left_ok = left is not None and (left.text in (",", "—", "–", "--") or (
                    left.text in CLOSE_MARKS + STRAIGHT and left.i > 0 and tok.doc[left.i - 1].text in (",", "—", "–")))
                if subj0 is not None and subj0.i < tok.i and left_ok and (
                        right is None or right.text in (",", ".", "—", "–", "--", "!", "?", ";")):
                    kids, parenthetical = [tok.head], True
            near_q = None
            if not kids:
                explicit = any(c.dep_ == "nsubj" for c in tok.children)
                near_q = self._adjacent_quotation(tok) if (lemma not in lex.weak or explicit) and lemma not in lex.evidential else None
                if near_q is None:
                    continue
            subj = _subject(tok)
            if subj is None:
                subj = self._between_quote_and_cue(tok)
            if subj is None:
                continue
            subj = _past_dateline(subj, tok)
            if tok.tag_ == "VB" and tok.dep_ in ("xcomp", "advcl", "acl", "relcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) \
                    and tok.head.lemma_.lower() not in lex.sustained:
                continue  # "wants to prove", "declined to say": an intention, not a report (but "continued to call for")
            if tok.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in tok.children) and tok.dep_ in ("ROOT", "conj", "parataxis"):
                continue  # "Death Toll Disputed": a headline passive, no source
            if any(c.dep_ == "neg" and subj.i < c.i < tok.i and not _in_quote(c.idx, self.quotations) for c in tok.children):
                continue  # "has not disclosed any names", "did not say": no claim is reported
            if lemma in lex.evidential and not self._source_like(subj):
                continue  # "The situation highlights how …": not a source
            cue_toks = [tok] + [c for c in tok.children if c.dep_ == "prt" and c.lower_ in lex.phrasal.get(lemma, ())] + self._cue_extra
            cue_span = _span_of(cue_toks)
            exclude = [subj] if subj is not None else []
            if parenthetical:
                head = kids[0]
                content = (head.left_edge.idx, head.right_edge.idx + len(head.right_edge.text))
            elif kids:
                spans = [_subtree_span(k, exclude) for k in kids]
                content = (min(s for s, _ in spans), max(e for _, e in spans))
                # "said it would act and said it would …": a coordinated reporting verb with no
                # subject of its own is a second claim of the same source, not part of the first
                for t in tok.doc[tok.i + 1:]:
                    if t.idx >= content[1]:
                        break
                    if t.idx > content[0] and t.dep_ == "conj" and t.pos_ == "VERB" and t.lemma_.lower() in lex.cues \
                            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children) \
                            and not _in_quote(t.idx, self.quotations):
                        cc = [c for c in t.head.children if c.dep_ == "cc" and c.i < t.i]
                        cut = cc[-1].idx if cc else t.idx
                        if cut > content[0]:
                            content = (content[0], cut)
                        break
                # content must not swallow the cue or the source
                if content[0] <= cue_span[0] < content[1]:
                    content = (cue_span[1], content[1]) if cue_span[1] < content[1] and kids[0].i > tok.i else (content[0], cue_span[0])
            else:
                content = (near_q.start, near_q.end)
            if "\n" in text[content[0]:content[1]] and not any(q.start <= content[0] and content[1] <= q.end for q in self.quotations):
                # indirect content stays in its paragraph
                nl_before = text.rfind("\n", content[0], cue_span[0])
                nl_after = text.find("\n", max(content[0], cue_span[1]), content[1])
                content = (nl_before + 1 if nl_before >= 0 else content[0], nl_after if nl_after >= 0 else content[1])
            content = _trim(text, content, self.quotations)
            if any(a in text[content[0]:content[1]].lower() for a in self.lex.anonymity_clauses):
                continue  # "who asked not to be identified": a condition of anonymity, not a claim
            if content[1] - content[0] < 2 or not re.search(r"[^\W\d_]", text[content[0]:content[1]]):
                continue
            content, kind = _snap(content, self.quotations, text)
            src = _np_span(subj) if subj is not None else None
            if parenthetical and kind != "indirect":
                # “That,” she added, “is why …”: quoted on both sides of the cue clause
                covered = [(src[0], src[1]), cue_span] + [(q.start, q.end) for q in self.quotations]
                rest = "".join(ch for i, ch in enumerate(text[content[0]:content[1]], content[0])
                               if not any(a <= i < b for a, b in covered))
                if not re.search(r"[^\W\d_]", rest):
                    kind = "direct"
            elif not parenthetical and src and content[0] < src[1] and src[0] < content[1]:
                # the subject sits inside the quotation (parse error): keep the quotation, drop the source
                src, subj = None, None
            if kind == "direct":
                content = self._sandwich(content, cue_span)
            cand = _Cand(content=content, kind=kind, source=src, source_head=subj, cue=cue_span,
                         cue_token=tok, cue_text=text[cue_span[0]:cue_span[1]], medium=_medium(tok, lex))
            cand.status = lex.status.get(lemma, "asserted")
            out.append(cand)
        return out

    def _cut_contrasts(self, cands: list[_Cand]) -> None:
        """"The ministry said it welcomed the plan, while the rights group said …": a contrast
        that brings in another source's claim ends the first content."""
        text = self.text
        for a in cands:
            if a.kind != "indirect":
                continue
            for b in cands:
                if b is a or b.source is None or b.cue is None:
                    continue
                if not (a.content[0] < b.source[0] and b.cue[1] <= a.content[1]):
                    continue
                seg = text[a.content[0]:b.source[0]]
                found = list(re.finditer(r"(?:,\s*|\s+)(?:while|whereas|but|although|though)\s|;\s", seg))
                m = found[-1] if found else None
                if m is not None and m.start() > 0:
                    a.content = _trim(text, (a.content[0], a.content[0] + m.start()), self.quotations)

    def _sandwich(self, content: tuple[int, int], cue: tuple[int, int]) -> tuple[int, int]:
        """“That,” he added, “promises to make life harder.”: one quotation split by its cue.

        When the quotation on one side of the cue clause ends in a comma and the one on the
        other side goes on in lower case, they are one sentence: the quote spans both."""
        text = self.text
        qs = sorted(self.quotations, key=lambda q: q.start)
        for a, b in zip(qs, qs[1:]):
            if not (a.closed and a.end <= cue[0] and b.start >= cue[1]):
                continue
            if (a.start, a.end) != content and (b.start, b.end) != content:
                continue
            gap = text[a.end:b.start]
            inner_b = text[b.inner[0]:b.inner[1]].lstrip()
            if len(gap) > 120 or re.search(r"[.!?\n]\s", gap.replace("Mr. ", "").replace("Ms. ", "").replace("Mrs. ", "").replace("Dr. ", "")):
                continue
            if text[a.inner[1] - 1:a.inner[1]] in (",", "—", "–") and inner_b[:1].islower():
                return a.start, b.end
        return content

    def _between_quote_and_cue(self, tok: Token) -> Optional[Token]:
        """“…,” Flynn, a top surrogate, said: the parser hung the name on the quotation."""
        q = next((q for q in self.quotations if q.closed and 0 <= tok.idx - q.end <= 130 and
                  re.fullmatch(r"[\s,]*[^.!?“”\"\n]{1,120}?[\s,]*", self.text[q.end:tok.idx])), None)
        if q is None or self.text[q.inner[1] - 1:q.inner[1]] not in (",", "—", "–", "?", "!"):
            return None  # “…,” X said — a quotation that ends a sentence does not run on to a cue
        gap = tok.doc.char_span(q.end, tok.idx, alignment_mode="expand")
        chunk = [t for t in (gap if gap is not None else []) if t.i < tok.i and not t.is_punct]
        if not chunk:
            return None
        if any(t.pos_ in ("VERB", "AUX") for t in chunk):
            return None
        heads = [t for t in chunk if t.pos_ in ("PROPN", "NOUN", "PRON") and not (chunk[0].i <= t.head.i < tok.i)]
        return heads[0] if heads else None

    def _source_like(self, subj: Token) -> bool:
        """Can this subject be a source: a name, a pronoun, a person/body/document noun?"""
        lex = self.lex
        if subj.pos_ in ("PROPN", "PRON") or subj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
            return True
        lemma = subj.lemma_.lower()
        return lemma in lex.source_nouns or lemma in lex.report_nouns or lemma in lex.person_nominals \
            or lemma in lex.org_nominals

    def _adjacent_quotation(self, tok: Token) -> Optional[Quotation]:
        """A quotation right before ("“…,” she said") or after ("She said: “…”") the cue clause."""
        end = tok.idx + len(tok.text)
        for q in self.quotations:
            if not (0 <= tok.idx - q.end <= 60 or 0 <= q.start - end <= 40):
                continue  # only a quotation right next to the cue
            if len(re.findall(r"[^\W\d_]+", self.text[q.inner[0]:q.inner[1]])) < 2:
                continue  # a one-word scare quote is not what the cue reports
            if q.end <= tok.idx:
                gap = self.text[q.end:tok.idx]
                gap_span = tok.doc.char_span(q.end, tok.idx, alignment_mode="expand")
                if gap_span is not None and any(t.pos_ == "VERB" and t.i != tok.i for t in gap_span):
                    continue
                if len(gap) <= 60 and "\n" not in gap and not re.search(r"[!?]|[a-z]{3,}\.\s", gap):
                    if re.fullmatch(r"[\s,—–-]*(?:[\w.’'‑-]+\s+){0,6}", gap):
                        return q
            elif q.start >= tok.idx + len(tok.text):
                gap = self.text[tok.idx + len(tok.text):q.start]
                if len(gap) <= 40 and "\n" not in gap.strip("\n") and re.fullmatch(r"(?:\s+[\w.’'‑-]+){0,4}\s*[:,]?\s*", gap):
                    return q
        return None

    def noun_cues(self) -> list[_Cand]:
        """"Trump's claim that he opposed the war": a noun of saying with a that-clause."""
        lex = lexicon()["nouns"]
        nouns, preps = set(lex["lemmas"]), set(lex["source_preps"])
        out = []
        for tok in self.doc:
            nominal = tok.pos_ == "NOUN" or tok.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "attr", "appos")
            if not nominal or not ({tok.lemma_.lower(), tok.lower_, tok.lower_.rstrip("s")} & nouns) \
                    or _in_quote(tok.idx, self.quotations):
                continue
            clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp") and c.i > tok.i and any(
                m.dep_ == "mark" and m.lower_ == "that" and m.i == c.left_edge.i for m in c.children)), None)
            if clause is None:
                continue
            src = next((c for c in tok.children if c.dep_ == "poss"), None)
            if src is None:
                for p in tok.children:
                    if p.dep_ == "prep" and p.lower_ in preps and p.i < clause.i:
                        src = next((g for g in p.children if g.dep_ == "pobj"), None)
                        if src is not None:
                            break
            if src is None or not self._source_like(src):
                continue
            content = _trim(self.text, (clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge.text)), self.quotations)
            content, kind = _snap(content, self.quotations, self.text)
            cand = _Cand(content=content, kind=kind, source=_np_span(src) if src.dep_ != "poss" else (src.idx, src.idx + len(src.text)),
                         source_head=src, cue=(tok.idx, tok.idx + len(tok.text)), cue_token=tok, cue_text=tok.text, via="noun")
            cand.status = self.lex.status.get(tok.lemma_.lower(), "asserted")
            out.append(cand)
        return out

    def according(self, claimed: list[_Cand]) -> list[_Cand]:
        out = []
        doc = self.doc
        for tok in doc:
            if tok.lower_ not in ("according", "per") or _in_quote(tok.idx, self.quotations):
                continue
            if tok.lower_ == "according":
                to = next((c for c in tok.children if c.lower_ == "to"), None)
                if to is None and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                    to = doc[tok.i + 1]
                if to is None:
                    continue
                pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
                cue_span = (tok.idx, to.idx + len(to.text))
            else:
                pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
                if pobj is None or pobj.pos_ not in ("PROPN",):
                    continue
                cue_span = (tok.idx, tok.idx + len(tok.text))
            if pobj is None:
                continue
            src = _np_span(pobj)
            sent = tok.sent
            phrase = (tok.idx, src[1])
            left = _trim(self.text, (sent.start_char, phrase[0]), self.quotations)
            right = _trim(self.text, (phrase[1], sent.end_char), self.quotations)
            right_text = self.text[right[0]:right[1]].lower()
            if re.match(r"(?:but|and|or|yet|while|although|though|whereas|so)\b", right_text):
                content = left  # "X happened, according to Y, but …": Y vouches for the first clause
            elif left[1] - left[0] < 3 or re.fullmatch(r"[^\w]*", self.text[left[0]:left[1]]):
                content = right
            else:
                content = left if (left[1] - left[0]) >= (right[1] - right[0]) else right
            if content[1] - content[0] < 3:
                continue
            # "…,” he said, according to footage broadcast by …": the phrase sources a report of
            # speech already found; it is that quote's medium, not a new claim
            inner = [c for c in claimed if c.cue and content[0] <= c.cue[0] < content[1]]
            media_like = pobj.lemma_.lower() in self.lex.media_nouns or pobj.lemma_.lower() in self.lex.report_nouns
            if inner and media_like and inner[-1].cue[0] < tok.idx:
                if inner[0].medium is None:
                    inner[0].medium = (_fold(self.text[src[0]:src[1]]), src)
                continue
            content, kind = _snap(content, self.quotations, self.text)
            out.append(_Cand(content=content, kind=kind, source=src, source_head=pobj, cue=cue_span,
                             cue_token=tok, cue_text=self.text[cue_span[0]:cue_span[1]], via="according"))
        return out

    # ---- pass 3: quotations no cue claimed
    def leftovers(self, claimed: list[_Cand]) -> list[_Cand]:
        out: list[_Cand] = []
        text = self.text
        all_c = sorted(claimed, key=lambda c: c.content[0])
        for q in self.quotations:
            if any(c.content[0] < q.end and q.start < c.content[1] for c in claimed):
                continue
            inner = text[q.inner[0]:q.inner[1]]
            words = re.findall(r"[^\W\d_][\w’'‑-]*", inner)
            line_start = text.rfind("\n", 0, q.start) + 1
            before = text[line_start:q.start]
            m = re.search(r"([A-Z][\w.’'‑-]*(?:[ \u00a0][A-Z][\w.’'‑-]*){0,3})\s*:\s*$", before)
            if m and re.match(r"(?:Said|Says|Added|Adds|Asked|Wrote|Writes)\s", m.group(1)):
                # "Said Ellis: “…”": an inverted cue before the name
                verb_end = m.start(1) + m.group(1).index(" ")
                out.append(_Cand(content=(q.start, q.end), kind="direct",
                                 source=(line_start + verb_end + 1, line_start + m.end(1)),
                                 cue=(line_start + m.start(1), line_start + verb_end),
                                 cue_text=m.group(1).split()[0], via="colon"))
                continue
            dash = re.fullmatch(r"\s*(?:--|—|–)\s*([A-Z][\w.’'‑-]*(?:[ \u00a0][A-Z][\w.’'‑-]*){0,3})\s*[:,]?\s*", before)
            if dash and len(words) >= 3:
                # a quote list: "— Maria Lopez “We were never asked.”"
                d = line_start + before.index(dash.group(0).strip()[0])
                out.append(_Cand(content=(q.start, q.end), kind="direct",
                                 source=(line_start + dash.start(1), line_start + dash.end(1)),
                                 cue=(d, d + len(dash.group(0).strip().split()[0])),
                                 cue_text=dash.group(0).strip().split()[0], via="dash"))
                continue
            if m and len(words) >= 1:
                colon = line_start + before.rindex(":")
                out.append(_Cand(content=(q.start, q.end), kind="direct",
                                 source=(line_start + m.start(1), line_start + m.end(1)),
                                 cue=(colon, colon + 1), cue_text=":", via="colon"))
                continue
            if s_title(inner) and len(words) <= 6 and not m:
                continue  # a title: “State of the Union”, “Face the Nation”
            sentence_like = len(words) >= 4 and (re.search(r"[.!?…][”\"’»]?$", text[q.start:q.end]) or len(words) >= 8
                                                 or re.search(r"[,][”\"’»]$", text[q.start:q.end]))
            if not sentence_like:
                continue
            # the same speaker talking on: a previous quote in this paragraph or the one before
            prev = None
            for c in reversed(all_c + out):
                if c.content[1] <= q.start:
                    prev = c
                    break
            cand = _Cand(content=(q.start, q.end), kind="direct", via="continuation")
            if prev is not None and prev.kind in ("direct", "mixed", "partial") and (prev.source or prev.inherited_from):
                between = text[prev.content[1]:q.start]
                if between.count("\n") <= 3 and not re.search(r"[.!?]\s+[A-Z][^“\"]{40,}", between):
                    cand.inherited_from = prev.inherited_from or prev
                    cand.cue = None
            out.append(cand)
            all_c.append(cand)
            all_c.sort(key=lambda c: c.content[0])
        return out

    def colon_claims(self, claimed: list[_Cand]) -> list[_Cand]:
        """"Name: clause" lines: headlines ("Sanders: Clinton needs to …", "Poll: Voters …") and
        transcripts ("“PENCE: Well, look, …"). Labels ("Update:", "Context:") are not speakers."""
        out = []
        text, doc = self.text, self.doc
        labels = {w.lower() for w in lexicon()["colon"]["labels"]}
        for p_start, p_end in _paragraphs(text):
            line = text[p_start:p_end]
            m = re.match(r"\s*([“\"]?)([A-Z][^:\n“”\"]{0,70}?)\s*:\s+(\S.*?)\s*$", line)
            if not m or m.group(3)[:1] in OPEN_MARKS + STRAIGHT + "‘":
                continue  # a quotation after the colon is handled with the other quotations
            transcript = bool(m.group(1))
            if len(line.split()) > (400 if transcript else 40):
                continue
            name = (p_start + m.start(2), p_start + m.end(2))
            rest = (p_start + m.start(3), p_start + m.end(3))
            name_text = text[name[0]:name[1]]
            if len(name_text.split()) > 7 or name_text.lower().strip() in labels:
                continue
            if not transcript and any(c.content[0] < rest[1] and rest[0] < c.content[1] for c in claimed):
                continue
            name_span = doc.char_span(name[0], name[1], alignment_mode="expand")
            rest_span = doc.char_span(rest[0], rest[1], alignment_mode="expand")
            if name_span is None or rest_span is None or any(t.ent_type_ in ("DATE", "TIME", "GPE") for t in name_span):
                continue
            words = [t for t in name_span if t.is_alpha]
            named = any(t.ent_type_ in ("PERSON", "ORG", "NORP") for t in name_span) \
                or (words and all(t.text[0].isupper() for t in words) and len(words) <= 4) \
                or (len(words) == 1 and words[0].lemma_.lower() in self.lex.report_nouns)
            if not named:
                continue
            if sum(1 for t in rest_span if t.is_alpha) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in rest_span):
                continue
            colon = p_start + line.index(":", m.start(2))
            if transcript:
                content, kind = _trim(text, rest, []), "direct"
                content = (content[0], content[1] + 1) if text[content[1]:content[1] + 1] in CLOSE_MARKS + STRAIGHT else content
            else:
                content, kind = _snap(_trim(text, rest, self.quotations), self.quotations, text)
            out.append(_Cand(content=content, kind=kind, source=name, cue=(colon, colon + 1), cue_text=":", via="colon"))
        return out

    def run(self) -> list[_Cand]:
        cues = self.cues()
        nouns = [c for c in self.noun_cues() if not any(o.content == c.content for o in cues)]
        # "repeated her warning that …": the noun carries the claim, the verb only repeats it
        cues = [o for o in cues if not any(n.cue_token.head.i == o.cue_token.i and n.cue_token.dep_ == "dobj"
                                               for n in nouns if o.cue_token is not None)]
        cues += nouns
        self._cut_contrasts(cues)
        cands = cues + self.according(cues)
        cands = _dedupe(cands)
        cands += self.colon_claims(cands)
        cands += self.leftovers(cands)
        cands.sort(key=lambda c: (c.content[0], c.content[1]))
        return cands


def s_title(inner: str) -> bool:
    """Title Case words with no sentence punctuation: the name of a show, book or film."""
    words = re.findall(r"[^\W\d_][\w’'‑-]*", inner)
    if not words or re.search(r"[,;!?]", inner):
        return False
    small = {"of", "the", "a", "an", "and", "or", "in", "on", "for", "to", "at", "by", "with", "from"}
    return all(w[0].isupper() or w.lower() in small for w in words) and words[0][0].isupper()


def _dedupe(cands: list[_Cand]) -> list[_Cand]:
    """One candidate per content: keep the one whose cue is closest (an outer cue over an
    embedded one loses to the innermost cue that has a source)."""
    out: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (c.content[0], -(c.content[1] - c.content[0]))):
        dup = next((o for o in out if o.content == c.content), None)
        if dup is None:
            out.append(c)
            continue
        if dup.source is None and c.source is not None:
            out[out.index(dup)] = c
    # nested contents: a cue whose content contains another cue with the same source is fine;
    # but a content that contains the other's cue and source is an outer report: keep both.
    return out


# --------------------------------------------------------------------------- speakers


@dataclass
class _Mention:
    start: int
    end: int
    entity_id: Optional[str]
    name: str
    type: str
    subject: bool
    role: Optional[str] = None


class _Resolver:
    """Salience-based resolution of pronoun and nominal sources to named entities."""

    def __init__(self, document: Document, doc: Doc, text: str):
        self.document = document
        self.doc = doc
        self.text = text
        self.lex = _lex()
        self.mentions = self._mentions()
        self.speakers: list[tuple[int, _Mention]] = []  # (position, mention) of resolved speakers
        self.done: list[_Cand] = []  # candidates resolved so far, in text order
        self._typed: list[tuple[int, _Cand]] = []
        self._sent_starts = [s.start_char for s in sentences(doc)] or [0]
        self._mention_starts = [m.start for m in self.mentions]

    def _mentions(self) -> list[_Mention]:
        doc = self.doc
        out: list[_Mention] = []
        if self.document.entities:
            for ent in self.document.entities:
                for s, e in ent.mentions:
                    span = doc.char_span(s, e, alignment_mode="expand")
                    subj = bool(span) and any(t.dep_ in ("nsubj", "nsubjpass") or t.head.dep_ in ("nsubj",) and t.dep_ in ("compound", "appos") for t in span)
                    out.append(_Mention(s, e, ent.id, ent.name, ent.type, subj, ent.role))
        else:
            for ent in doc.ents:
                if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP"):
                    continue
                subj = any(t.dep_ in ("nsubj", "nsubjpass") or (t.head.dep_ in ("nsubj",) and t.dep_ in ("compound", "appos")) for t in ent)
                out.append(_Mention(ent.start_char, ent.end_char, None, _fold(ent.text), ent.label_, subj))
        out.sort(key=lambda m: m.start)
        return out

    def entity_for(self, span: tuple[int, int]) -> Optional[_Mention]:
        best, best_key = None, None
        for m in self.mentions:
            if m.start < span[1] and span[0] < m.end:
                inside = span[0] <= m.start and m.end <= span[1]
                key = (inside, min(m.end, span[1]) - max(m.start, span[0]), -(m.end - m.start))
                if best_key is None or key > best_key:
                    best, best_key = m, key
        return best

    def _recent(self, pos: int, types: tuple[str, ...], noun: Optional[str] = None) -> Optional[_Mention]:
        """The most salient earlier mention of one of ``types``: subjects of recent sentences first."""
        cur = self._sent_index(pos)
        best, best_score = None, None
        speaker_ids = {m.entity_id or m.name for _, m in self.speakers}
        window = self._sent_starts[max(0, cur - (8 if noun else 4))]
        lo = bisect_left(self._mention_starts, window)
        for m in self.mentions[lo:]:
            if m.start >= pos:
                break
            if m.type not in types:
                continue
            if noun and not self._fits(m, noun):
                continue
            dist = cur - self._sent_index(m.start)
            if dist > (8 if noun else 4):
                continue
            score = dist * 2 + (0 if m.subject else 1.5) - (1.0 if (m.entity_id or m.name) in speaker_ids else 0)
            if best_score is None or score < best_score or (score == best_score and m.start > best.start):
                best, best_score = m, score
        return best

    def _sent_index(self, pos: int) -> int:
        return max(0, bisect_right(self._sent_starts, pos) - 1)

    def _fits(self, m: _Mention, noun: str) -> bool:
        noun = noun.lower()
        if m.role and noun in m.role.lower():
            return True
        if noun in m.name.lower():
            return True
        window = _fold(self.text[max(0, m.start - 60):m.start]).lower()
        line = window.rsplit("\n", 1)[-1]
        words = line.split()
        return noun in " ".join(words[-6:])

    def resolve(self, c: _Cand) -> None:
        self._resolve(c)
        self.done.append(c)

    def _resolve(self, c: _Cand) -> None:
        lex = self.lex
        if c.inherited_from is not None:
            p = c.inherited_from
            c.speaker, c.speaker_name, c.speaker_type, c.speaker_span = p.speaker, p.speaker_name, p.speaker_type, p.speaker_span
            c.speaker_etype = p.speaker_etype
            return
        if c.source is None:
            return
        c.speaker_span = c.source
        head = c.source_head
        src_text = _fold(self.text[c.source[0]:c.source[1]])
        if head is None:  # colon pattern: a name
            m = self.entity_for(c.source)
            if m is not None and not (c.source[0] <= m.start and m.end <= c.source[1] + 2):
                m = None  # a mention running past the name is a tagging error
            self._set(c, m, src_text)
            return
        low = head.lower_
        # relative pronoun: the noun the relative clause hangs on
        if low in ("who", "which", "that") and head.head.dep_ == "relcl":
            head = head.head.head
            np = _np_span(head)
            src_text = _fold(self.text[head.idx:head.idx + len(head.text)]) if head.pos_ == "PRON" else _fold(self.text[np[0]:np[1]])
        low = head.lower_
        if head.pos_ == "PRON" and low in lex.pronouns:
            types = lex.pronouns[low]
            # a pronoun inside what someone else is reported to have said most often refers to
            # that speaker: "Lawyers said they expected …", "the party said it would …"
            outer = next((o for o in reversed(self.done) if o is not c and o.source is not None
                          and o.content[0] <= c.source[0] < o.content[1] and not (o.source[0] <= c.source[0] < o.source[1])), None)
            if outer is not None and (outer.speaker_name or outer.speaker_type) and self._agrees(low, outer):
                c.speaker, c.speaker_name, c.speaker_type = outer.speaker, outer.speaker_name, outer.speaker_type
                c.speaker_etype = outer.speaker_etype
                self._record(c)
                return
            if "TYPED" in types:
                prev = self._recent_typed(c.source[0])
                if prev is not None:
                    c.speaker, c.speaker_name, c.speaker_type = prev.speaker, prev.speaker_name, prev.speaker_type
                    return
            m = self._recent(c.source[0], tuple(t for t in types if t not in ("TYPED", "REL")))
            if m is not None:
                self._set(c, m, m.name)
                return
            c.speaker_name = src_text
            return
        # a named source: the entity mentioned at the head of the subject
        head_span = (head.idx, head.idx + len(head.text))
        m = self.entity_for(head_span)
        if m is None and head.pos_ == "PROPN":
            m = self.entity_for(_np_span(head))
        if m is not None and head.pos_ == "PROPN" or (m is not None and head.lemma_.lower() not in lex.report_nouns and m.type in ("PERSON", "ORG", "GPE")):
            self._set(c, m, m.name)
            return
        lemma = head.lemma_.lower()
        # reports from an outlet: "Reports from The Guardian indicate"
        if lemma in lex.report_nouns:
            for p in head.children:
                if p.dep_ == "prep" and p.lower_ in lex.report_preps:
                    for g in p.children:
                        if g.dep_ == "pobj":
                            mm = self.entity_for(_np_span(g))
                            run = _proper_run(g)
                            name = mm.name if mm else (run[0] if run else None)
                            if name:
                                c.speaker = mm.entity_id if mm else None
                                c.speaker_name = name
                                c.speaker_type = "report"
                                if c.medium is None and run and _fold(run[0]).lower().removeprefix("the ") in {
                                        o.removeprefix("the ") for o in lex.outlets}:
                                    c.medium = run
                                elif c.medium is None:
                                    c.medium = (head.lemma_.lower(), (head.idx, head.idx + len(head.text)))
                                self._record(c)
                                return
            for p in head.children:
                if p.dep_ == "poss":
                    mm = self.entity_for((p.idx, p.idx + len(p.text)))
                    if mm:
                        c.speaker, c.speaker_name, c.speaker_type = mm.entity_id, mm.name, "report"
                        return
        # a definite nominal that refers back: "the ministry", "the ambassador"
        det = next((t for t in head.children if t.dep_ == "det"), None)
        if det is not None and det.lower_ in ("the", "this", "that") and head.tag_ in ("NN", "NNP") and m is None:
            types = ("PERSON",) if lemma in lex.person_nominals else ("ORG",) if lemma in lex.org_nominals else ("GPE",) if lemma in lex.place_nominals else ()
            if types:
                bare = not any(t.dep_ in ("amod", "compound", "nmod", "poss") for t in head.children)
                mm = self._recent(c.source[0], types, noun=lemma) or (
                    self._recent(c.source[0], types) if bare and lemma in ("group", "organization", "organisation", "agency", "ministry") else None)
                if mm is not None:
                    self._set(c, mm, mm.name)
                    return
        if m is not None:
            self._set(c, m, m.name)
            return
        # an unnamed source, typed by its noun (a proper name the entities stage missed stays a name)
        c.speaker_name = self._np_text(head)
        c.speaker_type = None if head.pos_ == "PROPN" else self._type(head)
        self._record(c)

    def _np_text(self, head: Token) -> str:
        """The source as named, up to its head noun ("a Japanese diplomat", not the relative
        clause; a dateline glued to it is left out)."""
        start = _np_span(head)[0]
        return _fold(self.text[start:head.idx + len(head.text)]).strip()

    def _type(self, head: Token) -> str:
        """The type of an unnamed source: its head noun ("analysts", "journalists and sources"),
        "anonymous …" with an anonymity marker in the phrase or its sentence, "unconfirmed …"."""
        lex = self.lex
        np_text = _fold(self.text[head.left_edge.idx: head.right_edge.idx + len(head.right_edge.text)]).lower()
        gov = head.head  # the anonymity may be stated in the clause: "…, speaking on condition of anonymity"
        clause = _fold(self.text[gov.left_edge.idx: gov.right_edge.idx + len(gov.right_edge.text)]).lower()
        noun = head.lower_ if head.tag_ in ("NNS", "NNPS") or head.pos_ == "PRON" else head.lemma_.lower()
        conj = [t for t in head.children if t.dep_ == "conj"]
        if conj:
            noun = noun + " and " + conj[0].lower_
        mods = {t.lower_ for t in head.children if t.dep_ in ("amod", "compound")}
        if mods & lex.spec_mods:
            return f"unconfirmed {noun}"
        if any(a in np_text for a in lex.anonymity) or (
                head.tag_ in ("NN", "NNS") and any(" " in a and a in clause for a in lex.anonymity)):
            return f"anonymous {noun}"
        return noun

    def _recent_typed(self, pos: int) -> Optional[_Cand]:
        for p, c in reversed(self._typed):
            if p < pos:
                return c
        return None

    def _agrees(self, pronoun: str, o: _Cand) -> bool:
        """Number and animacy agreement between a pronoun and an earlier speaker."""
        plural = bool(o.speaker_type) and o.speaker_type.split()[-1].endswith("s") and not o.speaker_type.endswith("ss")
        if pronoun in ("he", "she", "him", "her"):
            return o.speaker_etype == "PERSON" or (o.speaker_etype is None and bool(o.speaker_type) and not plural
                                                  and o.speaker_type.split()[-1] in self.lex.person_nominals | self.lex.source_nouns)
        if pronoun == "it":
            return o.speaker_etype in ("ORG", "GPE", "NORP") or (o.speaker_etype is None and bool(o.speaker_type) and not plural)
        if pronoun in ("they", "them"):
            return plural or o.speaker_etype in ("ORG", "NORP", "GPE")
        return False

    def _set(self, c: _Cand, m: Optional[_Mention], name: str) -> None:
        if m is None:
            c.speaker_name = name
        else:
            c.speaker, c.speaker_name = m.entity_id, m.name
            c.speaker_etype = m.type
            self.speakers.append((c.source[0] if c.source else 0, m))
        self._record(c)

    def _record(self, c: _Cand) -> None:
        """Remember unnamed (typed) and plural speakers, for a later "they"."""
        if c.speaker_type or (c.source_head is not None and c.source_head.tag_ in ("NNS", "NNPS")):
            self._typed.append((c.content[0], c))


# --------------------------------------------------------------------------- status & evidence

_STOP = frozenset("""a an the of to in on at by for with from and or but that this these those it its is are was were be been
being have has had do does did will would could should may might can not no any some their his her they them he she we our you
your i me my as than then so such also very more most much many there here what which who whom whose when where why how all
said say says told despite about into over after before while although though just only even still yet""".split())


def _content_words(doc: Doc, span: tuple[int, int]) -> set[str]:
    sp = doc.char_span(span[0], span[1], alignment_mode="expand")
    if sp is None:
        return set()
    return {t.lemma_.lower() for t in sp if t.is_alpha and not t.is_stop and t.lower_ not in _STOP and t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ")}


def _hedged(doc: Doc, c: _Cand, quotations: list[Quotation]) -> bool:
    """Is the claim's main verb hedged ("could", "may", "possibly"), outside quoted words?"""
    lex = _lex()
    sp = doc.char_span(c.content[0], c.content[1], alignment_mode="expand")
    if sp is None:
        return False
    roots = [t for t in sp if t.head.i < sp.start or t.head.i >= sp.end or t.head.i == t.i]
    roots += [t for r in roots for t in r.children if t.dep_ == "conj"]
    roots += [t for r in roots for t in r.children if t.dep_ in ("ccomp", "xcomp") and t.pos_ in ("VERB", "AUX")]
    for r in roots:
        for t in r.children:
            if _in_quote(t.idx, quotations):
                continue
            if t.dep_ == "aux" and t.lower_ in lex.modals:
                return True
            if t.dep_ == "advmod" and t.lower_ in lex.hedge_adverbs:
                return True
    return False


def _statuses(document: Document, doc: Doc, text: str, cands: list[_Cand], quotations: list[Quotation]) -> None:
    lex = _lex()
    # statuses from the claim itself
    for c in cands:
        head = c.source_head
        if head is not None and c.status in ("asserted", "hedged"):
            mods = {t.lower_ for t in head.subtree if t.i < head.i}
            if mods & lex.spec_mods or head.lemma_.lower() in lex.spec_nouns:
                c.status = "speculative"  # "unconfirmed reports suggested"
                continue
        if c.status != "asserted":
            continue
        if c.kind != "direct" and _hedged(doc, c, quotations):
            c.status = "hedged"
    # evidence sentences anywhere in the article
    rank = {"asserted": 0, "hedged": 1, "speculative": 2, "unverified": 3, "disputed": 4, "denied": 5}
    sents = sentences(doc)
    for si, sent in enumerate(sents):
        s_text = sent.text
        for status in ("disputed", "unverified", "speculative"):
            m = None
            for rx in lex.evidence.get(status, ()):
                m = rx.search(s_text)
                if m:
                    break
            if not m:
                continue
            ev_pos = sent.start_char + m.start()
            if _in_quote(ev_pos, quotations):
                continue
            target = _evidence_target(document, doc, text, sent, sents, si, ev_pos, cands, status, m.group(0))
            if target is None:
                continue
            a = max(sent.start_char, text.rfind("\n", 0, ev_pos) + 1)
            b = text.find("\n", ev_pos)
            b = sent.end_char if b < 0 else min(b, sent.end_char)
            a, b = _trim(text, (a, b), [])
            b = b + 1 if b < len(text) and text[b] in ".!?" else b
            ev = Evidence(text=text[a:b], span=(a, b))
            if all(e.span != ev.span for e in target.evidence):
                target.evidence.append(ev)
            if rank[status] > rank[target.status] or (target.status == "hedged" and status == "speculative"):
                if target.status != "denied":
                    target.status = status
            break


def _evidence_target(document, doc, text, sent, sents, si, ev_pos, cands, status, ev_text="") -> Optional[_Cand]:
    lex = _lex()
    # 1. in the same sentence, outside the claim's content: "…, a claim the police denied"
    same = [c for c in cands if sent.start_char <= c.content[0] < sent.end_char and not (c.content[0] <= ev_pos < c.content[1])]
    if same:
        # the claim the evidence phrase follows
        before = [c for c in same if c.content[0] < ev_pos]
        if before and status != "speculative":
            return before[-1]
    if status == "speculative":
        # "sources have speculated …" is itself the claim (its cue carries the status)
        return None
    inside = [c for c in cands if c.content[0] <= ev_pos < c.content[1]]
    if inside:
        return None
    # 2. an anaphor opening the sentence points back at the last claim: "The claim could not be verified."
    opening = _fold(sent.text).lower().lstrip(" “\"")
    words = _content_words(doc, (sent.start_char, sent.end_char))
    prev = [c for c in cands if c.content[1] <= sent.start_char and c.content[0] >= sents[max(0, si - 3)].start_char]
    if prev and any(re.match(re.escape(a) + r"\b", opening) for a in lex.anaphors):
        return prev[-1]
    # 2b. the evidence phrase itself names the claim: "The commission rejected the allegation."
    #     -> the last claim before it by someone other than the one rejecting it
    named = re.search(r"\b(?:the|this|that|these|those)\s+(claim|allegation|accusation|charge|account|report|assertion)s?\b",
                      _fold(ev_text).lower())
    if status == "disputed" and named:
        subj = _evidence_subject(doc, ev_pos)
        key = _actor_key(document, subj) if subj is not None else set()
        wide = [c for c in cands if c.content[1] <= sent.start_char and c.content[0] >= sents[max(0, si - 6)].start_char
                and not (key and key & _speaker_key(document, c))]
        # the claim whose cue is the verb of the noun ("the accusation" -> "accusing them of")
        verb = {"accusation": "accuse", "allegation": "allege", "assertion": "assert"}.get(named.group(1), named.group(1))
        same = [c for c in wide if c.cue_token is not None and c.cue_token.lemma_.lower() == verb]
        if same or wide:
            return (same or wide)[-1]
    # 3. the evidence is about the speaker (its subject is the same entity or country as the
    #    speaker: "Moscow has not publicly disclosed any names"), or about the same things
    #    (shared content words); the best-scoring claim wins, claims before the evidence first
    subj = _evidence_subject(doc, ev_pos)
    key = _actor_key(document, subj) if subj is not None else set()
    near = {id(c) for c in prev_all(cands, sent, sents, si, 10)}
    best, best_score = None, 0.0
    for c in cands:
        if c.content[0] < sent.end_char and sent.start_char < c.content[1]:
            continue
        n = len(words & _content_words(doc, c.content))
        same_speaker = bool(key and id(c) in near and key & _speaker_key(document, c))
        if n < 2 and not same_speaker:
            continue
        score = n + (2.0 if same_speaker else 0.0) + (0.5 if c.content[1] <= sent.start_char else 0.0)
        score += 0.5 if c.kind == "direct" else 0.0
        score += 0.5 if document.section_kind_at(c.content[0]) == "reporting" else 0.0
        if score >= best_score:
            best, best_score = c, score
    return best


def prev_all(cands, sent, sents, si, n):
    lo = sents[max(0, si - n)].start_char
    return [c for c in cands if lo <= c.content[0] and c.content[1] <= sent.start_char]


def _evidence_subject(doc: Doc, pos: int) -> Optional[Token]:
    """The subject of the verb the evidence phrase is built on."""
    tok = next((t for t in doc if t.idx <= pos < t.idx + len(t.text) + 1), None)
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
    span = _np_span(tok)
    ent = document.entity_at(*span) if document.entities else None
    if ent is not None:
        keys.add(("id", ent.id))
        if ent.country:
            keys.add(("country", ent.country))
    elif tok.pos_ == "PROPN":
        keys.add(("name", _fold(tok.text).lower()))
    return keys


def _speaker_key(document: Document, c: _Cand) -> set:
    keys: set = set()
    if c.speaker:
        keys.add(("id", c.speaker))
        ent = document.entity(c.speaker)
        if ent is not None and ent.country:
            keys.add(("country", ent.country))
    if c.speaker_name:
        keys.update(("name", w.lower()) for w in _fold(c.speaker_name).split())
    return keys


# --------------------------------------------------------------------------- unattributed claims


def _unattributed(document: Document, doc: Doc, cands: list[_Cand]) -> list[Flag]:
    """Flag strong accusatory claims stated by the article itself, with no source.

    High precision by design: only sentences in a reporting section whose main verb is an
    accusation predicate from the lexicon ("orchestrated", "betrayed", "rigged") with a named
    subject, not in a quotation, not part of any attributed content, and with no hedge or
    attribution anywhere in the sentence.
    """
    lex = lexicon().get("unattributed", {})
    preds = set(lex.get("predicates", ()))
    if not preds:
        return []
    hedge = set(lex.get("hedges", ())) | _lex().hedge_adverbs | _lex().modals
    flags = []
    covered = [(c.content[0], c.content[1]) for c in cands]
    for sent in sentences(doc):
        if document.section_kind_at(sent.start_char) != "reporting":
            continue
        root = sent.root
        if root.lemma_.lower() not in preds or root.pos_ != "VERB":
            continue
        if any(s < sent.end_char and sent.start_char < e for s, e in covered):
            continue
        if any(t.lower_ in hedge or t.lemma_.lower() in _lex().cues or t.lower_ in ("according", "alleged", "allegedly", "reportedly", "suspected") for t in sent):
            continue
        if any(ch in sent.text for ch in "“”\"«»"):
            continue
        subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if subj is None or not (subj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or subj.pos_ == "PROPN"):
            continue
        if any(c.dep_ == "neg" for c in root.children):
            continue
        span = _trim(document.text, (sent.start_char, sent.end_char), [])
        if span[1] < len(document.text) and document.text[span[1]] in ".!?":
            span = (span[0], span[1] + 1)
        flags.append(Flag(type="unattributed", message=f"Strong claim stated without a source: “{_fold(sent.text.strip())[:160]}”",
                          spans=[span], details={"predicate": root.lemma_.lower()}))
    return flags


# --------------------------------------------------------------------------- stage


def _to_quote(c: _Cand, text: str, field: str, section: str) -> Quote:
    medium, medium_span = (c.medium if c.medium else (None, None))
    return Quote(
        speaker=c.speaker, speaker_name=c.speaker_name, speaker_span=c.speaker_span,
        speaker_type=c.speaker_type, cue=_fold(c.cue_text) if c.cue_text and c.cue else None,
        cue_span=c.cue, text=text[c.content[0]:c.content[1]], span=c.content, kind=c.kind,
        medium=medium, medium_span=medium_span, status=c.status,
        evidence=c.evidence, section=section, field=field,
    )


def extract(document: Document, parsed: Doc) -> list[_Cand]:
    """The attribution candidates of the body (resolved, with statuses)."""
    text = document.text
    ex = _Extractor(text, parsed)
    cands = ex.run()
    ds = getattr(document, "dateline_span", None)
    if ds and 0 <= ds[0] < ds[1] <= len(text):
        # the dateline ("MOGADISHU (Horn Wire) —") opens the body but is no part of any claim
        for c in cands:
            if c.content[0] < ds[1] < c.content[1]:
                c.content = _trim(text, (ds[1], c.content[1]), ex.quotations)
    res = _Resolver(document, parsed, text)
    for c in cands:
        res.resolve(c)
    _statuses(document, parsed, text, cands, ex.quotations)
    return cands


def _headline_quotes(document: Document, parse: Parse) -> list[Quote]:
    head = document.headline
    if not head or not head.strip():
        return []
    hdoc = parse.parse(head[:2000])  # the same model as the body (--model)
    ex = _Extractor(head, hdoc)
    cands = ex.run()
    shadow = Document(source=document.source, text=head)
    res = _Resolver(shadow, hdoc, head)
    out = []
    for c in cands:
        if c.cue and c.source and c.content[1] <= c.source[0] and "," not in head[c.content[1]:c.source[0]]:
            continue  # headlines put the content after the cue, or before it with a comma ("…, Fed Says")
        res.resolve(c)
        # map a headline speaker to the body's entity by name or alias
        name = c.speaker_name
        if name:
            key = _fold(name).lower()
            for ent in document.entities:
                names = [_fold(ent.name).lower()] + [_fold(a).lower() for a in ent.aliases]
                if key in names or any(key == n.split()[-1] for n in names):
                    c.speaker, c.speaker_name = ent.id, ent.name
                    break
        out.append(_to_quote(c, head, "headline", "reporting"))
    return out


@stage("quotes", requires=('parse', 'sections', 'entities', 'headline'), assigns=('quotes', 'flags'))
def run(document: Document, parse: Parse) -> None:
    parsed = parse.doc
    text = document.text
    quotes: list[Quote] = []
    if text.strip():
        cands = extract(document, parsed)
        for c in cands:
            quotes.append(_to_quote(c, text, "text", document.section_kind_at(c.content[0])))
        document.flags.extend(_unattributed(document, parsed, cands))
    try:
        quotes = _headline_quotes(document, parse) + quotes
    except Exception as exc:  # the headline is a convenience; never let it sink the body
        logging.getLogger("storyline").warning("%s: headline not read for quotes (%s)", document.source, exc)
    document.quotes = quotes
