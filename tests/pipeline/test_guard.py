"""The per-document guard: a document the parser or a stage fails on is reported (source,
stage, error: one line) and left out; the rest of the batch proceeds. Faults are injected
into the real pipeline (a stage that raises on one text, a spaCy component that raises)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from storyline import store
from storyline.model import Document
from storyline.pipeline import analyze, analyze_text, nlp
from storyline.pipeline.batch import Batch
from storyline.pipeline.run import DocumentFailed, stages
from storyline.pipeline.stage import Stage

GOOD = "Ferry Service Resumes\n\nOfficials in Apia said on Monday that the ferry would sail again.\n"
BAD = "Storm Closes Port\n\nThe port authority said on Tuesday that EXPLODE the port would close.\n"


@pytest.fixture
def files(tmp_path):
    paths = []
    for name, text in (("a.txt", GOOD), ("b.txt", BAD), ("c.txt", GOOD.replace("Apia", "Suva"))):
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    return paths


@pytest.fixture
def faulty_quotes(monkeypatch):
    """The quotes stage, made to raise on any text containing EXPLODE (after the stages
    before it have filled the document)."""
    real = stages()["quotes"]

    def run(document, parse):
        if "EXPLODE" in document.text:
            raise IndexError("list index out of range")
        real.run(document, parse)

    monkeypatch.setitem(stages(), "quotes", Stage("quotes", run, real.requires, real.assigns))


def test_a_stage_failing_on_one_document_is_reported_and_the_rest_proceed(files, faulty_quotes):
    reports: list[str] = []
    batch = Batch(files, on_error=reports.append)
    docs = list(batch.analyze())
    assert [d.source for d in docs] == [files[0], files[2]]
    assert all(d.quotes is not None and d.entities for d in docs)
    assert reports == [f"{files[1]}: stage 'quotes' failed (IndexError: list index out of range)"]
    assert batch.failed == 1


def test_without_the_batch_policy_the_failure_raises_naming_the_stage(faulty_quotes):
    with pytest.raises(DocumentFailed) as info:
        analyze_text("The minister said EXPLODE on Monday.")
    assert info.value.stage == "quotes" and isinstance(info.value.error, IndexError)
    assert str(info.value) == "<text>: stage 'quotes' failed (IndexError: list index out of range)"


def test_a_failed_document_is_not_half_stored(files, faulty_quotes, tmp_path):
    batch = Batch(files, on_error=lambda m: None)
    with store.open_store(str(tmp_path / "s.duckdb")) as con:
        added, skipped = store.write(con, batch.analyze())
        sources = sorted(r[0] for r in con.execute("SELECT source FROM documents").fetchall())
        entity_docs = {r[0] for r in con.execute("SELECT DISTINCT doc_id FROM entities").fetchall()}
        doc_ids = {r[0] for r in con.execute("SELECT id FROM documents").fetchall()}
    assert (added, skipped, batch.failed) == (2, 0, 1)
    assert sources == sorted([files[0], files[2]])
    assert entity_docs <= doc_ids  # no row of the failed document anywhere


@Language.component("storyline_test_explode")
def _explode(doc):
    if "EXPLODE" in doc.text:
        raise RuntimeError("the parser broke")
    return doc


@pytest.fixture
def faulty_parser():
    language = nlp.load()
    language.add_pipe("storyline_test_explode", last=True)
    yield
    language.remove_pipe("storyline_test_explode")


@pytest.mark.parametrize("n_process", [1, 2])
def test_a_parser_failure_on_one_document_is_reported_and_the_rest_proceed(faulty_parser, n_process):
    docs = [Document(source=f"doc{i}", text=t) for i, t in enumerate(
        ["Officials said on Monday.", "The port EXPLODE closed.", "Ministers met on Friday.", "Talks resumed."])]
    failures: list[DocumentFailed] = []
    out = list(analyze(docs, on_failure=failures.append, batch_size=2, n_process=n_process))
    assert [d.source for d in out] == ["doc0", "doc2", "doc3"]
    assert out[0] is docs[0] and out[2] is docs[3]  # the documents given, filled in
    assert [(f.document.source, f.stage) for f in failures] == [("doc1", "parse")]
    assert str(failures[0]) == "doc1: stage 'parse' failed (RuntimeError: the parser broke)"
    if n_process == 1:
        with pytest.raises(RuntimeError, match="the parser broke"):
            list(analyze(docs))


def test_a_text_over_the_parser_limit_is_one_failure_among_many():
    language = nlp.load()
    docs = [Document(source="long", text="a " * (language.max_length // 2 + 1)), Document(source="ok", text="Talks resumed.")]
    failures: list[DocumentFailed] = []
    assert [d.source for d in analyze(docs, on_failure=failures.append)] == ["ok"]
    assert failures[0].stage == "parse" and "over the parser's limit" in str(failures[0])


def test_analyze_text_cleans_a_lone_surrogate():
    doc = analyze_text("Moscow said \ud800 on Monday.")
    assert doc.text == "Moscow said \ufffd on Monday." and doc.notes == ["text: 1 lone surrogate replaced by U+FFFD"]
    assert analyze_text("\ud800").text == "\ufffd"
    doc.model_dump_json()
