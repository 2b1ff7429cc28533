"""Acts named again, resolved once the whole document is coded: who did them is said where
they were first reported.

**Criticism of an act**: "Britain slammed the sentence", "the Philippines decried the moves",
"the verdict drew condemnation". The act or decision criticised stands for whoever took it.
Its owner, when the sentence names one ("Russia's decision"), is coded where it is matched;
an act named without one is resolved here:

1. the earlier act it names again (the same word: "was sentenced" ... "the sentence"; or, in
   its own sentence, the act just reported: "China said it had taken measures ..., while the
   Philippines decried the moves"): that act's source, or, when the act had none, the country
   it happened in;
2. else the one country the story is about (not the dateline's: a foreign desk), since
   an act with no author named is, in wire copy, the story's own ("the verdict", "the
   election"); not when the critic is that country's state, which decries others' acts, not
   its own (its opposition, courts or civil society may decry their own state's).

**Casualties and re-mentions of an attack**: "Russian missiles hit the town ... The attack
targeted civilians", "Russia destroys the civilian population, kills Ukrainian children".
Force with no doer named is the doer's of an act of force aimed at the same country's party
that its own sentence reports, or, when it names the act again with a definite noun ("the
attack", "the strike", "killed in the raid"), that an earlier sentence reported (up to
``LOOKBACK`` characters before). Never a guess beyond that: not across sentences without
such a noun, never for two-sided violence ("killed in the fighting", "during clashes"), never
a party's own forces, and never across countries.

**The one accused**: an accusation naming no one ("X alleged that the attack targeted
civilians") is aimed at the doer of the act of force it reports, once that is known.

Each resolution is recorded in ``inferred``; what cannot be resolved stays as it was (an
act's words in ``target_span`` with no code, a casualty with no source).
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc

from storyline.extract.docindex import token_near
from storyline.extract.events.cameo import COERCION_ROOTS, FORCE_ROOTS
from storyline.extract.events.context import has_country
from storyline.extract.events.patterns import patterns
from storyline.extract.events.dateline import story_country
from storyline.extract.events.syntax import is_form, lemma, lookup, pobjs
from storyline.extract.events.words import words
from storyline.model import Document, Event

LOOKBACK = 1500  # characters before the criticism in which the act it names may be reported


def _same_act(noun: str, ev: Event) -> bool:
    """``ev``'s trigger names the act ``noun`` names ("sentenced" / "the sentence")."""
    trig = ev.trigger.lower()
    return len(noun) > 3 and (trig.startswith(noun) or noun.startswith(trig[: max(4, len(trig) - 2)]))


def _antecedent(events: list[Event], i: int, noun: str) -> Optional[Event]:
    ev = events[i]
    start = ev.span[0]
    for prev in reversed(events[:i]):
        if prev.span[0] < start - LOOKBACK:
            break  # events are in text order: the rest are further back
        if prev.span[1] > ev.trigger_span[0]:
            continue
        if _same_act(noun, prev):
            return prev
        if prev.code.startswith(words().targets.act_noun_codes):
            continue  # another criticism is not the act criticised
        if prev.sentence == ev.sentence and prev.source and prev.source != ev.source:
            return prev  # "X said it had taken measures ..., while Y decried the moves"
    return None


def _critic_of(source: Optional[str], home: str) -> bool:
    """A critic of acts in ``home``: anyone but its state itself ("the Philippines decried
    the moves" decries another's), so also its opposition, courts or civil society."""
    return not source or source[:3] != home or source[3:6] not in ("", "GOV", "MIL")


def criticised_acts(document: Document, parsed: Doc, events: list[Event]) -> None:
    """Give each criticism of an act named without its author a target (see the module)."""
    home = story_country(document)  # not the dateline's: "MANILA - ... the Philippines decried the moves"
    for i, ev in enumerate(events):
        if ev.target is not None or ev.target_span is None or not ev.code.startswith(words().targets.act_noun_codes):
            continue
        head = token_near(parsed, ev.target_span[1] - 1)  # the act noun ends the span
        noun = lemma(head) if head is not None else ""
        prev = _antecedent(events, i, noun)
        if prev is not None and prev.source and has_country(prev.source):
            ev.target, ev.target_entity = prev.source, prev.source_entity
            ev.inferred.append("target: who did the act criticised")
        elif prev is not None and prev.location is not None and prev.location.country:
            ev.target = prev.location.country
            ev.inferred.append("target: the country of the act criticised")
        elif home and _critic_of(ev.source, home):
            ev.target = home
            ev.inferred.append("target: the story's country (an act criticised, its author unnamed)")


def _aimed_at(act: Event, target: str, roots: tuple[str, ...] = FORCE_ROOTS) -> bool:
    """``act`` is force (of ``roots``) by a coded party against ``target``'s country, and not
    by ``target``'s own side: another country, or at home another sector ("police" against
    "protesters")."""
    if act.root not in roots or not act.source or not has_country(act.source) or not act.target:
        return False
    if not has_country(target):
        target = act.target[:3] + target  # "... struck Poltava. The attack killed civilians": Ukraine's
    if act.target[:3] != target[:3] or act.source == target:
        return False
    return act.source[:3] != target[:3] or bool(act.source[3:])  # (the same code was ruled out)


def _named_act(parsed: Doc, ev: Event) -> Optional[bool]:
    """How ``ev``'s words name the act of force it is part of: True for a definite act noun
    ("the attack targeted civilians", "killed in the strike", "the raid on X"), False for a
    two-sided one ("killed in the fighting", "during a clash": no one side's doing), None for
    neither."""
    tok = token_near(parsed, ev.trigger_span[0])
    if tok is None:
        return None
    refs = [tok] if tok.pos_ in ("NOUN", "PROPN") else [
        c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"
    ] + [o for p in tok.children if p.dep_ == "prep" and p.lower_ in words().sources.means_preps for o in pobjs(p)]
    w = words().targets
    going_on = [  # "was injured as gunfire continued": the act reported before, going on
        c for v in tok.children if v.dep_ == "advcl" and is_form(v, w.continuing_verbs)
        for c in v.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"
    ]
    for r in refs + going_on:
        if lemma(r) in w.two_sided_nouns:
            return False
    if any(lookup(patterns().nouns, r) for r in going_on):
        return True
    for r in refs:
        if lookup(patterns().nouns, r) and any(d.lower_ in w.definite_words for d in r.children if d.dep_ in ("det", "poss")):
            return True
    return None


def _attacker(parsed: Doc, events: list[Event], i: int) -> Optional[Event]:
    ev = events[i]
    named = _named_act(parsed, ev)
    if named is False:
        return None
    for prev in reversed(events[:i]):
        same = prev.sentence == ev.sentence
        if not same and (not named or prev.span[0] < ev.span[0] - LOOKBACK):
            break  # another sentence's attack only when this one names it again ("the attack")
        if _aimed_at(prev, ev.target, COERCION_ROOTS if same else FORCE_ROOTS):
            return prev  # in its sentence also coercion: "Russia destroys the towns, kills children"
    for nxt in events[i + 1 :]:
        if nxt.sentence != ev.sentence:
            break
        if _aimed_at(nxt, ev.target, COERCION_ROOTS):
            return nxt  # "..., killing three, after militants attacked the town"
    return None


def attackers(parsed: Doc, events: list[Event]) -> None:
    """Give force with no doer named the doer of the attack it is part of (see the module)."""
    for i, ev in enumerate(events):
        if ev.source is not None or ev.root not in FORCE_ROOTS or not ev.target:
            continue
        prev = _attacker(parsed, events, i)
        if prev is not None:
            ev.source, ev.source_entity, ev.source_span = prev.source, prev.source_entity, prev.source_span
            ev.inferred.append("source: who did the act of force this one is part of")
            if not has_country(ev.target):
                ev.target = prev.target[:3] + ev.target
                ev.inferred.append("target country: that of the act of force this one is part of")


def _sentence_of(events: list[Event], i: int) -> list[Event]:
    """The events of ``events[i]``'s sentence (neighbours in text order)."""
    a = i
    while a > 0 and events[a - 1].sentence == events[i].sentence:
        a -= 1
    b = i
    while b + 1 < len(events) and events[b + 1].sentence == events[i].sentence:
        b += 1
    return events[a : b + 1]


DOMESTIC = "target: the story's own country (a domestic act)"


def accused_doers(events: list[Event]) -> None:
    """"Ukraine's president alleged that the attack targeted civilians": an accusation (112)
    with no one accused named is aimed at the doer of the act of force it reports, once that
    doer is known (:func:`attackers`), rather than at the story's own country."""
    for i, ev in enumerate(events):
        if ev.code != "112" or (ev.target is not None and DOMESTIC not in ev.inferred):
            continue
        for act in _sentence_of(events, i):
            if (act.trigger_span[0] > ev.trigger_span[0] and act.root in FORCE_ROOTS
                    and act.source and has_country(act.source) and act.source[:3] != (ev.source or "")[:3]):
                if DOMESTIC in ev.inferred:
                    ev.inferred.remove(DOMESTIC)
                ev.target, ev.target_entity, ev.target_span = act.source, act.source_entity, act.source_span
                ev.inferred.append("target: the doer of the act alleged")
                break
