"""WARC web archives: one document per archived HTML page."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.ingest import IngestError, read_path


def _warc(path: Path, records) -> Path:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.suffix == ".gz")
        for uri, status, ctype, body in records:
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http))
    return path


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_archive(tmp_path, name, bridge_html):
    latin = bridge_html.replace('<meta charset="utf-8">', "").replace("HAMBURG — The harbour", "HAMBURG - The Köhlbrand")
    p = _warc(
        tmp_path / name,
        [
            ("https://courier.example/bridge", "200 OK", "text/html; charset=utf-8", bridge_html.encode("utf-8")),
            ("https://courier.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n...."),
            ("https://courier.example/gone", "404 Not Found", "text/html", b"<html><body>Not found</body></html>"),
            ("https://courier.example/koehlbrand", "200 OK", "text/html; charset=ISO-8859-1", latin.encode("latin-1")),
        ],
    )
    docs = read_path(p)
    assert [d.source for d in docs] == ["https://courier.example/bridge", "https://courier.example/koehlbrand"]
    assert docs[0].url == "https://courier.example/bridge"
    assert docs[0].headline == "Harbour Bridge Reopens After Repairs" and docs[0].published == "2026-01-20"
    assert "SHOULD-NOT-APPEAR" not in docs[0].text
    assert "Köhlbrand" in docs[1].text


def test_warc_without_html_and_broken_warc(tmp_path, write):
    p = _warc(tmp_path / "images.warc.gz", [("https://x.example/a.png", "200 OK", "image/png", b"\x89PNG....")])
    with pytest.raises(IngestError, match="no archived HTML pages"):
        read_path(p)
    bad = write(tmp_path, "bad.warc", b"this is not a WARC file at all\n" * 10)
    with pytest.raises(IngestError, match="not a valid WARC file"):
        read_path(bad)
    with pytest.raises(IngestError, match="empty file"):
        read_path(write(tmp_path, "empty.warc", b""))
