"""Reading files: each file's kind (by suffix, else by content) and its reader; one bad
file is reported as a one-line :class:`IngestError` and the rest of a batch proceeds."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from storyline.ingest.dates import check_published
from storyline.ingest.clean import add_notes
from storyline.ingest.decode import binary_kind, declared_encoding, decode_noted
from storyline.ingest.errors import IngestError, PathLike
from storyline.ingest.feed import looks_like_feed, read_feed
from storyline.ingest.files import (
    FEED_SUFFIXES,
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    SUPPORTED_SUFFIXES,
    TEXT_SUFFIXES,
    WARC_SUFFIXES,
    check_regular,
    expand,
    read_bytes,
    suffix,
)
from storyline.ingest.html import looks_like_html, parse_html
from storyline.ingest.jsonl import looks_like_jsonl, read_jsonl
from storyline.ingest.tables import limits
from storyline.ingest.text import parse_text
from storyline.ingest.warc import read_warc
from storyline.model import Document

_KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES


def _text(data: bytes, source: str, kind: str) -> tuple[str, list[str]]:
    """The file's text and the notes on its decoding; IngestError for an empty, binary or
    undecodable file."""
    if not data.strip():
        raise IngestError(source, "empty file")
    binary = binary_kind(data)
    if binary:
        raise IngestError(source, f"binary file ({binary}), not an article" if binary != "binary" else "binary file, not an article")
    text, notes = decode_noted(data, source, declared=declared_encoding(data) if kind not in JSONL_SUFFIXES else None)
    if text.startswith("\ufeff"):
        text = text[1:]
    bad = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\t\n\r\f\x1b")
    if text and bad / min(len(text), 8192) > limits()["binary_control_ratio"]:
        raise IngestError(source, "binary file, not an article")
    if not text.strip():
        raise IngestError(source, "empty file")
    return text, notes


def _read_text(text: str, source: str, kind: str, *, raw: bool, published: Optional[str]) -> list:
    """The documents of a file's text, read as its suffix (or, without a known one, its
    content) says: JSON Lines, feed, HTML or plain text."""
    known = kind in _KNOWN_SUFFIXES
    if kind in JSONL_SUFFIXES or (not known and looks_like_jsonl(text)):
        return read_jsonl(text, source, raw=raw, published=published)
    if kind in {".rss", ".atom"} or (kind not in HTML_SUFFIXES and looks_like_feed(text)):
        return read_feed(text, source, raw=raw, published=published)
    if kind == ".xml":
        raise IngestError(source, "XML file that is not an RSS/Atom feed")
    if kind in HTML_SUFFIXES or looks_like_html(text):
        return [parse_html(text, source=source, raw=raw, published=published)]
    if not known:
        raise IngestError(source, f"unsupported file type '{kind}' (supported: {', '.join(sorted(SUPPORTED_SUFFIXES))})")
    doc = parse_text(text, source=source, raw=raw, published=published)
    if not doc.text.strip():
        raise IngestError(source, "no article text")
    return [doc]


def read_file(path: Path, *, raw: bool, published: Optional[str]) -> list:
    """Documents and per-record errors of one file; raises IngestError when the whole file is bad."""
    source = str(path)
    kind = suffix(path)
    check_regular(path, source)
    if kind in WARC_SUFFIXES:
        return read_warc(path, source, raw=raw, published=published)
    text, notes = _text(read_bytes(path, source), source, kind)
    return add_notes(_read_text(text, source, kind, raw=raw, published=published), notes)


def _unexpected(path: PathLike, e: Exception) -> IngestError:
    """A library failing on hostile input, reported as one line rather than a traceback."""
    return IngestError(path, f"could not read ({type(e).__name__}: {e})".replace("\n", " "))


def read_path(path: PathLike, *, raw: bool = False, published: Optional[str] = None) -> list[Document]:
    """The documents in one file (a JSON Lines file may hold several).

    Raises :class:`IngestError` for a missing, empty, binary, undecodable, oversized or
    unsupported file, and for the first bad line of a JSON Lines file (use :func:`iter_paths`
    to keep the good lines of such a file).
    """
    published = check_published(published)
    path = Path(path)
    try:
        items = read_file(path, raw=raw, published=published)
    except IngestError:
        raise
    except Exception as e:  # a library failing on hostile input: report, never a traceback
        raise _unexpected(path, e) from e
    for item in items:
        if isinstance(item, IngestError):
            raise item
    return items


def iter_paths(
    paths: Iterable[PathLike], *, raw: bool = False, published: Optional[str] = None
) -> Iterator[tuple[str, Union[list[Document], IngestError]]]:
    """For each file (directories expanded), ``(name, documents)`` or ``(name, IngestError)``.

    One bad file is reported and the rest proceed. A JSON Lines file yields its good records
    as one ``(path, documents)`` item and each bad line as ``("path:LINE", IngestError)``.
    """
    published = check_published(published)
    for item in expand(paths):
        if isinstance(item, IngestError):
            yield item.source, item
            continue
        try:
            results = read_file(item, raw=raw, published=published)
        except IngestError as e:
            yield e.source, e
            continue
        except Exception as e:
            err = _unexpected(item, e)
            yield err.source, err
            continue
        docs = [d for d in results if isinstance(d, Document)]
        if docs:
            yield str(item), docs
        for e in results:
            if isinstance(e, IngestError):
                yield e.source, e
