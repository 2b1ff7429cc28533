"""Files: the suffixes ingest reads, a file's bytes within the size limit (gunzipped), and
the files named or found under directories.

Only regular files are read: a FIFO, a device or a socket is refused before it is opened
(so a FIFO with no writer cannot hang a batch, nor ``/dev/zero`` fill the memory), and
checked again on the open file. The size limit is enforced while reading, not only from
``stat`` (which a growing file or a /proc file gets wrong). Symbolic links to files are
followed; a loop, a broken link or a link to a directory under a directory walked is
skipped with a note.
"""

from __future__ import annotations

import errno
import gzip
import io
import logging
import os
import stat
import zlib
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
    except (OSError, EOFError, zlib.error):
        raise IngestError(source, "not a valid gzip file") from None
    if len(data) > limit:
        raise IngestError(source, f"file too large once decompressed (the limit is {limit / 1e6:.0f} MB)")
    return data


_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


def _not_regular(mode: int) -> str | None:
    """Why a file of this mode is not read ("is a directory", "not a regular file (a FIFO)")."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory"
    kind = next((name for test, name in _KINDS if test(mode)), "not a file")
    return f"not a regular file ({kind}); only regular files are read"


def _os_error(path: Path, source: str, e: OSError) -> IngestError:
    if e.errno == errno.ELOOP:
        return IngestError(source, "symbolic link loop")
    if e.errno == errno.ENOENT:
        return IngestError(source, "broken symbolic link (its target does not exist)" if path.is_symlink() else "no such file")
    if e.errno in (errno.EACCES, errno.EPERM):
        return IngestError(source, "permission denied")
    return IngestError(source, f"cannot read: {e.strerror or e}")


def check_regular(path: Path, source: str) -> int:
    """The size of ``path`` if it is a regular file (links followed); IngestError if not."""
    try:
        st = os.stat(path)
    except OSError as e:
        raise _os_error(path, source, e) from None
    why = _not_regular(st.st_mode)
    if why:
        raise IngestError(source, why)
    return st.st_size


def open_regular(path: Path, source: str):
    """``path`` opened for reading in binary, refused (IngestError) unless a regular file.

    The kind is checked before opening (opening a FIFO or a device can block or act) and
    again on the open file, in case the name changed in between.
    """
    check_regular(path, source)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        raise _os_error(path, source, e) from None
    why = _not_regular(os.fstat(fd).st_mode)
    if why:
        os.close(fd)
        raise IngestError(source, why)
    return os.fdopen(fd, "rb")


def _too_large(source: str, limit: int, size: float | None = None) -> IngestError:
    got = f"{size / 1e6:.1f} MB; " if size is not None else "over "
    return IngestError(source, f"file too large ({got}the limit is {limit / 1e6:.0f} MB)")


def read_bytes(path: Path, source: str) -> bytes:
    """The file's bytes (decompressed if it ends in ``.gz``), within ``limits.max_file_bytes``,
    which is enforced while reading. Only a regular file is read."""
    limit = limits()["max_file_bytes"]
    size = check_regular(path, source)
    if size > limit:
        raise _too_large(source, limit, size)
    try:
        with open_regular(path, source) as fh:
            data = fh.read(limit + 1)
    except OSError as e:
        raise _os_error(path, source, e) from None
    if len(data) > limit:
        raise _too_large(source, limit)
    if path.suffix.lower() == ".gz":
        data = _gunzip(data, source, limit)
    return data


class LimitedReader:
    """A binary file that raises IngestError once more than ``limit`` bytes are read from it."""

    def __init__(self, fh, limit: int, source: str):
        self._fh, self._limit, self._source, self._count = fh, limit, source, 0

    def _counted(self, data: bytes) -> bytes:
        self._count += len(data)
        if self._count > self._limit:
            raise _too_large(self._source, self._limit)
        return data

    def read(self, n: int = -1) -> bytes:
        return self._counted(self._fh.read(self._limit + 1 - self._count if n is None or n < 0 else n))

    def readline(self, n: int = -1) -> bytes:
        return self._counted(self._fh.readline(n))

    def __getattr__(self, name):
        return getattr(self._fh, name)


def _dir_link_note(link: Path) -> None:
    """Note a symbolic link met while walking a directory that is not followed."""
    try:
        target = link.resolve(strict=True)
    except RuntimeError:
        log.warning("%s: symbolic link loop, skipped", link)
        return
    except OSError as e:
        log.warning("%s: %s, skipped", link, "symbolic link loop" if e.errno == errno.ELOOP else "broken symbolic link")
        return
    if target.is_dir():
        here = link.parent.resolve()
        loop = target == here or target in here.parents  # it leads back up: a walk would never end
        log.warning("%s: %s, skipped", link, "symbolic link loop" if loop else "symbolic link to a directory, not followed")


def _supported_file(p: Path) -> bool:
    return p.is_file() and suffix(p) in SUPPORTED_SUFFIXES


def expand(paths: Iterable[PathLike]) -> Iterator[Union[Path, IngestError]]:
    """Files named or found (recursively, sorted, hidden entries skipped) under directories."""
    for p in paths:
        p = Path(p)
        if p.is_dir():
            entries = [f for f in p.rglob("*") if not any(part.startswith(".") for part in f.relative_to(p).parts)]
            for f in sorted(entries):
                if f.is_symlink() and not f.is_file():
                    _dir_link_note(f)
                elif not f.is_symlink() and not f.is_file() and not f.is_dir():
                    try:
                        log.warning("%s: %s, skipped", f, _not_regular(f.lstat().st_mode))
                    except OSError:
                        pass
            visible = sorted(f for f in entries if f.is_file())
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
