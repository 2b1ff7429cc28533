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
targeted civilians", "Cambodian troops opened fire ... One Thai soldier was injured as
gunfire continued". Force with no doer named, against a party of a country that an act of
force just reported (in its sentence or up to ``LOOKBACK`` characters before) was aimed at,
is that act's doer's; never a party's own forces (the soldiers killed "in the fighting" are
not killed by their own army), and never across countries.

Each resolution is recorded in ``inferred``; what cannot be resolved stays as it was (an
act's words in ``target_span`` with no code, a casualty with no source).
"""

from __future__ import annotations

from typing import Optional

from storyline.extract.events.cameo import FORCE_ROOTS
from storyline.extract.events.context import has_country
from storyline.extract.events.dateline import story_country
from storyline.extract.events.words import words
from storyline.model import Document, Event

LOOKBACK = 1500  # characters before the criticism in which the act it names may be reported


def _lemma_of(text: str) -> str:
    word = text.split()[-1].lower() if text.split() else ""
    for suffix in ("s", "es"):
        if word.endswith(suffix) and word[: -len(suffix)] in words().targets.act_nouns:
            return word[: -len(suffix)]
    return word


def _same_act(noun: str, ev: Event) -> bool:
    """``ev``'s trigger names the act ``noun`` names ("sentenced" / "the sentence")."""
    trig = ev.trigger.lower()
    return len(noun) > 3 and (trig.startswith(noun) or noun.startswith(trig[: max(4, len(trig) - 2)]))


def _antecedent(events: list[Event], i: int, noun: str) -> Optional[Event]:
    ev = events[i]
    start = ev.span[0]
    for prev in reversed(events[:i]):
        if prev.span[1] > ev.trigger_span[0] or prev.span[0] < start - LOOKBACK:
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


def criticised_acts(document: Document, events: list[Event]) -> None:
    """Give each criticism of an act named without its author a target (see the module)."""
    home = story_country(document)  # not the dateline's: "MANILA - ... the Philippines decried the moves"
    for i, ev in enumerate(events):
        if ev.target is not None or ev.target_span is None or not ev.code.startswith(words().targets.act_noun_codes):
            continue
        noun = _lemma_of(document.text[ev.target_span[0] : ev.target_span[1]])
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


def _aimed_at(act: Event, target: str) -> bool:
    """``act`` is force by a coded party against ``target``'s country, and not by ``target``'s
    own side: another country, or at home another sector ("police" against "protesters")."""
    if act.root not in FORCE_ROOTS or not act.source or not has_country(act.source) or not act.target:
        return False
    if not has_country(target):
        target = act.target[:3] + target  # "... struck Poltava. The attack killed civilians": Ukraine's
    if act.target[:3] != target[:3] or act.source == target:
        return False
    return act.source[:3] != target[:3] or bool(act.source[3:] and target[3:] and act.source[3:] != target[3:]) \
        or bool(act.source[3:] and not target[3:])


def _attacker(events: list[Event], i: int) -> Optional[Event]:
    ev = events[i]
    for prev in reversed(events[:i]):
        if prev.span[0] < ev.span[0] - LOOKBACK and prev.sentence != ev.sentence:
            break
        if _aimed_at(prev, ev.target):
            return prev
    for nxt in events[i + 1 :]:
        if nxt.sentence != ev.sentence:
            break
        if _aimed_at(nxt, ev.target):
            return nxt  # "..., killing three, after militants attacked the town"
    return None


def attackers(events: list[Event]) -> None:
    """Give force with no doer named the doer of the attack it is part of (see the module)."""
    for i, ev in enumerate(events):
        if ev.source is not None or ev.root not in FORCE_ROOTS or not ev.target:
            continue
        prev = _attacker(events, i)
        if prev is not None:
            ev.source, ev.source_entity, ev.source_span = prev.source, prev.source_entity, prev.source_span
            ev.inferred.append("source: who did the act of force this one is part of")
            if not has_country(ev.target):
                ev.target = prev.target[:3] + ev.target
                ev.inferred.append("target country: that of the act of force this one is part of")
