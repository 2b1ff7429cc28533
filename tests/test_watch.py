"""storyline watch against a real HTTP server on 127.0.0.1 (a thread of this test) serving
feeds and article pages the test writes: incremental polls, ETags, the full-text rule,
bad feeds and items, a locked store, and a watch killed with SIGKILL mid-run and restarted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from contextlib import closing
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

import duckdb
import pytest

from storyline.store import StoreError
from storyline.watch import Watcher, parse_every


TOWNS = ["Elmsford", "Karvik", "Doralee", "Bresca", "Montavel", "Quillon", "Sarnhem", "Tevoli", "Varnholt",
         "Ostrava Falls", "Linmere", "Caddon"]
MAYORS = ["Helen Varga", "Tomas Reiner", "Amara Osei", "Luis Ortega", "Greta Lind", "Pavel Novak",
          "Ines Duarte", "Farid Haddad", "Mei Tanaka", "Jonah Keller", "Ruth Abara", "Kofi Mensah"]


def headline(i: int) -> str:
    return f"{TOWNS[i]} approves flood barrier after {i + 3} years of debate"


def paragraphs(i: int) -> list[str]:
    town, mayor = TOWNS[i], MAYORS[i]
    return [
        f"The {town} town council approved a new flood barrier on Tuesday by {7 + i} votes to {i % 4}, "
        f"ending a debate that had run for {i + 3} years.",
        f"The barrier will cost {12 + i} million euros and protect about {1000 * (i + 2):,} homes along the river, "
        f"council officials said in a statement.",
        f'"We have waited long enough, and the river will not wait for us," Mayor {mayor} told reporters '
        f"after the vote.",
        f"Opponents said the council had not studied cheaper options, and a residents' group said it would "
        f"ask the regional court to review the decision before work begins in {['May', 'June', 'July'][i % 3]}.",
        f"Engineers expect the first section, {2 + i % 5} kilometres long, to be finished within eighteen months.",
    ]


def page(i: int) -> bytes:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs(i))
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{escape(headline(i))} | The Valley Post</title>"
            f"<meta property='og:site_name' content='The Valley Post'>"
            f"<meta property='article:published_time' content='2026-03-{i + 1:02d}T09:00:00Z'></head>"
            f"<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>{escape(headline(i))}</h1>"
            f"{body}</article><footer>Copyright The Valley Post</footer></body></html>").encode()


def feed(base: str, items: list[int], full: tuple[int, ...] = (), broken: tuple[int, ...] = ()) -> bytes:
    """An RSS feed of the articles ``items``: those in ``full`` carry the whole article in
    content:encoded, the others a one-sentence summary and a link to their page."""
    out = []
    for i in items:
        link = f"{base}/{'gone' if i in broken else 'news'}/{i}.html"
        content = ""
        if i in full:
            content = "<content:encoded><![CDATA[" + "".join(f"<p>{p}</p>" for p in paragraphs(i)) + "]]></content:encoded>"
        out.append(f"<item><title>{escape(headline(i))}</title><link>{link}</link><guid>valley-{i}</guid>"
                   f"<pubDate>Tue, {i + 1:02d} Mar 2026 09:00:00 GMT</pubDate>"
                   f"<description>{escape(paragraphs(i)[0])}</description>{content}</item>")
    return ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/'>"
            f"<channel><title>The Valley Post</title><link>{base}/</link>{''.join(out)}</channel></rss>").encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802
        srv = self.server
        path = self.path.split("?")[0]
        srv.hits[path] += 1
        if path.startswith("/news/") and srv.delay:
            time.sleep(srv.delay)
        route = srv.routes.get(path)
        if route is None and path.startswith("/news/"):
            route = (200, page(int(path.rsplit("/", 1)[1].split(".")[0])), {"Content-Type": "text/html; charset=utf-8"})
        if route is None:
            route = (404, b"not found", {})
        status, body, headers = route
        if headers.get("ETag") and self.headers.get("If-None-Match") == headers["ETag"]:
            status, body = 304, b""
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.hits: Counter = Counter()
        self.routes: dict = {}
        self.delay = 0.0
        self.base = f"http://127.0.0.1:{self.server_address[1]}"
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def handle_error(self, request, client_address):
        pass

    def serve_feed(self, path: str, items: list[int], etag: str = '"1"', **kw) -> str:
        self.routes[path] = (200, feed(self.base, items, **kw), {"Content-Type": "application/rss+xml", "ETag": etag})
        return self.base + path

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture()
def server():
    srv = Server()
    yield srv
    srv.stop()


def _watcher(db, **kw) -> tuple[Watcher, list[str], list[str]]:
    errors, notes = [], []
    w = Watcher(str(db), allow_private=True, on_error=errors.append, on_note=notes.append, **kw)
    w.open()
    return w, errors, notes


def _rows(db, sql):
    with closing(duckdb.connect(str(db), read_only=True)) as con:
        return con.execute(sql).fetchall()


def test_parse_every():
    assert [parse_every(x) for x in ("30s", "15m", "1h", "1h30m")] == [30, 900, 3600, 5400]
    for bad in ("15", "m", "0s", "15 minutes", "-1m"):
        with pytest.raises(ValueError):
            parse_every(bad)


def test_new_items_are_stored_once_and_not_fetched_again(server, tmp_path):
    db = tmp_path / "s.duckdb"
    url = server.serve_feed("/feed.xml", [0, 1, 2], full=(2,))
    w, errors, _ = _watcher(db)
    [c] = w.poll([url])
    assert errors == [] and (c.listed, c.stored, c.failed) == (3, 3, 0)
    # the summary-only items were read from their pages; the full-text item was not fetched
    assert server.hits["/news/0.html"] == server.hits["/news/1.html"] == 1
    assert server.hits["/news/2.html"] == 0
    docs = _rows(db, "SELECT source, outlet, headline, published, text FROM documents ORDER BY source")
    assert [d[0] for d in docs] == [f"{server.base}/news/{i}.html" for i in range(3)]
    assert all(d[1] == "The Valley Post" for d in docs)
    assert docs[0][2] == headline(0) and str(docs[0][3]) == "2026-03-01"
    assert "Mayor Helen Varga" in docs[0][4] and "Copyright" not in docs[0][4]
    assert _rows(db, "SELECT count(*) FROM quotes")[0][0] >= 3  # analysed, not only stored

    # same feed again: a conditional request, answered 304; nothing is read again
    [c] = w.poll([url])
    assert c.not_modified and server.hits["/feed.xml"] == 2
    # a new item (new ETag): only it is fetched and analysed
    server.serve_feed("/feed.xml", [3, 0, 1, 2], full=(2,), etag='"2"')
    [c] = w.poll([url])
    assert (c.listed, c.stored, c.known) == (4, 1, 3)
    assert server.hits["/news/3.html"] == 1 and server.hits["/news/0.html"] == 1
    assert _rows(db, "SELECT count(*), count(DISTINCT guid) FROM feed_items WHERE status = 'stored'")[0] == (4, 4)
    assert _rows(db, "SELECT count(*) FROM documents")[0][0] == 4
    etag, status = _rows(db, "SELECT etag, last_status FROM feeds")[0]
    assert (etag, status) == ('"2"', "ok")


def test_a_bad_feed_and_a_bad_item_are_reported_and_the_rest_proceed(server, tmp_path):
    db = tmp_path / "s.duckdb"
    good = server.serve_feed("/good.xml", [4, 5, 6], broken=(5,))
    bad = server.base + "/nothing.xml"
    server.routes["/junk.xml"] = (200, b"<html><body>not a feed</body></html>", {})
    w, errors, notes = _watcher(db)
    counts = w.poll([bad, server.base + "/junk.xml", good])
    assert [c.error is not None for c in counts] == [True, True, False]
    assert counts[2].stored == 2 and counts[2].failed == 1
    assert len(errors) == 3 and all("\n" not in e for e in errors)
    assert "HTTP 404" in errors[0] and "not an RSS/Atom feed" in errors[1] and "/gone/5.html" in errors[2]
    assert w.failures == 3 and len(notes) == 4  # a line per feed, then the linking of what was stored
    assert notes[-1].startswith("linked: 2 placed")
    status, attempts = _rows(db, "SELECT status, attempts FROM feed_items WHERE guid = 'valley-5'")[0]
    assert (status, attempts) == ("failed", 1)
    # the failed item is tried again on the next poll (the feed changed), the stored ones are not
    server.serve_feed("/good.xml", [4, 5, 6], etag='"2"')
    [c] = w.poll([good])
    assert (c.stored, c.known, c.failed) == (1, 2, 0)
    assert _rows(db, "SELECT status, attempts FROM feed_items WHERE guid = 'valley-5'")[0] == ("stored", 1)


def test_a_failing_item_is_given_up_after_max_attempts(server, tmp_path):
    db = tmp_path / "s.duckdb"
    url = server.serve_feed("/f.xml", [7], broken=(7,), etag="")
    w, errors, _ = _watcher(db)
    for _ in range(4):
        w.poll([url])
    assert server.hits["/gone/7.html"] == 3 and len(errors) == 3
    assert _rows(db, "SELECT status, attempts FROM feed_items")[0] == ("failed", 3)


def test_max_items_leaves_the_rest_for_the_next_poll(server, tmp_path):
    db = tmp_path / "s.duckdb"
    url = server.serve_feed("/f.xml", [0, 1, 2], full=(0, 1, 2), etag="")
    w, _, notes = _watcher(db, max_items=2)
    [c] = w.poll([url])
    assert (c.stored, c.left) == (2, 1) and "1 left for the next poll" in notes[0]
    [c] = w.poll([url])
    assert (c.stored, c.known, c.left) == (1, 2, 0)


def test_a_feed_file_is_watched_too(server, tmp_path):
    db = tmp_path / "s.duckdb"
    path = tmp_path / "local.rss"
    path.write_bytes(feed(server.base, [8, 9], full=(8, 9)))
    w, errors, _ = _watcher(db)
    assert w.poll([str(path)])[0].stored == 2 and errors == []
    assert w.poll([str(path)])[0].known == 2


def test_without_allow_private_the_loopback_feed_is_refused(server, tmp_path):
    url = server.serve_feed("/f.xml", [0])
    errors = []
    w = Watcher(str(tmp_path / "s.duckdb"), on_error=errors.append, on_note=lambda _: None)
    w.open()
    w.poll([url])
    assert server.hits["/f.xml"] == 0 and "loopback address" in errors[0]


def test_a_store_held_by_another_process_is_a_clear_error(tmp_path):
    db = tmp_path / "held.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb,sys,time; c=duckdb.connect({str(db)!r}); print('ok', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        w = Watcher(str(db), wait=0.5, on_error=lambda _: None, on_note=lambda _: None)
        with pytest.raises(StoreError, match=r"in use by another process \(PID \d+\), not released within 0.5 s"):
            w.open()
    finally:
        holder.kill()
        holder.wait()


def _watch_cmd(url, db, *extra):
    code = "import sys; from storyline.cli import main; sys.argv[0] = 'storyline'; main()"
    return [sys.executable, "-c", code, "watch", url, "--db", str(db), "--allow-private", *extra]


def test_kill_9_mid_poll_loses_nothing_and_duplicates_nothing(server, tmp_path):
    db = tmp_path / "k.duckdb"
    items = list(range(8))
    url = server.serve_feed("/live.xml", items)
    server.delay = 0.3  # each page takes a while: the kill lands mid-poll
    env = {**os.environ, "PYTHONPATH": str(SRC), "HF_HUB_OFFLINE": "1"}
    proc = subprocess.Popen(_watch_cmd(url, db, "--every", "30s"), env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 240
        while sum(server.hits[f"/news/{i}.html"] for i in items) < 4:
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline, "watch fetched no pages"
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
    fetched_before = {i: server.hits[f"/news/{i}.html"] for i in items}
    stored_before = _rows(db, "SELECT guid FROM feed_items WHERE status = 'stored'")
    assert 0 < len(stored_before) < len(items)  # killed mid-poll, after some items were stored

    done = subprocess.run(_watch_cmd(url, db, "--once"), env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert _rows(db, "SELECT count(*), count(DISTINCT id), count(DISTINCT source) FROM documents")[0] == (8, 8, 8)
    assert _rows(db, "SELECT count(*), count(DISTINCT guid) FROM feed_items WHERE status = 'stored'")[0] == (8, 8)
    linked = _rows(db, "SELECT count(*) FROM feed_items f JOIN documents d ON d.id = f.doc_id")[0][0]
    assert linked == 8
    # items stored before the kill were not fetched again; at most the one in flight was
    stored_keys = {g for (g,) in stored_before}
    for i in items:
        again = server.hits[f"/news/{i}.html"] - fetched_before[i]
        assert again == (0 if f"valley-{i}" in stored_keys else 1), (i, again)
    assert sum(1 for i in items if fetched_before[i] and f"valley-{i}" not in stored_keys) <= 1


def test_a_linked_page_that_is_not_html_fails_that_item(server, tmp_path):
    server.routes["/news/10.html"] = (200, b"%PDF-1.7 binary", {"Content-Type": "application/pdf"})
    url = server.serve_feed("/f.xml", [10, 11])
    w, errors, _ = _watcher(tmp_path / "s.duckdb")
    [c] = w.poll([url])
    assert (c.stored, c.failed) == (1, 1) and "not an HTML page (Content-Type application/pdf)" in errors[0]


def test_postgresql_store(server, pg):
    import psycopg

    url = server.serve_feed("/pg.xml", [0, 1], full=(1,))
    w, errors, _ = _watcher(pg)
    assert w.poll([url])[0].stored == 2 and errors == []
    server.serve_feed("/pg.xml", [2, 0, 1], full=(1,), etag='"2"')
    [c] = w.poll([url])
    assert (c.stored, c.known) == (1, 2)
    with psycopg.connect(pg) as con:
        assert con.execute("SELECT count(*), count(DISTINCT guid) FROM feed_items WHERE status = 'stored'").fetchone() == (3, 3)
        assert con.execute("SELECT count(*) FROM documents d JOIN feed_items f ON f.doc_id = d.id").fetchone() == (3,)
        assert con.execute("SELECT etag FROM feeds").fetchone() == ('"2"',)


def test_cli_bad_interval_and_bad_feed(server, tmp_path):
    from click.testing import CliRunner

    from storyline.cli import main

    db = str(tmp_path / "c.duckdb")
    bad = CliRunner().invoke(main, ["watch", server.base + "/f.xml", "--db", db, "--every", "soon"])
    assert bad.exit_code == 2 and "'soon' is not an interval such as 30s, 15m or 1h" in bad.output
    missing = CliRunner().invoke(main, ["watch", server.base + "/none.xml", "--db", db, "--once", "--allow-private"])
    assert missing.exit_code == 1
    lines = missing.output.strip().splitlines()
    assert lines[0] == f"storyline: error: {server.base}/none.xml: HTTP 404 Not Found"
    assert lines[1] == f"storyline: watch: {server.base}/none.xml: failed"


def test_a_poll_that_stores_items_links_them_into_stories(server, tmp_path):
    url = server.serve_feed("/feed.xml", [0, 1, 2], full=(0, 1, 2))
    w, errors, notes = _watcher(tmp_path / "l.duckdb")
    handled = []
    w.on_item = lambda: handled.append(1)
    w.poll([url])
    assert errors == [] and len(handled) == 3  # the progress callback: once per new item
    assert any(n.startswith("linked: 3 placed") for n in notes), notes
    assert _rows(tmp_path / "l.duckdb", "SELECT count(DISTINCT doc_id) FROM story_members")[0][0] == 3
    w.poll([url])  # nothing new: nothing linked again
    assert sum(n.startswith("linked:") for n in notes) == 1
    w, errors, notes = _watcher(tmp_path / "n.duckdb", link=False)
    w.poll([url])
    assert not any(n.startswith("linked:") for n in notes)
    assert _rows(tmp_path / "n.duckdb", "SELECT count(*) FROM story_members")[0][0] == 0
