"""The store's tables, declared next to the model they are read from.

One definition serves every backend: ``storyline.store`` derives its ``CREATE TABLE``
statements and its rows from :data:`TABLES`, so a column is named, typed and read from the
model in exactly one place. A table is a list of columns plus the model objects that give
it one row each (a document's quotes, its entities' mentions, ...); a column says how its
value is read from a :class:`Row`.

Changing a name, a type or the order of the columns changes the tables every existing
query reads: that is a new store schema version (``storyline.store.schema``).

The SQL types are the portable spelling both DuckDB and PostgreSQL accept.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable, Iterable, NamedTuple, Optional, Union, get_args, get_origin

from pydantic import BaseModel

from storyline.model import Document, Entity, Span
from storyline.model.links import Copy, Embedding, Story, StoryMember
from storyline.model.support import ActorLink, ClaimSupport, Contradiction, EventSupport

VARCHAR = "VARCHAR"
VARCHARS = "VARCHAR[]"
DOUBLES = "DOUBLE PRECISION[]"
INTEGER = "INTEGER"
DOUBLE = "DOUBLE PRECISION"
DATE = "DATE"
TIMESTAMP = "TIMESTAMP"
JSON = "JSON"
BOOLEAN = "BOOLEAN"


class Row(NamedTuple):
    """What one row is read from: the document, the item's position among its kind, the item."""

    doc: Document
    idx: int
    item: Any


class Mention(NamedTuple):
    """One mention of an entity: the item of a ``mentions`` row."""

    entity: Entity
    span: Span


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    read: Callable[[Row], Any]
    primary_key: bool = False
    doc: str = ""


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    items: Callable[[Document], Iterable[Any]]
    """The model objects of one document that give this table one row each."""
    doc: str = ""
    per_document: bool = True
    """False for a table filled across documents (``storyline link``): no document gives it rows."""

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def rows(self, document: Document) -> list[tuple]:
        """This table's rows for ``document``, as tuples in column order."""
        readers = [c.read for c in self.columns]
        rows = (Row(document, i, item) for i, item in enumerate(self.items(document)))
        return [tuple(read(row) for read in readers) for row in rows]

    def record_rows(self, records: Iterable[BaseModel]) -> list[tuple]:
        """Rows of a table declared from a record class (:func:`record_table`), in column order."""
        readers = [c.read for c in self.columns]
        return [tuple(read(Row(None, i, rec)) for read in readers) for i, rec in enumerate(records)]


# --------------------------------------------------------------------------------------
# How columns are read


def attr(name: str, type: str = VARCHAR, **kw) -> Column:
    """A column holding the item's attribute of the same name."""
    return Column(name, type, lambda r: getattr(r.item, name), **kw)


def doc_id() -> Column:
    return Column("doc_id", VARCHAR, lambda r: r.doc.id, doc="Document.id of the document the row belongs to")


def idx(doc: str) -> Column:
    return Column("idx", INTEGER, lambda r: r.idx, doc=doc)


def span_columns() -> tuple[Column, Column]:
    """``start_char`` and ``end_char``: the item's ``span`` into ``Document.text``."""
    return (
        Column("start_char", INTEGER, lambda r: r.item.span[0]),
        Column("end_char", INTEGER, lambda r: r.item.span[1]),
    )


def located(column: str, name: str, type: str = VARCHAR) -> Column:
    """A column holding an attribute of the event's ``location`` (NULL without one)."""

    def read(r: Row) -> Any:
        loc = r.item.location
        return getattr(loc, name) if loc else None

    return Column(column, type, read)


def _now(_: Row) -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _one(document: Document) -> list[Document]:
    return [document]


def _mentions(document: Document) -> list[Mention]:
    return [Mention(e, span) for e in document.entities for span in e.mentions]


def _none(document: Document) -> list:
    return []


# --------------------------------------------------------------------------------------
# The tables, in the order they are created and written

DOCUMENTS = Table("documents", (
    Column("id", VARCHAR, lambda r: r.doc.id, primary_key=True, doc="sha256 of the body text"),
    attr("source"), attr("outlet"), attr("url"), attr("headline"), attr("byline"),
    attr("published", DATE), attr("dateline"), attr("text"),
    Column("ingested_at", TIMESTAMP, _now, doc="when the document was stored (UTC)"),
    Column("record", JSON, lambda r: r.doc.model_dump_json(),
           doc="the whole Document as `storyline analyze` prints it"),
), _one, doc="One row per document.")

CITED_SOURCES = Table("cited_sources", (
    doc_id(), attr("outlet"), attr("title"), attr("kind"),
), lambda d: d.cited_sources, doc="The outlets a document names as its sources ('wire' for a wire it credits).")

ENTITIES = Table("entities", (
    doc_id(),
    Column("entity_id", VARCHAR, lambda r: r.item.id),
    attr("name"), attr("type"), attr("country"), attr("actor"), attr("role"),
    attr("aliases", VARCHARS),
), lambda d: d.entities, doc="One row per entity of a document.")

MENTIONS = Table("mentions", (
    doc_id(),
    Column("entity_id", VARCHAR, lambda r: r.item.entity.id),
    *span_columns(),
), _mentions, doc="One row per mention of an entity.")

QUOTES = Table("quotes", (
    doc_id(), idx("position in Document.quotes (Event.quote points here)"),
    attr("speaker"), attr("speaker_name"), attr("speaker_type"), attr("cue"), attr("text"),
    attr("kind"), attr("medium"), attr("status"), attr("section"), attr("field"),
    *span_columns(),
    Column("evidence", JSON, lambda r: json.dumps([ev.model_dump() for ev in r.item.evidence])),
), lambda d: d.quotes, doc="One row per quote or claim.")

EVENTS = Table("events", (
    doc_id(), idx("position in Document.events"),
    attr("source"), attr("source_entity"), attr("target"), attr("target_entity"),
    attr("code"), attr("root"), attr("plover"), attr("goldstein", DOUBLE),
    attr("trigger"), attr("date"), attr("date_source"),
    located("location", "name"), located("location_country", "country"),
    located("lat", "lat", DOUBLE), located("lon", "lon", DOUBLE),
    attr("status"), attr("quote", INTEGER), attr("section"), attr("sentence"),
    *span_columns(),
    # version 3: who the event is reported by (the reported-act convention, docs/events.md)
    attr("according_to"),
    Column("according_start", INTEGER, lambda r: r.item.according_to_span[0] if r.item.according_to_span else None),
    Column("according_end", INTEGER, lambda r: r.item.according_to_span[1] if r.item.according_to_span else None),
), lambda d: d.events, doc="One row per coded event.")

TIMES = Table("times", (
    doc_id(),
    Column("time_id", VARCHAR, lambda r: r.item.id),
    attr("text"), attr("value"), attr("mod"), attr("type"), attr("anchor"),
    *span_columns(),
), lambda d: d.times, doc="One row per time expression.")

FLAGS = Table("flags", (
    doc_id(), idx("position in Document.flags"),
    attr("type"), attr("message"),
    Column("spans", JSON, lambda r: json.dumps(r.item.spans)),
    Column("details", JSON, lambda r: json.dumps(r.item.details)),
), lambda d: d.flags, doc="One row per flag.")

# --------------------------------------------------------------------------------------
# Tables filled across documents, declared from a record class


_SQL_TYPES = {str: VARCHAR, int: INTEGER, float: DOUBLE, bool: BOOLEAN}


def sql_type(annotation: Any) -> str:
    """The column type of a pydantic field: str, int, float, bool, a list of str (Optional
    of any of these, or a Literal of strings); anything else is JSON."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Union and type(None) in args:  # Optional[X]
        rest = [a for a in args if a is not type(None)]
        return sql_type(rest[0]) if len(rest) == 1 else JSON
    if origin is list and args and args[0] is str:
        return VARCHARS
    if origin is list and args and args[0] is float:
        return DOUBLES
    if str(origin) == "typing.Literal" and all(isinstance(a, str) for a in args):
        return VARCHAR
    return _SQL_TYPES.get(annotation, JSON)


def _field_reader(name: str, type_: str) -> Callable[[Row], Any]:
    if type_ != JSON:
        return lambda r: getattr(r.item, name)

    def read(r: Row) -> Optional[str]:
        value = getattr(r.item, name)
        if value is None:
            return None
        return json.dumps(value.model_dump() if isinstance(value, BaseModel) else value, default=str)

    return read


def record_table(name: str, record: type[BaseModel], *, key: Optional[str] = None, doc: str = "") -> Table:
    """A table whose columns are the fields of ``record``, in their order (``key``, if given,
    is the primary key), that no single document fills: rows come from
    :meth:`Table.record_rows`. Declaring a table for a new kind of link record is one line."""
    columns = []
    for field_name, info in record.model_fields.items():
        type_ = sql_type(info.annotation)
        columns.append(Column(field_name, type_, _field_reader(field_name, type_),
                              primary_key=field_name == key, doc=info.description or ""))
    return Table(name, tuple(columns), _none, doc=doc or (record.__doc__ or "").strip().splitlines()[0],
                 per_document=False)


STORIES = record_table("stories", Story, key="story_id", doc="One row per story (storyline link).")
STORY_MEMBERS = record_table("story_members", StoryMember, doc="One row per document of a story.")
COPIES = record_table("copies", Copy, key="doc_id", doc="One row per document that copies an earlier report.")
EMBEDDINGS = record_table("embeddings", Embedding, key="doc_id", doc="One row per document linking has embedded.")
ACTOR_LINKS = record_table("actor_links", ActorLink, doc="One row per mention of an actor, with its identity across the story.")
CLAIM_SUPPORT = record_table("claim_support", ClaimSupport, doc="One row per report of a claim in a story.")
EVENT_SUPPORT = record_table("event_support", EventSupport, doc="One row per report of an event in a story.")
CONTRADICTIONS = record_table("contradictions", Contradiction, doc="One row per pair of reports that disagree.")

LINK_TABLES: tuple[Table, ...] = (STORIES, STORY_MEMBERS, COPIES, EMBEDDINGS, ACTOR_LINKS, CLAIM_SUPPORT,
                                  EVENT_SUPPORT, CONTRADICTIONS)
"""The tables ``storyline link`` fills (:mod:`storyline.link`); another kind of link record
is added here with :func:`record_table`."""

TABLES: tuple[Table, ...] = (DOCUMENTS, CITED_SOURCES, ENTITIES, MENTIONS, QUOTES, EVENTS, TIMES, FLAGS, *LINK_TABLES)
