"""The command line, end to end on files the tests write: real parsing, real DuckDB."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest
from click.testing import CliRunner

from storyline.cli import main
from storyline.model import json_schema

ARTICLE = """Ministers Agree to Resume Border Talks

By Amara Nwosu

Published March 4, 2026

ADDIS ABABA, March 4, 2026 - Ethiopian Foreign Minister Tesfaye Bekele said on Wednesday that talks with Sudan would resume next month.

"We have agreed to meet again in Khartoum," Bekele told reporters. Sudanese officials did not comment.

SOURCES: HORN DAILY – Ministers agree to resume talks
"""


@pytest.fixture()
def files(tmp_path):
    good = tmp_path / "talks.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    return tmp_path, good, empty


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_analyze_json_matches_schema_and_contract(files):
    _, good, _ = files
    result = run("analyze", str(good))
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    jsonschema.validate(record, json_schema())
    assert record["headline"] == "Ministers Agree to Resume Border Talks"
    assert record["published"] == "2026-03-04"
    assert record["cited_sources"][0]["outlet"] == "HORN DAILY"
    names = {e["name"]: e for e in record["entities"]}
    assert names["Tesfaye Bekele"]["country"] == "ETH"
    for e in record["entities"]:
        for s, t in e["mentions"]:
            assert record["text"][s:t]


def test_published_override_and_raw(files):
    _, good, _ = files
    record = json.loads(run("analyze", str(good), "--published", "2026-05-01").stdout)
    assert record["published"] == "2026-05-01"
    raw = json.loads(run("analyze", str(good), "--raw").stdout)
    assert raw["text"] == ARTICLE and raw["headline"] is None
    bad = run("analyze", str(good), "--published", "May 1")
    assert bad.exit_code != 0 and "YYYY-MM-DD" in bad.output


def test_bad_file_in_a_batch_is_reported_and_the_rest_proceed(files):
    tmp, good, empty = files
    result = run("analyze", str(good), str(empty), str(tmp / "missing.txt"), "--format", "jsonl")
    assert result.exit_code == 1
    assert len(result.stdout.strip().splitlines()) == 1
    errors = [l for l in result.stderr.splitlines() if l.startswith("storyline: error:")]
    assert len(errors) == 2 and any("empty.txt" in e for e in errors) and any("missing.txt" in e for e in errors)
    assert "Traceback" not in result.output


def test_only_bad_input_exits_non_zero_with_one_line(tmp_path):
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02\xff" * 100)
    proc = subprocess.run([sys.executable, "-m", "storyline.cli", "analyze", str(binary)], capture_output=True, text=True)
    assert proc.returncode != 0
    assert proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 2  # the file's error, then "no input could be read"
    assert "Traceback" not in proc.stderr


def test_markdown_summary_and_out_dir(files, tmp_path):
    _, good, _ = files
    out = tmp_path / "out"
    result = run("analyze", str(good), "--format", "md", "--out", str(out))
    assert result.exit_code == 0
    assert "# Ministers Agree to Resume Border Talks" in result.stdout
    assert "Tesfaye Bekele" in result.stdout
    written = json.loads((out / "talks.json").read_text())
    assert written["headline"] == "Ministers Agree to Resume Border Talks"


def test_ingest_query_stats(files, tmp_path):
    _, good, _ = files
    db = str(tmp_path / "s.duckdb")
    first = run("ingest", str(good), "--db", db)
    assert first.exit_code == 0 and "1 added" in first.stderr
    again = run("ingest", str(good), "--db", db)
    assert "0 added, 1 already stored" in again.stderr
    counts = json.loads(run("stats", "--db", db, "--format", "json").stdout)
    assert counts["documents"] == 1 and counts["entities"] >= 3
    assert set(counts) == {"documents", "entities", "quotes", "events", "stories"}
    q = run("query", "SELECT name FROM entities WHERE type = 'PERSON' ORDER BY name", "--db", db, "--format", "json")
    assert {"name": "Tesfaye Bekele"} in json.loads(q.stdout)
    denied = run("query", "DROP TABLE documents", "--db", db)
    assert denied.exit_code == 1 and "storyline: error:" in denied.stderr
    missing = run("stats", "--db", str(tmp_path / "nope.duckdb"))
    assert missing.exit_code == 1 and "no such database" in missing.stderr


def test_schema_command_is_the_published_schema():
    from pathlib import Path

    printed = json.loads(run("schema").stdout)
    assert printed == json_schema()
    published = Path(__file__).resolve().parents[1] / "docs" / "schema.json"
    assert json.loads(published.read_text()) == printed, "docs/schema.json is stale: run `make schema`"


def test_ingest_into_postgres(files, pg):
    _, good, _ = files
    assert run("ingest", str(good), "--db", pg).exit_code == 0
    assert "0 added, 1 already stored" in run("ingest", str(good), "--db", pg).stderr
    counts = json.loads(run("stats", "--db", pg, "--format", "json").stdout)
    assert counts["documents"] == 1 and counts["entities"] >= 3
    granted = run("grant-reader", "--db", pg)
    assert granted.exit_code == 0, granted.output
    reader = granted.stdout.strip()
    assert reader.startswith("postgresql://storyline_reader@")
    q = run("query", "SELECT headline FROM documents", "--db", reader, "--format", "csv")
    assert q.stdout.splitlines() == ["headline", "Ministers Agree to Resume Border Talks"]


def test_an_over_long_article_is_reported_and_the_rest_proceed(files, tmp_path):
    from storyline.pipeline import nlp

    _, good, _ = files
    huge = tmp_path / "huge.txt"
    limit = nlp.load().max_length
    huge.write_text("Huge\n\n" + "The minister spoke on Monday. " * (limit // 30 + 10), encoding="utf-8")
    result = run("analyze", str(huge), str(good), "--format", "jsonl")
    assert result.exit_code == 1
    assert len(result.stdout.strip().splitlines()) == 1
    [error] = [l for l in result.stderr.splitlines() if l.startswith("storyline: error:")]
    assert "huge.txt" in error and "limit" in error


def test_files_a_directory_cannot_read_are_named(files, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "photo.jpeg").write_bytes(b"\xff\xd8\xff\xe0 not an article")
    result = run("analyze", str(folder), "--format", "jsonl")
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 1
    assert "storyline: note:" in result.stderr and "photo.jpeg" in result.stderr


def test_a_store_of_an_unknown_version_is_refused(files, tmp_path):
    import duckdb

    _, good, _ = files
    db = str(tmp_path / "future.duckdb")
    con = duckdb.connect(db)
    con.execute("CREATE TABLE storyline_meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute("INSERT INTO storyline_meta VALUES ('schema_version', '99')")
    con.close()
    for args, code in ((["stats"], 1), (["query", "SELECT 1"], 1), (["ingest", str(good)], 2)):
        result = run(*args, "--db", db)
        assert result.exit_code == code, args
        [line] = result.stderr.splitlines()
        assert line.startswith("storyline: error:") and "schema version 99 is unknown" in line


def test_ingest_with_workers_then_export(files, tmp_path):
    import csv

    import pyarrow.parquet as pq

    _, good, empty = files
    second = tmp_path / "second.txt"
    second.write_text(ARTICLE.replace("Sudan", "Eritrea"), encoding="utf-8")
    db, one = str(tmp_path / "w.duckdb"), str(tmp_path / "one.duckdb")
    result = run("ingest", str(good), str(empty), str(second), "--db", db, "--workers", "2")
    assert result.exit_code == 1 and "2 added, 0 already stored, 1 failed" in result.stderr
    assert "empty.txt" in result.stderr
    assert run("ingest", str(good), str(second), "--db", one, "--n-process", "1").exit_code == 0  # the old name
    assert run("stats", "--db", db, "--format", "json").stdout == run("stats", "--db", one, "--format", "json").stdout
    out = tmp_path / "tables"
    exported = run("export", "--db", db, "--out", str(out))
    assert exported.exit_code == 0 and "documents: 2 rows" in exported.stderr
    assert pq.read_table(out / "events.parquet").num_rows == len(json.loads(run(
        "query", "SELECT code FROM events", "--db", db, "--format", "json").stdout))
    gdelt = tmp_path / "events.tsv"
    assert run("export", "--db", db, "--format", "gdelt", "--out", str(gdelt)).exit_code == 0
    header = next(csv.reader(gdelt.open(encoding="utf-8"), delimiter="\t"))
    assert header[:2] == ["GlobalEventID", "Day"] and "SOURCEURL" in header
    bad = run("export", "--db", db, "--table", "nope", "--out", str(tmp_path / "x.csv"))
    assert bad.exit_code == 2 and "nope" in bad.stderr
    missing = run("export", "--db", str(tmp_path / "none.duckdb"), "--table", "events", "--out", str(tmp_path / "x.csv"))
    assert missing.exit_code == 1 and missing.stderr.startswith("storyline: error:") and "no such database" in missing.stderr


def test_ingest_to_parquet(files, tmp_path):
    import pyarrow.parquet as pq

    _, good, _ = files
    out = tmp_path / "pq"
    result = run("ingest", str(good), "--parquet", str(out))
    assert result.exit_code == 0 and "1 added" in result.stderr and not (tmp_path / "storyline.duckdb").exists()
    assert pq.read_table(out / "documents.parquet").num_rows == 1
    assert pq.read_table(out / "entities.parquet").num_rows >= 2


def test_engine_ray_without_ray_is_one_line(files):
    _, good, _ = files
    code = "import sys; sys.modules['ray'] = None; from storyline.cli import main; main()"
    proc = subprocess.run([sys.executable, "-c", code, "analyze", str(good), "--engine", "ray"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "storyline: error: --engine ray needs Ray, which is not installed: pip install 'storyline[ray]'"
