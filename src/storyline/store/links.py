"""Reading and writing the tables of cross-document linking (``stories``,
``story_members``, ``copies``, ``embeddings``, and the corroboration tables:
:data:`storyline.model.tables.LINK_TABLES`).
Every value is a bound parameter; the table and column names come from the model's table
definitions, never from input. Knows no stage and no output: it moves records."""

from __future__ import annotations

from typing import Iterable, Iterator, NamedTuple, Optional

from pydantic import BaseModel

from storyline.model.tables import EMBEDDINGS, LINK_TABLES, Table
from storyline.store.connection import Connection, StoreError, first_line
from storyline.store.rows import insert_sql

LINK_LOCK = 0x4C69_6E6B
"""The PostgreSQL advisory lock held while the link tables are replaced."""
BATCH = 500
"""Documents read back at a time."""


class Stored(NamedTuple):
    """A stored document as linking reads it back."""

    id: str
    ingested_at: object
    record: str


def documents(con: Connection, batch: int = BATCH) -> Iterator[Stored]:
    """Every stored document (its id, when it was stored, its JSON record), in id order."""
    last = ""
    while True:
        rows = _read(con, "SELECT id, ingested_at, CAST(record AS VARCHAR) FROM documents WHERE id > ? "
                          "ORDER BY id LIMIT ?", [last, batch])
        if not rows:
            return
        yield from (Stored(*r) for r in rows)
        last = rows[-1][0]


def document_ids(con: Connection) -> set[str]:
    return {r[0] for r in _read(con, "SELECT id FROM documents")}


def memberships(con: Connection) -> dict[str, tuple[str, int, float]]:
    """Document id -> (story id, position, score) of every linked document."""
    rows = _read(con, "SELECT doc_id, story_id, position, score FROM story_members")
    return {d: (s, p, sc) for d, s, p, sc in rows}


def embeddings(con: Connection, model: str) -> dict[str, list[float]]:
    rows = _read(con, "SELECT doc_id, vector FROM embeddings WHERE model = ?", [model])
    return {d: list(v) for d, v in rows}


def replace(con: Connection, records: dict[Table, Iterable[BaseModel]], embedded: Iterable[BaseModel] = ()) -> None:
    """In one transaction: the link tables' rows become ``records`` (one list per table of
    :data:`LINK_TABLES` except ``embeddings``), and the new ``embedded`` rows are added."""
    try:
        with con.transaction():
            if con.postgres:  # one linker at a time: a second waits, then replaces what the first wrote
                con.execute("SELECT pg_advisory_xact_lock(?)", [LINK_LOCK])
            for table in LINK_TABLES:
                if table is not EMBEDDINGS:
                    con.execute(f"DELETE FROM {table.name}")
            for table, recs in records.items():
                rows = table.record_rows(recs)
                if rows:
                    con.executemany(insert_sql(table), rows)
            rows = EMBEDDINGS.record_rows(embedded)
            if rows:
                con.executemany(insert_sql(EMBEDDINGS) + " ON CONFLICT DO NOTHING", rows)
    except con.errors as exc:
        raise StoreError(f"{con.name}: cannot write the links: {first_line(exc)}") from exc


def clear(con: Connection) -> None:
    """Remove every link row (``storyline link --rebuild``), embeddings kept."""
    replace(con, {})


STORY_ROWS = """
SELECT m.story_id, m.position, m.score, d.id, d.source, d.outlet, d.headline, CAST(d.published AS VARCHAR),
       c.copy_of, c.similarity, c.method
FROM story_members m JOIN documents d ON d.id = m.doc_id LEFT JOIN copies c ON c.doc_id = m.doc_id
{where} ORDER BY m.story_id, m.position
"""


def stories(con: Connection, story_id: Optional[str] = None) -> tuple[list[tuple], list[tuple]]:
    """(story rows in column order of ``stories``, member rows as :data:`STORY_ROWS` selects
    them), for every story or for one."""
    where, params = ("WHERE m.story_id = ?", [story_id]) if story_id else ("", [])
    heads = _read(con, "SELECT story_id, headline, first_seen, outlets, articles FROM stories"
                       + (" WHERE story_id = ?" if story_id else ""), params)
    return heads, _read(con, STORY_ROWS.format(where=where), params)


SUPPORT_TABLES = ("claim_support", "event_support", "contradictions")


def support(con: Connection, story_id: str) -> dict[str, list[dict]]:
    """The corroboration rows of one story, table by table, as dicts of their columns."""
    out = {}
    for table in (t for t in LINK_TABLES if t.name in SUPPORT_TABLES):
        names = table.column_names
        rows = _read(con, f"SELECT {', '.join(names)} FROM {table.name} WHERE story_id = ? ORDER BY "
                          + ("key, doc_id" if "key" in names and table.name != "contradictions" else "kind, doc_a, span_a_start"),
                     [story_id])
        out[table.name] = [dict(zip(names, r)) for r in rows]
    return out


def _read(con: Connection, sql: str, params: list | tuple = ()) -> list[tuple]:
    try:
        return con.execute(sql, params).fetchall()
    except con.errors as exc:
        raise StoreError(f"{con.name}: cannot read the links: {first_line(exc)}") from exc


__all__ = ["Stored", "clear", "document_ids", "documents", "embeddings", "memberships", "replace", "stories",
           "support"]
