"""The pipeline: stages in order, batching, several processes, the public API."""

from __future__ import annotations

import pytest

import storyline
from storyline.model import Document
from storyline.pipeline import DEFAULT_STAGES, analyze, content_hash

TEXTS = [
    "Kenyan police fired tear gas at protesters in Nairobi on Tuesday, police spokesman Samuel Otieno said.",
    "\u201cWe will not accept this,\u201d Foreign Minister Lena Fischer told reporters in Berlin on Monday.",
    "Indonesia and Malaysia signed a fisheries accord on March 4, 2026, ending a two-year dispute.",
]


def test_every_stage_runs_and_ids_are_content_hashes(analyze):
    doc = analyze(TEXTS[1], published="2026-02-03")
    assert doc.id == content_hash(TEXTS[1])
    assert doc.entities and doc.times and doc.quotes
    assert DEFAULT_STAGES == ("sections", "entities", "times", "quotes", "events", "checks")


def test_unknown_stage_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown stage"):
        list(analyze([Document(source="x", text="Hello.")], stages=["entities", "sentiment"]))


def test_two_processes_give_the_same_records_as_one():
    one = [d.model_dump() for d in analyze([Document(source=str(i), text=t) for i, t in enumerate(TEXTS)])]
    two = [d.model_dump() for d in analyze([Document(source=str(i), text=t) for i, t in enumerate(TEXTS)], n_process=2, batch_size=1)]
    assert one == two


def test_public_api():
    doc = storyline.analyze_text("Moscow condemned the raid on Monday, the ministry said.", published="2026-01-07")
    assert isinstance(doc, storyline.Document)
    moscow = next(e for e in doc.entities if e.name == "Moscow")
    assert moscow.actor == "RUSGOV"


def test_a_dateline_is_not_read_as_the_first_sentence():
    from storyline.ingest import parse_text

    doc = parse_text("Talks Stall\n\nMOSCOW, March 3 (Wire) - Lawmakers debated the bill on Tuesday.\n")
    assert doc.dateline == "MOSCOW, March 3 (Wire)" and doc.text[slice(*doc.dateline_span)].startswith("MOSCOW, March 3 (Wire) -")
    [record] = analyze([doc])
    # the dateline city is not a speaking government, and offsets still point into the text
    assert not [e for e in record.entities if e.actor == "RUSGOV"]
    for e in record.entities:
        for s, t in e.mentions:
            assert record.text[s:t].strip() == record.text[s:t] != ""


def test_a_text_over_the_parser_limit_is_a_clear_error():
    from storyline.pipeline import nlp

    limit = nlp.load().max_length
    with pytest.raises(ValueError, match="over the parser's limit"):
        list(analyze([Document(source="big", text="x " * (limit // 2 + 1))]))
