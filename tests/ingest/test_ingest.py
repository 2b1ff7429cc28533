"""Ingestion: layouts, HTML, JSON Lines, bad input. Every input is a real file the test writes."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from storyline.ingest import IngestError, iter_paths, parse_text, read_path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

ARTICLE = """Port Workers in Durban End Week-Long Strike After Pay Deal
By Thandiwe Nkosi and Peter Adeyemi
Published March 2, 2026

DURBAN, South Africa, March 2, 2026 — Dockworkers at the port of Durban returned to work on Monday after their union accepted a 7 percent pay rise, ending a week-long strike that left dozens of ships waiting offshore.

"Our members have won what they were owed," union leader Sipho Dlamini told reporters on Monday.

The port operator said in a statement that cargo handling would return to normal by next week.
"""


def write(tmp_path: Path, name: str, content) -> Path:
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8")
    return p


# ---------------------------------------------------------------------------------------
# Plain-text layout


def test_layout_headline_byline_date_dateline():
    doc = parse_text(ARTICLE, source="durban.txt")
    assert doc.headline == "Port Workers in Durban End Week-Long Strike After Pay Deal"
    assert doc.byline == "Thandiwe Nkosi and Peter Adeyemi"
    assert doc.published == "2026-03-02"
    assert doc.dateline == "DURBAN, South Africa, March 2, 2026"
    # The dateline stays in the body; header lines do not.
    assert doc.text.startswith("DURBAN, South Africa, March 2, 2026 — Dockworkers")
    assert "Published" not in doc.text and "By Thandiwe" not in doc.text
    assert doc.text.endswith("by next week.")
    assert doc.source == "durban.txt"


def test_published_override_wins_over_date_line():
    doc = parse_text(ARTICLE, published="2026-03-05")
    assert doc.published == "2026-03-05"
    with pytest.raises(ValueError):
        parse_text(ARTICLE, published="5 March 2026")


@pytest.mark.parametrize(
    "date_line, expected",
    [
        ("Published January 26, 2025", "2025-01-26"),
        ("Updated: July 9, 2025", "2025-07-09"),
        ("17 June 2025", "2025-06-17"),
        ("March 4, 2026", "2026-03-04"),
        ("Posted on Tuesday, 3rd of February, 2026 at 10:32 a.m.", "2026-02-03"),
        ("Published Jan. 5, 2026 | Updated 09:15 GMT", "2026-01-05"),
        ("2025-11-30", "2025-11-30"),
    ],
)
def test_date_lines(date_line, expected):
    doc = parse_text(f"Floods Cut Road Links in Northern Region\n{date_line}\n\nHeavy rain closed three roads on Sunday.")
    assert doc.published == expected
    assert doc.headline == "Floods Cut Road Links in Northern Region"
    assert doc.text == "Heavy rain closed three roads on Sunday."


def test_published_and_updated_prefers_published():
    text = "Talks Stall Again\nUpdated: May 3, 2026\nPublished: May 1, 2026\n\nNegotiators left without a deal."
    assert parse_text(text).published == "2026-05-01"


def test_standfirst_between_headline_and_byline():
    text = (
        "Drought Forces Water Rationing in Three Cities\n"
        "Authorities say supplies will be cut for 12 hours a day until the rains return\n"
        "By Nomvula Dube\n"
        "Published 8 January 2026\n\n"
        "BULAWAYO — Water will be rationed from Monday, the city council said."
    )
    doc = parse_text(text)
    assert doc.headline == "Drought Forces Water Rationing in Three Cities"
    assert doc.byline == "Nomvula Dube" and doc.published == "2026-01-08"
    assert doc.text == "BULAWAYO — Water will be rationed from Monday, the city council said."


def test_second_line_without_a_following_byline_is_body():
    text = "Drought Forces Water Rationing\nWater will be rationed from Monday, the council said.\nIt blamed the drought."
    doc = parse_text(text)
    assert doc.headline == "Drought Forces Water Rationing"
    assert doc.text == "Water will be rationed from Monday, the council said.\nIt blamed the drought."


def test_byline_with_date_on_one_line():
    doc = parse_text("Senate Passes Budget\nBy MARIA LOPEZ | April 14, 2026\n\nThe Senate approved the budget late on Monday.")
    assert doc.byline == "MARIA LOPEZ"
    assert doc.published == "2026-04-14"


@pytest.mark.parametrize(
    "opening, dateline",
    [
        ("Caracas / Moscow — Officials traded accusations", "Caracas / Moscow"),
        ("NAIROBI (Kenya) - Police arrested 12 people", "NAIROBI (Kenya)"),
        ("WASHINGTON (Reuters) — The Senate voted", "WASHINGTON (Reuters)"),
        ("BEIJING, March 4, 2026 - China said", "BEIJING, March 4, 2026"),
        ("KYIV, Ukraine (AP) — Air raid sirens sounded", "KYIV, Ukraine (AP)"),
        ("LONDON, Jan 5 (Reuters) - Britain said", "LONDON, Jan 5 (Reuters)"),
        ("NEW DELHI: India's cabinet approved", "NEW DELHI"),
        ("Rio de Janeiro — Thousands marched", "Rio de Janeiro"),
    ],
)
def test_datelines(opening, dateline):
    doc = parse_text(f"A Headline Without a Full Stop\n\n{opening} on Monday.")
    assert doc.dateline == dateline
    assert doc.text.startswith(opening)


@pytest.mark.parametrize(
    "opening",
    [
        "Officials — including the mayor — said the bridge would reopen.",
        "The minister — who resigned last year — returned on Monday.",
        "Witnesses: the convoy passed at dawn.",
        "BREAKING — The parliament has been dissolved.",
        "Moscow: a city of contrasts, the mayor said.",
    ],
)
def test_not_datelines(opening):
    doc = parse_text(f"Headline Here\n\n{opening}")
    assert doc.dateline is None
    assert doc.text == opening


def test_dated_dateline_gives_published_when_no_date_line():
    doc = parse_text("Ceasefire Holds\n\nGENEVA, 5 March 2026 — Negotiators met again on Thursday.")
    assert doc.published == "2026-03-05"


def test_sources_block_and_trailing_junk_removed():
    text = (
        "Lagos Governor Orders Review of Market Demolitions\n"
        "Published 9 February 2026\n\n"
        "LAGOS — The state governor ordered a review of market demolitions on Sunday, officials said.\n\n"
        "Traders said they had received no notice.\n\n\n"
        "SOURCES: COASTAL TIMES – Traders count losses after Lagos demolitions\n"
        "LAGOS STATE GOVERNMENT – Statement on the review of urban renewal projects\n"
        "RADIO HARBOUR\n\n"
        "\u00a0\n\n"
        "Be the first to comment\n\n"
        "Leave a Reply\n"
        "Your email address will not be published.\n"
    )
    doc = parse_text(text)
    assert [(c.outlet, c.title) for c in doc.cited_sources] == [
        ("COASTAL TIMES", "Traders count losses after Lagos demolitions"),
        ("LAGOS STATE GOVERNMENT", "Statement on the review of urban renewal projects"),
        ("RADIO HARBOUR", None),
    ]
    assert doc.text.endswith("Traders said they had received no notice.")
    assert "SOURCES" not in doc.text and "comment" not in doc.text and "Reply" not in doc.text


def test_sources_block_with_numbers_and_links():
    text = (
        "Wheat Prices Climb\n\nWheat futures rose 3 percent on Thursday.\n\n"
        "Sources\n"
        "1. Grain Journal – Futures rally on export curbs\n"
        "[2] https://www.harvest-news.example/markets/wheat-rally-2026?ref=rss\n"
    )
    doc = parse_text(text)
    assert [(c.outlet, c.title) for c in doc.cited_sources] == [
        ("Grain Journal", "Futures rally on export curbs"),
        ("harvest-news.example", "https://www.harvest-news.example/markets/wheat-rally-2026?ref=rss"),
    ]
    assert doc.text == "Wheat futures rose 3 percent on Thursday."


def test_sources_list_on_header_line():
    doc = parse_text("Storm Hits Coast\n\nHeavy winds struck the coast on Friday.\n\nSources: Reuters, AFP and local media")
    assert [c.outlet for c in doc.cited_sources] == ["Reuters", "AFP", "local media"]
    assert doc.text == "Heavy winds struck the coast on Friday."


def test_sources_paragraph_in_the_middle_is_body_text():
    text = (
        "Deal Near in Trade Talks\n\n"
        "Negotiators met in Brussels on Monday.\n\n"
        "Sources: two officials familiar with the talks said a deal was close.\n\n"
        "The next round is set for next month."
    )
    doc = parse_text(text)
    assert doc.cited_sources == []
    assert "two officials familiar with the talks" in doc.text
    assert doc.text.endswith("next month.")


def test_first_line_that_is_a_sentence_is_not_a_headline():
    text = "Rebels seized the town of Goma on Sunday, residents said.\n\nThe army withdrew overnight."
    doc = parse_text(text)
    assert doc.headline is None
    assert doc.text == text


def test_header_only_input_keeps_text_as_body():
    doc = parse_text("Minister Resigns")
    assert doc.text == "Minister Resigns"


def test_raw_mode_keeps_every_offset():
    text = "Budget Vote Delayed\r\nPublished May 2, 2026\r\n\r\nLIMA — Congress delayed the vote.\r\nSOURCES: EL DIARIO\r\n"
    doc = parse_text(text, raw=True, published="2026-05-02")
    assert doc.text == text
    assert doc.headline is None and doc.dateline is None and doc.cited_sources == []
    start = text.index("Congress")
    assert doc.text[start : start + len("Congress")] == "Congress"
    assert doc.published == "2026-05-02"


def test_odd_typography_does_not_crash():
    for text in ["", "   \n\n", "“unbalanced", "— — —", "SOURCES:", "By\n\n", "\u2028\u2029x"]:
        parse_text(text)


# ---------------------------------------------------------------------------------------
# Files


def test_read_text_and_markdown_files(tmp_path):
    p = write(tmp_path, "durban.txt", ARTICLE)
    (doc,) = read_path(p)
    assert doc.source == str(p) and doc.headline.startswith("Port Workers in Durban")
    md = write(tmp_path, "note.md", "# Farmers Block Highway\n\n_Published 3 March 2026_\n\nFarmers blocked the A4 on Tuesday.\n")
    (doc,) = read_path(md)
    assert doc.headline == "Farmers Block Highway"
    assert doc.published == "2026-03-03"
    assert doc.text == "Farmers blocked the A4 on Tuesday."


def test_raw_file_offsets_refer_to_the_file(tmp_path):
    content = "Headline\n\nBody — with “quotes”.\r\n"
    p = write(tmp_path, "raw.txt", content)
    (doc,) = read_path(p, raw=True)
    assert doc.text == content


HTML = """<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>Harbour Bridge Reopens After Repairs | The Coastal Courier</title>
<meta name="author" content="Lena Fischer">
<meta property="og:site_name" content="The Coastal Courier">
<meta property="article:published_time" content="2026-01-20T08:00:00Z">
<script>var tracker = "SCRIPT-TEXT-SHOULD-NOT-APPEAR";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<div class="ad">Advertisement: Cheap flights to anywhere, book today!</div>
<article>
<h1>Harbour Bridge Reopens After Repairs</h1>
<p class="byline">By Lena Fischer</p>
<p>HAMBURG — The harbour bridge reopened to traffic on Tuesday after eight months of repairs, the city's transport department said.</p>
<p>"The bridge is safe for another fifty years," transport senator Klaus Weber told reporters at the opening ceremony on Tuesday morning.</p>
<p>Commuters had faced detours of up to forty minutes since the bridge closed last May, according to the department's figures.</p>
<p>Local shop owners said business had dropped sharply during the closure and welcomed the reopening of the crossing.</p>
</article>
<aside class="related"><h2>Related</h2><ul><li><a href="/a">Tunnel plans shelved again</a></li><li><a href="/b">Ferry fares to rise</a></li></ul></aside>
<section id="comments"><h3>2 Comments</h3><div class="comment"><p>COMMENT-TEXT-SHOULD-NOT-APPEAR the repairs took far too long.</p></div></section>
<footer><p>FOOTER-TEXT-SHOULD-NOT-APPEAR © 2026 The Coastal Courier. All rights reserved.</p></footer>
</body></html>
"""


def test_html_page_without_boilerplate(tmp_path):
    (doc,) = read_path(write(tmp_path, "bridge.html", HTML))
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


def test_html_detected_by_content_and_published_override(tmp_path):
    (doc,) = read_path(write(tmp_path, "saved-page.txt", HTML), published="2026-01-21")
    assert doc.outlet == "The Coastal Courier"
    assert doc.published == "2026-01-21"
    assert "<p>" not in doc.text


def test_html_declared_latin1(tmp_path):
    html = HTML.replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">')
    html = html.replace("HAMBURG — The harbour bridge", "HAMBURG — The Köhlbrand bridge")
    data = html.replace("—", "-").encode("latin-1")
    (doc,) = read_path(write(tmp_path, "latin.html", data))
    assert "Köhlbrand" in doc.text


def test_gzipped_html(tmp_path):
    (doc,) = read_path(write(tmp_path, "bridge.html.gz", gzip.compress(HTML.encode("utf-8"))))
    assert doc.headline == "Harbour Bridge Reopens After Repairs"


def test_cp1252_text_file(tmp_path):
    text = "Café Owners Protest in São Paulo\n\nOwners said the new tax was “unfair” — and vowed to fight it.\n"
    (doc,) = read_path(write(tmp_path, "cafe.txt", text.encode("cp1252")))
    assert doc.headline == "Café Owners Protest in São Paulo"
    assert "“unfair” — and" in doc.text


def test_utf16_with_bom(tmp_path):
    text = "Ministers Meet in Oslo\n\nThe ministers met on Friday.\n"
    (doc,) = read_path(write(tmp_path, "u16.txt", text.encode("utf-16")))
    assert doc.headline == "Ministers Meet in Oslo"


# ---------------------------------------------------------------------------------------
# JSON Lines


def test_jsonl_with_a_bad_line(tmp_path):
    lines = [
        json.dumps({"headline": "Rates Held", "text": "The bank held rates on Wednesday.", "published": "2026-01-28T09:00:00Z",
                    "outlet": "Example Wire", "url": "https://example.org/a", "byline": "K. Mensah"}),
        "{not json",
        json.dumps({"headline": "No body"}),
        "",
        json.dumps({"text": "ACCRA - Floods closed schools on Monday.", "source": "feed-42"}),
    ]
    p = write(tmp_path, "wire.jsonl", "\n".join(lines) + "\n")
    results = list(iter_paths([p]))
    names = [name for name, _ in results]
    assert names == [str(p), f"{p}:2", f"{p}:3"]
    docs = results[0][1]
    assert [d.headline for d in docs] == ["Rates Held", None]
    assert docs[0].published == "2026-01-28" and docs[0].outlet == "Example Wire" and docs[0].byline == "K. Mensah"
    assert docs[0].url == "https://example.org/a" and docs[0].source == f"{p}:1"
    assert docs[1].source == "feed-42" and docs[1].dateline == "ACCRA"
    assert isinstance(results[1][1], IngestError) and "not valid JSON" in str(results[1][1])
    assert str(results[2][1]).startswith(f"{p}:3: ") and "text" in str(results[2][1])
    with pytest.raises(IngestError, match=r"wire\.jsonl:2: "):
        read_path(p)


# ---------------------------------------------------------------------------------------
# Feeds and web archives

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Harbour Gazette</title><link>https://gazette.example/</link><description>Port news</description>
<item><title>Ferry Crews Strike Over Rosters</title><link>https://gazette.example/ferry</link>
<dc:creator>Ines Moreau</dc:creator><pubDate>Tue, 03 Mar 2026 07:00:00 GMT</pubDate>
<description>Ferry crews walked out.</description>
<content:encoded><![CDATA[<p>MARSEILLE — Ferry crews walked out on Tuesday, the union said.</p><script>track()</script><p>"We will not sail," union official Paul Girard said.</p>]]></content:encoded></item>
<item><title>Harbour Fees Rise</title><link>https://gazette.example/fees</link><pubDate>Mon, 02 Mar 2026 18:30:00 GMT</pubDate>
<description>The port authority raised mooring fees by 4 percent on Monday.</description></item>
<item><title>Title only</title><link>https://gazette.example/empty</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Tribune</title><id>urn:x-tribune</id>
<updated>2026-02-11T10:00:00Z</updated>
<entry><title>Dam Inspection Ordered</title><id>urn:x-tribune:1</id><link href="https://tribune.example/dam"/>
<published>2026-02-10T09:00:00Z</published><updated>2026-02-11T10:00:00Z</updated><author><name>Omar Haddad</name></author>
<content type="html">&lt;p&gt;Engineers will inspect the dam next week, the water authority said.&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_feed(tmp_path):
    p = write(tmp_path, "gazette.xml", RSS)
    results = list(iter_paths([p]))
    docs = results[0][1]
    assert [d.headline for d in docs] == ["Ferry Crews Strike Over Rosters", "Harbour Fees Rise"]
    first = docs[0]
    assert first.source == first.url == "https://gazette.example/ferry"
    assert first.outlet == "Harbour Gazette" and first.byline == "Ines Moreau" and first.published == "2026-03-03"
    assert first.dateline == "MARSEILLE"
    assert first.text == 'MARSEILLE — Ferry crews walked out on Tuesday, the union said.\n\n"We will not sail," union official Paul Girard said.'
    assert docs[1].text == "The port authority raised mooring fees by 4 percent on Monday."
    assert results[1][0] == f"{p}#3" and "no text" in str(results[1][1])


def test_atom_feed(tmp_path):
    (doc,) = read_path(write(tmp_path, "tribune.atom", ATOM))
    assert doc.headline == "Dam Inspection Ordered" and doc.byline == "Omar Haddad"
    assert doc.published == "2026-02-10" and doc.outlet == "Valley Tribune"
    assert doc.text == "Engineers will inspect the dam next week, the water authority said."


def test_xml_that_is_not_a_feed(tmp_path):
    with pytest.raises(IngestError, match="not an RSS/Atom feed"):
        read_path(write(tmp_path, "config.xml", '<?xml version="1.0"?><settings><a>1</a></settings>'))


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
def test_warc_archive(tmp_path, name):
    latin = HTML.replace('<meta charset="utf-8">', "").replace("HAMBURG — The harbour", "HAMBURG - The Köhlbrand")
    p = _warc(
        tmp_path / name,
        [
            ("https://courier.example/bridge", "200 OK", "text/html; charset=utf-8", HTML.encode("utf-8")),
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


def test_warc_without_html_and_broken_warc(tmp_path):
    p = _warc(tmp_path / "images.warc.gz", [("https://x.example/a.png", "200 OK", "image/png", b"\x89PNG....")])
    with pytest.raises(IngestError, match="no archived HTML pages"):
        read_path(p)
    bad = write(tmp_path, "bad.warc", b"this is not a WARC file at all\n" * 10)
    with pytest.raises(IngestError, match="not a valid WARC file"):
        read_path(bad)
    with pytest.raises(IngestError, match="empty file"):
        read_path(write(tmp_path, "empty.warc", b""))


# ---------------------------------------------------------------------------------------
# Bad input


def test_missing_file(tmp_path):
    with pytest.raises(IngestError) as e:
        read_path(tmp_path / "nope.txt")
    assert str(e.value) == f"{tmp_path / 'nope.txt'}: no such file"


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n"])
def test_empty_file(tmp_path, content):
    p = write(tmp_path, "empty.txt", content)
    with pytest.raises(IngestError, match="empty file"):
        read_path(p)


@pytest.mark.parametrize(
    "content",
    [b"\x00\x01\x02\x03binary\x00\xff" * 40, b"\x89PNG\r\n\x1a\n" + bytes(range(256)), b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"],
)
def test_binary_file(tmp_path, content):
    p = write(tmp_path, "x.txt", content)
    with pytest.raises(IngestError) as e:
        read_path(p)
    assert str(e.value).startswith(f"{p}: binary file")
    assert "\n" not in str(e.value)


def test_undecodable_file(tmp_path):
    p = write(tmp_path, "garbled.txt", bytes(range(128, 256)) * 4)
    with pytest.raises(IngestError, match="undecodable"):
        read_path(p)


def test_unsupported_file_type(tmp_path):
    p = write(tmp_path, "table.csv", "a,b\n1,2\n")
    with pytest.raises(IngestError, match="unsupported file type '.csv'"):
        read_path(p)


def test_too_large_file(tmp_path):
    p = tmp_path / "huge.txt"
    with p.open("wb") as fh:
        fh.truncate(20_000_001)
    with pytest.raises(IngestError, match="too large"):
        read_path(p)


def test_directory_with_a_bad_file_among_good_ones(tmp_path):
    d = tmp_path / "articles"
    write(d, "a-durban.txt", ARTICLE)
    write(d, "b-broken.txt", b"\x00\x00\x00binary")
    write(d, "c-empty.md", b"")
    write(d, "sub/d-bridge.html", HTML)
    write(d, "notes.csv", "ignored,because,unsupported\n")
    write(d, ".hidden/e.txt", ARTICLE)
    results = list(iter_paths([d]))
    assert [Path(name).name for name, _ in results] == ["a-durban.txt", "b-broken.txt", "c-empty.md", "d-bridge.html"]
    kinds = [type(r).__name__ for _, r in results]
    assert kinds == ["list", "IngestError", "IngestError", "list"]
    assert results[3][1][0].outlet == "The Coastal Courier"


def test_directory_with_nothing_supported(tmp_path):
    d = tmp_path / "empty-dir"
    write(d, "data.csv", "x\n")
    ((name, err),) = list(iter_paths([d]))
    assert isinstance(err, IngestError) and name == str(d)
    assert "no supported files" in str(err)


def test_missing_and_good_paths_together(tmp_path):
    good = write(tmp_path, "good.txt", ARTICLE)
    results = list(iter_paths([tmp_path / "missing.txt", good]))
    assert isinstance(results[0][1], IngestError)
    assert results[1][1][0].published == "2026-03-02"


# ---------------------------------------------------------------------------------------
# The bundled examples are fixtures for every stage: keep them readable.


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


def test_html_time_limit_stops_a_runaway_extraction():
    from storyline.ingest import _time_limit

    with pytest.raises(IngestError, match="took longer than"):
        with _time_limit(0.05, "slow.html"):
            while True:
                pass


# ---------------------------------------------------------------------------------------
# HTML publication date: htmldate's answer, corrected to the local day (data/dates.toml)

DATED_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>Council Approves New Tram Line | Riverside Herald</title>
<meta property="og:site_name" content="Riverside Herald">
{head}
</head><body>
<article>
<h1>Council Approves New Tram Line</h1>
{stamp}
<p>The city council voted late on Wednesday to approve a new tram line linking the harbour district with the northern suburbs, ending two years of debate.</p>
<p>Construction is due to start next spring and the line should carry its first passengers within four years, the transport committee said in a statement.</p>
<p>Opposition members argued that the budget of 310 million was too optimistic and asked for an independent review of the cost estimates.</p>
</article>
<footer><p>Copyright 2019 Riverside Herald</p></footer>
</body></html>
"""


def dated_page(tmp_path, head="", stamp="", name="tram.html"):
    return read_path(write(tmp_path, name, DATED_PAGE.format(head=head, stamp=stamp)))[0]


def jsonld(**fields):
    return '<script type="application/ld+json">' + json.dumps({"@type": "NewsArticle", **fields}) + "</script>"


def test_html_date_utc_instant_restated_locally_gives_the_local_day(tmp_path):
    # 02:30 UTC on 5 March is 21:30 on 4 March in New York: the page says both
    head = jsonld(datePublished="2026-03-05T02:30:00Z")
    stamp = '<time class="entry-date" datetime="2026-03-04T21:30:00-05:00">March 4, 2026, 9:30 pm</time>'
    assert dated_page(tmp_path, head, stamp).published == "2026-03-04"


def test_html_date_local_stamp_of_another_instant_changes_nothing(tmp_path):
    # the local stamp is a different instant (a comment, an update): the UTC day stays
    head = jsonld(datePublished="2026-03-05T02:30:00Z")
    stamp = '<p>Comment posted <time datetime="2026-03-04T18:05:00-05:00">March 4</time></p>'
    assert dated_page(tmp_path, head, stamp).published == "2026-03-05"


def test_html_date_bare_utc_stamp_keeps_its_day(tmp_path):
    # 23:00 UTC may be midnight in Berlin, but nothing on the page says so: no guessing
    head = '<meta property="article:published_time" content="2026-03-05T23:00:00Z">'
    assert dated_page(tmp_path, head).published == "2026-03-05"


def test_html_date_published_wins_over_modified_in_json_ld(tmp_path):
    # (htmldate lets a <meta article:modified_time> beat JSON-LD datePublished; the evaluation
    # gold sides with it there, so that is left alone: see docs/ingest.md, "HTML date")
    head = jsonld(datePublished="2026-02-10T09:15:00+01:00", dateModified="2026-02-20T17:40:00+01:00")
    assert dated_page(tmp_path, head).published == "2026-02-10"


def test_html_date_json_ld_and_meta_agree_over_copyright_year(tmp_path):
    head = jsonld(datePublished="2026-01-14") + '<meta name="date" content="2026-01-14">'
    assert dated_page(tmp_path, head).published == "2026-01-14"


def test_date_evidence_on_hostile_markup():
    from storyline.ingest import _html_tree, date_evidence, local_day

    nested = "[" * 5000 + "]" * 5000
    html = (
        "<html><head>"
        '<script type="application/ld+json">{not json</script>'
        f'<script type="application/ld+json">{nested}</script>'
        '<meta property="article:published_time" content="2026-13-45T99:99:00Z">'
        '<meta name="date" content="yesterday">'
        "</head><body><time datetime='2026-03-04T21:30:00-05:00'>x</time><p>text</p></body></html>"
    )
    tree = _html_tree(html)
    published, every = date_evidence(tree)
    assert published == [] and len(every) == 1
    assert local_day("2026-03-05", tree) == "2026-03-05"
    assert local_day(None, tree) is None and local_day("2026-03-05", None) == "2026-03-05"


def test_html_date_visible_microdata_published_beats_a_modified_stamp(tmp_path):
    # a hidden "modified" stamp comes first on the page; the element marked datePublished wins
    stamp = (
        '<time itemprop="dateModified" class="hidden">2026-08-29 14:15:57</time>'
        '<time itemprop="datePublished" class="hidden">2026-06-22 10:20:00</time>'
    )
    assert dated_page(tmp_path, "", stamp).published == "2026-06-22"


def test_html_date_url_date_agreeing_with_htmldate_beats_microdata(tmp_path):
    head = '<meta property="og:url" content="https://herald.example/2025/07/12/tram-line-approved/">'
    head += '<link rel="canonical" href="https://herald.example/2025/07/12/tram-line-approved/">'
    stamp = '<p>Reviewed <time itemprop="datePublished" datetime="2026-06-17">17 June 2026</time></p>'
    assert dated_page(tmp_path, head, stamp).published == "2025-07-12"


def test_microdata_date_reads_attributes_then_text():
    from storyline.ingest import _html_tree, microdata_date

    def md(body):
        return microdata_date(_html_tree(f"<html><head></head><body>{body}<p>text</p></body></html>"))

    assert md('<span itemprop="datePublished" content="2026-04-27T18:50:24+02:00">27.04.2026</span>') == "2026-04-27"
    assert md('<p itemprop="datePublished">2026-01-14 10:31:00</p>') == "2026-01-14"
    assert md('<meta itemprop="datePublished" content="2026-01-14">') is None  # meta: htmldate's part
    assert md('<span itemprop="datePublished">soon</span>') is None
    assert md('<span itemprop="author">2026-01-14</span>') is None
