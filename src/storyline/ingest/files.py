"""Files: the suffixes ingest reads, a file's bytes within the size limit (gunzipped), and
the files named or found under directories."""

from __future__ import annotations

import gzip
import io
import logging
from pathlib import Path
from typing import Iterable, Iterator, Union

from storyline.ingest.errors import IngestError, PathLike
from storyline.ingest.tables import limits

log = logging.getLogger("storyline")

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}  # .xml only when the content is an RSS/Atom feed
WARC_SUFFIXES = {".warc"}  # also .warc.gz
SUPPORTED_SUFFIXES = (TEXT_SUFFIXES - {""}) | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES | WARC_SUFFIXES


def suffix(path: Path) -> str:
    """The file's kind suffix, lower case, under a ``.gz`` ("a.warc.gz" -> ".warc")."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def _gunzip(data: bytes, source: str, limit: int) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
            data = gz.read(limit + 1)
    except (OSError, EOFError):
        raise IngestError(source, "not a valid gzip file") from None
    if len(data) > limit:
        raise IngestError(source, f"file too large once decompressed (the limit is {limit / 1e6:.0f} MB)")
    return data


def read_bytes(path: Path, source: str) -> bytes:
    """The file's bytes (decompressed if it ends in ``.gz``), within ``limits.max_file_bytes``."""
    limit = limits()["max_file_bytes"]
    if not path.exists():
        raise IngestError(source, "no such file")
    if path.is_dir():
        raise IngestError(source, "is a directory")
    try:
        size = path.stat().st_size
        if size > limit:
            raise IngestError(source, f"file too large ({size / 1e6:.1f} MB; the limit is {limit / 1e6:.0f} MB)")
        data = path.read_bytes()
    except PermissionError:
        raise IngestError(source, "permission denied") from None
    except OSError as e:
        raise IngestError(source, f"cannot read: {e.strerror or e}") from None
    if path.suffix.lower() == ".gz":
        data = _gunzip(data, source, limit)
    return data


def _supported_file(p: Path) -> bool:
    return p.is_file() and suffix(p) in SUPPORTED_SUFFIXES


def expand(paths: Iterable[PathLike]) -> Iterator[Union[Path, IngestError]]:
    """Files named or found (recursively, sorted, hidden entries skipped) under directories."""
    for p in paths:
        p = Path(p)
        if p.is_dir():
            visible = sorted(
                f for f in p.rglob("*")
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            found = [f for f in visible if _supported_file(f)]
            skipped = [f for f in visible if not _supported_file(f)]
            if not found:
                yield IngestError(p, "directory has no supported files (" + ", ".join(sorted(SUPPORTED_SUFFIXES)) + ")")
            elif skipped:
                names = ", ".join(f.name for f in skipped[:3]) + (", …" if len(skipped) > 3 else "")
                log.warning("%s: skipped %d file(s) without a supported extension (%s)", p, len(skipped), names)
            yield from found
        else:
            yield p
