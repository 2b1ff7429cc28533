"""``storyline watch``: poll RSS/Atom feeds and store their new items, incrementally.

One poll of one feed:

1. the feed's state (ETag, Last-Modified) and the items it listed before are read from the
   store (:mod:`storyline.store.feeds`);
2. the feed is fetched (:func:`storyline.ingest.fetch.fetch`, conditionally) or, for a file
   path, read; ``304 Not Modified`` ends the poll;
3. each item not yet stored (key: its GUID, else its link, else the hash of its text) is
   read: from the feed when the entry carries the article (content of at least
   :data:`storyline.ingest.feed.FULL_TEXT_CHARS` characters), else from the page it links
   to (fetched under the same rules, read by the HTML reader, the feed's headline, date and
   outlet filling what the page lacks); it is analysed, and its document and its ``stored``
   status are written in one transaction;
4. only then is the feed's ETag / Last-Modified saved: a poll killed half-way leaves the
   old state, so the next poll reads the whole feed again and finds the items not yet stored.

An item that fails (fetch, reading, analysis) is reported on one line and recorded as
``failed``; the other items proceed, and it is tried again on later polls, at most
:data:`~storyline.model.feed_tables.MAX_ATTEMPTS` times. A bad feed is reported and the
other feeds proceed. The DuckDB file is opened for each write and closed after it, so
``query`` and ``stats`` can read the store while ``watch`` runs.
"""

from __future__ import annotations

import re
import time
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional, Sequence
from urllib.parse import urlsplit

from storyline.ingest.decode import declared_encoding, decode_noted
from storyline.ingest.errors import IngestError
from storyline.ingest.feed import FeedEntry, feed_entries
from storyline.ingest.fetch import FetchError, fetch
from storyline.ingest.page import read_page
from storyline.ingest.files import check_regular, read_bytes
from storyline.ingest.tables import limits
from storyline.model import Document
from storyline.model.feed_tables import MAX_ATTEMPTS, STORED, FeedState
from storyline.pipeline.run import analyze, content_hash
from storyline.store import feeds as state
from storyline.store.connection import Connection, StoreError
from storyline.store.schema import open_store

LOCK_WAIT = 30.0
"""Seconds ``watch`` waits at start for a DuckDB file another process holds."""

_INTERVAL = re.compile(r"(?:(\d+)([smh]))+")
_UNIT = {"s": 1, "m": 60, "h": 3600}


def parse_every(text: str) -> float:
    """``30s``, ``15m``, ``1h``, ``1h30m`` as seconds; ValueError otherwise."""
    t = text.strip().lower()
    if not _INTERVAL.fullmatch(t):
        raise ValueError(f"{text!r} is not an interval such as 30s, 15m or 1h")
    seconds = sum(int(n) * _UNIT[u] for n, u in re.findall(r"(\d+)([smh])", t))
    if seconds < 1:
        raise ValueError(f"{text!r}: the interval must be at least 1s")
    return float(seconds)


def is_url(feed: str) -> bool:
    return urlsplit(feed).scheme.lower() in ("http", "https")


@dataclass
class Counts:
    """One poll of one feed."""

    feed: str
    listed: int = 0
    stored: int = 0  # new documents written
    duplicates: int = 0  # new items whose text was in the store already
    known: int = 0  # items stored on an earlier poll (or given up on): not fetched again
    failed: int = 0
    left: int = 0  # new items beyond --max-items, left for the next poll
    not_modified: bool = False
    error: Optional[str] = None

    def line(self) -> str:
        if self.error:
            return f"{self.feed}: failed"
        if self.not_modified:
            return f"{self.feed}: not modified"
        more = f", {self.left} left for the next poll" if self.left else ""
        return (f"{self.feed}: {self.listed} listed, {self.stored} stored, {self.duplicates} already in the store, "
                f"{self.known} seen before, {self.failed} failed{more}")


@dataclass
class Watcher:
    """Polls feeds into the store at ``db``. ``on_error`` gets each one-line failure,
    ``on_note`` each poll's summary line."""

    db: str
    allow_private: bool = False
    max_items: Optional[int] = None
    model: Optional[str] = None
    on_error: Callable[[str], None] = print
    on_note: Callable[[str], None] = print
    on_item: Callable[[], None] = lambda: None
    """Called after each new item is handled (stored, a duplicate or failed): a progress bar."""
    link: bool = True
    """After a poll that stored something, link the store (copies, stories, corroboration)."""
    wait: float = LOCK_WAIT
    failures: int = field(default=0, init=False)

    def open(self) -> None:
        """Check the store can be written (a clear error when another process holds it) and
        create the store's and the feed tables if needed."""
        state.check_free(self.db, self.wait)
        with open_store(self.db) as con:
            state.ensure(con)

    def _error(self, message: str) -> None:
        self.failures += 1
        self.on_error(message)

    def _read(self, feed: str, old: Optional[FeedState]):
        """(feed bytes or None when not modified, ETag, Last-Modified)."""
        if is_url(feed):
            got = fetch(feed, allow_private=self.allow_private, etag=old.etag if old else None,
                        last_modified=old.last_modified if old else None, max_bytes=limits()["max_file_bytes"])
            return (None if got.not_modified else got.content), got.etag, got.last_modified
        path = Path(feed)
        check_regular(path, feed)
        return read_bytes(path, feed), None, None

    def poll_feed(self, feed: str) -> Counts:
        counts = Counts(feed)
        with closing(Connection(self.db)) as con:
            old = state.feed_state(con, feed)
            seen = state.items(con, feed)
        try:
            data, etag, modified = self._read(feed, old)
            if data is None:
                counts.not_modified = True
                self._save(feed, old, old.etag if old else None, old.last_modified if old else None, "not modified")
                return counts
            text, _notes = decode_noted(data, feed, declared=declared_encoding(data))
            title, entries = feed_entries(text, feed)
        except Exception as exc:  # a bad feed: reported, recorded, the other feeds proceed
            known = isinstance(exc, (FetchError, IngestError))
            counts.error = (str(exc) if known else f"{feed}: could not read ({type(exc).__name__}: {exc})").replace("\n", " ")
            self._error(counts.error)
            self._save(feed, old, old.etag if old else None, old.last_modified if old else None, counts.error[:500])
            return counts
        counts.listed = len(entries)
        self._items(feed, title, entries, seen, counts)
        self._save(feed, old, etag, modified, "ok", title)
        return counts

    def _save(self, feed, old, etag, modified, status, title=None) -> None:
        with closing(Connection(self.db)) as con:
            state.save_feed(con, FeedState(feed, title or (old.title if old else None), etag, modified,
                                           state.now(), status))

    def _items(self, feed: str, title: Optional[str], entries: Sequence[FeedEntry], seen: dict, counts: Counts) -> None:
        done = 0
        for entry in entries:
            guid = entry.guid or (
                "sha256:" + content_hash(entry.document.text) if isinstance(entry.document, Document) else None)
            if guid is None:
                self._error(str(entry.document))
                counts.failed += 1
                continue
            known = seen.get(guid)
            if known is not None and (known.status == STORED or known.attempts >= MAX_ATTEMPTS):
                counts.known += 1
                continue
            if self.max_items is not None and done >= self.max_items:
                counts.left += 1
                continue
            done += 1
            self._item(feed, title, guid, entry, counts)
            self.on_item()

    def _item(self, feed: str, title: Optional[str], guid: str, entry: FeedEntry, counts: Counts) -> None:
        try:
            doc = self._document(entry, title)
            doc = next(analyze([doc], model=self.model))
            with closing(Connection(self.db)) as con:
                added = state.store_item(con, feed, guid, entry.link, doc)
        except StoreError:
            raise  # the store is unusable: no other item could be stored either
        except Exception as exc:  # one bad item: reported, recorded, the rest proceed
            message = str(exc).replace("\n", " ") if isinstance(exc, (FetchError, IngestError)) else (
                f"{entry.link or guid}: {type(exc).__name__}: {exc}".replace("\n", " "))
            counts.failed += 1
            self._error(message)
            with closing(Connection(self.db)) as con:
                state.fail_item(con, feed, guid, entry.link, message)
            return
        if added:
            counts.stored += 1
        else:
            counts.duplicates += 1

    def _document(self, entry: FeedEntry, title: Optional[str]) -> Document:
        """The item's document: the feed's text when it carries the article, else its page."""
        from_feed = entry.document
        if entry.full or not entry.link or not is_url(entry.link):
            if isinstance(from_feed, IngestError):
                raise from_feed
            return from_feed
        page = read_page(entry.link, allow_private=self.allow_private)
        known = from_feed if isinstance(from_feed, Document) else None
        if known is not None:
            page.headline = page.headline or known.headline
            page.published = page.published or known.published
            page.byline = page.byline or known.byline
        page.outlet = page.outlet or title
        return page

    def poll(self, feeds: Sequence[str]) -> list[Counts]:
        """Poll every feed once; a feed that fails is reported and the others proceed."""
        out = []
        for feed in feeds:
            counts = self.poll_feed(feed)
            self.on_note(counts.line())
            out.append(counts)
        if self.link and any(c.stored for c in out):
            self._link()
        return out

    def _link(self) -> None:
        """Link what this poll stored into the store's stories (incremental; a failure is one
        line, and the items stay stored: the next poll or ``storyline link`` links them)."""
        from storyline.link.run import link

        try:
            done = link(self.db)
        except StoreError as exc:
            self._error(f"linking: {exc}")
            return
        self.on_note(f"linked: {done.placed} placed, {done.stories} stories, {done.copies} copies "
                     f"({done.documents} documents)")

    def run(self, feeds: Sequence[str], every: float, once: bool = False, sleep=time.sleep) -> None:
        """Poll now, then every ``every`` seconds (measured from the start of each poll)."""
        while True:
            started = time.monotonic()
            self.poll(feeds)
            if once:
                return
            sleep(max(0.0, every - (time.monotonic() - started)))
