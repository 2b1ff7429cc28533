"""HTML pages: the body without boilerplate, metadata, declared charsets, the time limit."""

from __future__ import annotations

import gzip

import pytest

from storyline.ingest import IngestError, read_path
from storyline.ingest.time_limit import time_limit


def test_html_page_without_boilerplate(tmp_path, write, bridge_html):
    (doc,) = read_path(write(tmp_path, "bridge.html", bridge_html))
    assert doc.headline == "Harbour Bridge Reopens After Repairs"
    assert doc.byline == "Lena Fischer"
    assert doc.outlet == "The Coastal Courier"
    assert doc.published == "2026-01-20"
    assert doc.dateline == "HAMBURG"
    assert doc.text.startswith("HAMBURG — The harbour bridge reopened")
    assert "transport senator Klaus Weber" in doc.text
    assert "welcomed the reopening of the crossing" in doc.text
    for junk in ("SHOULD-NOT-APPEAR", "Advertisement", "Cheap flights", "Tunnel plans", "Home"):
        assert junk not in doc.text


def test_html_detected_by_content_and_published_override(tmp_path, write, bridge_html):
    (doc,) = read_path(write(tmp_path, "saved-page.txt", bridge_html), published="2026-01-21")
    assert doc.outlet == "The Coastal Courier"
    assert doc.published == "2026-01-21"
    assert "<p>" not in doc.text


def test_html_declared_latin1(tmp_path, write, bridge_html):
    html = bridge_html.replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">')
    html = html.replace("HAMBURG — The harbour bridge", "HAMBURG — The Köhlbrand bridge")
    data = html.replace("—", "-").encode("latin-1")
    (doc,) = read_path(write(tmp_path, "latin.html", data))
    assert "Köhlbrand" in doc.text


def test_gzipped_html(tmp_path, write, bridge_html):
    (doc,) = read_path(write(tmp_path, "bridge.html.gz", gzip.compress(bridge_html.encode("utf-8"))))
    assert doc.headline == "Harbour Bridge Reopens After Repairs"


def test_html_time_limit_stops_a_runaway_extraction():
    with pytest.raises(IngestError, match="took longer than"):
        with time_limit(0.05, "slow.html"):
            while True:
                pass
