"""Tense around a stretch of text: does what it dates lie in the past or the future?

A helper shared by the stages, not a stage: the ``times`` stage uses it to place a weekday
or a year-less month before or after the document date, the ``checks`` stage to tell a
reported past from a plan. Two readings, the word lists of both in ``data/tense.toml``:

* :func:`tense_from_parse` walks the spaCy parse from the expression up to its governing
  verb and reads that verb's tense, auxiliaries and modals, plan verbs ("plans to strike")
  and deadlines ("postponed until Saturday");
* :func:`tense_in_text`, without a parse, takes the nearest tense cue word in the sentence.

Both return ``"past"``, ``"future"`` (plans, expectations and modals included) or None;
the parse may also say ``"present"``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Optional

from storyline.data import load

_SENTENCE_START = re.compile(r"[.!?]\s+(?=[A-Z“\"'])|\n")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")
_SENTENCE_REACH = 300  # characters searched for the sentence bounds on each side


def _alternation(words) -> str:
    """A regex alternation of ``words``, longest first, spaces matching any whitespace."""
    parts = [re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True)]
    return "(?:" + "|".join(parts) + ")"


@dataclass(frozen=True)
class _TextCues:
    future: re.Pattern
    past: re.Pattern
    not_past: frozenset[str]
    reporting: frozenset[str]
    reporting_reach: int
    passive_before: re.Pattern


@cache
def _text_cues() -> _TextCues:
    raw = load("tense.toml")["text"]
    return _TextCues(
        future=re.compile(r"(?i)(?<![\w'])" + _alternation(raw["future"]) + r"(?![\w'])"),
        past=re.compile(r"(?i)(?<![\w'])(?:" + _alternation(raw["past"])[3:-1] + r"|[a-z]+ed)(?![\w'])"),
        not_past=frozenset(w.lower() for w in raw["not_past"]),
        reporting=frozenset(w.lower() for w in raw["reporting"]),
        reporting_reach=int(raw["reporting_reach"]),
        passive_before=re.compile(r"(?i)\b" + _alternation(raw["passive_auxiliaries"]) + r"\s+$"),
    )


@cache
def _parse_words() -> dict[str, frozenset[str]]:
    raw = load("tense.toml")["parse"]
    return {k: frozenset(w.lower() for w in words) for k, words in raw.items()}


# ------------------------------------------------------------------------- no parse
def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - _SENTENCE_REACH)
    s = lo
    for m in _SENTENCE_START.finditer(text[lo:start]):
        s = lo + m.end()
    hi = min(len(text), end + _SENTENCE_REACH)
    m = _SENTENCE_END.search(text, end, hi)
    return s, (m.start() + 1 if m else hi)


def tense_in_text(text: str, start: int, end: int) -> Optional[str]:
    """'past' or 'future' from the nearest tense cue word in the sentence (no parse)."""
    cues = _text_cues()
    s, e = _sentence_bounds(text, start, end)
    best: Optional[tuple[int, str]] = None
    future_spans = []
    for m in cues.future.finditer(text, s, e):
        if start <= m.start() < end:
            continue
        future_spans.append((m.start(), m.end()))
        dist = start - m.end() if m.end() <= start else m.start() - end
        if best is None or dist < best[0]:
            best = (dist, "future")
    for m in cues.past.finditer(text, s, e):
        if start <= m.start() < end:
            continue
        dist = start - m.end() if m.end() <= start else m.start() - end
        if not _past_cue(m, dist, text, future_spans, cues):
            continue
        if best is None or dist < best[0]:
            best = (dist, "past")
    return best[1] if best else None


def _past_cue(m: re.Match, dist: int, text: str, future_spans: list, cues: _TextCues) -> bool:
    """Does the past-looking word ``m`` (``dist`` characters from the expression) count?"""
    word = m.group(0).lower()
    if word in cues.not_past:
        return False
    if any(fs <= m.start() < fe for fs, fe in future_spans):
        return False  # part of a future cue ("planned")
    if word in cues.reporting and dist > cues.reporting_reach:
        return False
    if word.endswith("ed") and cues.passive_before.search(text[max(0, m.start() - 8):m.start()]):
        return False  # "to be published": a participle, not a past tense
    return True


# ----------------------------------------------------------------------- the parse
def tense_from_parse(parsed, start: int, end: int) -> Optional[str]:
    """'past', 'future' (incl. plans, expectations, modals) or 'present' from the parse."""
    if parsed is None:
        return None
    span = parsed.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    found = _governing_verb(span)
    if found is None:
        return None
    tok, preps, noun_relcl = found
    if tok is None:
        return "future"  # governed by a plan noun
    return _tense_of_governor(tok, preps, noun_relcl)


def _governing_verb(span):
    """(verb, prepositions on the way, a relative clause on the date's noun), climbing
    from the expression to the verb that governs it; (None, ...) when a plan noun governs
    it ("a target of 2030"); None when no verb is reached."""
    tok = span.root
    seen = 0
    # a relative clause on the date or its noun tells the tense of the dated event:
    # "the operation on January 3, 2026, in which forces entered ... and captured ..."
    noun_relcl = next((ch for t in span for ch in t.children if ch.dep_ == "relcl" and ch not in span), None)
    preps = set()
    plan_nouns = _parse_words()["plan_nouns"]
    while tok.pos_ not in ("VERB", "AUX") and tok.head is not tok and seen < 12:
        if tok.dep_ == "prep" or tok.pos_ == "ADP":
            preps.add(tok.lower_)
        if tok.pos_ == "NOUN" and tok not in span and tok.lemma_.lower() in plan_nouns:
            return None, preps, noun_relcl  # "a target of 2030", "the deadline of June 30"
        if noun_relcl is None and tok.pos_ in ("NOUN", "PROPN") and tok not in span:
            for ch in tok.children:
                if ch.dep_ == "relcl":
                    noun_relcl = ch
                    break
        tok = tok.head
        seen += 1
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    return tok, preps, noun_relcl


def _tense_of_governor(tok, preps: set, noun_relcl) -> Optional[str]:
    lex = _parse_words()
    if tok.lemma_.lower() in lex["anticipation_verbs"] and not preps & lex["anticipation_dating_prepositions"]:
        return "future"  # "warned of shortages in 2027"
    verb_tense = _verb_tense(tok)
    if preps & lex["until_prepositions"] and (
        verb_tense in ("present", None)
        or any(c.dep_ in ("aux", "auxpass") and c.lower_ in lex["perfect_auxiliaries"] for c in tok.children)
    ):
        return "future"  # "has been postponed until Saturday": the deadline lies ahead
    if preps & lex["move_prepositions"] and tok.lemma_.lower() in lex["reschedule_verbs"]:
        return "future"  # "the vote was postponed to February 2027"
    if verb_tense in ("present", None) and noun_relcl is not None:
        rel = _verb_tense(noun_relcl)
        if rel == "past":
            return "past"
    return verb_tense


def _verb_tense(v) -> Optional[str]:
    """The tense of verb ``v``: future when a plan verb, a future auxiliary, a modal or a
    condition governs it, else what its tag and auxiliaries say."""
    if _governed_as_future(v):
        return "future"
    kids = list(v.children)
    aux = [c for c in kids if c.dep_ in ("aux", "auxpass")]
    perfect = _parse_words()["perfect_lemmas"]
    if v.tag_ == "VBD" or any(a.tag_ == "VBD" for a in aux):
        return "past"
    if v.tag_ == "VBN" and any(a.lemma_ in perfect for a in aux):
        return "past"
    if v.tag_ == "VBN" and not aux and v.dep_ in ("acl", "relcl", "ROOT", "conj"):
        return "past"
    if v.tag_ in ("VBZ", "VBP", "VBG") or any(a.tag_ in ("VBZ", "VBP") for a in aux):
        return "present"
    if "Past" in v.morph.get("Tense"):
        return "past"
    return None


def _governed_as_future(v) -> bool:
    """Climb xcomp/infinitive chains to a governing plan verb ("plans to strike", "is
    expected to begin"), looking for what makes the verb a future on each step."""
    lex = _parse_words()
    cur, hops = v, 0
    while cur is not None and hops < 4:
        lemma = cur.lemma_.lower()
        if cur is not v and lemma in lex["plan_verbs"]:
            return True
        if cur is v and lemma in lex["plan_participles"] and any(c.dep_ == "auxpass" for c in cur.children):
            return True  # "is scheduled for", "was set for"
        if any(c.dep_ == "mark" and c.lower_ in lex["conditional_marks"] for c in cur.children):
            return True  # "if elected in 2027": a condition, not a report
        kids = list(cur.children)
        for c in kids:
            low = c.lower_
            if c.dep_ in ("aux", "auxpass") and low in lex["future_aux"]:
                return True
            if c.dep_ == "aux" and (low in lex["modals"] or low in lex["going_to"]):
                return True
        infinitive = any(c.dep_ == "aux" and c.lower_ in lex["infinitive_marks"] for c in kids)
        if cur.dep_ in ("xcomp", "ccomp", "advcl", "conj") and infinitive or cur.dep_ == "xcomp":
            cur = cur.head
            hops += 1
            continue
        break
    return False
