"""Corroboration and contradictions across outlets: the real pipeline on a story of our own
(four outlets, one a wire copy of another, one with a different toll, one reporting a denial)."""

from __future__ import annotations

import pytest

from storyline.link.support import similar, stems, support
from storyline.model import Document
from storyline.pipeline.run import analyze

WIRE = (
    "Venezuela's acting president Delcy Rodríguez said on Monday that the government had released "
    "40 political prisoners. A car bomb in the capital killed 214 people on Sunday, officials said. "
    "Police arrested opposition leader Juan Perez on January 9, 2026."
)
COPY = "Reporting by the wire staff.\n\n" + WIRE + "\n\nCopyright the wire. All rights reserved."
OTHER = (
    "Delcy Rodriguez said the government had released 40 political prisoners, in what she called a "
    "gesture of goodwill. The bombing killed 186 people, the health ministry said. "
    "Police arrested opposition leader Juan Perez on January 7, 2026."
)
DENIAL = (
    "Opposition leader María Corina Machado denied that the government had released political prisoners. "
    "The death toll from Sunday's bombing rose to 230, the ministry said."
)


@pytest.fixture(scope="module")
def story():
    docs = list(analyze([
        Document(source="wire.txt", outlet="Wire Daily", text=WIRE, published="2026-01-12"),
        Document(source="copy.txt", outlet="The Reprinter", text=COPY, published="2026-01-12"),
        Document(source="other.txt", outlet="Other Post", text=OTHER, published="2026-01-13"),
        Document(source="denial.txt", outlet="Third Herald", text=DENIAL, published="2026-01-14"),
    ]))
    wire, copy, other, denial = docs
    first = {d.id: d.id for d in docs} | {copy.id: wire.id}
    return docs, support("s1", docs, first)


def _by_doc(docs):
    return {d.id: d for d in docs}


def _release_key(docs, result):
    wire = docs[0]
    row = next(c for c in result.claims if c.doc_id == wire.id and "political prisoners" in c.text)
    return row.key


def test_a_claim_is_reported_by_independent_outlets_with_copies_collapsed(story):
    docs, result = story
    wire, copy, other, denial = docs
    key = _release_key(docs, result)
    reports = [c for c in result.claims if c.key == key and c.relation == "reports"]
    assert {c.doc_id for c in reports} == {wire.id, copy.id, other.id}
    independent = {c.outlet for c in reports if c.independent}
    assert independent == {"Wire Daily", "Other Post"}  # the reprint is not a second source
    assert [c.outlet for c in reports if c.first] == ["Wire Daily"]
    actors = {c.speaker_actor for c in reports}
    assert len(actors) == 1 and None not in actors  # one speaker across three spellings


def test_a_denial_in_another_outlet_is_recorded_and_is_a_contradiction(story):
    docs, result = story
    wire, copy, other, denial = docs
    key = _release_key(docs, result)
    denies = [c for c in result.claims if c.key == key and c.relation == "denies"]
    assert [c.doc_id for c in denies] == [denial.id] and denies[0].status == "denied"
    claims = [x for x in result.contradictions if x.kind == "claim"]
    assert len(claims) == 1
    x = claims[0]
    assert (x.doc_a, x.outlet_a, x.doc_b, x.outlet_b) == (wire.id, "Wire Daily", denial.id, "Third Herald")
    assert "denied" in x.detail


def test_a_different_toll_is_a_figure_contradiction_once_and_an_update_is_not(story):
    docs, result = story
    wire, copy, other, denial = docs
    figures = [x for x in result.contradictions if x.kind == "figure"]
    assert len(figures) == 1, [x.detail for x in figures]
    x = figures[0]
    assert (x.doc_a, x.doc_b) == (wire.id, other.id)
    assert "214" in x.text_a and "186" in x.text_b and x.key == "killed:people"
    assert all("230" not in y.text_b for y in result.contradictions)  # "rose to 230" updates


def test_two_dates_for_one_arrest_across_outlets(story):
    docs, result = story
    wire, copy, other, denial = docs
    dates = [x for x in result.contradictions if x.kind == "date"]
    assert len(dates) == 1
    assert (dates[0].text_a, dates[0].text_b) == ("January 9, 2026", "January 7, 2026")
    arrest = [e for e in result.events if e.code == "173"]
    assert {e.key for e in arrest} == {arrest[0].key}
    assert {e.doc_id: e.relation for e in arrest}[other.id] == "contradicts"


def test_an_event_is_corroborated_and_its_differing_figure_marked(story):
    docs, result = story
    wire, copy, other, denial = docs
    bombing = [e for e in result.events if e.root == "19" and e.trigger == "killed"]
    keys = {e.key for e in bombing}
    assert len(keys) == 1
    rel = {e.doc_id: (e.relation, e.independent, e.first) for e in bombing}
    assert rel[wire.id] == ("reports", True, True)
    assert rel[copy.id] == ("reports", False, False)
    assert rel[other.id] == ("contradicts", True, False)


def test_every_record_points_into_its_own_document(story):
    docs, result = story
    by = _by_doc(docs)
    for c in result.claims:
        assert by[c.doc_id].text[c.span_start:c.span_end] == c.text
    for e in result.events:
        assert by[e.doc_id].text[e.span_start:e.span_end]
    for x in result.contradictions:
        assert by[x.doc_a].text[x.span_a_start:x.span_a_end] == x.text_a
        assert by[x.doc_b].text[x.span_b_start:x.span_b_end] == x.text_b
    for a in result.actors:
        assert by[a.doc_id].text[a.span_start:a.span_end]


def test_records_are_flat_rows(story):
    docs, result = story
    for row in [*result.claims, *result.events, *result.contradictions, *result.actors]:
        assert all(v is None or isinstance(v, (str, int, float, bool)) for v in row.model_dump().values()), row


def test_the_first_report_is_the_earliest_published_then_document_order():
    later = Document(source="late.txt", outlet="Late", text=OTHER, published="2026-01-20")
    early = Document(source="early.txt", outlet="Early", text=WIRE, published="2026-01-12")
    docs = list(analyze([later, early]))
    result = support("s2", docs, {d.id: d.id for d in docs})
    firsts = {c.outlet for c in result.claims if c.first and "political prisoners" in c.text}
    assert firsts == {"Early"}
    undated = list(analyze([
        Document(source="x.txt", outlet="X", text=OTHER), Document(source="y.txt", outlet="Y", text=WIRE),
    ]))
    result = support("s3", undated, {d.id: d.id for d in undated})
    firsts = {c.outlet for c in result.claims if c.first and "political prisoners" in c.text}
    assert firsts == {"X"}


def test_two_different_claims_of_one_speaker_are_two_keys():
    docs = list(analyze([
        Document(source="p.txt", outlet="P", published="2026-01-12",
                 text="Delcy Rodríguez said the government had released 40 political prisoners."),
        Document(source="q.txt", outlet="Q", published="2026-01-13",
                 text="Delcy Rodríguez said oil exports would double by the end of the year."),
    ]))
    result = support("s4", docs, {d.id: d.id for d in docs})
    assert len({c.key for c in result.claims}) == 2
    assert all(c.independent and c.first for c in result.claims)
    assert result.contradictions == []


@pytest.mark.parametrize(
    "a,b,same",
    [
        ("the government had released 40 political prisoners", "the government released political prisoners", True),
        ("the government had released 40 political prisoners", "oil exports would double next year", False),
        ("talks failed", "the talks had failed", True),
    ],
)
def test_claim_similarity(a, b, same):
    assert similar(stems(a), stems(b)) is same


def test_only_the_figure_a_report_leads_with_is_compared_across_outlets():
    a = ("Shelling killed 42 people at a school in the north of the city on Tuesday, medics said. "
         "The army said its troops had been fired on.")
    b = ("At least 40 people were killed at the school on Tuesday, the health ministry said. "
         "Later, two people were killed when a shell hit a clinic.")
    docs = list(analyze([
        Document(source="a.txt", outlet="A", text=a, published="2026-01-06"),
        Document(source="b.txt", outlet="B", text=b, published="2026-01-06"),
    ]))
    result = support("s5", docs, {d.id: d.id for d in docs})
    assert [x for x in result.contradictions if x.kind == "figure"] == []


def test_across_articles_a_place_that_is_the_other_articles_main_place_is_the_same_place():
    from storyline.lexicon.figures import Figure, same_places

    def fig(places, main):
        return Figure(quantity="killed", scope="soldier", value=7, lo=7, hi=7, qualifier="exact", text="x",
                      span=(0, 1), sentence=(0, 1), places=frozenset(places), main=frozenset(main))

    town_dateline = fig({"middle shabelle"}, {"balcad"})       # "BALCAD — seven killed in Middle Shabelle"
    region_article = fig(set(), {"middle shabelle", "mogadishu"})  # the region named all through the other
    assert same_places(town_dateline, region_article, same_document=False)
    assert not same_places(town_dateline, region_article, same_document=True)
    elsewhere = fig({"kismayo"}, {"kismayo"})
    assert not same_places(town_dateline, elsewhere, same_document=False)
