"""Damaged archives and feeds found by the fuzzer: each was a whole file lost to a library's
exception ("could not read (ValueError: ...)"); now a clear line, keeping what can be read."""

from __future__ import annotations

import gzip
import logging
from io import BytesIO

import pytest

from storyline.ingest import IngestError, iter_paths, read_path

PAGE = (b"<html><head><title>Harbour Reopens</title></head><body><article><p>The harbour reopened on "
        b"Tuesday after eight months of repairs, the city's transport department said.</p><p>Commuters "
        b"had faced long detours since the bridge closed last May, according to the department.</p>"
        b"</article></body></html>")


def _warc(*pages: bytes, uri: bool = True) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = BytesIO()
    writer = WARCWriter(buf, gzip=False)
    for i, page in enumerate(pages):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://example.org/{i}", "response",
                                                      payload=BytesIO(page), http_headers=headers))
    data = buf.getvalue()
    return data if uri else data.replace(b"WARC-Target-URI: https://example.org/1\r\n", b"", 1)


def test_a_gzip_stream_zlib_rejects(tmp_path, write):
    data = bytearray(gzip.compress(b"Hello world, this is an article. " * 50))
    data[10] ^= 0xFF  # zlib.error, which is not an OSError
    with pytest.raises(IngestError, match=r"story\.txt\.gz: not a valid gzip file$"):
        read_path(write(tmp_path, "story.txt.gz", bytes(data)))


def test_a_warc_damaged_after_its_first_page_keeps_that_page(tmp_path, write):
    p = write(tmp_path, "crawl.warc", _warc(PAGE, PAGE.replace(b"harbour", b"airport"), uri=False))
    results = list(iter_paths([p]))
    [docs] = [r for _, r in results if isinstance(r, list)]
    assert [d.source for d in docs] == ["https://example.org/0"]
    [err] = [r for _, r in results if isinstance(r, IngestError)]
    assert str(err).startswith(f"{p}: damaged WARC file after 1 page(s) (") and "\n" not in str(err)


def test_warcio_warnings_become_one_note(tmp_path, write, caplog, capfd):
    data = _warc(PAGE).replace(b"reopened on", b"reopened  on", 1)  # content one byte longer than its Content-Length
    p = write(tmp_path, "crawl.warc", data)
    with caplog.at_level(logging.WARNING, logger="storyline"):
        list(iter_paths([p]))
    assert [r.getMessage() for r in caplog.records] == [f"{p}: 1 WARC record(s) whose Content-Length does not match their content"]
    assert "Remainder" not in capfd.readouterr().err


def test_feed_content_with_characters_xml_forbids(tmp_path, write):
    feed = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Port</title>'
            "<link>https://example.org/a</link><description><![CDATA[<p>The port\x0b reopened\x01 on "
            "Tuesday, officials said.</p>]]></description></item></channel></rss>")
    [doc] = read_path(write(tmp_path, "wire.rss", feed))
    assert doc.text == "The port reopened on Tuesday, officials said."


def test_feed_character_references_to_no_character(tmp_path, write):
    feed = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Port &#xD800;</title>'
            "<link>https://example.org/a</link><description>The port reopened &#55296; on Tuesday &#0; "
            "after &#x110000; repairs &#233;, officials said.</description></item></channel></rss>")
    [doc] = read_path(write(tmp_path, "wire.rss", feed))
    assert doc.text == "The port reopened \ufffd on Tuesday \ufffd after \ufffd repairs é, officials said."
    assert doc.headline == "Port \ufffd"
