"""Files: text and Markdown files, encodings, bad input, directories, the bundled examples.

Every input is a real file the test writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.ingest import IngestError, iter_paths, read_path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_read_text_and_markdown_files(tmp_path, write, article):
    p = write(tmp_path, "durban.txt", article)
    (doc,) = read_path(p)
    assert doc.source == str(p) and doc.headline.startswith("Port Workers in Durban")
    md = write(tmp_path, "note.md", "# Farmers Block Highway\n\n_Published 3 March 2026_\n\nFarmers blocked the A4 on Tuesday.\n")
    (doc,) = read_path(md)
    assert doc.headline == "Farmers Block Highway"
    assert doc.published == "2026-03-03"
    assert doc.text == "Farmers blocked the A4 on Tuesday."


def test_raw_file_offsets_refer_to_the_file(tmp_path, write):
    content = "Headline\n\nBody — with “quotes”.\r\n"
    p = write(tmp_path, "raw.txt", content)
    (doc,) = read_path(p, raw=True)
    assert doc.text == content


def test_cp1252_text_file(tmp_path, write):
    text = "Café Owners Protest in São Paulo\n\nOwners said the new tax was “unfair” — and vowed to fight it.\n"
    (doc,) = read_path(write(tmp_path, "cafe.txt", text.encode("cp1252")))
    assert doc.headline == "Café Owners Protest in São Paulo"
    assert "“unfair” — and" in doc.text


def test_utf16_with_bom(tmp_path, write):
    text = "Ministers Meet in Oslo\n\nThe ministers met on Friday.\n"
    (doc,) = read_path(write(tmp_path, "u16.txt", text.encode("utf-16")))
    assert doc.headline == "Ministers Meet in Oslo"


def test_missing_file(tmp_path):
    with pytest.raises(IngestError) as e:
        read_path(tmp_path / "nope.txt")
    assert str(e.value) == f"{tmp_path / 'nope.txt'}: no such file"


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n"])
def test_empty_file(tmp_path, content, write):
    p = write(tmp_path, "empty.txt", content)
    with pytest.raises(IngestError, match="empty file"):
        read_path(p)


@pytest.mark.parametrize(
    "content",
    [b"\x00\x01\x02\x03binary\x00\xff" * 40, b"\x89PNG\r\n\x1a\n" + bytes(range(256)), b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"],
)
def test_binary_file(tmp_path, content, write):
    p = write(tmp_path, "x.txt", content)
    with pytest.raises(IngestError) as e:
        read_path(p)
    assert str(e.value).startswith(f"{p}: binary file")
    assert "\n" not in str(e.value)


def test_undecodable_file(tmp_path, write):
    p = write(tmp_path, "garbled.txt", bytes(range(128, 256)) * 4)
    with pytest.raises(IngestError, match="undecodable"):
        read_path(p)


def test_unsupported_file_type(tmp_path, write):
    p = write(tmp_path, "table.csv", "a,b\n1,2\n")
    with pytest.raises(IngestError, match="unsupported file type '.csv'"):
        read_path(p)


def test_too_large_file(tmp_path):
    p = tmp_path / "huge.txt"
    with p.open("wb") as fh:
        fh.truncate(20_000_001)
    with pytest.raises(IngestError, match="too large"):
        read_path(p)


def test_directory_with_a_bad_file_among_good_ones(tmp_path, write, article, bridge_html):
    d = tmp_path / "articles"
    write(d, "a-durban.txt", article)
    write(d, "b-broken.txt", b"\x00\x00\x00binary")
    write(d, "c-empty.md", b"")
    write(d, "sub/d-bridge.html", bridge_html)
    write(d, "notes.csv", "ignored,because,unsupported\n")
    write(d, ".hidden/e.txt", article)
    results = list(iter_paths([d]))
    assert [Path(name).name for name, _ in results] == ["a-durban.txt", "b-broken.txt", "c-empty.md", "d-bridge.html"]
    kinds = [type(r).__name__ for _, r in results]
    assert kinds == ["list", "IngestError", "IngestError", "list"]
    assert results[3][1][0].outlet == "The Coastal Courier"


def test_directory_with_nothing_supported(tmp_path, write):
    d = tmp_path / "empty-dir"
    write(d, "data.csv", "x\n")
    ((name, err),) = list(iter_paths([d]))
    assert isinstance(err, IngestError) and name == str(d)
    assert "no supported files" in str(err)


def test_missing_and_good_paths_together(tmp_path, write, article):
    good = write(tmp_path, "good.txt", article)
    results = list(iter_paths([tmp_path / "missing.txt", good]))
    assert isinstance(results[0][1], IngestError)
    assert results[1][1][0].published == "2026-03-02"


def test_bundled_examples_read():
    results = list(iter_paths([EXAMPLES]))
    assert results and not [r for _, r in results if isinstance(r, IngestError)]
    docs = [d for _, ds in results for d in ds]
    assert len(docs) >= 8
    for d in docs:
        assert d.headline and d.published and len(d.text.split()) > 50
    by_name = {Path(d.source).name: d for d in docs}
    assert by_name["tehran-baku-expulsions.txt"].dateline == "Tehran / Baku"
    assert len(by_name["summit-fisheries-accord.txt"].cited_sources) == 2
    html = by_name["port-strike-valparaiso.html"]
    assert html.outlet == "The Pacific Ledger" and "portwatcher88" not in html.text and "Refinance" not in html.text
