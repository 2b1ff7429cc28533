"""One identity per actor across the documents of a story.

:func:`resolve` reads the entities of every document, and the speakers the quotes stage
could not tie to an entity ("Rodriguez told reporters", "Venezuela's acting president
said"), and gives each mention an :class:`~storyline.model.support.ActorLink` to one
actor. People are linked by these rules, strongest first (``docs/corroboration.md``):

1. the same full name, accents and dashes folded ("Delcy Rodríguez" = "Delcy Rodriguez"),
   or a name ``data/people.toml`` lists as one person's alias;
2. the same first and last names around a middle name ("María Corina Machado" = "María
   Machado");
3. a bare surname ("Rodríguez") joins the one full name in the story that ends in it, when
   no other full name does (two Rodríguezes with different first names: not merged) and
   country and role do not conflict;
4. a description with a role and a country ("Venezuela's acting president") joins the one
   person in the story who holds that role for that country; failing that, the one office
   holder ``data/people.toml`` lists for it on the document's date.

Anything else is its own actor. Places, organisations and groups are one actor per folded
name (a country under its ISO code: "US" = "United States"). Ids are deterministic: "a" and
a hash of the folded canonical name, type and country.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional, Sequence

from storyline.lexicon.actors import country_of, igo_code, people, role_matches
from storyline.model import Document, Entity
from storyline.model.support import ActorLink
from storyline.textutil import fold


@dataclass
class _Mention:
    doc: Document
    name: str
    span: tuple[int, int]
    type: str
    country: Optional[str]
    actor: Optional[str]
    role: Optional[str]
    entity_id: Optional[str] = None
    quote_index: Optional[int] = None
    aliases: tuple[str, ...] = ()


@dataclass
class _Group:
    kind: str  # person, role, other
    key: str
    mentions: list[tuple[_Mention, float, str]] = field(default_factory=list)
    known: Optional[str] = None  # people.toml name

    def add(self, m: _Mention, confidence: float, why: str) -> None:
        self.mentions.append((m, confidence, why))

    def countries(self) -> set[str]:
        return {m.country for m, _, _ in self.mentions if m.country}

    def roles(self) -> set[str]:
        return {fold(m.role) for m, _, _ in self.mentions if m.role}


def actor_id(canonical: str, type_: str, country: Optional[str]) -> str:
    raw = f"{fold(canonical)}|{type_}|{country or ''}"
    return "a" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]


def _words(name: str) -> list[str]:
    return [w for w in fold(name).replace("'s ", " ").split() if w]


def _proper(name: str) -> bool:
    """A printed proper name: every word capitalised, no role words ("Rodriguez", "Ana Ruiz")."""
    ws = name.replace("-", " ").split()
    return bool(ws) and all(w[:1].isupper() for w in ws) and not role_matches(_words(name))


def _role_of(name: str) -> Optional[tuple[str, str]]:
    """(role, country) of a description like "Venezuela's acting president", or None."""
    ws = _words(name)
    found = role_matches(ws)
    if not found:
        return None
    start, end, _ = found[-1]
    country = None
    for w in name.replace("'s", "").split():
        country = country_of(w.strip(",")) or country
    if country is None:
        return None
    return " ".join(ws[start:end]), country


def _mentions(docs: Sequence[Document]) -> list[_Mention]:
    out: list[_Mention] = []
    for doc in docs:
        for e in doc.entities:
            span = tuple(e.mentions[0]) if e.mentions else (0, 0)
            out.append(_Mention(doc, e.name, span, e.type, e.country, e.actor, e.role, entity_id=e.id, aliases=tuple(e.aliases)))
        for i, q in enumerate(doc.quotes):
            if q.speaker or not q.speaker_name or q.field != "text" or not q.speaker_span:
                continue
            inside = _entity_inside(doc, q.speaker_span)
            if inside is not None:  # "Venezuela's acting president Delcy Rodríguez said": the entity speaks
                span = tuple(inside.mentions[0])
                out.append(_Mention(doc, inside.name, span, "PERSON", inside.country, inside.actor, inside.role,
                                    entity_id=inside.id, quote_index=i, aliases=tuple(inside.aliases)))
                continue
            out.append(_Mention(doc, q.speaker_name, tuple(q.speaker_span), "PERSON", None, None, None, quote_index=i))
    return out


def _entity_inside(doc: Document, span) -> Optional[Entity]:
    for e in doc.entities:
        if e.type == "PERSON" and any(span[0] <= s and t <= span[1] for s, t in e.mentions):
            return e
    return None


def _roles_compatible(a: set[str], b: set[str]) -> bool:
    """No role on one side, or a role on each side where one's words contain the other's
    ("acting president" and "president")."""
    if not a or not b:
        return True
    return any(set(x.split()) <= set(y.split()) or set(y.split()) <= set(x.split()) for x in a for y in b)


def _person_groups(mentions: list[_Mention]) -> tuple[dict[str, _Group], list[_Mention], list[_Mention]]:
    """Full-name groups (rules 1-2), and the bare surnames and descriptions left for 3-4."""
    groups: dict[str, _Group] = {}
    bare: list[_Mention] = []
    described: list[_Mention] = []
    index = people()
    for m in mentions:
        if m.type != "PERSON":
            continue
        if m.quote_index is not None and not _proper(m.name):
            if _role_of(m.name):
                described.append(m)
            continue  # "officials", "witnesses": no actor
        ws = _words(m.name)
        person = index.get(fold(m.name))
        if person is not None:
            key = fold(person.name)
            g = groups.setdefault(key, _Group("person", key, known=person.name))
            same = fold(m.name) == key
            g.add(m, 1.0 if same else 0.95, "same name" if same else f"known person: printed form of {person.name}")
        elif len(ws) >= 2:
            key = " ".join(ws)
            g = groups.setdefault(key, _Group("person", key))
            g.add(m, 1.0, "same name")
        else:
            bare.append(m)
    _merge_middle_names(groups)
    return groups, bare, described


def _merge_middle_names(groups: dict[str, _Group]) -> None:
    """Rule 2: "maria corina machado" takes "maria machado" (same first and last names)."""
    for key in sorted(groups, key=lambda k: (-len(k.split()), k)):
        if key not in groups:
            continue
        ws = key.split()
        for other in sorted(groups):
            ow = other.split()
            if other == key or len(ow) >= len(ws) or ow[0] != ws[0] or ow[-1] != ws[-1]:
                continue
            g, o = groups[key], groups[other]
            if g.countries() and o.countries() and g.countries() != o.countries():
                continue
            for m, c, _ in o.mentions:
                g.add(m, min(c, 0.9), "same first and last names")
            del groups[other]


def _attach_surnames(groups: dict[str, _Group], bare: list[_Mention]) -> list[_Mention]:
    """Rule 3; returns the bare names that join no full name."""
    left: list[_Mention] = []
    for m in bare:
        word = fold(m.name).split()[-1] if fold(m.name) else ""
        candidates = [g for g in groups.values() if g.key.split()[-1] == word]
        if len(candidates) != 1:
            left.append(m)
            continue
        g = candidates[0]
        mc = {m.country} if m.country else set()
        mr = {fold(m.role)} if m.role else set()
        if (mc and g.countries() and not mc & g.countries()) or not _roles_compatible(mr, g.roles()):
            left.append(m)
            continue
        same_doc = any(x.doc is m.doc for x, _, _ in g.mentions)
        g.add(m, 0.9 if same_doc else 0.85, f"surname of the one {g.key.split()[-1].title()} in the story")
    return left


def _office_holder(role: str, country: str, doc: Document) -> Optional[str]:
    """The people.toml person holding ``role`` for ``country`` on the document's date."""
    day = (doc.published or "")[:10]
    found = set()
    for person in set(people().values()):
        for term in person.terms:
            if term.code[:3] != country or not _roles_compatible({fold(term.role)}, {role}):
                continue
            if day and term.start <= day and (term.end is None or day < term.end):
                found.add(person.name)
    return found.pop() if len(found) == 1 else None


def _attach_roles(groups: dict[str, _Group], described: list[_Mention]) -> list[tuple[_Mention, str, str]]:
    """Rule 4; returns the descriptions that join no person, with their role and country."""
    left = []
    for m in described:
        role, country = _role_of(m.name)
        candidates = [g for g in groups.values() if country in g.countries() and g.roles() and _roles_compatible({role}, g.roles())]
        if len(candidates) == 1:
            candidates[0].add(m, 0.75, f"{role} of {country}, as another mention in the story")
            continue
        holder = _office_holder(role, country, m.doc) if not candidates else None
        if holder is not None:
            key = fold(holder)
            g = groups.setdefault(key, _Group("person", key, known=holder))
            g.add(m, 0.7, f"{role} of {country} on {m.doc.published} (data/people.toml)")
            continue
        left.append((m, role, country))
    return left


def _canonical(g: _Group) -> str:
    if g.known:
        return g.known
    names = [m.name for m, _, _ in g.mentions if m.quote_index is None] or [m.name for m, _, _ in g.mentions]
    accented = lambda n: sum(1 for c in n if ord(c) > 127)  # noqa: E731  (the accented form is the spelling)
    return sorted(names, key=lambda n: (-len(_words(n)), -accented(n), -len(n), n))[0]


def _links(g: _Group, type_: str) -> list[ActorLink]:
    canonical = _canonical(g)
    countries = Counter(m.country for m, _, _ in g.mentions if m.country)
    country = sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if countries else None
    codes = Counter(m.actor for m, _, _ in g.mentions if m.actor)
    code = sorted(codes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if codes else None
    ident = actor_id(canonical, type_, country)
    out = []
    for m, confidence, why in g.mentions:
        if m.entity_id and m.quote_index is not None:
            why = f"{why}; the speaker phrase of quote {m.quote_index} names {m.entity_id}"
        if why == "same name" and fold(m.name) == fold(canonical) and m.name != canonical:
            confidence, why = 0.95, "same name, accents folded"
        out.append(ActorLink(
            actor_id=ident, doc_id=m.doc.id, entity_id=m.entity_id, quote_index=m.quote_index,
            name=m.name, span_start=m.span[0], span_end=m.span[1], canonical=canonical, type=type_,
            country=m.country or country, actor_code=m.actor or code, role=m.role,
            confidence=confidence, why=why,
        ))
    return out


def _other_key(m: _Mention) -> str:
    if m.type == "GPE" and m.country and country_of(m.name) == m.country:
        return f"GPE:{m.country}"
    igo = igo_code(m.name)
    if igo:
        return f"IGO:{igo}"
    return f"{m.type}:{fold(m.name).removeprefix('the ')}"


def resolve(docs: Sequence[Document]) -> list[ActorLink]:
    """One :class:`ActorLink` per entity and per unlinked named speaker of ``docs``."""
    mentions = _mentions(docs)
    groups, bare, described = _person_groups(mentions)
    for m in _attach_surnames(groups, bare):
        key = "bare:" + fold(m.name)
        g = groups.setdefault(key, _Group("person", key))
        others = [x for x in groups.values() if x.kind == "person" and not x.key.startswith("bare:") and x.key.split()[-1] == fold(m.name)]
        g.add(m, 1.0 if not others else 0.6, "only this name" if not others else f"surname shared by {len(others)} people: not merged")
    for m, role, country in _attach_roles(groups, described):
        key = f"role:{role}|{country}"
        g = groups.setdefault(key, _Group("role", key))
        g.add(m, 1.0, f"{role} of {country}: no one person in the story holds it")
    out: list[ActorLink] = []
    for g in groups.values():
        out.extend(_links(g, "PERSON"))
    others: dict[str, _Group] = {}
    for m in mentions:
        if m.type != "PERSON":
            key = _other_key(m)
            others.setdefault(key, _Group("other", key)).add(m, 1.0, "same name" if not key.startswith(("GPE:", "IGO:")) else "same country or organisation code")
    for g in others.values():
        out.extend(_links(g, g.mentions[0][0].type))
    order = {d.id: i for i, d in enumerate(docs)}
    out.sort(key=lambda a: (order.get(a.doc_id, 0), a.span_start, a.entity_id or "", a.quote_index or -1))
    return out


def lookup(links: Sequence[ActorLink]) -> dict[tuple[str, str], str]:
    """``(doc_id, "e3")`` or ``(doc_id, "q2")`` (a quote's unlinked speaker) -> actor_id."""
    out: dict[tuple[str, str], str] = {}
    for a in links:
        if a.entity_id:
            out[(a.doc_id, a.entity_id)] = a.actor_id
        if a.quote_index is not None:
            out[(a.doc_id, f"q{a.quote_index}")] = a.actor_id
    return out
