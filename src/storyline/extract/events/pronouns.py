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

from spacy.tokens import Token

from storyline.extract.events.records import Arg, at
from storyline.extract.events.syntax import subjects
from storyline.extract.events.words import words
from storyline.extract.coref import Coreference
from storyline.extract.coref import pronouns as pronouns_lexicon

CodeToken = Callable[[Token], Optional[Arg]]
"""Codes a token as an actor (None when it names none)."""

# the clause links along which "X said (that) it would ..." reaches X
_GOVERNED = ("ccomp", "xcomp", "advcl", "conj")
_ENTITY_TYPES = ("PERSON", "ORG", "GPE", "NORP")
_PERSON = ("PERSON",)
_GROUP = ("ORG", "GPE", "NORP")  # a group pronoun the lexicon gives no types for ("we", "our")


def refers_to(pronoun: str) -> tuple[str, ...]:
    return pronouns_lexicon().refers_to.get(pronoun, ())


def resolve(tok: Token, coref: Coreference, code_token: CodeToken) -> Optional[Arg]:
    """The actor pronoun ``tok`` refers to: for a reflexive, its verb's subject; else the
    subject (or, for an object pronoun, the object) of a governing clause; else what the
    shared resolver (:class:`~storyline.extract.coref.Coreference`) finds: the most salient
    earlier entity of a type the pronoun can refer to that has an actor code. A personal
    pronoun that fits nothing is kept as an uncoded actor; any other word gives None."""
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
    return _antecedent(tok, coref, person)


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


def _antecedent(tok: Token, coref: Coreference, person: bool) -> Optional[Arg]:
    """The most salient earlier entity the pronoun can refer to, with an actor code (the
    shared resolver's search, as the quotes stage uses it for a claim's source; entities
    that have spoken in the document's quotes count as salient)."""
    low = tok.lower_
    span = (tok.idx, tok.idx + len(tok))
    if low in words().pronouns.first_person:
        ent = coref.document.entity(coref.speaker_at(*span) or "")
        if ent is not None and ent.actor:
            return Arg(tok, ent.actor, ent.id, span)
    types = tuple(t for t in refers_to(low) if t in _ENTITY_TYPES) or (_PERSON if person else _GROUP)
    m = coref.antecedent(tok.idx, types, speakers=coref.spoken(), coded=True, modifiers=False,
                         subject=tok.dep_ in ("nsubj", "nsubjpass"))
    if m is None:
        if low in words().pronouns.unresolved:
            return Arg(tok, None, None, span)  # someone, not known: keep the word
        return None
    return Arg(tok, m.actor, m.entity_id, span)


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
