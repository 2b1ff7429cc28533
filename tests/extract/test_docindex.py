"""The per-document lookups (extract/docindex.py) give what a scan of the whole parse gives."""

from __future__ import annotations

import random

from spacy.attrs import LEMMA, LOWER

from storyline.extract.docindex import Intervals, ent_at, spans_within, token_near, token_starts, tokens_where
from storyline.model import Time
from storyline.pipeline import nlp

TEXT = ("Kenya's president, William Ruto, met Tanzania's Samia Suluhu Hassan in Arusha on Monday.\n\n"
        "\u201cWe agreed,\u201d Ruto said.  The U.N.-backed talks (in Geneva) resume on 3 March.")


def test_token_near_is_the_first_token_a_scan_finds():
    doc = nlp.load()(TEXT)
    assert token_starts(doc) == [t.idx for t in doc]
    for pos in range(-1, len(TEXT) + 2):
        scan = next((t for t in doc if t.idx <= pos < t.idx + len(t.text) + 1), None)
        got = token_near(doc, pos)
        assert (got.i if got is not None else None) == (scan.i if scan is not None else None), pos


def test_ent_at_is_the_entity_that_contains_the_token():
    doc = nlp.load()(TEXT)
    assert doc.ents
    for tok in doc:
        scan = [e for e in doc.ents if e.start <= tok.i < e.end]
        got = ent_at(tok)
        assert (got.start, got.end) == (scan[0].start, scan[0].end) if scan else got is None


def test_spans_within_keeps_the_list_order():
    doc = nlp.load()(TEXT)
    times = [Time(id=f"t{i}", text="x", value="2026", type="DATE", span=s)
             for i, s in enumerate([(80, 86), (10, 12), (10, 11), (150, 160), (86, 86)])]
    assert [t.id for t in spans_within(doc, "t", times, 10, 86)] == ["t0", "t1", "t2", "t4"]
    assert [t.id for t in spans_within(doc, "t", times, 11, 85)] == []
    times.append(Time(id="t5", text="x", value="2026", type="DATE", span=(20, 30)))
    assert [t.id for t in spans_within(doc, "t", times, 10, 86)] == ["t0", "t1", "t2", "t4", "t5"]


def test_intervals_agree_with_a_scan():
    rng = random.Random(3)
    for _ in range(300):
        ranges = []
        for _ in range(rng.randint(0, 8)):
            s = rng.randint(0, 60)
            ranges.append((s, s + rng.choice([0, 0, 1, 3, 10, 25])))
        iv = Intervals(ranges)
        for _ in range(30):
            a = rng.randint(-2, 90)
            b = a + rng.randint(0, 15)
            assert iv.overlaps(a, b) == any(s < b and a < e for s, e in ranges), (ranges, a, b)
            assert iv.covers(a) == any(s <= a < e for s, e in ranges)


def test_tokens_where_are_the_tokens_a_scan_keeps_in_order():
    doc = nlp.load()(TEXT + " Ruto SAID they said so.")
    for attr, read, keep in (
        (LEMMA, lambda t: t.lemma_, lambda s: s.lower() in {"say", "agree"}),
        (LOWER, lambda t: t.lower_, lambda s: s.startswith("t") or s == "ruto"),
        (LOWER, lambda t: t.lower_, lambda s: False),
    ):
        scan = [t.i for t in doc if keep(read(t))]
        assert [t.i for t in tokens_where(doc, attr, keep)] == scan
    assert [t.text for t in tokens_where(doc, LEMMA, lambda s: s.lower() == "say")] == ["said", "SAID", "said"]
    assert tokens_where(nlp.load()(""), LOWER, lambda s: True) == []
