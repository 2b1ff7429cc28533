"""The same pages and endpoints over a PostgreSQL store (the records of the DuckDB store,
written to a fresh database on the session's server)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from storyline import store
from storyline.web import create_app, queries


@pytest.fixture()
def pg_store(store_path, pg):
    with queries.connect(str(store_path)) as con:
        ids = [r[0] for r in con.execute("SELECT id FROM documents ORDER BY id").fetchall()]
        docs = queries.documents(con, ids)
    store.ingest(pg, docs)
    return pg, docs


def test_lists_filters_and_pages_over_postgres(pg_store, store_path):
    pg, docs = pg_store
    duck, post = TestClient(create_app(str(store_path))), TestClient(create_app(pg))
    for path, params in [("/api/articles", {}), ("/api/quotes", {"status": "unverified"}),
                         ("/api/events", {"root": "17", "date_from": "2025-01"}), ("/api/entities", {"q": "ministry"}),
                         ("/api/quotes", {"actor": "Kazemi", "outlet": ""}), ("/api/events", {"actor": "' OR 1=1 --"})]:
        want = duck.get(path, params={**params, "limit": 500}).json()["items"]
        got = post.get(path, params={**params, "limit": 500}).json()["items"]
        key = lambda r: sorted((k, str(v)) for k, v in r.items())  # noqa: E731
        assert sorted(map(key, got)) == sorted(map(key, want)), path
    assert post.get("/api/stats").json()["documents"] == len(docs)
    page = post.get(f"/articles/{docs[0].id}")
    assert page.status_code == 200 and 'class="hl ' in page.text
    assert post.get("/api/search", params={"q": "Kazemi"}).json()["quotes"]
    assert "no stories in this store" in post.get("/stories").text
    assert post.get("/api/quotes", params={"format": "parquet"}).status_code == 200
