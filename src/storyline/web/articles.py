"""``POST /api/articles``: read one article from JSON, analyse it, store it.

The body is JSON with exactly one of ``text`` (a pasted article: its layout is read as
``storyline ingest`` reads a text file), ``html`` (a page, read as an HTML file) or ``url``,
and optionally ``headline``, ``published`` (YYYY-MM-DD) and ``outlet``, which override what
the reader found. Fetching by URL needs the safe fetcher (``storyline.ingest.fetch``); until
it is installed a ``url`` is answered 501.
"""

from __future__ import annotations

import importlib.util
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field

from storyline import store
from storyline.ingest import IngestError, parse_html, parse_text
from storyline.model import Document
from storyline.pipeline import DocumentFailed, analyze
from storyline.web import queries

MAX_TEXT_CHARS = 500_000
"""Characters of article text (or HTML) accepted, at most; the request body is limited too."""


class ArticleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: Optional[str] = Field(None, description="The article as plain text (headline, byline, body)")
    html: Optional[str] = Field(None, description="The article's HTML page")
    url: Optional[str] = Field(None, description="The article's address (needs the URL fetcher)")
    headline: Optional[str] = Field(None, max_length=2000)
    published: Optional[str] = Field(None, description="YYYY-MM-DD", max_length=40)
    outlet: Optional[str] = Field(None, max_length=500)


class Refused(Exception):
    """A request that cannot be served: its HTTP status and a one-line message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def read(article: ArticleIn) -> Document:
    """The article as a Document (not yet analysed)."""
    given = [k for k in ("text", "html", "url") if getattr(article, k) is not None]
    if len(given) != 1:
        raise Refused(422, "give exactly one of text, html or url")
    if article.url is not None:
        if importlib.util.find_spec("storyline.ingest.fetch") is None:
            raise Refused(501, "fetching by URL is not enabled; send the article's text or html")
        raise Refused(501, "fetching by URL is not connected to the web app yet; send the article's text or html")
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


def ingest(db: str, article: ArticleIn) -> dict:
    """Read, analyse and store the article; what was stored, for the response."""
    doc = analyse(read(article))
    with queries.write_lock():
        added, _ = store.ingest(db, [doc])
    return {"id": doc.id, "added": bool(added), "headline": doc.headline, "published": doc.published,
            "quotes": len(doc.quotes), "events": len(doc.events), "entities": len(doc.entities),
            "page": f"/articles/{doc.id}", "record": f"/api/articles/{doc.id}"}
