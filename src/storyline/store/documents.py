"""Reading documents back from the store: each row of ``documents`` keeps the whole
record (the ``record`` column), so a stored document is exactly what ``analyze`` printed.

``documents(db, ids=None, text=None)`` returns them in the order they were stored (``read``
does the same on an open connection); ``ids`` keeps only those ids, in their order, ``text`` only the documents whose headline or body contains
it (case-insensitive, a literal string: ``%`` and ``_`` in it match themselves). All
values are bound parameters.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from storyline.model import Document
from storyline.store.connection import DEFAULT_DB, Connection, StoreError, first_line
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
    with open_store(db, read_only=True) as con:
        return read(con, ids, text, limit)


def read(con: Connection, ids: Iterable[str] | None = None, text: str | None = None,
         limit: int = MAX_DOCUMENTS) -> list[Document]:
    """:func:`documents` on an open connection, in one query. Given ``ids``, the documents
    come in the order of ``ids`` (those not stored are left out)."""
    where, params = [], []
    if ids is not None:
        ids = list(dict.fromkeys(ids))
        if not ids:
            return []
        where.append("id IN (" + ", ".join("?" for _ in ids) + ")")
        params.extend(ids)
    if text:
        where.append("(headline ILIKE ? ESCAPE '\\' OR text ILIKE ? ESCAPE '\\')")
        params.extend([_like(text)] * 2)
    sql = "SELECT id, record FROM documents" + (" WHERE " + " AND ".join(where) if where else "")
    sql += f" ORDER BY ingested_at, id LIMIT {int(limit)}"
    try:
        rows = con.execute(sql, params).fetchall()
    except con.errors as exc:
        raise StoreError(f"{con.name}: not a Storyline store ({first_line(exc)})") from exc
    if ids is not None:
        order = {i: n for n, i in enumerate(ids)}
        rows.sort(key=lambda r: order[r[0]])
    out = []
    for _, record in rows:
        try:
            out.append(Document.model_validate_json(record if isinstance(record, (str, bytes)) else _dumps(record)))
        except ValueError as exc:
            raise StoreError(f"{con.name}: a stored record is not a document ({first_line(exc)})") from exc
    return out


def _dumps(record) -> str:
    import json

    return json.dumps(record)
