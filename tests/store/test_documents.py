"""Reading documents back from the store (``store.documents``), on DuckDB and PostgreSQL:
the stored record is the document, selected by id or by text with bound parameters."""

from __future__ import annotations

import pytest

from storyline import store
from storyline.model import Document


def _ferry() -> Document:
    return Document(id="f" * 64, source="ferry.txt", headline="O'Brien's ferries return",
                    text="Ferries 100% back_on time after the strike, the port said.")


def test_documents_read_back_exactly(db, build):
    first = build()
    second = _ferry()
    store.ingest(db, [first, second])
    assert store.documents(db) == [first, second]
    assert store.documents(db, ids=[second.id]) == [second]
    assert store.documents(db, ids=[]) == []


@pytest.mark.parametrize("text,expected", [
    ("HARBOUR", ["harbour.txt"]),         # the body, case-insensitively
    ("o'brien", ["ferry.txt"]),           # the headline; a quote is data, not SQL
    ("100%", ["ferry.txt"]),              # '%' matches itself
    ("0_%", []),                          # '_' too: no "0" followed by any one character and '%'
    ("back_on", ["ferry.txt"]),
    ("'; DROP TABLE documents; --", []),
])
def test_documents_selected_by_text(db, build, text, expected):
    store.ingest(db, [build(), _ferry()])
    assert [d.source for d in store.documents(db, text=text)] == expected
    assert len(store.documents(db)) == 2


def test_documents_of_a_missing_store_is_one_line(tmp_path):
    with pytest.raises(store.StoreError, match="no such database"):
        store.documents(tmp_path / "none.duckdb")
