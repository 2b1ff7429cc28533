"""What ``storyline query`` accepts: one SELECT, checked by DuckDB's own SQL parser.

The statement is parsed, not scanned, so a ``;`` inside a string literal, a quoted
identifier, a dollar-quoted string or a comment neither hides a second statement nor
makes a single one look like two. Accepted: exactly one statement that the parser calls a
SELECT: ``SELECT``, ``WITH ... SELECT``, ``VALUES``, ``TABLE t`` and DuckDB's ``FROM t``,
``DESCRIBE``, ``SUMMARIZE``, ``SHOW``. Refused: everything else, ``EXPLAIN`` included, and
any statement the parser cannot read (for PostgreSQL too: DuckDB reads PostgreSQL's SELECT
syntax with few exceptions, such as ``LIKE ANY (ARRAY[...])``; those queries can be run with
``psql`` as the reader role, which the server itself confines).

PostgreSQL's ``U&"..."`` / ``U&'...'`` escapes are refused: DuckDB reads them otherwise
(:func:`_same_reading`).

The check is the first of three defences, not the only one: the DuckDB connection is
read-only with external access disabled and its configuration locked, and a PostgreSQL
query runs as a role that can only SELECT, in a READ ONLY transaction that is rolled back
(:mod:`storyline.store.query`, :mod:`storyline.store.reader`). The check also refuses the
functions PostgreSQL lets any role run that act outside the query's result, even in a
read-only transaction (:data:`REFUSED_FUNCTIONS`), and a SELECT with another statement
inside it (DuckDB reads ``WITH x AS (DELETE ... RETURNING ...) SELECT ...`` and ``WITH x AS
(COPY ... TO 'file') SELECT ...`` as SELECT statements).
"""

from __future__ import annotations

import json
import threading
from typing import Any, Iterator

import duckdb

from storyline.store.connection import StoreError, first_line

REFUSED_FUNCTIONS = {
    "large objects": ("lo_*", "loread", "lowrite"),
    "settings": ("set_config",),
    "other sessions": ("pg_terminate_backend", "pg_cancel_backend"),
    "locks": ("pg_advisory_*", "pg_try_advisory_*"),
    "notifications": ("pg_notify",),
    "connections out": ("dblink*",),
    "SQL run from a string": ("query_to_xml*", "cursor_to_xml*", "ts_stat", "query", "query_table"),
}
"""Functions refused by name (``*`` ends a prefix), whatever their schema or case: PostgreSQL
runs them for any role, and in a read-only transaction (large objects are created, session
settings changed, other sessions of the same role ended, locks held); and the functions that
run SQL given as a string (PostgreSQL's ``query_to_xml('SELECT lo_create(0)', ...)``,
DuckDB's ``query(...)``), which this check cannot see into."""

_PATTERNS = tuple((family, p.rstrip("*"), p.endswith("*")) for family, ps in REFUSED_FUNCTIONS.items() for p in ps)

_local = threading.local()


def _parser() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB, per thread, that only parses: nothing runs in it but
    ``json_serialize_sql`` on the bound statement text."""
    con = getattr(_local, "con", None)
    if con is None:
        con = _local.con = duckdb.connect(":memory:", config={
            "enable_external_access": False, "autoload_known_extensions": False,
            "autoinstall_known_extensions": False, "lock_configuration": True,
        })
    return con


def check(sql: str) -> str:
    """The one SELECT statement in ``sql``, or a one-line :class:`StoreError` saying why not."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise StoreError(f"refused: the SQL cannot be parsed: {first_line(exc)}") from exc
    if not statements:
        raise StoreError("refused: no SQL statement given")
    if len(statements) > 1:
        kinds = ", ".join(s.type.name for s in statements)
        raise StoreError(f"refused: {len(statements)} statements ({kinds}); query runs one SELECT")
    [statement] = statements
    _same_reading(sql)
    if statement.type != duckdb.StatementType.SELECT:
        raise StoreError(f"refused: {statement.type.name} statement; query runs one SELECT only")
    for kind, schema, name in _parts(sql):
        if kind == "statement":
            raise StoreError(f"refused: {name} inside the SELECT (in a WITH); query runs one SELECT only")
        family = refused(name)
        if family:
            shown = f"{schema.lower()}.{name}" if schema else name
            raise StoreError(f"refused: function {shown}() ({family}) is not allowed in a query")
    return sql


def _same_reading(sql: str) -> None:
    """Refuse what PostgreSQL would read differently from DuckDB's parser: ``U&"..."`` and
    ``U&'...'`` (Unicode escapes, which DuckDB reads as ``U & "..."``, so that
    ``U&"\\006Co_create"(0)`` would hide a call to ``lo_create``). Strings are read alike
    because PostgreSQL sessions run with ``standard_conforming_strings`` on."""
    tokens = duckdb.tokenize(sql)
    for (start, kind), (following, next_kind) in zip(tokens, tokens[1:]):
        if (kind == duckdb.token_type.identifier and sql[start:following] in ("U", "u")
                and next_kind == duckdb.token_type.operator and sql[following:following + 2] in ('&"', "&'")):
            raise StoreError("refused: U&\"...\" and U&'...' (Unicode escapes) are not accepted; write the characters")


def refused(name: str) -> str | None:
    """The family of a refused function name, or None."""
    name = name.lower()
    for family, pattern, prefix in _PATTERNS:
        if name == pattern or (prefix and name.startswith(pattern)):
            return family
    return None


def _parts(sql: str) -> Iterator[tuple[str, str, str]]:
    """What the parsed statement holds that the check looks at: ``("function", schema, name)``
    for every function it calls (table functions too), and ``("statement", "", "DELETE")``
    for every query node other than a SELECT nested in it: DuckDB's parser calls ``WITH x AS
    (DELETE ... RETURNING ...) SELECT ...`` and ``WITH x AS (COPY ... TO 'file') SELECT ...``
    SELECT statements."""
    try:
        text = _parser().execute("SELECT json_serialize_sql(?)", [sql]).fetchone()[0]
    except duckdb.Error as exc:
        raise StoreError(f"refused: the SQL cannot be parsed: {first_line(exc)}") from exc
    tree = json.loads(text)
    if tree.get("error"):
        raise StoreError(f"refused: the SQL cannot be parsed: {tree.get('error_message', 'unknown error')}")
    yield from _walk(tree)


SELECT_NODES = {"SELECT_NODE", "SET_OPERATION_NODE", "RECURSIVE_CTE_NODE", "CTE_NODE"}
"""The query nodes of a SELECT; any other (``INSERT_QUERY_NODE``, ``COPY_QUERY_NODE``, ...) is refused."""


def _walk(node: Any) -> Iterator[tuple[str, str, str]]:
    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            name = node.get("function_name")
            if isinstance(name, str):
                yield "function", node.get("schema") or "", name
            kind = node.get("type")
            if isinstance(kind, str) and kind.endswith("_NODE") and kind not in SELECT_NODES:
                yield "statement", "", kind.removesuffix("_NODE").removesuffix("_QUERY")
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)

