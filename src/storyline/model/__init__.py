"""The data model: one place for every record Storyline produces.

Every stage reads a :class:`Document` and adds to it. Every extracted item carries
character spans ``[start, end)`` into ``Document.text`` (Python string offsets), so any
fact can be traced back to the words that support it. ``docs/schema.json`` is generated
from these classes (``storyline schema``); nothing else defines the output contract.
"""

from __future__ import annotations

import weakref
from bisect import bisect_left, bisect_right
from datetime import date
from typing import Any, Callable, Literal, Optional
from pathlib import PurePath
from urllib.parse import urlparse

from pydantic import BaseModel, ConfigDict, Field

from storyline.model.timex import parse_day

Span = tuple[int, int]
"""A half-open character range ``[start, end)`` into ``Document.text``."""


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class CitedSource(_Record):
    """An outlet the article names as its source (e.g. a trailing ``SOURCES:`` block), or a
    wire agency it credits ("(Reuters)" in its dateline, "Based on reporting by AFP")."""

    outlet: str
    title: Optional[str] = None
    kind: Literal["source", "wire"] = Field(
        "source", description="'wire' when the outlet is a wire agency the article credits (data/wires.toml)"
    )


class Section(_Record):
    """A stretch of the body: news reporting, or analysis/opinion/commentary."""

    title: Optional[str] = None
    kind: Literal["reporting", "analysis"] = "reporting"
    span: Span


class Entity(_Record):
    """One real-world referent within the document, with every mention of it."""

    id: str = Field(description="Document-local id, e1, e2, ...")
    name: str = Field(description="The fullest name used in the document")
    type: str = Field(description="spaCy entity label: PERSON, ORG, GPE, NORP, LOC, FAC, ...")
    aliases: list[str] = Field(default_factory=list)
    country: Optional[str] = Field(None, description="ISO 3166 alpha-3 country code")
    actor: Optional[str] = Field(None, description="CAMEO-style actor code, country + sector: RUSGOV, VENMIL")
    role: Optional[str] = Field(None, description="Title or role as stated: president, ambassador")
    mentions: list[Span] = Field(default_factory=list)


class Evidence(_Record):
    text: str
    span: Span


class Quote(_Record):
    """Something a source said, wrote or claimed, as the article reports it."""

    speaker: Optional[str] = Field(None, description="Entity id of the speaker, when named")
    speaker_name: Optional[str] = None
    speaker_span: Optional[Span] = None
    speaker_type: Optional[str] = Field(
        None, description="For unnamed sources: analysts, witnesses, anonymous official, report, ..."
    )
    cue: Optional[str] = None
    cue_span: Optional[Span] = None
    text: str
    span: Span
    kind: Literal["direct", "indirect", "partial", "mixed"]
    medium: Optional[str] = None
    medium_span: Optional[Span] = None
    status: Literal["asserted", "hedged", "unverified", "disputed", "denied", "speculative"] = "asserted"
    evidence: list[Evidence] = Field(default_factory=list)
    section: Literal["reporting", "analysis"] = "reporting"
    field: Literal["text", "headline"] = Field(
        "text", description="Which field the spans point into: the body text or the headline"
    )


class Time(_Record):
    """A temporal expression normalized to a TimeML TIMEX3 value."""

    id: str = Field(description="Document-local id, t1, t2, ...")
    text: str
    value: str = Field(description="TIMEX3 value: 2026-01-03, 2026-W09, 2025-Q4, P2Y, XXXX-WXX-1, PAST_REF")
    mod: Optional[str] = Field(None, description="TIMEX3 mod: START, MID, END, APPROX, LESS_THAN, MORE_THAN, ...")
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    span: Span
    anchor: Optional[str] = Field(None, description="'document date', or the id of the time it was resolved against")


class Location(_Record):
    name: str
    country: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    span: Optional[Span] = None


class Event(_Record):
    """Who did what to whom: one coded event in CAMEO and PLOVER terms."""

    source: Optional[str] = Field(None, description="CAMEO actor code of the source: USAMIL")
    source_entity: Optional[str] = None
    source_span: Optional[Span] = None
    target: Optional[str] = None
    target_entity: Optional[str] = None
    target_span: Optional[Span] = None
    code: str = Field(description="CAMEO event code: 173")
    root: str = Field(description="CAMEO root code (first two digits): 17")
    plover: Optional[str] = Field(None, description="PLOVER event type: COERCE; null for CAMEO 01 statements (015, 016, 018, 011), which PLOVER does not type")
    goldstein: Optional[float] = None
    trigger: Optional[str] = None
    trigger_span: Optional[Span] = None
    date: Optional[str] = None
    date_source: Optional[Literal["text", "document date"]] = None
    time: Optional[str] = Field(None, description="Id of the time expression that dates the event")
    location: Optional[Location] = None
    status: Literal["reported", "alleged", "planned", "negated", "hypothetical"] = "reported"
    quote: Optional[int] = Field(None, description="Index into quotes when the event is reported in a quote")
    according_to: Optional[str] = Field(
        None, description="Who reports the event, when the article has it from someone: the speaker's name as "
        "written ('the health ministry said one person was killed in an Israeli strike': the health ministry)",
    )
    according_to_span: Optional[Span] = Field(None, description="Where according_to is named in Document.text")
    section: Literal["reporting", "analysis"] = "reporting"
    sentence: str
    span: Span
    inferred: list[str] = Field(
        default_factory=list,
        description="What was inferred rather than read in the sentence: 'source country from the dateline'",
    )


class Flag(_Record):
    """Something that does not add up, or that a reader should weigh: anachronism, unattributed."""

    type: str
    message: str
    spans: list[Span] = Field(default_factory=list)
    details: dict[str, str] = Field(default_factory=dict)


class Document(_Record):
    """An article and everything Storyline extracted from it."""

    id: str = Field("", description="sha256 of the body text, the key that makes ingestion idempotent")
    source: str = Field(description="Path or URL the article came from")
    outlet: Optional[str] = None
    url: Optional[str] = None
    headline: Optional[str] = None
    byline: Optional[str] = None
    published: Optional[str] = Field(None, description="YYYY-MM-DD as the article printed it (or --published)")
    dateline: Optional[str] = None
    dateline_span: Optional[Span] = Field(
        None, description="Where the dateline (with its dash) opens the body; the parser does not read it as a sentence"
    )
    cited_sources: list[CitedSource] = Field(default_factory=list)
    text: str = Field(description="The body text every span refers to")
    notes: list[str] = Field(
        default_factory=list,
        description="What ingest repaired or noticed in the input, one line each: "
        "'3 invalid UTF-8 sequences decoded as cp1252', 'text: 2 lone surrogates replaced by U+FFFD'",
    )
    sections: list[Section] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    times: list[Time] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)

    @property
    def outlet_name(self) -> str:
        """Who published it, as a reader is shown it: the outlet, else its URL's host, else
        the file name of its source (the one place this is decided)."""
        if self.outlet:
            return self.outlet
        host = (urlparse(self.url or "").hostname or "").removeprefix("www.")
        return host or PurePath(self.source).name or self.source

    @property
    def published_date(self) -> Optional[date]:
        """``published`` as a date: the one place it is parsed (None when absent or not a day)."""
        return parse_day(self.published)

    def section_kind_at(self, start: int) -> str:
        """The kind of the section containing character ``start`` ("reporting" if none)."""
        secs = self.sections
        if not secs:
            return "reporting"
        i = max(0, bisect_right([s.span[0] for s in secs], start) - 1)
        return secs[i].kind

    def heading_spans(self) -> list[Span]:
        """Character spans of the heading lines that open titled sections."""
        out = []
        for sec in self.sections:
            if sec.title:
                start = self.text.find(sec.title, sec.span[0], sec.span[1])
                if start >= 0:
                    out.append((start, start + len(sec.title)))
        return out

    def quote_at(self, start: int, end: int) -> Optional[int]:
        """Index of the first body quote whose span contains ``[start, end)``."""
        starts, items, longest = _lookup(self, "quotes", self.quotes, _quote_index)
        best = None
        # a quote containing [start, end) starts at or before ``start`` and no earlier than end - longest
        for k in range(bisect_left(starts, end - longest), bisect_right(starts, start)):
            s, e, i = items[k]
            if e >= end and (best is None or i < best):
                best = i
        return best

    def entity(self, entity_id: str) -> Optional[Entity]:
        """The (first) entity with id ``entity_id``."""
        return _lookup(self, "ids", self.entities, _id_index).get(entity_id)

    def entity_at(self, start: int, end: int) -> Optional[Entity]:
        """The entity with a mention overlapping ``[start, end)``, preferring the tightest
        (the first entity, and its first mention, among equally tight ones)."""
        starts, items, longest = _lookup(self, "entities", self.entities, _mention_index)
        best = None
        # a mention overlapping [start, end) starts before ``end`` and after start - longest
        for k in range(bisect_right(starts, start - longest), bisect_left(starts, end)):
            s, e, rank, ent = items[k]
            if start < e and (best is None or rank < best[0]):
                best = (rank, ent)
        return best[1] if best else None


# Lookup indexes of a document (entity_at, quote_at), built on the first call and kept beside
# the document, not in it: equality, copies, pickles and the JSON are those of the fields
# alone. An index is rebuilt when its list is replaced or changes length; the stages fill a
# list and only read it afterwards (a stage that edits spans in place must assign a new list).
_LOOKUPS: dict[tuple[int, str], tuple[list, int, Any]] = {}


def _lookup(document: Document, name: str, items: list, build: Callable[[list], Any]) -> Any:
    key = (id(document), name)
    hit = _LOOKUPS.get(key)
    if hit is not None and hit[0] is items and hit[1] == len(items):
        return hit[2]
    if hit is None:
        weakref.finalize(document, _LOOKUPS.pop, key, None)
    value = build(items)
    _LOOKUPS[key] = (items, len(items), value)
    return value


def _id_index(entities: list[Entity]) -> dict[str, Entity]:
    out: dict[str, Entity] = {}
    for ent in entities:
        out.setdefault(ent.id, ent)
    return out


def _mention_index(entities: list[Entity]) -> tuple[list[int], list[tuple], int]:
    """Every mention sorted by start: ``(start, end, (size, entity no., mention no.), entity)``."""
    rows = sorted(((s, e, (e - s, i, j), ent) for i, ent in enumerate(entities)
                   for j, (s, e) in enumerate(ent.mentions)), key=lambda r: r[0])
    return [r[0] for r in rows], rows, max((r[1] - r[0] for r in rows), default=0)


def _quote_index(quotes: list[Quote]) -> tuple[list[int], list[tuple], int]:
    """The body quotes sorted by start: ``(start, end, quote no.)``."""
    rows = sorted(((q.span[0], q.span[1], i) for i, q in enumerate(quotes) if q.field == "text"),
                  key=lambda r: r[0])
    return [r[0] for r in rows], rows, max((r[1] - r[0] for r in rows), default=0)


def json_schema() -> dict:
    """The JSON schema of the output contract, generated from :class:`Document`."""
    schema = Document.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Storyline document"
    return schema
