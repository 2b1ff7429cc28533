"""``storyline serve`` as a user starts it: a real process on a loopback port, while
``storyline ingest`` writes to the same DuckDB file."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from .conftest import CLAIM, _free_port

SRC = Path(__file__).resolve().parents[2] / "src"


def _cli(*args: str, **kw) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    env.pop("STORYLINE_TOKEN", None)
    return subprocess.Popen([sys.executable, "-c", "from storyline.cli import main; main()", *args],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def _wait(url: str, proc: subprocess.Popen, seconds: float = 60) -> httpx.Response:
    deadline = time.monotonic() + seconds
    while True:
        assert proc.poll() is None, proc.stderr.read()
        try:
            return httpx.get(url, timeout=5)
        except httpx.TransportError:
            assert time.monotonic() < deadline, "storyline serve did not answer"
            time.sleep(0.2)


def test_serve_reads_while_ingest_writes(store_path, tmp_path):
    db = tmp_path / "served.duckdb"
    db.write_bytes(store_path.read_bytes())
    port = _free_port()
    server = _cli("serve", "--db", str(db), "--port", str(port))
    try:
        before = _wait(f"http://127.0.0.1:{port}/api/stats", server).json()["documents"]
        assert httpx.post(f"http://127.0.0.1:{port}/api/articles", json={"text": "x"}).status_code == 403
        article = tmp_path / "later.txt"
        article.write_text(CLAIM.replace("three men", "four men"), encoding="utf-8")
        ingest = _cli("ingest", str(article), "--db", str(db))
        while ingest.poll() is None:  # the server keeps answering while the ingest runs
            assert httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=30).status_code == 200
            time.sleep(0.3)
        assert ingest.returncode == 0, ingest.stderr.read()
        after = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=30).json()["documents"]
        assert after == before + 1
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert "STORYLINE_TOKEN is not set" in server.stderr.read()


def test_off_loopback_reads_need_the_token(store_path, tmp_path):
    db = tmp_path / "served.duckdb"
    db.write_bytes(store_path.read_bytes())
    port = _free_port()
    server = _cli("serve", "--db", str(db), "--host", "0.0.0.0", "--port", str(port))
    try:
        r = _wait(f"http://127.0.0.1:{port}/api/stats", server)
        assert r.status_code == 403 and "STORYLINE_TOKEN" in r.json()["error"]
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert "reads need the token" in server.stderr.read()
