"""Bytes to text: byte-order marks, the magic numbers of binary files, declared charsets
(``<meta charset>``, ``<?xml encoding?>``, an HTTP header) and charset detection."""

from __future__ import annotations

import codecs
import re
from typing import Optional

from storyline.ingest.errors import IngestError, PathLike
from storyline.ingest.tables import layout, limits

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP/Office"),
    (b"\x89PNG", "PNG"),
    (b"GIF8", "GIF"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ", "xz"),
    (b"\x7fELF", "ELF"),
    (b"RIFF", "RIFF"),
    (b"ID3", "MP3"),
    (b"SQLite format 3", "SQLite"),
    (b"\xd0\xcf\x11\xe0", "OLE/Office"),
)
_CONTROL = set(range(0, 32)) - {9, 10, 12, 13, 27}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# As browsers do (WHATWG Encoding): these labels mean windows-1252.
_LABEL_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "ascii": "cp1252",
                  "us-ascii": "cp1252", "iso8859-1": "cp1252", "l1": "cp1252"}


def binary_kind(data: bytes) -> Optional[str]:
    """What binary format the bytes are in ("PDF", "gzip", … or "binary"), None for text."""
    head = data[: limits()["binary_sniff_bytes"]]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return None
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    if b"\x00" in head:
        return "binary"
    if head and sum(b in _CONTROL for b in head) / len(head) > limits()["binary_control_ratio"]:
        return "binary"
    return None


def known_encoding(label: str) -> Optional[str]:
    """Python's name for a charset label (lower case), as browsers read it; None if unknown."""
    label = _LABEL_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_encoding(data: bytes) -> Optional[str]:
    """The charset a page declares (``<meta charset>``, ``<?xml encoding?>``), if Python knows it."""
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if not m:
        return None
    return known_encoding(m.group(1).decode("ascii", "ignore").lower())


def _decode_bom(data: bytes, source: PathLike) -> Optional[str]:
    """The text of bytes that start with a byte-order mark; None without one."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                raise IngestError(source, f"undecodable bytes: the file starts with a {enc} byte-order mark but is not {enc}") from None
    return None


def _decode_declared(data: bytes, declared: str, utf8: Optional[str]) -> Optional[str]:
    """The bytes read in their declared charset, unless that is single-byte and the bytes are
    non-ASCII UTF-8 (a mislabel far more common than the opposite); None if it does not fit."""
    single_byte = codecs.lookup(declared).name not in {"utf-8", "utf-16", "utf-32"} and not declared.startswith(("gb", "big5", "shift", "euc", "iso2022", "cp9"))
    if utf8 is not None and single_byte and not data.isascii():
        return None
    try:
        return data.decode(declared)
    except (UnicodeDecodeError, LookupError):
        return None


def _decode_detected(data: bytes) -> Optional[str]:
    """The bytes read in the encoding charset-normalizer finds; None if none fits."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data[:2_000_000]))
    if matches:
        # Among the guesses that read the bytes equally cleanly, prefer the common legacy
        # encodings of news text (short samples leave charset-normalizer undecided).
        cleanest = [m.encoding for m in matches if m.chaos <= matches[0].chaos + 1e-6]
        preferred = [e for e in layout()["encoding"]["prefer_on_tie"] if e in cleanest]
        for enc in preferred[:1] + [m.encoding for m in matches]:
            try:
                return data.decode(enc)
            except (UnicodeDecodeError, LookupError):
                continue
    return None


def decode(data: bytes, source: PathLike = "<bytes>", *, declared: Optional[str] = None) -> str:
    """Bytes to text: BOM, then the declared charset, then UTF-8, then charset-normalizer's guess.

    A page declaring a single-byte charset whose bytes are valid UTF-8 with non-ASCII characters
    is read as UTF-8 (a mislabel far more common than the opposite). Raises IngestError when no
    encoding fits.
    """
    text = _decode_bom(data, source)
    if text is not None:
        return text
    utf8: Optional[str]
    try:
        utf8 = data.decode("utf-8")
    except UnicodeDecodeError:
        utf8 = None
    if declared:
        text = _decode_declared(data, declared, utf8)
        if text is not None:
            return text
    if utf8 is not None:
        return utf8
    text = _decode_detected(data)
    if text is not None:
        return text
    raise IngestError(source, "undecodable bytes: not UTF-8, and no declared or detected encoding fits")
