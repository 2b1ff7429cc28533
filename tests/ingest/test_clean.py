"""Text that cannot be written as UTF-8 is replaced where it enters a Document, one character
for one (offsets stay valid), and the record says so."""

from __future__ import annotations

import json

from storyline.ingest import parse_html, parse_text, read_path
from storyline.ingest.clean import clean_document, new_document
from storyline.model import CitedSource, Document


def test_parse_text_with_a_lone_surrogate_serialises():
    doc = parse_text("\udcb6\x0cd")
    record = json.loads(doc.model_dump_json())
    assert record["headline"] == "\ufffd" and record["text"] == "d"
    assert record["notes"] == ["headline: 1 lone surrogate replaced by U+FFFD"]


def test_every_field_is_cleaned_and_lengths_are_kept():
    text = "Moscow \ud800said\x00 on \udfffMonday."
    doc = new_document(source="s\udc80", text=text, headline="H\ud83d", cited_sources=[CitedSource(outlet="R\udcff")])
    assert doc.text == "Moscow \ufffdsaid\ufffd on \ufffdMonday." and len(doc.text) == len(text)
    assert doc.source == "s\ufffd" and doc.headline == "H\ufffd" and doc.cited_sources[0].outlet == "R\ufffd"
    assert doc.notes == [
        "source: 1 lone surrogate replaced by U+FFFD",
        "headline: 1 lone surrogate replaced by U+FFFD",
        "text: 2 lone surrogates and 1 NUL character replaced by U+FFFD",
        "cited_sources: 1 lone surrogate replaced by U+FFFD",
    ]
    doc.model_dump_json()


def test_clean_document_in_place_and_clean_text_untouched():
    doc = Document(source="x", text="ok \ud800", notes=["earlier"])
    assert clean_document(doc) is doc
    assert doc.text == "ok \ufffd" and doc.notes == ["earlier", "text: 1 lone surrogate replaced by U+FFFD"]
    plain = Document(source="x", text="Plain text — fine.")
    assert clean_document(plain).notes == [] and plain.text == "Plain text — fine."


def test_a_json_escaped_surrogate_is_replaced(tmp_path, write):
    p = write(tmp_path, "wire.jsonl", '{"text": "Moscow said \\ud800 on Monday.", "headline": "A \\udc00"}\n')
    [doc] = read_path(p)
    assert doc.text == "Moscow said \ufffd on Monday." and doc.headline == "A \ufffd"
    assert doc.notes == ["headline: 1 lone surrogate replaced by U+FFFD", "text: 1 lone surrogate replaced by U+FFFD"]


def test_raw_readers_clean_too():
    assert parse_text("a\ud800b", raw=True).text == "a\ufffdb"
    assert parse_html("<p>a\ud800b</p>", raw=True).text == "<p>a\ufffdb</p>"
