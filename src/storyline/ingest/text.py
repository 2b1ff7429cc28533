"""Plain text: the common layout of a pasted article, read by :func:`parse_text`.

  Headline                                   <- first non-blank line
  By Jane Doe, Staff Reporter                <- optional byline
  Published January 26, 2025                 <- optional date line

  NAIROBI (Kenya) - Police said on Monday…   <- body; its first words may be a dateline
  SOURCES: OUTLET – title                    <- optional trailing sources block
  Be the first to comment                    <- trailing comment-widget junk

The same reading of the body (sources block, junk, dateline) serves the text trafilatura
takes out of an HTML page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from storyline.ingest.dateline import dateline
from storyline.ingest.dates import check_published, grammar
from storyline.ingest.header import read_header
from storyline.ingest.lines import Line, normalize_newlines, split_lines
from storyline.ingest.tail import sources_block, trim_end
from storyline.ingest.clean import new_document
from storyline.model import Document


@dataclass
class Layout:
    headline: Optional[str] = None
    byline: Optional[str] = None
    published: Optional[str] = None
    dateline: Optional[str] = None
    dateline_date: Optional[str] = None
    dateline_end: int = 0  # offset in the body where the dateline and its dash end
    cited: tuple = ()
    body_start: int = 0
    body_end: int = 0


def _body_bounds(text: str, lines: list[Line], first: int, out: Layout) -> None:
    """Set the body's offsets in ``out`` (from lines[first], without a trailing sources
    block and junk) and the sources cited in that block."""
    last = trim_end(text, lines, first, len(lines) - 1)
    block = sources_block(text, lines, first, last)
    if block is not None and block[0] > first:
        out.cited = tuple(block[1])
        last = trim_end(text, lines, first, block[0] - 1)
    first_line = lines[first]
    out.body_start = first_line.start + (len(first_line.text(text)) - len(first_line.text(text).lstrip()))
    out.body_end = lines[last].start + len(lines[last].text(text).rstrip())


def _published(dates: list, dateline_date: Optional[str]) -> Optional[str]:
    """The date a "published" date line gives, else any printed date, else the dateline's."""
    labels = grammar().published_labels
    published = [d for label, d in dates if d and label in labels]
    any_date = [d for _, d in dates if d]
    return (published or any_date or [None])[0] or dateline_date


def read_layout(text: str, *, allow_headline: bool = True) -> Layout:
    """Where header, body and sources block are in ``text`` (newlines already ``\\n``)."""
    lines = split_lines(text)
    out = Layout(body_end=len(text))
    i = 0
    while i < len(lines) and not lines[i].text(text).strip():
        i += 1
    if i == len(lines):
        return out
    head = read_header(text, lines, i, allow_headline=allow_headline)
    out.headline, out.byline = head.headline, head.byline
    i = head.end
    while i < len(lines) and not lines[i].text(text).strip():
        i += 1
    if i == len(lines):  # nothing but a header: take the whole text as the body
        return Layout(body_start=0, body_end=len(text.rstrip()))
    _body_bounds(text, lines, i, out)
    dl = dateline(text[out.body_start : out.body_end])
    if dl:
        out.dateline, out.dateline_date, out.dateline_end = dl
    out.published = _published(head.dates, out.dateline_date)
    return out


def parse_text(
    text: str, *, source: str = "<text>", raw: bool = False, published: Optional[str] = None
) -> Document:
    """Read a pasted article: headline, byline, date line, dateline, body, sources block.

    The body is the article text exactly as printed (newlines normalized to ``\\n``) from the
    first body line to the last, without the headline, byline, date lines, trailing sources
    block and trailing comment-widget junk. A dateline stays in the body and is also recorded
    in ``dateline``. ``published`` is the printed date (the date line, else a dated dateline)
    unless ``published=`` overrides it. With ``raw=True`` the whole input is the body: no
    metadata is parsed and every offset refers to ``text`` exactly.
    """
    published = check_published(published)
    if raw:
        return new_document(source=source, text=text, published=published)
    text = normalize_newlines(text)
    lay = read_layout(text)
    return new_document(
        source=source,
        headline=lay.headline,
        byline=lay.byline,
        published=published or lay.published,
        dateline=lay.dateline,
        dateline_span=(0, lay.dateline_end) if lay.dateline else None,
        cited_sources=list(lay.cited),
        text=text[lay.body_start : lay.body_end],
    )
