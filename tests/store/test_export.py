"""``export``: the store's tables as CSV and Parquet in the store's column layout, the same
from DuckDB and PostgreSQL; the GDELT-style events; Parquet written straight from documents
(``ingest --parquet``). Real DuckDB files, a real PostgreSQL server, real pyarrow files."""

from __future__ import annotations

import csv
import datetime as dt

import pyarrow.parquet as pq
import pytest

from storyline import store
from storyline.model.tables import TABLES
from storyline.store.export import GDELT_COLUMNS, ParquetSink, export

TABLE_NAMES = [t.name for t in TABLES]


def _stored(db, build):
    one, two = build(), build(text=build().text + " Officials said more fines would follow.", source="second.txt")
    two.id = "e" * 64
    assert store.ingest(db, [one, two]) == (2, 0)
    return one, two


def _parquet_rows(path):
    table = pq.read_table(path)
    return table.column_names, [tuple(r.values()) for r in table.to_pylist()]


def test_every_table_as_parquet_in_the_store_layout(db, build, tmp_path):
    _stored(db, build)
    counts = export(db, "all", "parquet", tmp_path / "out")
    assert list(counts) == TABLE_NAMES
    for t in TABLES:
        columns, rows = _parquet_rows(tmp_path / "out" / f"{t.name}.parquet")
        assert tuple(columns) == t.column_names
        assert len(rows) == counts[t.name]
    assert counts["documents"] == 2 and counts["events"] == 4 and counts["mentions"] == 6
    schema = pq.read_schema(tmp_path / "out" / "events.parquet")
    assert str(schema.field("goldstein").type) == "double" and str(schema.field("idx").type) == "int32"
    assert str(pq.read_schema(tmp_path / "out" / "documents.parquet").field("published").type) == "date32[day]"


def test_duckdb_and_postgres_export_the_same_files(build, tmp_path, pg):
    duck = str(tmp_path / "s.duckdb")
    for db in (duck, pg):
        _stored(db, build)
    for t in TABLES:
        a = export(duck, t.name, "csv", tmp_path / f"d-{t.name}.csv")
        b = export(pg, t.name, "csv", tmp_path / f"p-{t.name}.csv")
        assert a == b
        da = (tmp_path / f"d-{t.name}.csv").read_text("utf-8").splitlines()
        pa = (tmp_path / f"p-{t.name}.csv").read_text("utf-8").splitlines()
        if t.name == "documents":  # the time each was stored differs
            at = t.column_names.index("ingested_at")
            da, pa = ([r[:at] + r[at + 1:] for r in csv.reader(x)] for x in (da, pa))
        assert da == pa, t.name


def test_csv_has_a_header_lists_as_json_and_one_row_per_item(db, build, tmp_path, document):
    _stored(db, build)
    export(db, "entities", "csv", tmp_path / "e.csv")
    rows = list(csv.DictReader((tmp_path / "e.csv").open(encoding="utf-8")))
    assert list(rows[0]) == list(TABLES[2].column_names)
    ramdin = [r for r in rows if r["name"] == "Anil Ramdin"]
    assert len(ramdin) == 2 and ramdin[0]["aliases"] == '["Ramdin"]' and ramdin[0]["actor"] == "MUSGOV"


def test_gdelt_style_events(db, build, tmp_path):
    one, _ = _stored(db, build)
    export(db, "gdelt", "gdelt", tmp_path / "events.tsv")
    rows = list(csv.DictReader((tmp_path / "events.tsv").open(encoding="utf-8"), delimiter="\t"))
    assert list(rows[0]) == [n for n, _ in GDELT_COLUMNS] and len(rows) == 4
    fined = next(r for r in rows if r["EventCode"] == "172" and r["StorylineDocID"] == one.id)
    assert fined["Day"] == "20260501" and fined["MonthYear"] == "202605" and fined["Year"] == "2026"
    assert fined["Actor1Code"] == "MUSGOV" and fined["Actor1Name"] == "harbour authority"
    assert fined["Actor1CountryCode"] == "MUS"  # from the actor code: the entity has no country
    assert fined["EventBaseCode"] == "172" and fined["EventRootCode"] == "17" and fined["QuadClass"] == "4"
    assert fined["GoldsteinScale"] == "-5.0" and fined["ActionGeo_FullName"] == "Port Louis"
    assert fined["ActionGeo_CountryCode"] == "MUS" and float(fined["ActionGeo_Lat"]) == -20.16
    assert fined["SOURCEURL"] == "https://example.org/harbour" and len(fined["DATEADDED"]) == 14
    said = next(r for r in rows if r["EventCode"] == "010" and r["StorylineDocID"] == one.id)
    assert said["Day"] == "20260502"  # no date of its own: the document's
    assert said["QuadClass"] == "1" and said["Actor1Code"] == ""
    ids = [r["GlobalEventID"] for r in rows]
    assert len(set(ids)) == 4 and all(i.isdigit() for i in ids)
    export(db, "gdelt", "parquet", tmp_path / "events.parquet")
    columns, prows = _parquet_rows(tmp_path / "events.parquet")
    assert columns == [n for n, _ in GDELT_COLUMNS] and len(prows) == 4


def test_documents_straight_to_parquet_match_the_export(build, tmp_path):
    db = str(tmp_path / "s.duckdb")
    one, two = _stored(db, build)
    export(db, "all", "parquet", tmp_path / "from-db")
    with ParquetSink(tmp_path / "direct") as sink:
        assert sink.write([one, two, one]) == (2, 1)
    for t in TABLES:
        columns, direct = _parquet_rows(tmp_path / "direct" / f"{t.name}.parquet")
        _, exported = _parquet_rows(tmp_path / "from-db" / f"{t.name}.parquet")
        assert tuple(columns) == t.column_names
        if t.name == "documents":
            at = t.column_names.index("ingested_at")
            assert all(isinstance(r[at], dt.datetime) for r in direct)
            direct, exported = ([r[:at] + r[at + 1:] for r in x] for x in (direct, exported))
        assert sorted(map(repr, direct)) == sorted(map(repr, exported)), t.name


def test_bad_requests_are_one_line(tmp_path, build):
    db = str(tmp_path / "s.duckdb")
    _stored(db, build)
    for args, part in (
        (("nope", "csv", tmp_path / "x.csv"), "unknown table 'nope'"),
        (("events", "xml", tmp_path / "x.xml"), "unknown format 'xml'"),
        (("quotes", "gdelt", tmp_path / "x.tsv"), "--format gdelt writes the events"),
        (("events", "csv", tmp_path), "is a directory"),
        (("events", "csv", tmp_path / "no" / "x.csv"), "no such directory"),
    ):
        with pytest.raises(store.StoreError) as info:
            export(db, *args)
        assert part in str(info.value) and "\n" not in str(info.value)
    with pytest.raises(store.StoreError, match="no such database"):
        export(str(tmp_path / "missing.duckdb"), "events", "csv", tmp_path / "x.csv")
    assert not list(tmp_path.glob(".*.tmp"))
