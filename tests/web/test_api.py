"""The JSON endpoints and the guard around them, through FastAPI's TestClient over a store
the real pipeline filled."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from storyline.web import create_app
from storyline.web.articles import MAX_TEXT_CHARS

from .conftest import HOSTILE_HEADLINE, TOKEN

LISTS = ("/api/articles", "/api/quotes", "/api/events", "/api/entities")


@pytest.fixture(scope="module")
def client(store_path):
    return TestClient(create_app(str(store_path), token=TOKEN))


def _error(r) -> str:
    body = r.json()
    assert set(body) == {"error"} and body["error"], body
    assert "Traceback" not in r.text
    return body["error"]


@pytest.mark.parametrize("path", LISTS)
def test_lists_paginate_within_bounds(client, path):
    everything = client.get(path, params={"limit": 500}).json()["items"]
    assert len(everything) >= 3
    first = client.get(path, params={"limit": 2}).json()
    second = client.get(path, params={"limit": 2, "offset": 2}).json()
    assert first["count"] == 2 and first["limit"] == 2 and first["offset"] == 0
    assert first["items"] + second["items"] == everything[:4]
    assert client.get(path, params={"offset": 10_000}).json()["items"] == []
    for bad in ({"limit": 0}, {"limit": 501}, {"offset": -1}, {"offset": 10**7}, {"limit": "ten"}):
        r = client.get(path, params=bad)
        assert r.status_code == 422
        assert _error(r).startswith(next(iter(bad)))


def test_quotes_filter_by_status_and_actor(client):
    unverified = client.get("/api/quotes", params={"status": "unverified", "limit": 500}).json()["items"]
    assert unverified and all(q["status"] == "unverified" for q in unverified)
    claim = [q for q in unverified if "detained three men" in q["text"]]
    assert claim and any("not publicly disclosed any names" in ev["text"] for ev in claim[0]["evidence"])
    by_actor = client.get("/api/quotes", params={"actor": "Petro Bondar"}).json()["items"]
    assert by_actor and all("Bondar" in q["speaker"] for q in by_actor)
    assert client.get("/api/quotes", params={"status": "invented"}).status_code == 422


def test_events_filter_by_root_actor_date_and_outlet(client):
    all_events = client.get("/api/events", params={"limit": 500}).json()["items"]
    root = all_events[0]["root"]
    same_root = client.get("/api/events", params={"root": root, "limit": 500}).json()["items"]
    assert same_root and all(e["root"] == root for e in same_root)
    assert len(same_root) < len(all_events)
    code = next(e["source"] for e in all_events if e["source"])
    by_code = client.get("/api/events", params={"actor": code, "limit": 500}).json()["items"]
    assert by_code and all(code in (e["source"], e["target"]) or code.lower() in
                           f"{e['source_name']} {e['target_name']}".lower() for e in by_code)
    dates = sorted(e["date"] for e in all_events if e["date"])
    lo = dates[len(dates) // 2]
    later = client.get("/api/events", params={"date_from": lo, "limit": 500}).json()["items"]
    assert later and all((e["date"] or e["published"]) >= lo for e in later)
    assert len(later) < len(all_events)
    upto = client.get("/api/events", params={"date_to": lo[:7], "limit": 500}).json()["items"]
    assert upto and all((e["date"] or e["published"])[:7] <= lo[:7] for e in upto)
    evil = client.get("/api/events", params={"outlet": "evil</i> GAZ"}).json()["items"]
    assert evil and all(e["outlet"] == "<i>Evil</i> Gazette" for e in evil)
    assert client.get("/api/events", params={"date_from": "March 3"}).status_code == 422
    assert client.get("/api/events", params={"root": "1; DROP TABLE events"}).status_code == 422


def test_filters_are_bound_parameters_not_sql(client):
    for hostile in ("' OR 1=1 --", "%", "_", "\\", "\u0000", "Robert'); DROP TABLE documents;--"):
        r = client.get("/api/quotes", params={"actor": hostile, "limit": 500})
        assert r.status_code == 200 and r.json()["items"] == []
    assert client.get("/api/stats").json()["documents"] >= 9


def test_articles_and_one_record(client):
    items = client.get("/api/articles", params={"limit": 500}).json()["items"]
    hostile = next(a for a in items if a["headline"] == HOSTILE_HEADLINE)
    record = client.get(f"/api/articles/{hostile['id']}").json()
    assert record["headline"] == HOSTILE_HEADLINE and record["text"].startswith("PORTVILLE")
    r = client.get("/api/articles/" + "0" * 64)
    assert r.status_code == 404 and "no article" in _error(r)
    claims = client.get("/api/articles", params={"q": "rossiya-24"}).json()["items"]
    assert [a["headline"] for a in claims] == ["Security Service Says It Caught Saboteurs Near Border Plant"]


def test_search_finds_each_kind(client):
    found = client.get("/api/search", params={"q": "Kazemi"}).json()
    assert set(found) == {"articles", "entities", "quotes", "events"}
    assert found["articles"] and found["quotes"] and found["entities"]
    assert all("kazemi" in n["name"].lower() for n in found["entities"])
    assert client.get("/api/search").status_code == 422


def test_actor_said_did_and_had_done_to_it(client):
    events = client.get("/api/events", params={"limit": 500}).json()["items"]
    pair = next(e for e in events if e["source_name"] and e["target_name"])
    did = client.get(f"/api/actors/{pair['source_name']}").json()
    assert any(e["sentence"] == pair["sentence"] for e in did["did"])
    done = client.get(f"/api/actors/{pair['target_name']}").json()
    assert any(e["sentence"] == pair["sentence"] for e in done["done_to"])
    said = client.get("/api/actors/Petro Bondar").json()["said"]
    assert said and said[0]["text"].startswith('"This is a fabrication')


@pytest.mark.parametrize("path", LISTS)
def test_csv_and_parquet_exports(client, path):
    import pyarrow.parquet as pq

    as_json = client.get(path, params={"limit": 500}).json()["items"]
    r = client.get(path, params={"format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == len(as_json) and list(rows[0]) == list(as_json[0])
    r = client.get(path, params={"format": "parquet"})
    assert r.status_code == 200
    table = pq.read_table(io.BytesIO(r.content))
    assert table.num_rows == len(as_json) and table.column_names == list(as_json[0])
    assert client.get(path, params={"format": "xlsx"}).status_code == 422


def test_csv_cells_cannot_become_formulas(client):
    r = client.get("/api/quotes", params={"format": "csv", "actor": "Petro Bondar"})
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert rows and not any(v.startswith(("=", "+", "-", "@")) for row in rows for v in row.values())


def test_stories_empty_state_and_a_story(client, story_store):
    r = client.get("/api/stories").json()
    assert r["items"] == [] and "no stories in this store" in r["note"]
    assert client.get("/api/stories/s1").status_code == 404
    with TestClient(create_app(str(story_store))) as c:
        listed = c.get("/api/stories").json()["items"]
        assert [s["story_id"] for s in listed] == ["s1"] and listed[0]["articles"] == 2
        story = c.get("/api/stories/s1").json()
        assert len(story["articles"]) == 2 and any(a["events"] for a in story["articles"])
        page = c.get("/briefing?story=s1")  # the briefing of one story lists it among its sources
        assert page.status_code == 200 and "<h3>Stories</h3>" in page.text and "a story" in page.text
        assert "sandbox" in page.headers["content-security-policy"]


def test_every_response_has_the_security_headers(client):
    for path in ("/", "/api/articles", "/nope", "/api/articles?limit=0", "/static/app.js", "/docs"):
        r = client.get(path)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "default-src 'none'" in csp and "unsafe-inline" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"


def test_unknown_route_and_method_are_json_errors(client):
    r = client.get("/api/nothing")
    assert r.status_code == 404 and "not found" in _error(r)
    r = client.delete("/api/articles", headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 405 and "DELETE" in _error(r)
    assert client.put("/api/quotes").status_code == 401  # any method that could write needs the token


def test_an_unhandled_error_is_json_without_a_trace(store_path):
    app = create_app(str(store_path))

    def boom():
        raise RuntimeError("secret internal detail")

    app.app.add_api_route("/api/boom", boom)
    r = TestClient(app, raise_server_exceptions=False).get("/api/boom")
    assert r.status_code == 500 and "secret" not in r.text
    assert "internal error" in _error(r)
    assert "script-src 'self'" in r.headers["content-security-policy"]


def test_a_missing_or_foreign_store_is_a_clear_error(tmp_path):
    r = TestClient(create_app(str(tmp_path / "none.duckdb"))).get("/api/articles")
    assert r.status_code == 503 and "no such database" in _error(r)
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"not a database at all" * 100)
    r = TestClient(create_app(str(bad))).get("/api/quotes")
    assert r.status_code == 503 and _error(r).startswith("the store cannot be read")


def test_reads_can_require_the_token(store_path):
    c = TestClient(create_app(str(store_path), token=TOKEN, require_token_for_reads=True))
    r = c.get("/api/articles")
    assert r.status_code == 401 and "Bearer" in _error(r) and r.headers["www-authenticate"].startswith("Bearer")
    assert c.get("/", headers={"Authorization": "Bearer nope"}).status_code == 403
    assert c.get("/api/articles", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    assert c.get("/static/style.css").status_code == 200
    closed = TestClient(create_app(str(store_path), token="", require_token_for_reads=True)).get("/api/articles")
    assert closed.status_code == 403 and "STORYLINE_TOKEN" in _error(closed)


def test_openapi_describes_the_endpoints(client):
    spec = client.get("/openapi.json").json()
    for path in (*LISTS, "/api/search", "/api/actors/{name}", "/api/stories", "/api/stories/{story_id}"):
        assert "get" in spec["paths"][path], path
    assert "post" in spec["paths"]["/api/articles"]
    assert json.dumps(spec).count("cdn") == 0
