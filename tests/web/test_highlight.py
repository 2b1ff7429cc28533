"""The highlighted body: every piece escaped on its own, every span marked, the text intact."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.model import Document, Entity, Event, Quote, Time
from storyline.web.charts import network_svg, timeline_svg
from storyline.web.highlight import Mark, article_html, highlight


class _Reader(HTMLParser):
    """The text and the (refs, text) of each highlight, as a browser would read them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.marked, self.tags, self._refs = [], [], [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        assert tag == "span", tag
        self._refs = dict(attrs)["data-refs"]

    def handle_endtag(self, tag):
        self._refs = None

    def handle_data(self, data):
        self.text.append(data)
        if self._refs:
            self.marked.append((self._refs, data))


def _read(markup: str) -> _Reader:
    r = _Reader()
    r.feed(markup)
    r.close()
    return r


def test_markup_in_the_text_is_shown_as_text():
    text = 'He said "<script>alert(1)</script>" & left <b>early</b>.'
    start = text.index("<script>")
    out = highlight(text, [Mark(start, start + 8, "quote", "q0")])
    assert "<script>" not in out and "<b>" not in out
    r = _read(out)
    assert "".join(r.text) == text
    assert r.marked == [("q0", "<script>")]


def test_overlapping_and_crossing_spans_mark_every_piece():
    text = "Kremlin spokesman Dmitry Lavrenko said talks would resume"
    ms = [Mark(0, 33, "quote", "q0"), Mark(18, 33, "entity", "en1"), Mark(25, 45, "event", "ev0")]
    r = _read(highlight(text, ms))
    assert "".join(r.text) == text
    assert r.marked == [("q0", "Kremlin spokesman "), ("en1 q0", "Dmitry "), ("en1 ev0 q0", "Lavrenko"),
                        ("ev0", " said talks ")]


def test_spans_outside_the_text_are_ignored():
    text = "short"
    out = highlight(text, [Mark(-1, 3, "time", "tm0"), Mark(2, 99, "time", "tm1"), Mark(3, 3, "time", "tm2"),
                           Mark(1, 3, "entity", "en0")])
    assert _read(out).marked == [("en0", "ho")]


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=60), st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=8))
def test_any_text_and_spans_read_back_exactly(text, spans):
    ms = [Mark(min(a, b), max(a, b), "entity", f"en{i}") for i, (a, b) in enumerate(spans)]
    out = highlight(text, ms)
    r = _read(out)
    assert html.unescape(re.sub(r"<[^>]*>", "", out)) == text
    assert set(r.tags) <= {"span"}
    for refs, piece in r.marked:  # each marked piece lies inside every span it names
        for ref in refs.split():
            m = ms[int(ref[2:])]
            assert piece in text[m.start:m.end]


def _doc() -> Document:
    text = "<i>Tehran</i> accused Baku on Monday, said \"<script>x()</script>\"."
    return Document(
        id="d" * 64, source="t", text=text, published="2026-02-16",
        entities=[Entity(id="e1", name="<i>Tehran</i>", type="GPE", actor="IRN", mentions=[(0, 13)]),
                  Entity(id="e2", name="Baku", type="GPE", actor="AZE", mentions=[(22, 26)])],
        quotes=[Quote(text='"<script>x()</script>"', span=(43, 65), kind="direct", speaker="e1",
                      speaker_name="<i>Tehran</i>", status="unverified")],
        events=[Event(source="IRN", source_entity="e1", target="AZE", target_entity="e2", code="112", root="11",
                      goldstein=-2.0, trigger="accused", trigger_span=(14, 21), date="2026-02-16",
                      sentence=text, span=(0, len(text)))],
        times=[Time(id="t1", text="Monday", value="2026-02-16", type="DATE", span=(30, 36))],
    )


def test_a_documents_spans_of_every_kind_are_marked():
    r = _read(article_html(_doc()))
    kinds = {ref.rstrip("0123456789") for refs, _ in r.marked for ref in refs.split()}
    assert kinds == {"en", "q", "ev", "tm"}
    assert "".join(r.text) == _doc().text


def test_charts_escape_their_labels():
    for svg in (timeline_svg([_doc()]), network_svg([_doc()])):
        assert svg.startswith("<svg") and "<i>" not in svg and "&lt;i&gt;Tehran&lt;/i&gt;" in svg
    assert timeline_svg([Document(source="x", text="nothing")]) == ""
    assert network_svg([Document(source="x", text="nothing")]) == ""
