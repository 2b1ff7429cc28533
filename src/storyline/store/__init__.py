"""The store: documents and everything extracted from them, in DuckDB or PostgreSQL.

``--db FILE`` is an embedded DuckDB file (the default; no server). ``--db
postgresql://user@host:port/dbname`` is a PostgreSQL database, for teams that share one
store. Both hold the same tables and answer the same SQL for the common cases.

One row per document, per entity, per mention, per quote, per event, per time expression,
per flag and per cited source; the full JSON record of each document is kept too, so
nothing the model holds is lost. Ingestion is idempotent: a document is keyed by the
sha256 of its body text, and re-ingesting the same text adds nothing.

All writes use bound parameters, and each document is committed on its own (a killed
ingest loses only what it had not committed; concurrent ingests store a document once).
``query`` runs one SELECT, confined by the engine and, for PostgreSQL, by a read-only role
(``grant_reader``), with a time and a row limit. The tables are
declared once, next to the model (:mod:`storyline.model.tables`); the database records
their version (``storyline_meta``), and a store of a version this code does not know is
refused (see :mod:`storyline.store.schema`, which also says how a store written before the
version was recorded is read).

``connection``  the DuckDB / PostgreSQL connection, ``?`` placeholders for both; StoreError
``schema``      the CREATE TABLE statements (from :mod:`storyline.model.tables`), the schema
                version the database records, ``open_store``
``rows``        a Document as rows, table by table
``write``       writing documents, once each; ``ingest``, which keeps a DuckDB file readable
``guard``       which SQL ``query`` accepts (DuckDB's parser decides)
``reader``      the PostgreSQL role ``query`` connects as, and ``grant_reader``
``query``       ``stats`` and the confined ``query``
``documents``   the stored documents read back as ``Document`` records (``storyline report --db``)
"""

from storyline.model.tables import TABLES as _TABLES
from storyline.store.connection import DEFAULT_DB, Connection, StoreError, is_postgres
from storyline.store.documents import documents
from storyline.store.query import MAX_ROWS, TIMEOUT, Result, query, stats
from storyline.store.reader import DEFAULT_ROLE, grant_reader
from storyline.store.schema import SCHEMA, SCHEMA_VERSION, open_store
from storyline.store.write import ingest, write

TABLES: tuple[str, ...] = tuple(t.name for t in _TABLES)
"""The names of the store's tables, in the order they are created."""

__all__ = [
    "DEFAULT_DB", "DEFAULT_ROLE", "MAX_ROWS", "SCHEMA", "SCHEMA_VERSION", "TABLES", "TIMEOUT", "Connection",
    "Result", "StoreError", "documents", "grant_reader", "ingest", "is_postgres", "open_store", "query", "stats", "write",
]
