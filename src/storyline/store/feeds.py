"""The state of ``storyline watch`` in the store: the ``feeds`` and ``feed_items`` tables
(declared in :mod:`storyline.model.feed_tables`), created on demand beside the document tables.

An item's document and its ``stored`` status are written in one transaction
(:func:`store_item`): after a crash either both are in the store or neither is, so a
restarted watch neither loses an item nor stores it twice. Every value is a bound
parameter; the SQL is the same for DuckDB and PostgreSQL.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Optional

from storyline.model import Document
from storyline.model.feed_tables import FAILED, FEED_ITEMS, FEED_TABLES, FEEDS, STORED, FeedItem, FeedState, item_id, row
from storyline.store.connection import Connection, StoreError, duckdb_connect, first_line, is_postgres
from storyline.store.rows import inserts
from storyline.store.schema import CREATE_LOCK, create_table


def now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def check_free(db: str, wait: float) -> None:
    """A one-line :class:`StoreError` when another process holds the DuckDB file ``db`` for
    longer than ``wait`` seconds (PostgreSQL: nothing to check)."""
    if is_postgres(db):
        return
    duckdb_connect(str(db), False, wait).close()


def ensure(con: Connection) -> None:
    """Create the feed tables unless they exist."""
    try:
        with con.transaction():
            if con.postgres:
                con.execute("SELECT pg_advisory_xact_lock(?)", [CREATE_LOCK])
            for table in FEED_TABLES:
                con.execute(create_table(table))
    except con.errors as exc:
        raise StoreError(f"{con.name}: cannot create the feed tables: {first_line(exc)}") from exc


def _upsert(table, key: str) -> str:
    names = table.column_names
    updates = ", ".join(f"{n} = excluded.{n}" for n in names if n not in (key, "first_seen"))
    return (f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))}) "
            f"ON CONFLICT ({key}) DO UPDATE SET {updates}")


def feed_state(con: Connection, url: str) -> Optional[FeedState]:
    found = con.execute(f"SELECT {', '.join(FEEDS.column_names)} FROM feeds WHERE url = ?", [url]).fetchone()
    return FeedState(*found) if found else None


def save_feed(con: Connection, state: FeedState) -> None:
    try:
        with con.transaction():
            con.execute(_upsert(FEEDS, "url"), row(FEEDS, state))
    except con.errors as exc:
        raise StoreError(f"{con.name}: cannot record feed {state.url}: {first_line(exc)}") from exc


def items(con: Connection, feed: str) -> dict[str, FeedItem]:
    """The items of ``feed`` recorded so far, by key."""
    names = [c.name for c in FEED_ITEMS.columns[1:]]
    cur = con.execute(f"SELECT {', '.join(names)} FROM feed_items WHERE feed = ?", [feed])
    return {r[1]: FeedItem(*r) for r in cur.fetchall()}


def _item(con: Connection, feed: str, guid: str) -> Optional[FeedItem]:
    names = [c.name for c in FEED_ITEMS.columns[1:]]
    found = con.execute(f"SELECT {', '.join(names)} FROM feed_items WHERE item_id = ?", [item_id(feed, guid)]).fetchone()
    return FeedItem(*found) if found else None


def store_item(con: Connection, feed: str, guid: str, link: Optional[str], doc: Document) -> bool:
    """Store ``doc`` and mark the item stored, in one transaction. False when the document
    was in the store already (another feed, or an earlier ``ingest``, stored the same text)."""
    try:
        with con.transaction():
            (first_sql, [first_row]), *rest = inserts(doc)
            added = con.execute(first_sql, first_row).fetchone() is not None
            if added:
                for sql, rows in rest:
                    con.executemany(sql, rows)
            old = _item(con, feed, guid)
            t = now()
            record = FeedItem(feed, guid, link, doc.id, STORED, None, old.attempts if old else 0,
                              old.first_seen if old else t, t)
            con.execute(_upsert(FEED_ITEMS, "item_id"), row(FEED_ITEMS, record))
    except con.errors as exc:
        raise StoreError(f"{con.name}: cannot store {doc.source or doc.id}: {first_line(exc)}") from exc
    return added


def fail_item(con: Connection, feed: str, guid: str, link: Optional[str], error: str) -> int:
    """Record a failed attempt at an item; returns the attempts so far."""
    try:
        with con.transaction():
            old = _item(con, feed, guid)
            if old is not None and old.status == STORED:
                return old.attempts  # stored meanwhile (another watch): nothing failed
            t = now()
            attempts = (old.attempts if old else 0) + 1
            record = FeedItem(feed, guid, link, None, FAILED, error[:1000], attempts, old.first_seen if old else t, t)
            con.execute(_upsert(FEED_ITEMS, "item_id"), row(FEED_ITEMS, record))
    except con.errors as exc:
        raise StoreError(f"{con.name}: cannot record item {link or guid}: {first_line(exc)}") from exc
    return attempts
