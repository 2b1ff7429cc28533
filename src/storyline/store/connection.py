"""One database connection, DuckDB or PostgreSQL, with ``?`` placeholders for both.

``--db FILE`` is an embedded DuckDB file; ``--db postgresql://...`` a PostgreSQL database.
Errors are :class:`StoreError`, whose text is one line (a PostgreSQL URL's password is
never in it).
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import duckdb

DEFAULT_DB = "storyline.duckdb"


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

            try:
                options = "-c default_transaction_read_only=on" if read_only else ""
                self._con = psycopg.connect(self.db, connect_timeout=10, options=options, autocommit=read_only)
            except psycopg.Error as exc:
                raise StoreError(f"{redact(self.db)}: cannot connect: {first_line(exc)}") from exc
            self.errors: tuple[type[Exception], ...] = (psycopg.Error,)
        else:
            if read_only and not Path(self.db).exists():
                raise StoreError(f"{self.db}: no such database (run `storyline ingest` first)")
            try:
                self._con = duckdb.connect(self.db, read_only=read_only)
            except duckdb.Error as exc:
                raise StoreError(f"{self.db}: cannot open database: {first_line(exc)}") from exc
            self.errors = (duckdb.Error,)

    @property
    def name(self) -> str:
        """The database, as messages name it."""
        return redact(self.db)

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
        if self.postgres and not self._con.autocommit:
            self._con.commit()
        self._con.close()


def first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def redact(url: str) -> str:
    """A connection URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)
