"""Who does an event: the actors a list of tokens names, and the source of an event noun
(its "by" phrase, possessor, or the subject of the verb that carries it)."""

from __future__ import annotations

from functools import cache
from typing import Optional

from spacy.tokens import Token

from storyline.extract.events import pronouns
from storyline.extract.events.context import Context, split_modifiers
from storyline.extract.events.patterns import patterns
from storyline.extract.events.records import Arg
from storyline.extract.events.syntax import agent, conjuncts, is_form, is_passive, lemma, lookup, prep_objects, subjects
from storyline.extract.events.words import words


def listed_members(t: Token) -> list[Token]:
    """``t`` itself, or, for a plural polity that a listing verb names the members of
    ("*Countries* that have sent aid include Mexico, Spain and Peru"), those members."""
    w = words().actors
    if t.tag_ in ("NNS", "NNPS") and t.dep_ == "nsubj" and lemma(t) in w.polity_nouns and lemma(t.head) in w.listing_verbs:
        listed = [m for o in t.head.children if o.dep_ in ("dobj", "attr") for m in conjuncts(o)]
        if listed and all(m.ent_type_ == "GPE" for m in listed):
            return listed
    return [t]


def args(toks: list[Token], ctx: Context) -> list[Arg]:
    """The actors ``toks`` name, in order: a plural pronoun stands for every coordinated
    antecedent, coordinated national modifiers for one actor each ("US and British activists")."""
    out = []
    for t in [m for t in toks for m in listed_members(t)]:
        group = pronouns.coordinated(t, ctx.code_token)
        if group:
            out.extend(group)  # "Obama and Putin said they will attack": both
            continue
        a = ctx.code_token(t)
        if a is None:
            continue
        split = split_modifiers(t, a)
        out.extend(split or [a])
    return out


def support_verb(n: Token) -> Optional[Token]:
    """The verb that carries event noun ``n`` without adding an act of its own ("held talks",
    "engaged in talks"), or None."""
    p = patterns()
    if n.dep_ in ("dobj", "nsubjpass") and is_form(n.head, p.support_verbs):
        return n.head
    if n.dep_ == "pobj" and n.head.dep_ in ("prep",):
        verb = n.head.head
        need = lookup(p.support_preps, verb)
        if need and (n.head.lower_ == need or any(c.lower_ == need for c in verb.children)):
            return verb
    if n.dep_ == "conj":
        return support_verb(n.head)
    return None


def _by_phrase(n: Token) -> list[Token]:
    """"capture of X by U.S. forces" (the "by" phrase is often attached to X by the parser)."""
    out = prep_objects(n, "by")
    if not out:
        for o in prep_objects(n, "of")[:1]:
            out = prep_objects(o, "by")
    if not out and n.dep_ == "dobj" and n.head.pos_ == "VERB" and not is_passive(n.head):
        out = prep_objects(n.head, "by")  # "condemned the killing of X by Y": "by" misattached to the verb
    return out


def noun_sources(n: Token) -> list[Token]:
    """The tokens naming who did the act event noun ``n`` names."""
    p = patterns()
    out = _by_phrase(n)
    if out:
        return out
    # "the raid, ordered by U.S. authorities"
    for c in n.children:
        if c.dep_ == "acl" and lemma(c) in p.support_verbs | words().sources.ordering_verbs:
            ag = agent(c)
            if ag:
                return ag
    for c in n.children:
        if c.dep_ == "poss":
            return conjuncts(c)
    if any(s.code[:2] in words().sources.from_roots for s in lookup(p.nouns, n) or []):
        said_by = prep_objects(n, "from")  # "complaints from Islamabad"
        if not said_by and n.dep_ == "dobj":
            said_by = prep_objects(n.head, "from")  # "prompting complaints from X": attached to the verb
        if said_by:
            return said_by
    verb = support_verb(n)
    if verb is not None:
        subj = subjects(verb)
        if not subj and n.dep_ == "pobj":
            # "Serb forces were engaged in ethnic cleansing": the passive subject does it
            subj = [c for c in verb.children if c.dep_ == "nsubjpass"]
        return subj
    if n.dep_ == "pobj" and n.head.lower_ in words().sources.protest_frame_preps and n.head.head.pos_ in ("VERB",):
        senses = lookup(p.nouns, n) or []
        if any(s.code[:2] == "14" for s in senses):
            return subjects(n.head.head)  # "youths threw stones during demonstrations"
    return []


def noun_source_arg(n: Token, ctx: Context) -> Optional[Arg]:
    """The actor who did the act noun ``n`` names ("condemned the raid": the raiders), else
    the actor the noun itself names."""
    for s in noun_sources(n):
        arg = ctx.code_token(s)
        if arg:
            return arg
    return ctx.code_token(n)


@cache
def _governing_words() -> frozenset[str]:
    """Verbs that negate or plan the event noun they govern ("vowed retaliation")."""
    mod = patterns().modality
    return frozenset(mod.get("negators", [])) | frozenset(mod.get("planning_verbs", [])) | {p[0] for p in mod.get("negating_paths", [])}


def governor_sources(n: Token, ctx: Context) -> list[Arg]:
    """'stopped short of military retaliation', 'vowed retaliation': the governing verb's subject."""
    gov_words = _governing_words()
    tok = n
    for _ in range(4):
        head = tok.head
        if head.i == tok.i:
            break
        if head.pos_ in ("VERB", "AUX") or head.dep_ == "ROOT":
            if lemma(head) in gov_words:
                return args(subjects(head), ctx)
            return []
        tok = head
    return []
