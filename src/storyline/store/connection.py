"""One database connection, DuckDB or PostgreSQL, with ``?`` placeholders for both.

``--db FILE`` is an embedded DuckDB file; ``--db postgresql://...`` a PostgreSQL database.
Errors are :class:`StoreError`, whose text is one line (a PostgreSQL URL's password is
never in it).
"""

from __future__ import annotations

import logging
import re
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import duckdb

DEFAULT_DB = "storyline.duckdb"

READ_WAIT = 10.0
"""Seconds a reader (``stats``, ``query``) waits for a DuckDB file another process writes:
an ingest releases it at least once a second (:mod:`storyline.store.write`)."""
WRITE_WAIT = 300.0
"""Seconds a writer waits for a DuckDB file other processes hold (readers, another ingest)."""
NOTE_AFTER = 2.0
"""Seconds of waiting after which a writer says what it waits for."""

MEMORY_LIMIT = "1GB"
THREADS = 2
READ_CONFIG = {
    "enable_external_access": False,  # no files, URLs, ATTACH, COPY, EXPORT, INSTALL, LOAD from disk
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_unsigned_extensions": False,
    "allow_community_extensions": False,
    "memory_limit": MEMORY_LIMIT,
    "threads": THREADS,
    "temp_directory": "",  # nothing spilled to disk: a query over the memory limit fails
    "lock_configuration": True,  # no SET / PRAGMA / CALL can change any of the above
}
"""The configuration of every read-only DuckDB connection (``stats``, ``query``)."""

log = logging.getLogger("storyline")


class StoreError(Exception):
    pass


def is_postgres(db: str | Path) -> bool:
    return str(db).startswith(("postgresql://", "postgres://"))


class Connection:
    """One database connection, DuckDB or PostgreSQL, with ``?`` placeholders for both."""

    def __init__(self, db: str | Path, read_only: bool = False):
        self.db = str(db)
        self.postgres = is_postgres(db)
        self.read_only = read_only
        if self.postgres:
            import psycopg

            # autocommit: every transaction is explicit (``transaction()``), so each document
            # is committed on its own and a killed ingest loses only the one in flight
            # standard_conforming_strings: a string literal ends where DuckDB's parser, which
            # checks what ``query`` runs, says it does (storyline.store.guard)
            options = "-c default_transaction_read_only=on -c standard_conforming_strings=on" if read_only else ""
            self._con = pg_connect(self.db, options=options, autocommit=True)
            self.errors: tuple[type[Exception], ...] = (psycopg.Error,)
        else:
            if read_only and not Path(self.db).exists():
                raise StoreError(f"{self.db}: no such database (run `storyline ingest` first)")
            wait = READ_WAIT if read_only else WRITE_WAIT
            self._con = duckdb_connect(self.db, read_only, wait)
            self.errors = (duckdb.Error,)

    @property
    def name(self) -> str:
        """The database, as messages name it."""
        return redact(self.db)

    @property
    def raw(self):
        """The driver's own connection (``duckdb`` or ``psycopg``)."""
        return self._con

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.postgres else sql

    def execute(self, sql: str, params: list[Any] | tuple = ()):
        if self.postgres:
            # placeholders are translated only when there are parameters, so a user's SQL
            # with a literal '?' or '%' reaches PostgreSQL unchanged
            return self._con.cursor().execute(self._sql(sql) if params else sql, params or None)
        return self._con.execute(sql, list(params))

    def executemany(self, sql: str, rows: list[tuple]) -> None:
        if self.postgres:
            with self._con.cursor() as cur:
                cur.executemany(self._sql(sql), rows)
        else:
            self._con.executemany(sql, rows)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self.postgres:
            with self._con.transaction():
                yield
            return
        self._con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self._con.execute("ROLLBACK")
            raise
        self._con.execute("COMMIT")

    def close(self) -> None:
        self._con.close()


def first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def redact(url: str) -> str:
    """A connection URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


def pg_connect(db: str, **kw):
    """A psycopg connection to ``db``; failing to connect is a one-line :class:`StoreError`."""
    import psycopg

    try:
        return psycopg.connect(db, connect_timeout=10, **kw)
    except psycopg.Error as exc:
        raise StoreError(f"{redact(db)}: cannot connect: {first_line(exc)}") from exc


_LOCKED = re.compile(r"Could not set lock on file|Conflicting lock is held")
_PID = re.compile(r"\(PID (\d+)\)")


def duckdb_connect(path: str, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection, waiting up to ``wait`` seconds while another process holds the file
    (DuckDB allows one writing process, and no reader while it has the file open)."""
    start = time.monotonic()
    noted = False
    while True:
        try:
            if read_only:
                return duckdb.connect(path, read_only=True, config=READ_CONFIG)
            return duckdb.connect(path)
        except duckdb.Error as exc:
            message = str(exc)
            if not _LOCKED.search(message):
                raise StoreError(f"{path}: cannot open database: {first_line(exc)}") from exc
            held = _PID.search(message)
            holder = f"another process (PID {held.group(1)})" if held else "another process"
            waited = time.monotonic() - start
            if waited >= wait:
                raise StoreError(f"{path}: in use by {holder}, not released within {wait:g} s; try again") from exc
            if not read_only and not noted and waited >= NOTE_AFTER:
                log.warning("waiting for %s to release %s", holder, path)
                noted = True
            time.sleep(0.02)
