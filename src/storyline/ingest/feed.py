"""RSS and Atom feeds (feedparser): one document per entry, its content or summary as the body."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Union

from storyline.ingest.dateline import dateline
from storyline.ingest.dates import iso_day, normalize_published
from storyline.ingest.errors import IngestError
from storyline.ingest.tail import cut_tail
from storyline.ingest.clean import new_document
from storyline.model import Document

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # lxml refuses these

_BLOCK_TAGS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
               "pre", "table", "tr", "section", "article", "figure", "figcaption", "dd", "dt", "hr"}


def fragment_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed entry's content), one paragraph per block element.

    This only converts markup that a feed already reduced to the article; whole pages go
    through trafilatura (:func:`storyline.ingest.html.parse_html`).
    """
    fragment = _NOT_XML.sub(" ", fragment)  # no feed can carry them; lxml raises on them
    if "<" not in fragment:
        paras = re.split(r"\n\s*\n", fragment)
    else:
        import lxml.html

        try:
            root = lxml.html.fragment_fromstring(fragment, create_parent="div")
        except Exception:  # lxml on garbage: fall back to the characters as given
            return " ".join(re.sub(r"<[^>]*>", " ", fragment).split())
        for bad in root.xpath("//script|//style|//noscript"):
            bad.drop_tree()
        for el in root.iter():
            tag = el.tag if isinstance(el.tag, str) else ""
            if tag in _BLOCK_TAGS:
                el.tail = "\n\n" + (el.tail or "")
                el.text = "\n\n" + (el.text or "")
            elif tag == "br":
                el.tail = "\n\n" + (el.tail or "")
        paras = re.split(r"\n\s*\n", root.text_content())
    return "\n\n".join(" ".join(p.split()) for p in paras if p.strip())


_CHARREF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")


def _safe_charrefs(text: str) -> str:
    """Character references to no character ("&#xD800;", "&#0;", past U+10FFFF) as U+FFFD:
    feedparser would turn them into a string it cannot encode and lose the whole feed."""

    def fix(m: re.Match) -> str:
        n = int(m[1], 16) if m[1] else int(m[2])
        return "&#xFFFD;" if n == 0 or 0xD800 <= n <= 0xDFFF or n > 0x10FFFF else m.group()

    return _CHARREF.sub(fix, text)


def looks_like_feed(text: str) -> bool:
    head = text[:4096].lstrip().lower()
    return bool(re.search(r"<(?:rss|feed|rdf:rdf)\b", head))


def _entry_date(entry) -> Optional[str]:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:
            day = iso_day(t.tm_year, t.tm_mon, t.tm_mday)
            if day:
                return day
    for key in ("published", "updated"):
        if entry.get(key):
            d = normalize_published(entry[key])
            if d:
                return d
    return None


FULL_TEXT_CHARS = 600
"""An entry whose ``content`` (Atom ``<content>``, RSS ``<content:encoded>``) has at least this
many characters of text carries the article; otherwise it is a summary and ``watch`` reads
the linked page (:attr:`FeedEntry.full`)."""


def _entry_content(entry) -> tuple[str, bool]:
    """The entry's longest content, else its summary; and whether it was content."""
    content = ""
    for c in entry.get("content") or []:
        if len(c.get("value") or "") > len(content):
            content = c["value"]
    if content.strip():
        return content, True
    return entry.get("summary") or "", False


def _entry_body(entry, raw: bool) -> str:
    """The entry's longest content, else its summary (as paragraphs unless ``raw``)."""
    content, _ = _entry_content(entry)
    return content if raw else fragment_text(content)


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a feed: its key (``guid``: the entry id, else its link), its link, and
    its document (or the IngestError that its text gave). ``full`` is whether the entry
    carries the article itself: content of at least :data:`FULL_TEXT_CHARS` characters."""

    guid: Optional[str]
    link: Optional[str]
    document: Union[Document, IngestError]
    full: bool


def _parse(text: str, source: str):
    import feedparser

    if not text.lstrip().startswith("<"):
        # feedparser would take a bare string for a URL or a file name and open it
        raise IngestError(source, "not an RSS/Atom feed")
    parsed = feedparser.parse(_safe_charrefs(text))
    if not parsed.entries:
        raise IngestError(source, "feed has no entries" if parsed.get("version") else "not an RSS/Atom feed")
    return parsed


def _document(entry, i: int, source: str, outlet, raw: bool, published: Optional[str]):
    where = entry.get("link") or f"{source}#{i}"
    body = _entry_body(entry, raw)
    if not body.strip():
        return IngestError(f"{source}#{i}", "feed entry has no text")
    cited: list = []
    if not raw:
        body, cited = cut_tail(body)
    dl = None if raw else dateline(body)
    return new_document(
        cited_sources=cited,
        source=where,
        url=entry.get("link") or None,
        outlet=outlet,
        headline=(" ".join((entry.get("title") or "").split()) or None),
        byline=(entry.get("author") or None),
        published=published or _entry_date(entry),
        dateline=dl[0] if dl else None,
        dateline_span=(0, dl[2]) if dl else None,
        text=body,
    )


def feed_entries(text: str, source: str, *, published: Optional[str] = None) -> tuple[Optional[str], list[FeedEntry]]:
    """The feed's title and its entries, each with its key, link and document."""
    parsed = _parse(text, source)
    outlet = (parsed.feed.get("title") or "").strip() or None
    out = []
    for i, entry in enumerate(parsed.entries, 1):
        link = (entry.get("link") or "").strip() or None
        guid = (entry.get("id") or "").strip() or link
        content, is_content = _entry_content(entry)
        full = is_content and len(fragment_text(content)) >= FULL_TEXT_CHARS
        out.append(FeedEntry(guid, link, _document(entry, i, source, outlet, False, published), full))
    return outlet, out


def read_feed(text: str, source: str, *, raw: bool, published: Optional[str]) -> list:
    """One document per RSS/Atom entry: title, link, author, date, and its content or summary."""
    parsed = _parse(text, source)
    outlet = (parsed.feed.get("title") or "").strip() or None
    return [_document(entry, i, source, outlet, raw, published) for i, entry in enumerate(parsed.entries, 1)]
