"""The store's schema: the ``CREATE TABLE`` statements, derived from the model's table
definitions (:mod:`storyline.model.tables`), and the schema version the database records.

A store records its version in ``storyline_meta`` (``key = 'schema_version'``), written
when the store is created. Opening a database:

- with no tables at all: a new store; the tables and the version are created (when writing);
- with ``storyline_meta``: its version must be one this code knows (:data:`SCHEMA_VERSION`),
  or opening it is a one-line :class:`StoreError`, for reading as for writing;
- with the version-1 tables but no ``storyline_meta`` (a store written before the version
  was recorded, which has exactly the version-1 tables): adopted as version 1, and the
  version is recorded the first time it is opened for writing;
- with other tables only (a database shared with other applications): Storyline's tables
  are created beside them, which are left alone;
- with some of Storyline's tables but not all of them as version 1 has them: "not a
  Storyline store", when opened for writing. Read-only opening of
  a database without ``storyline_meta`` checks nothing, as before: ``stats`` and ``query``
  report what is missing when they read it.

Version 2 adds the tables of cross-document linking (``stories``, ``story_members``,
``copies``, ``embeddings``, ``actor_links``, ``claim_support``, ``event_support``,
``contradictions``: :data:`storyline.model.tables.LINK_TABLES`) and the ``kind`` of a cited
source (``cited_sources.kind``, added with 'source' to a version-1 store's rows). Version 1 had a ``stories`` table
``(story_id, doc_id)`` that nothing filled. A version-1 store opened for writing is upgraded
in one transaction: its empty ``stories`` table is replaced by version 2's, ``kind`` is
added to ``cited_sources``, the new tables are created, and the version becomes 2; every other table and row is kept. A version-1
``stories`` table holding rows (written by something other than Storyline) is not dropped:
the upgrade is refused with one line. Opened read-only, a version-1 store is read as it is.

Version 3 adds who an event is reported by (``events.according_to``, ``according_start``,
``according_end``: the reported-act convention of docs/events.md), appended after the
event's other columns. A version-1 or version-2 store opened for writing gains them in the
same one transaction (NULL for the events already stored: their reporter was not recorded);
opened read-only, it is read as it is.
"""

from __future__ import annotations

from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Iterator

from storyline.model.tables import EVENTS, TABLES, Table
from storyline.store.connection import DEFAULT_DB, Connection, StoreError, first_line

SCHEMA_VERSION = 3
"""The version of the tables in :data:`storyline.model.tables.TABLES`."""
READABLE = ("1", "2", "3")
"""The versions this code reads; an older store is upgraded when opened for writing."""
V1_STORIES = ("story_id", "doc_id")
"""Version 1's ``stories`` table, which version 2 replaces."""
V1_CITED = ("doc_id", "outlet", "title")
"""Version 1's ``cited_sources`` table; version 2 adds ``kind`` ('source' or 'wire')."""
V3_EVENT_COLUMNS = ("according_to", "according_start", "according_end")
"""The ``events`` columns version 3 adds (at the end of the table)."""
V2_EVENTS = tuple(c for c in EVENTS.column_names if c not in V3_EVENT_COLUMNS)
"""Versions 1 and 2's ``events`` table."""

META = "storyline_meta"
CREATE_LOCK = 0x5374_6F72  # the PostgreSQL advisory lock held while the tables are checked or created
META_DDL = f"CREATE TABLE IF NOT EXISTS {META} (key VARCHAR PRIMARY KEY, value VARCHAR)"


def create_table(table: Table) -> str:
    """The ``CREATE TABLE IF NOT EXISTS`` statement of one table."""
    columns = ",\n".join(
        f"    {c.name} {c.type}" + (" PRIMARY KEY" if c.primary_key else "") for c in table.columns
    )
    return f"CREATE TABLE IF NOT EXISTS {table.name} (\n{columns}\n)"


DDL: tuple[str, ...] = tuple(create_table(t) for t in TABLES)
SCHEMA = "".join(s + ";\n" for s in DDL)
"""The store's tables as SQL, for reading (the statements :func:`create` runs)."""


def _columns(con: Connection) -> dict[str, tuple[str, ...]]:
    """Every table (and view) of the database's current schema, with its column names in order."""
    cur = con.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_catalog = current_database() "
        "ORDER BY table_name, ordinal_position"
    )
    out: dict[str, list[str]] = {}
    for table, column in cur.fetchall():
        out.setdefault(table, []).append(column)
    return {t: tuple(cols) for t, cols in out.items()}


def _recorded_version(con: Connection) -> str | None:
    row = con.execute(f"SELECT value FROM {META} WHERE key = ?", ["schema_version"]).fetchone()
    return row[0] if row else None


def _check_version(con: Connection) -> None:
    value = _recorded_version(con)
    if value is None:
        raise StoreError(f"{con.name}: not a Storyline store ({META} records no schema_version)")
    if value not in READABLE:
        raise StoreError(
            f"{con.name}: store schema version {value} is unknown to this Storyline "
            f"(it reads version {SCHEMA_VERSION}); use the Storyline that wrote it"
        )


def _not_version_1(found: dict[str, tuple[str, ...]]) -> str | None:
    """Why tables found without ``storyline_meta`` are not a version-1 store (None if they are)."""
    version_1 = {t.name: t.column_names for t in TABLES if t.per_document} | {
        "stories": V1_STORIES, "cited_sources": V1_CITED, "events": V2_EVENTS}
    mine = [t for t in version_1 if t in found]
    if not mine:
        return None  # other applications' tables: ours go beside them
    missing = [t for t in version_1 if t not in found]
    if missing:
        return f"no {', '.join(missing)} table"
    changed = [t for t in mine if found[t] != version_1[t]]
    if changed:
        return f"{', '.join(changed)} not as Storyline has them"
    return None


def create(con: Connection) -> None:
    """Create the tables this code writes, and record their version, unless already there."""
    for statement in (*DDL, META_DDL):
        con.execute(statement)
    con.execute(
        f"INSERT INTO {META} (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING",
        ["schema_version", str(SCHEMA_VERSION)],
    )


def upgrade(con: Connection, found: dict[str, tuple[str, ...]]) -> None:
    """An older store to this version, inside the caller's transaction: from version 1,
    replace the (empty) version-1 ``stories`` table and add ``cited_sources.kind``; from
    version 1 or 2, add the events' ``according_to`` columns; :func:`create` then adds the
    new tables and the version is recorded."""
    if found.get("stories") == V1_STORIES:
        if con.execute("SELECT count(*) FROM stories").fetchone()[0]:
            raise StoreError(f"{con.name}: cannot upgrade the store to version {SCHEMA_VERSION}: its version-1 "
                             "stories table holds rows Storyline did not write; move that table aside first")
        con.execute("DROP TABLE stories")
    if found.get("cited_sources") == V1_CITED:  # the rows were all "source": no wire was recorded then
        con.execute("ALTER TABLE cited_sources ADD COLUMN kind VARCHAR DEFAULT 'source'")
    if found.get("events") == V2_EVENTS:
        types = {c.name: c.type for c in EVENTS.columns}
        for name in V3_EVENT_COLUMNS:
            con.execute(f"ALTER TABLE events ADD COLUMN {name} {types[name]}")
    con.execute(f"UPDATE {META} SET value = ? WHERE key = ?", [str(SCHEMA_VERSION), "schema_version"])


def _older(found: dict[str, tuple[str, ...]]) -> bool:
    """A store of an older version (recorded or adopted) than this code writes."""
    return found.get("stories") == V1_STORIES or found.get("events") == V2_EVENTS


def prepare(con: Connection) -> None:
    """Check the database is a store of a known version; when writing, create what is missing."""
    try:
        with nullcontext() if con.read_only else con.transaction():
            if con.postgres and not con.read_only:
                # two ingests creating one new store at once: CREATE TABLE IF NOT EXISTS is not
                # safe to run concurrently in PostgreSQL, so the second waits for the first
                con.execute("SELECT pg_advisory_xact_lock(?)", [CREATE_LOCK])
            found = _columns(con)
            if META in found:
                _check_version(con)
            elif con.read_only:
                return
            elif found and (why := _not_version_1(found)):
                raise StoreError(f"{con.name}: not a Storyline store ({why})")
            if not con.read_only:
                if _older(found):  # a version-1 (recorded or adopted) or version-2 store
                    con.execute(META_DDL)
                    upgrade(con, found)
                create(con)
    except con.errors as exc:
        raise StoreError(f"{con.name}: cannot read the store's schema: {first_line(exc)}") from exc


@contextmanager
def open_store(db: str | Path = DEFAULT_DB, read_only: bool = False) -> Iterator[Connection]:
    """A connection to the store at ``db`` whose schema version has been checked.

    Opened for writing, a new store is created (tables and version); read-only, the
    connection cannot change the database (``query`` relies on it).
    """
    con = Connection(db, read_only)
    try:
        prepare(con)
        yield con
    finally:
        con.close()
