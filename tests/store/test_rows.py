"""What the store writes for a document built by hand: each table's rows read back from
DuckDB and PostgreSQL equal what the model objects hold (no spaCy parse here)."""

from __future__ import annotations

import json

import pytest

from storyline import store
from storyline.model import Document
from storyline.model.tables import TABLES
from storyline.store.rows import insert_sql, rows


def _stored(db, document: Document):
    with store.open_store(db) as con:
        assert store.write(con, [document]) == (1, 0)


def _reader(db):
    """Where queries go: the DuckDB file, or the URL of the PostgreSQL store's read-only role."""
    return store.grant_reader(db) if store.is_postgres(db) else db


def _select(db, sql, *params):
    return store.query(sql, _reader(db), list(params)).rows


def test_every_table_gets_one_row_per_model_item(document):
    got = rows(document)
    assert list(got) == list(store.TABLES)
    assert len(got["documents"]) == 1
    assert len(got["cited_sources"]) == len(document.cited_sources) == 2
    assert len(got["entities"]) == len(document.entities)
    assert len(got["mentions"]) == sum(len(e.mentions) for e in document.entities) == 3
    assert len(got["quotes"]) == len(document.quotes)
    assert len(got["events"]) == len(document.events)
    assert len(got["times"]) == len(document.times)
    assert len(got["flags"]) == len(document.flags)
    assert got["stories"] == []
    for table in TABLES:
        assert all(len(r) == len(table.columns) for r in got[table.name]), table.name


def test_insert_names_every_column_once():
    for table in TABLES:
        sql = insert_sql(table)
        assert sql.count("?") == len(table.columns)
        assert f"({', '.join(table.column_names)})" in sql
        assert len(set(table.column_names)) == len(table.columns), f"{table.name}: a column twice"


def test_documents_row_and_record(db, document):
    _stored(db, document)
    [(id_, source, outlet, headline, published, dateline, text)] = _select(
        db, "SELECT id, source, outlet, headline, CAST(published AS VARCHAR), dateline, text FROM documents")
    assert (id_, source, outlet, headline) == (document.id, "harbour.txt", "Island Wire", "Trawlers fined")
    assert (published, dateline, text) == ("2026-05-02", "PORT LOUIS", document.text)
    [(record,)] = _select(db, "SELECT CAST(record AS VARCHAR) FROM documents")
    assert Document.model_validate_json(record) == document
    [(ingested,)] = _select(db, "SELECT count(*) FROM documents WHERE ingested_at IS NOT NULL")
    assert ingested == 1


def test_entities_and_their_mentions(db, document):
    _stored(db, document)
    got = _select(db, "SELECT entity_id, name, type, country, actor, role, aliases FROM entities ORDER BY entity_id")
    assert got == [(e.id, e.name, e.type, e.country, e.actor, e.role, e.aliases) for e in document.entities]
    mentions = _select(db, "SELECT entity_id, start_char, end_char FROM mentions ORDER BY start_char")
    expected = sorted(((e.id, s, t) for e in document.entities for s, t in e.mentions), key=lambda m: m[1])
    assert mentions == expected
    assert all(document.text[s:t] in document.entity(eid).name for eid, s, t in mentions)


def test_quotes_keep_their_order_spans_and_evidence(db, document):
    _stored(db, document)
    got = _select(db, "SELECT idx, speaker, speaker_name, speaker_type, cue, text, kind, status, section, field, "
                      "start_char, end_char, CAST(evidence AS VARCHAR) FROM quotes ORDER BY idx")
    assert [r[0] for r in got] == [0, 1]
    for row, q in zip(got, document.quotes):
        assert row[1:10] == (q.speaker, q.speaker_name, q.speaker_type, q.cue, q.text, q.kind, q.status, q.section, q.field)
        assert document.text[row[10]:row[11]] == q.text
        assert json.loads(row[12]) == [{"text": ev.text, "span": list(ev.span)} for ev in q.evidence]


def test_events_with_and_without_a_location(db, document):
    _stored(db, document)
    got = _select(db, "SELECT idx, source, source_entity, target, code, root, plover, goldstein, trigger, date, "
                      "date_source, location, location_country, lat, lon, status, quote, start_char, end_char "
                      "FROM events ORDER BY idx")
    located, unlocated = got
    assert located[1:11] == ("MUSGOV", "e2", None, "172", "17", "COERCE", -5.0, "fined", "2026-05-01", "text")
    assert located[11:15] == ("Port Louis", "MUS", -20.16, 57.5)
    assert unlocated[11:15] == (None, None, None, None)
    assert (unlocated[15], unlocated[16]) == ("alleged", 1)
    for row, ev in zip(got, document.events):
        assert document.text[row[17]:row[18]] == ev.sentence


def test_times_flags_and_cited_sources(db, document):
    _stored(db, document)
    [t] = document.times
    assert _select(db, "SELECT time_id, text, value, mod, type, anchor, start_char, end_char FROM times") == [
        (t.id, t.text, t.value, t.mod, t.type, t.anchor, *t.span)]
    flags = _select(db, "SELECT idx, type, message, CAST(spans AS VARCHAR), CAST(details AS VARCHAR) FROM flags ORDER BY idx")
    assert [(i, ty, m) for i, ty, m, _, _ in flags] == [(i, f.type, f.message) for i, f in enumerate(document.flags)]
    assert [json.loads(s) for *_, s, _ in flags] == [[list(s) for s in f.spans] for f in document.flags]
    assert [json.loads(d) for *_, d in flags] == [f.details for f in document.flags]
    cited = _select(db, "SELECT outlet, title FROM cited_sources ORDER BY outlet")
    assert cited == sorted((c.outlet, c.title) for c in document.cited_sources)


def test_rows_belong_to_their_document(db, document, build):
    other = build(document.text + " More followed.", source="other.txt")
    other.id = "e" * 64
    with store.open_store(db) as con:
        assert store.write(con, [document, other, document]) == (2, 1)
    for table in ("cited_sources", "entities", "mentions", "quotes", "events", "times", "flags"):
        per_doc = dict(_select(db, f"SELECT doc_id, count(*) FROM {table} GROUP BY doc_id"))
        assert per_doc == {document.id: len(rows(document)[table]), other.id: len(rows(other)[table])}, table


def test_text_that_looks_like_sql_is_stored_as_text(db, document, build):
    evil = build("Robert'); DROP TABLE documents; -- said the minister. " + document.text,
                 source="x'); DROP TABLE entities; --")
    _stored(db, evil)
    assert _select(db, "SELECT source, text FROM documents") == [(evil.source, evil.text)]
    assert store.stats(db)["entities"] == len(evil.entities)


@pytest.mark.parametrize("table", [t.name for t in TABLES])
def test_stored_columns_are_the_declared_ones_in_order(tmp_path, document, table):
    db = tmp_path / "s.duckdb"
    _stored(db, document)
    cols = store.query(f"SELECT * FROM {table}", db).columns
    assert tuple(cols) == next(t.column_names for t in TABLES if t.name == table)
