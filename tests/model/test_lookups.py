"""Document.entity_at / quote_at / entity: the indexes give what a scan of every entity,
mention and quote gives, and leave equality, copies and the JSON alone."""

from __future__ import annotations

import random

from storyline.model import Document, Entity, Quote


def _scan_entity_at(doc: Document, start: int, end: int):
    best = None
    for ent in doc.entities:
        for s, e in ent.mentions:
            if s < end and start < e and (best is None or e - s < best[0]):
                best = (e - s, ent)
    return best[1] if best else None


def _scan_quote_at(doc: Document, start: int, end: int):
    for i, q in enumerate(doc.quotes):
        if q.field == "text" and q.span[0] <= start and end <= q.span[1]:
            return i
    return None


def _random_document(rng: random.Random) -> Document:
    n = 400
    entities = []
    for k in range(rng.randint(0, 12)):
        mentions = []
        for _ in range(rng.randint(1, 5)):
            s = rng.randint(0, n - 1)
            mentions.append((s, min(n, s + rng.randint(0, 30))))
        entities.append(Entity(id=f"e{k}", name=f"N{k}", type="ORG", mentions=mentions))
    quotes = []
    for _ in range(rng.randint(0, 10)):
        s = rng.randint(0, n - 1)
        quotes.append(Quote(text="x", span=(s, min(n, s + rng.randint(0, 120))), kind="direct",
                            field=rng.choice(["text", "text", "headline"])))
    return Document(source="t", text="x" * n, entities=entities, quotes=quotes)


def test_lookups_agree_with_a_scan_of_everything():
    rng = random.Random(14)
    for _ in range(300):
        doc = _random_document(rng)
        for _ in range(40):
            s = rng.randint(-5, 405)
            e = s + rng.randint(0, 40)
            assert doc.entity_at(s, e) is _scan_entity_at(doc, s, e)
            assert doc.quote_at(s, e) == _scan_quote_at(doc, s, e)
        for ent in doc.entities:
            assert doc.entity(ent.id) is ent
        assert doc.entity("nope") is None


def test_equally_tight_mentions_go_to_the_first_entity():
    a = Entity(id="e1", name="A", type="ORG", mentions=[(10, 15)])
    b = Entity(id="e2", name="B", type="ORG", mentions=[(12, 17)])
    doc = Document(source="t", text="x" * 40, entities=[a, b])
    assert doc.entity_at(12, 14).id == "e1"
    assert doc.entity_at(15, 16).id == "e2"


def test_an_index_follows_a_new_or_longer_list():
    doc = Document(source="t", text="x" * 40, entities=[Entity(id="e1", name="A", type="ORG", mentions=[(0, 3)])])
    assert doc.entity_at(20, 22) is None
    doc.entities.append(Entity(id="e2", name="B", type="ORG", mentions=[(20, 25)]))
    assert doc.entity_at(20, 22).id == "e2"
    doc.entities = [Entity(id="e3", name="C", type="ORG", mentions=[(20, 30)])]
    assert doc.entity_at(20, 22).id == "e3" and doc.entity("e2") is None
    assert doc.quote_at(1, 2) is None
    doc.quotes = [Quote(text="x", span=(0, 5), kind="direct")]
    assert doc.quote_at(1, 2) == 0


def test_indexes_leave_equality_copies_and_json_alone():
    ent = Entity(id="e1", name="A", type="ORG", mentions=[(0, 3)])
    one = Document(source="t", text="abc", entities=[ent])
    two = Document(source="t", text="abc", entities=[ent.model_copy()])
    json_before = one.model_dump_json()
    assert one.entity_at(0, 1) is ent and one.quote_at(0, 1) is None
    assert one == two and one.model_dump_json() == json_before
    assert one.model_copy(deep=True).entity_at(0, 1).id == "e1"


def test_outlet_name_is_the_outlet_else_the_url_host_else_the_file_name():
    from storyline.model import Document

    assert Document(source="a/b.txt", outlet="Harbour Wire", url="https://www.x.example/1", text="t").outlet_name == "Harbour Wire"
    assert Document(source="feed.xml", url="https://www.harbour.example/news/1.html", text="t").outlet_name == "harbour.example"
    assert Document(source="examples/balcad.txt", text="t").outlet_name == "balcad.txt"
