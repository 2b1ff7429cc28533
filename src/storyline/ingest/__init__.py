"""Ingestion: turn files into :class:`~storyline.model.Document` objects (text fields only).

Supported inputs

* plain text (``.txt``, ``.md``, ``.text`` or no extension): the common layout of a pasted
  article, read by :func:`parse_text` with the patterns in ``data/layout.toml``;
* HTML (``.html``, ``.htm``, ``.xhtml``, or any text file whose content is HTML): body without
  boilerplate from trafilatura, headline/byline/site name from its metadata, date from htmldate;
* JSON Lines (``.jsonl``, ``.ndjson``): one article per line, ``text`` plus optional
  ``headline``, ``published``, ``url``, ``outlet``, ``byline``, ``source``, ``dateline``;
* RSS/Atom feeds (``.rss``, ``.atom``, or ``.xml`` whose content is a feed, via feedparser):
  one document per entry, its content (or summary) as the body;
* WARC web archives (``.warc``, ``.warc.gz``, via warcio, read as a stream): one document per
  archived HTML response, read as an HTML page;
* any of these gzip-compressed (``.gz``);
* a directory: every supported file in it, recursively, in sorted order.

Bad input raises (or, from :func:`iter_paths`, yields) an :class:`IngestError` whose text is
one line naming the file. Nothing here runs the NLP pipeline; analysis comes later.

One module per concern: :mod:`~storyline.ingest.read` (which reader for which file),
:mod:`~storyline.ingest.files` (suffixes, size limit, directories), :mod:`~storyline.ingest.decode`
(bytes to text), :mod:`~storyline.ingest.text` with :mod:`~storyline.ingest.header` and
:mod:`~storyline.ingest.tail` (the plain-text layout), :mod:`~storyline.ingest.html` and
:mod:`~storyline.ingest.html_dates`, :mod:`~storyline.ingest.jsonl`, :mod:`~storyline.ingest.feed`,
:mod:`~storyline.ingest.warc`; every date is read by :mod:`~storyline.ingest.dates` and every
dateline by :mod:`~storyline.ingest.dateline`.
"""

from __future__ import annotations

from storyline.ingest.dates import parse_date
from storyline.ingest.decode import declared_encoding, decode
from storyline.ingest.errors import IngestError
from storyline.ingest.files import SUPPORTED_SUFFIXES, expand
from storyline.ingest.html import parse_html
from storyline.ingest.html_dates import html_date
from storyline.ingest.read import iter_paths, read_path
from storyline.ingest.text import parse_text

__all__ = [
    "IngestError",
    "read_path",
    "iter_paths",
    "parse_text",
    "parse_html",
    "SUPPORTED_SUFFIXES",
    "expand",
    "decode",
    "declared_encoding",
    "html_date",
    "parse_date",
]
