"""HTTP fetching against a real server on 127.0.0.1 (a thread of this test): redirects, the
size and time limits, conditional requests, and the refusal of non-public addresses."""

from __future__ import annotations

import ipaddress
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from storyline.ingest.fetch import FetchError, fetch, refusal, user_agent

BODY = b"<rss version='2.0'><channel><title>T</title></channel></rss>"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # keep the test output clean
        pass

    def _send(self, status: int, body: bytes = b"", headers: dict | None = None) -> None:
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802 - http.server's name
        path = self.path
        self.server.seen.append((path, dict(self.headers)))
        if path == "/feed":
            if self.headers.get("If-None-Match") == '"v1"':
                return self._send(304, headers={"ETag": '"v1"'})
            return self._send(200, BODY, {"ETag": '"v1"', "Last-Modified": "Mon, 02 Mar 2026 10:00:00 GMT",
                                          "Content-Type": "application/rss+xml"})
        if path == "/dated":
            if self.headers.get("If-Modified-Since") == "Mon, 02 Mar 2026 10:00:00 GMT":
                return self._send(304)
            return self._send(200, BODY, {"Last-Modified": "Mon, 02 Mar 2026 10:00:00 GMT"})
        if path.startswith("/hop/"):
            n = int(path.rsplit("/", 1)[1])
            return self._send(302, headers={"Location": f"/hop/{n - 1}" if n > 0 else "/feed"})
        if path == "/to-file":
            return self._send(301, headers={"Location": "file:///etc/passwd"})
        if path == "/echo":
            text = f"{self.headers.get('Host')}|{self.headers.get('User-Agent')}".encode()
            return self._send(200, text)
        if path == "/big":  # no Content-Length: the limit must be enforced while streaming
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for _ in range(64):
                chunk = b"x" * 16384
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.write(b"0\r\n\r\n")
            return None
        if path == "/declared-big":
            return self._send(200, b"y" * 200_000)
        if path == "/silent":  # headers, then nothing: a read timeout
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            self.wfile.flush()
            time.sleep(3)
            return None
        if path == "/drip":  # a byte at a time, each within the read timeout: the total limit
            self.send_response(200)
            self.send_header("Content-Length", "40")
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b"z")
                self.wfile.flush()
                time.sleep(0.1)
            return None
        if path == "/missing":
            return self._send(404, b"no")
        return self._send(500)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # the client hung up at a limit: expected
        pass


@pytest.fixture(scope="module")
def server():
    srv = _Server(("127.0.0.1", 0), _Handler)
    srv.seen = []
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}", srv
    srv.shutdown()
    srv.server_close()


def test_fetches_and_names_itself(server):
    base, _ = server
    got = fetch(f"{base}/echo", allow_private=True)
    host, agent = got.content.decode().split("|")
    assert host == base.removeprefix("http://")
    assert agent == user_agent() and agent.startswith("Storyline/") and "(+http" in agent


def test_host_name_is_resolved_and_kept_in_the_host_header(server):
    base, _ = server
    port = base.rsplit(":", 1)[1]
    got = fetch(f"http://localhost:{port}/echo", allow_private=True)
    assert got.content.decode().split("|")[0] == f"localhost:{port}"


def test_etag_gives_304_not_modified(server):
    base, srv = server
    first = fetch(f"{base}/feed", allow_private=True)
    assert first.status == 200 and first.content == BODY and first.etag == '"v1"'
    again = fetch(f"{base}/feed", allow_private=True, etag=first.etag)
    assert again.not_modified and again.status == 304 and again.content == b""
    assert srv.seen[-1][1].get("If-None-Match") == '"v1"'


def test_last_modified_gives_304(server):
    base, _ = server
    first = fetch(f"{base}/dated", allow_private=True)
    assert not first.not_modified
    assert fetch(f"{base}/dated", allow_private=True, last_modified=first.last_modified).not_modified


def test_follows_a_bounded_number_of_redirects(server):
    base, _ = server
    got = fetch(f"{base}/hop/3", allow_private=True)
    assert got.url.endswith("/feed") and got.content == BODY
    with pytest.raises(FetchError, match="more than 2 redirects"):
        fetch(f"{base}/hop/3", allow_private=True, max_redirects=2)


def test_redirect_to_another_scheme_is_refused(server):
    base, _ = server
    with pytest.raises(FetchError, match="scheme 'file'"):
        fetch(f"{base}/to-file", allow_private=True)


def test_size_limit_while_streaming_is_an_error_not_a_truncation(server):
    base, _ = server
    with pytest.raises(FetchError, match="over the size limit of 100,000 bytes"):
        fetch(f"{base}/big", allow_private=True, max_bytes=100_000)
    assert len(fetch(f"{base}/big", allow_private=True, max_bytes=2_000_000).content) == 64 * 16384


def test_declared_length_over_the_limit_is_refused(server):
    base, _ = server
    with pytest.raises(FetchError, match="200,000 bytes is over the size limit"):
        fetch(f"{base}/declared-big", allow_private=True, max_bytes=100_000)


def test_read_timeout(server):
    base, _ = server
    with pytest.raises(FetchError, match="timed out"):
        fetch(f"{base}/silent", allow_private=True, timeout=0.5)


def test_total_time_limit_stops_a_slow_drip(server):
    base, _ = server
    with pytest.raises(FetchError, match="timed out"):
        fetch(f"{base}/drip", allow_private=True, timeout=1.0)


def test_http_error_status_is_one_line(server):
    base, _ = server
    with pytest.raises(FetchError) as err:
        fetch(f"{base}/missing", allow_private=True)
    assert str(err.value) == f"{base}/missing: HTTP 404 Not Found"


@pytest.mark.parametrize("url,what", [
    ("http://127.0.0.1:9/", "loopback"),
    ("http://localhost:9/", "loopback"),
    ("http://10.1.2.3/", "private"),
    ("http://192.168.0.1/", "private"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://[::1]:9/", "loopback"),
    ("http://[::ffff:127.0.0.1]/", "loopback"),
    ("http://[::ffff:10.0.0.1]/", "private"),
    ("http://[fe80::1]/", "link-local"),
    ("http://0.0.0.0/", "unspecified"),
    ("http://224.0.0.1/", "multicast"),
    ("http://100.64.0.1/", "not a public"),
])
def test_non_public_addresses_are_refused_before_connecting(server, url, what):
    _, srv = server
    before = len(srv.seen)
    with pytest.raises(FetchError, match=f"refused: .* {what} address.*--allow-private"):
        fetch(url, timeout=2)
    assert len(srv.seen) == before


def test_the_test_server_itself_is_refused_without_allow_private(server):
    base, srv = server
    before = len(srv.seen)
    with pytest.raises(FetchError, match="127.0.0.1 is a loopback address"):
        fetch(f"{base}/feed")
    assert len(srv.seen) == before  # refused before any request reached it


@pytest.mark.parametrize("url", ["ftp://example.org/feed", "file:///etc/passwd", "gopher://x/", "example.org/feed"])
def test_other_schemes_are_refused(url):
    with pytest.raises(FetchError, match="refused: scheme"):
        fetch(url)


def test_public_addresses_pass_the_check():
    assert refusal(ipaddress.ip_address("93.184.216.34")) is None
    assert refusal(ipaddress.ip_address("2606:2800:220:1:248:1893:25c8:1946")) is None
    assert refusal(ipaddress.ip_address("::ffff:127.0.0.1")) == "a loopback address"


def test_a_name_is_refused_by_the_address_it_resolves_to():
    with pytest.raises(FetchError, match=r"refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address"):
        fetch("http://localhost:9/feed")


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory):
    """An HTTPS server on 127.0.0.1 with a certificate for the name ``localhost`` only,
    signed by a CA made for the test (openssl)."""
    import shutil
    import ssl
    import subprocess

    if not shutil.which("openssl"):
        pytest.skip("openssl is not installed")
    d = tmp_path_factory.mktemp("tls")
    run = lambda *a: subprocess.run(["openssl", *a], cwd=d, check=True, capture_output=True, timeout=60)
    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
        "-subj", "/CN=Storyline test CA")
    run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "srv.key", "-out", "srv.csr", "-subj", "/CN=localhost")
    (d / "ext.cnf").write_text("subjectAltName=DNS:localhost\n")
    run("x509", "-req", "-in", "srv.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", "srv.pem", "-days", "2", "-extfile", "ext.cnf")
    srv = _Server(("127.0.0.1", 0), _Handler)
    srv.seen = []
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(d / "srv.pem", d / "srv.key")
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    client = ssl.create_default_context(cafile=str(d / "ca.pem"))
    yield srv.server_address[1], client
    srv.shutdown()
    srv.server_close()


def test_https_connects_to_the_checked_address_and_verifies_the_host_name(tls_server):
    port, ctx = tls_server
    got = fetch(f"https://localhost:{port}/echo", allow_private=True, verify=ctx)
    assert got.content.decode().split("|")[0] == f"localhost:{port}"
    # the same server by its address: the certificate names localhost only, so it is refused
    with pytest.raises(FetchError, match="cannot fetch"):
        fetch(f"https://127.0.0.1:{port}/echo", allow_private=True, verify=ctx)
