"""The pattern dictionary (data/cameo_patterns.toml): verb, noun and adjective senses indexed
by head lemma, the word classes the stage reads, and CAMEO's recoding conventions."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Optional

from storyline.data import load


@dataclass
class Sense:
    kind: str  # verb | noun | adjective
    words: tuple[str, ...]  # lemma words; the last one is the head
    code: str
    target: tuple[str, ...] = ("dobj",)
    prep: Optional[str] = None
    objects: frozenset[str] = frozenset()
    object_codes: dict[str, str] = field(default_factory=dict)
    modifiers: dict[str, str] = field(default_factory=dict)
    place_code: Optional[str] = None
    places_only: bool = False
    place_target: bool = False
    inverse: bool = False
    no_object: bool = False
    mirror: bool = False
    reciprocal: bool = False
    needs: Optional[str] = None  # target | modifier | modifier_or_target | country_target | actor_target | object
    complement: dict[str, str] = field(default_factory=dict)
    complement_lemmas: dict[str, str] = field(default_factory=dict)
    patient_possessive: bool = False
    governors: frozenset[str] = frozenset()  # noun senses: only as the object of one of these verbs
    event_target: bool = False  # an event named as target stands for the one it acted upon
    paired: Optional[str] = None  # the code of the reverse event CAMEO pairs with this one (043 -> 042)
    order: int = 0

    @property
    def specific(self) -> bool:
        return bool(self.prep or self.objects or self.governors or len(self.words) > 1)


@dataclass
class Patterns:
    verbs: dict[str, list[Sense]]
    nouns: dict[str, list[Sense]]
    adjectives: dict[str, list[Sense]]
    support_verbs: frozenset[str]
    support_preps: dict[str, str]
    partitive: frozenset[str]
    partitive_preps: frozenset[str]
    location_preps: frozenset[str]
    located_people: frozenset[str]
    object_control: frozenset[str]
    patient_nouns: frozenset[str]
    human_nouns: frozenset[str]
    speech_verbs: frozenset[str]
    speech_nouns: frozenset[str]
    document_nouns: frozenset[str]
    publishing_verbs: frozenset[str]
    light_nouns: frozenset[str]
    natural_causes: frozenset[str]
    recode: dict
    modality: dict
    selection: dict = field(default_factory=dict)
    alleging_verbs: frozenset[str] = frozenset()  # [modality] alleging_verbs, as a set

    @cached_property
    def claim_verbs(self) -> frozenset[str]:
        """Verbs whose clause reports what someone says happened: speech and allegation."""
        return self.speech_verbs | self.alleging_verbs


def _needs(entry: dict) -> Optional[str]:
    if entry.get("needs"):
        return entry["needs"]
    if entry.get("needs_modifier"):
        return "modifier"
    if entry.get("needs_target"):
        return "target"
    return None


def _sense(kind: str, entry: dict, lemma: str, order: int, patient: frozenset[str]) -> Sense:
    words = tuple(lemma.lower().split())
    return Sense(
        kind=kind,
        words=words,
        code=entry["code"],
        target=tuple(entry.get("target", ["dobj"] if kind != "noun" else ["prep:of"])),
        prep=entry.get("prep"),
        objects=frozenset(entry.get("objects", [])),
        object_codes=dict(entry.get("object_codes", {})),
        modifiers=dict(entry.get("modifiers", {})),
        place_code=entry.get("place_code"),
        places_only=bool(entry.get("places_only", False)),
        place_target=bool(entry.get("place_target", False)),
        inverse=bool(entry.get("inverse", False)),
        no_object=bool(entry.get("no_object", False)),
        mirror=bool(entry.get("mirror", False)),
        reciprocal=bool(entry.get("reciprocal", False)),
        needs=_needs(entry),
        complement=dict(entry.get("complement", {})),
        complement_lemmas=dict(entry.get("complement_lemmas", {})),
        patient_possessive=kind == "noun" and words[-1] in patient,
        governors=frozenset(entry.get("governors", [])),
        event_target=bool(entry.get("event_target", False)),
        paired=entry.get("paired"),
        order=order,
    )


def _index(data: dict, patient: frozenset[str]) -> dict[str, dict[str, list[Sense]]]:
    """Senses by kind and head lemma; within a head, specific senses first, then file order."""
    index: dict[str, dict[str, list[Sense]]] = {"verb": {}, "noun": {}, "adjective": {}}
    order = 0
    for kind in ("verb", "noun", "adjective"):
        for entry in data.get(kind, []):
            for lemma in entry["lemmas"]:
                order += 1
                sense = _sense(kind, entry, lemma, order, patient)
                index[kind].setdefault(sense.words[-1], []).append(sense)
    for senses in (s for k in index.values() for s in k.values()):
        senses.sort(key=lambda s: (not s.specific, s.order))
    return index


@cache
def patterns() -> Patterns:
    """The pattern dictionary (data/cameo_patterns.toml), indexed by head lemma."""
    data = load("cameo_patterns.toml")
    syntax = data.get("syntax", {})
    patient = frozenset(syntax.get("patient_nouns", []))
    index = _index(data, patient)
    support = data.get("support", {})
    heads = data.get("actor_heads", {})
    return Patterns(
        verbs=index["verb"],
        nouns=index["noun"],
        adjectives=index["adjective"],
        support_verbs=frozenset(support.get("verbs", [])),
        support_preps=dict(support.get("preps", {})),
        partitive=frozenset(heads.get("partitive", [])),
        partitive_preps=frozenset(heads.get("partitive_preps", [])),
        location_preps=frozenset(heads.get("location_preps", [])),
        located_people=frozenset(heads.get("located_people", [])),
        object_control=frozenset(syntax.get("object_control", [])),
        patient_nouns=patient,
        human_nouns=frozenset(syntax.get("human_nouns", [])),
        speech_verbs=frozenset(syntax.get("speech_verbs", [])),
        speech_nouns=frozenset(syntax.get("speech_nouns", [])),
        document_nouns=frozenset(syntax.get("document_nouns", [])),
        publishing_verbs=frozenset(syntax.get("publishing_verbs", [])),
        light_nouns=frozenset(syntax.get("light_nouns", [])),
        natural_causes=frozenset(syntax.get("natural_causes", [])),
        recode=data.get("recode", {}),
        modality=data.get("modality", {}),
        selection=data.get("selection", {}),
        alleging_verbs=frozenset(data.get("modality", {}).get("alleging_verbs", [])),
    )


def all_codes() -> set[str]:
    """Every CAMEO code the pattern dictionary can emit (for tests and docs)."""
    p = patterns()
    codes: set[str] = set()
    for idx in (p.verbs, p.nouns, p.adjectives):
        for senses in idx.values():
            for s in senses:
                codes.add(s.code)
                codes.update(s.object_codes.values())
                codes.update(s.modifiers.values())
                codes.update(s.complement.values())
                if s.place_code:
                    codes.add(s.place_code)
                if s.paired:
                    codes.add(s.paired)
    return codes


def complement_code(sense: Sense, code: str) -> Optional[str]:
    """The code a governing sense gives a complement action: full code, then 3 digits, then root."""
    m = sense.complement
    return m.get(code) or m.get(code[:3]) or m.get(code[:2]) or m.get("*")


@cache
def recode_sense(lemma: str) -> Optional[Sense]:
    """The governing sense of ``lemma`` whose complement map a [recode] rule reuses."""
    for s in patterns().verbs.get(lemma, []) + patterns().adjectives.get(lemma, []):
        if s.complement:
            return s
    return None


def recode(kind: str, code: str) -> Optional[str]:
    """CAMEO's conventions for announced, refused and demanded actions (see [recode] in the patterns)."""
    rule = patterns().recode.get(kind)
    if not rule:
        return None
    if code[:2] not in rule.get("roots", []):
        return None
    sense = recode_sense(rule["like"])
    return complement_code(sense, code) if sense else None
