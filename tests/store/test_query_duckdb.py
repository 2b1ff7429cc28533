"""`storyline query` on a DuckDB store, run as a hostile user would: every query here must be
refused with one line and exit status 1, and leave the store, the other database beside
it and the file system as they were. Then each defence is tested on its own: the
statement check, and the engine's configuration without the check in front of it.

The families are those of issue 13 and more of the same kind; ``HOSTILE`` is what
docs/reliability.md counts.
"""

from __future__ import annotations

import hashlib
import os

import duckdb
import pytest
from click.testing import CliRunner

from storyline import store
from storyline.cli import main
from storyline.store import guard
from storyline.store.connection import Connection

HOSTILE = {
    "several statements": [
        "SELECT 1; DROP TABLE documents",
        "SELECT 1;DELETE FROM documents",
        "SELECT ';'; DROP TABLE documents",
        "SELECT 1 /* ; */ ; DROP TABLE documents",
        "SELECT 1 -- comment\n; DROP TABLE documents",
        "BEGIN; DELETE FROM documents; COMMIT",
        "ATTACH '{dir}/other.duckdb' AS o (READ_WRITE); INSERT INTO o.t VALUES (2)",
        "SELECT 1; SELECT 2",
        "SELECT count(*) FROM documents; PRAGMA threads=64",
    ],
    "writes and schema changes": [
        "DROP TABLE documents",
        "/* SELECT */ DROP TABLE documents CASCADE",
        "-- SELECT\nDELETE FROM documents",
        "UPDATE documents SET text = ''",
        "INSERT INTO documents (id) VALUES ('x')",
        "INSERT OR REPLACE INTO documents (id) VALUES ('x')",
        "TRUNCATE documents",
        "ALTER TABLE documents ADD COLUMN x INTEGER",
        "CREATE TABLE x (a INTEGER)",
        "CREATE TEMP TABLE x (a INTEGER)",
        "CREATE VIEW v AS SELECT 1",
        "CREATE MACRO m() AS 1",
        "CREATE SEQUENCE s",
        "WITH x AS (DELETE FROM documents RETURNING id) SELECT * FROM x",
        "WITH x AS (UPDATE documents SET text = '' RETURNING id) SELECT count(*) FROM x",
        "WITH x AS (INSERT INTO documents (id) VALUES ('x') RETURNING id) SELECT * FROM x",
        "SELECT * INTO x FROM documents",
    ],
    "transactions and settings": [
        "BEGIN TRANSACTION",
        "COMMIT",
        "ROLLBACK",
        "SET threads = 64",
        "SET enable_external_access = true",
        "SET memory_limit = '100GB'",
        "RESET ALL",
        "SET VARIABLE v = 1",
        "PRAGMA threads = 64",
        "PRAGMA enable_profiling",
        "CALL enable_logging()",
        "USE memory",
        "CHECKPOINT",
        "VACUUM",
        "DETACH DATABASE s",
        "PREPARE p AS SELECT 1",
        "EXPLAIN ANALYZE SELECT count(*) FROM documents",
    ],
    "files and other databases": [
        "COPY documents TO '{dir}/out.csv'",
        "COPY (SELECT text FROM documents) TO '{dir}/out.csv'",
        "COPY documents FROM '{dir}/secret.txt'",
        "EXPORT DATABASE '{dir}/export'",
        "IMPORT DATABASE '{dir}/export'",
        "ATTACH '{dir}/other.duckdb' AS o (READ_WRITE)",
        "ATTACH ':memory:' AS m",
        "WITH x AS (COPY (SELECT 42) TO '{dir}/out.csv') SELECT 1",
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_csv_auto('{dir}/secret.txt')",
        "SELECT * FROM read_text('/etc/passwd')",
        "SELECT * FROM read_text('{dir}/secret.txt')",
        "SELECT * FROM read_blob('/etc/shadow')",
        "SELECT * FROM glob('/root/*')",
        "SELECT * FROM glob('{dir}/*')",
        "SELECT * FROM read_json('{dir}/secret.txt')",
        "SELECT * FROM read_json_objects('{dir}/secret.txt')",
        "SELECT * FROM read_ndjson('{dir}/secret.txt')",
        "SELECT * FROM read_parquet('{dir}/secret.txt')",
        "SELECT * FROM parquet_metadata('{dir}/secret.txt')",
        "SELECT * FROM sniff_csv('{dir}/secret.txt')",
        "SELECT * FROM '{dir}/secret.txt'",
        "FROM '{dir}/other.duckdb'",
        "SELECT * FROM read_csv('http://127.0.0.1:9/x.csv')",
        "SELECT * FROM query('SELECT * FROM read_text(''{dir}/secret.txt'')')",
        "SELECT * FROM query_table('{dir}/secret.txt')",
        "SELECT * FROM duckdb_extensions()",
    ],
    "SQL run from a string": [
        "SELECT * FROM query('SELECT 42')",
        "SELECT * FROM query('DELETE FROM documents')",
        "SELECT * FROM query_table('documents')",
    ],
    "extensions": [
        "INSTALL httpfs",
        "FORCE INSTALL httpfs",
        "INSTALL httpfs FROM 'http://127.0.0.1:9'",
        "LOAD httpfs",
        "LOAD '{dir}/x.duckdb_extension'",
        "SELECT * FROM read_xlsx('{dir}/secret.txt')",
        "SELECT * FROM sqlite_scan('{dir}/other.duckdb', 't')",
        "SELECT * FROM iceberg_scan('{dir}')",
        "CREATE SECRET s (TYPE s3, KEY_ID 'k', SECRET 'v')",
    ],
}
CASES = [(family, sql) for family, queries in HOSTILE.items() for sql in queries]

# The engine alone (no statement check in front): a read-only, locked, external-access-free
# connection must stop every query of these kinds by itself.
ENGINE_ALONE = [
    "DROP TABLE documents", "DELETE FROM documents", "UPDATE documents SET text = ''",
    "INSERT INTO documents (id) VALUES ('x')", "CREATE TABLE x (a INTEGER)",
    "WITH x AS (DELETE FROM documents RETURNING id) SELECT * FROM x",
    "WITH x AS (COPY (SELECT 42) TO '{dir}/out.csv') SELECT 1",
    "COPY documents TO '{dir}/out.csv'", "EXPORT DATABASE '{dir}/export'",
    "ATTACH '{dir}/other.duckdb' AS o (READ_WRITE)", "ATTACH ':memory:' AS m",
    "INSTALL httpfs", "LOAD httpfs", "LOAD '{dir}/x.duckdb_extension'",
    "SET threads = 64", "SET enable_external_access = true", "PRAGMA threads = 64", "CALL enable_logging()",
    "SELECT * FROM read_csv('/etc/passwd')", "SELECT * FROM read_text('{dir}/secret.txt')",
    "SELECT * FROM read_blob('/etc/shadow')", "SELECT * FROM glob('/root/*')", "SELECT * FROM '{dir}/secret.txt'",
    "SELECT * FROM query('SELECT * FROM read_text(''{dir}/secret.txt'')')",
]

# Comments, string literals and quoted names that look like a second statement: one SELECT
# each, which runs and returns its rows.
NOT_FOOLED = [
    ("SELECT 1 -- ; DROP TABLE documents", [(1,)]),
    ("SELECT 1 /* ; DROP TABLE documents */", [(1,)]),
    ("SELECT 1 /* /* nested */ ; DROP TABLE documents */", [(1,)]),
    ("/* DROP TABLE documents; */ SELECT count(*) FROM documents", [(1,)]),
    ("SELECT ';DROP TABLE documents;'", [(";DROP TABLE documents;",)]),
    ("SELECT 'it''s; DROP TABLE documents'", [("it's; DROP TABLE documents",)]),
    ("SELECT $$; DROP TABLE documents; $$", [("; DROP TABLE documents; ",)]),
    ('SELECT "a;b" FROM (SELECT 1 AS "a;b") t', [(1,)]),
    ("SELECT count(*) FROM documents;", [(1,)]),
    ("WITH d AS (SELECT id FROM documents) SELECT count(*) FROM d", [(1,)]),
    ("VALUES (1, 'a')", [(1, "a")]),
    ("FROM documents SELECT count(*)", [(1,)]),
    ("SELECT 'DELETE FROM documents' AS sql", [("DELETE FROM documents",)]),
]


@pytest.fixture(scope="module")
def duck(tmp_path_factory, hand_built_doc):
    """A store with one document, another DuckDB file and a secret file beside it."""
    folder = tmp_path_factory.mktemp("hostile")
    db = str(folder / "s.duckdb")
    with store.open_store(db) as con:
        store.write(con, [hand_built_doc()])
    other = duckdb.connect(str(folder / "other.duckdb"))
    other.execute("CREATE TABLE t (a INTEGER)")
    other.execute("INSERT INTO t VALUES (1)")
    other.close()
    (folder / "secret.txt").write_text("root:x:0:0\n", encoding="utf-8")
    return db, str(folder)


def _snapshot(db: str, folder: str) -> tuple:
    """The folder's file names and every file's bytes (digested): a read-only connection
    writes nothing, so any change is the query's doing."""
    digests = []
    for root, _, files in sorted(os.walk(folder)):
        for name in sorted(files):
            with open(os.path.join(root, name), "rb") as f:
                digests.append((os.path.relpath(os.path.join(root, name), folder), hashlib.sha256(f.read()).hexdigest()))
    return tuple(digests)


def _query(db: str, sql: str, *options: str):
    return CliRunner().invoke(main, ["query", "--db", db, "--format", "csv", *options, "--", sql])


def _refused(result) -> str:
    assert result.exit_code == 1, (result.exit_code, result.output)
    [line] = result.stderr.splitlines()
    assert line.startswith("storyline: error:")
    assert "Traceback" not in result.output
    return line


@pytest.mark.parametrize("family, sql", CASES, ids=[f"{f}: {s[:40]}" for f, s in CASES])
def test_hostile_query_is_refused_and_changes_nothing(duck, family, sql):
    db, folder = duck
    before = _snapshot(db, folder)
    _refused(_query(db, sql.replace("{dir}", folder)))
    assert _snapshot(db, folder) == before


@pytest.mark.parametrize("sql", ENGINE_ALONE, ids=[s[:40] for s in ENGINE_ALONE])
def test_the_engine_alone_stops_it(duck, sql):
    db, folder = duck
    before = _snapshot(db, folder)
    con = Connection(db, read_only=True)
    try:
        with pytest.raises(duckdb.Error):
            con.raw.execute(sql.replace("{dir}", folder)).fetchall()
    finally:
        con.close()
    assert _snapshot(db, folder) == before


@pytest.mark.parametrize("sql, rows", NOT_FOOLED, ids=[s[:40] for s, _ in NOT_FOOLED])
def test_comments_and_literals_do_not_fool_the_check(duck, sql, rows):
    db, folder = duck
    assert guard.check(sql) == sql
    assert store.query(sql, db).rows == rows
    assert store.stats(db)["documents"] == 1


def test_a_query_past_its_time_limit_is_cancelled(duck):
    db, folder = duck
    line = _refused(_query(db, "SELECT count(*) FROM range(100000) a, range(1000000) b", "--timeout", "0.5"))
    assert "query cancelled: it ran longer than 0.5 s" in line


def test_rows_past_the_row_limit_are_cut_and_said_so(duck):
    db, _ = duck
    result = _query(db, "SELECT a.range * 1000000 + b.range FROM range(100000) a, range(1000000) b", "--max-rows", "5")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 1 + 5
    assert "output cut at 5 rows (--max-rows)" in result.stderr
    whole = _query(db, "SELECT * FROM range(5)", "--max-rows", "5")
    assert len(whole.stdout.splitlines()) == 6 and "cut" not in whole.stderr


def test_a_query_past_the_memory_limit_fails_in_one_line(duck):
    db, _ = duck
    line = _refused(_query(db, "SELECT string_agg(repeat('x', 1000), '') FROM range(2000000)", "--timeout", "20"))
    assert "Out of Memory" in line or "cancelled" in line


def test_a_query_the_parser_cannot_read_is_refused(duck):
    db, _ = duck
    line = _refused(_query(db, "SELEC * FROM documents"))
    assert "refused: the SQL cannot be parsed" in line
    assert "refused: no SQL statement" in _refused(_query(db, "-- nothing but a comment"))


def test_the_reads_the_store_offers_still_work(duck):
    db, _ = duck
    result = store.query("SELECT name FROM entities ORDER BY name", db)
    assert result.rows == [("Anil Ramdin",), ("harbour authority",)] and not result.truncated
    assert store.query("DESCRIBE documents", db).rows
    tables = {r[0] for r in store.query("SELECT table_name FROM information_schema.tables", db).rows}
    assert set(store.TABLES) <= tables
