"""HTML pages: the body without boilerplate (trafilatura), headline, byline, site name and
URL from trafilatura's metadata, the date from htmldate checked against the page's own
evidence (:mod:`storyline.ingest.html_dates`). Title cleaning rules are in the ``[html]``
table of ``data/layout.toml``.
"""

from __future__ import annotations

import functools
import re
from typing import Iterable, Optional

from storyline.ingest.dates import check_published, normalize_published
from storyline.ingest.errors import IngestError
from storyline.ingest.html_dates import DATE_PARAMS, html_date, page_date
from storyline.ingest.nesting import MAX_DEPTH, PARSER_DEPTH, flatten, too_deep
from storyline.ingest.tables import layout, limits
from storyline.ingest.text import read_layout
from storyline.ingest.time_limit import time_limit
from storyline.ingest.clean import new_document
from storyline.model import Document

_EXTRACT_PARAMS = {
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "deduplicate": False,
    "favor_precision": True,  # best F1 on the scrapinghub benchmark (see docs/ingest.md)
    "favor_recall": False,
}


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:8192].lower() or bool(
        re.match(r"<(?:head|body|meta|title|article)\b", head)
    )


def _fold_space(s: str) -> str:
    return " ".join(s.split()).casefold()


def html_body(html: str, **overrides) -> tuple[str, object]:
    """Main text of an HTML page (paragraphs separated by blank lines) and trafilatura's result."""
    import trafilatura

    params = {**_EXTRACT_PARAMS, "date_extraction_params": dict(DATE_PARAMS), **overrides}
    result = trafilatura.bare_extraction(html, with_metadata=True, **params)
    if (result is None or not (getattr(result, "text", None) or "").strip()) and params.get("favor_precision"):
        # precision found nothing: a short or unusual page; try again favouring recall
        params.update(favor_precision=False, favor_recall=True)
        result = trafilatura.bare_extraction(html, with_metadata=True, **params) or result
    if result is None:
        return "", None
    text = getattr(result, "text", None) or ""
    paras = [p.strip() for p in text.split("\n") if p.strip()]
    title = getattr(result, "title", None)
    if paras and title and _fold_space(paras[0]) == _fold_space(title):
        paras = paras[1:]  # the headline repeated at the top of the body
    return "\n\n".join(paras), result


def html_tree(html: str):
    """The page parsed by lxml (trafilatura's loader), or None."""
    from trafilatura.utils import load_html

    try:
        return load_html(html)
    except Exception:  # hostile markup: no tree rather than no document
        return None


def _page_headings(html_or_tree) -> list[str]:
    """Texts of the page's <h1> elements (the first few), for cleaning the <title>."""
    tree = html_tree(html_or_tree) if isinstance(html_or_tree, str) else html_or_tree
    if tree is None:
        return []
    return [" ".join(h.text_content().split()) for h in tree.iter("h1")][:5]


@functools.cache
def _title_separator() -> re.Pattern:
    return re.compile(layout()["html"]["title_separators"])


def _title_strip() -> str:
    return " " + layout()["html"]["title_separator_chars"]


def clean_title(title: Optional[str], sitename: Optional[str], headings: Iterable[str] = ()) -> Optional[str]:
    """The headline inside a page title: "Headline | Site" -> "Headline".

    A heading (<h1>) that the title starts or ends with is the headline; otherwise a title
    segment that names the site (``sitename``) is dropped. Separators are in layout.toml.
    """
    if not title:
        return None
    title = " ".join(title.split())
    folded = _fold_space(title)
    for h in headings:
        fh = _fold_space(h)
        if len(fh) >= layout()["html"]["min_heading_chars"] and fh != folded and (
            folded.startswith(fh) or folded.endswith(fh)
        ):
            return h
    site = _fold_space(sitename or "")
    if site:
        parts = _title_separator().split(title)
        if len(parts) > 1:
            last, first = _fold_space(parts[-1]), _fold_space(parts[0])
            if last and (last in site or site in last):
                return title[: title.rfind(parts[-1])].rstrip(_title_strip())
            if first and (first in site or site in first):
                return title[len(parts[0]) :].lstrip(_title_strip())
    return title


def _extract(html: str, source: str, notes: list[str]) -> tuple[str, object, Optional[str], list[str]]:
    """(body, trafilatura's metadata, date, <h1> texts) of a page; IngestError if no body.
    A page nested deeper than the parser keeps is flattened first (noted in ``notes``)."""
    tree = html_tree(html)
    if too_deep(tree):
        html = flatten(html)
        tree = html_tree(html)
        notes.append(f"HTML nested over {PARSER_DEPTH} elements deep: tags below depth {MAX_DEPTH} dropped, their text kept")
    body, meta = html_body(html)
    if not body.strip():
        raise IngestError(source, "no article text found in the HTML page")
    # trafilatura dates the page with htmldate under DATE_PARAMS; ask htmldate
    # directly only when that gave nothing usable.
    date = normalize_published(getattr(meta, "date", None)) if meta is not None else None
    date = date or html_date(html)
    date = page_date(date, tree, getattr(meta, "url", None) if meta is not None else None)
    headings = _page_headings(tree) if meta is not None else []
    return body, meta, date, headings


def parse_html(
    html: str, *, source: str = "<html>", raw: bool = False, published: Optional[str] = None
) -> Document:
    """An HTML page: boilerplate-free body (trafilatura), metadata (trafilatura), date (htmldate).

    Extraction is stopped after ``limits.html_seconds`` (layout.toml) where the platform allows.
    Markup nested deeper than the parser keeps is flattened first (:mod:`storyline.ingest.nesting`).
    """
    published = check_published(published)
    if raw:
        return new_document(source=source, text=html, published=published)
    notes: list[str] = []
    with time_limit(float(limits()["html_seconds"]), source):
        body, meta, date, headings = _extract(html, source, notes)
    lay = read_layout(body, allow_headline=False)
    text = body[lay.body_start : lay.body_end]
    url = getattr(meta, "url", None) if meta is not None else None
    return new_document(
        source=source,
        url=url,
        outlet=(getattr(meta, "sitename", None) or None) if meta is not None else None,
        headline=clean_title(getattr(meta, "title", None), getattr(meta, "sitename", None), headings)
        if meta is not None
        else None,
        byline=((getattr(meta, "author", None) or None) if meta is not None else None) or lay.byline,
        published=published or date or lay.published,
        dateline=lay.dateline,
        dateline_span=(0, lay.dateline_end) if lay.dateline else None,
        cited_sources=list(lay.cited),
        text=text,
        notes=notes,
    )
