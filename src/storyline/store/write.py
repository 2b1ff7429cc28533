"""Writing documents: each in one transaction, keyed by the sha256 of its body text, so
re-ingesting the same text adds nothing. Every value is a bound parameter."""

from __future__ import annotations

from typing import Iterable

from storyline.model import Document
from storyline.store.connection import Connection
from storyline.store.rows import inserts


def write(con: Connection, docs: Iterable[Document]) -> tuple[int, int]:
    """Write documents not yet stored. Returns (added, already present)."""
    added = skipped = 0
    for doc in docs:
        if con.execute("SELECT 1 FROM documents WHERE id = ?", [doc.id]).fetchone():
            skipped += 1
            continue
        with con.transaction():
            for sql, rows in inserts(doc):
                con.executemany(sql, rows)
        added += 1
    return added, skipped
