"""Phrases in the parse that the passes and the speaker resolution share: the subject of a
cue verb, the noun phrase of a source, the proper-noun run of a name, and token spans."""

from __future__ import annotations

from typing import Iterable, Optional

from spacy.tokens import Token

from storyline.extract.quotes.lexicon import Lexicon, plain
from storyline.textutil import doc_text

_DATELINE_DASHES = ("—", "–", "-", "--")
_NOT_NAMES = ("DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY")


def span_of(tokens: Iterable[Token]) -> Optional[tuple[int, int]]:
    """The character span from the first to the last of ``tokens`` (None for no tokens)."""
    toks = list(tokens)
    if not toks:
        return None
    return min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks)


def subtree_span(tok: Token, exclude: Iterable[Token] = ()) -> tuple[int, int]:
    """The character span of the contiguous run of ``tok``'s subtree around it, leaving out
    the subtrees of ``exclude``."""
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


def _agent(tok: Token) -> Optional[Token]:
    """The passive agent of ``tok``: "was announced by the ministry" -> ministry."""
    for c in tok.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def _inherits_subject(tok: Token) -> bool:
    """Does ``tok`` take its subject from the verb it hangs on (a participle, a conjunct, a
    controlled infinitive: "…, accusing them of", "insisting that", "and added")?"""
    if tok.dep_ not in ("conj", "advcl", "xcomp", "acl", "pcomp", "dep") or tok.head.i == tok.i:
        return False
    if tok.dep_ == "acl" and tok.tag_ != "VBG":
        return False
    if tok.dep_ == "advcl" and tok.tag_ not in ("VBG", "VBN") and not any(c.dep_ == "aux" for c in tok.children):
        return False
    return True


def subject(tok: Token, depth: int = 0) -> Optional[Token]:
    """The subject of a cue verb, inherited through participles, conjuncts and control verbs."""
    agent = _agent(tok)
    if agent is not None:
        return agent
    if any(c.dep_ == "auxpass" for c in tok.children) or (
            tok.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in tok.children)):
        return None  # "is expected to", "was reported that": no source in the clause
    subjects = [c for c in tok.children if c.dep_ in ("nsubj", "csubj")]
    if not subjects:  # "the adviser had earlier said": the parser hung the subject on the auxiliary
        subjects = [g for c in tok.children if c.dep_ == "aux" and c.i < tok.i for g in c.children if g.dep_ == "nsubj"]
    if subjects:
        before = [c for c in subjects if c.i < tok.i]
        return before[-1] if before else subjects[0]  # the one nearest the verb
    if any(c.dep_ == "nsubjpass" for c in tok.children):
        return None  # "is expected to", "was reported that": no source in the clause
    reported = reported_speaker(tok)
    if reported is not None:
        return reported
    if depth < 3 and _inherits_subject(tok):
        head = tok.head.head if tok.dep_ == "pcomp" else tok.head
        if head.pos_ in ("VERB", "AUX"):
            return subject(head, depth + 1)
    return None


def reported_speaker(tok: Token) -> Optional[Token]:
    """Who speaks in a cue of another's report: "Y was quoted as saying", "X quoted Y as
    saying" (Y), "Y could be heard saying" (Y), "…, with Y saying" (Y)."""
    if tok.tag_ != "VBG":
        return None
    head = tok.head
    if tok.dep_ == "pcomp" and head.lower_ == "as" and head.head.lemma_.lower() == "quote":
        verb = head.head
        said = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        return said[0] if said else None
    if tok.dep_ == "xcomp" and any(c.dep_ == "auxpass" for c in head.children):
        said = [c for c in head.children if c.dep_ == "nsubjpass"]
        return said[0] if said else None
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and prev.dep_ == "pobj" and prev.head.lower_ == "with" and tok.dep_ in ("advcl", "acl", "pcomp", "xcomp"):
        return prev
    return None


def quoting_outlet(tok: Token) -> Optional[Token]:
    """The one who quotes in "X quoted Y as saying": X (a medium)."""
    head = tok.head
    if tok.dep_ == "pcomp" and head.lower_ == "as" and head.head.lemma_.lower() == "quote":
        subj = [c for c in head.head.children if c.dep_ == "nsubj"]
        return subj[0] if subj else None
    return None


def past_dateline(subj: Token, verb: Token) -> Token:
    """"Lusaka — Zambia's main opposition party said": the subject is after the dateline dash."""
    doc = subj.doc
    first = subj.left_edge.i
    if not (first == 0 or "\n" in doc[first - 1].text_with_ws):
        return subj
    dash = next((t for t in doc[first:min(first + 6, verb.i)] if t.text in _DATELINE_DASHES), None)
    if dash is None or dash.i + 1 >= verb.i:
        return subj
    chunk = [t for t in doc[dash.i + 1:verb.i] if not t.is_punct]
    roots = [t for t in chunk if not (dash.i < t.head.i < verb.i) and t.pos_ in ("NOUN", "PROPN", "PRON")]
    return roots[0] if roots else subj


def np_span(tok: Token) -> tuple[int, int]:
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
    span = span_of(toks) or (tok.idx, tok.idx + len(tok.text))
    text = doc_text(tok.doc)
    if opened > 0 and span[1] < len(text) and text[span[1]] in ")]}":
        span = (span[0], span[1] + 1)  # the parser left the closing bracket outside
    return span


def proper_run(tok: Token) -> Optional[tuple[str, tuple[int, int]]]:
    """The proper-noun part of the phrase headed by ``tok`` ("the Rossiya-24 channel" -> Rossiya-24)."""
    toks = [t for t in tok.subtree if (t.pos_ == "PROPN" or t.ent_type_) and t.ent_type_ not in _NOT_NAMES]
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
    span = span_of(run)
    return plain(doc_text(tok.doc)[span[0]:span[1]]), span


def source_like(subj: Token, lex: Lexicon) -> bool:
    """Can this subject be a source: a name, a pronoun, a person/body/document noun?"""
    if subj.pos_ in ("PROPN", "PRON") or subj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    lemma = subj.lemma_.lower()
    return lemma in lex.source_nouns or lemma in lex.report_nouns or lemma in lex.person_nominals \
        or lemma in lex.org_nominals
