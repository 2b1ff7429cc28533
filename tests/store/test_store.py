"""The DuckDB store: idempotent ingestion, read-only queries, counts."""

from __future__ import annotations

import duckdb
import pytest

from storyline import store

TEXT = (
    "Kenyan police arrested twelve protesters in Nairobi on Monday, police spokesman Samuel Otieno said. "
    "\u201cThe officers acted within the law,\u201d Otieno told reporters."
)


@pytest.fixture(scope="module")
def docs(analyze):
    return [analyze(TEXT, published="2026-03-03", source="a.txt"), analyze(TEXT + " More followed.", source="b.txt")]


def test_write_is_idempotent_and_complete(tmp_path, docs):
    db = tmp_path / "s.duckdb"
    with store.open_store(db) as con:
        assert store.write(con, docs) == (2, 0)
        assert store.write(con, docs) == (0, 2)
    counts = store.stats(db)
    assert counts["documents"] == 2
    assert counts["entities"] == sum(len(d.entities) for d in docs)
    assert counts["quotes"] == sum(len(d.quotes) for d in docs)
    assert counts["events"] == sum(len(d.events) for d in docs)
    assert counts["stories"] == 0
    rows = store.query("SELECT name, actor FROM entities WHERE doc_id = ? ORDER BY entity_id", db, [docs[0].id]).rows
    assert ("Samuel Otieno", "KENCOP") in rows
    # every mention in the store points at the entity's words
    mentions = store.query(
        "SELECT e.name, m.start_char, m.end_char FROM mentions m JOIN entities e USING (doc_id, entity_id) "
        "WHERE doc_id = ?", db, [docs[0].id]
    ).rows
    assert mentions and all(TEXT[s:e] in name or name.endswith(TEXT[s:e]) for name, s, e in mentions)


def test_record_round_trips(tmp_path, docs):
    from storyline.model import Document

    db = tmp_path / "s.duckdb"
    with store.open_store(db) as con:
        store.write(con, docs[:1])
    rows = store.query("SELECT record FROM documents", db).rows
    assert Document.model_validate_json(rows[0][0]) == docs[0]


def test_query_is_read_only(tmp_path, docs):
    db = tmp_path / "s.duckdb"
    with store.open_store(db) as con:
        store.write(con, docs[:1])
    with pytest.raises(store.StoreError):
        store.query("DELETE FROM documents", db)
    assert store.stats(db)["documents"] == 1


def test_missing_database_is_a_clear_error(tmp_path):
    with pytest.raises(store.StoreError, match="no such database"):
        store.stats(tmp_path / "absent.duckdb")


def test_article_text_cannot_inject_sql(tmp_path, analyze):
    evil = "Robert'); DROP TABLE documents; -- said the minister in Paris on Monday."
    db = tmp_path / "s.duckdb"
    with store.open_store(db) as con:
        store.write(con, [analyze(evil, source="x'); DROP TABLE entities; --")])
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT text FROM documents").fetchone()[0] == evil
    assert con.execute("SELECT count(*) FROM entities").fetchone()[0] >= 0


def test_postgres_backend_matches_duckdb(tmp_path, docs, pg):
    duck = tmp_path / "s.duckdb"
    for db in (duck, pg):
        with store.open_store(db) as con:
            assert store.write(con, docs) == (2, 0)
        with store.open_store(db) as con:
            assert store.write(con, docs) == (0, 2)
    assert store.stats(pg) == store.stats(duck)
    reader = store.grant_reader(pg)
    sql = "SELECT name, type, country, actor FROM entities ORDER BY doc_id, entity_id"
    assert store.query(sql, reader).rows == store.query(sql, duck).rows
    sql = "SELECT doc_id, start_char, end_char FROM mentions WHERE entity_id = ? ORDER BY 1, 2"
    assert store.query(sql, reader, ["e1"]).rows == store.query(sql, duck, ["e1"]).rows


def test_postgres_queries_are_read_only(docs, pg):
    with store.open_store(pg) as con:
        store.write(con, docs[:1])
    with pytest.raises(store.StoreError, match="refused: DELETE statement"):
        store.query("DELETE FROM documents", store.grant_reader(pg))
    with pytest.raises(store.StoreError, match="refusing to query as role 'storyline': it is a superuser"):
        store.query("SELECT 1", pg)
    assert store.stats(pg)["documents"] == 1


def test_postgres_unreachable_is_a_clear_error():
    with pytest.raises(store.StoreError, match="cannot connect"):
        store.stats("postgresql://nobody:secret@127.0.0.1:1/none")
    try:
        store.stats("postgresql://nobody:secret@127.0.0.1:1/none")
    except store.StoreError as exc:
        assert "secret" not in str(exc)
