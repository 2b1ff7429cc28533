"""The wire convention for actors named only by their sector: in a story datelined in one
country, "police", "the military" or "protesters" are that country's."""

from __future__ import annotations

from spacy.tokens import Doc

from storyline.extract.events.context import has_country
from storyline.extract.events.patterns import patterns
from storyline.extract.events.syntax import is_form, lemma
from storyline.extract.events.words import words
from storyline.lexicon import actors
from storyline.model import Document, Event


def dateline_countries(document: Document, parsed: Doc, events: list[Event]) -> None:
    """Wire convention: an actor named only by its sector ("police", "the military",
    "protesters") in a story datelined in one country is that country's ("NAIROBI -- Police
    fired ..." -> KENCOP). Recorded in ``inferred``; not for people located somewhere ("UN
    officials in Nairobi"), organizations, or an event with no dateline country."""
    home = actors.dateline_country(document.dateline)
    if not home:
        return
    p = patterns()
    polities = words().actors.polity_nouns
    for ev in events:
        for role in ("source", "target"):
            code, span = getattr(ev, role), getattr(ev, role + "_span")
            if not code or has_country(code) or span is None:
                continue
            phrase = parsed.char_span(span[0], span[1], alignment_mode="expand")
            if phrase is None or phrase.root.pos_ == "PRON":
                continue
            if is_form(phrase.root, p.located_people) and any(
                c.dep_ == "prep" and c.lower_ in p.location_preps for c in phrase.root.children
            ):
                continue  # "relief officials in Nairobi": where they are posted, not whose they are
            if phrase.root.tag_ in ("NNS", "NNPS") and lemma(phrase.root) in polities:
                continue  # "the two governments", "both sides": more than one country
            setattr(ev, role, home + code)
            ev.inferred.append(f"{role} country from the dateline")
