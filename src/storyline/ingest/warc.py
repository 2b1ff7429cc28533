"""WARC web archives (warcio, read as a stream): one document per archived HTML page.

A damaged archive keeps the pages read before the damage, and the damage is one error
line; a page that cannot be read is one error line naming its URI. warcio's own warnings
(printed on stderr, several lines each) become one note per file.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import logging
import re
import zlib
from pathlib import Path
from typing import Optional

from storyline.ingest.clean import add_notes
from storyline.ingest.decode import declared_encoding, decode_noted, known_encoding
from storyline.ingest.errors import IngestError
from storyline.ingest.html import parse_html
from storyline.ingest.files import LimitedReader, open_regular
from storyline.ingest.tables import limits

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_WARCIO_WARNING = "WARNING: Record not followed by newline"
log = logging.getLogger("storyline")


def _short(e: Exception) -> str:
    """An exception as a short printable line (warcio quotes binary first lines)."""
    text = "".join(c if c.isprintable() else "?" for c in " ".join(str(e).split()))
    return text if len(text) <= 120 else text[:119] + "…"


def _check_warc_file(path: Path, source: str) -> None:
    """IngestError unless the file is a WARC file within ``limits.max_warc_bytes``."""
    lim = limits()
    size = path.stat().st_size
    if size == 0:
        raise IngestError(source, "empty file")
    if size > lim["max_warc_bytes"]:
        raise IngestError(source, f"file too large ({size / 1e6:.0f} MB; the limit for WARC is {lim['max_warc_bytes'] / 1e6:.0f} MB)")
    with open_regular(path, source) as fh:
        head = fh.read(64)
    if head.startswith(b"\x1f\x8b"):
        try:
            with gzip.open(path, "rb") as gz:
                head = gz.read(16)
        except (OSError, EOFError, zlib.error):
            head = b""
    if not head.lstrip().startswith((b"WARC/", b"filedesc://")):
        raise IngestError(source, "not a valid WARC file (no WARC record header at the start)")


def _html_content_type(record) -> Optional[str]:
    """The Content-Type of an archived 2xx HTML response or resource; None for any other record."""
    if record.rec_type not in ("response", "resource"):
        return None
    if record.http_headers is not None:
        status = record.http_headers.get_statuscode()
        if status and not status.startswith("2"):
            return None
        ctype = record.http_headers.get_header("Content-Type") or ""
    else:
        ctype = record.rec_headers.get_header("Content-Type") or ""
    return ctype if ctype.lower().startswith(_HTML_TYPES) else None


def _header_charset(ctype: str) -> Optional[str]:
    """The charset the HTTP Content-Type header names, if Python knows it."""
    m = re.search(r"charset=([\w.:-]+)", ctype, re.IGNORECASE)
    return known_encoding(m.group(1).lower()) if m else None


def _record_item(record, uri: str, ctype: str, *, raw: bool, published: Optional[str]):
    """The document of one archived page, an IngestError, or None for an empty page."""
    max_bytes = limits()["max_file_bytes"]
    data = record.content_stream().read(max_bytes + 1)
    if len(data) > max_bytes:
        return IngestError(uri, "archived page too large")
    if not data.strip():
        return None
    declared = _header_charset(ctype)
    try:
        html, notes = decode_noted(data, uri, declared=declared or declared_encoding(data))
        doc = parse_html(html, source=uri, raw=raw, published=published)
        doc.url = doc.url or uri
        return add_notes([doc], notes)[0]
    except IngestError as e:
        return e
    except Exception as e:  # a library failing on one hostile page: that page is reported
        return IngestError(uri, f"could not read this page ({type(e).__name__}: {_short(e)})")


def read_warc(path: Path, source: str, *, raw: bool, published: Optional[str]) -> list:
    """One document per archived HTML response (HTTP 200) in a WARC file, read as a stream."""
    from warcio.archiveiterator import ArchiveIterator

    _check_warc_file(path, source)
    out: list = []
    captured = io.StringIO()
    try:
        with open_regular(path, source) as fh, contextlib.redirect_stderr(captured):
            for record in ArchiveIterator(LimitedReader(fh, limits()["max_warc_bytes"], source)):
                ctype = _html_content_type(record)
                if ctype is None:
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or f"{source}#{record.rec_headers.get_header('WARC-Record-ID')}"
                item = _record_item(record, uri, ctype, raw=raw, published=published)
                if item is not None:
                    out.append(item)
    except IngestError:
        raise
    except Exception as e:  # ArchiveLoadFailed, or warcio failing on a damaged record
        what = "not a valid WARC file" if not out else f"damaged WARC file after {len(out)} page(s)"
        err = IngestError(source, f"{what} ({_short(e)})")
        if not out:
            raise err from None
        out.append(err)
    finally:
        _pass_on(captured.getvalue(), source)
    if not out:
        raise IngestError(source, "no archived HTML pages in the WARC file")
    return out


def _pass_on(printed: str, source: str) -> None:
    """What warcio printed while reading, as notes: its Content-Length warnings (three lines
    each) counted in one, any other line as a note of its own."""
    warnings = printed.count(_WARCIO_WARNING)
    if warnings:
        log.warning("%s: %d WARC record(s) whose Content-Length does not match their content", source, warnings)
    for line in printed.splitlines():
        if line.strip() and not line.startswith(("    WARNING: Record", "    Offset:", "    Remainder:")):
            log.warning("%s: warcio: %s", source, line.strip()[:200])
