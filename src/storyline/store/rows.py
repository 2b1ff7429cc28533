"""A document as rows: one list of tuples per table, read from the model by the table
definitions in :mod:`storyline.model.tables` (no column is listed here)."""

from __future__ import annotations

from functools import cache
from typing import Iterator

from storyline.model import Document
from storyline.model.tables import TABLES, Table


def rows(doc: Document) -> dict[str, list[tuple]]:
    """Every table's rows for ``doc``, tables in creation order (some lists may be empty)."""
    return {t.name: t.rows(doc) for t in TABLES}


@cache
def insert_sql(table: Table) -> str:
    """``INSERT INTO table (columns) VALUES (?, ...)``: one bound parameter per column.

    The first table (``documents``, keyed by the document's id) is inserted with ``ON
    CONFLICT DO NOTHING RETURNING`` its key: no row comes back when the document is stored
    already, and the other tables are then not written.
    """
    marks = ", ".join("?" * len(table.columns))
    sql = f"INSERT INTO {table.name} ({', '.join(table.column_names)}) VALUES ({marks})"
    if table is TABLES[0]:
        key = next(c.name for c in table.columns if c.primary_key)
        sql += f" ON CONFLICT DO NOTHING RETURNING {key}"
    return sql


def inserts(doc: Document) -> Iterator[tuple[str, list[tuple]]]:
    """``(INSERT statement, rows)`` for each table ``doc`` gives rows to, in creation order;
    the first is always the document's own row."""
    for table in TABLES:
        table_rows = table.rows(doc)
        if table_rows:
            yield insert_sql(table), table_rows
