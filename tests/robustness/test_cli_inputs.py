"""The reproducers of issue 13's input findings, end to end through the command line on
real files: a FIFO, a device, a JSON Lines record with a lone surrogate, a badly typed field."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from storyline.cli import main

GOOD = "Ferry Service Resumes\n\nOfficials in Apia said on Monday that the ferry would sail again.\n"


def storyline(*args, cwd):
    here = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, list(args))
    finally:
        os.chdir(here)


@pytest.fixture
def inputs(tmp_path):
    (tmp_path / "sur.jsonl").write_text('{"text": "Moscow said \\ud800 on Monday."}\n', encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(tmp_path / "fifo.txt")
    return tmp_path


def test_analyze_a_surrogate_record_a_fifo_a_device_and_a_good_file(inputs):
    r = storyline("analyze", "sur.jsonl", "fifo.txt", "/dev/zero", "good.txt", "--format", "jsonl", cwd=inputs)
    records = [json.loads(line) for line in r.stdout.splitlines()]
    assert [d["source"] for d in records] == ["sur.jsonl:1", "good.txt"]
    assert records[0]["text"] == "Moscow said \ufffd on Monday."
    assert records[0]["notes"] == ["text: 1 lone surrogate replaced by U+FFFD"] and records[1]["notes"] == []
    assert records[0]["entities"] and records[1]["entities"]
    assert r.stderr.splitlines() == [
        "storyline: error: fifo.txt: not a regular file (a FIFO); only regular files are read",
        "storyline: error: /dev/zero: not a regular file (a character device); only regular files are read",
    ]
    assert r.exit_code == 1


def test_ingest_a_surrogate_record_beside_a_good_file(inputs):
    r = storyline("ingest", "sur.jsonl", "good.txt", "--db", "s.duckdb", cwd=inputs)
    assert r.exit_code == 0, r.stderr
    assert r.stderr.strip().endswith("2 added, 0 already stored, 0 failed (s.duckdb)")
    q = storyline("query", "SELECT source FROM documents ORDER BY source", "--db", "s.duckdb", "--format", "json", cwd=inputs)
    assert "good.txt" in q.stdout and "sur.jsonl:1" in q.stdout


def test_a_badly_typed_json_lines_field(tmp_path):
    lines = [{"text": "Police said on Monday."}, {"text": "The army said.", "cited_sources": 5},
             {"text": "Rebels said on Friday.", "cited_sources": "Reuters"}]
    (tmp_path / "w.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    r = storyline("analyze", "w.jsonl", "--format", "jsonl", cwd=tmp_path)
    records = [json.loads(line) for line in r.stdout.splitlines()]
    assert [d["source"] for d in records] == ["w.jsonl:1", "w.jsonl:3"]
    assert records[1]["cited_sources"] == [{"outlet": "Reuters", "title": None, "kind": "source"}]
    assert r.stderr.splitlines() == [
        "storyline: error: w.jsonl:2: field 'cited_sources' must be a list of sources (or one outlet as a string), not a number"
    ]
    assert r.exit_code == 1
