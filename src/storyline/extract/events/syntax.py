"""Dependency-tree helpers: word forms, objects, prepositional objects, agents and subjects.

Everything here reads the spaCy parse of one sentence; nothing codes an actor. The English
words compared with come from data/event_words.toml (:func:`words`) and the pattern
dictionary (:func:`patterns`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Optional

from spacy.tokens import Token

from storyline.extract.events.patterns import patterns
from storyline.extract.events.words import words
from storyline.textutil import doc_text

SUBJ = ("nsubj", "csubj")
PLACE_LABELS = {"GPE", "LOC", "FAC"}


def depth(tok: Token) -> int:
    d = 0
    while tok.head.i != tok.i and d < 60:
        tok = tok.head
        d += 1
    return d


def lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def forms(tok: Token) -> tuple[str, ...]:
    """The lemma, then the word and its plain de-inflections: the small model's lemmatizer
    errs on news verbs ("staged" -> "stag"), so patterns also try the regular stem."""
    return _forms(lemma(tok), tok.lower_, _hyphen_prefix(tok))


@lru_cache(maxsize=65536)
def _forms(lemma_: str, low: str, joined: str) -> tuple[str, ...]:
    out = [lemma_, low]
    if joined:
        # "cease-fire", "build-up": the tokenizer splits a hyphenated noun; its whole comes first
        out = [joined + "-" + out[0], joined + out[0]] + out
    if low.endswith("ied"):
        out.append(low[:-3] + "y")
    if low.endswith("ed"):
        out += [low[:-1], low[:-2]]
        if len(low) > 4 and low[-3] == low[-4]:
            out.append(low[:-3])
    if low.endswith("ing"):
        out += [low[:-3], low[:-3] + "e"]
        if len(low) > 5 and low[-4] == low[-5]:
            out.append(low[:-4])
    if low.endswith("ies"):
        out.append(low[:-3] + "y")
    if low.endswith("es"):
        out.append(low[:-2])
    if low.endswith("s") and not low.endswith("ss"):
        out.append(low[:-1])
    return tuple(out)


def _hyphen_prefix(tok: Token) -> str:
    """The word joined to ``tok`` by a hyphen with no space ("cease" in "cease-fire"), when it
    modifies ``tok``; else ''."""
    i = tok.i
    if i < 2 or tok.idx == 0 or doc_text(tok.doc)[tok.idx - 1] != "-":
        return ""  # no hyphen just before it (tested on the text: no tokens are made)
    if tok.doc[i - 1].text != "-" or tok.doc[i - 1].whitespace_ or tok.doc[i - 2].whitespace_:
        return ""
    first = tok.doc[i - 2]
    return first.lower_ if first.head.i == i and first.dep_ in ("compound", "amod", "nmod") else ""


def lookup(index: dict, tok: Token):
    """The entry of ``index`` for the first of ``tok``'s forms that has one."""
    for f in forms(tok):
        hit = index.get(f)
        if hit:
            return hit
    return None


def is_form(tok: Token, words) -> bool:
    return any(f in words for f in forms(tok))


def conjuncts(tok: Token) -> list[Token]:
    out = [tok]
    for c in tok.conjuncts:
        if c.i > tok.i and c.pos_ in ("NOUN", "PROPN", "PRON") and c.dep_ == "conj":
            out.append(c)
    # "The US, Russia, and Switzerland met": a list the parser read as an apposition
    for c in tok.children:
        if c.dep_ == "appos" and c.pos_ == "PROPN" and c.ent_type_ in ("GPE", "NORP", "ORG"):
            conj = [x for x in c.conjuncts if x.dep_ == "conj" and x.pos_ == "PROPN"]
            if conj:
                out.append(c)
                out.extend(x for x in conj if x not in out)
    return out


def governing_verb(n: Token, verbs: frozenset[str]) -> Optional[Token]:
    """The verb, one of ``verbs``, that takes noun ``n`` (or the first of its conjuncts) as object."""
    while n.dep_ == "conj":
        n = n.head
    if n.dep_ in ("dobj", "nsubjpass") and n.head.pos_ in ("VERB", "AUX") and is_form(n.head, verbs):
        return n.head
    return None


def is_passive(v: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children) or (
        v.dep_ == "acl" and v.tag_ == "VBN"
    )


def child(tok: Token, deps: Iterable[str], word: Optional[str] = None) -> Optional[Token]:
    """The first child of ``tok`` in one of ``deps`` (and, if given, with lemma or form ``word``)."""
    deps = set(deps)
    for c in tok.children:
        if c.dep_ in deps and (word is None or lemma(c) == word or c.lower_ == word):
            return c
    return None


def infinitive(v: Token) -> bool:
    """``v`` is an infinitive complement or adjunct ("urged X to negotiate", "came to talk")."""
    return v.dep_ == "xcomp" or (v.dep_ in ("advcl", "acl") and child(v, ("aux",), "to") is not None)


def pobjs(prep: Token) -> list[Token]:
    out = []
    for c in prep.children:
        if c.dep_ in ("pobj", "pcomp") and c.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            out.extend(conjuncts(c))
    return out


def prep_objects(tok: Token, prep: str) -> list[Token]:
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and (c.lower_ == prep or lemma(c) == prep):
            out.extend(pobjs(c))
    return out


def agent(v: Token) -> list[Token]:
    for c in v.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by" and is_passive(v)):
            return pobjs(c)
    return []


def direct_objects(v: Token) -> list[Token]:
    """The patient of a verb: its object, its passive subject, or the noun it modifies."""
    relative = words().pronouns.relative
    for c in v.children:
        if c.dep_ == "dobj":
            if c.lower_ in relative and v.dep_ == "relcl":
                return conjuncts(v.head)
            return conjuncts(c)
    for c in v.children:
        if c.dep_ == "nsubjpass":
            if c.lower_ in relative and v.dep_ == "relcl":
                return conjuncts(v.head)
            return conjuncts(c)
    if v.dep_ == "acl" and v.tag_ == "VBN" and v.head.pos_ in ("NOUN", "PROPN"):
        return [v.head]
    if v.dep_ == "conj" and is_passive(v) and v.head.pos_ in ("VERB", "AUX"):
        return direct_objects(v.head)
    if v.dep_ == "relcl" and not any(c.dep_ in ("dobj", "nsubjpass") for c in v.children):
        subj = child(v, SUBJ)
        if subj is not None and subj.lower_ not in relative:
            return conjuncts(v.head)
    return []


def _own_subject(v: Token) -> Optional[list[Token]]:
    """``v``'s own subject, or None when it has none. "Tehran / Baku — Azerbaijan ordered ...":
    a dateline the parser read as a second subject; the subject is the one next to the verb."""
    pronouns = words().pronouns
    for c in [c for c in v.children if c.dep_ in SUBJ][-1:]:
        if c.lower_ in pronouns.relative and v.dep_ == "relcl":
            return conjuncts(v.head)
        if c.lower_ in pronouns.expletive or c.pos_ == "DET" and c.lower_ in pronouns.demonstrative:
            return []
        return conjuncts(misread_name(c) or c)
    return None


def _controller(v: Token, depth: int) -> list[Token]:
    """Who does an infinitive or complement verb ``v``: the governor's object, its passive
    subject, or its subject."""
    p = patterns()
    gov = v.head
    if is_form(gov, p.object_control):
        obj = child(gov, ("dobj",))
        if obj is not None:
            return conjuncts(obj)
    if gov.pos_ in ("ADJ",) and gov.dep_ in ("acomp", "amod"):
        return subjects(gov.head, depth + 1)
    if v.dep_ == "xcomp" and is_passive(gov) and not agent(gov):
        # "is scheduled to attend", "was ordered to leave": the passive subject does it
        sp = child(gov, ("nsubjpass",))
        if sp is not None and sp.lower_ not in words().pronouns.relative:
            return conjuncts(sp)
    if gov.pos_ in ("VERB", "AUX", "ADJ"):
        return subjects(gov, depth + 1)
    if gov.pos_ == "NOUN" and is_form(gov, words().sources.intent_nouns):
        return _intender(gov, depth)
    return []


def _intender(noun: Token, depth: int) -> list[Token]:
    """Whose plan, threat or decision ``noun`` is: its possessor ("its threat to ..."), else
    the subject of the verb that announces or makes it ("announced plans to ...")."""
    owner = child(noun, ("poss",))
    if owner is not None:
        return conjuncts(owner)
    if noun.dep_ == "dobj" and is_form(noun.head, words().sources.intent_owner_verbs):
        return subjects(noun.head, depth + 1)
    return []


def _conjunct_subject(v: Token, depth: int) -> list[Token]:
    """The subject of a verb coordinated with another (``v.dep_ == "conj"``)."""
    if v.head.dep_ == "ccomp" and is_form(v, patterns().claim_verbs):
        # "X said two protesters were killed, and accused police of ...": the parser joined
        # the speaker's second act to the reported clause; its subject is the speaker
        return subjects(v.head.head, depth + 1)
    if is_passive(v.head) and not is_passive(v):
        # "was sworn in and has since engaged with X": the passive subject is the doer
        subj = child(v.head, ("nsubjpass",))
        return conjuncts(subj) if subj is not None else []
    return subjects(v.head, depth + 1)


def subjects(v: Token, depth: int = 0) -> list[Token]:
    """The actors doing ``v``: its subject, inherited through control, conjunction, participles."""
    if depth > 6:
        return []
    own = _own_subject(v)
    if own is not None:
        return own
    if is_passive(v):
        by = agent(v)
        if by:
            return by
        return []  # an agentless passive has no source: "after two figures were arrested, X said"
    if infinitive(v):
        return _controller(v, depth)
    if v.dep_ == "conj" and v.head.pos_ in ("VERB", "AUX", "ADJ"):
        return _conjunct_subject(v, depth)
    if v.dep_ == "advcl" and v.tag_ in ("VBG", "VBN") and v.head.pos_ in ("VERB", "AUX"):
        return subjects(v.head, depth + 1)
    if v.dep_ == "acl" and v.tag_ == "VBG" and v.head.pos_ in ("NOUN", "PROPN"):
        return conjuncts(v.head)
    if v.dep_ == "pcomp" and v.head.dep_ == "prep":
        gov = v.head.head
        if lemma(gov) in patterns().alleging_verbs:
            obj = child(gov, ("dobj", "nsubjpass"))  # "accused Iran of", "Iran was accused of"
            if obj is not None:
                return conjuncts(obj)
        if gov.pos_ in ("VERB", "AUX"):
            return subjects(gov, depth + 1)
    if v.dep_ == "ROOT":
        # "Barack Obama and Vladimir Putin met": a first name the small model read as a
        # preposition, leaving the verb without a subject; the names before the verb are it
        for c in v.children:
            rest = misread_name(c) if c.dep_ == "prep" and c.i < v.i else None
            if rest is not None:
                return conjuncts(rest)
    return []


def misread_name(tok: Token) -> Optional[Token]:
    """The rest of a name whose first word the small model read as a preposition ("Barack"
    heading "Obama" as its object): the object, which carries the name's coordination."""
    if tok.pos_ != "ADP" or tok.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP") or tok.ent_iob_ == "I":
        return None
    for o in tok.children:
        if o.dep_ == "pobj" and o.i == tok.i + 1 and o.ent_type_ == tok.ent_type_:
            return o
    return None


def is_place(tok: Token) -> bool:
    if tok.ent_type_ in PLACE_LABELS:
        return True
    places = words().places
    if lemma(tok) in places.nouns:
        return True
    if lemma(tok) in places.parts:
        # "seized parts of Iraq": a part of a place is a place
        return any(o.ent_type_ in PLACE_LABELS for o in prep_objects(tok, "of"))
    return False
