"""An article page fetched by its address: the one place a URL becomes a Document, for
``storyline watch`` (an item whose feed entry holds only a summary) and the web app's
``POST /api/articles`` with a ``url``.

The page is fetched under :mod:`storyline.ingest.fetch`'s rules (public addresses only unless
``allow_private``, bounded redirects, time and size), must be HTML or XML by its
Content-Type, is decoded as a file would be (its declared encoding, repaired where needed,
each repair noted) and read by the HTML reader; the document's ``url`` is the address asked
for.
"""

from __future__ import annotations

from typing import Optional

from storyline.ingest.decode import declared_encoding, decode_noted
from storyline.ingest.errors import IngestError
from storyline.ingest.fetch import fetch
from storyline.ingest.html import parse_html
from storyline.ingest.tables import limits
from storyline.model import Document


def read_page(url: str, *, allow_private: bool = False, max_bytes: Optional[int] = None,
              published: Optional[str] = None) -> Document:
    """The article at ``url``; :class:`~storyline.ingest.fetch.FetchError` when it cannot be
    fetched, :class:`IngestError` when what came back is not a page."""
    got = fetch(url, allow_private=allow_private, max_bytes=max_bytes or limits()["max_file_bytes"])
    ctype = (got.content_type or "").split(";")[0].strip().lower()
    if ctype and not (ctype.startswith("text/") or ctype.endswith(("+xml", "/xml"))):
        raise IngestError(got.url, f"not an HTML page (Content-Type {ctype})")
    text, notes = decode_noted(got.content, url, declared=declared_encoding(got.content))
    page = parse_html(text, source=url, published=published)
    page.url = url
    page.notes = [*notes, *page.notes]
    return page
