"""JSON Lines records are validated one by one: a badly typed field is reported with its
line and name, and the rest of the file is kept."""

from __future__ import annotations

import json

import pytest

from storyline.ingest import IngestError, iter_paths


def _read(tmp_path, write, records):
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    p = write(tmp_path, "wire.jsonl", "\n".join(lines) + "\n")
    results = list(iter_paths([p]))
    docs = [d for _, r in results if isinstance(r, list) for d in r]
    errors = [r for _, r in results if isinstance(r, IngestError)]
    return p, docs, errors


def test_a_badly_typed_field_rejects_that_record_only(tmp_path, write):
    p, docs, errors = _read(tmp_path, write, [
        {"text": "Police said on Monday."},
        {"text": "The army said.", "cited_sources": 5},
        {"text": "Rebels said on Friday.", "headline": "Rebels"},
    ])
    assert [d.text for d in docs] == ["Police said on Monday.", "Rebels said on Friday."]
    [err] = errors
    assert str(err) == f"{p}:2: field 'cited_sources' must be a list of sources (or one outlet as a string), not a number"


def test_a_string_is_one_cited_source(tmp_path, write):
    _, [doc], _ = _read(tmp_path, write, [{"text": "Rebels said.", "cited_sources": "Reuters"}])
    assert [(c.outlet, c.title) for c in doc.cited_sources] == [("Reuters", None)]


def test_cited_sources_as_a_list(tmp_path, write):
    _, [doc], _ = _read(tmp_path, write, [
        {"text": "Rebels said.", "cited_sources": ["AFP", {"outlet": "Reuters", "title": "Rebels talk"}, ""]}
    ])
    assert [(c.outlet, c.title) for c in doc.cited_sources] == [("AFP", None), ("Reuters", "Rebels talk")]


@pytest.mark.parametrize(
    "record, message",
    [
        ({"cited_sources": [{"title": "no outlet"}]}, "field 'cited_sources[0]' must be an outlet string"),
        ({"cited_sources": ["AFP", 7]}, "field 'cited_sources[1]' must be an outlet string"),
        ({"cited_sources": {"outlet": "AFP"}}, "field 'cited_sources' must be a list of sources (or one outlet as a string), not an object"),
        ({"headline": 5}, "field 'headline' must be a string, not a number"),
        ({"title": ["a"]}, "field 'title' must be a string, not a list"),
        ({"published": True}, "field 'published' must be a string, not a boolean"),
        ({"url": {"href": "x"}}, "field 'url' must be a string, not an object"),
        ({"authors": ["A", 3]}, "field 'authors' must be a string or a list of strings, not a list"),
    ],
)
def test_each_field_read_has_its_type(tmp_path, write, record, message):
    p, docs, [err] = _read(tmp_path, write, [{"text": "Body.", **record}, {"text": "Good."}])
    assert [d.text for d in docs] == ["Good."]
    assert str(err).startswith(f"{p}:1: {message}") and "\n" not in str(err)


def test_null_fields_and_unknown_keys_are_ignored(tmp_path, write):
    _, [doc], [] = _read(tmp_path, write, [
        {"text": "Body.", "headline": None, "cited_sources": None, "extra": {"any": [1, 2]}, "authors": ["A", "B"]}
    ])
    assert doc.headline is None and doc.cited_sources == [] and doc.byline == "A, B"


def test_json_that_python_cannot_read_is_reported_per_line(tmp_path, write):
    p, docs, errors = _read(tmp_path, write, ["[" * 100_000, '{"text": "x", "n": ' + "1" * 5000 + "}", {"text": "Good."}])
    assert [d.text for d in docs] == ["Good."]
    assert [str(e) for e in errors][0] == f"{p}:1: not valid JSON (nested too deeply)"
    assert str(errors[1]).startswith(f"{p}:2: not valid JSON (") and "\n" not in str(errors[1])
