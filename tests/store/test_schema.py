"""The store's schema: derived from model/tables.py, the same tables as version 1 always had,
and a recorded version that is checked whenever a store is opened."""

from __future__ import annotations

import pytest

from storyline import store
from storyline.store.connection import Connection
from storyline.store.schema import META, SCHEMA_VERSION

# The version-1 tables as the store created them before they were derived from the model.
# Existing queries rely on these names, types and this order: a change is a new version.
VERSION_1 = """
CREATE TABLE documents (
    id VARCHAR PRIMARY KEY, source VARCHAR, outlet VARCHAR, url VARCHAR, headline VARCHAR, byline VARCHAR,
    published DATE, dateline VARCHAR, text VARCHAR, ingested_at TIMESTAMP, record JSON
);
CREATE TABLE cited_sources (doc_id VARCHAR, outlet VARCHAR, title VARCHAR);
CREATE TABLE entities (
    doc_id VARCHAR, entity_id VARCHAR, name VARCHAR, type VARCHAR, country VARCHAR,
    actor VARCHAR, role VARCHAR, aliases VARCHAR[]
);
CREATE TABLE mentions (doc_id VARCHAR, entity_id VARCHAR, start_char INTEGER, end_char INTEGER);
CREATE TABLE quotes (
    doc_id VARCHAR, idx INTEGER, speaker VARCHAR, speaker_name VARCHAR, speaker_type VARCHAR,
    cue VARCHAR, text VARCHAR, kind VARCHAR, medium VARCHAR, status VARCHAR, section VARCHAR,
    field VARCHAR, start_char INTEGER, end_char INTEGER, evidence JSON
);
CREATE TABLE events (
    doc_id VARCHAR, idx INTEGER, source VARCHAR, source_entity VARCHAR, target VARCHAR,
    target_entity VARCHAR, code VARCHAR, root VARCHAR, plover VARCHAR, goldstein DOUBLE PRECISION,
    trigger VARCHAR, date VARCHAR, date_source VARCHAR, location VARCHAR, location_country VARCHAR,
    lat DOUBLE PRECISION, lon DOUBLE PRECISION, status VARCHAR, quote INTEGER, section VARCHAR, sentence VARCHAR,
    start_char INTEGER, end_char INTEGER
);
CREATE TABLE times (
    doc_id VARCHAR, time_id VARCHAR, text VARCHAR, value VARCHAR, mod VARCHAR, type VARCHAR,
    anchor VARCHAR, start_char INTEGER, end_char INTEGER
);
CREATE TABLE flags (doc_id VARCHAR, idx INTEGER, type VARCHAR, message VARCHAR, spans JSON, details JSON);
CREATE TABLE stories (story_id VARCHAR, doc_id VARCHAR);
"""

COLUMNS = (
    "SELECT table_name, column_name, ordinal_position, data_type, is_nullable FROM information_schema.columns "
    "WHERE table_schema = current_schema() AND table_name <> 'storyline_meta' "
    "ORDER BY table_name, ordinal_position"
)
PRIMARY_KEYS = (
    "SELECT tc.table_name, kcu.column_name FROM information_schema.table_constraints tc "
    "JOIN information_schema.key_column_usage kcu ON tc.constraint_name = kcu.constraint_name "
    "AND tc.table_name = kcu.table_name WHERE tc.constraint_type = 'PRIMARY KEY' "
    "AND tc.table_schema = current_schema() AND tc.table_name <> 'storyline_meta' ORDER BY 1, 2"
)


def _run(db, sql: str, params=()) -> None:
    con = Connection(db)
    try:
        with con.transaction():
            for statement in sql.split(";"):
                if statement.strip():
                    con.execute(statement, params)
    finally:
        con.close()


def _read(db, sql: str) -> list[tuple]:
    """Rows read as the database's owner (the catalog, other applications' tables), not
    through ``query``, which confines PostgreSQL reads to the store's tables."""
    con = Connection(db, read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _describe(db) -> tuple[list, list]:
    return _read(db, COLUMNS), _read(db, PRIMARY_KEYS)


def _second(db, tmp_path, request):
    """A second, empty database on the same backend as ``db``."""
    if not store.is_postgres(db):
        return str(tmp_path / "second.duckdb")
    import psycopg

    server = request.getfixturevalue("postgres_url")
    name = db.rsplit("/", 1)[1] + "_v1"
    with psycopg.connect(server, autocommit=True) as con:
        con.execute(f'CREATE DATABASE "{name}"')
    return server.rsplit("/", 1)[0] + "/" + name


NEW_IN_3 = ("according_to", "according_start", "according_end")  # version 3: events.according_to and its span
LINKS = ("stories", "story_members", "copies", "embeddings", "actor_links", "claim_support", "event_support",
         "contradictions")  # version 2: the tables of storyline link


def test_derived_tables_are_the_version_1_tables_and_the_link_tables(db, tmp_path, request):
    with store.open_store(db):
        pass
    legacy = _second(db, tmp_path, request)
    _run(legacy, VERSION_1)
    derived, keys = _describe(db)
    new_in_2 = [r for r in derived if r[:2] == ("cited_sources", "kind")]
    assert len(new_in_2) == 1  # version 2 also records whether a cited source is a wire
    new_in_3 = [r for r in derived if r[0] == "events" and r[1] in NEW_IN_3]
    assert [r[1] for r in new_in_3] == list(NEW_IN_3)  # version 3: who reports an event, after its other columns
    assert max(r[2] for r in derived if r[0] == "events" and r not in new_in_3) < min(r[2] for r in new_in_3)
    assert [r for r in derived if r[0] not in LINKS and r not in new_in_2 + new_in_3] == [
        r for r in _describe(legacy)[0] if r[0] != "stories"]
    assert {t for t, *_ in derived} == set(store.TABLES)
    assert [c for t, c, *_ in derived if t == "stories"] == ["story_id", "headline", "first_seen", "outlets", "articles"]
    assert keys == [("copies", "doc_id"), ("documents", "id"), ("embeddings", "doc_id"), ("stories", "story_id")]


@pytest.mark.parametrize("recorded", [True, False], ids=["recorded", "adopted"])
def test_a_version_1_store_is_upgraded_keeping_its_documents(db, document, recorded):
    _run(db, VERSION_1)
    if recorded:
        _run(db, f"CREATE TABLE {META} (key VARCHAR PRIMARY KEY, value VARCHAR)")
        _run(db, f"INSERT INTO {META} VALUES ('schema_version', '1')")
    _run(db, "INSERT INTO documents (id, source, text) VALUES ('abc', 'old.txt', 'An old body.')")
    _run(db, "INSERT INTO cited_sources (doc_id, outlet, title) VALUES ('abc', 'The Old Gazette', NULL)")
    assert store.stats(db)["documents"] == 1  # read-only: read as version 1, nothing changed
    with store.open_store(db) as con:
        assert store.write(con, [document]) == (1, 0)
    assert _read(db, f"SELECT value FROM {META}") == [(str(SCHEMA_VERSION),)]
    assert _read(db, "SELECT source FROM documents ORDER BY source") == [("harbour.txt",), ("old.txt",)]
    cols = _read(db, "SELECT column_name FROM information_schema.columns WHERE table_name = 'stories' "
                     "AND table_schema = current_schema() ORDER BY ordinal_position")
    assert [c for (c,) in cols][:2] == ["story_id", "headline"]
    assert _read(db, "SELECT outlet, kind FROM cited_sources WHERE doc_id = 'abc'") == [("The Old Gazette", "source")]
    assert {t for (t,) in _read(db, "SELECT table_name FROM information_schema.tables "
                                    "WHERE table_schema = current_schema()")} >= set(LINKS)


def test_a_version_2_store_gains_the_reporter_of_events_keeping_its_rows(db, document):
    # a version-2 store: version 1's tables with cited_sources.kind, the link tables, version "2"
    _run(db, VERSION_1)
    _run(db, f"CREATE TABLE {META} (key VARCHAR PRIMARY KEY, value VARCHAR)")
    _run(db, f"INSERT INTO {META} VALUES ('schema_version', '1')")
    with store.open_store(db):
        pass  # version 1 -> current, then taken back to version 2's events table below
    _run(db, "ALTER TABLE events DROP COLUMN according_end; ALTER TABLE events DROP COLUMN according_start; "
             "ALTER TABLE events DROP COLUMN according_to")
    _run(db, f"UPDATE {META} SET value = '2' WHERE key = 'schema_version'")
    _run(db, "INSERT INTO events (doc_id, idx, code, sentence) VALUES ('old', 0, '190', 'An old event.')")
    assert store.stats(db)["events"] == 1  # read-only: read as version 2
    with store.open_store(db) as con:
        assert store.write(con, [document]) == (1, 0)
    assert _read(db, f"SELECT value FROM {META}") == [(str(SCHEMA_VERSION),)]
    assert _read(db, "SELECT code, according_to, according_start FROM events WHERE doc_id = 'old'") == [("190", None, None)]
    cols = _read(db, "SELECT column_name FROM information_schema.columns WHERE table_name = 'events' "
                     "AND table_schema = current_schema() ORDER BY ordinal_position")
    assert tuple(c for (c,) in cols)[-3:] == NEW_IN_3


def test_a_version_1_stories_table_with_rows_is_not_dropped(db):
    _run(db, VERSION_1)
    _run(db, "INSERT INTO stories VALUES ('x', 'y')")
    with pytest.raises(store.StoreError, match="stories table holds rows") as err:
        with store.open_store(db):
            pass
    assert "\n" not in str(err.value)
    assert _read(db, "SELECT * FROM stories") == [("x", "y")]


def test_a_new_store_records_its_version(db):
    with store.open_store(db):
        pass
    assert _read(db, f"SELECT key, value FROM {META}") == [("schema_version", str(SCHEMA_VERSION))]
    with store.open_store(db):  # opening again adds nothing
        pass
    assert _read(db, f"SELECT count(*) FROM {META}") == [(1,)]


def test_an_unknown_version_is_refused_for_reading_and_writing(db):
    with store.open_store(db):
        pass
    _run(db, f"UPDATE {META} SET value = '99' WHERE key = 'schema_version'")
    for open_it in (lambda: store.stats(db), lambda: store.query("SELECT 1", db), lambda: store.open_store(db).__enter__()):
        with pytest.raises(store.StoreError, match="schema version 99 is unknown") as err:
            open_it()
        assert "\n" not in str(err.value)


def test_a_version_table_without_a_version_is_refused(db):
    with store.open_store(db):
        pass
    _run(db, f"DELETE FROM {META}")
    with pytest.raises(store.StoreError, match="not a Storyline store"):
        store.stats(db)


def test_a_store_from_before_the_version_is_adopted_as_version_1(db, document):
    _run(db, VERSION_1)
    assert store.stats(db)["documents"] == 0  # read-only: read as before, nothing written
    assert _read(db, f"SELECT count(*) FROM information_schema.tables WHERE table_name = '{META}'") == [(0,)]
    with store.open_store(db) as con:
        assert store.write(con, [document]) == (1, 0)
    assert _read(db, f"SELECT value FROM {META}") == [(str(SCHEMA_VERSION),)]
    assert store.stats(db)["documents"] == 1


def test_a_database_shared_with_other_tables_gets_its_own_beside_them(db, document):
    # a team's PostgreSQL database may hold other applications' tables: they are left alone
    _run(db, "CREATE TABLE invoices (n INTEGER)")
    with store.open_store(db) as con:
        assert store.write(con, [document]) == (1, 0)
    tables = {r[0] for r in _read(
        db, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")}
    assert {"invoices", "documents", META} <= tables
    assert _read(db, "SELECT count(*) FROM invoices") == [(0,)]
    assert _read(db, f"SELECT value FROM {META}") == [(str(SCHEMA_VERSION),)]


def test_a_database_with_part_of_the_tables_is_not_a_store(db):
    _run(db, VERSION_1.split("CREATE TABLE events")[0])
    with pytest.raises(store.StoreError, match="no events, times, flags, stories table"):
        with store.open_store(db):
            pass


def test_a_table_with_other_columns_is_not_a_store(db):
    _run(db, VERSION_1.replace("anchor VARCHAR, ", ""))
    with pytest.raises(store.StoreError, match="times not as Storyline has them"):
        with store.open_store(db):
            pass


def test_extra_tables_beside_a_store_are_left_alone(db, document):
    with store.open_store(db):
        pass
    _run(db, "CREATE TABLE notes (doc_id VARCHAR, note VARCHAR)")
    with store.open_store(db) as con:
        assert store.write(con, [document]) == (1, 0)
