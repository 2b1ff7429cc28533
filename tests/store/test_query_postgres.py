"""`storyline query` on a PostgreSQL store, against a real server, run as a hostile user
would: every query here must be refused with one line and exit status 1 and change nothing
(the store, other tables, roles, server settings, large objects, files, other sessions).
Queries go through the read-only role `storyline grant-reader` creates, never a superuser;
a privileged role's URL is refused. Then the server's own defences are tested without the
statement check in front: the reader role in a plain session, several statements allowed.

The families are those of issue 13 and more of the same kind; ``HOSTILE`` is what
docs/reliability.md counts.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import uuid

import psycopg
import pytest
from click.testing import CliRunner

from storyline import store
from storyline.cli import main
from storyline.store.query import _deadline
from storyline.store.reader import reader_url

HOSTILE = {
    "several statements": [
        "BEGIN READ WRITE; DROP TABLE documents CASCADE; COMMIT",
        "SET default_transaction_read_only = off; COMMIT; DROP TABLE documents CASCADE",
        "SET transaction_read_only = off; UPDATE documents SET text = ''",
        "SELECT 1; DROP TABLE documents",
        "COMMIT; BEGIN READ WRITE; DELETE FROM documents",
        "ROLLBACK; DELETE FROM documents",
        "SELECT 1; COPY (SELECT 1) TO PROGRAM 'touch {dir}/pwned'",
        "SELECT ';'; DROP TABLE documents",
        "SELECT 1 /* ; */ ; DROP TABLE documents",
        "SELECT 1 \\; DROP TABLE documents",
    ],
    "writes and schema changes": [
        "DROP TABLE documents CASCADE",
        "DELETE FROM documents",
        "UPDATE documents SET text = ''",
        "INSERT INTO documents (id) VALUES ('x')",
        "TRUNCATE documents",
        "ALTER TABLE documents ADD COLUMN x INTEGER",
        "CREATE TABLE x (a INTEGER)",
        "CREATE TEMP TABLE x (a INTEGER)",
        "CREATE SCHEMA x",
        "CREATE FUNCTION f() RETURNS INTEGER AS 'SELECT 1' LANGUAGE sql",
        "WITH x AS (DELETE FROM documents RETURNING id) SELECT * FROM x",
        "WITH x AS (UPDATE documents SET text = '' RETURNING id) SELECT count(*) FROM x",
        "SELECT * INTO x FROM documents",
        "SELECT * FROM documents FOR UPDATE",
        "DO $$ BEGIN DELETE FROM documents; END $$",
        "CREATE EXTENSION dblink",
    ],
    "transactions, settings and roles": [
        "BEGIN READ WRITE",
        "COMMIT",
        "SET default_transaction_read_only = off",
        "SET ROLE storyline",
        "RESET ROLE",
        "SET SESSION AUTHORIZATION storyline",
        "RESET ALL",
        "DISCARD ALL",
        "SELECT set_config('role', 'storyline', false)",
        "SELECT set_config('default_transaction_read_only', 'off', false)",
        "SELECT set_config('statement_timeout', '0', false), pg_sleep(3600)",
        "PREPARE p AS SELECT 1",
        "GRANT SELECT ON invoices TO storyline_reader",
        "CREATE ROLE evil SUPERUSER LOGIN",
        "ALTER ROLE storyline_reader SUPERUSER",
    ],
    "server files and programs": [
        "COPY (SELECT 1) TO PROGRAM 'touch {dir}/pwned'",
        "COPY documents TO '{dir}/out.csv'",
        "COPY documents FROM '/etc/passwd'",
        "SELECT pg_read_file('/etc/passwd')",
        "SELECT pg_read_binary_file('/etc/passwd')",
        "SELECT pg_read_file('postgresql.auto.conf')",
        "SELECT pg_ls_dir('/')",
        "SELECT * FROM pg_ls_waldir()",
        "SELECT pg_stat_file('/etc/passwd')",
        "SELECT lo_import('/etc/passwd')",
        "SELECT lo_export(1, '{dir}/lo')",
    ],
    "server administration and other sessions": [
        "ALTER SYSTEM SET work_mem = '1MB'",
        "SELECT pg_reload_conf()",
        "SELECT pg_rotate_logfile()",
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid()",
        "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid()",
        "SELECT pg_terminate_backend(pg_backend_pid())",
        "CHECKPOINT",
        "VACUUM documents",
        "SELECT pg_switch_wal()",
        "SELECT pg_create_restore_point('x')",
        "SELECT pg_create_physical_replication_slot('x')",
        "LOCK TABLE documents IN ACCESS EXCLUSIVE MODE",
    ],
    "large objects": [
        "SELECT lo_create(0)",
        "SELECT lo_creat(-1)",
        "SELECT lo_from_bytea(0, 'x')",
        "SELECT pg_catalog.lo_from_bytea(0, 'x')",
        "SELECT lo_unlink(1)",
        "SELECT lo_put(1, 0, 'x')",
        "SELECT lowrite(lo_open(lo_creat(-1), 131072), 'x')",
        "SELECT * FROM (SELECT lo_create(0)) s",
    ],
    "locks, notifications, connections out": [
        "SELECT pg_advisory_lock(1)",
        "SELECT pg_try_advisory_lock(1)",
        "SELECT pg_advisory_xact_lock(1)",
        "SELECT pg_notify('c', 'x')",
        "LISTEN c",
        "NOTIFY c",
        "SELECT * FROM dblink('host=127.0.0.1', 'DROP TABLE documents') AS t(x text)",
        "SELECT dblink_exec('host=127.0.0.1', 'DROP TABLE documents')",
    ],
    "read otherwise by PostgreSQL than by the check": [
        'SELECT U&"\\006Co_create"(0)',
        'SELECT * FROM (VALUES (U&"\\006Co_create"(0)), (1)) v',
        'SELECT U&"\\0070g_terminate_backend"(pid) FROM pg_stat_activity',
        "SELECT u&'\\0041', U&\"!006Co_create\" UESCAPE '!' (0)",
    ],
    "SQL run from a string": [
        "SELECT query_to_xml('SELECT lo_create(0)', true, true, '')",
        "SELECT query_to_xml('SELECT set_config(''role'', ''none'', false)', true, true, '')",
        "SELECT query_to_xml_and_xmlschema('SELECT pg_terminate_backend(1)', true, true, '')",
        "SELECT ts_stat('SELECT to_tsvector(lo_create(0)::text)')",
    ],
    "other tables and secrets": [
        "SELECT * FROM invoices",
        "SELECT rolpassword FROM pg_authid",
        "SELECT * FROM pg_shadow",
        "SELECT * FROM pg_hba_file_rules",
        "SELECT * FROM pg_file_settings",
        "SELECT current_setting('data_directory')",
    ],
}
CASES = [(family, sql) for family, queries in HOSTILE.items() for sql in queries]

# The server alone: the reader role in a plain session (simple protocol, several statements
# per string, default_transaction_read_only off) must still be stopped by its privileges.
SERVER_ALONE = [
    "BEGIN READ WRITE; DROP TABLE documents CASCADE; COMMIT",
    "SET default_transaction_read_only = off; COMMIT; DROP TABLE documents CASCADE",
    "SET transaction_read_only = off; UPDATE documents SET text = ''",
    "DELETE FROM documents", "INSERT INTO documents (id) VALUES ('x')", "TRUNCATE documents",
    "ALTER TABLE documents ADD COLUMN x INTEGER", "DROP TABLE invoices", "CREATE TABLE public.x (a INTEGER)",
    "CREATE SCHEMA x", "GRANT SELECT ON invoices TO storyline_reader", "CREATE ROLE evil SUPERUSER",
    "ALTER ROLE storyline_reader SUPERUSER", "SET ROLE storyline", "SET SESSION AUTHORIZATION storyline",
    "SELECT set_config('role', 'storyline', false)",
    "COPY (SELECT 1) TO PROGRAM 'touch {dir}/pwned'", "COPY documents TO '{dir}/out.csv'",
    "COPY documents FROM '/etc/passwd'", "SELECT pg_read_file('/etc/passwd')", "SELECT pg_ls_dir('/')",
    "ALTER SYSTEM SET work_mem = '1MB'", "SELECT pg_reload_conf()", "SELECT lo_import('/etc/passwd')",
    "SELECT pg_terminate_backend({owner_pid})", "SELECT * FROM invoices", "SELECT rolpassword FROM pg_authid",
    "CHECKPOINT", "SELECT pg_switch_wal()",
]


@pytest.fixture(scope="module")
def pgs(pg_database, hand_built_doc):
    """A store with one document and another application's table, its reader's URL, a folder
    the server could write to, and two bystander sessions (the owner's, another reader's)."""
    db = pg_database("hq")
    with store.open_store(db) as con:
        store.write(con, [hand_built_doc()])
        con.execute("CREATE TABLE invoices (n INTEGER)")
        con.execute("INSERT INTO invoices VALUES (1)")
    reader = store.grant_reader(db)
    folder = tempfile.mkdtemp(prefix="storyline-hostile-", dir="/tmp")
    os.chmod(folder, 0o777)  # the server runs as another user: it could write here if let
    owner = psycopg.connect(db, autocommit=True)
    other_reader = psycopg.connect(reader, autocommit=True)
    yield {"db": db, "reader": reader, "dir": folder, "owner": owner, "other_reader": other_reader}
    owner.close()
    other_reader.close()
    shutil.rmtree(folder, ignore_errors=True)


def _snapshot(s) -> tuple:
    owner = s["owner"]  # a terminated bystander would raise here
    s["other_reader"].execute("SELECT 1")
    tables = [r[0] for r in owner.execute(
        "SELECT table_schema || '.' || table_name FROM information_schema.tables "
        "WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1")]
    counts = {t: owner.execute(f"SELECT count(*), md5(string_agg(t::text, '' ORDER BY t::text)) FROM {t} t").fetchone()
              for t in tables}
    roles = owner.execute("SELECT rolname, rolsuper, rolcreaterole, rolcanlogin FROM pg_roles ORDER BY 1").fetchall()
    grants = owner.execute("SELECT grantee, table_name, privilege_type FROM information_schema.role_table_grants "
                           "WHERE grantee = 'storyline_reader' ORDER BY 1, 2, 3").fetchall()
    objects = owner.execute("SELECT count(*) FROM pg_largeobject_metadata").fetchone()
    auto_conf = owner.execute("SELECT pg_read_file('postgresql.auto.conf')").fetchone()
    settings = owner.execute("SELECT setdatabase, setrole, setconfig FROM pg_db_role_setting ORDER BY 1, 2").fetchall()
    return tables, counts, roles, grants, objects, auto_conf, settings, sorted(os.listdir(s["dir"]))


def _query(db: str, sql: str, *options: str):
    return CliRunner().invoke(main, ["query", "--db", db, "--format", "csv", *options, "--", sql])


def _refused(result) -> str:
    assert result.exit_code == 1, (result.exit_code, result.output)
    [line] = result.stderr.splitlines()
    assert line.startswith("storyline: error:") and "Traceback" not in result.output
    return line


@pytest.mark.parametrize("family, sql", CASES, ids=[f"{f}: {s[:40]}" for f, s in CASES])
def test_hostile_query_is_refused_and_changes_nothing(pgs, family, sql):
    before = _snapshot(pgs)
    _refused(_query(pgs["reader"], sql.replace("{dir}", pgs["dir"])))
    assert _snapshot(pgs) == before


@pytest.mark.parametrize("sql", SERVER_ALONE, ids=[s[:40] for s in SERVER_ALONE])
def test_the_reader_role_alone_cannot_do_it(pgs, sql):
    before = _snapshot(pgs)
    owner_pid = str(pgs["owner"].info.backend_pid)
    sql = sql.replace("{dir}", pgs["dir"]).replace("{owner_pid}", owner_pid)
    with psycopg.connect(pgs["reader"], autocommit=True, options="-c default_transaction_read_only=off") as con:
        with pytest.raises(psycopg.Error):
            con.execute(sql)  # no parameters: the simple protocol, which runs several statements
    assert _snapshot(pgs) == before


def test_the_readers_grants_are_select_on_the_stores_tables_only(pgs):
    grants = pgs["owner"].execute(
        "SELECT table_name, privilege_type FROM information_schema.role_table_grants "
        "WHERE grantee = 'storyline_reader' AND table_catalog = current_database()").fetchall()
    assert {p for _, p in grants} == {"SELECT"}
    assert {t for t, _ in grants} == {*store.TABLES, "storyline_meta"}
    role = pgs["owner"].execute("SELECT rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls, rolinherit "
                                "FROM pg_roles WHERE rolname = 'storyline_reader'").fetchone()
    assert role == (False,) * 6
    [(config,)] = pgs["owner"].execute("SELECT setconfig FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole "
                                       "WHERE r.rolname = 'storyline_reader' AND s.setdatabase = 0").fetchall()
    assert set(config) == {"default_transaction_read_only=on", "statement_timeout=30s", "temp_file_limit=1GB"}


@pytest.mark.parametrize("sql", [
    "SELECT pg_sleep(3600)",
    "SELECT count(*) FROM generate_series(1, 100000) a, generate_series(1, 1000000) b",
    "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r",
])
def test_a_query_past_its_time_limit_is_cancelled(pgs, sql):
    line = _refused(_query(pgs["reader"], sql, "--timeout", "0.5"))
    assert "query cancelled: it ran longer than 0.5 s" in line


def test_the_client_cancels_even_without_the_servers_timeout(pgs):
    # the second defence on its own: a session whose statement_timeout is off
    expired = threading.Event()
    with psycopg.connect(pgs["reader"], options="-c statement_timeout=0") as con:
        with pytest.raises(psycopg.errors.QueryCanceled):
            with _deadline(0.3, lambda: con.cancel_safe(timeout=5), expired):
                con.execute("SELECT pg_sleep(3600)")
    assert expired.is_set()


def test_rows_past_the_row_limit_are_cut_and_said_so(pgs):
    # a set-returning function in the select list streams (in FROM, the server would first
    # materialise all its rows: the row limit bounds what is fetched, the time limit the work)
    result = _query(pgs["reader"], "SELECT generate_series(1, 1000000000)", "--max-rows", "5")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["generate_series", "1", "2", "3", "4", "5"]
    assert "output cut at 5 rows (--max-rows)" in result.stderr


def test_the_reader_reads_the_store(pgs):
    result = store.query("SELECT name FROM entities ORDER BY name", pgs["reader"])
    assert result.rows == [("Anil Ramdin",), ("harbour authority",)]
    assert store.query("SELECT count(*) FROM documents WHERE text LIKE '%fined%'", pgs["reader"]).rows == [(1,)]
    assert store.query("SELECT 1 -- ; DROP TABLE documents", pgs["reader"]).rows == [(1,)]
    assert store.query("SELECT $$; DROP TABLE documents; $$", pgs["reader"]).rows == [("; DROP TABLE documents; ",)]
    # the session the query runs in: read-only, time-limited, strings read as the check reads them
    settings = store.query("SELECT current_setting('transaction_read_only'), current_setting('statement_timeout'), "
                           "current_setting('standard_conforming_strings'), current_user", pgs["reader"], timeout=7).rows
    assert settings == [("on", "7s", "on", "storyline_reader")]


def _role(owner, name: str, *grants: str, inherit: bool = True) -> str:
    owner.execute(f'CREATE ROLE "{name}" LOGIN {"INHERIT" if inherit else "NOINHERIT"}')
    for grant in grants:
        owner.execute(grant.format(role=f'"{name}"'))
    return name


def test_a_privileged_role_is_refused(pgs, pg_database, hand_built_doc):
    owner, db = pgs["owner"], pgs["db"]
    tag = uuid.uuid4().hex[:6]
    writer = _role(owner, f"writer_{tag}", "GRANT SELECT, INSERT ON documents TO {role}", "GRANT USAGE ON SCHEMA public TO {role}")
    files = _role(owner, f"files_{tag}", "GRANT pg_read_server_files TO {role}")
    member = _role(owner, f"member_{tag}", f'GRANT "{writer}" TO {{role}}', inherit=False)  # can SET ROLE to it
    cases = {
        db: "it is a superuser",
        reader_url(db, writer): "it can write public.documents",
        reader_url(db, files): "it is a member of pg_read_server_files",
        reader_url(db, member): f"it is a member of {writer}, which can write public.documents",
    }
    for url, why in cases.items():
        line = _refused(_query(url, "SELECT count(*) FROM documents"))
        assert "refusing to query as role" in line and why in line, line
    assert "secret" not in _refused(_query(db.replace("storyline@", "storyline:secret@"), "SELECT 1"))
    # a superuser's URL asking for the reader's role at connection: the session is still the
    # superuser's (query's own connection options replace the URL's)
    assert "it is a superuser" in _refused(_query(db + "?options=-c%20role%3Dstoryline_reader", "SELECT 1"))


def test_a_store_owner_who_is_no_superuser_is_refused(pgs, pg_database, hand_built_doc):
    # the issue: "BEGIN READ WRITE; DROP TABLE documents CASCADE; COMMIT" as the store's owner
    name = f"owner_{uuid.uuid4().hex[:6]}"
    pgs["owner"].execute(f'CREATE ROLE "{name}" LOGIN')
    server = pgs["db"].rsplit("/", 1)[0]
    database = f"own_{uuid.uuid4().hex[:8]}"
    pgs["owner"].execute(f'CREATE DATABASE "{database}" OWNER "{name}"')
    url = reader_url(f"{server}/{database}", name)
    with store.open_store(url) as con:
        store.write(con, [hand_built_doc()])
    for sql in ("BEGIN READ WRITE; DROP TABLE documents CASCADE; COMMIT", "SELECT count(*) FROM documents"):
        _refused(_query(url, sql))
    # creating a role takes CREATEROLE: here the server's superuser grants on the owner's store
    reader = store.grant_reader(f"{pgs['db'].rsplit('/', 1)[0]}/{database}", f"r_{name}")
    assert store.query("SELECT count(*) FROM documents", reader).rows == [(1,)]


def test_grant_reader_will_not_make_a_privileged_role_the_reader(pgs):
    with pytest.raises(store.StoreError, match="exists and is not read-only"):
        store.grant_reader(pgs["db"], "storyline")
    result = CliRunner().invoke(main, ["grant-reader", "--db", "store.duckdb"])
    assert result.exit_code == 1 and "for a PostgreSQL store" in result.stderr


def test_grant_reader_sets_a_password_from_the_environment(pgs, monkeypatch):
    role = f"pw_{uuid.uuid4().hex[:6]}"
    monkeypatch.setenv("READER_PASSWORD", "s3cret")
    result = CliRunner().invoke(main, ["grant-reader", "--db", pgs["db"], "--role", role, "--password-env", "READER_PASSWORD"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().startswith(f"postgresql://{role}@") and "s3cret" not in result.output
    [(password,)] = pgs["owner"].execute("SELECT rolpassword FROM pg_authid WHERE rolname = %s", [role]).fetchall()
    assert password and password.startswith("SCRAM-SHA-256$")
    missing = CliRunner().invoke(main, ["grant-reader", "--db", pgs["db"], "--password-env", "NO_SUCH_VARIABLE_SET"])
    assert missing.exit_code == 1 and "NO_SUCH_VARIABLE_SET" in missing.stderr
