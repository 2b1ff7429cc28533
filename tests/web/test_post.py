"""``POST /api/articles``: the token, the size limits, and a real analysis stored."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from storyline.web import create_app
from storyline.web.app import MAX_BODY
from storyline.web.articles import MAX_TEXT_CHARS

from .conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = {
    "text": "Harbour Board Fines Trawlers\n\nPORT LOUIS — The harbour board fined two trawlers on Friday, "
            "director Anil Ramdin said. \"We will not tolerate illegal fishing,\" Ramdin told reporters.",
    "published": "2026-05-02", "outlet": "Island Wire",
}


@pytest.fixture()
def db(tmp_path):
    return str(tmp_path / "posted.duckdb")


def _error(r) -> str:
    body = r.json()
    assert set(body) == {"error"} and "Traceback" not in r.text
    return body["error"]


def test_no_token_set_means_no_writes(db, monkeypatch):
    monkeypatch.delenv("STORYLINE_TOKEN", raising=False)
    c = TestClient(create_app(db))
    for headers in ({}, AUTH, {"Authorization": "Bearer "}):
        r = c.post("/api/articles", json=ARTICLE, headers=headers)
        assert r.status_code == 403 and "writes are disabled" in _error(r)
    r = c.get("/api/articles")
    assert r.status_code == 503 and "no such database" in _error(r)  # nothing was written


def test_missing_and_wrong_tokens(db):
    c = TestClient(create_app(db, token=TOKEN))
    r = c.post("/api/articles", json=ARTICLE)
    assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")
    for wrong in (f"Bearer {TOKEN}x", f"Bearer {TOKEN[:-1]}", f"Basic {TOKEN}", TOKEN):
        r = c.post("/api/articles", json=ARTICLE, headers={"Authorization": wrong})
        assert r.status_code in (401, 403), wrong
    assert c.post("/api/articles", json=ARTICLE, headers={"Authorization": "Bearer wrong"}).status_code == 403


def test_the_token_comes_from_the_environment(db, monkeypatch):
    monkeypatch.setenv("STORYLINE_TOKEN", "from-env")
    c = TestClient(create_app(db))
    r = c.post("/api/articles", json={"url": "http://127.0.0.1:9/a"}, headers={"Authorization": "Bearer from-env"})
    assert r.status_code == 422 and "127.0.0.1" in _error(r)  # past the token: the fetcher refused loopback
    assert c.post("/api/articles", json=ARTICLE, headers=AUTH).status_code == 403


def test_a_posted_article_is_analysed_stored_and_readable(db):
    c = TestClient(create_app(db, token=TOKEN))
    r = c.post("/api/articles", json=ARTICLE, headers=AUTH)
    assert r.status_code == 201, r.text
    made = r.json()
    assert made["added"] is True and made["quotes"] >= 1 and made["published"] == "2026-05-02"
    record = c.get(made["record"]).json()
    assert record["headline"] == "Harbour Board Fines Trawlers" and record["outlet"] == "Island Wire"
    assert any(q["speaker_name"] == "Anil Ramdin" for q in record["quotes"])
    page = c.get(made["page"])
    assert page.status_code == 200 and "Anil Ramdin" in page.text
    again = c.post("/api/articles", json=ARTICLE, headers=AUTH).json()
    assert again["id"] == made["id"] and again["added"] is False
    assert c.get("/api/stats").json()["documents"] == 1


def test_html_with_an_overridden_headline(db):
    html = ("<html><head><title>Ignored | Site</title></head><body><article><h1>Ignored</h1>"
            "<p>NAIROBI — Police arrested twelve protesters outside parliament on Tuesday, a police "
            "spokesman said.</p><p>\"They were blocking the road,\" spokesman Peter Mwangi said.</p>"
            "</article></body></html>")
    c = TestClient(create_app(db, token=TOKEN))
    r = c.post("/api/articles", json={"html": html, "headline": "<b>Arrests</b> in Nairobi"}, headers=AUTH)
    assert r.status_code == 201, r.text
    doc = c.get(r.json()["record"]).json()
    assert doc["headline"] == "<b>Arrests</b> in Nairobi" and "arrested twelve" in doc["text"]
    page = c.get(r.json()["page"]).text
    assert "&lt;b&gt;Arrests&lt;/b&gt; in Nairobi" in page and "<b>Arrests</b>" not in page


@pytest.mark.parametrize("body,status,words", [
    ({"url": "http://127.0.0.1:9/a"}, 422, "127.0.0.1"),
    ({"url": "http://10.1.2.3/a"}, 422, "10.1.2.3"),
    ({"url": "file:///etc/passwd"}, 422, "http(s) address"),
    ({}, 422, "exactly one of text, html or url"),
    ({"text": "a", "html": "<p>b</p>"}, 422, "exactly one"),
    ({"text": "   "}, 422, "empty"),
    ({"text": "x", "published": "yesterday"}, 422, "YYYY-MM-DD"),
    ({"text": "x", "colour": "red"}, 422, "colour"),
    ({"text": 5}, 422, "text"),
])
def test_bad_articles_are_clear_errors(db, body, status, words):
    r = TestClient(create_app(db, token=TOKEN)).post("/api/articles", json=body, headers=AUTH)
    assert r.status_code == status and words in _error(r)


def test_malformed_json_is_a_clear_error(db):
    r = TestClient(create_app(db, token=TOKEN)).post(
        "/api/articles", content=b"{not json", headers={**AUTH, "content-type": "application/json"})
    assert r.status_code == 422 and _error(r)


def test_size_limits(db):
    c = TestClient(create_app(db, token=TOKEN))
    r = c.post("/api/articles", json={"text": "word " * (MAX_TEXT_CHARS // 5 + 1)}, headers=AUTH)
    assert r.status_code == 413 and "characters" in _error(r)
    big = b'{"text": "' + b"a" * (MAX_BODY + 10) + b'"}'
    r = c.post("/api/articles", content=big, headers={**AUTH, "content-type": "application/json"})
    assert r.status_code == 413 and "larger than" in _error(r)

    def chunks():  # no Content-Length: the body is counted as it arrives
        for _ in range(6):
            yield b"a" * (1024 * 1024)

    r = c.post("/api/articles", content=chunks(), headers={**AUTH, "content-type": "application/json"})
    assert r.status_code == 413 and "larger than" in _error(r)
    assert c.get("/api/articles").status_code == 503  # none of them was stored: no store was made


PAGE = ("<html><head><title>Trawlers fined | Island Wire</title></head><body><article>"
        "<h1>Harbour Board Fines Trawlers</h1><p>PORT LOUIS — The harbour board fined six trawlers on "
        "Monday for fishing inside the reef, board chairman Anil Ramdin said.</p><p>\"The reef is closed "
        "to nets,\" Ramdin said.</p></article></body></html>").encode("utf-8")


@pytest.fixture()
def page_server():
    """A real HTTP server on a loopback port serving one article page."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/fines.html"
    server.shutdown()


def test_a_url_is_fetched_when_the_app_allows_private_addresses(db, page_server):
    refused = TestClient(create_app(db, token=TOKEN)).post("/api/articles", json={"url": page_server}, headers=AUTH)
    assert refused.status_code == 422 and "127.0.0.1" in _error(refused)
    c = TestClient(create_app(db, token=TOKEN, allow_private=True))
    r = c.post("/api/articles", json={"url": page_server, "outlet": "Island Wire"}, headers=AUTH)
    assert r.status_code == 201, r.text
    record = c.get(r.json()["record"]).json()
    assert record["url"] == page_server and record["outlet"] == "Island Wire"
    assert "fined six trawlers" in record["text"]
    assert any(q["speaker_name"] and "Ramdin" in q["speaker_name"] for q in record["quotes"])
