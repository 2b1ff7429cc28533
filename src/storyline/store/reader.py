"""PostgreSQL: the read-only role ``storyline query`` connects as.

``storyline grant-reader --db OWNER_URL [--role storyline_reader]`` creates (or updates) a
login role that is no superuser, creates no role or database, has no predefined server role
(file access, programs, signals, all-data), and holds exactly these privileges: CONNECT on
the database, USAGE on the store's schema, SELECT on the store's tables. Its defaults are
``default_transaction_read_only = on``, a ``statement_timeout`` and (when a superuser runs
``grant-reader``) a ``temp_file_limit``, for sessions other tools open. It prints the role's URL: ``query`` is given that URL, and connects as the
role directly.

``query`` refuses any other kind of role (:func:`why_not_reader`): a superuser, a role
that owns or can write any table of the database, or one that is a member of such a role.
It does not downgrade a privileged session with ``SET ROLE``: the SQL being run could
change the role back (``set_config('role', ...)``), so the privileges must be absent from
the session, not switched off.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit, urlunsplit

from storyline.model.tables import TABLES
from storyline.store.connection import Connection, StoreError, first_line, is_postgres, redact
from storyline.store.schema import META, open_store

DEFAULT_ROLE = "storyline_reader"
ROLE_TIMEOUT = "30s"
"""The reader role's default ``statement_timeout`` (``query`` sets its own per query)."""
ROLE_TEMP_FILES = "1GB"
"""The reader role's ``temp_file_limit``, set when ``grant-reader`` runs as a superuser."""

POWERFUL_ROLES = (
    "pg_read_server_files", "pg_write_server_files", "pg_execute_server_program", "pg_signal_backend",
    "pg_read_all_data", "pg_write_all_data", "pg_checkpoint", "pg_database_owner",
)
"""Predefined roles a reader must not be a member of."""

WHY_NOT = """
WITH mine AS (
    SELECT r.oid, r.rolname, r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolreplication, r.rolbypassrls
    FROM pg_roles r WHERE pg_has_role(%(role)s, r.oid, 'MEMBER')
), writable AS (
    SELECT m.rolname AS via, n.nspname || '.' || c.relname AS rel,
           pg_has_role(m.oid, c.relowner, 'MEMBER') AS owns
    FROM mine m, pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
      AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp)'
      AND (pg_has_role(m.oid, c.relowner, 'MEMBER')
           OR has_table_privilege(m.oid, c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES'))
)
SELECT via, what FROM (
    SELECT 1 AS k, rolname AS via, 'is a superuser' AS what FROM mine WHERE rolsuper
    UNION ALL SELECT 2, rolname, 'can create roles' FROM mine WHERE rolcreaterole
    UNION ALL SELECT 3, rolname, 'can create databases' FROM mine WHERE rolcreatedb
    UNION ALL SELECT 4, rolname, 'is a replication role' FROM mine WHERE rolreplication
    UNION ALL SELECT 5, rolname, 'bypasses row security' FROM mine WHERE rolbypassrls
    UNION ALL SELECT 6, rolname, 'is a predefined server role' FROM mine WHERE rolname = ANY(%(powerful)s)
    UNION ALL SELECT 7, via, CASE WHEN owns THEN 'owns ' ELSE 'can write ' END || rel FROM writable
) w ORDER BY k, via <> %(role)s, via, what LIMIT 1
"""
"""Why a role is not a read-only reader (no row: it is one). The roles it is a member of
count: a member can take their privileges (``SET ROLE``)."""


def why_not_reader(con, role: str) -> str | None:
    """Why ``role`` may not run ``query`` (None when it is a reader); ``con`` a psycopg connection."""
    row = con.execute(WHY_NOT, {"role": role, "powerful": list(POWERFUL_ROLES)}).fetchone()
    if row is None:
        return None
    via, what = row
    if via == role:
        return f"it {what}"
    if what == "is a predefined server role":
        return f"it is a member of {via}"
    return f"it is a member of {via}, which {what}"


def check_reader(con, name: str) -> None:
    """Refuse to run a query in a session whose role can write or administer (one line). The
    session's role is checked as well as the current one: a session that logged in as a
    superuser and then took a reader's role could take its own back."""
    for role in dict.fromkeys(con.execute("SELECT session_user, current_user").fetchone()):
        why = why_not_reader(con, role)
        if why:
            raise StoreError(
                f"{name}: refusing to query as role {role!r}: {why}; query through a read-only role "
                f"(`storyline grant-reader --db URL` creates one and prints its URL)"
            )


def grant_reader(db: str, role: str = DEFAULT_ROLE, password: str | None = None) -> str:
    """Create or update the read-only role ``role`` for the store at ``db`` (a PostgreSQL URL
    of a role that may create roles and grant on the store's tables); returns the URL
    ``query`` should be given (without a password)."""
    if not is_postgres(db):
        raise StoreError(f"{db}: grant-reader is for a PostgreSQL store; DuckDB's queries are confined by the engine")
    with open_store(db) as con:
        try:
            with con.transaction():
                _grant(con, role, password)
        except con.errors as exc:
            raise StoreError(f"{con.name}: cannot create the reader role {role!r}: {first_line(exc)}") from exc
    return reader_url(db, role)


def _grant(con: Connection, role: str, password: str | None) -> None:
    from psycopg import sql

    raw = con.raw
    who = sql.Identifier(role)
    if raw.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role]).fetchone() is None:
        raw.execute(sql.SQL(
            "CREATE ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS"
        ).format(who))
    else:
        why = why_not_reader(raw, role)
        if why:
            raise StoreError(f"{con.name}: role {role!r} exists and is not read-only ({why}); choose another --role")
    if password is not None:
        raw.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(who, sql.Literal(password)))
    raw.execute(sql.SQL("ALTER ROLE {} SET default_transaction_read_only = on").format(who))
    raw.execute(sql.SQL("ALTER ROLE {} SET statement_timeout = {}").format(who, sql.Literal(ROLE_TIMEOUT)))
    if raw.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()[0]:
        # temporary files a query may spill (only a superuser may set this for a role)
        raw.execute(sql.SQL("ALTER ROLE {} SET temp_file_limit = {}").format(who, sql.Literal(ROLE_TEMP_FILES)))
    database, schema = raw.execute("SELECT current_database(), current_schema()").fetchone()
    raw.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database), who))
    raw.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(sql.Identifier(schema), who))
    tables = sql.SQL(", ").join(sql.Identifier(schema, t) for t in (*(t.name for t in TABLES), META))
    raw.execute(sql.SQL("GRANT SELECT ON TABLE {} TO {}").format(tables, who))
    why = why_not_reader(raw, role)
    if why:  # e.g. PUBLIC or a group of the role can write: refuse rather than print a URL query refuses
        raise StoreError(f"{con.name}: role {role!r} would not be read-only ({why})")


def reader_url(db: str, role: str) -> str:
    """``db`` with its user replaced by ``role`` and no password."""
    parts = urlsplit(db)
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit(parts._replace(netloc=f"{quote(role, safe='')}@{host}"))


__all__ = ["DEFAULT_ROLE", "check_reader", "grant_reader", "reader_url", "redact", "why_not_reader"]
