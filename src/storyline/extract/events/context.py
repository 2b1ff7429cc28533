"""Coding a token as an actor: the noun phrase it heads, read by :mod:`storyline.lexicon.actors`
and completed from the document's entities, an apposed name, a possessive owner, the group
it is part of, or the author of the document that speaks (:class:`Context`)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache
from typing import Optional

from spacy.tokens import Doc, Span, Token

from storyline.data import load
from storyline.extract.docindex import ent_at
from storyline.extract.events import pronouns
from storyline.extract.events.patterns import patterns
from storyline.extract.events.records import Arg
from storyline.extract.events.syntax import PLACE_LABELS, agent, is_form, lemma, pobjs, prep_objects
from storyline.extract.events.words import words
from storyline.lexicon import actors, names
from storyline.textutil import fold
from storyline.lexicon.gazetteer import lookup_place
from storyline.extract.coref import Coreference
from storyline.model import Document

_HYPHENS = {"-", "\u2010", "\u2011"}


@cache
def _sector_codes() -> frozenset[str]:
    secs = load("actors.toml").get("sectors", {})
    return frozenset(secs) | frozenset(v.get("primary", k) for k, v in secs.items())


def has_country(code: Optional[str]) -> bool:
    """An actor code that starts with a country (or IGO), not a bare sector ("COP")."""
    return bool(code) and code[:3] not in _sector_codes()


def safe_code(span: Span):
    """The actor :func:`storyline.lexicon.actors.code_span` reads in ``span``, or None."""
    try:
        return actors.code_span(span)
    except Exception as exc:  # actor coding must never take the stage down, but a failure is a bug: say so
        logging.getLogger("storyline").warning("actor coding failed on %r: %s", span.text[:80], exc)
        return None


@dataclass
class _Phrase:
    """What is known so far of the actor a noun phrase names."""

    code: Optional[str]
    country: Optional[str]
    sector: Optional[str]
    ent: object  # the document entity, if any
    start: int
    end: int
    override: bool  # the actor lexicon fixed the code: nothing else may change it


def _noun_phrase(tok: Token) -> Span:
    """The words of the phrase ``tok`` heads, up to ``tok``: its left modifiers, without
    leading space (a blanked dateline), punctuation and quotes."""
    doc = tok.doc
    left = tok.left_edge.i
    while left >= 2 and doc[left - 1].text in _HYPHENS and not doc[left - 1].whitespace_ and not doc[left - 2].whitespace_:
        left = doc[left - 2].left_edge.i  # one hyphenated word the parser split: "al-Shabab"
    while left < tok.i and (doc[left].is_space or doc[left].is_punct or not doc[left].text.strip()):
        left += 1
    return doc[left : tok.i + 1]


class Context:
    """The document being coded and its parse; codes tokens as actors, once each."""

    def __init__(self, document: Document, parsed: Doc):
        self.document = document
        self.parsed = parsed
        self._cache: dict[int, Optional[Arg]] = {}
        self._coref: Optional[Coreference] = None

    def entity_for(self, start: int, end: int):
        return self.document.entity_at(start, end)

    def resolve_pronoun(self, tok: Token) -> Optional[Arg]:
        return pronouns.resolve(tok, self.coref, self.code_token)

    @property
    def coref(self) -> Coreference:
        """The shared resolver of references back, built once per document when first asked."""
        if self._coref is None:
            self._coref = Coreference(self.document, self.parsed)
        return self._coref

    def code_token(self, tok: Token, depth: int = 0) -> Optional[Arg]:
        """The actor ``tok`` names (cached per token: the first coding of a token is its coding)."""
        if tok.i in self._cache:
            return self._cache[tok.i]
        arg = self._code_token(tok, depth)
        self._cache[tok.i] = arg
        return arg

    def _code_token(self, tok: Token, depth: int) -> Optional[Arg]:
        if (tok.pos_ == "PRON" or tok.tag_ in ("PRP", "PRP$")) and not _named_actor(tok):
            return self.resolve_pronoun(tok)
        np = _noun_phrase(tok)
        actor = safe_code(np)
        named = _igo_name(tok) if (actor is None or not actor.code_override) and tok.pos_ == "PROPN" else None
        if named:
            actor = actors.Actor(code_override=named[0])
            np = tok.doc[np.start : max(np.end, named[1])]
        ph = _Phrase(
            code=actor.code if actor else None,
            country=actor.country if actor else None,
            sector=actor.sector if actor else None,
            ent=self.entity_for(tok.idx, tok.idx + len(tok)),
            start=np.start_char,
            end=np.end_char,
            override=bool(actor and actor.code_override),
        )
        ent = ph.ent
        if ent is not None and ent.actor and not named and (not ph.country or actor is None or actor.code_override is None):
            if not ph.country or (ph.sector is None and ent.actor.startswith(ph.country or "")):
                ph.code = ent.actor
                ph.country = ent.actor[:3]
        if not ph.country and not ph.override:
            self._from_apposition(tok, ph)
        if not ph.country and not ph.override:
            self._from_modifier(tok, ph)
        if not ph.country and not ph.override and ph.sector and depth < 2:
            self._from_owner(tok, ph)
        if not ph.country and not ph.override and depth < 2:
            self._from_whole(tok, ph, depth)
        if not ph.code:
            self._from_named_igo(tok, ph)
        if not ph.code and _is_people(tok):
            # "Sunni Bedouins", "the Druze minority": a community with no country of its own
            # named is civilians, whose country the home-country convention gives (dateline.py)
            ph.code, ph.sector = "CVL", "CVL"
        if not ph.code and depth < 2 and tok.dep_ == "nsubj" and is_form(tok, patterns().document_nouns):
            # a document that speaks ("a report released in Kigali alleged") speaks for its author
            author = self._document_author(tok, depth)
            if author is not None:
                return author
        ent_id = ph.ent.id if ph.ent is not None else None
        if not ph.code:
            # an actor we cannot code ("Jewish settlers", "Boko Haram") is still the one who acted:
            # keep its words (source_span/target_span) with no code
            if is_actorish(tok):
                return Arg(tok, None, ent_id, (ph.start, ph.end))
            return None
        return Arg(tok, ph.code, ent_id, (ph.start, ph.end))

    def _from_apposition(self, tok: Token, ph: _Phrase) -> None:
        """"his vice president, Delcy Rodriguez": the apposed name's entity knows the country."""
        for ap in [c for c in tok.children if c.dep_ == "appos"] + ([tok.head] if tok.dep_ == "appos" else []):
            ap_ent = self.entity_for(ap.idx, ap.idx + len(ap))
            if ap_ent is not None and ap_ent.actor and has_country(ap_ent.actor):
                ph.code, ph.country, ph.ent = ap_ent.actor, ap_ent.actor[:3], ap_ent
                return

    def _from_modifier(self, tok: Token, ph: _Phrase) -> None:
        """"Georgia's elections", "Mombasa police", "Trump's administration": a modifier the
        country tables cannot read (an ambiguous name, a town) whose document entity has a
        country. A place lends its country to any phrase; a person or organisation only to
        a body it heads (a phrase with a sector)."""
        for c in tok.children:
            if c.dep_ not in ("poss", "compound", "nmod") or c.i > tok.i:
                continue
            ent = self.entity_for(c.idx, c.idx + len(c))
            code = ent.actor if ent is not None else None
            if not code or not has_country(code) or code.startswith("IGO"):
                continue
            if c.ent_type_ not in PLACE_LABELS and not ph.sector:
                continue
            ph.code = code[:3] + (ph.sector or "")
            ph.country = code[:3]
            return

    def _from_named_igo(self, tok: Token, ph: _Phrase) -> None:
        """"the bloc", "the regional bloc", "the alliance": the organisation the story named
        last before it (an IGO entity; a named party of a story's NGO is not an alliance)."""
        if lemma(tok) not in words().actors.igo_nouns or not any(c.lower_ == "the" for c in tok.lefts):
            return
        best = None
        for ent in self.document.entities:
            if not ent.actor or not ent.actor.startswith("IGO"):
                continue
            for _, end in ent.mentions:
                if end <= tok.idx and (best is None or end > best[0]):
                    best = (end, ent)
        if best is not None:
            ph.code, ph.country, ph.ent, ph.override = best[1].actor, None, best[1], True

    def _from_owner(self, tok: Token, ph: _Phrase) -> None:
        """"its fighters", "his troops": the owner a possessive pronoun refers to lends its actor."""
        poss = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        owner = self.resolve_pronoun(poss) if poss is not None else None
        if owner is None or not owner.code:
            return
        if owner.code in actors.lexicon().groups.values():
            ph.code = owner.code  # a named group's fighters are the group
        elif owner.code.startswith("IGO"):
            ph.code = owner.code if owner.code.endswith(ph.sector) else owner.code + ph.sector
        elif has_country(owner.code):
            ph.code = owner.code[:3] + ph.sector
        ph.country = ph.code[:3] if ph.code and has_country(ph.code) else ph.country

    def _from_whole(self, tok: Token, ph: _Phrase, depth: int) -> None:
        """A country-less phrase ("elements within X", "officials of X"): code what it is part of."""
        p = patterns()
        preps = [c for c in tok.children if c.dep_ == "prep"]
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt.dep_ == "prep" and nxt.head.i == tok.head.i and is_form(tok, p.partitive):
            preps.append(nxt)  # "accused elements within the army of ...": prep misattached to the verb
        for c in preps:
            if lemma(c) in p.partitive_preps:
                if (
                    lemma(c) in p.location_preps and is_form(tok, p.located_people)
                    and any(o.ent_type_ in PLACE_LABELS for o in pobjs(c)[:1])
                ):
                    continue  # "relief officials in Nairobi": where they are, not whom they belong to
                for o in pobjs(c)[:1]:
                    sub = self.code_token(o, depth + 1)
                    if sub is not None and sub.code and depth < 2:
                        if ph.sector and sub.code[:3].isalpha() and not sub.code.startswith("IGO") and len(sub.code) >= 3:
                            ph.code = sub.code[:3] + ph.sector
                        elif lemma(tok) in p.partitive:
                            ph.code = sub.code
                        else:
                            continue
                        ph.end = max(ph.end, sub.span[1])
                        ph.ent = ph.ent or (self.document.entity(sub.entity) if sub.entity else None)
                        break
            if ph.code and ph.code[:3] != (ph.sector or ""):
                break

    def _document_author(self, doc_tok: Token, depth: int) -> Optional[Arg]:
        """Who speaks through a document: "a report by X", "a report released by X", else the
        country of the place it was released in ("a report released in the Rwandan capital")."""
        p = patterns()
        verbs = [c for c in doc_tok.children if c.dep_ == "acl" and is_form(c, p.publishing_verbs)]
        for holder in [doc_tok] + verbs:
            for by in prep_objects(holder, "by") + agent(holder):
                arg = self.code_token(by, depth + 1)
                if arg is not None and arg.code:
                    return arg
        for v in verbs:
            for prep in words().places.publication_preps:
                for o in prep_objects(v, prep):
                    place = place_arg(o, self)
                    if place is not None:
                        return Arg(doc_tok, place.code[:3], None, place.span)
                    for c in o.subtree:  # "in the Rwandan capital"
                        country = actors.country_of(c.text) if c.dep_ in ("amod", "compound", "poss") else None
                        if country:
                            return Arg(doc_tok, country, None, (c.idx, c.idx + len(c)))
        return None


def _igo_name(tok: Token) -> Optional[tuple[str, int]]:
    """The code of an organisation whose name runs past the head the parser chose: "Economic
    Community of West African States", "League of Arab States", or its acronym in
    parentheses ("... States (ECOWAS)"); with the token index where the name ends."""
    doc = tok.doc
    start = min([c.i for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [tok.i])
    spans = []
    heads = [tok]
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.i == tok.i + 1 and prep.lower_ in ("of", "for", "on"):
            for o in pobjs(prep)[:1]:
                spans.append(doc[start : o.i + 1])
                heads.append(o)
    for h in heads:
        for a in h.children:
            if a.dep_ == "appos" and 0 < a.i and doc[a.i - 1].text == "(":
                spans.append(doc[a.i : a.i + 1])
    for span in spans:
        code = actors.igo_code(span.text)
        if code:
            return code, span.end
    return None


def _is_people(tok: Token) -> bool:
    """``tok`` names a people, community or faith (names.toml ``peoples``), alone or as the
    modifier of a group noun ("the Druze", "Sunni Bedouins", "the Alawite community")."""
    peoples = names.word_set("peoples")
    if fold(tok.text) in peoples or fold(tok.lemma_) in peoples:
        return True
    return tok.lemma_ in ("community", "minority", "population") and any(
        fold(c.text) in peoples for c in tok.lefts if c.dep_ in ("amod", "compound")
    )


def _named_actor(tok: Token) -> bool:
    """A name the parser took for a pronoun ("ECOWAS condemned ...", "US said ..."): the
    actor lexicon knows it as written (capitals), so it is the name, not a pronoun."""
    return bool(actors.igo_code(tok.text) or actors.country_of(tok.text))


def is_actorish(tok: Token, depth: int = 0) -> bool:
    """``tok`` names a person, group or polity, coded or not."""
    p = patterns()
    if tok.ent_type_ in ("PERSON", "ORG", "NORP") or is_form(tok, p.human_nouns):
        return True
    if depth == 0 and is_form(tok, p.partitive):
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in words().actors.member_preps:
                if any(is_actorish(o, 1) for o in pobjs(c)):
                    return True
    if tok.ent_type_ == "GPE" and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "poss"):
        return True
    return any(c.ent_type_ in ("NORP", "GPE", "ORG") and c.dep_ in ("amod", "compound", "poss", "nmod") for c in tok.lefts)


def place_arg(tok: Token, ctx: Context) -> Optional[Arg]:
    """A place as the target of a visit or deployment: the country it is in ('visited Amman' -> JOR)."""
    if tok.ent_type_ in ("GPE", "LOC", "FAC"):
        ent = ent_at(tok)
        ents = [ent] if ent is not None else []
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


def split_modifiers(tok: Token, arg: Arg) -> list[Arg]:
    """'US and British activists' -> one actor per coordinated national modifier."""
    mods = [c for c in tok.lefts if c.dep_ in ("amod", "nmod", "compound") and any(x.dep_ == "conj" for x in c.children)]
    if not mods:
        return []
    if any(t.is_punct and t.text not in (",", "-") for t in tok.doc[mods[0].i : tok.i]):
        return []  # "Quito / Lima — Peru": a dateline, not "Ecuadorean and Peruvian"
    conj = [mods[0]] + [x for x in mods[0].conjuncts if x.dep_ == "conj"]
    countries = []
    for w in conj:
        c = actors.country_of(w.text)
        if not c:
            return []
        countries.append(c)
    if len(countries) < 2 or not arg.code:
        return []
    sector = arg.code[3:] if arg.code[:3] in countries else ""
    return [Arg(tok, c + sector, arg.entity, arg.span) for c in countries]
