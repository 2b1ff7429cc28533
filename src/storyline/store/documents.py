"""Reading documents back from the store: each row of ``documents`` keeps the whole
record (the ``record`` column), so a stored document is exactly what ``analyze`` printed.

``documents(db, ids=None, text=None)`` returns them in the order they were stored;
``ids`` keeps only those ids, ``text`` only the documents whose headline or body contains
it (case-insensitive, a literal string: ``%`` and ``_`` in it match themselves). All
values are bound parameters.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from storyline.model import Document
from storyline.store.connection import DEFAULT_DB, StoreError, first_line, redact
from storyline.store.schema import open_store

MAX_DOCUMENTS = 10_000
"""At most this many documents are read at once."""


def _like(text: str) -> str:
    """``text`` as an ILIKE pattern that matches it literally, anywhere."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def documents(db: str | Path = DEFAULT_DB, ids: Iterable[str] | None = None, text: str | None = None,
              limit: int = MAX_DOCUMENTS) -> list[Document]:
    """The stored documents (see the module docstring); a one-line :class:`StoreError` when
    the store cannot be read or a record is not a valid document."""
    where, params = [], []
    if ids is not None:
        ids = list(ids)
        if not ids:
            return []
        where.append("id IN (" + ", ".join("?" for _ in ids) + ")")
        params.extend(ids)
    if text:
        where.append("(headline ILIKE ? ESCAPE '\\' OR text ILIKE ? ESCAPE '\\')")
        params.extend([_like(text)] * 2)
    sql = "SELECT record FROM documents" + (" WHERE " + " AND ".join(where) if where else "")
    sql += f" ORDER BY ingested_at, id LIMIT {int(limit)}"
    with open_store(db, read_only=True) as con:
        try:
            rows = con.execute(sql, params).fetchall()
        except con.errors as exc:
            raise StoreError(f"{redact(str(db))}: not a Storyline store ({first_line(exc)})") from exc
    out = []
    for (record,) in rows:
        try:
            out.append(Document.model_validate_json(record if isinstance(record, (str, bytes)) else _dumps(record)))
        except ValueError as exc:
            raise StoreError(f"{redact(str(db))}: a stored record is not a document ({first_line(exc)})") from exc
    return out


def _dumps(record) -> str:
    import json

    return json.dumps(record)
