"""Bytes to text: byte-order marks, binary sniffing, declared and detected encodings."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.ingest.decode import binary_kind, declared_encoding, decode, known_encoding
from storyline.ingest.errors import IngestError
from storyline.ingest.files import suffix


def test_binary_kind_by_magic_number_nul_bytes_and_control_characters():
    assert binary_kind(b"%PDF-1.7 ...") == "PDF"
    assert binary_kind(b"\x1f\x8b\x08\x00") == "gzip"
    assert binary_kind(b"text\x00more") == "binary"
    assert binary_kind(bytes([1, 2, 3, 4]) * 10 + b"some text") == "binary"
    assert binary_kind("\ufeffA headline".encode("utf-16")) is None  # a BOM: text
    assert binary_kind(b"A plain headline\n") is None


def test_labels_are_read_as_browsers_read_them():
    assert known_encoding("iso-8859-1") == "cp1252"
    assert known_encoding("utf8") == "utf-8"
    assert known_encoding("no-such-charset") is None
    assert declared_encoding(b'<html><head><meta charset="ISO-8859-1">') == "cp1252"
    assert declared_encoding(b'<?xml version="1.0" encoding="windows-1251"?><rss>') == "cp1251"
    assert declared_encoding(b"<html><head><title>x</title>") is None


def test_decode_order_bom_declared_utf8_detected():
    assert decode("Zürich".encode("utf-16")) == "Zürich"
    assert decode("Zürich".encode("cp1252"), declared="cp1252") == "Zürich"
    # declared single-byte, but the bytes are UTF-8 with non-ASCII characters: UTF-8 wins
    assert decode("Zürich".encode("utf-8"), declared="cp1252") == "Zürich"
    assert decode("Café “owners” protest".encode("cp1252")) == "Café “owners” protest"


def test_decode_refuses_a_lying_byte_order_mark():
    with pytest.raises(IngestError, match="byte-order mark"):
        decode(b"\xef\xbb\xbf\xff\xfe\xfd", "bad.txt")


@pytest.mark.parametrize(
    "name, kind",
    [("a.txt", ".txt"), ("a.HTML", ".html"), ("crawl.warc.gz", ".warc"), ("page.html.gz", ".html"), ("README", "")],
)
def test_suffix_is_the_kind_under_gzip(name, kind):
    assert suffix(Path(name)) == kind
