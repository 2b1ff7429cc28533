"""What a text's own words say about a name: cues the statistical NER misses.

Each function reads a spaCy span in its sentence, with the word lists of ``data/names.toml``:
"Kunar province" and "the town of Jouya" are places (:func:`place_cue`); "Kalibr cruise
missiles" and "a ship (Chem Ranger)" are made things (:func:`is_product`); "news platform
Tabula" is an organisation (:func:`after_org_noun`); "the Rafah crossing" is a facility
(:func:`with_facility_noun`); a title before a name or a verb of saying after it marks a
person (:func:`acts_as_person`).
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span

from storyline.data import load
from storyline.lexicon import actors
from storyline.lexicon.gazetteer import lookup_place
from storyline.textutil import fold


@cache
def word_set(key: str) -> frozenset[str]:
    return frozenset(fold(w) for w in load("names.toml")[key])


def place_cue(span: Span) -> bool:
    """The article's own words make the name a place: "Kunar province", "the Nangarhar and
    Paktika provinces", "the town of Jouya" (``place_nouns`` of names.toml)."""
    doc, nouns = span.doc, word_set("place_nouns")
    j = span.end
    while j < min(len(doc), span.end + 6) and (doc[j].lower_ in ("and", "or", ",") or doc[j].text[:1].isupper()):
        j += 1
    if j < len(doc) and doc[j].text.islower() and (doc[j].lower_ in nouns or doc[j].lemma_.lower() in nouns):
        return True
    s = span.start
    return s >= 2 and doc[s - 1].lower_ == "of" and doc[s - 2].lower_ in nouns and doc[s - 2].text.islower()


def is_product(span: Span) -> bool:
    """A "person" naming a made thing: "Kalibr cruise missiles", "a U.S. ship (Chem Ranger)"."""
    doc, nouns = span.doc, word_set("product_nouns")
    root = span.root
    if root.dep_ == "compound" and root.head.i >= span.end and root.head.lower_ in nouns:
        return True
    if root.dep_ == "appos" and root.head.lower_ in nouns:
        return True
    s = span.start
    before = doc[s - 1] if s >= 1 else None
    if before is not None and before.text == "(":
        before = doc[s - 2] if s >= 2 else None
    return before is not None and before.lower_ in nouns and before.text.islower()


def after_org_noun(span: Span) -> bool:
    """A name right after a noun of organisations: "online news platform Tabula"."""
    s = span.start
    return s >= 1 and span.doc[s - 1].text.islower() and span.doc[s - 1].lower_ in word_set("org_nouns")


def with_facility_noun(span: Span, label: str) -> Span:
    """"the Rafah crossing", "Bashair hospital": a name the model did not call a known place,
    followed by a lower-case noun of facilities, is that facility (FAC)."""
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is None or not nxt.text.islower() or fold(nxt.text) not in word_set("facility_suffixes"):
        return span
    if label in ("GPE", "LOC") and lookup_place(span.text) is not None:
        return span  # "Kabul airport": the city stays a city
    if label not in ("PERSON", "ORG", "GPE", "LOC"):
        return span
    return Span(doc, span.start, span.end + 1, label="FAC")


@cache
def speech_lemmas() -> frozenset[str]:
    return frozenset(load("attribution.toml")["verbs"]["speech"]["lemmas"])


def acts_as_person(span: Span) -> bool:
    """A mention with a person's cues: a title before it, or it says something ("X said")."""
    root = span.root
    if root.dep_ == "nsubj" and root.head.lemma_.lower() in speech_lemmas():
        return True
    return span.start >= 1 and bool(actors.role_matches([fold(span.doc[span.start - 1].text)]))


def titled_name(span: Span) -> bool:
    """A name of two to four capitalised words right after a title ("Lagos Governor Babajide
    Adeyemi"), none of them a word of places, bodies or facilities, and not a place the
    gazetteer or the country tables know: a person, whatever label the model gave it."""
    doc, s = span.doc, span.start
    title = fold(doc[s - 1].text) if s >= 1 else ""
    if not 2 <= len(span) <= 4 or not actors.role_matches([title]) or title in word_set("org_nouns"):
        return False  # ("the state company Sepehr Energy": a body's noun is no title)
    if not all(t.text[:1].isupper() and t.text.replace("-", "").isalpha() for t in span):
        return False
    words = {fold(t.text) for t in span}
    for key in ("facility_suffixes", "place_nouns", "org_nouns", "peoples"):
        if words & word_set(key):
            return False
    if actors.role_matches(sorted(words)) or actors.igo_code(span.text) or actors.country_of(span.text):
        return False
    return lookup_place(span.text) is None
