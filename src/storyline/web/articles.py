"""``POST /api/articles``: read one article from JSON, analyse it, store it.

The body is JSON with exactly one of ``text`` (a pasted article: its layout is read as
``storyline ingest`` reads a text file), ``html`` (a page, read as an HTML file) or ``url``,
and optionally ``headline``, ``published`` (YYYY-MM-DD) and ``outlet``, which override what
the reader found. A ``url`` is fetched by the safe fetcher (:mod:`storyline.ingest.page`):
public addresses only, unless the app was made with ``allow_private`` (``storyline serve
--allow-private``); a refusal is a 422 with the fetcher's one-line reason.
"""

from __future__ import annotations

from typing import Optional

from pydantic import BaseModel, ConfigDict, Field

from storyline import store
from storyline.ingest import IngestError, parse_html, parse_text
from storyline.ingest.fetch import FetchError
from storyline.ingest.page import read_page
from storyline.model import Document
from storyline.pipeline import DocumentFailed, analyze
from storyline.web import queries

MAX_TEXT_CHARS = 500_000
"""Characters of article text (or HTML) accepted, at most; the request body is limited too."""


class ArticleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: Optional[str] = Field(None, description="The article as plain text (headline, byline, body)")
    html: Optional[str] = Field(None, description="The article's HTML page")
    url: Optional[str] = Field(None, description="The article's address: fetched (public addresses only)")
    headline: Optional[str] = Field(None, max_length=2000)
    published: Optional[str] = Field(None, description="YYYY-MM-DD", max_length=40)
    outlet: Optional[str] = Field(None, max_length=500)


class Refused(Exception):
    """A request that cannot be served: its HTTP status and a one-line message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def read(article: ArticleIn, allow_private: bool = False) -> Document:
    """The article as a Document (not yet analysed)."""
    given = [k for k in ("text", "html", "url") if getattr(article, k) is not None]
    if len(given) != 1:
        raise Refused(422, "give exactly one of text, html or url")
    if article.url is not None:
        return _override(_fetched(article, allow_private), article)
    body = article.text if article.text is not None else article.html
    if len(body) > MAX_TEXT_CHARS:
        raise Refused(413, f"the article is {len(body)} characters; at most {MAX_TEXT_CHARS} are accepted")
    if not body.strip():
        raise Refused(422, "the article is empty")
    try:
        if article.text is not None:
            doc = parse_text(article.text, source="POST /api/articles", published=article.published)
        else:
            doc = parse_html(article.html, source="POST /api/articles", published=article.published)
    except (IngestError, ValueError) as exc:
        raise Refused(422, str(exc).splitlines()[0] if str(exc) else "the article could not be read") from exc
    if not doc.text.strip():
        raise Refused(422, "no article body found in the input")
    return _override(doc, article)


def _fetched(article: ArticleIn, allow_private: bool) -> Document:
    """The page at ``article.url``, fetched under the safe fetcher's rules (public addresses
    only unless the app allows private ones; bounded redirects, time and size)."""
    if len(article.url) > 2000 or not article.url.lower().startswith(("http://", "https://")):
        raise Refused(422, "url must be an http(s) address of at most 2000 characters")
    try:
        doc = read_page(article.url, allow_private=allow_private, max_bytes=MAX_TEXT_CHARS * 4,
                        published=article.published)
    except FetchError as exc:
        raise Refused(422, str(exc).splitlines()[0]) from exc
    except (IngestError, ValueError) as exc:
        raise Refused(422, str(exc).splitlines()[0] if str(exc) else "the page could not be read") from exc
    if not doc.text.strip():
        raise Refused(422, "no article body found at that address")
    if len(doc.text) > MAX_TEXT_CHARS:
        raise Refused(413, f"the article is {len(doc.text)} characters; at most {MAX_TEXT_CHARS} are accepted")
    return doc


def _override(doc: Document, article: ArticleIn) -> Document:
    if article.headline is not None:
        doc.headline = article.headline
    if article.outlet is not None:
        doc.outlet = article.outlet
    return doc


def analyse(doc: Document) -> Document:
    try:
        return next(analyze([doc]))
    except DocumentFailed as exc:
        raise Refused(422, f"the article could not be analysed ({exc.stage} failed)") from exc


def ingest(db: str, article: ArticleIn, allow_private: bool = False) -> dict:
    """Read, analyse and store the article; what was stored, for the response."""
    doc = analyse(read(article, allow_private))
    with queries.write_lock():
        added, _ = store.ingest(db, [doc])
    return {"id": doc.id, "added": bool(added), "headline": doc.headline, "published": doc.published,
            "quotes": len(doc.quotes), "events": len(doc.events), "entities": len(doc.entities),
            "page": f"/articles/{doc.id}", "record": f"/api/articles/{doc.id}"}
