"""Writing documents: each in its own transaction, keyed by the sha256 of its body text, so
re-ingesting the same text adds nothing. Every value is a bound parameter.

A document's row is inserted with ``ON CONFLICT DO NOTHING``, and its other rows only by
the transaction that inserted it: two ingests writing the same document at once (two
PostgreSQL sessions) store it once, and neither fails. Each document is committed on its
own, so a killed ingest loses at most the documents not yet committed (the one being
written, and any the parser has finished but not yet handed over).

DuckDB allows one process to have a database file open for writing, and no other process
to read it meanwhile. :func:`ingest` therefore does not keep the file: its writer thread
opens it when a parsed document arrives, closes it (checkpointing what it wrote) when none
has arrived for :data:`IDLE` seconds or after :data:`HOLD` seconds at most, and leaves it
closed for at least :data:`GAP` seconds. ``stats``, ``query`` and another ingest, which wait
for the file (:data:`storyline.store.connection.READ_WAIT`), get in meanwhile and see every
document committed so far, each complete.
"""

from __future__ import annotations

import queue
import threading
import time
from pathlib import Path
from typing import Iterable

from storyline.model import Document
from storyline.store.connection import Connection, StoreError, first_line, is_postgres
from storyline.store.rows import inserts
from storyline.store.schema import open_store

HOLD = 1.0
"""Seconds a DuckDB ingest keeps the file open, at most, before releasing it to readers."""
GAP = 0.1
"""Seconds a DuckDB ingest leaves the file closed after releasing it."""
IDLE = 0.05
"""Seconds without a document after which a DuckDB ingest releases the file (the parser is busy)."""
QUEUED = 16
"""Documents parsed but not yet written, at most (they are what a killed ingest loses)."""


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
    """Parse in this thread, write in another, which holds the file only while documents
    arrive: it releases it when none has come for :data:`IDLE` seconds (the parser is busy),
    and at least every :data:`HOLD` seconds."""
    writer = _Writer(db)
    writer.start()
    try:
        for doc in docs:
            if not writer.put(doc):
                break  # the writer failed: its error is raised below
    finally:
        writer.finish()
    if writer.error is not None:
        raise writer.error
    return writer.added, writer.skipped


class _Writer(threading.Thread):
    """The thread that owns the DuckDB connection of an ingest."""

    _END = object()

    def __init__(self, db: str):
        super().__init__(name="storyline-writer", daemon=True)
        self.db = db
        self.queue: queue.Queue = queue.Queue(maxsize=QUEUED)
        self.added = self.skipped = 0
        self.error: BaseException | None = None

    def put(self, item) -> bool:
        """Hand a document over (waiting while the queue is full); False once the writer has failed."""
        while self.is_alive():
            try:
                self.queue.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def finish(self) -> None:
        """Let the writer store what it was given, then release the file."""
        self.put(self._END)
        self.join()

    def run(self) -> None:
        con: Connection | None = None
        opened = released = 0.0
        try:
            while True:
                try:
                    item = self.queue.get(timeout=IDLE if con is not None else None)
                except queue.Empty:  # the parser is busy: readers may have the file meanwhile
                    con.close()
                    con, released = None, time.monotonic()
                    continue
                if item is self._END:
                    return
                if con is None:
                    time.sleep(max(0.0, GAP - (time.monotonic() - released)))
                    con, opened = Connection(self.db), time.monotonic()
                if write_one(con, item):
                    self.added += 1
                else:
                    self.skipped += 1
                if time.monotonic() - opened >= HOLD:
                    con.close()
                    con, released = None, time.monotonic()
        except BaseException as exc:  # raised again by _ingest_duckdb, in the ingest's thread
            self.error = exc
        finally:
            if con is not None:
                con.close()
