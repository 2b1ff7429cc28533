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


def test_on_stage_reports_every_stage_of_every_document():
    seen = []
    docs = [Document(source=str(i), text=t) for i, t in enumerate(TEXTS)]
    out = list(analyze(docs, on_stage=lambda name, seconds: seen.append((name, seconds))))
    assert len(out) == len(TEXTS)
    names = [n for n, _ in seen]
    assert names == (["parse", *DEFAULT_STAGES]) * len(TEXTS)
    assert all(isinstance(s, float) and s >= 0 for _, s in seen)
    only = []
    list(analyze(docs[:1], stages=["sections", "entities"], on_stage=lambda n, s: only.append(n)))
    assert only == ["parse", "sections", "entities"]


def test_pieces_give_the_text_back_and_end_at_line_breaks():
    from storyline.pipeline.chunks import pieces

    text = ("A short paragraph.\n\n" * 30) + ("no line break here " * 40) + "x" * 300
    parts = pieces(text, 200)
    assert "".join(parts) == text and all(len(p) <= 200 for p in parts)
    assert parts[0].endswith("\n\n") and not parts[1][0].isspace()
    assert any(p.endswith("here ") for p in parts)  # no line break: cut after a space
    assert pieces("short", 200) == ["short"]


def test_a_text_over_the_piece_size_is_parsed_in_pieces_with_every_offset_kept(monkeypatch):
    from storyline.pipeline import chunks

    text = "\n\n".join(TEXTS * 4)
    whole = list(analyze([Document(source="w", text=text, published="2026-02-03")]))[0]
    monkeypatch.setattr(chunks, "CHUNK_CHARS", 250)
    assert len(chunks.pieces(text)) > 3
    cut = list(analyze([Document(source="c", text=text, published="2026-02-03")]))[0]
    assert cut.text == text
    for e in cut.entities:
        for s, t in e.mentions:
            assert text[s:t] in (e.name, *e.aliases)
    for q in cut.quotes:
        assert text[q.span[0]:q.span[1]] == q.text
    # each piece ends a paragraph, where a sentence ends anyway: the same records
    assert [q.span for q in cut.quotes] == [q.span for q in whole.quotes]
    assert [(t.span, t.value) for t in cut.times] == [(t.span, t.value) for t in whole.times]


def test_memory_release_asks_the_allocator_and_changes_no_record():
    from storyline.pipeline import memory
    from storyline.pipeline.run import analyze_text

    text = "The ministry said on Monday that 12 people were hurt in the town of Arvel."
    before = analyze_text(text, published="2026-03-02").model_dump()
    assert memory.release() is True  # glibc, as on every machine this runs on
    assert analyze_text(text, published="2026-03-02").model_dump() == before
