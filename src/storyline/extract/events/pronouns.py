"""Pronoun resolution for the events stage: the actor a pronoun stands for.

All of the stage's antecedent finding is here, behind two functions:

* :func:`resolve` -- the one actor a pronoun refers to ("X said it would ...": X), or None;
* :func:`coordinated` -- every actor a plural subject pronoun refers to ("Obama and Putin
  said they will attack": both), or [].

Both take the pronoun token and ``code_token``, the caller's way of coding a token as an
actor (``Context.code_token``): the resolver decides *which* words a pronoun stands for,
the caller *how* such words are coded. The actor they return carries the pronoun's own
span. The word classes (personal, group, plural, reflexive ...) are in
data/event_words.toml ``[pronouns]``.
"""

from __future__ import annotations

from typing import Callable, Optional

from spacy.tokens import Doc, Token

from storyline.extract.events.records import Arg, at
from storyline.extract.events.syntax import subjects
from storyline.extract.events.words import words
from storyline.model import Document

CodeToken = Callable[[Token], Optional[Arg]]
"""Codes a token as an actor (None when it names none)."""

# the clause links along which "X said (that) it would ..." reaches X
_GOVERNED = ("ccomp", "xcomp", "advcl", "conj")
# how far a pronoun's antecedent may lie before it, in characters
_REACH = 600


def resolve(tok: Token, document: Document, parsed: Doc, code_token: CodeToken) -> Optional[Arg]:
    """The actor pronoun ``tok`` refers to: for a reflexive, its verb's subject; else the
    subject (or, for an object pronoun, the object) of a governing clause; else the nearest
    preceding entity of a fitting type that has an actor code. A personal pronoun that
    fits nothing is kept as an uncoded actor; any other word gives None."""
    pronouns = words().pronouns
    low = tok.lower_
    if low in pronouns.reflexive and tok.head.pos_ in ("VERB", "AUX"):
        for s in subjects(tok.head):
            if s.i != tok.i and s.pos_ != "PRON":
                arg = code_token(s)
                if arg is not None:
                    return at(tok, arg)
    person = low in pronouns.personal
    group = low in pronouns.group
    if not (person or group):
        return None
    arg = _governing_referent(tok, code_token)
    if arg is not None:
        return arg
    return _nearest_entity(tok, document, parsed, person, group)


def _governing_referent(tok: Token, code_token: CodeToken) -> Optional[Arg]:
    """"X said (that) it would ...", "X said his troops ...": the speaker of the governing
    clause; "ordered two diplomats to leave, accusing them of ...": the governing object."""
    pronouns = words().pronouns
    low = tok.lower_
    head = tok.head
    if tok.dep_ == "poss":
        while head.pos_ not in ("VERB", "AUX") and head.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "prep", "conj") and head.head.i != head.i:
            head = head.head  # from "his troops" up to the clause they are part of
    obj_pron = tok.dep_ in ("dobj", "dative", "pobj") and low in pronouns.object
    steps = 0
    while head is not None and steps < 4:
        if head.dep_ not in _GOVERNED or head.head.i == head.i:
            break
        gov = head.head
        refs = [c for c in gov.children if c.dep_ == "dobj"] if obj_pron else subjects(gov)
        for s in refs:
            if s.i != tok.i and s.pos_ != "PRON":
                arg = code_token(s)
                if arg is not None and (arg.code or (s.tag_ == "NNS" and low in pronouns.plural)):
                    # "the detainees told investigators that they ...": the detainees, coded
                    # or not, never an unrelated entity further back
                    return at(tok, arg)
        head = gov
        steps += 1
    return None


def _nearest_entity(tok: Token, document: Document, parsed: Doc, person: bool, group: bool) -> Optional[Arg]:
    """The nearest preceding entity of a fitting type with an actor code; for a person, a
    mention that was a subject outranks a nearer one that was not."""
    pronouns = words().pronouns
    low = tok.lower_
    best = None
    for ent in document.entities:
        if not ent.actor:
            continue
        if person and ent.type != "PERSON":
            continue
        if group and ent.type == "PERSON":  # a group pronoun is not one person
            continue
        if low in pronouns.plural and ent.type in ("GPE", "LOC", "FAC"):
            # "traitors who fled Venezuela ..., accusing them": people, not the place named last
            continue
        for s, e in ent.mentions:
            if e <= tok.idx and tok.idx - e < _REACH:
                span = parsed.char_span(s, e, alignment_mode="expand")
                if span is not None and span.root.dep_ in ("compound", "amod", "nmod"):
                    continue  # "U.S. intelligence": a modifier is not what a pronoun refers to
                subj = span is not None and span.root.dep_ in ("nsubj", "nsubjpass")
                key = (subj, e) if person else (False, e)
                if best is None or key > best[0]:
                    best = (key, ent)
    span = (tok.idx, tok.idx + len(tok))
    if best is None:
        if low in pronouns.unresolved:
            return Arg(tok, None, None, span)  # someone, not known: keep the word
        return None
    return Arg(tok, best[1].actor, best[1].id, span)


def coordinated(tok: Token, code_token: CodeToken) -> list[Arg]:
    """'they'/'them' whose governing clause has coordinated subjects: every coded conjunct
    (when at least two are coded), else []."""
    if tok.lower_ not in words().pronouns.coordinated or tok.dep_ not in ("nsubj", "nsubjpass"):
        return []
    head = tok.head
    for _ in range(4):
        if head.dep_ not in _GOVERNED or head.head.i == head.i:
            break
        subj = [x for x in subjects(head.head) if x.pos_ != "PRON"]
        if len(subj) > 1:
            args = [a for a in (code_token(x) for x in subj) if a is not None and a.code]
            if len(args) > 1:
                return [at(tok, a) for a in args]
            return []
        head = head.head
    return []
