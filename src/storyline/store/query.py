"""Reading the store: counts, and the user's SQL, confined.

:func:`query` runs one SELECT (:func:`storyline.store.guard.check` says which statements
count as one) and nothing else, within a time limit and a row limit:

- DuckDB: on a read-only connection with external access disabled, extensions neither
  installed nor loaded, a memory and thread limit, and the configuration locked
  (:data:`storyline.store.connection.READ_CONFIG`): no file, URL or other database can be
  read or written, whatever the SQL calls. DuckDB has no statement timeout: a timer
  interrupts the query.
- PostgreSQL: as a role that can only SELECT (:mod:`storyline.store.reader`; any other role
  is refused), through the extended protocol (one statement: the server refuses a second),
  as a server-side cursor (``DECLARE ... CURSOR FOR``: the server accepts only SELECT or
  VALUES, and no data-modifying ``WITH``), in a ``READ ONLY`` transaction with a
  ``statement_timeout``, which is always rolled back. A timer also cancels it.

At most ``max_rows`` rows are fetched; :attr:`Result.truncated` says when there were more.
Every refusal or failure is a one-line :class:`StoreError`.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, NamedTuple

from storyline.store import guard
from storyline.store.connection import DEFAULT_DB, StoreError, first_line, redact
from storyline.store.reader import check_reader
from storyline.store.schema import open_store

COUNTED = ("documents", "entities", "quotes", "events", "stories")
"""The tables ``stats`` counts, in the order it reports them."""

TIMEOUT = 30.0
"""Seconds a query may run (``storyline query --timeout``)."""
MAX_ROWS = 10_000
"""Rows a query returns at most (``storyline query --max-rows``)."""


class Result(NamedTuple):
    columns: list[str]
    rows: list[tuple]
    truncated: bool = False
    """True when the query had more than ``max_rows`` rows: ``rows`` holds the first ones."""


def stats(db: str | Path = DEFAULT_DB) -> dict[str, int]:
    """Rows in each of :data:`COUNTED`, read in one snapshot (an ingest may be writing)."""
    with open_store(db, read_only=True) as con:
        out = {}
        try:
            with con.transaction():
                if con.postgres:
                    con.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                for table in COUNTED:
                    out[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        except con.errors as exc:
            raise StoreError(f"{redact(str(db))}: not a Storyline store ({first_line(exc)})") from exc
        return out


def query(sql: str, db: str | Path = DEFAULT_DB, params: list[Any] | None = None, *,
          timeout: float = TIMEOUT, max_rows: int = MAX_ROWS) -> Result:
    """Run one read-only SELECT over the store; returns its columns and at most ``max_rows`` rows."""
    if timeout <= 0 or max_rows < 0:
        raise StoreError("the time limit must be positive and the row limit not negative")
    guard.check(sql)
    with open_store(db, read_only=True) as con:
        run = _postgres if con.postgres else _duckdb
        return run(con, sql, params, timeout, max_rows)


def _duckdb(con, sql: str, params, timeout: float, max_rows: int) -> Result:
    import duckdb

    raw = con.raw
    expired = threading.Event()
    try:
        with _deadline(timeout, raw.interrupt, expired):
            cur = raw.execute(sql, list(params or []))
            rows = cur.fetchmany(max_rows + 1) if cur.description else []
    except duckdb.Error as exc:
        if expired.is_set() or isinstance(exc, duckdb.InterruptException):
            raise StoreError(f"query cancelled: it ran longer than {timeout:g} s (--timeout)") from exc
        raise StoreError(first_line(exc)) from exc
    return _result(cur.description, rows, max_rows)


def _postgres(con, sql: str, params, timeout: float, max_rows: int) -> Result:
    import psycopg

    raw = con.raw
    check_reader(raw, con.name)
    if params:
        sql = con._sql(sql)
    expired = threading.Event()
    try:
        with raw.transaction(force_rollback=True):
            raw.execute("SET TRANSACTION READ ONLY")
            raw.execute("SELECT set_config('statement_timeout', %s, true)", [f"{int(timeout * 1000)}ms"])
            with _deadline(timeout, lambda: raw.cancel_safe(timeout=5), expired):
                with raw.cursor(name="storyline_query") as cur:
                    cur.execute(sql, params or None)
                    rows = cur.fetchmany(max_rows + 1)
                    description = cur.description
    except psycopg.errors.QueryCanceled as exc:
        raise StoreError(f"query cancelled: it ran longer than {timeout:g} s (--timeout)") from exc
    except psycopg.Error as exc:
        if expired.is_set():
            raise StoreError(f"query cancelled: it ran longer than {timeout:g} s (--timeout)") from exc
        raise StoreError(first_line(exc)) from exc
    return _result(description, rows, max_rows)


def _result(description, rows: list[tuple], max_rows: int) -> Result:
    columns = [c[0] for c in description] if description else []
    return Result(columns, rows[:max_rows], len(rows) > max_rows)


@contextmanager
def _deadline(seconds: float, stop: Callable[[], Any], expired: threading.Event) -> Iterator[None]:
    """Call ``stop`` from a timer thread if the block runs longer than ``seconds``, and set
    ``expired`` when it did."""

    def fire() -> None:
        expired.set()
        try:
            stop()
        except Exception:  # the query may have ended meanwhile: nothing to stop
            pass

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
