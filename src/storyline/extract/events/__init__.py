"""Events stage: who did what to whom, coded in CAMEO and PLOVER from the dependency parse.

For every sentence, verbs and event nouns listed in ``data/cameo_patterns.toml`` are
matched on their lemma and their dependency neighbourhood (required prepositions,
particles and objects), never on word sequences. Each match becomes an
:class:`~storyline.model.Event` when at least one actor is found:

* source: the grammatical subject (inherited through ``xcomp``, ``conj``, participles and
  relative clauses; the ``by`` agent in the passive); for event nouns the possessive or
  national modifier ("the U.S. capture"), the ``by`` phrase, or the subject of a support
  verb ("held talks", "imposed sanctions");
* target: the actor acted upon, from the roles the pattern names (direct object, or the
  object of a named preposition), never simply every object;
* coordination: each conjunct is its own event; reciprocal actions ("X and Y met") are
  coded both ways;
* a verb that governs another action ("threatened to shell", "agreed to release", "urged X
  to negotiate") folds the complement into one event whose code the complement selects;
* selection: what the sentence reports is coded once; background time frames, relative
  clauses describing an actor, agentless nominal references, and the content, grounds or
  same-kind elaboration of another coded act are not (``_Matcher._select``); what a party says
  another did with force is coded as its accusation (112), not as the act;
* modality (negated, hypothetical, alleged, planned) from negation, refusal verbs,
  "stopped short of", conditionals, modal and future auxiliaries, allegation verbs and
  adverbs, and the status of an enclosing quote.

Actors are coded by :mod:`storyline.actors`; dates come from the time expressions of the
same sentence (else the document date, marked as such), places from :mod:`storyline.gazetteer`.
A sentence with no codable event yields nothing: there is no default code.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Iterable, Optional

from spacy.tokens import Doc, Span, Token

from storyline.textutil import sentences
from storyline.data import load_toml, read_text
from storyline.lexicon import actors
from storyline.model import Document, Event, Location
from storyline.pipeline.stage import Parse, stage

# ---------------------------------------------------------------------------------------
# Data: patterns and the CAMEO table
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CodeInfo:
    code: str
    name: str
    plover: Optional[str]
    mode: Optional[str]
    context: Optional[str]
    goldstein: Optional[float]


@cache
def cameo_table() -> dict[str, CodeInfo]:
    """CAMEO code -> name, PLOVER type/mode/context and Goldstein score (cameo_plover.tsv)."""
    text = read_text("cameo_plover.tsv")
    table: dict[str, CodeInfo] = {}
    header = None
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if header is None:
            header = cols
            continue
        row = dict(zip(header, cols + [""] * (len(header) - len(cols))))
        g = row.get("goldstein") or ""
        table[row["code"]] = CodeInfo(
            code=row["code"],
            name=row["name"],
            plover=row["plover"] or None,
            mode=row["mode"] or None,
            context=row["context"] or None,
            goldstein=float(g) if g else None,
        )
    return table


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
    needs: Optional[str] = None  # target | modifier | modifier_or_target
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


def _needs(entry: dict) -> Optional[str]:
    if entry.get("needs"):
        return entry["needs"]
    if entry.get("needs_modifier"):
        return "modifier"
    if entry.get("needs_target"):
        return "target"
    return None


@cache
def patterns() -> Patterns:
    """The pattern dictionary (data/cameo_patterns.toml), indexed by head lemma."""
    data = load_toml("cameo_patterns.toml")
    patient = frozenset(data.get("syntax", {}).get("patient_nouns", []))
    index: dict[str, dict[str, list[Sense]]] = {"verb": {}, "noun": {}, "adjective": {}}
    order = 0
    for kind in ("verb", "noun", "adjective"):
        for entry in data.get(kind, []):
            for lemma in entry["lemmas"]:
                order += 1
                words = tuple(lemma.lower().split())
                sense = Sense(
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
                index[kind].setdefault(words[-1], []).append(sense)
    for senses in (s for k in index.values() for s in k.values()):
        senses.sort(key=lambda s: (not s.specific, s.order))
    syntax = data.get("syntax", {})
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


# ---------------------------------------------------------------------------------------
# Parse helpers
# ---------------------------------------------------------------------------------------

_SUBJ = ("nsubj", "csubj")
_RELPRON = {"who", "which", "that", "whom", "whose"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_PLACE_NOUNS = {
    "city", "town", "village", "territory", "region", "province", "district", "area", "base",
    "airport", "port", "capital", "border", "island", "enclave", "stronghold", "neighborhood",
    "neighbourhood", "outpost", "hill", "valley", "settlement", "camp", "building",
}
_MAX_SENT_TOKENS = 200
_HYPHENS = {"-", "\u2010", "\u2011"}
_OBLIGATION = {"must", "should", "ought", "need"}
_PLURAL_PRONOUNS = {"they", "them", "their", "themselves"}
_POLITY_NOUNS = {"government", "country", "state", "nation", "side", "party", "administration", "neighbour", "neighbor"}
_CONFLICT_ROOTS = ("13", "14", "15", "16", "17", "18", "19", "20")


def _same_kind(a: Optional[str], b: str) -> bool:
    """Two codes describe the same kind of act: the same CAMEO root, or both material force (18-20)."""
    if not a:
        return False
    force = ("18", "19", "20")
    return a[:2] == b[:2] or (a[:2] in force and b[:2] in force)


def _depth(tok: Token) -> int:
    d = 0
    while tok.head.i != tok.i and d < 60:
        tok = tok.head
        d += 1
    return d


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _forms(tok: Token) -> list[str]:
    """The lemma, then the word and its plain de-inflections: the small model's lemmatizer
    errs on news verbs ("staged" -> "stag"), so patterns also try the regular stem."""
    low = tok.lower_
    out = [_lemma(tok), low]
    if low.endswith("ied"):
        out.append(low[:-3] + "y")
    if low.endswith("ed"):
        out += [low[:-1], low[:-2]]
        if len(low) > 4 and low[-3] == low[-4]:
            out.append(low[:-3])
    if low.endswith("ing"):
        out += [low[:-3], low[:-3] + "e"]
        if len(low) > 5 and low[-4] == low[-5]:
            out.append(low[:-4])
    if low.endswith("ies"):
        out.append(low[:-3] + "y")
    if low.endswith("es"):
        out.append(low[:-2])
    if low.endswith("s") and not low.endswith("ss"):
        out.append(low[:-1])
    return out


def _lookup(index: dict, tok: Token):
    for f in _forms(tok):
        hit = index.get(f)
        if hit:
            return hit
    return None


def _is_form(tok: Token, words) -> bool:
    return any(f in words for f in _forms(tok))


def _conjuncts(tok: Token) -> list[Token]:
    out = [tok]
    for c in tok.conjuncts:
        if c.i > tok.i and c.pos_ in ("NOUN", "PROPN", "PRON") and c.dep_ == "conj":
            out.append(c)
    # "The US, Russia, and Switzerland met": a list the parser read as an apposition
    for c in tok.children:
        if c.dep_ == "appos" and c.pos_ == "PROPN" and c.ent_type_ in ("GPE", "NORP", "ORG"):
            conj = [x for x in c.conjuncts if x.dep_ == "conj" and x.pos_ == "PROPN"]
            if conj:
                out.append(c)
                out.extend(x for x in conj if x not in out)
    return out


def _governing_verb(n: Token, verbs: frozenset[str]) -> Optional[Token]:
    """The verb, one of ``verbs``, that takes noun ``n`` (or the first of its conjuncts) as object."""
    while n.dep_ == "conj":
        n = n.head
    if n.dep_ in ("dobj", "nsubjpass") and n.head.pos_ in ("VERB", "AUX") and _is_form(n.head, verbs):
        return n.head
    return None


def _is_passive(v: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children) or (
        v.dep_ == "acl" and v.tag_ == "VBN"
    )


def _child(tok: Token, deps: Iterable[str], lemma: Optional[str] = None) -> Optional[Token]:
    deps = set(deps)
    for c in tok.children:
        if c.dep_ in deps and (lemma is None or _lemma(c) == lemma or c.lower_ == lemma):
            return c
    return None


def _pobjs(prep: Token) -> list[Token]:
    out = []
    for c in prep.children:
        if c.dep_ in ("pobj", "pcomp") and c.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            out.extend(_conjuncts(c))
    return out


def _prep_objects(tok: Token, prep: str) -> list[Token]:
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and (c.lower_ == prep or _lemma(c) == prep):
            out.extend(_pobjs(c))
    return out


def _agent(v: Token) -> list[Token]:
    for c in v.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by" and _is_passive(v)):
            return _pobjs(c)
    return []


def _direct_objects(v: Token) -> list[Token]:
    """The patient of a verb: its object, its passive subject, or the noun it modifies."""
    for c in v.children:
        if c.dep_ == "dobj":
            if c.lower_ in _RELPRON and v.dep_ == "relcl":
                return _conjuncts(v.head)
            return _conjuncts(c)
    for c in v.children:
        if c.dep_ == "nsubjpass":
            if c.lower_ in _RELPRON and v.dep_ == "relcl":
                return _conjuncts(v.head)
            return _conjuncts(c)
    if v.dep_ == "acl" and v.tag_ == "VBN" and v.head.pos_ in ("NOUN", "PROPN"):
        return [v.head]
    if v.dep_ == "conj" and _is_passive(v) and v.head.pos_ in ("VERB", "AUX"):
        return _direct_objects(v.head)
    if v.dep_ == "relcl" and not any(c.dep_ in ("dobj", "nsubjpass") for c in v.children):
        subj = _child(v, _SUBJ)
        if subj is not None and subj.lower_ not in _RELPRON:
            return _conjuncts(v.head)
    return []


def _subjects(v: Token, depth: int = 0) -> list[Token]:
    """The actors doing ``v``: its subject, inherited through control, conjunction, participles."""
    if depth > 6:
        return []
    p = patterns()
    subjects = [c for c in v.children if c.dep_ in _SUBJ]
    # "Tehran / Baku — Azerbaijan ordered ...": a dateline the parser read as a second subject;
    # the subject is the one next to the verb
    for c in subjects[-1:]:
        if c.dep_ in _SUBJ:
            if c.lower_ in _RELPRON and v.dep_ == "relcl":
                return _conjuncts(v.head)
            if c.lower_ == "there" or c.pos_ == "DET" and c.lower_ in ("this", "that"):
                return []
            return _conjuncts(_misread_name(c) or c)
    if _is_passive(v):
        agent = _agent(v)
        if agent:
            return agent
        if v.dep_ == "acl":
            return []
    if v.dep_ == "xcomp" or (v.dep_ in ("advcl", "acl") and _child(v, ("aux",), "to") is not None):
        gov = v.head
        if _is_form(gov, p.object_control):
            obj = _child(gov, ("dobj",))
            if obj is not None:
                return _conjuncts(obj)
        if gov.pos_ in ("ADJ",) and gov.dep_ in ("acomp", "amod"):
            return _subjects(gov.head, depth + 1)
        if v.dep_ == "xcomp" and _is_passive(gov) and not _agent(gov):
            # "is scheduled to attend", "was ordered to leave": the passive subject does it
            sp = _child(gov, ("nsubjpass",))
            if sp is not None and sp.lower_ not in _RELPRON:
                return _conjuncts(sp)
        if gov.pos_ in ("VERB", "AUX", "ADJ"):
            return _subjects(gov, depth + 1)
        return []
    if v.dep_ == "conj" and v.head.pos_ in ("VERB", "AUX", "ADJ"):
        if v.head.dep_ == "ccomp" and _is_form(v, p.speech_verbs | set(p.modality.get("alleging_verbs", []))):
            # "X said two protesters were killed, and accused police of ...": the parser joined
            # the speaker's second act to the reported clause; its subject is the speaker
            return _subjects(v.head.head, depth + 1)
        if _is_passive(v.head) and not _is_passive(v):
            # "was sworn in and has since engaged with X": the passive subject is the doer
            subj = _child(v.head, ("nsubjpass",))
            return _conjuncts(subj) if subj is not None else []
        return _subjects(v.head, depth + 1)
    if v.dep_ == "advcl" and v.tag_ in ("VBG", "VBN") and v.head.pos_ in ("VERB", "AUX"):
        return _subjects(v.head, depth + 1)
    if v.dep_ == "acl" and v.tag_ == "VBG" and v.head.pos_ in ("NOUN", "PROPN"):
        return _conjuncts(v.head)
    if v.dep_ == "pcomp" and v.head.dep_ == "prep":
        gov = v.head.head
        if _lemma(gov) in p.modality.get("alleging_verbs", []):
            obj = _child(gov, ("dobj", "nsubjpass"))  # "accused Iran of", "Iran was accused of"
            if obj is not None:
                return _conjuncts(obj)
        if gov.pos_ in ("VERB", "AUX"):
            return _subjects(gov, depth + 1)
    if v.dep_ == "ROOT":
        # "Barack Obama and Vladimir Putin met": a first name the small model read as a
        # preposition, leaving the verb without a subject; the names before the verb are it
        for c in v.children:
            rest = _misread_name(c) if c.dep_ == "prep" and c.i < v.i else None
            if rest is not None:
                return _conjuncts(rest)
    return []


def _misread_name(tok: Token) -> Optional[Token]:
    """The rest of a name whose first word the small model read as a preposition ("Barack"
    heading "Obama" as its object): the object, which carries the name's coordination."""
    if tok.pos_ != "ADP" or tok.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP") or tok.ent_iob_ == "I":
        return None
    for o in tok.children:
        if o.dep_ == "pobj" and o.i == tok.i + 1 and o.ent_type_ == tok.ent_type_:
            return o
    return None


def _is_place(tok: Token) -> bool:
    if tok.ent_type_ in _PLACE_LABELS and tok.ent_type_ != "GPE":
        return True
    if tok.ent_type_ == "GPE":
        return True
    if _lemma(tok) in _PLACE_NOUNS:
        return True
    if _lemma(tok) in ("part", "area", "swath", "stretch", "section", "sector", "much", "most"):
        # "seized parts of Iraq": a part of a place is a place
        return any(o.ent_type_ in _PLACE_LABELS for o in _prep_objects(tok, "of"))
    return False


# ---------------------------------------------------------------------------------------
# Actor coding of an argument
# ---------------------------------------------------------------------------------------


@dataclass
class Arg:
    token: Token
    code: Optional[str]
    entity: Optional[str]
    span: tuple[int, int]


class _Context:
    def __init__(self, document: Document, parsed: Doc):
        self.document = document
        self.parsed = parsed
        self._cache: dict[int, Optional[Arg]] = {}

    # -- entities ---------------------------------------------------------------------
    def entity_for(self, start: int, end: int):
        return self.document.entity_at(start, end)

    def resolve_pronoun(self, tok: Token) -> Optional[Arg]:
        low = tok.lower_
        if low in ("themselves", "itself", "himself", "herself") and tok.head.pos_ in ("VERB", "AUX"):
            for s in _subjects(tok.head):
                if s.i != tok.i and s.pos_ != "PRON":
                    arg = self.code_token(s)
                    if arg is not None:
                        return Arg(tok, arg.code, arg.entity, (tok.idx, tok.idx + len(tok)))
        person = low in ("he", "she", "him", "her", "his", "hers", "himself", "herself")
        group = low in ("it", "its", "they", "them", "their", "itself", "themselves", "we", "us", "our")
        if not (person or group):
            return None
        # "X said (that) it would ...", "X said his troops ...": the speaker of the governing clause
        head = tok.head
        if tok.dep_ == "poss":
            while head.pos_ not in ("VERB", "AUX") and head.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "prep", "conj") and head.head.i != head.i:
                head = head.head  # from "his troops" up to the clause they are part of
        steps = 0
        while head is not None and steps < 4:
            if head.dep_ in ("ccomp", "xcomp", "advcl", "conj") and head.head.i != head.i:
                gov = head.head
                # "X said it would ...": a subject pronoun is the governing speaker; "ordered two
                # diplomats to leave, accusing them of ...": an object pronoun is the governing object
                obj_pron = tok.dep_ in ("dobj", "dative", "pobj") and low in ("them", "him", "her", "it")
                refs = [c for c in gov.children if c.dep_ == "dobj"] if obj_pron else _subjects(gov)
                for s in refs:
                    if s.i != tok.i and s.pos_ != "PRON":
                        arg = self.code_token(s)
                        if arg is not None and (arg.code or (s.tag_ == "NNS" and low in _PLURAL_PRONOUNS)):
                            # "the detainees told investigators that they ...": the detainees, coded
                            # or not, never an unrelated entity further back
                            return Arg(tok, arg.code, arg.entity, (tok.idx, tok.idx + len(tok)))
                head = gov
                steps += 1
                continue
            break
        # else the nearest preceding entity of a fitting type with an actor code
        best = None
        for ent in self.document.entities:
            if not ent.actor:
                continue
            if person and ent.type != "PERSON":
                continue
            if group and ent.type == "PERSON":  # a group pronoun is not one person
                continue
            if low in _PLURAL_PRONOUNS and ent.type in ("GPE", "LOC", "FAC"):
                # "traitors who fled Venezuela ..., accusing them": people, not the place named last
                continue
            for s, e in ent.mentions:
                if e <= tok.idx and tok.idx - e < 600:
                    # salience: a mention that was a subject outranks a nearer one that was not
                    span = self.parsed.char_span(s, e, alignment_mode="expand")
                    if span is not None and span.root.dep_ in ("compound", "amod", "nmod"):
                        continue  # "U.S. intelligence": a modifier is not what a pronoun refers to
                    subj = span is not None and span.root.dep_ in ("nsubj", "nsubjpass")
                    key = (subj, e) if person else (False, e)
                    if best is None or key > best[0]:
                        best = (key, ent)
        if best is None:
            if low in ("he", "him", "she", "her", "they", "them"):
                return Arg(tok, None, None, (tok.idx, tok.idx + len(tok)))  # someone, not known: keep the word
            return None
        return Arg(tok, best[1].actor, best[1].id, (tok.idx, tok.idx + len(tok)))

    def _document_author(self, doc_tok: Token, depth: int) -> Optional[Arg]:
        """Who speaks through a document: "a report by X", "a report released by X", else the
        country of the place it was released in ("a report released in the Rwandan capital")."""
        p = patterns()
        verbs = [c for c in doc_tok.children if c.dep_ == "acl" and _is_form(c, p.publishing_verbs)]
        for holder in [doc_tok] + verbs:
            for by in _prep_objects(holder, "by") + _agent(holder):
                arg = self.code_token(by, depth + 1)
                if arg is not None and arg.code:
                    return arg
        for v in verbs:
            for prep in ("in", "at"):
                for o in _prep_objects(v, prep):
                    place = _place_arg(o, self)
                    if place is not None:
                        return Arg(doc_tok, place.code[:3], None, place.span)
                    for c in o.subtree:  # "in the Rwandan capital"
                        country = actors.country_of(c.text) if c.dep_ in ("amod", "compound", "poss") else None
                        if country:
                            return Arg(doc_tok, country, None, (c.idx, c.idx + len(c)))
        return None

    def code_token(self, tok: Token, depth: int = 0) -> Optional[Arg]:
        if tok.i in self._cache:
            return self._cache[tok.i]
        arg = self._code_token(tok, depth)
        self._cache[tok.i] = arg
        return arg

    def _code_token(self, tok: Token, depth: int) -> Optional[Arg]:
        if tok.pos_ == "PRON" or tok.tag_ in ("PRP", "PRP$"):
            return self.resolve_pronoun(tok)
        doc = tok.doc
        left = tok.left_edge.i
        while left >= 2 and doc[left - 1].text in _HYPHENS and not doc[left - 1].whitespace_ and not doc[left - 2].whitespace_:
            left = doc[left - 2].left_edge.i  # one hyphenated word the parser split: "al-Shabab"
        # drop leading space (a blanked dateline), punctuation and quotes; keep the left modifiers
        while left < tok.i and (doc[left].is_space or doc[left].is_punct or not doc[left].text.strip()):
            left += 1
        np = doc[left : tok.i + 1]
        actor = _safe_code(np)
        start, end = np.start_char, np.end_char
        ent = self.entity_for(tok.idx, tok.idx + len(tok))
        code = actor.code if actor else None
        country = actor.country if actor else None
        sector = actor.sector if actor else None
        if ent is not None and ent.actor and (not country or actor is None or actor.code_override is None):
            if not country or (sector is None and ent.actor.startswith(country or "")):
                code = ent.actor
                country = ent.actor[:3]
        # "his vice president, Delcy Rodriguez": the apposed name's entity knows the country
        if not country and not (actor and actor.code_override):
            for ap in [c for c in tok.children if c.dep_ == "appos"] + ([tok.head] if tok.dep_ == "appos" else []):
                ap_ent = self.entity_for(ap.idx, ap.idx + len(ap))
                if ap_ent is not None and ap_ent.actor and _has_country(ap_ent.actor):
                    code, country, ent = ap_ent.actor, ap_ent.actor[:3], ap_ent
                    break
        # "its fighters", "his troops": the owner a possessive pronoun refers to lends its actor
        if not country and not (actor and actor.code_override) and sector and depth < 2:
            poss = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
            owner = self.resolve_pronoun(poss) if poss is not None else None
            if owner is not None and owner.code:
                if owner.code in actors.lexicon().groups.values():
                    code = owner.code  # a named group's fighters are the group
                elif owner.code.startswith("IGO"):
                    code = owner.code if owner.code.endswith(sector) else owner.code + sector
                elif _has_country(owner.code):
                    code = owner.code[:3] + sector
                country = code[:3] if code and _has_country(code) else country
        # a country-less phrase ("elements within X", "officials of X"): code what it is part of
        if not country and not (actor and actor.code_override) and depth < 2:
            p = patterns()
            preps = [c for c in tok.children if c.dep_ == "prep"]
            nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
            if nxt is not None and nxt.dep_ == "prep" and nxt.head.i == tok.head.i and _is_form(tok, p.partitive):
                preps.append(nxt)  # "accused elements within the army of ...": prep misattached to the verb
            for c in preps:
                if _lemma(c) in p.partitive_preps:
                    if (
                        _lemma(c) in p.location_preps and _is_form(tok, p.located_people)
                        and any(o.ent_type_ in _PLACE_LABELS for o in _pobjs(c)[:1])
                    ):
                        continue  # "relief officials in Nairobi": where they are, not whom they belong to
                    for o in _pobjs(c)[:1]:
                        sub = self.code_token(o, depth + 1)
                        if sub is not None and sub.code and depth < 2:
                            if sector and sub.code[:3].isalpha() and not sub.code.startswith("IGO") and len(sub.code) >= 3:
                                code = sub.code[:3] + sector
                            elif _lemma(tok) in p.partitive:
                                code = sub.code
                            else:
                                continue
                            end = max(end, sub.span[1])
                            ent = ent or (self.document.entity(sub.entity) if sub.entity else None)
                            break
                if code and code[:3] != (sector or ""):
                    break
        if not code and depth < 2 and tok.dep_ == "nsubj" and _is_form(tok, patterns().document_nouns):
            # a document that speaks ("a report released in Kigali alleged") speaks for its author
            author = self._document_author(tok, depth)
            if author is not None:
                return author
        if not code:
            # an actor we cannot code ("Jewish settlers", "Boko Haram") is still the one who acted:
            # keep its words (source_span/target_span) with no code
            if _is_actorish(tok, patterns()):
                return Arg(tok, None, ent.id if ent is not None else None, (start, end))
            return None
        return Arg(tok, code, ent.id if ent is not None else None, (start, end))


def _is_actorish(tok: Token, p: "Patterns", depth: int = 0) -> bool:
    if tok.ent_type_ in ("PERSON", "ORG", "NORP") or _is_form(tok, p.human_nouns):
        return True
    if depth == 0 and _is_form(tok, p.partitive):
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "within", "from"):
                if any(_is_actorish(o, p, 1) for o in _pobjs(c)):
                    return True
    if tok.ent_type_ == "GPE" and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "poss"):
        return True
    return any(c.ent_type_ in ("NORP", "GPE", "ORG") and c.dep_ in ("amod", "compound", "poss", "nmod") for c in tok.lefts)


def _place_arg(tok: Token, ctx: "_Context") -> Optional["Arg"]:
    """A place as the target of a visit or deployment: the country it is in ('visited Amman' -> JOR)."""
    from storyline.lexicon.gazetteer import lookup_place

    if tok.ent_type_ in ("GPE", "LOC", "FAC"):
        ents = [e for e in tok.doc.ents if e.start <= tok.i < e.end]
    elif tok.pos_ == "PROPN":  # a place name the entity recognizer missed ("shelled Donetsk")
        left = min([c.i for c in tok.lefts if c.dep_ == "compound"] + [tok.i])
        ents = [tok.doc[left : tok.i + 1]]
    else:
        return None
    if not ents:
        return None
    loc = lookup_place(ents[0].text)
    country = loc.country if loc is not None else None
    if not country:
        country = actors.country_of(ents[0].text)
    if not country:
        # a territory the gazetteer lacks, named after a place it knows ("the Gaza Strip")
        for t in ents[0]:
            if t.pos_ == "PROPN":
                country = actors.country_of(t.text)
                if country:
                    break
    if not country:
        return None
    ent = ctx.entity_for(ents[0].start_char, ents[0].end_char)
    return Arg(tok, country, ent.id if ent else None, (ents[0].start_char, ents[0].end_char))


def _split_modifiers(tok: Token, arg: "Arg") -> list["Arg"]:
    """'US and British activists' -> one actor per coordinated national modifier."""
    mods = [c for c in tok.lefts if c.dep_ in ("amod", "nmod", "compound") and any(x.dep_ == "conj" for x in c.children)]
    if not mods:
        return []
    if any(t.is_punct and t.text not in (",", "-") for t in tok.doc[mods[0].i : tok.i]):
        return []  # "Quito / Lima — Peru": a dateline, not "Ecuadorean and Peruvian"
    words = [mods[0]] + [x for x in mods[0].conjuncts if x.dep_ == "conj"]
    countries = []
    for w in words:
        c = actors.country_of(w.text)
        if not c:
            return []
        countries.append(c)
    if len(countries) < 2 or not arg.code:
        return []
    sector = arg.code[3:] if arg.code[:3] in countries else ""
    return [Arg(tok, c + sector, arg.entity, arg.span) for c in countries]


def _safe_code(span: Span):
    try:
        return actors.code_span(span)
    except Exception as exc:  # actor coding must never take the stage down, but a failure is a bug: say so
        logging.getLogger("storyline").warning("actor coding failed on %r: %s", span.text[:80], exc)
        return None


# ---------------------------------------------------------------------------------------
# Matching
# ---------------------------------------------------------------------------------------


@dataclass
class Candidate:
    trigger: Token
    sense: Sense
    code: str
    sources: list[Arg]
    targets: list[Arg]
    target_tokens: list[Token]
    extra_tokens: list[Token] = field(default_factory=list)
    mutual: bool = False  # the target came through "with"/"between": both parties act
    folded: bool = False
    dropped: bool = False


def _multiword_ok(tok: Token, sense: Sense) -> bool:
    if len(sense.words) == 1:
        return True
    mods = [_lemma(c) for c in tok.lefts] + [c.lower_ for c in tok.lefts]
    return all(w in mods for w in sense.words[:-1]) or " ".join(sense.words[:-1]) in " ".join(mods)


def _modifier_code(tok: Token, sense: Sense) -> Optional[str]:
    if not sense.modifiers:
        return None
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "nmod", "npadvmod", "advmod"):
            for key in (_lemma(c), c.lower_):
                if key in sense.modifiers:
                    return sense.modifiers[key]
            # hyphenated compounds: "car-bomb", "cross-border"
            sub = "".join(t.text for t in c.subtree if t.i < tok.i).lower()
            if sub in sense.modifiers:
                return sense.modifiers[sub]
    return None


def _verb_objects(v: Token) -> list[Token]:
    objs = [c for c in v.children if c.dep_ in ("dobj", "attr", "oprd")]
    if _is_passive(v):
        objs += [c for c in v.children if c.dep_ == "nsubjpass"]
    for c in v.children:
        if c.dep_ in ("prep", "prt"):
            objs += [o for o in c.children if o.dep_ == "pobj"]
    out = []
    for o in objs:
        out.extend(_conjuncts(o))
    return out


def _object_words(objs: list[Token]) -> set[str]:
    """Lemmas that describe what an object is: the head, its compounds ("aid deliveries"), and
    the "of" complement of a quantity or part ("700 kg of medicine", "part of an aid program")."""
    words: set[str] = set()
    for o in objs:
        words.update(_forms(o)[:2])
        for c in o.children:
            if c.dep_ == "compound":
                words.update(_forms(c)[:2])
            if c.dep_ == "prep" and c.lower_ == "of":
                for x in _pobjs(c)[:1]:
                    words.update(_forms(x)[:2])
                    words.update(_lemma(y) for y in x.children if y.dep_ == "compound")
    return words


def _prep_ok(v: Token, prep: str) -> bool:
    for c in v.children:
        if c.dep_ in ("prep", "prt", "agent", "advmod", "dative") and (c.lower_ == prep or _lemma(c) == prep):
            return True
    return False


class _Matcher:
    def __init__(self, ctx: _Context):
        self.ctx = ctx
        self.p = patterns()
        self._last_role: Optional[str] = None

    # -- targets ----------------------------------------------------------------------
    def _role_tokens(self, tok: Token, role: str, sense: Sense, host: Optional[Token] = None) -> list[Token]:
        if role == "dobj":
            if sense.kind == "noun":
                return []
            return _direct_objects(tok)
        if role == "dative":
            out = []
            for c in tok.children:
                if c.dep_ == "dative":
                    out.extend(_pobjs(c) if c.pos_ == "ADP" else _conjuncts(c))
            return out
        if role == "objplace":
            # "attend the Beijing Olympics", "Russia's Victory Day parade": the place the object is in
            out = []
            for o in (c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")):
                for m in o.children:
                    if m.dep_ in ("compound", "poss", "nmod", "amod") and (
                        m.ent_type_ == "GPE" or (m.pos_ == "PROPN" and actors.country_of(m.text))
                    ):
                        out.append(m)
            return out
        if role == "ccomp":
            for c in tok.children:
                if c.dep_ == "ccomp":
                    return _subjects(c)
            return []
        if role.startswith("prep:"):
            prep = role[5:]
            out = _prep_objects(tok, prep)
            if not out and sense.kind == "verb":
                for o in (c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")):
                    out = _prep_objects(o, prep)
                    if out:
                        break
            if not out and sense.kind == "noun":
                for o in _prep_objects(tok, "of")[:1]:
                    out = _prep_objects(o, prep)  # "withdrawal of forces from Panama"
            if not out and sense.kind == "noun" and prep in ("targeting", "against", "on"):
                for c in tok.children:  # "an attack targeting civilians"
                    if c.dep_ == "acl" and _lemma(c) in ("target", "aim", "hit", "strike"):
                        out = _direct_objects(c) or _prep_objects(c, "at")
                        if out:
                            break
            if not out and sense.kind == "verb" and sense.prep:
                for o in _prep_objects(tok, sense.prep)[:1]:
                    out = _prep_objects(o, prep)  # "advised against travel to Tunisia"
            if not out and host is not None:
                out = _prep_objects(host, prep)
            return out
        return []

    def _targets(self, tok: Token, sense: Sense, host: Optional[Token] = None) -> tuple[list[Arg], list[Token]]:
        roles = list(sense.target)
        if sense.kind == "noun" and sense.patient_possessive:
            roles = ["poss"] + roles
        first: list[Token] = []
        for role in roles:
            if role == "poss":
                toks = [c for c in tok.children if c.dep_ == "poss"]
            else:
                toks = self._role_tokens(tok, role, sense, host)
            if not toks:
                continue
            first = first or toks
            args = []
            for t in toks:
                if _is_form(t, self.p.document_nouns):
                    continue  # "released a report": a document is spoken through, not acted upon
                if sense.event_target and t.pos_ == "NOUN" and _lookup(self.p.nouns, t):
                    args.extend(self._event_aims(t))  # "claimed responsibility for an attack in Kenya"
                    continue
                arg = self.ctx.code_token(t)
                if arg is None and t.pos_ == "NOUN" and _lemma(t) in self.p.nouns:
                    # "condemned the raid": the raid's source is the one criticised
                    arg = self._noun_source_arg(t)
                if (arg is None or arg.code is None) and (sense.place_target or sense.code[:2] in _PLACE_TARGET_ROOTS):
                    arg = _place_arg(t, self.ctx) or arg
                if (arg is None or arg.code is None) and t.pos_ == "NOUN" and role == "dobj":
                    # an event noun's "of" names its patient, not its owner: "condemned the killing
                    # of three soldiers" does not condemn the soldiers
                    owner_preps = ("with", "by", "from") if _lookup(self.p.nouns, t) else ("with", "by", "of", "from")
                    for prep in owner_preps:
                        owners = [a for a in self._args(_prep_objects(t, prep)) if a.code]
                        if owners:
                            arg = owners[0]  # "endorsed an agreement with the EU": the EU
                            break
                if arg is not None:
                    args.append(arg)
            if args:
                self._last_role = role
                return args, toks
        self._last_role = None
        return [], first

    def _event_aims(self, n: Token) -> list[Arg]:
        """Whom the event named by noun ``n`` acted upon: its coded target, else the country of a
        place in its phrase ("a deadly attack ... at a mall in Kenya's capital" -> KEN)."""
        inner = self.match_noun(n)
        if inner is not None:
            coded = [a for a in inner.targets if a.code]
            if coded:
                return coded
        for t in n.subtree:
            if t.ent_type_ in _PLACE_LABELS and t.i != n.i:
                arg = _place_arg(t, self.ctx)
                if arg is not None:
                    return [arg]
        return []

    def actorish(self, toks: list[Token], places: bool = False) -> bool:
        """Some token names a person, group or polity (coded or not): 'Maduro', 'prisoners'."""
        for t in toks:
            if _is_actorish(t, self.p) or t.ent_type_ == "GPE":
                return True
            if t.pos_ == "NOUN" and _lookup(self.p.nouns, t):
                return True  # "criticized the strike": an act, whoever did it
            if any(c.ent_type_ in ("NORP", "GPE") and c.dep_ in ("amod", "compound", "poss", "nmod") for c in t.lefts):
                return True
            if places and (_is_place(t) or t.pos_ == "PROPN"):
                return True
        return False

    # -- verbs ------------------------------------------------------------------------
    def match_verb(self, v: Token) -> Optional[Candidate]:
        senses = _lookup(self.p.verbs, v)
        if not senses:
            return None
        objs = _verb_objects(v)
        obj_lemmas = _object_words(objs)
        for sense in senses:
            if sense.prep and not _prep_ok(v, sense.prep):
                continue
            if sense.objects and not (obj_lemmas & sense.objects):
                continue
            if sense.no_object and any(c.dep_ == "dobj" for c in v.children):
                continue
            if sense.needs == "object" and not any(
                c.dep_ == "dobj" or (c.dep_ in ("ccomp", "xcomp") and _child(c, ("nsubj",)) is not None)
                for c in v.children
            ):
                continue  # "wants Putin to attack": the infinitive's own subject is the one appealed to
            targets, ttoks = self._targets(v, sense)
            direct = _direct_objects(v)
            if not targets and sense.objects and direct and not sense.place_target and self.actorish(direct):
                # "freed 150 Palestinian prisoners": the people named as object are acted upon
                targets, ttoks = self._args(direct), direct
            place_obj = bool(direct) and all(_is_place(t) for t in direct)
            if sense.places_only and not place_obj:
                continue
            conflict = sense.code[:2] in ("17", "18", "19", "20")
            if sense.needs == "country_target" and not any(_has_country(a.code) for a in targets):
                continue
            if sense.needs == "actor_target":
                # a person or group, not an act: "welcomed the president", not "welcomed the exchange"
                names_act = any(_lookup(self.p.nouns, t) for t in ttoks)
                coded_actor = any(a.code for a in targets) and not names_act
                if not (coded_actor or any(_is_actorish(t, self.p) for t in ttoks)):
                    continue
            if sense.needs == "target" and not targets and not sense.complement and not self.actorish(ttoks, places=conflict):
                continue
            code = sense.code
            for o in objs:
                c = sense.object_codes.get(_lemma(o)) or sense.object_codes.get(o.lower_)
                if c:
                    code = c
                    break
            if sense.modifiers:
                mc = None
                for o in objs:
                    mc = _modifier_code(o, sense)
                    if mc:
                        break
                if mc:
                    code = mc
                elif sense.needs == "modifier":
                    continue
            if place_obj and sense.place_code:
                code = sense.place_code
            mutual = self._last_role in ("prep:with", "prep:between")
            sources = self._args(_subjects(v))
            return Candidate(v, sense, code, sources, targets, ttoks, mutual=mutual)
        return None

    def match_adjective(self, a: Token) -> Optional[Candidate]:
        senses = self.p.adjectives.get(_lemma(a))
        if not senses or not any(c.dep_ == "xcomp" for c in a.children):
            return None
        sense = senses[0]
        host = a.head if a.dep_ in ("acomp", "amod") else a
        return Candidate(a, sense, sense.code, self._args(_subjects(host)), [], [])

    # -- nouns ------------------------------------------------------------------------
    def _support_verb(self, n: Token) -> Optional[Token]:
        if n.dep_ in ("dobj", "nsubjpass") and _is_form(n.head, self.p.support_verbs):
            return n.head
        if n.dep_ == "pobj" and n.head.dep_ in ("prep",):
            verb = n.head.head
            need = _lookup(self.p.support_preps, verb)
            if need and (n.head.lower_ == need or any(c.lower_ == need for c in verb.children)):
                return verb
        if n.dep_ == "conj":
            return self._support_verb(n.head)
        return None

    def _noun_sources(self, n: Token) -> list[Token]:
        out: list[Token] = []
        # "capture of X by U.S. forces" (the "by" phrase is often attached to X by the parser)
        out = _prep_objects(n, "by")
        if not out:
            for o in _prep_objects(n, "of")[:1]:
                out = _prep_objects(o, "by")
        if not out and n.dep_ == "dobj" and n.head.pos_ == "VERB" and not _is_passive(n.head):
            out = _prep_objects(n.head, "by")  # "condemned the killing of X by Y": "by" misattached to the verb
        if out:
            return out
        # "the raid, ordered by U.S. authorities"
        for c in n.children:
            if c.dep_ == "acl" and _lemma(c) in self.p.support_verbs | {"order", "carry", "launch", "conduct"}:
                ag = _agent(c)
                if ag:
                    return ag
        for c in n.children:
            if c.dep_ == "poss":
                return _conjuncts(c)
        verb = self._support_verb(n)
        if verb is not None:
            subj = _subjects(verb)
            if not subj and n.dep_ == "pobj":
                # "Serb forces were engaged in ethnic cleansing": the passive subject does it
                subj = [c for c in verb.children if c.dep_ == "nsubjpass"]
            return subj
        if n.dep_ == "pobj" and n.head.lower_ in ("during", "in", "at", "for") and n.head.head.pos_ in ("VERB",):
            senses = _lookup(self.p.nouns, n) or []
            if any(s.code[:2] == "14" for s in senses):
                return _subjects(n.head.head)  # "youths threw stones during demonstrations"
        return []

    def _noun_source_arg(self, n: Token) -> Optional[Arg]:
        for s in self._noun_sources(n):
            arg = self.ctx.code_token(s)
            if arg:
                return arg
        arg = self.ctx.code_token(n)
        return arg

    def match_noun(self, n: Token) -> Optional[Candidate]:
        senses = _lookup(self.p.nouns, n)
        if not senses and _is_form(n, self.p.light_nouns):
            # "a mediation effort between X and Y": the compound names the act, the head has the syntax
            for c in n.children:
                if c.dep_ in ("compound", "amod") and c.i < n.i:
                    senses = _lookup(self.p.nouns, c)
                    if senses:
                        senses = [s for s in senses if not s.needs == "modifier"]
                        break
        if not senses:
            return None
        for sense in senses:
            if not _multiword_ok(n, sense):
                continue
            governor = _governing_verb(n, sense.governors) if sense.governors else None
            if sense.governors and governor is None:
                continue  # "claimed responsibility", "expressed sorrow": only with the verb that makes it an act
            if governor is not None and any(c.dep_ == "aux" and c.lower_ in _OBLIGATION for c in governor.children):
                continue  # "the regime must take responsibility": a demand on it, not its claim
            if sense.objects:
                of_objs = _prep_objects(n, "of") + [c for c in n.children if c.dep_ == "compound"]
                words = _object_words(of_objs)
                if not (words & sense.objects):
                    continue
            code = sense.code
            for o in _prep_objects(n, "of")[:1]:
                code = sense.object_codes.get(_lemma(o), code)
            mc = _modifier_code(n, sense)
            if mc:
                code = mc
            host = governor or self._support_verb(n)
            targets, ttoks = self._targets(n, sense, host)
            mutual = self._last_role in ("prep:with", "prep:between")
            if not targets and host is not None and n.dep_ == "pobj":
                objs = [c for c in host.children if c.dep_ == "dobj"]
                targets = self._args([o for d in objs for o in _conjuncts(d)])
                ttoks = ttoks or objs
            if sense.needs == "modifier" and not mc:
                continue
            if sense.needs == "target" and not targets and not self.actorish(ttoks):
                continue
            if sense.needs == "modifier_or_target" and not (mc or targets or host is not None or self.actorish(ttoks)):
                continue
            if sense.place_code and ttoks and all(_is_place(t) for t in ttoks):
                code = sense.place_code
            src_toks = (_subjects(governor) or _agent(governor)) if governor is not None else self._noun_sources(n)
            if sense.patient_possessive:
                src_toks = [t for t in src_toks if t.dep_ != "poss"]
            sources = self._args(src_toks)
            if not sources:
                # the national/official modifier of the noun phrase: "the U.S. capture"
                mod_toks = [c for c in n.lefts if c.dep_ in ("compound", "amod", "nmod") and c.pos_ in ("PROPN", "ADJ", "NOUN")]
                if mod_toks:
                    span = n.doc[mod_toks[0].left_edge.i : n.i + 1]
                    actor = _safe_code(span)
                    if actor and actor.code and actor.country:
                        ent = self.ctx.entity_for(span.start_char, n.idx)
                        sources = [Arg(n, actor.code, ent.id if ent else None, (span.start_char, n.idx + len(n)))]
            if not sources:
                sources = self._governor_sources(n)
            return Candidate(n, sense, code, sources, targets, ttoks, extra_tokens=[host] if host is not None else [], mutual=mutual)
        return None

    def _governor_sources(self, n: Token) -> list[Arg]:
        """'stopped short of military retaliation', 'vowed retaliation': the governing verb's subject."""
        mod = self.p.modality
        gov_words = set(mod.get("negators", [])) | set(mod.get("planning_verbs", [])) | {p[0] for p in mod.get("negating_paths", [])}
        tok = n
        for _ in range(4):
            head = tok.head
            if head.i == tok.i:
                break
            if head.pos_ in ("VERB", "AUX") or head.dep_ == "ROOT":
                if _lemma(head) in gov_words:
                    return self._args(_subjects(head))
                return []
            tok = head
        return []

    def _args(self, toks: list[Token]) -> list[Arg]:
        out = []
        for t in toks:
            group = self._plural_antecedents(t)
            if group:
                out.extend(group)  # "Obama and Putin said they will attack": both
                continue
            a = self.ctx.code_token(t)
            if a is None:
                continue
            split = _split_modifiers(t, a)
            out.extend(split or [a])
        return out

    def _plural_antecedents(self, t: Token) -> list[Arg]:
        """'they'/'them' whose governing clause has coordinated subjects: every coded conjunct."""
        if t.lower_ not in ("they", "them", "themselves") or t.dep_ not in ("nsubj", "nsubjpass"):
            return []
        head = t.head
        for _ in range(4):
            if head.dep_ in ("ccomp", "xcomp", "advcl", "conj") and head.head.i != head.i:
                subj = [x for x in _subjects(head.head) if x.pos_ != "PRON"]
                if len(subj) > 1:
                    args = [a for a in (self.ctx.code_token(x) for x in subj) if a is not None and a.code]
                    if len(args) > 1:
                        return [Arg(t, a.code, a.entity, (t.idx, t.idx + len(t))) for a in args]
                    return []
                head = head.head
                continue
            break
        return []

    # -- sentence ---------------------------------------------------------------------
    def candidates(self, sent: Span) -> list[Candidate]:
        out: list[Candidate] = []
        for tok in sent:
            cand = None
            if tok.pos_ in ("VERB",) or (tok.pos_ == "ADJ" and any(c.dep_ == "dobj" for c in tok.children)):
                cand = self.match_verb(tok)
            elif tok.pos_ == "ADJ" and _lemma(tok) in self.p.adjectives:
                cand = self.match_adjective(tok)
            elif tok.pos_ in ("NOUN", "PROPN"):
                cand = self.match_noun(tok)
            if cand is None and tok.pos_ in ("VERB", "AUX") and _demand_speaker(tok):
                sense = _recode_sense(self.p.recode.get("must", {}).get("like", ""))
                if sense is not None:
                    cand = Candidate(tok, sense, sense.code, [], [], [])
            if cand is not None:
                out.append(cand)
        verbs = {c.trigger.i: c for c in out if c.sense.kind == "verb"}
        for c in out:
            if c.sense.kind == "noun" and c.trigger.dep_ in ("dobj", "nsubjpass", "pobj"):
                head = c.trigger.head if c.trigger.dep_ != "pobj" else c.trigger.head.head
                v = verbs.get(head.i)
                if v is not None and (_lemma(c.trigger) in v.sense.objects or v.code != v.sense.code and _lemma(c.trigger) in v.sense.object_codes):
                    c.dropped = True
        self._fold(out)
        self._absorb_means(out)
        nouns = {c.trigger.i: c for c in out if c.sense.kind == "noun" and not c.dropped}
        for c in out:
            # "the raid, ordered by U.S. authorities": a support verb over an event noun is not a second event
            if c.sense.kind == "verb" and not c.folded and _is_form(c.trigger, self.p.support_verbs):
                objs = [x for x in c.trigger.children if x.dep_ in ("dobj", "nsubjpass")]
                if c.trigger.dep_ == "acl":
                    objs.append(c.trigger.head)
                if any(o.i in nouns for o in objs):
                    c.dropped = True
        for c in out:
            if c.sense.kind == "noun" and not c.dropped and not any(a.code for a in c.sources):
                head = c.trigger.head
                if c.trigger.dep_ == "dobj" and head.i in verbs and not verbs[head.i].dropped:
                    c.dropped = True  # "endorsed an agreement with the EU": the endorsement is the event
        kept = [c for c in out if not c.dropped]
        self._select(kept)
        return [c for c in kept if not c.dropped]

    # -- which matches are reported events ----------------------------------------------
    def _select(self, cands: list[Candidate]) -> None:
        """Drop matches that a careful coder would not code as events of this sentence (see
        docs/events.md, "Which events are coded"): background frames, descriptions of actors,
        nominal references with no agent, and the content, grounds or elaboration of another
        coded act. Governors are decided first (nearest the root), so only a kept event can
        absorb the acts it governs."""
        covered: dict[int, str] = {}  # token -> code of the kept act it belongs to
        self._kept: dict[int, Candidate] = {}
        for c in sorted(cands, key=lambda c: (_depth(c.trigger), c.trigger.i)):
            if self._background(c, covered):
                c.dropped = True
                continue
            self._kept[c.trigger.i] = c
            if not c.sources and not c.targets:
                continue  # a match with no actor codes nothing, so it absorbs nothing either
            covered.setdefault(c.trigger.i, c.code)
            for t in c.extra_tokens:
                covered.setdefault(t.i, c.code)
            for ch in c.trigger.children:  # the objects of a coded act belong to it
                if ch.dep_ in ("dobj", "nsubjpass", "dative", "attr"):
                    covered.setdefault(ch.i, c.code)
                    for x in ch.children:
                        if x.dep_ == "prep":
                            covered.setdefault(x.i, c.code)

    def _anchored(self, head: Token, covered: dict[int, str]) -> Optional[str]:
        """The code of the coded act ``head`` is, or whose attribution verb it is ("X did Y,
        officials said, -ing"); None when it is neither."""
        if head.i in covered:
            return covered[head.i]
        if _is_form(head, self.p.speech_verbs):
            for c in head.children:
                if c.dep_ == "ccomp" and c.i < head.i and c.i in covered:
                    return covered[c.i]
        return None

    def _actor_noun(self, tok: Token) -> bool:
        """A noun that names people or a group (not an event): 'those', 'the rebels', 'Hamas'."""
        if tok.pos_ == "PRON":
            return tok.lower_ in ("those", "one", "anyone", "someone", "others", "people", "whoever")
        if tok.pos_ in ("NOUN", "PROPN") and _lookup(self.p.nouns, tok):
            return False
        return tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or _is_form(tok, self.p.human_nouns) or (
            _is_form(tok, self.p.partitive) and _is_actorish(tok, self.p)
        )

    def _background(self, c: Candidate, covered: dict[int, str]) -> Optional[str]:
        sel = self.p.selection
        trig = c.trigger
        # 1. a relative clause or participle describing an actor ("Adli Yaish, who had been
        #    arrested 15 months ago", "the group that has seized parts of Iraq", "officials
        #    accused of playing a role"): it characterises the actor, it is not reported here.
        #    A headline that is only a noun phrase ("Five journalists arrested") is the exception.
        path = [trig] + list(trig.ancestors)[:12]
        if path[-1].pos_ in ("VERB", "AUX"):  # a sentence that is only a noun phrase: its participle is the predicate
            for t in path:
                if t.dep_ in ("relcl", "acl") and t.pos_ in ("VERB", "AUX"):
                    existential = t.head.dep_ == "attr" and any(x.dep_ == "expl" for x in t.head.head.children)
                    if self._actor_noun(t.head) and not existential:  # "there were ten soldiers killed": reported
                        return "describes an actor"
        # 1b. a participle describing a thing, with no one doing it ("a website linked to the
        #     group", "weapons seized last year"): a description, not a reported act
        if (
            c.sense.kind == "verb" and trig.dep_ == "acl" and trig.tag_ == "VBN" and not _agent(trig)
            and path[-1].pos_ in ("VERB", "AUX") and trig.head.pos_ == "NOUN"
            and not self._actor_noun(trig.head) and not _lookup(self.p.nouns, trig.head)
        ):
            return "describes a thing"
        if c.sense.kind == "noun":
            # 2. a nominal with no agent at all ("Maduro's capture", "the release of X came as")
            #    refers to an event; who did it is not said here, so there is nothing to code.
            agent = c.sources or [t for t in self._noun_sources(trig) if not (c.sense.patient_possessive and t.dep_ == "poss")]
            if not agent and not c.folded and not (c.mutual and len(c.targets) > 1):
                return "nominal reference"
            # 3. an event noun that is the time frame ("during a visit", "after the raid",
            #    "in the aftermath of the operation") situates the sentence, it is not reported.
            n = trig
            while n.dep_ == "conj":
                n = n.head
            if n.dep_ == "pobj":
                prep = n.head
                framed = _lemma(prep) in sel.get("frame_preps", []) or _lemma(prep.head) in sel.get("frame_preps", [])
                if prep.lower_ == "of" and _lemma(prep.head) in sel.get("frame_nouns", []):
                    framed, prep = True, prep.head.head if prep.head.dep_ == "pobj" else prep.head
                if framed:
                    # it frames the act the clause reports; with no coded act it is the report
                    anchor = prep.head
                    for _ in range(4):
                        if anchor.i in covered or anchor.pos_ in ("VERB", "AUX") or anchor.head.i == anchor.i:
                            break
                        anchor = anchor.head
                    if self._anchored(anchor, covered):
                        return "time frame"
        clause = trig
        if c.sense.kind == "noun" and trig.dep_ in ("dobj", "nsubjpass") and trig.head.pos_ in ("VERB", "AUX"):
            clause = trig.head
        while clause.dep_ == "xcomp" and clause.head.pos_ in ("VERB", "AUX"):
            clause = clause.head  # "..., seeking to mend ties": the participle that governs it
        # 4. a participial adjunct of a coded act that is more of the same act ("bombarded the
        #    city, killing eight people"; "launched a strike, expanding its campaign") elaborates
        #    it: its result or manner. A different kind of act stays ("expelled two diplomats,
        #    accusing them of spying": the expulsion and the accusation).
        if (
            clause.dep_ == "advcl" and clause.tag_ == "VBG"
            and _same_kind(self._anchored(clause.head, covered), c.code)
            and not any(x.dep_ in ("nsubj", "nsubjpass", "mark") for x in clause.children)
        ):
            return "elaboration"
        # 4b. a clause that says what a coded event noun did ("an attack targeting civilians",
        #     "the strike, which killed six") elaborates that event, also when the noun is the
        #     content of another act ("claimed responsibility for an attack targeting ...").
        noun = trig.head
        if _is_place(noun) and noun.dep_ == "pobj" and noun.head.head.pos_ == "NOUN":
            noun = noun.head.head  # "the bombing in Kabul, which killed 20": attached to the place by the parser
        head_code = covered.get(noun.i)
        if (
            c.sense.kind == "verb" and trig.dep_ in ("acl", "relcl")
            and (_same_kind(head_code, c.code) or (head_code and noun.i not in self._kept))
            and noun.pos_ == "NOUN" and _lookup(self.p.nouns, noun)
            and all(x.lower_ in _RELPRON for x in trig.children if x.dep_ in ("nsubj", "nsubjpass"))
        ):
            return "elaboration"
        # 3b. a temporal clause situating a coded act ("withdrew ..., two weeks after rebels
        #     kidnapped peacekeepers") is its time frame.
        if (
            clause.dep_ == "advcl" and self._anchored(clause.head, covered)
            and any(x.dep_ == "mark" and _lemma(x) in sel.get("frame_preps", []) for x in clause.children)
        ):
            return "time frame"
        if c.sense.kind == "verb":
            # 5. an infinitive governed by a coded act is its content, not a second act:
            #    "pressured X to help Iran", "gave permission to Russia to help Israel".
            infinitive = trig.dep_ == "xcomp" or (
                trig.dep_ in ("advcl", "acl") and _child(trig, ("aux",), "to") is not None
            )
            if infinitive and trig.head.i in covered:  # (whatever its kind: it is what was asked, allowed ...)
                return "content of a coded act"
            # 5b. what a named party accuses another of ("Ukraine accused Iran of supplying
            #     drones") is the content of the accusation (112), coded once, as the accusation;
            #     with no accuser ("Iran was accused of supplying drones") the act stays, alleged.
            t, via = trig, False
            for _ in range(6):  # "accused X of making accusations by alleging ...": the whole charge
                if t.dep_ not in ("pcomp", "pobj", "prep", "xcomp", "dobj") or t.head.i == t.i:
                    break
                via = via or (t.dep_ == "prep" and t.lower_ in ("of", "for"))
                t = t.head
                acc = self._kept.get(t.i)
                if (
                    via and acc is not None and _is_form(acc.trigger, self.p.modality.get("alleging_verbs", []))
                    and any(a.code for a in acc.sources)
                ):
                    return "content of an accusation"
            # 6. the grounds of a coded act ("jailed him for helping militants") are its reason.
            if trig.dep_ == "pcomp" and _lemma(trig.head) in sel.get("grounds_preps", []) and trig.head.head.i in covered:
                return "grounds of a coded act"
        return None

    def _absorb_means(self, cands: list[Candidate]) -> None:
        """'Eight people were killed in an air strike by government forces': one event, the strike's
        author acting on the victims, with the strike's more specific code (195, not 190)."""
        by_tok = {c.trigger.i: c for c in cands if c.sense.kind == "noun" and not c.dropped}
        for v in cands:
            if v.dropped or v.sense.kind != "verb" or v.sources or v.code[:2] not in _FORCE_ROOTS:
                continue
            if not _is_passive(v.trigger):
                continue
            for prep in ("in", "by", "during", "from"):
                nouns = [by_tok[o.i] for o in _prep_objects(v.trigger, prep) if o.i in by_tok]
                if not nouns:
                    continue
                n = nouns[0]
                if n.code[:2] not in _FORCE_ROOTS:
                    continue
                v.sources = n.sources
                if v.code.endswith("0") and len(v.code) == 3 and n.code != v.code:
                    v.code = n.code
                v.extra_tokens.append(n.trigger)
                n.dropped = True
                break

    def _complement_of(self, gov: Candidate, by_tok: dict[int, Candidate], by_host: dict[int, Candidate]):
        """The action a governing verb governs: xcomp/ccomp verb, its support-verb noun, or object noun."""
        clause_deps = ("xcomp", "ccomp") if gov.sense.kind != "noun" else ("acl", "ccomp", "relcl")
        for child in gov.trigger.children:
            if child.dep_ in clause_deps and (child.dep_ != "relcl" or not _child(child, ("nsubj", "dobj"), "that")):
                c = by_tok.get(child.i) or by_host.get(child.i)
                if c is not None and not c.dropped:
                    return c, child
                return None, child
        for child in gov.trigger.children:
            if (
                child.dep_ == "dobj" and child.i in by_tok and by_tok[child.i].sense.kind == "noun"
                and not _is_form(gov.trigger, self.p.support_verbs)
            ):
                return by_tok[child.i], child
            if child.dep_ == "prep" and _lemma(child) in ("to", "for", "on", "of"):
                for o in child.children:
                    if o.i in by_tok and o.dep_ in ("pobj", "pcomp") and not by_tok[o.i].dropped:
                        return by_tok[o.i], o
        return None, None

    def _fold(self, cands: list[Candidate]) -> None:
        by_tok = {c.trigger.i: c for c in cands}
        by_host = {h.i: c for c in cands if c.sense.kind == "noun" for h in c.extra_tokens}
        for gov in sorted(cands, key=lambda c: c.trigger.i):
            if not gov.sense.complement or gov.dropped:
                continue
            comp, comp_tok = self._complement_of(gov, by_tok, by_host)
            if comp is comp_tok is None:
                continue
            if comp is None or comp is gov:
                # an uncoded complement ("threatened to deliver blows to X"): keep the governor's own
                # code (or the one the dictionary gives the complement verb: "ordered X to leave")
                # and find whom it is aimed at in the complement
                if comp_tok is not None:
                    for f in _forms(comp_tok):
                        if f in gov.sense.complement_lemmas:
                            gov.code = gov.sense.complement_lemmas[f]
                            break
                if not gov.targets and comp_tok is not None and comp_tok.pos_ in ("VERB", "AUX"):
                    if comp_tok.dep_ == "ccomp":
                        gov.targets = self._args(_subjects(comp_tok))
                    if not gov.targets:
                        for role in ("dobj", "dative", "prep:to", "prep:against", "prep:on", "prep:at", "prep:in"):
                            toks = self._role_tokens(comp_tok, role, gov.sense)
                            args = [x for x in self._args(toks) if x.code]
                            if args:
                                gov.targets = args
                                break
                    if not gov.targets and comp_tok is not None:
                        # "threatened to resume attacks in Israel": the place the aim lies in
                        for o in (c for c in comp_tok.children if c.dep_ == "dobj"):
                            for prep in ("against", "on", "in", "to"):
                                args = [x for x in self._args(_prep_objects(o, prep)) if x.code]
                                if args:
                                    gov.targets = args
                                    break
                    gov.extra_tokens.append(comp_tok)
                    gov.folded = True
                continue
            new = complement_code(gov.sense, comp.code)
            if new is None and gov.sense.code[:2] == "03" and comp.code[:2] in _CONFLICT_ROOTS:
                # "pledged to expel": the promised coercion is coded as itself, announced
                gov.dropped = True
                continue
            if new:
                gov.code = new
            if not gov.targets:
                if comp_tok is not None and comp_tok.dep_ == "ccomp":
                    # "demanded that Mugabe abandon ...": the one asked is the complement's subject
                    subj = self._args(_subjects(comp_tok))
                    gov.targets = subj or comp.targets
                else:
                    gov.targets = comp.targets
                gov.target_tokens = comp.target_tokens
            if not gov.sources:
                gov.sources = comp.sources
            gov.extra_tokens.append(comp.trigger)
            gov.extra_tokens.extend(comp.extra_tokens)
            gov.folded = True
            comp.dropped = True
        for c in cands:
            if c.sense.complement and not c.folded and c.sense.needs == "target" and not c.targets:
                c.dropped = True
            if c.code[:2] in ("02", "13") and c.code == c.sense.code and not c.targets:
                c.dropped = True  # an appeal or threat with no addressee and no coded aim ("asked not to be named")
            if c.sense.kind == "adjective" and not c.folded:
                c.dropped = True


def complement_code(sense: Sense, code: str) -> Optional[str]:
    """The code a governing sense gives a complement action: full code, then 3 digits, then root."""
    m = sense.complement
    return m.get(code) or m.get(code[:3]) or m.get(code[:2]) or m.get("*")


@cache
def _recode_sense(lemma: str) -> Optional[Sense]:
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
    sense = _recode_sense(rule["like"])
    return complement_code(sense, code) if sense else None


# ---------------------------------------------------------------------------------------
# Modality
# ---------------------------------------------------------------------------------------


def _chain(tok: Token, limit: int = 6) -> list[Token]:
    """The trigger and the words governing it within its clause complex (xcomp, prep, ...)."""
    p = patterns()
    mod = p.modality
    governors = (
        set(mod.get("negators", [])) | set(mod.get("planning_verbs", [])) | set(mod.get("alleging_verbs", []))
        | p.support_verbs
    )
    out = [tok]
    cur = tok
    for _ in range(limit):
        head = cur.head
        if head.i == cur.i:
            break
        dep = cur.dep_
        if dep in ("xcomp", "acomp", "pcomp", "pobj", "prep", "advmod", "agent"):
            pass
        elif dep in ("dobj", "nsubjpass") and _is_form(head, governors):
            pass  # "launched an attack", "vowed retaliation"
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


def _status(tok: Token, extra: list[Token]) -> str:
    mod = patterns().modality
    negators = set(mod.get("negators", []))
    neg_words = set(mod.get("negation_words", []))
    future = set(mod.get("future_auxiliaries", []))
    hypo = set(mod.get("hypothetical_auxiliaries", []))
    marks = set(mod.get("conditional_marks", []))
    planning = set(mod.get("planning_verbs", []))
    alleging = set(mod.get("alleging_verbs", []))
    alleging_words = set(mod.get("alleging_words", []))
    paths = [tuple(p) for p in mod.get("negating_paths", [])]
    litotes = set(mod.get("litotes", []))

    chain = _chain(tok)
    for e in extra:
        for t in _chain(e):
            if t not in chain:
                chain.append(t)
    negated = hypothetical = alleged = planned = False
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj") and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children):
            negated = True  # "no live rounds were fired", "fired no shots"
    for k, t in enumerate(chain):
        for c in t.children:
            low = c.lower_
            if c.dep_ == "neg" or (c.dep_ in ("det", "advmod") and low in neg_words and low != "no" or (low == "no" and c.dep_ == "det")):
                if k > 0 and _lemma(t) in litotes:
                    planned = True  # "would not hesitate to request": a firm intention
                else:
                    negated = True
            if c.dep_ in ("aux",) and (low in hypo or _lemma(c) in hypo):
                hypothetical = True
            if c.dep_ in ("aux",) and (low in future or _lemma(c) in future):
                planned = True
            if c.dep_ == "mark" and low in marks:
                hypothetical = True
            if c.dep_ in ("advmod", "amod") and low in alleging_words:
                alleged = True
        if k == 0:
            continue
        lem = _lemma(t)
        below = chain[k - 1]
        if lem in negators and below.dep_ in ("xcomp", "pcomp", "pobj", "prep", "dobj"):
            negated = True
        if lem in planning and (below.dep_ in ("xcomp", "dobj") or (below.dep_ == "prep" and below.lower_ in ("for", "to", "on"))):
            planned = True
        if lem in alleging and below.dep_ in ("pcomp", "pobj", "prep", "ccomp", "xcomp"):
            alleged = True
    # "X hoped Y would be indicted", "fears Z will attack": a wish or a fear, not an act
    wishing = set(patterns().selection.get("wishing_verbs", []))
    for t in [tok] + list(tok.ancestors)[:6]:
        if t.dep_ == "ccomp":
            if _is_form(t.head, wishing):
                hypothetical = True
            break
    # "there is no evidence (that) X helped": a claim without support is at most alleged
    ancestors = list(tok.ancestors)[:8]
    unsupported = set(mod.get("unsupported_nouns", []))
    for t in ancestors[:4]:
        if t.pos_ == "NOUN" and _lemma(t) in unsupported and any(c.lower_ in ("no", "little", "scant") for c in t.children):
            alleged = True
    # "stopped short of X (to free Y)", "refrained from X": a negating path above the trigger
    for t in ancestors:
        lem = _lemma(t)
        for path in paths:
            if lem != path[0]:
                continue
            words = [c for c in t.subtree]
            lemmas = [(_lemma(w), w.i) for w in words if w.i > t.i]
            seq = [l for l, _ in lemmas[: len(path) + 2]]
            if all(p in seq for p in path[1:]):
                last = next((i for l, i in lemmas if l == path[-1]), None)
                if last is not None and tok.i > last:
                    negated = True
    # The consequence of a condition ("will withdraw unless ...", "would retaliate if ...") is a
    # conditional promise or threat: it stays planned (CAMEO codes it as intent or threat);
    # only the condition itself and could/might/may clauses are hypothetical.
    if negated:
        return "negated"
    if hypothetical:
        return "hypothetical"
    if alleged:
        return "alleged"
    if planned:
        return "planned"
    return "reported"


# ---------------------------------------------------------------------------------------
# Dates, places, sections, quotes
# ---------------------------------------------------------------------------------------

_CAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _date_for(document: Document, sent: Span, trigger: Token) -> tuple[Optional[str], Optional[str], Optional[str]]:
    best = None
    for t in document.times:
        s, e = t.span
        if s >= sent.start_char and e <= sent.end_char and t.type == "DATE" and _CAL_DATE.match(t.value or ""):
            dist = abs(s - trigger.idx)
            if best is None or dist < best[0]:
                best = (dist, t)
    if best is not None:
        return best[1].value, "text", best[1].id
    if document.published:
        return document.published, "document date", None
    return None, None, None


def _place_phrase(tok: Token) -> Optional[Span]:
    doc = tok.doc
    if tok.ent_type_ in _PLACE_LABELS:
        ents = [e for e in doc.ents if e.start <= tok.i < e.end]
        if ents:
            return ents[0]
    return None


def _location_for(sent: Span, trigger: Token, extra: list[Token]) -> Optional[Location]:
    from storyline.lexicon.gazetteer import lookup_place

    def from_prep(prep: Token) -> Optional[Location]:
        for o in prep.children:
            if o.dep_ != "pobj":
                continue
            cands = [o] + [c for c in o.children if c.dep_ == "prep" and c.lower_ == "of" for c in _pobjs(c)]
            cands += [c for c in o.children if c.dep_ in ("compound", "appos")]
            for c in cands:
                span = _place_phrase(c)
                if span is None:
                    continue
                loc = lookup_place(span.text)
                if loc is not None:
                    return loc.model_copy(update={"name": span.text, "span": (span.start_char, span.end_char)})
        return None

    heads = [trigger] + extra
    for h in heads:
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "at", "near", "outside", "inside", "into", "across"):
                loc = from_prep(c)
                if loc:
                    return loc
    for tok in sent:
        if tok.dep_ == "prep" and tok.lower_ in ("in", "at", "near") and tok.head.pos_ in ("VERB", "NOUN", "PROPN", "AUX"):
            loc = from_prep(tok)
            if loc:
                return loc
    return None


# ---------------------------------------------------------------------------------------
# The stage
# ---------------------------------------------------------------------------------------


def _frame_country(tok: Token, ctx: _Context) -> Optional[str]:
    """Country of a framing event noun: 'in a U.S. operation, forces captured ...'."""
    nouns = patterns().nouns
    cur = tok
    in_relcl = False
    for _ in range(8):
        for c in cur.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "during"):
                for o in _pobjs(c):
                    if _lookup(nouns, o):
                        a = _safe_code(o.doc[o.left_edge.i : o.i + 1])
                        if a and a.country:
                            return a.country
        if in_relcl and cur.pos_ == "NOUN" and _lookup(nouns, cur):
            a = _safe_code(cur.doc[cur.left_edge.i : cur.i + 1])
            if a and a.country:
                return a.country
        if cur.dep_ == "relcl":
            in_relcl = True  # "an operation in which forces captured ...": look at the nouns above
            rel = [o for c in cur.children if c.dep_ == "prep" for o in c.children if o.lower_ in ("which", "whom")]
            if rel:
                # the antecedent of "in which" is the nearest event noun before the clause
                for k in range(cur.left_edge.i - 1, max(-1, cur.left_edge.i - 16), -1):
                    cand = cur.doc[k]
                    if cand.pos_ == "NOUN" and _lookup(nouns, cand):
                        a = _safe_code(cur.doc[cand.left_edge.i : cand.i + 1])
                        if a and a.country:
                            return a.country
                        break
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return None



@cache
def _sector_codes() -> frozenset[str]:
    secs = load_toml("actors.toml").get("sectors", {})
    return frozenset(secs) | frozenset(v.get("primary", k) for k, v in secs.items())


def _has_country(code: Optional[str]) -> bool:
    return bool(code) and code[:3] not in _sector_codes()


def _scheduled(tok: Token, extra: list[Token]) -> bool:
    """Is a planned act only scheduled ("is scheduled to attend", "is due to visit", "is expected
    to sign")? Then it keeps its own code with status planned: nobody expressed an intention.
    An announced or intended act ("will provide aid", "vowed to retaliate", "said it would attack")
    is recoded as intent (03) or threat (13), as the CAMEO codebook's examples do."""
    schedule = set(patterns().modality.get("scheduling_words", []))
    chain = _chain(tok)
    for e in extra:
        chain += [t for t in _chain(e) if t not in chain]
    if any(t.dep_ == "ccomp" and _is_form(t.head, patterns().speech_verbs) for t in chain):
        return False  # "announced that it is prepared to impose martial law": announced, an intention
    return any(_lemma(t) in schedule or t.lower_ in schedule for t in chain[1:])


def _stated_refusal(tok: Token) -> bool:
    """'will not X', 'would never X': a negated future, i.e. a refusal stated by the actor."""
    future = set(patterns().modality.get("future_auxiliaries", []))
    neg = any(c.dep_ == "neg" for c in tok.children)
    fut = any(c.dep_ == "aux" and c.lower_ in future for c in tok.children)
    return neg and fut


def _conditional(tok: Token, marks=("unless", "if")) -> bool:
    for t in _chain(tok):
        for c in t.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children):
                return True
    return False


def _demand_speaker(tok: Token) -> Optional[list[Token]]:
    """'X said Y must Z': the speaker X, when ``tok`` is a must-clause under a speech verb."""
    p = patterns()
    must = set(p.recode.get("must", {}).get("auxiliaries", []))
    if not any(c.dep_ == "aux" and c.lower_ in must for c in tok.children):
        return None
    if tok.dep_ == "ccomp" and _is_form(tok.head, p.speech_verbs):
        return _subjects(tok.head) or None
    head = tok.head
    if tok.dep_ in ("acl", "ccomp") and head.pos_ == "NOUN" and _is_form(head, p.speech_nouns):
        # "issued a stern reminder to Iraq that it must cooperate"
        if head.dep_ in ("dobj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX"):
            return _subjects(head.head) or None
        poss = [c for c in head.children if c.dep_ == "poss"]
        return poss or None
    return None


def code_sentence(document: Document, ctx: _Context, sent: Span) -> list[Event]:
    table = cameo_table()
    matcher = _Matcher(ctx)
    events: list[Event] = []
    derived: list[tuple] = []  # (speaker, actor, verb, code, status, date, date_source, time, location)
    seen: set[tuple] = set()
    for cand in matcher.candidates(sent):
        trig = cand.trigger
        if cand.sense.governors and cand.extra_tokens:
            # "denied responsibility", "claimed responsibility": the verb is the act, not a
            # negation or an allegation of it; the act's own modality is the verb's
            status = _status(cand.extra_tokens[0], cand.extra_tokens[1:])
        else:
            status = _status(trig, cand.extra_tokens)
        code = cand.code
        if status == "negated" and _stated_refusal(trig):
            # "would not provide aid", "will not meet": a refused cooperative act is a rejection
            new = recode("negated", code)
            if new:
                code, status = new, "reported"
        elif status == "planned" and not cand.folded:
            # CAMEO codes announced cooperation as intent (03) and announced force as a threat (13);
            # an action announced on a condition ("will withdraw unless ...") is a threat
            if not cand.sources:
                new = None  # "hoped they would be indicted": no one announces it, nothing to recode
            elif _scheduled(trig, cand.extra_tokens):
                new = None  # "is scheduled to attend": the act itself, planned
            elif _conditional(trig, ("unless",)):
                new = recode("conditional", code)
            else:
                new = recode("planned", code) or recode("planned_conflict", code)
            if new:
                code = new
        speaker = _demand_speaker(trig) if cand.sense.kind == "verb" else None
        if speaker is not None:
            # "X said Y must withdraw": X demands that Y withdraw
            new = recode("must", code) if code != "100" else code
            if new:
                subj = matcher._args(_subjects(trig))
                spk = matcher._args(speaker)
                if spk and subj:
                    code = new
                    cand.targets, cand.sources = subj, spk
                    status = "reported"
        sources = cand.sources
        riot = patterns().recode.get("riot", {})
        if code in riot.get("codes", []) and any(_is_form(a.token, riot.get("sources", [])) for a in sources):
            code = riot["code"]  # demonstrators destroying or assaulting: a riot
        info = table.get(code)
        if info is None:
            continue
        if not sources and cand.sense.kind == "verb" and _is_passive(trig):
            # "four people were killed in an Israeli air strike": the attack's author
            for prep in ("in", "by", "during"):
                for o in _prep_objects(trig, prep):
                    head = o
                    nxt = o.doc[o.i + 1] if o.i + 1 < len(o.doc) else None
                    if nxt is not None and nxt.tag_ == "VBG" and nxt.head.i in (o.i, trig.i) and _lookup(matcher.p.nouns, nxt):
                        head = nxt  # "killed in Israeli tank shelling": the parser read the noun as a verb
                    if head.pos_ == "NOUN" and _lookup(matcher.p.nouns, head) or head is not o:
                        span = o.doc[o.left_edge.i : head.i + 1]
                        actor = _safe_code(span)
                        if actor is not None and actor.code:
                            sources = [Arg(o, actor.code, None, (span.start_char, span.end_char))]
                            break
                if sources:
                    break
            if not sources and code[:2] in _PLACE_TARGET_ROOTS:
                # "a mortar bomb was fired at Israel from the Gaza Strip": fired from a place
                for o in _prep_objects(trig, "from"):
                    arg = _place_arg(o, ctx)
                    if arg is not None:
                        sources = [arg]
                        break
        if not any(_has_country(a.code) for a in sources) and cand.sense.kind == "verb":
            # bare group nouns ("forces captured ...") inside a framing national operation
            subj = _subjects(cand.trigger)
            country = _frame_country(cand.trigger, ctx) if subj else None
            if country:
                framed = []
                for s in subj:
                    a = _safe_code(s.doc[s.left_edge.i : s.i + 1])
                    if a is not None and a.sector and not a.country:
                        framed.append(Arg(s, country + a.sector, None, (s.left_edge.idx, s.idx + len(s))))
                sources = framed or sources
        if code[:2] in ("18", "19", "20") and cand.sense.kind == "verb":
            subj = [t for t in trig.children if t.dep_ in ("nsubj", "nsubjpass", "agent")] or _subjects(trig)
            if any(_is_form(t, matcher.p.natural_causes) for t in subj):
                continue  # "floods killing 11 people": no actor, no event
        targets = [a for a in cand.targets if sent.start <= a.token.i < sent.end]
        sources = [a for a in sources if sent.start <= a.token.i < sent.end]
        if not sources and not targets:
            continue
        if cand.sense.inverse:
            # "received weapons from X": X is the one who acts
            sources, targets = targets, sources
        pairs: list[tuple[Optional[Arg], Optional[Arg]]] = []
        if not targets and cand.sense.reciprocal and len(sources) < 2 and code[:2] == "04":
            continue  # "the cabinet will meet next month": one party meeting is no event between actors
        if not targets and cand.sense.reciprocal and len(sources) > 1:
            for a in sources:
                for b in sources:
                    if a is not b and (a.code != b.code or a.span != b.span):
                        pairs.append((a, b))
        else:
            for a in sources or [None]:
                kept = 0
                for b in targets or [None]:
                    if a is not None and b is not None and (a.span == b.span or (a.entity and a.entity == b.entity)):
                        continue  # an actor acting on itself is a coding error ("Iran ... its war")
                    if (
                        cand.sense.place_target and a is not None and b is not None and a.code and b.code
                        and ((b.code == a.code[:3] and b.token.ent_type_ in _PLACE_LABELS) or b.code == a.code)
                    ):
                        continue  # a place in one's own country is where, not whom ("attended a summit in Texas")
                    kept += 1
                    pairs.append((a, b))
                    if cand.sense.mirror and a is not None and b is not None and cand.mutual:
                        pairs.append((b, a))  # "X clashed with Y": both act
                if not kept and a is not None and not (cand.sense.needs in ("target", "country_target") and cand.sense.place_target):
                    pairs.append((a, None))
        date, date_source, time_id = _date_for(document, sent, trig)
        location = _location_for(sent, trig, cand.extra_tokens)
        claim = _claim_verb(trig) if code[:2] in _ACCUSABLE_ROOTS and status in ("reported", "alleged") else None
        accused: set[int] = set()
        attribution = set(patterns().selection.get("attribution_nouns", []))
        owning = _responsibility_verbs()
        owner = _claim_verb(trig, set(owning)) if code[:2] in _ACCUSABLE_ROOTS else None
        if owner is not None:
            # "The US claimed that they had attacked Iraq", "X denied that its troops shelled Y": a
            # party owning or disowning its own act is CAMEO's claim (015) or denial (016) of
            # responsibility, aimed at the act's target; the act itself is that party's claim.
            own_code = next(c for w, c in owning.items() if _is_form(owner, (w,)))
            for spk in matcher._args(_subjects(owner)):
                for src, tgt in pairs:
                    if src is None or id(src) in accused:
                        continue
                    own = (src.code and src.code == spk.code) or (spk.entity and spk.entity == src.entity) or any(
                        c.dep_ == "poss" and c.pos_ == "PRON" for c in src.token.children
                    )
                    if own:
                        derived.append((spk, tgt, owner, own_code, _status(owner, []), date, date_source, time_id, location))
                        accused.add(id(src))
            pairs = [(a, b) for a, b in pairs if a is None or id(a) not in accused]
        if claim is not None:
            # "The US said that ISIL had attacked Iraq": saying another actor used force is an accusation
            speakers = [a for a in matcher._args(_subjects(claim)) if sent.start <= a.token.i < sent.end]
            for spk in speakers:
                if not _has_country(spk.code) or _is_form(spk.token, attribution):
                    continue  # "..., Thai military sources said": a news source reports, a party accuses
                for src, _ in pairs:
                    if src is None or not src.code or spk.code == src.code or (spk.entity and spk.entity == src.entity):
                        continue
                    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in src.token.children):
                        continue  # "X said its fighters killed ...": a claim of responsibility, not an accusation
                    if spk.code[:3] == src.code[:3] and len(src.code) == 3:
                        continue  # "Peru's government said Peru ...": the same actor, told apart only by sector
                    derived.append((spk, src, claim, "112", "reported", date, date_source, time_id, location))
                    accused.add(id(src))
            # CAMEO codes what a party says another party did as its accusation (112), not as
            # the act itself: the act is that party's claim. Only the accusation is kept.
            pairs = [(a, b) for a, b in pairs if a is None or id(a) not in accused]
        coded = [(a, b, code, info) for a, b in pairs]
        if cand.sense.paired and cand.sense.paired in table:
            # CAMEO's paired events: "X received Y" is X hosting (043) and Y visiting (042)
            coded += [(b, a, cand.sense.paired, table[cand.sense.paired]) for a, b in pairs if a is not None and b is not None]
        for src, tgt, ev_code, ev_info in coded:
            points = [trig.idx, trig.idx + len(trig)]
            for a in (src, tgt):
                if a is not None:
                    points += [a.span[0], a.span[1]]
            start = max(sent.start_char, min(points))
            end = min(sent.end_char, max(points))
            key = (src.code if src else None, tgt.code if tgt else None, ev_code, trig.i)
            if key in seen:
                continue
            seen.add(key)
            q = document.quote_at(start, end)
            ev_status = status
            if q is not None and ev_status == "reported":
                qstatus = document.quotes[q].status
                ev_status = patterns().modality.get("quote_status", {}).get(qstatus, "reported")
            events.append(
                Event(
                    source=src.code if src else None,
                    source_entity=src.entity if src else None,
                    source_span=src.span if src else None,
                    target=tgt.code if tgt else None,
                    target_entity=tgt.entity if tgt else None,
                    target_span=tgt.span if tgt else None,
                    code=ev_code,
                    root=ev_code[:2],
                    plover=ev_info.plover,
                    goldstein=ev_info.goldstein,
                    trigger=trig.text,
                    trigger_span=(trig.idx, trig.idx + len(trig)),
                    date=date,
                    date_source=date_source,
                    time=time_id,
                    location=location,
                    status=ev_status,
                    quote=q,
                    section=document.section_kind_at(start),
                    sentence=sent.text.strip(),
                    span=(start, end),
                )
            )
    # statements about another act: accusations (112), claims (015) and denials (016) of it
    for spk, other, verb, code, status, date, date_source, time_id, location in derived:
        key = (spk.code, other.code if other else None, code, verb.i)
        if key in seen:
            continue
        seen.add(key)
        info = table[code]
        points = [spk.span[0], spk.span[1], verb.idx, verb.idx + len(verb)] + (list(other.span) if other else [])
        start, end = max(sent.start_char, min(points)), min(sent.end_char, max(points))
        events.append(
            Event(
                source=spk.code, source_entity=spk.entity, source_span=spk.span,
                target=other.code if other else None, target_entity=other.entity if other else None,
                target_span=other.span if other else None,
                code=code, root=code[:2], plover=info.plover, goldstein=info.goldstein,
                trigger=verb.text, trigger_span=(verb.idx, verb.idx + len(verb)),
                date=date, date_source=date_source, time=time_id, location=location,
                status=status, quote=document.quote_at(start, end),
                section=document.section_kind_at(start), sentence=sent.text.strip(), span=(start, end),
            )
        )
    return events


_ACCUSABLE_ROOTS = ("18", "19", "20")
_FORCE_ROOTS = ("18", "19", "20")
# Force used on a place is used on the country it belongs to ("shelled Donetsk" -> UKR).
_PLACE_TARGET_ROOTS = ("18", "19", "20")


@cache
def _responsibility_verbs() -> dict[str, str]:
    return dict(patterns().selection.get("responsibility_verbs", {}))


def _claim_verb(tok: Token, words: Optional[set[str]] = None) -> Optional[Token]:
    """The speech or allegation verb (or one of ``words``) whose clause reports ``tok``
    ("said that X attacked")."""
    p = patterns()
    cur = tok
    for _ in range(3):
        if cur.dep_ == "conj" and cur.head.pos_ in ("VERB", "AUX"):
            cur = cur.head
            continue
        break
    if cur.dep_ != "ccomp":
        return None
    head = cur.head
    claims = words if words is not None else p.speech_verbs | set(p.modality.get("alleging_verbs", []))
    return head if _is_form(head, claims) else None


@stage("events", requires=('parse', 'sections', 'entities', 'times', 'quotes', 'dateline'), assigns=('events',))
def run(document: Document, parse: Parse) -> None:
    """Fill ``document.events`` from the parse (an empty list when nothing is codable)."""
    parsed = parse.doc
    ctx = _Context(document, parsed)
    events: list[Event] = []
    for sent in _segments(parsed):
        if len(sent) > _MAX_SENT_TOKENS or not sent.text.strip():
            continue
        try:
            events.extend(code_sentence(document, ctx, sent))
        except RecursionError:  # pathological parses: skip the sentence, never the document
            continue
    _dateline_countries(document, parsed, events)
    document.events = events


def _dateline_countries(document: Document, parsed: Doc, events: list[Event]) -> None:
    """Wire convention: an actor named only by its sector ("police", "the military",
    "protesters") in a story datelined in one country is that country's ("NAIROBI -- Police
    fired ..." -> KENCOP). Recorded in ``inferred``; not for people located somewhere ("UN
    officials in Nairobi"), organizations, or an event with no dateline country."""
    home = actors.dateline_country(document.dateline)
    if not home:
        return
    p = patterns()
    for ev in events:
        for role in ("source", "target"):
            code, span = getattr(ev, role), getattr(ev, role + "_span")
            if not code or _has_country(code) or span is None:
                continue
            phrase = parsed.char_span(span[0], span[1], alignment_mode="expand")
            if phrase is None or phrase.root.pos_ == "PRON":
                continue
            if _is_form(phrase.root, p.located_people) and any(
                c.dep_ == "prep" and c.lower_ in p.location_preps for c in phrase.root.children
            ):
                continue  # "relief officials in Nairobi": where they are posted, not whose they are
            if phrase.root.tag_ in ("NNS", "NNPS") and _lemma(phrase.root) in _POLITY_NOUNS:
                continue  # "the two governments", "both sides": more than one country
            setattr(ev, role, home + code)
            ev.inferred.append(f"{role} country from the dateline")


def _segments(parsed: Doc) -> Iterable[Span]:
    """spaCy's sentences, split again at line breaks: a heading or bullet glued to the next
    paragraph by the sentence splitter is its own unit (own date, own actors)."""
    for sent in sentences(parsed):
        start = sent.start
        for tok in sent:
            if (tok.is_space and "\n" in tok.text) or "\n" in tok.whitespace_:
                end = tok.i if tok.is_space else tok.i + 1
                if end > start:
                    yield parsed[start:end]
                start = tok.i + 1
        if sent.end > start:
            yield parsed[start : sent.end]
