"""The home-country conventions for actors named only by their sector: in a story datelined
in one country, "police", "the military" or "protesters" are that country's; where the
story has no dateline country, the country the event happened in (its location) or the one
country the story is about; force used in a known place with no named target hits that
place's country."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from typing import Optional

from spacy.tokens import Doc

from storyline.extract.docindex import token_starts
from storyline.extract.events.cameo import FORCE_ROOTS
from storyline.extract.events.context import has_country
from storyline.extract.events.patterns import patterns
from storyline.extract.events.syntax import is_form, lemma
from storyline.extract.events.words import words
from storyline.lexicon import actors
from storyline.model import Document, Event

SPOKEN_TO_ROOTS = ("02", "10", "11", "12")  # appeals, demands, disapproval, rejection ...
NOT_SPOKEN_TO = ("128",)  # ... but defying norms is addressed to no one
STORY_SHARE = 0.5  # the story's country: at least this share of its country mentions, and
STORY_MENTIONS = 3  # at least this many of them


def story_country(document: Document) -> Optional[str]:
    """The one country a story is about: the country of most of its entities' mentions (half
    of them at least, three at least), else None (a story between countries has none)."""
    counts: Counter[str] = Counter()
    for ent in document.entities:
        country = ent.country or (ent.actor[:3] if has_country(ent.actor) else None)
        if country and not country.startswith("IGO"):
            counts[country] += max(1, len(ent.mentions))
    if not counts:
        return None
    top, n = counts.most_common(1)[0]
    return top if n >= STORY_MENTIONS and n >= STORY_SHARE * sum(counts.values()) else None


def _home(document: Document, ev: Event, dateline: Optional[str], story: Optional[str]) -> tuple[Optional[str], str]:
    if dateline:
        return dateline, "dateline"
    if ev.location is not None and ev.location.country:
        return ev.location.country, "event location"
    return story, "story"


def dateline_countries(document: Document, parsed: Doc, events: list[Event]) -> None:
    """Wire convention: an actor named only by its sector ("police", "the military",
    "protesters") is the country's of the story's dateline ("NAIROBI -- Police fired ..." ->
    KENCOP), else of the event's location, else of the one country the story is about
    (:func:`story_country`). Recorded in ``inferred``; not for people located somewhere ("UN
    officials in Nairobi"), organizations, or where no country is known."""
    dateline = actors.dateline_country(document.dateline)
    story = story_country(document)
    p = patterns()
    polities = words().actors.polity_nouns
    for ev in events:
        home, why = _home(document, ev, dateline, story)
        if not home:
            continue
        for role in ("source", "target"):
            code, span = getattr(ev, role), getattr(ev, role + "_span")
            if not code or has_country(code) or span is None:
                continue
            phrase = _phrase(parsed, span)
            if phrase is None or phrase.root.pos_ == "PRON":
                continue
            if is_form(phrase.root, p.located_people) and any(
                c.dep_ == "prep" and c.lower_ in p.location_preps for c in phrase.root.children
            ):
                continue  # "relief officials in Nairobi": where they are posted, not whose they are
            if phrase.root.tag_ in ("NNS", "NNPS") and lemma(phrase.root) in polities:
                continue  # "the two governments", "both sides": more than one country
            setattr(ev, role, home + code)
            ev.inferred.append(f"{role} country from the {why}")
        _untargeted(ev, dateline or story, story)


def _phrase(parsed: Doc, span: tuple[int, int]):
    """The tokens of character span ``span`` (expanded to whole tokens), or None."""
    starts = token_starts(parsed)  # kept per parse (char_span is linear)
    a = max(0, bisect_right(starts, span[0]) - 1)
    b = bisect_left(starts, span[1])
    return parsed[a:b] if b > a else None


def _untargeted(ev: Event, home: Optional[str], story: Optional[str] = None) -> None:
    """An act by a named actor with no target named: force in a place the gazetteer knows
    hits that place's country ("fired rockets at the temple ruins in Si Sa Ket province");
    otherwise, in a story about one country, an act of that country's own actors with no
    other party named is domestic, country -> country (README of the convention: "the
    opposition boycotted the election" BGDOPP -> BGD); a foreign party's appeal, demand or
    reproach addressed to no one named is addressed to that country (``story``: the one
    country the story is about, not the dateline's), and its aid sent to no one named goes to
    that country, or else to the dateline's (aid is sent where the story is filed from)."""
    if ev.target is not None or not ev.source or not has_country(ev.source):
        return
    if ev.root in FORCE_ROOTS and ev.location is not None and ev.location.country:
        ev.target, ev.target_span = ev.location.country, ev.location.span
        ev.inferred.append("target country from the event location")
    elif home and ev.root in FORCE_ROOTS:
        ev.target = home
        ev.inferred.append("target: the story's country (force with no target named)")
    elif home and ev.source[:3] == home and len(ev.source) > 3 and ev.target_span is None:
        # not the state itself ("Islamabad complained", a country acting on itself), and not
        # where a target is named that could not be coded (another party, unknown)
        ev.target = home
        ev.inferred.append("target: the story's own country (a domestic act)")
    elif ev.root == "07" and (story or home) and ev.source[:3] != (story or home) and ev.target_span is None:
        # "Mexico sent rescuers and aid", datelined in quake-hit Ecuador: aid goes to where the story is
        ev.target = story or home
        ev.inferred.append("target: the story's country (a foreign party's aid to no one named)")
    elif story and ev.root in SPOKEN_TO_ROOTS and not ev.code.startswith(NOT_SPOKEN_TO) \
            and ev.source[:3] != story and ev.target_span is None:
        # "the US called for their release" in a story about Belarus: said to Belarus
        ev.target = story
        ev.inferred.append("target: the story's country (a foreign party's appeal or reproach to no one named)")
