"""Properties of the readers and of ``analyze_text`` over generated input (hypothesis):
never an exception but the documented refusal (:class:`IngestError`, one line), no
character that cannot be written as UTF-8 in any record, and every span of every record
checks out (:func:`storyline.pipeline.audit.span_problems`)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from storyline.ingest import IngestError, decode, parse_html, parse_text
from storyline.ingest.jsonl import read_jsonl
from storyline.pipeline import analyze_text
from storyline.pipeline.audit import span_problems

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
_SENTENCES = sorted({
    s.strip()
    for p in EXAMPLES.glob("*.txt")
    for s in re.split(r"(?<=[.!?])\s+", p.read_text(encoding="utf-8"))
    if 3 < len(s.strip()) < 300
})
ODD = ["\ud800", "\udfff", "\udcb6", "\x00", "\x0c", "\x1b", "\u2028", "\u200b", "\ufeff", "\u202e", "\r", "\r\n",
       "\n\n", '"', "“", "”", "‘", "’", "«", "»", "—", " - ", "Feb. 29", "31 April", "said", "according to",
       "NAIROBI —", "SOURCES: REUTERS", "By Jane Doe", "Published March 2, 2026", "<p>", "&amp;"]

chars = st.one_of(st.characters(), st.sampled_from([c for c in ODD if len(c) == 1]))
noise = st.lists(st.one_of(st.text(chars, max_size=8), st.sampled_from(ODD)), max_size=6).map("".join)
articles = st.lists(st.one_of(st.sampled_from(_SENTENCES), st.sampled_from(ODD), noise), max_size=12).map(" ".join)
any_text = st.one_of(st.text(chars, max_size=300), noise, articles)
UNSAFE = re.compile("[\ud800-\udfff\x00]")


def _clean(doc) -> None:
    record = doc.model_dump_json()  # must serialise
    assert not UNSAFE.search(record.encode("utf-8").decode("utf-8")), "unencodable character in the record"
    assert json.loads(record)["text"] == doc.text


@given(any_text, st.booleans())
def test_parse_text(text, raw):
    doc = parse_text(text, raw=raw)
    _clean(doc)
    if raw:  # one character for one: every offset into the input is an offset into the body
        assert len(doc.text) == len(text)


html_pages = st.builds(
    lambda tags, body, depth: "<html><body>" + "".join(f"<{t}>" for t in tags) * depth + body + "</body></html>",
    st.lists(st.sampled_from(["div", "p", "b", "article", "span", "table", "script", "h1"]), min_size=1, max_size=3),
    articles,
    st.sampled_from([1, 2, 10, 300]),
)


@given(st.one_of(html_pages, any_text))
def test_parse_html(html):
    try:
        doc = parse_html(html)
    except IngestError as e:
        assert "\n" not in str(e)
        return
    _clean(doc)


json_values = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), any_text,
    st.lists(st.one_of(any_text, st.integers(), st.dictionaries(st.sampled_from(["outlet", "title"]), any_text)), max_size=3),
    st.dictionaries(st.sampled_from(["outlet", "title", "x"]), st.one_of(any_text, st.integers()), max_size=2),
)
FIELDS = ["text", "headline", "title", "byline", "author", "authors", "outlet", "url", "source", "dateline",
          "published", "date", "cited_sources", "other"]
records = st.one_of(
    st.builds(lambda text, extra: {"text": text, **extra}, articles, st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=4)),
    st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=4),
)


@given(st.lists(st.one_of(records.map(json.dumps), records.map(lambda r: json.dumps(r, ensure_ascii=False)), noise), min_size=1, max_size=6))
def test_read_jsonl(lines):
    text = "\n".join(lines)
    try:
        results = read_jsonl(text, "w.jsonl", raw=False, published=None)
    except IngestError as e:  # only a file of blank lines
        assert not text.strip() and "\n" not in str(e)
        return
    assert len(results) == sum(1 for line in text.split("\n") if line.strip())
    for r in results:
        if isinstance(r, IngestError):
            assert re.match(r"w\.jsonl:\d+: ", str(r)) and "\n" not in str(r)
        else:
            _clean(r)


@given(st.one_of(st.binary(max_size=400), any_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
                 st.tuples(any_text, st.sampled_from(["utf-16-le", "utf-16-be", "cp1252", "latin-1", "gbk", "utf-8"]))
                 .map(lambda te: te[0].encode(te[1], "replace"))))
def test_decode(data):
    try:
        text = decode(data)
    except IngestError as e:
        assert "\n" not in str(e)
        return
    assert not re.search("[\ud800-\udfff]", text)
    try:
        utf8 = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    if b"\x00" not in data and not data.startswith(b"\xef\xbb\xbf"):
        assert text == utf8  # valid UTF-8 is read as it is


@given(any_text, st.sampled_from([None, "2026-01-21", "2024-02-29", "1999-12-31"]))
def test_analyze_text(analyze, text, published):
    doc = analyze(text, published=published)
    assert span_problems(doc) == []
    _clean(doc)
    assert len(doc.text) == len(text)
