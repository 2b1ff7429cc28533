"""When and where an event happened: the nearest calendar date of its sentence (else the
document date, marked as such), and the first place the gazetteer knows in a locative
phrase on the trigger (else anywhere in the sentence)."""

from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Span, Token

from storyline.extract.docindex import ent_at, spans_within
from storyline.extract.events.syntax import PLACE_LABELS, pobjs
from storyline.extract.events.words import words
from storyline.lexicon.gazetteer import lookup_place
from storyline.model import Document, Location

_CAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")  # a TIMEX3 calendar value: year, month or day


def date_for(document: Document, sent: Span, trigger: Token) -> tuple[Optional[str], Optional[str], Optional[str]]:
    """(date, date_source, time id): the calendar date in the sentence nearest the trigger,
    else the document's publication date."""
    best = None
    for t in spans_within(sent.doc, "times", document.times, sent.start_char, sent.end_char):
        s, e = t.span
        if t.type == "DATE" and _CAL_DATE.match(t.value or ""):
            dist = abs(s - trigger.idx)
            if best is None or dist < best[0]:
                best = (dist, t)
    if best is not None:
        return best[1].value, "text", best[1].id
    if document.published:
        return document.published, "document date", None
    return None, None, None


def _place_phrase(tok: Token) -> Optional[Span]:
    if tok.ent_type_ in PLACE_LABELS:
        return ent_at(tok)
    return None


def _from_prep(prep: Token) -> Optional[Location]:
    """The place the object of ``prep`` names (or its "of" object, compound or apposition)."""
    for o in prep.children:
        if o.dep_ != "pobj":
            continue
        cands = [o] + [c for c in o.children if c.dep_ == "prep" and c.lower_ == "of" for c in pobjs(c)]
        cands += [c for c in o.children if c.dep_ in ("compound", "appos")]
        for c in cands:
            span = _place_phrase(c)
            if span is None:
                continue
            loc = lookup_place(span.text)
            if loc is not None:
                return loc.model_copy(update={"name": span.text, "span": (span.start_char, span.end_char)})
    return None


def location_for(sent: Span, trigger: Token, extra: list[Token]) -> Optional[Location]:
    """Where the event happened: a locative phrase on the trigger (or a word folded into it),
    else the first one in the sentence."""
    places = words().places
    for h in [trigger] + extra:
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in places.event_preps:
                loc = _from_prep(c)
                if loc:
                    return loc
    for tok in sent:
        if tok.dep_ == "prep" and tok.lower_ in places.sentence_preps and tok.head.pos_ in ("VERB", "NOUN", "PROPN", "AUX"):
            loc = _from_prep(tok)
            if loc:
                return loc
    return None
