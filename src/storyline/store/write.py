"""Writing documents: each in its own transaction, keyed by the sha256 of its body text, so
re-ingesting the same text adds nothing. Every value is a bound parameter.

A document's row is inserted with ``ON CONFLICT DO NOTHING``, and its other rows only by
the transaction that inserted it: two ingests writing the same document at once (two
PostgreSQL sessions) store it once, and neither fails. Each document is committed on its
own, so a killed ingest loses at most the documents not yet committed (the one being
written, and any the parser has finished but not yet handed over).

DuckDB allows one process to have a database file open for writing, and no other process
to read it meanwhile. :func:`ingest` therefore does not keep the file: it holds it for at
most :data:`HOLD` seconds, then closes it (checkpointing what it wrote) and leaves it closed
for at least :data:`GAP` seconds before writing the next document. ``stats``, ``query`` and
another ingest, which wait for the file (:data:`storyline.store.connection.READ_WAIT`), get
in during those gaps and see every document committed so far, each complete.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Iterable

from storyline.model import Document
from storyline.store.connection import Connection, StoreError, first_line, is_postgres
from storyline.store.rows import inserts
from storyline.store.schema import open_store

HOLD = 1.0
"""Seconds a DuckDB ingest keeps the file open before releasing it to readers."""
GAP = 0.1
"""Seconds a DuckDB ingest leaves the file closed after releasing it."""


def write(con: Connection, docs: Iterable[Document]) -> tuple[int, int]:
    """Write documents not yet stored, each in its own transaction. Returns (added, already present)."""
    added = skipped = 0
    for doc in docs:
        if write_one(con, doc):
            added += 1
        else:
            skipped += 1
    return added, skipped


def write_one(con: Connection, doc: Document) -> bool:
    """Store one document in one transaction; False if it was already stored (by anyone)."""
    try:
        with con.transaction():
            (first_sql, [first_row]), *rest = inserts(doc)
            if con.execute(first_sql, first_row).fetchone() is None:
                return False  # stored already, or by a concurrent ingest that committed first
            for sql, rows in rest:
                con.executemany(sql, rows)
    except con.errors as exc:
        raise StoreError(f"{con.name}: cannot store {doc.source or doc.id}: {first_line(exc)}") from exc
    return True


def ingest(db: str | Path, docs: Iterable[Document]) -> tuple[int, int]:
    """Store ``docs`` at ``db``, creating the store if needed. Returns (added, already present).

    The store's schema is checked (or created) before the first document is pulled from
    ``docs``. PostgreSQL: one session, one transaction per document. DuckDB: the file is
    held for at most :data:`HOLD` seconds at a time (see the module's notes).
    """
    if is_postgres(db):
        with open_store(db) as con:
            return write(con, docs)
    with open_store(db):
        pass
    return _ingest_duckdb(str(db), docs)


def _ingest_duckdb(db: str, docs: Iterable[Document]) -> tuple[int, int]:
    added = skipped = 0
    con: Connection | None = None
    opened = released = 0.0
    try:
        for doc in docs:
            if con is None:
                pause = GAP - (time.monotonic() - released)
                if pause > 0:
                    time.sleep(pause)
                con, opened = Connection(db), time.monotonic()
            if write_one(con, doc):
                added += 1
            else:
                skipped += 1
            if time.monotonic() - opened >= HOLD:
                con.close()
                con, released = None, time.monotonic()
    finally:
        if con is not None:
            con.close()
    return added, skipped
