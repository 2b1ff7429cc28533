"""Which matches are reported events (docs/events.md, "Which events are coded").

A careful coder codes what the sentence reports, once: not the background frames that
situate it, the relative clauses that describe an actor, the agentless nominal references,
nor the content, grounds or same-kind elaboration of another coded act. Each of those is one
named criterion in :data:`BACKGROUND`, tried in order. Governors are decided first (nearest
the root), so only a kept event can absorb the acts it governs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional

from spacy.tokens import Token

from storyline.extract.events.cameo import same_kind
from storyline.extract.events.context import has_country, is_actorish
from storyline.extract.events.patterns import patterns
from storyline.extract.events.records import Candidate
from storyline.extract.events.sources import noun_sources, support_verb
from storyline.extract.events.syntax import agent, depth, infinitive, is_form, is_place, lemma, lookup
from storyline.extract.events.words import words


@dataclass
class Selection:
    """What the sentence has kept so far."""

    covered: dict[int, str] = field(default_factory=dict)  # token -> code of the kept act it belongs to
    kept: dict[int, Candidate] = field(default_factory=dict)  # trigger -> kept candidate

    def anchored(self, head: Token) -> Optional[str]:
        """The code of the coded act ``head`` is, or whose attribution verb it is ("X did Y,
        officials said, -ing"); None when it is neither."""
        if head.i in self.covered:
            return self.covered[head.i]
        if is_form(head, patterns().speech_verbs):
            for c in head.children:
                if c.dep_ == "ccomp" and c.i < head.i and c.i in self.covered:
                    return self.covered[c.i]
        return None

    def keep(self, c: Candidate) -> None:
        """Keep ``c``: it and its objects belong to its act (when it codes an actor at all)."""
        self.kept[c.trigger.i] = c
        if not c.sources and not c.targets:
            return  # a match with no actor codes nothing, so it absorbs nothing either
        self.covered.setdefault(c.trigger.i, c.code)
        for t in c.extra_tokens:
            self.covered.setdefault(t.i, c.code)
        for ch in c.trigger.children:  # the objects of a coded act belong to it
            if ch.dep_ in ("dobj", "nsubjpass", "dative", "attr"):
                self.covered.setdefault(ch.i, c.code)
                for x in ch.children:
                    if x.dep_ == "prep":
                        self.covered.setdefault(x.i, c.code)


@dataclass
class _View:
    """Where a candidate stands in its sentence."""

    path: list[Token]  # the trigger and up to 12 of its ancestors
    clause: Token  # the verb of the clause the trigger is (for an object noun: its verb)


def _view(c: Candidate) -> _View:
    trig = c.trigger
    clause = trig
    if c.sense.kind == "noun" and trig.dep_ in ("dobj", "nsubjpass") and trig.head.pos_ in ("VERB", "AUX"):
        clause = trig.head
    while clause.dep_ == "xcomp" and clause.head.pos_ in ("VERB", "AUX"):
        clause = clause.head  # "..., seeking to mend ties": the participle that governs it
    return _View([trig] + list(trig.ancestors)[:12], clause)


def _actor_noun(tok: Token) -> bool:
    """A noun that names people or a group (not an event): 'those', 'the rebels', 'Hamas'."""
    p = patterns()
    if tok.pos_ == "PRON":
        return tok.lower_ in words().pronouns.people
    if tok.pos_ in ("NOUN", "PROPN") and lookup(p.nouns, tok):
        return False
    return tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or is_form(tok, p.human_nouns) or (
        is_form(tok, p.partitive) and is_actorish(tok)
    )


# --- the criteria, in the order they are tried ---------------------------------------------


def _describes_actor(c: Candidate, v: _View, sel: Selection) -> bool:
    """A relative clause or participle describing an actor ("Adli Yaish, who had been arrested
    15 months ago", "officials accused of playing a role"): it characterises the actor, it is
    not reported here. A reduced participle naming its doer ("339 children abducted by
    Russia") reports the act that defines the group, unlike an aside ("X, who had been
    arrested by police last year, ..."). A headline that is only a noun phrase ("Five journalists arrested") and
    an existential ("there were ten soldiers killed") are reported."""
    if v.path[-1].pos_ not in ("VERB", "AUX"):
        return False  # a sentence that is only a noun phrase: its participle is the predicate
    for t in v.path:
        if t.dep_ in ("relcl", "acl") and t.pos_ in ("VERB", "AUX"):
            existential = t.head.dep_ == "attr" and any(x.dep_ == "expl" for x in t.head.head.children)
            if t is c.trigger and t.dep_ == "acl" and t.tag_ == "VBN" and agent(t):
                return False  # "339 children abducted by Russia": the doer named, an act reported
            if _actor_noun(t.head) and not existential:
                return True
    return False


def _describes_thing(c: Candidate, v: _View, sel: Selection) -> bool:
    """A participle describing a thing, with no one doing it ("a website linked to the group",
    "weapons seized last year"): a description, not a reported act."""
    trig = c.trigger
    return (
        c.sense.kind == "verb" and trig.dep_ == "acl" and trig.tag_ == "VBN" and not agent(trig)
        and v.path[-1].pos_ in ("VERB", "AUX") and trig.head.pos_ == "NOUN"
        and not _actor_noun(trig.head) and not lookup(patterns().nouns, trig.head)
    )


def _nominal_reference(c: Candidate, v: _View, sel: Selection) -> bool:
    """A nominal with no agent at all ("Maduro's capture", "the release of X came as") refers
    to an event; who did it is not said here, so there is nothing to code."""
    if c.sense.kind != "noun":
        return False
    agents = c.sources or [t for t in noun_sources(c.trigger) if not (c.sense.patient_possessive and t.dep_ == "poss")]
    return not agents and not c.folded and not (c.mutual and len(c.targets) > 1)


def _full_event(c: Candidate) -> bool:
    """A match that names, itself, both who acted (its own possessor or "by" phrase, or its
    verb's subject) and on whom ("since the regime's crackdown on the opposition"): when it
    frames another act as earlier than it ("since", "after": ``[selection]
    earlier_frame_preps``), a background event in its own right; "during a visit by the
    premier" is the same occasion and stays the time frame."""
    own = {t.i for t in noun_sources(c.trigger) if t.i in range(c.trigger.left_edge.i, c.trigger.right_edge.i + 1)} \
        if c.sense.kind == "noun" else {t.i for t in c.trigger.children if t.dep_ in ("nsubj", "agent")}
    return any(a.code and a.token.i in own for a in c.sources) and any(a.code for a in c.targets)


def _frame_noun(c: Candidate, v: _View, sel: Selection) -> bool:
    """An event noun that is the time frame ("during a visit", "after the raid", "in the
    aftermath of the operation") situates the act the clause reports; with no coded act it
    is the report."""
    if c.sense.kind != "noun":
        return False
    frame_preps = patterns().selection.get("frame_preps", [])
    n = c.trigger
    while n.dep_ == "conj":
        n = n.head
    if n.dep_ != "pobj":
        return False
    prep = n.head
    if _full_event(c) and lemma(prep) in patterns().selection.get("earlier_frame_preps", []):
        return False  # "since the regime's crackdown on the opposition": an earlier act of its own
    framed = lemma(prep) in frame_preps or lemma(prep.head) in frame_preps
    if prep.lower_ == "of" and lemma(prep.head) in patterns().selection.get("frame_nouns", []):
        framed, prep = True, prep.head.head if prep.head.dep_ == "pobj" else prep.head
    if not framed:
        return False
    anchor = prep.head
    for _ in range(4):
        if anchor.i in sel.covered or anchor.pos_ in ("VERB", "AUX") or anchor.head.i == anchor.i:
            break
        anchor = anchor.head
    return bool(sel.anchored(anchor))


def _elaborates_act(c: Candidate, v: _View, sel: Selection) -> bool:
    """A participial adjunct of a coded act that is more of the same act ("bombarded the city,
    killing eight people"; "launched a strike, expanding its campaign") elaborates it: its
    result or manner. A different kind of act stays ("expelled two diplomats, accusing them
    of spying": the expulsion and the accusation)."""
    clause = v.clause
    return (
        clause.dep_ == "advcl" and clause.tag_ == "VBG"
        and same_kind(sel.anchored(clause.head), c.code)
        and not any(x.dep_ in ("nsubj", "nsubjpass", "mark") for x in clause.children)
    )


def _elaborates_event_noun(c: Candidate, v: _View, sel: Selection) -> bool:
    """A clause that says what a coded event noun did ("an attack targeting civilians", "the
    strike, which killed six") elaborates that event, also when the noun is the content of
    another act ("claimed responsibility for an attack targeting ...")."""
    trig = c.trigger
    noun = trig.head
    if is_place(noun) and noun.dep_ == "pobj" and noun.head.head.pos_ == "NOUN":
        noun = noun.head.head  # "the bombing in Kabul, which killed 20": attached to the place by the parser
    head_code = sel.covered.get(noun.i)
    relative = words().pronouns.relative
    return bool(
        c.sense.kind == "verb" and trig.dep_ in ("acl", "relcl")
        and (same_kind(head_code, c.code) or (head_code and noun.i not in sel.kept))
        and noun.pos_ == "NOUN" and lookup(patterns().nouns, noun)
        and all(x.lower_ in relative for x in trig.children if x.dep_ in ("nsubj", "nsubjpass"))
    )


def _temporal_clause(c: Candidate, v: _View, sel: Selection) -> bool:
    """A temporal clause situating a coded act ("withdrew ..., two weeks after rebels
    kidnapped peacekeepers") is its time frame."""
    clause = v.clause
    frame_preps = patterns().selection.get("frame_preps", [])
    return bool(
        clause.dep_ == "advcl" and sel.anchored(clause.head)
        and any(x.dep_ == "mark" and lemma(x) in frame_preps for x in clause.children)
    )


def _content(c: Candidate, v: _View, sel: Selection) -> bool:
    """An infinitive governed by a coded act is its content, not a second act, whatever its
    kind: "pressured X to help Iran", "gave permission to Russia to help Israel"."""
    return c.sense.kind == "verb" and infinitive(c.trigger) and c.trigger.head.i in sel.covered


def _accused_act(c: Candidate, v: _View, sel: Selection) -> bool:
    """What a named party accuses another of ("Ukraine accused Iran of supplying drones") is
    the content of the accusation (112), coded once, as the accusation; with no accuser ("Iran
    was accused of supplying drones") the act stays, alleged."""
    t = c.trigger if c.sense.kind == "verb" else support_verb(c.trigger)
    if t is None:  # an event noun is charged through the verb that carries it ("of carrying out airstrikes")
        return False
    alleging = patterns().alleging_verbs
    via = False
    for _ in range(6):  # "accused X of making accusations by alleging ...": the whole charge
        if t.dep_ not in ("pcomp", "pobj", "prep", "xcomp", "dobj") or t.head.i == t.i:
            break
        via = via or (t.dep_ == "prep" and t.lower_ in words().folding.charge_preps)
        t = t.head
        acc = sel.kept.get(t.i)
        if via and acc is not None and is_form(acc.trigger, alleging) and any(a.code for a in acc.sources):
            return True
    return False


def _grounds(c: Candidate, v: _View, sel: Selection) -> bool:
    """The grounds of a coded act ("jailed him for helping militants") are its reason."""
    trig = c.trigger
    return (
        c.sense.kind == "verb" and trig.dep_ == "pcomp"
        and lemma(trig.head) in patterns().selection.get("grounds_preps", []) and trig.head.head.i in sel.covered
    )


Criterion = Callable[[Candidate, _View, Selection], bool]

BACKGROUND: tuple[tuple[str, Criterion], ...] = (
    ("describes an actor", _describes_actor),
    ("describes a thing", _describes_thing),
    ("nominal reference", _nominal_reference),
    ("time frame", _frame_noun),
    ("elaboration", _elaborates_act),
    ("elaboration of an event noun", _elaborates_event_noun),
    ("time frame of a coded act", _temporal_clause),
    ("content of a coded act", _content),
    ("content of an accusation", _accused_act),
    ("grounds of a coded act", _grounds),
)
"""Why a match is not a reported event, in the order the reasons are tried."""


def background(c: Candidate, sel: Selection) -> Optional[str]:
    """The first reason in :data:`BACKGROUND` that makes ``c`` background, or None."""
    v = _view(c)
    for reason, test in BACKGROUND:
        if test(c, v, sel):
            return reason
    return None


def select(cands: list[Candidate]) -> dict[int, str]:
    """Drop (``dropped = True``) the candidates that are background, governors first; the
    reason for each, by trigger index."""
    sel = Selection()
    reasons: dict[int, str] = {}
    for c in sorted(cands, key=lambda c: (depth(c.trigger), c.trigger.i)):
        reason = background(c, sel)
        if reason:
            c.dropped = True
            reasons[c.trigger.i] = reason
            continue
        sel.keep(c)
    return reasons
