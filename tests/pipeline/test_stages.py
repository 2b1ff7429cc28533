"""Stages declare what they need and what they add; the pipeline checks a chosen set."""

from __future__ import annotations

import pytest

from storyline.model import Document
from storyline.pipeline import DEFAULT_STAGES, Parse, StageError, analyze, plan, run_stages, stages
from storyline.pipeline.stage import PROVIDED, check, stage


def test_every_default_stage_is_declared_with_needs_and_additions():
    declared = stages()
    assert set(DEFAULT_STAGES) <= set(declared)
    for name in DEFAULT_STAGES:
        s = declared[name]
        assert s.assigns, f"{name} declares nothing it adds"
        assert s.requires, f"{name} declares nothing it needs"


def test_the_default_order_satisfies_every_need():
    plan(DEFAULT_STAGES)  # no error


def test_each_stage_needs_only_what_ingest_the_parser_or_an_earlier_stage_gives():
    have = set(PROVIDED)
    for name in DEFAULT_STAGES:
        s = stages()[name]
        assert set(s.requires) <= have, (name, set(s.requires) - have)
        have |= set(s.assigns)


def test_events_alone_is_refused_naming_what_is_missing():
    # run alone, events would date every event to the publication date and find no actors
    with pytest.raises(StageError) as err:
        list(analyze([Document(source="x", text="Police arrested him on March 3.")], stages=["events"]))
    message = str(err.value)
    assert "'events' needs" in message and "times" in message and "'times'" in message
    assert "\n" not in message


def test_a_stage_before_the_one_it_needs_is_refused():
    with pytest.raises(StageError, match="'quotes' needs"):
        plan(["quotes", "sections", "entities"])


def test_unknown_stage_names_are_refused():
    with pytest.raises(StageError, match="unknown stage"):
        plan(["sections", "sentiment"])


def test_a_subset_whose_needs_are_met_runs(nlp):
    text = "Talks resumed on Monday in Geneva."
    doc = run_stages(Document(source="t", text=text, published="2026-03-04"), Parse(nlp(text), nlp), ["times"])
    assert [t.value for t in doc.times] == ["2026-03-02"]
    assert doc.entities == [] and doc.events == []


def test_a_new_stage_is_checked_like_the_shipped_ones():
    calls = []

    @stage("test-tone", requires=("quotes",), assigns=("tone",))
    def run(document, parse):
        calls.append(document.source)

    from storyline.pipeline.stage import REGISTRY

    try:
        with pytest.raises(StageError, match="'test-tone' needs quotes"):
            check([REGISTRY["test-tone"]])
        check([stages()[n] for n in ("sections", "entities", "quotes")] + [REGISTRY["test-tone"]])
    finally:
        REGISTRY.pop("test-tone", None)


def test_the_headline_is_parsed_with_the_runs_own_pipeline(nlp):
    text = "The minister spoke on Monday."
    doc = Document(source="t", text=text, headline="Ruiz: \u201cWe Will Not Yield\u201d on Tariffs")
    run_stages(doc, Parse(nlp(text), nlp), ["sections", "entities", "quotes"])
    assert [q.field for q in doc.quotes] == ["headline"]
    assert "We Will Not Yield" in doc.quotes[0].text and doc.quotes[0].speaker_name == "Ruiz"


def test_a_parse_without_a_pipeline_cannot_parse_more_text(nlp):
    with pytest.raises(ValueError, match="no pipeline"):
        Parse(nlp("A text.")).parse("More text.")


def test_a_stages_tables_are_loaded_before_the_first_document_is_read():
    # a stage declares the loaders of its tables; analyze calls them before it asks the
    # input for a document, so no document pays for a table the first time it is used
    events = []

    @stage("test-loads", requires=("text",), assigns=("tone",), loads=(lambda: events.append("loaded"),))
    def run(document, parse):
        events.append(f"ran {document.source}")

    from storyline.pipeline.stage import REGISTRY, load_tables

    def documents():
        events.append("read a")
        yield Document(source="a", text="Talks resumed.")

    try:
        list(analyze(documents(), stages=["test-loads"]))
        assert events == ["loaded", "read a", "ran a"]
        load_tables([REGISTRY["test-loads"]])
        assert events[-1] == "loaded"
    finally:
        REGISTRY.pop("test-loads", None)


def test_the_shipped_stages_declare_the_tables_they_load():
    declared = stages()
    from storyline.lexicon import gazetteer

    assert gazetteer.load in declared["entities"].loads
    for name in ("entities", "times", "quotes", "events"):
        assert declared[name].loads, f"{name} declares no tables"
