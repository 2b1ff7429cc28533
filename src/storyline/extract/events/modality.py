"""The status of an event from the words that govern it: negated ("did not attack", "stopped
short of"), hypothetical (could/might, conditions, wishes), alleged ("accused of",
"reportedly"), planned (will, vowed to, is due to) or reported. The words are
cameo_patterns.toml ``[modality]``; the status of an enclosing quote is applied later."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Optional

from spacy.tokens import Token

from storyline.extract.events.patterns import patterns
from storyline.extract.events.syntax import infinitive, is_form, lemma, subjects
from storyline.extract.events.words import words


@dataclass(frozen=True)
class _Words:
    negators: frozenset[str]
    negation: frozenset[str]
    future: frozenset[str]
    hypothetical: frozenset[str]
    marks: frozenset[str]
    planning: frozenset[str]
    alleging: frozenset[str]
    alleging_words: frozenset[str]
    paths: tuple[tuple[str, ...], ...]
    litotes: frozenset[str]
    unsupported: frozenset[str]
    scheduling: frozenset[str]
    wishing: frozenset[str]
    chain_governors: frozenset[str]  # verbs whose object noun is the event they carry or govern
    must: frozenset[str]  # [recode.must] auxiliaries


@cache
def _words() -> _Words:
    p = patterns()
    mod = p.modality
    got = lambda key: frozenset(mod.get(key, []))  # noqa: E731
    return _Words(
        negators=got("negators"),
        negation=got("negation_words"),
        future=got("future_auxiliaries"),
        hypothetical=got("hypothetical_auxiliaries"),
        marks=got("conditional_marks"),
        planning=got("planning_verbs"),
        alleging=got("alleging_verbs"),
        alleging_words=got("alleging_words"),
        paths=tuple(tuple(x) for x in mod.get("negating_paths", [])),
        litotes=got("litotes"),
        unsupported=got("unsupported_nouns"),
        scheduling=got("scheduling_words"),
        wishing=frozenset(p.selection.get("wishing_verbs", [])),
        chain_governors=got("negators") | got("planning_verbs") | got("alleging_verbs") | p.support_verbs,
        must=frozenset(p.recode.get("must", {}).get("auxiliaries", [])),
    )


def chain(tok: Token, limit: int = 6) -> list[Token]:
    """The trigger and the words governing it within its clause complex (xcomp, prep, ...)."""
    governors = _words().chain_governors
    out = [tok]
    cur = tok
    for _ in range(limit):
        head = cur.head
        if head.i == cur.i:
            break
        dep = cur.dep_
        if dep in ("xcomp", "acomp", "pcomp", "pobj", "prep", "advmod", "agent"):
            pass
        elif dep in ("dobj", "nsubjpass") and is_form(head, governors):
            pass  # "launched an attack", "vowed retaliation"
        elif dep == "acl" and infinitive(cur) and is_form(head, words().sources.intent_nouns):
            pass  # "announced plans to attack": the intention noun governs its infinitive
        elif (
            dep == "conj" and head.pos_ in ("VERB", "AUX") and cur.pos_ in ("VERB", "AUX")
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children)
        ):
            pass  # "would not attack and kill": the first verb's auxiliaries reach the second (not a new clause)
        else:
            break
        out.append(head)
        cur = head
    return out


def _chains(tok: Token, extra: list[Token]) -> list[Token]:
    """The chain of ``tok``, then what the chains of ``extra`` add to it."""
    out = chain(tok)
    for e in extra:
        for t in chain(e):
            if t not in out:
                out.append(t)
    return out


@dataclass
class _Marks:
    negated: bool = False
    hypothetical: bool = False
    alleged: bool = False
    planned: bool = False


def _mark_chain(tok: Token, extra: list[Token], m: _Marks) -> None:
    """Negation, auxiliaries, conditions and allegation words on the chain of governing words."""
    w = _words()
    links = _chains(tok, extra)
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj") and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children):
            m.negated = True  # "no live rounds were fired", "fired no shots"
    for k, t in enumerate(links):
        for c in t.children:
            low = c.lower_
            if c.dep_ == "neg" or (c.dep_ in ("det", "advmod") and low in w.negation and low != "no" or (low == "no" and c.dep_ == "det")):
                if k > 0 and lemma(t) in w.litotes:
                    m.planned = True  # "would not hesitate to request": a firm intention
                else:
                    m.negated = True
            if c.dep_ in ("aux",) and (low in w.hypothetical or lemma(c) in w.hypothetical):
                m.hypothetical = True
            if c.dep_ in ("aux",) and (low in w.future or lemma(c) in w.future):
                m.planned = True
            if c.dep_ == "mark" and low in w.marks:
                m.hypothetical = True
            if c.dep_ in ("advmod", "amod") and low in w.alleging_words:
                m.alleged = True
        if k == 0:
            continue
        lem = lemma(t)
        below = links[k - 1]
        if lem in w.negators and below.dep_ in ("xcomp", "pcomp", "pobj", "prep", "dobj"):
            m.negated = True
        if lem in w.planning and (below.dep_ in ("xcomp", "dobj", "acl") or (below.dep_ == "prep" and below.lower_ in words().modality.planning_preps)):
            m.planned = True
        if lem in w.alleging and below.dep_ in ("pcomp", "pobj", "prep", "ccomp", "xcomp"):
            m.alleged = True


def _mark_ancestors(tok: Token, m: _Marks) -> None:
    """Wishes, unsupported claims and negating paths above the trigger."""
    w = _words()
    # "X hoped Y would be indicted", "fears Z will attack": a wish or a fear, not an act
    for t in [tok] + list(tok.ancestors)[:6]:
        if t.dep_ == "ccomp":
            if is_form(t.head, w.wishing):
                m.hypothetical = True
            break
    # "there is no evidence (that) X helped": a claim without support is at most alleged
    ancestors = list(tok.ancestors)[:8]
    scarcity = words().modality.scarcity
    for t in ancestors[:4]:
        if t.pos_ == "NOUN" and lemma(t) in w.unsupported and any(c.lower_ in scarcity for c in t.children):
            m.alleged = True
    # "stopped short of X (to free Y)", "refrained from X": a negating path above the trigger
    for t in ancestors:
        lem = lemma(t)
        for path in w.paths:
            if lem != path[0]:
                continue
            lemmas = [(lemma(x), x.i) for x in t.subtree if x.i > t.i]
            seq = [l for l, _ in lemmas[: len(path) + 2]]
            if all(p in seq for p in path[1:]):
                last = next((i for l, i in lemmas if l == path[-1]), None)
                if last is not None and tok.i > last:
                    m.negated = True


def status(tok: Token, extra: list[Token]) -> str:
    """negated, hypothetical, alleged, planned or reported (the first that applies).

    The consequence of a condition ("will withdraw unless ...", "would retaliate if ...") is
    a conditional promise or threat: it stays planned (CAMEO codes it as intent or threat);
    only the condition itself and could/might/may clauses are hypothetical."""
    m = _Marks()
    _mark_chain(tok, extra, m)
    _mark_ancestors(tok, m)
    if m.negated:
        return "negated"
    if m.hypothetical:
        return "hypothetical"
    if m.alleged:
        return "alleged"
    if m.planned:
        return "planned"
    return "reported"


def scheduled(tok: Token, extra: list[Token]) -> bool:
    """Is a planned act only scheduled ("is scheduled to attend", "is due to visit", "is expected
    to sign")? Then it keeps its own code with status planned: nobody expressed an intention.
    An announced or intended act ("will provide aid", "vowed to retaliate", "said it would attack")
    is recoded as intent (03) or threat (13), as the CAMEO codebook's examples do."""
    schedule = _words().scheduling
    links = chain(tok)
    for e in extra:
        links += [t for t in chain(e) if t not in links]
    if any(t.dep_ == "ccomp" and is_form(t.head, patterns().speech_verbs) for t in links):
        return False  # "announced that it is prepared to impose martial law": announced, an intention
    return any(lemma(t) in schedule or t.lower_ in schedule for t in links[1:])


def stated_refusal(tok: Token) -> bool:
    """'will not X', 'would never X': a negated future, i.e. a refusal stated by the actor."""
    future = _words().future
    neg = any(c.dep_ == "neg" for c in tok.children)
    fut = any(c.dep_ == "aux" and c.lower_ in future for c in tok.children)
    return neg and fut


def conditional(tok: Token, marks) -> bool:
    """Some clause governing ``tok`` has a condition introduced by one of ``marks``."""
    for t in chain(tok):
        for c in t.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children):
                return True
    return False


def demand_speaker(tok: Token) -> Optional[list[Token]]:
    """'X said Y must Z': the speaker X, when ``tok`` is a must-clause under a speech verb."""
    p = patterns()
    must = _words().must
    if not any(c.dep_ == "aux" and c.lower_ in must for c in tok.children):
        return None
    if tok.dep_ == "ccomp" and is_form(tok.head, p.speech_verbs):
        return subjects(tok.head) or None
    head = tok.head
    if tok.dep_ in ("acl", "ccomp") and head.pos_ == "NOUN" and is_form(head, p.speech_nouns):
        # "issued a stern reminder to Iraq that it must cooperate"
        if head.dep_ in ("dobj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX"):
            return subjects(head.head) or None
        poss = [c for c in head.children if c.dep_ == "poss"]
        return poss or None
    return None
