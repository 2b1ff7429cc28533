"""Nearly-UTF-8 bytes are repaired where they are bad, not mis-decoded as a whole; UTF-16
without a byte-order mark is text; each repair is noted in the record."""

from __future__ import annotations

import pytest

from storyline.ingest import read_path
from storyline.ingest.decode import binary_kind, decode, decode_noted

UTF8 = "Lusaka — Zambia’s opposition said on Sunday it would “challenge the result” in court.\n"


def test_three_bad_sequences_are_repaired_alone():
    # cp1252 quotation marks and dash pasted into a UTF-8 file
    data = UTF8.encode() + b"The party said \x93it will win\x94 \x96 and more.\n"
    text, notes = decode_noted(data)
    assert text == UTF8 + "The party said “it will win” – and more.\n"
    assert notes == ["3 invalid UTF-8 sequences decoded as cp1252"]
    assert "â€" not in text


def test_utf8_mixed_with_latin1():
    latin = "Le président a déclaré à la presse qu'il était prêt.\n"
    text, notes = decode_noted(UTF8.encode() + latin.encode("latin-1"))
    assert text == UTF8 + latin and notes == ["6 invalid UTF-8 sequences decoded as cp1252"]


def test_a_byte_cp1252_leaves_undefined_becomes_the_replacement_character():
    text, notes = decode_noted("Zambia — ".encode() + b"\x81 end")
    assert text == "Zambia — \ufffd end" and notes == ["1 invalid UTF-8 sequence decoded as cp1252"]


@pytest.mark.parametrize(
    "encoding, text",
    [
        ("cp1251", "Президент Пётр заявил в понедельник, что переговоры продолжатся. «Мы готовы», — сказал он. Её позиция ясна. " * 3),
        ("gbk", "中华人民共和国外交部发言人周一表示，谈判将继续进行。他说：“我们已经准备好了。”" * 3),
        ("shift_jis", "日本政府は月曜日、交渉を続けると発表した。「準備はできている」と述べた。" * 3),
        ("cp1252", "Le président a déclaré “à la presse” — qu'il était prêt à négocier. " * 3),
    ],
)
def test_legacy_encodings_whose_bytes_look_like_utf8_by_chance_are_read_as_before(encoding, text):
    # GBK and cp1251 bytes form valid UTF-8 sequences by chance; they are not "nearly UTF-8"
    assert decode_noted(text.encode(encoding)) == (text, [])


def test_valid_utf8_is_untouched():
    assert decode_noted(UTF8.encode()) == (UTF8, [])
    assert decode(UTF8.encode()) == UTF8


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark(tmp_path, write, article, encoding):
    data = article.encode(encoding)
    assert binary_kind(data) is None
    assert decode_noted(data) == (article, [f"no byte-order mark: read as {encoding.upper()}"])
    [doc] = read_path(write(tmp_path, "story.txt", data))
    assert doc.headline.startswith("Port Workers") and doc.notes == [f"no byte-order mark: read as {encoding.upper()}"]


def test_binary_with_nuls_is_still_binary():
    assert binary_kind(bytes(range(256)) * 8) == "binary"
    assert binary_kind(b"\x00\x01\x02\x03" * 100) == "binary"


def test_the_repair_is_noted_in_every_record_of_the_file(tmp_path, write, article):
    data = article.encode().replace(b"Dockworkers", b"Dock\x96workers")
    [doc] = read_path(write(tmp_path, "story.txt", data))
    assert "Dock–workers" in doc.text and "—" in doc.text
    assert doc.notes == ["1 invalid UTF-8 sequence decoded as cp1252"]
    lines = b'{"text": "Ports \xe2\x80\x94 reopened."}\n{"text": "Strike ended \x97 on Monday."}\n'
    docs = read_path(write(tmp_path, "wire.jsonl", lines))
    assert [d.text for d in docs] == ["Ports — reopened.", "Strike ended — on Monday."]
    assert all(d.notes == ["1 invalid UTF-8 sequence decoded as cp1252"] for d in docs)
