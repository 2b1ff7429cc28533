"""Bytes to text: byte-order marks, the magic numbers of binary files, declared charsets
(``<meta charset>``, ``<?xml encoding?>``, an HTTP header) and charset detection.

Two repairs are made and noted (:func:`decode_noted` returns the notes; the readers put
them in each document's ``notes``):

* nearly-UTF-8 bytes (a UTF-8 file with a few bad sequences, or with a Latin-1 paragraph
  pasted in) are read as UTF-8, and only the bad sequences are decoded as cp1252 (bytes
  cp1252 leaves undefined become U+FFFD), instead of the whole file being read in a legacy
  encoding (``—`` as ``â€”``). This reading is tried only for bytes without a single-byte
  charset declared that hold at least one valid multi-byte UTF-8 character, and taken
  when it looks no more like mojibake (charset-normalizer's mess measure) than the
  detected legacy reading: a GBK or cp1251 text, whose bytes form UTF-8 look-alikes by
  chance, is still read in its own encoding;
* UTF-16 without a byte-order mark (most of one byte of each pair NUL) is recognised and
  read as UTF-16-LE or -BE, where it used to be called binary.
"""

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


def utf16_without_bom(data: bytes) -> Optional[str]:
    """``"utf-16-le"`` or ``"utf-16-be"`` for UTF-16 text without a byte-order mark, else None.

    Text in a Latin script written as UTF-16 has a NUL as one byte of most pairs, always the
    same one; the bytes must also decode strictly, with few control characters.
    """
    head = data[: limits()["binary_sniff_bytes"]]
    head = head[: len(head) - len(head) % 2]
    pairs = len(head) // 2
    if pairs < 4:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    for enc, nul_side, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if nul_side >= 0.6 * pairs and other <= 0.01 * pairs:
            try:
                text = head.decode(enc)
            except UnicodeDecodeError:
                return None
            control = sum(1 for c in text if ord(c) in _CONTROL or 0xD800 <= ord(c) <= 0xDFFF)
            return enc if control <= limits()["binary_control_ratio"] * len(text) else None
    return None


def binary_kind(data: bytes) -> Optional[str]:
    """What binary format the bytes are in ("PDF", "gzip", … or "binary"), None for text."""
    head = data[: limits()["binary_sniff_bytes"]]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return None
    if utf16_without_bom(data):
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


def _single_byte(encoding: str) -> bool:
    """Is ``encoding`` (Python's name) a single-byte charset?"""
    return codecs.lookup(encoding).name not in {"utf-8", "utf-16", "utf-32"} and not encoding.startswith(
        ("gb", "big5", "shift", "euc", "iso2022", "cp9")
    )


def _decode_declared(data: bytes, declared: str, utf8: Optional[str]) -> Optional[str]:
    """The bytes read in their declared charset, unless that is single-byte and the bytes are
    non-ASCII UTF-8 (a mislabel far more common than the opposite); None if it does not fit."""
    if utf8 is not None and _single_byte(declared) and not data.isascii():
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


_ESCAPED = re.compile("[\udc80-\udcff]+")  # bytes that were not UTF-8, from "surrogateescape"


_MESS_SAMPLE = 200_000  # characters of each reading compared by charset-normalizer's mess measure


def _messier(a: str, b: str) -> bool:
    """Does reading ``a`` look more like mojibake than reading ``b`` (ties go to ``b``)?"""
    from charset_normalizer.md import mess_ratio

    return mess_ratio(a[:_MESS_SAMPLE], 1.0) >= mess_ratio(b[:_MESS_SAMPLE], 1.0)


def _nearly_utf8(data: bytes, fallback: str = "cp1252") -> Optional[tuple[str, int]]:
    """(text, number of bad sequences) of the bytes read as UTF-8 with each bad sequence
    decoded in ``fallback``; None when they hold no valid multi-byte UTF-8 character."""
    escaped = data.decode("utf-8", "surrogateescape")
    bad = _ESCAPED.findall(escaped)
    valid = sum(1 for c in escaped if ord(c) > 0x7F) - sum(len(b) for b in bad)
    if not bad or valid < 1:
        return None

    def cp1252(m: re.Match) -> str:
        raw = bytes(ord(c) - 0xDC00 for c in m.group())
        return raw.decode(fallback, "replace")

    return _ESCAPED.sub(cp1252, escaped), len(bad)


def _decode_utf16(data: bytes, source: PathLike) -> Optional[str]:
    enc = utf16_without_bom(data)
    if enc is None:
        return None
    try:
        return data[: len(data) - len(data) % 2].decode(enc)
    except UnicodeDecodeError:
        raise IngestError(source, f"undecodable bytes: the file starts as {enc} without a byte-order mark but is not {enc}") from None


def decode_noted(data: bytes, source: PathLike = "<bytes>", *, declared: Optional[str] = None) -> tuple[str, list[str]]:
    """:func:`decode`, and the notes on what was repaired or recognised (see the module)."""
    text = _decode_bom(data, source)
    if text is not None:
        return text, []
    text = _decode_utf16(data, source)
    if text is not None:
        return text, [f"no byte-order mark: read as {utf16_without_bom(data).upper()}"]
    utf8: Optional[str]
    try:
        utf8 = data.decode("utf-8")
    except UnicodeDecodeError:
        utf8 = None
    if declared:
        text = _decode_declared(data, declared, utf8)
        if text is not None:
            return text, []
    if utf8 is not None:
        return utf8, []
    nearly = _nearly_utf8(data)
    detected = _decode_detected(data)
    if nearly is not None and (detected is None or _messier(detected, nearly[0])):
        n = nearly[1]
        return nearly[0], [f"{n} invalid UTF-8 sequence{'s' if n != 1 else ''} decoded as cp1252"]
    if detected is not None:
        return detected, []
    raise IngestError(source, "undecodable bytes: not UTF-8, and no declared or detected encoding fits")


def decode(data: bytes, source: PathLike = "<bytes>", *, declared: Optional[str] = None) -> str:
    """Bytes to text: BOM, UTF-16 without one, the declared charset, UTF-8, nearly-UTF-8
    (bad sequences decoded as cp1252), then charset-normalizer's guess.

    A page declaring a single-byte charset whose bytes are valid UTF-8 with non-ASCII characters
    is read as UTF-8 (a mislabel far more common than the opposite). Raises IngestError when no
    encoding fits. :func:`decode_noted` also says what was repaired.
    """
    return decode_noted(data, source, declared=declared)[0]
