"""Exporting the store: its tables as CSV or Parquet files, and a GDELT-style events table.

``storyline export --db DB --table events --format parquet --out events.parquet`` writes
one table in the store's own column layout (:mod:`storyline.model.tables`: the same names,
in the same order, with the matching types); ``--table all`` writes every table, one file
each, into a directory. DuckDB and PostgreSQL stores give the same files: rows are read
in a fixed order (the table's key columns, byte order), JSON columns as their text, lists
as lists (CSV: as a JSON array).

``--table gdelt`` (or ``--format gdelt``, tab-separated like GDELT's own files, with a
header row) is one row per coded event under the GDELT 2.0 event table's column names, for
the columns Storyline has (:data:`GDELT_COLUMNS`; see ``docs/scaling.md`` for what each
holds and how it differs from GDELT's).

:class:`ParquetSink` writes analysed documents straight to the same Parquet files
(``storyline ingest --parquet DIR``), without a database.

Every table name is checked against the store's tables; the only SQL run is built here
from those names, and rows are streamed (``fetchmany``; a server-side cursor on
PostgreSQL), so a large store is exported in bounded memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional

from storyline.model import Document
from storyline.model.tables import BOOLEAN, DATE, DOUBLE, DOUBLES, INTEGER, JSON, TABLES, TIMESTAMP, VARCHARS, Table
from storyline.store.connection import Connection, StoreError, first_line
from storyline.store.schema import open_store

FORMATS = ("csv", "parquet", "gdelt")
GDELT = "gdelt"
BATCH = 5_000
"""Rows fetched, and written, at a time."""

_BY_NAME = {t.name: t for t in TABLES}
TABLE_NAMES: tuple[str, ...] = tuple(_BY_NAME)
KEYS = ("id", "idx", "entity_id", "time_id", "story_id", "start_char", "end_char")
"""Columns that, with ``doc_id``, order a table's rows (those a table has)."""

GDELT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("GlobalEventID", "int64"), ("Day", "int32"), ("MonthYear", "int32"), ("Year", "int32"),
    ("FractionDate", "float64"),
    ("Actor1Code", "string"), ("Actor1Name", "string"), ("Actor1CountryCode", "string"),
    ("Actor2Code", "string"), ("Actor2Name", "string"), ("Actor2CountryCode", "string"),
    ("EventCode", "string"), ("EventBaseCode", "string"), ("EventRootCode", "string"),
    ("QuadClass", "int32"), ("GoldsteinScale", "float64"),
    ("ActionGeo_FullName", "string"), ("ActionGeo_CountryCode", "string"),
    ("ActionGeo_Lat", "float64"), ("ActionGeo_Long", "float64"),
    ("DATEADDED", "int64"), ("SOURCEURL", "string"),
    ("StorylineDocID", "string"), ("StorylineEventIdx", "int32"),
)
"""The GDELT-style events table: GDELT 2.0 event columns Storyline fills, in GDELT's order,
then two of Storyline's own (the document and the event's position in it)."""

QUAD_CLASS = {**{f"{r:02d}": 1 for r in range(1, 6)}, **{f"{r:02d}": 2 for r in range(6, 9)},
              **{f"{r:02d}": 3 for r in range(9, 14)}, **{f"{r:02d}": 4 for r in range(14, 21)}}
"""CAMEO root code -> GDELT QuadClass (1 verbal cooperation, 2 material cooperation, 3
verbal conflict, 4 material conflict)."""

_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

GDELT_SQL = """
SELECT e.doc_id, e.idx, e.source, s.name, s.country, e.target, t.name, t.country,
       e.code, e.root, e.goldstein, e.date, e.location, e.location_country, e.lat, e.lon,
       d.published, d.ingested_at, d.url, d.source
FROM events e
JOIN documents d ON d.id = e.doc_id
LEFT JOIN entities s ON s.doc_id = e.doc_id AND s.entity_id = e.source_entity
LEFT JOIN entities t ON t.doc_id = e.doc_id AND t.entity_id = e.target_entity
ORDER BY e.doc_id{collate}, e.idx
"""


def table(name: str) -> Table:
    """The store's table ``name``; any other name is a one-line :class:`StoreError`."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise StoreError(f"unknown table {name!r}; the store's tables: {', '.join(TABLE_NAMES)}, or {GDELT}") from None


# --------------------------------------------------------------------------------------
# Reading


def select_sql(t: Table, postgres: bool) -> str:
    """The one statement that reads table ``t`` for export (names from the table definition)."""
    cols = [f"CAST({c.name} AS VARCHAR) AS {c.name}" if c.type == JSON else c.name for c in t.columns]
    collate = ' COLLATE "C"' if postgres else ""
    keys = [c for c in t.columns if c.name in KEYS or c.name == "doc_id"]
    if all(c.name == "doc_id" for c in keys):  # no key of its own (cited_sources): every plain column
        keys = [c for c in t.columns if c.type not in (JSON, VARCHARS, DOUBLES)]
    order = [c.name if c.type in (INTEGER, DOUBLE, DATE, TIMESTAMP, BOOLEAN) else f"{c.name}{collate}" for c in keys]
    return f"SELECT {', '.join(cols)} FROM {t.name} ORDER BY {', '.join(order)}"


def _batches(con: Connection, sql: str) -> Iterator[list[tuple]]:
    """The statement's rows, :data:`BATCH` at a time (PostgreSQL: a server-side cursor)."""
    if con.postgres:
        raw = con.raw
        with raw.transaction(force_rollback=True):
            with raw.cursor(name="storyline_export") as cur:
                cur.execute(sql)
                while rows := cur.fetchmany(BATCH):
                    yield rows
        return
    cur = con.raw.execute(sql)
    while rows := cur.fetchmany(BATCH):
        yield rows


# --------------------------------------------------------------------------------------
# Writing


def arrow_type(sql_type: str):
    import pyarrow as pa

    return {
        INTEGER: pa.int32(), DOUBLE: pa.float64(), DATE: pa.date32(), TIMESTAMP: pa.timestamp("us"),
        VARCHARS: pa.list_(pa.string()), DOUBLES: pa.list_(pa.float64()), BOOLEAN: pa.bool_(), JSON: pa.string(),
    }.get(sql_type, pa.string())


def arrow_schema(t: Table):
    """The Parquet schema of table ``t``: its columns, in order, with matching types."""
    import pyarrow as pa

    return pa.schema([pa.field(c.name, arrow_type(c.type)) for c in t.columns])


def _gdelt_schema():
    import pyarrow as pa

    return pa.schema([pa.field(n, getattr(pa, ty)()) for n, ty in GDELT_COLUMNS])


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return json.dumps(list(value), ensure_ascii=False)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class _Writer:
    """One output file, CSV (or tab-separated) or Parquet, written through a temporary file
    that replaces ``path`` only when complete."""

    def __init__(self, path: Path, fmt: str, columns: tuple[str, ...], schema):
        self.path, self.fmt, self.columns, self.schema = Path(path), fmt, columns, schema
        self.tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        self.rows = 0
        if fmt == "parquet":
            import pyarrow.parquet as pq

            self._pq = pq.ParquetWriter(str(self.tmp), schema)
        else:
            self._fh = open(self.tmp, "w", encoding="utf-8", newline="")
            self._csv = csv.writer(self._fh, delimiter="\t" if fmt == GDELT else ",")
            self._csv.writerow(columns)

    def write(self, rows: list[tuple]) -> None:
        if not rows:
            return
        self.rows += len(rows)
        if self.fmt == "parquet":
            import pyarrow as pa

            columns = list(zip(*rows))
            self._pq.write_table(pa.Table.from_arrays(
                [pa.array(list(col), type=f.type) for col, f in zip(columns, self.schema)], schema=self.schema))
        else:
            self._csv.writerows([_csv_value(v) for v in row] for row in rows)

    def close(self, ok: bool = True) -> None:
        if self.fmt == "parquet":
            self._pq.close()
        else:
            self._fh.close()
        if ok:
            os.replace(self.tmp, self.path)
        else:
            self.tmp.unlink(missing_ok=True)


def _write(path: Path, fmt: str, columns: tuple[str, ...], schema, batches: Iterable[list[tuple]]) -> int:
    writer = _Writer(path, fmt, columns, schema)
    try:
        for rows in batches:
            writer.write(rows)
    except BaseException:
        writer.close(ok=False)
        raise
    writer.close()
    return writer.rows


# --------------------------------------------------------------------------------------
# The GDELT-style events


def _day(value: Optional[str]) -> Optional[dt.date]:
    if value and _FULL_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _country_of(code: Optional[str]) -> Optional[str]:
    """The country an actor code starts with (``RUSGOV`` -> ``RUS``), when it starts with one:
    GDELT's ActorCountryCode. ``IGOUNO`` or ``IMGMUSISI`` start with none."""
    if not code or len(code) < 3:
        return None
    import pycountry

    return code[:3] if pycountry.countries.get(alpha_3=code[:3]) else None


def gdelt_row(row: tuple) -> tuple:
    """One events-join row (:data:`GDELT_SQL`) as a GDELT-style row (:data:`GDELT_COLUMNS`)."""
    (doc_id, idx, source, s_name, s_country, target, t_name, t_country, code, root, goldstein,
     date, location, loc_country, lat, lon, published, ingested_at, url, doc_source) = row
    day = _day(date) or (published if isinstance(published, dt.date) else _day(published))
    number = int(hashlib.sha256(f"{doc_id}:{idx}".encode()).hexdigest()[:15], 16)
    fraction = None
    if day:
        fraction = round(day.year + (day.timetuple().tm_yday - 1) / (366 if day.year % 4 == 0 else 365), 4)
    added = ingested_at
    if isinstance(added, str):
        added = dt.datetime.fromisoformat(added)
    return (
        number,
        int(day.strftime("%Y%m%d")) if day else None,
        int(day.strftime("%Y%m")) if day else None,
        day.year if day else None,
        fraction,
        source, s_name, s_country or _country_of(source), target, t_name, t_country or _country_of(target),
        code, code[:3] if code else None, root, QUAD_CLASS.get(root or ""), goldstein,
        location, loc_country, lat, lon,
        int(added.strftime("%Y%m%d%H%M%S")) if added else None,
        url or doc_source, doc_id, idx,
    )


# --------------------------------------------------------------------------------------
# The command


def _suffix(fmt: str) -> str:
    return {"csv": ".csv", "parquet": ".parquet", GDELT: ".tsv"}[fmt]


def export(db: str | Path, name: str, fmt: str, out: str | Path) -> dict[str, int]:
    """Write table ``name`` (a store table, ``gdelt``, or ``all``) of the store at ``db`` in
    ``fmt`` (``csv``, ``parquet``, ``gdelt``) to ``out`` (a file; a directory for ``all``).
    Returns the rows written per table. Errors are one-line :class:`StoreError`\\ s."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    if fmt == GDELT:
        name = GDELT if name in (GDELT, "events", "all") else name
        if name != GDELT:
            raise StoreError(f"--format gdelt writes the events (--table events or gdelt), not {name!r}")
    names = TABLE_NAMES if name == "all" else (name,)
    if name != GDELT:
        for n in names:
            table(n)
    out = Path(out)
    try:
        if name == "all":
            out.mkdir(parents=True, exist_ok=True)
        elif out.is_dir():
            raise StoreError(f"{out}: is a directory; give the file to write (a directory is for --table all)")
        elif not out.parent.exists():
            raise StoreError(f"{out.parent}: no such directory")
    except OSError as exc:
        raise StoreError(f"{out}: cannot write: {exc.strerror or exc}") from exc
    counts: dict[str, int] = {}
    with open_store(db, read_only=True) as con:
        try:
            for n in names:
                path = out / f"{n}{_suffix(fmt)}" if name == "all" else out
                counts[n] = _export_one(con, n, fmt, path)
        except con.errors as exc:
            raise StoreError(f"{con.name}: cannot export: {first_line(exc)}") from exc
        except OSError as exc:
            raise StoreError(f"{out}: cannot write: {exc.strerror or exc}") from exc
    return counts


def _export_one(con: Connection, name: str, fmt: str, path: Path) -> int:
    if name == GDELT:
        sql = GDELT_SQL.format(collate=' COLLATE "C"' if con.postgres else "")
        batches = ([gdelt_row(r) for r in rows] for rows in _batches(con, sql))
        return _write(path, "parquet" if fmt == "parquet" else fmt, tuple(n for n, _ in GDELT_COLUMNS),
                      _gdelt_schema(), batches)
    t = table(name)
    return _write(path, fmt, t.column_names, arrow_schema(t), _batches(con, select_sql(t, con.postgres)))


# --------------------------------------------------------------------------------------
# Documents straight to Parquet


def _coerce(sql_type: str) -> Callable[[Any], Any]:
    if sql_type == DATE:
        return lambda v: dt.date.fromisoformat(v) if isinstance(v, str) else v
    return lambda v: v


class ParquetSink:
    """Analysed documents written to ``directory/<table>.parquet``, one file per table, in
    the store's layout (what ``export --table all --format parquet`` writes from a store).
    A document whose id was written already in this run is skipped. Use as a context
    manager; files appear complete when it closes."""

    def __init__(self, directory: str | Path):
        self.directory = Path(directory)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{self.directory}: cannot write: {exc.strerror or exc}") from exc
        self._seen: set[str] = set()
        self._pending: dict[str, list[tuple]] = {t.name: [] for t in TABLES}
        self._coerce = {t.name: [_coerce(c.type) for c in t.columns] for t in TABLES}
        self._writers = {t.name: _Writer(self.directory / f"{t.name}.parquet", "parquet", t.column_names,
                                         arrow_schema(t)) for t in TABLES}

    def write(self, docs: Iterable[Document]) -> tuple[int, int]:
        """Write ``docs``; returns (added, already written in this run)."""
        added = skipped = 0
        for doc in docs:
            if not self.add(doc):
                skipped += 1
                continue
            added += 1
        return added, skipped

    def add(self, doc: Document) -> bool:
        doc.id = doc.id or hashlib.sha256(doc.text.encode("utf-8")).hexdigest()  # as analyze gives it
        if doc.id in self._seen:
            return False
        self._seen.add(doc.id)
        for t in TABLES:
            coerce = self._coerce[t.name]
            pending = self._pending[t.name]
            pending.extend(tuple(f(v) for f, v in zip(coerce, row)) for row in t.rows(doc))
            if len(pending) >= BATCH:
                self._writers[t.name].write(pending)
                pending.clear()
        return True

    def __enter__(self) -> "ParquetSink":
        return self

    def __exit__(self, exc_type, *exc) -> None:
        ok = exc_type is None
        for name, writer in self._writers.items():
            if ok:
                writer.write(self._pending[name])
            writer.close(ok)
