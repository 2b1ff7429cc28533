"""Actor coding: a phrase in the news becomes a CAMEO-style actor (country + sector).

``code_span(span)`` codes a spaCy span in its sentence: the span's own words and the
modifiers around it (titles, appositions, demonyms). Three sources of knowledge:

* countries, their names, demonyms and capitals from maintained data (``countryinfo``,
  ``pycountry``);
* the lexicon in ``data/actors.toml``: role words -> sector, seats of power, aliases;
* the parse: which words modify the phrase, and whether a place name acts or speaks
  (metonymy: "Moscow has condemned" is Russia's government; "in Moscow" is a place).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Iterable, Optional

from spacy.tokens import Span, Token

from storyline.data import load
from storyline.textutil import doc_text, fold


@dataclass(frozen=True)
class Actor:
    country: Optional[str] = None
    sector: Optional[str] = None
    role: Optional[str] = None
    code_override: Optional[str] = None  # IGOs and seats carry a full code of their own

    @property
    def code(self) -> Optional[str]:
        if self.code_override:
            return self.code_override
        if not self.country and not self.sector:
            return None
        return (self.country or "") + (self.sector or "")


@dataclass(frozen=True)
class Role:
    words: tuple[str, ...]
    sector: Optional[str]  # the sector the code uses (primary); None for an office with no default
    kind: str  # the lexicon section it came from (DIP for ambassador, OFFICE for "spokesman")


@dataclass
class Lexicon:
    countries: dict[str, str]  # folded country name -> ISO3
    demonyms: dict[str, str]
    capitals: dict[str, str]
    roles: dict[tuple[str, ...], Role]
    max_role_len: int
    seats: dict[str, str]
    igos: dict[str, str]
    ambiguous: frozenset[str]
    common_words: frozenset[str]
    groups: dict[str, str]
    location_words: frozenset[str]
    war_words: frozenset[str] = frozenset()
    base_words: frozenset[str] = frozenset()


@cache
def lexicon() -> Lexicon:
    import pycountry
    from countryinfo import all_countries

    data = load("actors.toml")
    countries: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    capitals: dict[str, str] = {}
    demonym_pop: dict[str, list[tuple[int, str]]] = {}
    for c in all_countries():
        info = c.info()
        iso3 = (info.get("ISO") or {}).get("alpha3")
        if not iso3:
            continue
        names = [info.get("name") or ""] + [s for s in info.get("altSpellings") or [] if len(s) > 3]
        for n in names:
            countries.setdefault(fold(n), iso3)
        if info.get("demonym"):
            demonym_pop.setdefault(fold(info["demonym"]), []).append((int(info.get("population") or 0), iso3))
        cap = info.get("capital")
        if isinstance(cap, str) and cap:
            capitals.setdefault(fold(cap), iso3)
            capitals.setdefault(fold(cap.split(",")[0].replace(" D.C.", "").replace(" DC", "")), iso3)
    # A demonym shared by several countries and territories ("French", "Chinese") is the most
    # populous one's when it dwarfs the rest (50x); otherwise ("Congolese") it is ambiguous.
    shared: set[str] = set()
    for key, pops in demonym_pop.items():
        pops.sort(reverse=True)
        if len(pops) > 1 and pops[0][0] < 50 * max(pops[1][0], 1):
            shared.add(key)
        else:
            demonyms[key] = pops[0][1]
    for rec in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            n = getattr(rec, attr, None)
            if n:
                countries.setdefault(fold(n), rec.alpha_3)
    for k, v in data.get("country_aliases", {}).items():
        countries[fold(k)] = v
    for k, v in data.get("demonym_aliases", {}).items():
        demonyms[fold(k)] = v
    ambiguous = frozenset(fold(n) for n in data.get("ambiguous", {}).get("names", []))
    ambiguous |= frozenset(shared)

    roles: dict[tuple[str, ...], Role] = {}
    for kind, entry in data.get("sectors", {}).items():
        primary = entry.get("primary", kind)
        for r in entry.get("roles", []):
            words = tuple(fold(r).split())
            roles.setdefault(words, Role(words, primary, kind))
    for office, default in data.get("offices", {}).items():
        words = tuple(fold(office).split())
        roles.setdefault(words, Role(words, default or None, "OFFICE"))
    return Lexicon(
        countries=countries,
        demonyms=demonyms,
        capitals=capitals,
        roles=roles,
        max_role_len=max(len(w) for w in roles),
        seats={fold(k): v for k, v in data.get("seats", {}).items()},
        igos={fold(k): v for k, v in data.get("igos", {}).items()},
        ambiguous=ambiguous,
        common_words=frozenset(fold(w) for w in data.get("ambiguous", {}).get("common_words", [])),
        groups={fold(k): v for k, v in data.get("groups", {}).items()},
        location_words=frozenset(data.get("location", {}).get("words", []))
        | frozenset(data.get("affiliation", {}).get("words", [])),
        war_words=frozenset(data.get("wars", {}).get("words", [])),
        base_words=frozenset(data.get("location", {}).get("words", [])),
    )


@lru_cache(maxsize=131072)
def name_key(name: str) -> str:
    """The lexicon key of a name: folded, without a leading "the" or a possessive."""
    key = fold(name)
    if key.startswith("the "):
        key = key[4:]
    if key.endswith("'s"):
        key = key[:-2]
    return key.rstrip("'")


def _acronym_ok(key: str, original: str) -> bool:
    """Short codes ('US', 'UN', 'WHO', 'EU') count only when written in capitals."""
    if len(key) > 4:
        return True
    word = original.strip()
    if len(key) == 4 and word[:1].isupper() and word[1:].isalpha() and word[1:].islower():
        return True  # four-letter names written as names: Iran, Iraq, Cuba, Chad, Peru, Oman
    letters = [c for c in original if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def country_of(name: str) -> Optional[str]:
    """ISO 3166 alpha-3 for a country name, demonym, capital or seat of power, else None."""
    lex = lexicon()
    key = name_key(name)
    if not key:
        return None
    if key in lex.ambiguous:
        return None
    if key in lex.common_words and not re.sub(r"^(?:the|The)\s+", "", name.strip())[:1].isupper():
        return None
    for table in (lex.countries, lex.demonyms, lex.capitals):
        if key in table and _acronym_ok(key, name):
            return table[key]
    if key.endswith("s") and key[:-1] in lex.demonyms:  # "Russians", "Venezuelans"
        return lex.demonyms[key[:-1]]
    seat = lex.seats.get(key)
    return seat[:3] if seat else None


def is_capital(name: str) -> bool:
    return name_key(name) in lexicon().capitals


def seat_code(name: str) -> Optional[str]:
    return lexicon().seats.get(name_key(name))


def igo_code(name: str) -> Optional[str]:
    """The code of an international organisation or a named armed group, else None."""
    key = name_key(name)
    lex = lexicon()
    code = lex.igos.get(key) or lex.groups.get(key)
    return code if code and _acronym_ok(key, name.replace("the ", "")) else None


# ---------------------------------------------------------------------------------------
# Phrase coding over the parse
# ---------------------------------------------------------------------------------------

_MODIFIER_DEPS = {"compound", "amod", "nmod", "poss", "det", "nummod", "npadvmod", "prep", "pobj", "case", "punct", "cc", "conj", "quantmod"}
_AGENT_DEPS = {"nsubj", "nsubjpass", "poss"}


def role_matches(words: list[str]) -> list[tuple[int, int, Role]]:
    """Every (start, end, role) where a lexicon role matches the folded word list, longest first."""
    lex = lexicon()
    out = []
    i = 0
    while i < len(words):
        for n in range(min(lex.max_role_len, len(words) - i), 0, -1):
            role = lex.roles.get(tuple(words[i : i + n]))
            if role:
                out.append((i, i + n, role))
                i += n
                break
        else:
            i += 1
    return out


def phrase_tokens(span: Span) -> list[Token]:
    """The span, its left modifiers (titles, demonyms) and an apposition it stands in.

    "Russian Ambassador to Venezuela Sergei X" -> the whole phrase;
    "his vice president, Delcy R." -> "his vice president" + the name;
    "Samuel Otieno, a police spokesman" -> the name + "a police spokesman".
    """
    root = span.root
    toks: set[int] = {t.i for t in span}
    heads = [root]
    if root.dep_ == "appos" and root.head.pos_ in ("NOUN", "PROPN"):
        heads.append(root.head)
        toks.add(root.head.i)
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            toks.update(t.i for t in child.subtree if t.dep_ != "relcl" and t.i > root.i)
    for head in heads:
        for child in head.lefts:
            if child.dep_ in _MODIFIER_DEPS:
                toks.update(t.i for t in child.subtree)
        # "Ambassador to Venezuela": a prep after a title belongs to the title
        for child in head.rights:
            if child.dep_ == "prep" and child.i < span.start:
                toks.update(t.i for t in child.subtree)
    doc = span.doc
    return [doc[i] for i in sorted(toks)]


def _destination_tokens(tokens: list[Token]) -> set[int]:
    """Tokens that name where or whose ally, not whose: "to X" / "in X" attached to a title
    ('Ambassador to Venezuela' is Russian), "X-based" ('a UK-based group' is not British) and
    "X-backed" ('an Al Qaeda-linked group' is not Al Qaeda)."""
    out: set[int] = set()
    located = lexicon().location_words
    for t in tokens:
        if t.dep_ == "prep" and t.lower_ in ("to", "in", "at", "for"):
            out.update(s.i for s in t.subtree)
        if t.lower_ in located and t.i >= 2 and t.doc[t.i - 1].text in ("-", "\u2011", "\u2010"):
            out.update(range(t.doc[t.i - 2].left_edge.i, t.i + 1))
        if t.dep_ == "compound" and t.head.lower_ in lexicon().war_words and t.head.i == t.i + 1:
            out.add(t.i)  # "a Vietnam veteran": the war, not the nationality
    return out


class _Chunks:
    """The texts of runs of adjacent tokens among ``toks`` (in order), sliced from the
    document's text: no span is built for each word group tried."""

    def __init__(self, toks: list[Token]):
        self.text = doc_text(toks[0].doc) if toks else ""
        self.starts = [t.idx for t in toks]
        self.ends = [t.idx + len(t) for t in toks]
        self.run: list[int] = []  # tokens i and j are adjacent words iff run[i] == run[j]
        r = 0
        for j, t in enumerate(toks):
            if j and t.i != toks[j - 1].i + 1:
                r += 1
            self.run.append(r)

    def text_of(self, i: int, n: int) -> Optional[str]:
        """The text of tokens ``i .. i+n-1``, or None unless they are adjacent in the document."""
        j = i + n - 1
        if j >= len(self.run) or self.run[i] != self.run[j]:
            return None
        return self.text[self.starts[i]:self.ends[j]]


def _country_in(tokens: Iterable[Token], skip: set[int]) -> Optional[str]:
    """The country named by demonyms or country names among ``tokens`` (nearest to the head last)."""
    found = None
    toks = [t for t in tokens if t.i not in skip]
    chunks = _Chunks(toks)
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.pos_ in ("PROPN", "ADJ", "NOUN") or t.ent_type_ in ("GPE", "NORP"):
            # try up to three-word names: "United States", "South Korean"
            for n in (3, 2, 1):
                text = chunks.text_of(i, n)
                if text is None:
                    continue
                c = country_of(text)
                if c:
                    found = c
                    i += n - 1
                    break
        i += 1
    return found


BASE_CITY_POPULATION = 100_000  # "a Lagos-based group": a city this large names its country


def _base_country(tokens: list[Token]) -> Optional[str]:
    """The country of the place in an "X-based" modifier ("a Pakistan-based group", "a
    Dubai-based firm"): where the actor sits, its country when the phrase names no other
    ("the London-based Syrian Observatory" stays Syrian: the caller asks only then)."""
    from storyline.lexicon.gazetteer import lookup_place

    based = lexicon().base_words
    for t in tokens:
        if t.lower_ in based and t.i >= 2 and t.doc[t.i - 1].text in ("-", "\u2011", "\u2010"):
            name = t.doc[t.doc[t.i - 2].left_edge.i : t.i - 1].text
            country = country_of(name)
            if not country:
                place = lookup_place(name, min_population=BASE_CITY_POPULATION)
                country = place.country if place is not None else None
            if country:
                return country
    return None


def _igo_in(tokens: list[Token], skip: set[int]) -> Optional[str]:
    """An international organisation named among the phrase's words ("UN", "European Union")."""
    toks = [t for t in tokens if t.i not in skip]
    chunks = _Chunks(toks)
    for n in (5, 4, 3, 2, 1):
        for i in range(len(toks) - n + 1):
            text = chunks.text_of(i, n)
            if text is None:
                continue
            code = igo_code(text)
            if code:
                return code
    return None


def is_metonymic(span: Span) -> bool:
    """A place name acting or speaking ('Moscow said', 'Tehran's response', 'condemned by Beijing')."""
    root = span.root
    dep = root.dep_
    while dep == "conj":
        root = root.head
        dep = root.dep_
    if dep in _AGENT_DEPS:
        return True
    if dep == "pobj" and root.head.dep_ == "agent":
        return True
    return dep == "pobj" and root.head.lower_ == "by"


def code_span(span: Span) -> Optional[Actor]:
    """The actor a span names, or None when nothing in it or around it is codable."""
    text = span.text
    key = name_key(text)
    if not key:
        return None
    igo = igo_code(text)
    if igo:
        return Actor(code_override=igo)
    seat = seat_code(text)
    if seat:
        return Actor(country=seat[:3], sector=seat[3:] or None)

    tokens = phrase_tokens(span)
    skip = _destination_tokens(tokens)
    matches = role_matches([fold(t.text) for t in tokens]) or role_matches([fold(t.lemma_) for t in tokens])
    matches = [m for m in matches if tokens[m[0]].i not in skip]
    role: Optional[Role] = None
    role_text = None
    sector: Optional[str] = None
    if matches:
        # the title closest to the name (or the one containing the head noun)
        root_pos = next((k for k, t in enumerate(tokens) if t.i == span.root.i), len(tokens) - 1)

        def distance(m):
            s, e, _ = m
            return 0 if s <= root_pos < e else min(abs(root_pos - s), abs(root_pos - (e - 1)))

        start, end, role = min(matches, key=distance)
        sector = role.sector
        if role.kind == "OFFICE":
            # "union president", "commission chairperson", "the ministry's spokesman"
            body = [m for m in matches if m[1] <= start and all(t.tag_ == "POS" for t in tokens[m[1]:start])]
            if body:
                start = body[-1][0]
                sector = body[-1][2].sector
            elif _country_in(tokens[:start], skip):
                sector = "GOV"
        role_text = " ".join(t.text for t in tokens[start:end] if t.tag_ != "POS").lower()

    country = _country_in(tokens, skip) or _base_country(tokens)
    igo = _igo_in(tokens, skip)
    if igo:
        # "UN troops" -> IGOUNOMIL, "UN inspectors" -> IGOUNO
        stacked = igo + sector if sector and sector != "GOV" and igo.startswith("IGO") and not igo.endswith(sector) else igo
        return Actor(country=None, sector=sector, role=role_text, code_override=stacked)
    # A capital or seat standing for its government.
    if span.label_ in ("GPE", "LOC", "FAC", "ORG", "") and sector is None and is_capital(text) and is_metonymic(span):
        sector = "GOV"
    if country is None and sector is None and role_text is None:
        return None
    return Actor(country=country, sector=sector, role=role_text)


# ---------------------------------------------------------------------------------------
# Known office holders (data/people.toml)
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    role: str
    code: str
    start: str
    end: Optional[str]


@dataclass(frozen=True)
class Person:
    name: str
    country: str
    terms: tuple[Term, ...]

    def actor_on(self, date: Optional[str]) -> Actor:
        """The person's actor code on ``date`` (YYYY-MM-DD...), or in their last office if None."""
        def actor(term: Term, role: Optional[str] = None) -> Actor:
            role = role or term.role
            if term.code.startswith("IGO"):
                return Actor(country=self.country, role=role, code_override=term.code)
            return Actor(country=term.code[:3], sector=term.code[3:] or None, role=role)

        if not self.terms:
            return Actor(country=self.country)
        if not date:
            return actor(self.terms[-1])
        day = date[:10]
        for term in self.terms:
            if term.start <= day and (term.end is None or day < term.end):
                return actor(term)
        before = [t for t in self.terms if t.start <= day]
        if not before:
            return Actor(country=self.country)
        last = before[-1]
        return Actor(country=self.country, sector="ELI", role=f"former {last.role}")


@cache
def people() -> dict[str, Person]:
    """Folded name or alias -> the person, from data/people.toml."""
    index: dict[str, Person] = {}
    for entry in load("people.toml").get("people", []):
        terms = tuple(
            Term(t["role"], t["code"], str(t["from"]), str(t["to"]) if t.get("to") else None)
            for t in sorted(entry.get("terms", []), key=lambda t: str(t["from"]))
        )
        person = Person(entry["name"], entry["country"], terms)
        for name in [entry["name"], *entry.get("aliases", [])]:
            index.setdefault(fold(name), person)
    return index


def known_person(name: str) -> Optional[Person]:
    return people().get(name_key(name))


def dateline_country(dateline: Optional[str]) -> Optional[str]:
    """The one country a dateline names ("NAIROBI (Kenya)", "KUCHING, Malaysia, March 4"), if one."""
    if not dateline:
        return None
    found = {country_of(part.strip()) for part in re.split(r"[,/()|]+", dateline) if part.strip()}
    found.discard(None)
    return found.pop() if len(found) == 1 else None
