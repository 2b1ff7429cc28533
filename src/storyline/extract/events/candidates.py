"""The candidate events of one sentence: every token matched against the dictionary, then
the matches folded into one another and selected (what the sentence reports, once)."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Span, Token

from storyline.extract.events.context import Context
from storyline.extract.events.fold import absorb_means, fold
from storyline.extract.events.matcher import match_adjective, match_noun, match_verb
from storyline.extract.events.modality import demand_speaker
from storyline.extract.events.patterns import patterns, recode_sense
from storyline.extract.events.records import Candidate
from storyline.extract.events.select import select
from storyline.extract.events.syntax import is_form, lemma


def _match(tok: Token, ctx: Context) -> Optional[Candidate]:
    """The candidate ``tok`` triggers: a verb, adjective or noun sense, or a must-clause
    under a speech verb ("X said Y must withdraw": a demand)."""
    p = patterns()
    cand = None
    pos = tok.pos_  # read once: spaCy decodes the string on each access
    if pos == "VERB" or (pos == "ADJ" and any(c.dep_ == "dobj" for c in tok.children)):
        cand = match_verb(tok, ctx)
    elif pos == "ADJ" and lemma(tok) in p.adjectives:
        cand = match_adjective(tok, ctx)
    elif pos in ("NOUN", "PROPN"):
        cand = match_noun(tok, ctx)
    if cand is None and pos in ("VERB", "AUX") and demand_speaker(tok):
        sense = recode_sense(p.recode.get("must", {}).get("like", ""))
        if sense is not None:
            cand = Candidate(tok, sense, sense.code, [], [], [])
    return cand


def _drop_named_objects(out: list[Candidate]) -> None:
    """An event noun that a verb's sense names as its object ("signed an agreement", "supply
    arms") is part of the verb's event."""
    verbs = {c.trigger.i: c for c in out if c.sense.kind == "verb"}
    for c in out:
        if c.sense.kind == "noun" and c.trigger.dep_ in ("dobj", "nsubjpass", "pobj"):
            head = c.trigger.head if c.trigger.dep_ != "pobj" else c.trigger.head.head
            v = verbs.get(head.i)
            if v is not None and not v.sense.complement and (is_form(c.trigger, v.sense.objects) or v.code != v.sense.code and is_form(c.trigger, v.sense.object_codes)):
                c.dropped = True


def _drop_carriers(out: list[Candidate]) -> None:
    """'the raid, ordered by U.S. authorities': a support verb over an event noun is not a
    second event; 'endorsed an agreement with the EU': an object noun with no coded source
    is part of the verb's event."""
    verbs = {c.trigger.i: c for c in out if c.sense.kind == "verb"}
    nouns = {c.trigger.i: c for c in out if c.sense.kind == "noun" and not c.dropped}
    for c in out:
        if c.sense.kind == "verb" and not c.folded and is_form(c.trigger, patterns().support_verbs):
            objs = [x for x in c.trigger.children if x.dep_ in ("dobj", "nsubjpass")]
            if c.trigger.dep_ == "acl":
                objs.append(c.trigger.head)
            if any(o.i in nouns for o in objs):
                c.dropped = True
    for c in out:
        if c.sense.kind == "noun" and not c.dropped and not any(a.code for a in c.sources):
            head = c.trigger.head
            if c.trigger.dep_ == "dobj" and head.i in verbs and not verbs[head.i].dropped:
                c.dropped = True


def matches(sent: Span, ctx: Context) -> list[Candidate]:
    """The matches of ``sent``, in text order, folded into one another: the candidates
    before selection."""
    out = []
    for tok in sent:
        cand = _match(tok, ctx)
        if cand is not None:
            out.append(cand)
    _drop_named_objects(out)
    fold(out, ctx)
    absorb_means(out)
    _drop_carriers(out)
    return [c for c in out if not c.dropped]


def candidates(sent: Span, ctx: Context) -> list[Candidate]:
    """The candidate events of ``sent``, in text order: the matches selection keeps."""
    kept = matches(sent, ctx)
    select(kept)
    return [c for c in kept if not c.dropped]
