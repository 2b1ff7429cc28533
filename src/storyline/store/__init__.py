"""The store: documents and everything extracted from them, in DuckDB or PostgreSQL.

``--db FILE`` is an embedded DuckDB file (the default; no server). ``--db
postgresql://user@host:port/dbname`` is a PostgreSQL database, for teams that share one
store. Both hold the same tables (``SCHEMA``) and answer the same SQL for the common cases.

One row per document, per entity, per mention, per quote, per event, per time expression,
per flag and per cited source; the full JSON record of each document is kept too, so
nothing the model holds is lost. Ingestion is idempotent: a document is keyed by the
sha256 of its body text, and re-ingesting the same text adds nothing.

All writes use bound parameters; ``query`` opens the database read-only.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator

import duckdb

from storyline.model import Document

DEFAULT_DB = "storyline.duckdb"

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id VARCHAR PRIMARY KEY,          -- sha256 of the body text
    source VARCHAR, outlet VARCHAR, url VARCHAR, headline VARCHAR, byline VARCHAR,
    published DATE, dateline VARCHAR, text VARCHAR,
    ingested_at TIMESTAMP,
    record JSON                      -- the whole Document as `storyline analyze` prints it
);
CREATE TABLE IF NOT EXISTS cited_sources (doc_id VARCHAR, outlet VARCHAR, title VARCHAR);
CREATE TABLE IF NOT EXISTS entities (
    doc_id VARCHAR, entity_id VARCHAR, name VARCHAR, type VARCHAR, country VARCHAR,
    actor VARCHAR, role VARCHAR, aliases VARCHAR[]
);
CREATE TABLE IF NOT EXISTS mentions (doc_id VARCHAR, entity_id VARCHAR, start_char INTEGER, end_char INTEGER);
CREATE TABLE IF NOT EXISTS quotes (
    doc_id VARCHAR, idx INTEGER, speaker VARCHAR, speaker_name VARCHAR, speaker_type VARCHAR,
    cue VARCHAR, text VARCHAR, kind VARCHAR, medium VARCHAR, status VARCHAR, section VARCHAR,
    field VARCHAR, start_char INTEGER, end_char INTEGER, evidence JSON
);
CREATE TABLE IF NOT EXISTS events (
    doc_id VARCHAR, idx INTEGER, source VARCHAR, source_entity VARCHAR, target VARCHAR,
    target_entity VARCHAR, code VARCHAR, root VARCHAR, plover VARCHAR, goldstein DOUBLE PRECISION,
    trigger VARCHAR, date VARCHAR, date_source VARCHAR, location VARCHAR, location_country VARCHAR,
    lat DOUBLE PRECISION, lon DOUBLE PRECISION, status VARCHAR, quote INTEGER, section VARCHAR, sentence VARCHAR,
    start_char INTEGER, end_char INTEGER
);
CREATE TABLE IF NOT EXISTS times (
    doc_id VARCHAR, time_id VARCHAR, text VARCHAR, value VARCHAR, mod VARCHAR, type VARCHAR,
    anchor VARCHAR, start_char INTEGER, end_char INTEGER
);
CREATE TABLE IF NOT EXISTS flags (doc_id VARCHAR, idx INTEGER, type VARCHAR, message VARCHAR, spans JSON, details JSON);
CREATE TABLE IF NOT EXISTS stories (story_id VARCHAR, doc_id VARCHAR);  -- filled by cross-document linking
"""

TABLES = ("documents", "cited_sources", "entities", "mentions", "quotes", "events", "times", "flags", "stories")


class StoreError(Exception):
    pass


def is_postgres(db: str | Path) -> bool:
    return str(db).startswith(("postgresql://", "postgres://"))


class Connection:
    """One database connection, DuckDB or PostgreSQL, with ``?`` placeholders for both."""

    def __init__(self, db: str | Path, read_only: bool = False):
        self.db = str(db)
        self.postgres = is_postgres(db)
        if self.postgres:
            import psycopg

            try:
                options = "-c default_transaction_read_only=on" if read_only else ""
                self._con = psycopg.connect(self.db, connect_timeout=10, options=options, autocommit=read_only)
            except psycopg.Error as exc:
                raise StoreError(f"{_redact(self.db)}: cannot connect: {_first_line(exc)}") from exc
            self.errors: tuple[type[Exception], ...] = (psycopg.Error,)
        else:
            if read_only and not Path(self.db).exists():
                raise StoreError(f"{self.db}: no such database (run `storyline ingest` first)")
            try:
                self._con = duckdb.connect(self.db, read_only=read_only)
            except duckdb.Error as exc:
                raise StoreError(f"{self.db}: cannot open database: {_first_line(exc)}") from exc
            self.errors = (duckdb.Error,)

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.postgres else sql

    def execute(self, sql: str, params: list[Any] | tuple = ()):
        if self.postgres:
            # placeholders are translated only when there are parameters, so a user's SQL
            # with a literal '?' or '%' reaches PostgreSQL unchanged
            return self._con.cursor().execute(self._sql(sql) if params else sql, params or None)
        return self._con.execute(sql, list(params))

    def executemany(self, sql: str, rows: list[tuple]) -> None:
        if self.postgres:
            with self._con.cursor() as cur:
                cur.executemany(self._sql(sql), rows)
        else:
            self._con.executemany(sql, rows)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self.postgres:
            with self._con.transaction():
                yield
            return
        self._con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self._con.execute("ROLLBACK")
            raise
        self._con.execute("COMMIT")

    def create_schema(self) -> None:
        with self.transaction():
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    self.execute(statement)

    def close(self) -> None:
        if self.postgres and not self._con.autocommit:
            self._con.commit()
        self._con.close()


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _redact(url: str) -> str:
    """A connection URL without its password, for messages."""
    import re

    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


@contextmanager
def open_store(db: str | Path = DEFAULT_DB, read_only: bool = False) -> Iterator[Connection]:
    con = Connection(db, read_only)
    try:
        if not read_only:
            con.create_schema()
        yield con
    finally:
        con.close()


def _rows(doc: Document) -> dict[str, list[tuple]]:
    d = doc.id
    rows: dict[str, list[tuple]] = {t: [] for t in TABLES}
    rows["documents"].append((
        d, doc.source, doc.outlet, doc.url, doc.headline, doc.byline, doc.published, doc.dateline,
        doc.text, datetime.now(timezone.utc).replace(tzinfo=None), doc.model_dump_json(),
    ))
    rows["cited_sources"] = [(d, c.outlet, c.title) for c in doc.cited_sources]
    for e in doc.entities:
        rows["entities"].append((d, e.id, e.name, e.type, e.country, e.actor, e.role, e.aliases))
        rows["mentions"].extend((d, e.id, s, t) for s, t in e.mentions)
    for i, q in enumerate(doc.quotes):
        rows["quotes"].append((
            d, i, q.speaker, q.speaker_name, q.speaker_type, q.cue, q.text, q.kind, q.medium, q.status,
            q.section, q.field, q.span[0], q.span[1], json.dumps([ev.model_dump() for ev in q.evidence]),
        ))
    for i, ev in enumerate(doc.events):
        loc = ev.location
        rows["events"].append((
            d, i, ev.source, ev.source_entity, ev.target, ev.target_entity, ev.code, ev.root, ev.plover,
            ev.goldstein, ev.trigger, ev.date, ev.date_source, loc.name if loc else None,
            loc.country if loc else None, loc.lat if loc else None, loc.lon if loc else None,
            ev.status, ev.quote, ev.section, ev.sentence, ev.span[0], ev.span[1],
        ))
    rows["times"] = [(d, t.id, t.text, t.value, t.mod, t.type, t.anchor, t.span[0], t.span[1]) for t in doc.times]
    rows["flags"] = [
        (d, i, f.type, f.message, json.dumps(f.spans), json.dumps(f.details)) for i, f in enumerate(doc.flags)
    ]
    return rows


def write(con: Connection, docs: Iterable[Document]) -> tuple[int, int]:
    """Write documents not yet stored. Returns (added, already present)."""
    added = skipped = 0
    for doc in docs:
        if con.execute("SELECT 1 FROM documents WHERE id = ?", [doc.id]).fetchone():
            skipped += 1
            continue
        with con.transaction():
            for table, rows in _rows(doc).items():
                if rows:
                    marks = ", ".join("?" * len(rows[0]))
                    con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
        added += 1
    return added, skipped


def stats(db: str | Path = DEFAULT_DB) -> dict[str, int]:
    with open_store(db, read_only=True) as con:
        out = {}
        for table in ("documents", "entities", "quotes", "events", "stories"):
            try:
                out[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            except con.errors as exc:
                raise StoreError(f"{_redact(str(db))}: not a Storyline store ({_first_line(exc)})") from exc
        return out


def query(sql: str, db: str | Path = DEFAULT_DB, params: list[Any] | None = None) -> tuple[list[str], list[tuple]]:
    """Run read-only SQL; returns (column names, rows)."""
    with open_store(db, read_only=True) as con:
        try:
            cur = con.execute(sql, params or [])
        except con.errors as exc:
            raise StoreError(_first_line(exc)) from exc
        if cur.description is None:
            return [], []
        return [c[0] for c in cur.description], cur.fetchall()
