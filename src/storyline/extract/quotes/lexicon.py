"""The words the quotes stage reads by: ``data/attribution.toml`` (the lexicon of who said
what) and ``data/quotation_marks.toml`` (the typography of quotations), each read once and
held as sets, tuples and compiled patterns for the passes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from storyline.data import load
from storyline.extract.coref import pronouns
from storyline.textutil import alternation, plain

@cache
def lexicon() -> dict:
    """``attribution.toml`` as read (validated; treat as read-only)."""
    return load("attribution.toml")


@dataclass(frozen=True)
class Typography:
    """The quotation marks (``quotation_marks.toml``), each group as one string of characters."""

    open: str
    close: str
    straight: str
    single_open: str
    single_close: str
    opens_after: str
    closes_before: str
    paragraph_lead: str
    boundary: str


@cache
def typography() -> Typography:
    d = load("quotation_marks.toml")
    m, n = d["marks"], d["neighbours"]
    return Typography(open=m["open"], close=m["close"], straight=m["straight"], single_open=m["single_open"],
                      single_close=m["single_close"], opens_after=n["opens_after"],
                      closes_before=n["closes_before"], paragraph_lead=d["paragraphs"]["lead"],
                      boundary=d["spans"]["boundary"])


@dataclass(frozen=True)
class Lexicon:
    """``attribution.toml`` in the shapes the passes look words up in."""

    cues: frozenset
    addressee: frozenset
    directive: frozenset
    aspectual: frozenset
    predicative: frozenset
    question_complementizers: frozenset
    object_content: frozenset
    clausal: frozenset
    evidential: frozenset
    sustained: frozenset
    weak: frozenset
    adjectival: frozenset
    speech_objects: frozenset
    figure_verbs: frozenset
    figure_objects: frozenset
    figure_preps: frozenset
    preps: dict
    status: dict
    phrasal: dict
    noun_cues: frozenset
    noun_source_preps: frozenset
    noun_complementizers: frozenset
    colon_labels: frozenset
    according: dict  # first word -> second word ("according" -> "to")
    according_names: frozenset
    according_connectives: re.Pattern
    contrasts: re.Pattern
    abbreviations: tuple
    title_small_words: frozenset
    inverted_cues: re.Pattern
    source_nouns: frozenset
    report_nouns: frozenset
    report_preps: frozenset
    anonymity: tuple
    anonymity_clauses: tuple
    spec_mods: frozenset
    spec_nouns: frozenset
    pronouns: dict
    agree_person: frozenset
    agree_thing: frozenset
    agree_plural: frozenset
    person_nominals: frozenset
    org_nominals: frozenset
    place_nominals: frozenset
    definite: frozenset
    bare_nominals: frozenset
    modals: frozenset
    hedge_adverbs: frozenset
    evidence: dict  # status -> list[re.Pattern]
    evidence_cue: re.Pattern  # a word each of them needs: a sentence without one holds none
    anaphors: tuple
    figure_nouns: frozenset
    claim_nouns: dict  # noun -> lemma of the cue verb of the claim it names
    named_claim: re.Pattern
    stop_words: frozenset
    media_preps: frozenset
    media_nouns: frozenset
    media_name_preps: frozenset
    platforms: frozenset
    outlets: frozenset
    articles: tuple
    bare_outlets: frozenset  # the outlets without a leading article
    unattributed_predicates: frozenset
    unattributed_hedges: frozenset
    unattributed_marks: tuple


def evidence_regex(phrase: str, adverbs: tuple[str, ...]) -> re.Pattern:
    """The pattern of an evidence phrase: words separated by spaces, "a|b" alternatives,
    "[adv]" up to two adverbs (any in -ly, or one of ``adverbs``), "…" up to four words."""
    parts = []
    for word in phrase.split():
        if word == "[adv]":
            alts = "|".join([r"\w+ly"] + [re.escape(a) for a in adverbs])
            parts.append(rf"(?:(?:{alts})\s+){{0,2}}")
            continue
        if word == "…":
            parts.append(r"(?:[\w’'‑-]+,?\s+){0,4}")
            continue
        alts = "|".join(re.escape(a).replace("'", "['’]") for a in word.split("|"))
        parts.append(rf"(?:{alts})\s+")
    rx = "".join(parts)
    rx = rx[: -len(r"\s+")] if rx.endswith(r"\s+") else rx
    return re.compile(r"\b" + rx + r"\b", re.IGNORECASE)


def _needed_words(phrases: list[str]) -> re.Pattern:
    """A pattern that matches wherever one of the evidence ``phrases`` does (and more): for
    each phrase the alternatives of one of its words, the one whose shortest alternative is
    longest ("verified" rather than "be"), which any match of the phrase contains whole."""
    words: set[str] = set()  # begin and end with a letter: found whole (between \b)
    other: set[str] = set()  # found anywhere
    for phrase in phrases:
        slots = [w.split("|") for w in phrase.split() if w not in ("[adv]", "…")]
        for alt in max(slots, key=lambda alts: min(len(a) for a in alts)):
            (words if re.fullmatch(r"\w(?:.*\w)?", alt) else other).update({alt, alt.replace("'", "’")})
    return re.compile(r"\b(?:" + alternation(words, lower=True) + r")\b|" + alternation(other, lower=True), re.IGNORECASE)


def _words_regex(words: list[str], head: str = "", tail: str = "") -> re.Pattern:
    """``head(?:w1|w2|…)tail``, the words escaped, in the order listed."""
    return re.compile(head + "(?:" + "|".join(re.escape(w) for w in words) + ")" + tail)


def _verb_sets(v: dict) -> dict:
    cues = set(v["speech"]["lemmas"]) | set(v["prepositional"]["preps"]) | set(v["addressee"]["lemmas"]) \
        | set(v["stance"]["lemmas"])
    return dict(
        cues=frozenset(cues),
        addressee=frozenset(v["addressee"]["lemmas"]),
        directive=frozenset(v["directive"]["lemmas"]),
        aspectual=frozenset(v["aspectual"]["lemmas"]),
        predicative=frozenset(v["predicative"]["lemmas"]),
        question_complementizers=frozenset(v["questions"]["complementizers"]),
        object_content=frozenset(v["object_content"]["lemmas"]),
        clausal=frozenset(v["clausal"]["lemmas"]),
        evidential=frozenset(v["evidential"]["lemmas"]),
        sustained=frozenset(v["sustained"]["lemmas"]),
        weak=frozenset(v["weak"]["lemmas"]),
        adjectival=frozenset(v["adjectival"]["forms"]),
        speech_objects=frozenset(v["weak"]["speech_objects"]),
        figure_verbs=frozenset(v["figures"]["lemmas"]),
        figure_objects=frozenset(v["figures"]["objects"]),
        figure_preps=frozenset(v["figures"]["preps"]),
        preps={k: tuple(p) for k, p in v["prepositional"]["preps"].items()},
        status=dict(v["status"]),
        phrasal={k: tuple(p) for k, p in v["phrasal"].items()},
    )


def _phrase_sets(d: dict) -> dict:
    """The word lists of the claim forms other than verbs: nouns, colons, "according to"."""
    return dict(
        noun_cues=frozenset(d["nouns"]["lemmas"]),
        noun_source_preps=frozenset(d["nouns"]["source_preps"]),
        noun_complementizers=frozenset(d["nouns"]["complementizers"]),
        colon_labels=frozenset(w.lower() for w in d["colon"]["labels"]),
        according=dict(p.split() for p in d["according"]["phrases"]),
        according_names=frozenset(d["according"]["before_names"]),
        according_connectives=_words_regex(d["according"]["connectives"], tail=r"\b"),
        contrasts=_words_regex(d["contrasts"]["conjunctions"], head=r"(?:,\s*|\s+)", tail=r"\s|;\s"),
        abbreviations=tuple(d["abbreviations"]["titles"]),
        title_small_words=frozenset(d["titles"]["small_words"]),
        inverted_cues=_words_regex(d["inverted"]["cues"], tail=r"\s"),
    )


def _source_sets(d: dict) -> dict:
    s, n = d["sources"], d["nominals"]
    return dict(
        source_nouns=frozenset(s["nouns"]),
        report_nouns=frozenset(s["reports"]),
        report_preps=frozenset(s["report_preps"]),
        anonymity=tuple(s["anonymity"]),
        anonymity_clauses=tuple(s["anonymity_clauses"]),
        spec_mods=frozenset(s["speculative_modifiers"]),
        spec_nouns=frozenset(s["speculative_nouns"]),
        pronouns=pronouns().refers_to,
        agree_person=pronouns().agreement.person,
        agree_thing=pronouns().agreement.thing,
        agree_plural=pronouns().agreement.plural,
        person_nominals=frozenset(n["person"]),
        org_nominals=frozenset(n["organization"]),
        place_nominals=frozenset(n["place"]),
        definite=frozenset(n["determiners"]),
        bare_nominals=frozenset(n["bare"]),
    )


def _status_sets(d: dict) -> dict:
    e = d["evidence"]
    adverbs = tuple(e["adverbs"])
    nouns = "|".join(re.escape(w) for w in e["claim_nouns"])
    dets = "|".join(re.escape(w) for w in e["claim_determiners"])
    u = d["unattributed"]
    evidence = {status: [evidence_regex(p, adverbs) for p in e[status]] for status in ("unverified", "disputed", "speculative")}
    return dict(
        modals=frozenset(d["hedges"]["modals"]),
        hedge_adverbs=frozenset(d["hedges"]["adverbs"]),
        evidence=evidence,
        evidence_cue=_needed_words([p for status in evidence for p in e[status]]),
        anaphors=tuple(e["anaphors"]),
        figure_nouns=frozenset(e["figure_nouns"]),
        claim_nouns=dict(e["claim_nouns"]),
        named_claim=re.compile(rf"\b(?:{dets})\s+({nouns})s?\b"),
        stop_words=frozenset(e["links"]["stop_words"]),
        unattributed_predicates=frozenset(u["predicates"]),
        unattributed_hedges=frozenset(u["hedges"]),
        unattributed_marks=tuple(u["quote_marks"]),
    )


def without_article(name: str, articles: tuple[str, ...]) -> str:
    """``name`` (lower case) without one leading article: "the guardian" -> "guardian"."""
    for a in articles:
        if name.startswith(a + " "):
            return name[len(a) + 1:]
    return name


def _media_sets(m: dict) -> dict:
    outlets = frozenset(plain(o).lower() for o in m["outlets"])
    articles = tuple(m["articles"])
    return dict(
        media_preps=frozenset(m["preps"]),
        media_nouns=frozenset(m["nouns"]),
        media_name_preps=frozenset(m["name_preps"]),
        platforms=frozenset(m["platforms"]),
        outlets=outlets,
        articles=articles,
        bare_outlets=frozenset(without_article(o, articles) for o in outlets),
    )


@cache
def lex() -> Lexicon:
    """The attribution lexicon, built once per process."""
    d = lexicon()
    return Lexicon(**_verb_sets(d["verbs"]), **_phrase_sets(d), **_source_sets(d), **_status_sets(d),
                   **_media_sets(d["media"]))
