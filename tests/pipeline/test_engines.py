"""Every engine gives the same records and the same ``stats``, into DuckDB and PostgreSQL:
one process, two worker processes, and Ray Data with two actors, over the articles in
``examples/`` plus a bad file (reported the same way by each). One Ray session for the
module (a real local Ray: no mocks)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline import store
from storyline.model.tables import TABLES
from storyline.pipeline.batch import Batch
from storyline.store.export import select_sql
from storyline.store.schema import open_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

ray = pytest.importorskip("ray")


@pytest.fixture(scope="module")
def ray_session():
    import os

    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    started = not ray.is_initialized()
    if started:
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    if started:
        ray.shutdown()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    bad = tmp_path_factory.mktemp("bad") / "empty.txt"
    bad.write_text("", encoding="utf-8")
    return [str(EXAMPLES), str(bad)]


RUNS = {
    "one process": dict(workers=1),
    "2 workers": dict(workers=2),
    "ray, 2 workers": dict(workers=2, engine="ray"),
}


@pytest.fixture(scope="module")
def analysed(inputs, ray_session):
    """Each engine's documents and reports, analysed once."""
    out = {}
    for name, options in RUNS.items():
        batch = Batch(inputs)
        out[name] = (list(batch.analyze(**options)), batch.errors)
    return out


@pytest.fixture()
def pg_database(postgres_url):
    """``pg_database(prefix)``: a new database on the session's PostgreSQL server."""
    import uuid

    import psycopg

    def create(prefix: str) -> str:
        name = f"{prefix}_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(postgres_url, autocommit=True) as con:
            con.execute(f'CREATE DATABASE "{name}"')
        return postgres_url.rsplit("/", 1)[0] + "/" + name

    return create


def table_rows(db: str) -> dict[str, list[tuple]]:
    """Every table's rows, in a fixed order, without the time each document was stored."""
    with open_store(db, read_only=True) as con:
        out = {}
        for t in TABLES:
            rows = con.execute(select_sql(t, con.postgres)).fetchall()
            if t.name == "documents":
                at = t.column_names.index("ingested_at")
                rows = [r[:at] + r[at + 1:] for r in rows]
            out[t.name] = [tuple(r) for r in rows]
        return out


def test_every_engine_gives_the_same_records_and_reports(analysed):
    reference, reports = analysed["one process"]
    assert len(reference) >= 5 and len(reports) == 1 and "empty.txt" in reports[0]
    for name, (docs, errors) in analysed.items():
        assert [d.model_dump() for d in docs] == [d.model_dump() for d in reference], name
        assert errors == reports, name


def test_every_engine_and_both_databases_store_the_same_rows_and_stats(analysed, tmp_path, pg_database):
    stored = {}
    for i, (name, (docs, _)) in enumerate(analysed.items()):
        for backend, db in (("duckdb", str(tmp_path / f"{i}.duckdb")), ("postgres", pg_database(f"e{i}"))):
            added, skipped = store.ingest(db, [d.model_copy(deep=True) for d in docs])
            assert (added, skipped) == (len(docs), 0)
            stored[name, backend] = (table_rows(db), store.stats(db))
    (ref_rows, ref_stats), *_ = stored.values()
    assert ref_stats["documents"] == len(analysed["one process"][0]) and ref_stats["events"] > 0
    assert all(ref_rows[t] for t in ("entities", "mentions", "quotes", "events", "times"))
    for key, (rows, stats) in stored.items():
        assert stats == ref_stats, key
        assert rows == ref_rows, key


def test_ingest_on_ray_from_the_command_line(inputs, ray_session, tmp_path):
    from click.testing import CliRunner

    from storyline.cli import main

    db = str(tmp_path / "ray.duckdb")
    result = CliRunner().invoke(main, ["ingest", *inputs, "--db", db, "--engine", "ray", "--workers", "2"])
    assert result.exit_code == 1, result.output  # the empty file
    assert "empty.txt" in result.stderr and "failed (" in result.stderr
    one = str(tmp_path / "one.duckdb")
    assert CliRunner().invoke(main, ["ingest", *inputs, "--db", one]).exit_code == 1
    assert store.stats(db) == store.stats(one)
    assert ray.is_initialized()  # the session the command found is left running
