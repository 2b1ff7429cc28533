"""RSS and Atom feeds: one document per entry."""

from __future__ import annotations

import pytest

from storyline.ingest import IngestError, iter_paths, read_path


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


def test_rss_feed(tmp_path, write):
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


def test_atom_feed(tmp_path, write):
    (doc,) = read_path(write(tmp_path, "tribune.atom", ATOM))
    assert doc.headline == "Dam Inspection Ordered" and doc.byline == "Omar Haddad"
    assert doc.published == "2026-02-10" and doc.outlet == "Valley Tribune"
    assert doc.text == "Engineers will inspect the dam next week, the water authority said."


def test_xml_that_is_not_a_feed(tmp_path, write):
    with pytest.raises(IngestError, match="not an RSS/Atom feed"):
        read_path(write(tmp_path, "config.xml", '<?xml version="1.0"?><settings><a>1</a></settings>'))
