"""The batch policy: bad inputs are reported one line each, counted, and the rest proceed
(no spaCy parse: the batch only reads files)."""

from __future__ import annotations

import pytest

from storyline.pipeline.batch import Batch

ARTICLE = "Ferry Service Resumes\n\nOfficials in Apia said on Monday that the ferry would sail again.\n"


@pytest.fixture()
def files(tmp_path):
    good = tmp_path / "ferry.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    return good, empty, tmp_path / "missing.txt"


def test_bad_inputs_are_reported_and_the_rest_proceed(files):
    good, empty, missing = files
    reports: list[str] = []
    batch = Batch([str(empty), str(good), str(missing)], on_error=reports.append)
    docs = list(batch.documents())
    assert [d.source for d in docs] == [str(good)]
    assert batch.failed == 2 and batch.errors == []
    assert len(reports) == 2 and "empty.txt" in reports[0] and "missing.txt" in reports[1]
    assert all("\n" not in r for r in reports)


def test_reports_come_as_the_inputs_are_read(files):
    good, empty, missing = files
    reports: list[str] = []
    docs = Batch([str(empty), str(good), str(missing)], on_error=reports.append).documents()
    next(docs)
    assert len(reports) == 1  # the missing file is not read yet
    assert list(docs) == [] and len(reports) == 2


def test_without_a_callback_the_messages_are_kept(files):
    _, empty, missing = files
    batch = Batch([str(empty), str(missing)])
    assert list(batch.documents()) == []
    assert batch.failed == len(batch.errors) == 2


def test_an_article_over_the_parser_limit_is_reported(files, tmp_path):
    good, _, _ = files
    long = tmp_path / "long.txt"
    long.write_text("Long Report\n\n" + "The minister spoke on Monday. " * 20, encoding="utf-8")
    batch = Batch([str(long), str(good)], max_chars=200)
    docs = list(batch.documents())
    assert [d.source for d in docs] == [str(good)]
    [message] = batch.errors
    assert message.startswith(str(long)) and "over the parser's limit of 200" in message
    assert len(list(Batch([str(long)]).documents())) == 1  # no limit given: nothing is too long


def test_options_reach_the_reader(files):
    good, _, _ = files
    [raw] = Batch([str(good)], raw=True, published="2026-05-01").documents()
    assert raw.text == ARTICLE and raw.headline is None and raw.published == "2026-05-01"
