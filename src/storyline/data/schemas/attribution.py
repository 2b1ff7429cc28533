"""Schemas of the attribution data files: ``attribution.toml`` (the lexicon of who said
what), ``quotation_marks.toml`` (the typography of quotations) and ``sections.toml`` (what
separates reporting from commentary)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, StringConstraints, confloat, conint

from storyline.data.schemas.base import Strict

Word = Annotated[str, StringConstraints(min_length=1)]
Words = list[Word]
TwoWords = Annotated[str, StringConstraints(pattern=r"^\S+ \S+$")]
Chars = Annotated[str, StringConstraints(min_length=1)]  # a set of single characters, as one string
Status = Literal["asserted", "hedged", "speculative", "unverified", "disputed", "denied"]
# --------------------------------------------------------------------------- attribution.toml


class Lemmas(Strict):
    lemmas: Words


class AddresseeVerbs(Strict):
    lemmas: Words
    object: Literal["addressee"]


class ContentVerbs(Strict):
    lemmas: Words
    object: Literal["content"]


class Forms(Strict):
    forms: Words


class Complementizers(Strict):
    complementizers: Words


class PrepositionalVerbs(Strict):
    preps: dict[str, Words]


class WeakVerbs(Strict):
    lemmas: Words
    speech_objects: Words


class FigureVerbs(Strict):
    lemmas: Words
    objects: Words
    preps: Words


class Verbs(Strict):
    speech: Lemmas
    stance: Lemmas
    evidential: Lemmas
    adjectival: Forms
    sustained: Lemmas
    clausal: Lemmas
    addressee: AddresseeVerbs
    directive: Lemmas
    aspectual: Lemmas
    predicative: Lemmas
    object_content: ContentVerbs
    questions: Complementizers
    prepositional: PrepositionalVerbs
    status: dict[str, Status]
    phrasal: dict[str, Words]
    weak: WeakVerbs
    figures: FigureVerbs


class Nouns(Strict):
    lemmas: Words
    source_preps: Words
    complementizers: Words


class Colon(Strict):
    labels: Words


class According(Strict):
    phrases: list[TwoWords]
    before_names: Words
    connectives: Words


class Contrasts(Strict):
    conjunctions: Words


class Abbreviations(Strict):
    titles: Words


class Titles(Strict):
    small_words: Words


class Inverted(Strict):
    cues: Words


class Sources(Strict):
    nouns: Words
    reports: Words
    report_preps: Words
    anonymity: Words
    anonymity_clauses: Words
    speculative_modifiers: Words
    speculative_nouns: Words


class Nominals(Strict):
    person: Words
    organization: Words
    place: Words
    determiners: Words
    bare: Words


class Hedges(Strict):
    modals: Words
    adverbs: Words


class EvidenceLinks(Strict):
    stop_words: Words


class Evidence(Strict):
    """Evidence phrases by the status they give a claim, and what links them to it."""

    unverified: Words
    disputed: Words
    speculative: Words
    anaphors: Words
    adverbs: Words
    claim_determiners: Words
    claim_nouns: dict[str, Word]  # noun -> the lemma of the cue verb of the claim it names
    figure_nouns: Words
    links: EvidenceLinks


class Media(Strict):
    preps: Words
    nouns: Words
    name_preps: Words
    platforms: Words
    outlets: Words
    articles: Words


class Unattributed(Strict):
    predicates: Words
    hedges: Words
    quote_marks: Words


class AttributionFile(Strict):
    verbs: Verbs
    nouns: Nouns
    colon: Colon
    according: According
    contrasts: Contrasts
    abbreviations: Abbreviations
    titles: Titles
    inverted: Inverted
    sources: Sources
    nominals: Nominals
    hedges: Hedges
    evidence: Evidence
    media: Media
    unattributed: Unattributed


# --------------------------------------------------------------------------- quotation_marks.toml


class Marks(Strict):
    open: Chars
    close: Chars
    straight: Chars
    single_open: Chars
    single_close: Chars


class Neighbours(Strict):
    opens_after: Chars
    closes_before: Chars


class Paragraphs(Strict):
    lead: Chars


class Spans(Strict):
    boundary: Chars


class QuotationMarksFile(Strict):
    marks: Marks
    neighbours: Neighbours
    paragraphs: Paragraphs
    spans: Spans


# --------------------------------------------------------------------------- sections.toml


class Heading(Strict):
    max_words: conint(gt=0)
    max_chars: conint(gt=0)
    sentence_final: Words
    bullets: Words
    glued_bullets: Words


class Commentary(Strict):
    cues: Words
    modifiers: Words


class ContentCue(Strict):
    min_bullets: conint(ge=1)
    min_speculative_share: confloat(ge=0, le=1)
    speculative: Words


class SectionsFile(Strict):
    heading: Heading
    commentary: Commentary
    content: ContentCue


FILES: dict[str, type[BaseModel]] = {
    "quotation_marks.toml": QuotationMarksFile,
}
"""The new data files of this module, for the registry in :mod:`storyline.data.schemas`."""
