"""The tables of ``storyline watch``: the state of each feed and of each item it has listed.

Declared with the same machinery as the document tables (:mod:`storyline.model.tables`),
but not part of :data:`~storyline.model.tables.TABLES`: no document gives them rows. Their
rows are :class:`FeedState` and :class:`FeedItem` records, and :mod:`storyline.store.feeds`
creates the tables on demand and writes them.

``feed_items.item_id`` is the sha256 of the feed URL and the item's key (its GUID, else its
link), so one feed lists one item once, whatever its GUID looks like.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import NamedTuple, Optional

from storyline.model.tables import INTEGER, TIMESTAMP, VARCHAR, Column, Row, Table, attr

STORED = "stored"  # the item's document is in the store (written now, or already there)
FAILED = "failed"  # reading, fetching or analysing it failed; retried until MAX_ATTEMPTS
MAX_ATTEMPTS = 3
"""Polls on which a failing item is tried before it is left alone (status stays 'failed')."""


def item_id(feed: str, guid: str) -> str:
    return hashlib.sha256(f"{feed}\n{guid}".encode("utf-8")).hexdigest()


class FeedState(NamedTuple):
    url: str
    title: Optional[str]
    etag: Optional[str]
    last_modified: Optional[str]
    last_poll: Optional[datetime]
    last_status: Optional[str]


class FeedItem(NamedTuple):
    feed: str
    guid: str
    link: Optional[str]
    doc_id: Optional[str]
    status: str
    error: Optional[str]
    attempts: int
    first_seen: datetime
    updated_at: datetime


def _none(_document) -> list:
    return []


FEEDS = Table("feeds", (
    attr("url", primary_key=True, doc="the feed's URL (or file path) as given to watch"),
    attr("title"),
    attr("etag", doc="the ETag of the last feed fetched in full"),
    attr("last_modified", doc="its Last-Modified"),
    attr("last_poll", TIMESTAMP, doc="when the feed was last polled (UTC)"),
    attr("last_status", doc="'ok', 'not modified', or the one-line error of the last poll"),
), _none, doc="One row per feed that watch polls.")

FEED_ITEMS = Table("feed_items", (
    Column("item_id", VARCHAR, lambda r: item_id(r.item.feed, r.item.guid), primary_key=True,
           doc="sha256 of the feed URL and the item's key"),
    attr("feed", doc="feeds.url"),
    attr("guid", doc="the item's GUID or id, else its link"),
    attr("link"),
    attr("doc_id", doc="documents.id of the stored document"),
    attr("status", doc="'stored' or 'failed'"),
    attr("error", doc="the one-line error of the last failed attempt"),
    attr("attempts", INTEGER, doc="failed attempts so far"),
    attr("first_seen", TIMESTAMP, doc="when watch first saw the item (UTC)"),
    attr("updated_at", TIMESTAMP),
), _none, doc="One row per item a feed listed: stored, or failed.")

FEED_TABLES: tuple[Table, ...] = (FEEDS, FEED_ITEMS)


def row(table: Table, record) -> tuple:
    """The row of ``record`` (a FeedState or FeedItem) in ``table``, in column order."""
    return tuple(c.read(Row(None, 0, record)) for c in table.columns)  # type: ignore[arg-type]
