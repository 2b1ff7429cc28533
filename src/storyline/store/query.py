"""Reading the store: counts, and the user's SQL on a read-only connection."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from storyline.store.connection import DEFAULT_DB, StoreError, first_line, redact
from storyline.store.schema import open_store

COUNTED = ("documents", "entities", "quotes", "events", "stories")
"""The tables ``stats`` counts, in the order it reports them."""


def stats(db: str | Path = DEFAULT_DB) -> dict[str, int]:
    with open_store(db, read_only=True) as con:
        out = {}
        for table in COUNTED:
            try:
                out[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            except con.errors as exc:
                raise StoreError(f"{redact(str(db))}: not a Storyline store ({first_line(exc)})") from exc
        return out


def query(sql: str, db: str | Path = DEFAULT_DB, params: list[Any] | None = None) -> tuple[list[str], list[tuple]]:
    """Run read-only SQL; returns (column names, rows)."""
    with open_store(db, read_only=True) as con:
        try:
            cur = con.execute(sql, params or [])
        except con.errors as exc:
            raise StoreError(first_line(exc)) from exc
        if cur.description is None:
            return [], []
        return [c[0] for c in cur.description], cur.fetchall()
