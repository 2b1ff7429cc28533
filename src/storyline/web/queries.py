"""Every read the web app makes of the store: parameterized SQL, one function per list.

The store is opened read-only for each request (:func:`storyline.store.open_store`), so a
``storyline ingest`` in another process gets the DuckDB file between requests, and a
request waits while it is held (:data:`storyline.store.connection.READ_WAIT`). Values from
the request are always bound parameters; the only SQL built from pieces is a fixed choice
among the conditions written here.

A list is ``(columns, rows)``; :class:`Filters` holds the filters every list accepts
(those that do not apply to a list are ignored by it).
"""

from __future__ import annotations

import json
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator, Optional

from storyline.model import Document
from storyline.store import StoreError, open_store
from storyline.store.connection import first_line
from storyline.store.documents import read as stored_documents

MAX_LIMIT = 500
"""Rows a list returns at most per page (``limit``)."""
MAX_EXPORT = 10_000
"""Rows an export (CSV, Parquet) returns at most."""
MAX_OFFSET = 1_000_000

_LOCK = threading.Lock()
"""One store connection at a time in this process: DuckDB refuses a read-only and a
read-write connection to one file from one process, and ``POST /api/articles`` writes."""


@contextmanager
def connect(db: str, read_only: bool = True) -> Iterator[Any]:
    """A connection to the store for one request (read-only unless writing)."""
    with _LOCK:
        with open_store(db, read_only=read_only) as con:
            try:
                yield con
            except con.errors as exc:
                raise StoreError(f"{con.name}: {first_line(exc)}") from exc


@contextmanager
def write_lock() -> Iterator[None]:
    """Held while ``POST /api/articles`` stores a document (no reader meanwhile)."""
    with _LOCK:
        yield


@dataclass(frozen=True)
class Filters:
    actor: Optional[str] = None
    root: Optional[str] = None
    date_from: Optional[str] = None
    date_to: Optional[str] = None
    outlet: Optional[str] = None
    status: Optional[str] = None
    q: Optional[str] = None


@dataclass(frozen=True)
class Page:
    limit: int = 50
    offset: int = 0


def _contains(column: str) -> str:
    """Case-insensitive substring test with the needle bound (no LIKE wildcards to escape)."""
    return f"strpos(lower({column}), lower(?)) > 0"


def _any(*columns: str) -> str:
    return "(" + " OR ".join(_contains(c) for c in columns) + ")"


def _where(conds: list[tuple[str, list]]) -> tuple[str, list]:
    sql = " AND ".join(c for c, _ in conds)
    params = [p for _, ps in conds for p in ps]
    return (f" WHERE {sql}" if sql else ""), params


def _common(f: Filters, date_sql: str) -> list[tuple[str, list]]:
    conds: list[tuple[str, list]] = []
    if f.outlet:
        conds.append((_contains("coalesce(d.outlet, '')"), [f.outlet]))
    if f.date_from:
        conds.append((f"{date_sql} >= ?", [f.date_from]))
    if f.date_to:  # a date such as 2026-02 or 2026-02-18T10:00 still counts as within the day
        conds.append((f"substr({date_sql}, 1, {len(f.date_to)}) <= ?", [f.date_to]))
    return conds


def _run(con, sql: str, params: list, page: Page) -> tuple[list[str], list[tuple]]:
    cur = con.execute(f"{sql} LIMIT ? OFFSET ?", [*params, page.limit, page.offset])
    return [c[0] for c in cur.description], cur.fetchall()


ARTICLES = (
    "SELECT d.id, d.headline, d.outlet, CAST(d.published AS VARCHAR) AS published, d.source, d.url,"
    " (SELECT count(*) FROM quotes q WHERE q.doc_id = d.id) AS quotes,"
    " (SELECT count(*) FROM events e WHERE e.doc_id = d.id) AS events"
    " FROM documents d"
)


def articles(con, f: Filters, page: Page):
    conds = _common(f, "CAST(d.published AS VARCHAR)")
    if f.q:
        conds.append((_any("coalesce(d.headline, '')", "d.text"), [f.q, f.q]))
    where, params = _where(conds)
    return _run(con, f"{ARTICLES}{where} ORDER BY d.published DESC NULLS LAST, d.id", params, page)


QUOTES = (
    "SELECT q.doc_id, q.idx, coalesce(q.speaker_name, q.speaker_type) AS speaker, s.actor AS speaker_actor,"
    " s.role AS speaker_role, q.cue, q.text, q.kind, q.status, q.evidence, q.section, q.field,"
    " q.start_char, q.end_char, d.headline, d.outlet, CAST(d.published AS VARCHAR) AS published"
    " FROM quotes q JOIN documents d ON d.id = q.doc_id"
    " LEFT JOIN entities s ON s.doc_id = q.doc_id AND s.entity_id = q.speaker"
)


def quotes(con, f: Filters, page: Page):
    conds = _common(f, "CAST(d.published AS VARCHAR)")
    if f.actor:
        conds.append(("(upper(coalesce(s.actor, '')) = upper(?) OR " + _contains("coalesce(q.speaker_name, s.name, '')") + ")",
                      [f.actor, f.actor]))
    if f.status:
        conds.append(("q.status = ?", [f.status]))
    if f.q:
        conds.append((_any("q.text", "coalesce(q.speaker_name, '')"), [f.q, f.q]))
    where, params = _where(conds)
    return _run(con, f"{QUOTES}{where} ORDER BY d.published DESC NULLS LAST, q.doc_id, q.idx", params, page)


EVENT_DATE = "coalesce(e.date, CAST(d.published AS VARCHAR))"
EVENTS = (
    "SELECT e.doc_id, e.idx, e.source, s.name AS source_name, e.code, e.root, e.plover, e.goldstein,"
    " e.target, t.name AS target_name, e.trigger, e.date, e.location, e.status, e.quote, e.sentence,"
    " e.start_char, e.end_char, d.headline, d.outlet, CAST(d.published AS VARCHAR) AS published"
    " FROM events e JOIN documents d ON d.id = e.doc_id"
    " LEFT JOIN entities s ON s.doc_id = e.doc_id AND s.entity_id = e.source_entity"
    " LEFT JOIN entities t ON t.doc_id = e.doc_id AND t.entity_id = e.target_entity"
)

_ACTOR_SIDE = "(upper(coalesce(e.{c}, '')) = upper(?) OR strpos(lower(coalesce({a}.name, '')), lower(?)) > 0)"


def events(con, f: Filters, page: Page, side: str = "either"):
    """Events; with ``actor``, those it is the source of (``side="source"``), the target of
    (``"target"``) or either."""
    conds = _common(f, EVENT_DATE)
    if f.actor:
        src, tgt = _ACTOR_SIDE.format(c="source", a="s"), _ACTOR_SIDE.format(c="target", a="t")
        cond = {"source": src, "target": tgt, "either": f"({src} OR {tgt})"}[side]
        conds.append((cond, [f.actor] * (2 if side != "either" else 4)))
    if f.root:
        conds.append(("e.root = ?", [f.root.zfill(2)]))
    if f.status:
        conds.append(("e.status = ?", [f.status]))
    if f.q:
        conds.append((_any("e.sentence", "coalesce(e.trigger, '')"), [f.q, f.q]))
    where, params = _where(conds)
    return _run(con, f"{EVENTS}{where} ORDER BY {EVENT_DATE} NULLS LAST, e.doc_id, e.idx", params, page)


ENTITIES = (
    "SELECT n.name, n.type, n.actor, n.country, count(DISTINCT n.doc_id) AS articles,"
    " sum(coalesce(m.mentions, 0)) AS mentions"
    " FROM entities n JOIN documents d ON d.id = n.doc_id"
    " LEFT JOIN (SELECT doc_id, entity_id, count(*) AS mentions FROM mentions GROUP BY doc_id, entity_id) m"
    " ON m.doc_id = n.doc_id AND m.entity_id = n.entity_id"
)


def entities(con, f: Filters, page: Page):
    conds = _common(f, "CAST(d.published AS VARCHAR)")
    if f.actor:
        conds.append(("upper(coalesce(n.actor, '')) = upper(?)", [f.actor]))
    if f.q:
        conds.append((_contains("n.name"), [f.q]))
    where, params = _where(conds)
    sql = f"{ENTITIES}{where} GROUP BY n.name, n.type, n.actor, n.country ORDER BY articles DESC, n.name"
    return _run(con, sql, params, page)


def document(con, doc_id: str) -> Optional[Document]:
    found = stored_documents(con, [doc_id])
    return found[0] if found else None


def documents(con, ids: list[str]) -> list[Document]:
    """The stored documents ``ids``, in that order (one query)."""
    return stored_documents(con, ids)


def counts(con) -> dict[str, int]:
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("documents", "entities", "quotes", "events")}


def as_dicts(columns: list[str], rows: list[tuple]) -> list[dict]:
    out = []
    for row in rows:
        item = dict(zip(columns, row))
        if isinstance(item.get("evidence"), str):
            item["evidence"] = json.loads(item["evidence"])
        out.append(item)
    return out
