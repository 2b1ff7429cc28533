"""The progress bar: drawn on a terminal (a real pseudo-terminal), silent on a pipe; the
estimate of the total from the files read; a line written during a bar does not tear it."""

from __future__ import annotations

import io
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from storyline.outputs.progress import Progress, on_terminal, pause, track

SRC = Path(__file__).resolve().parents[2] / "src"

ARTICLES = {
    "a.txt": "Talks Resume\n\nEthiopia and Sudan agreed on Wednesday to resume border talks next month.\n",
    "b.txt": "Port Blocked\n\nFishermen blocked the port of Valparaiso for a third day, union leaders said.\n",
    "c.jsonl": '{"text": "Police in Nairobi fired tear gas at protesters on Tuesday."}\n'
               '{"text": "Somali troops repelled an attack on a base near Mogadishu, officials said."}\n',
}


@pytest.fixture()
def inputs(tmp_path):
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    return tmp_path


def _cli(inputs, stderr):
    return subprocess.Popen(
        [sys.executable, "-c", "from storyline.cli import main; main()", "analyze", str(inputs), "--format", "jsonl"],
        stdout=subprocess.PIPE, stderr=stderr, env={**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "100"},
    )


def test_a_bar_is_drawn_on_a_terminal(inputs):
    master, slave = pty.openpty()
    proc = _cli(inputs, slave)
    os.close(slave)
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 120)
        if not ready:
            break
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the terminal closed: the command ended
            break
        if not chunk:
            break
        seen += chunk
    out, _ = proc.communicate(timeout=120)
    os.close(master)
    text = seen.decode("utf-8", "replace")
    assert proc.returncode == 1  # the empty file
    assert len(out.decode().splitlines()) == 4  # the records still go to stdout, whole
    assert "4/4" in text and "articles/s" in text and "1 failed" in text  # done, rate, failures
    assert "\r" in text  # redrawn in place
    assert "storyline: error:" in text and "empty.txt" in text


def test_nothing_but_the_reports_when_stderr_is_a_pipe(inputs):
    proc = _cli(inputs, subprocess.PIPE)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 1 and len(out.decode().splitlines()) == 4
    lines = err.decode().splitlines()
    assert lines == [line for line in lines if line.startswith("storyline: ")] and len(lines) == 1
    assert "\r" not in err.decode() and "articles/s" not in err.decode()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_total_is_estimated_from_the_files_read():
    stream = _Terminal()
    with Progress("articles", total=4, stream=stream) as bar:
        assert bar.enabled
        bar.advance(6)
        bar.estimate(2, 4)  # two of four files gave six articles: about twelve in all
        assert bar._bar.total == 12
        bar.estimate(4, 4)
        assert bar._bar.total == 6
        bar.failed(2)
    assert "6/6" in stream.getvalue() and "2 failed" in stream.getvalue()


def test_track_is_silent_off_a_terminal_and_pause_writes_through():
    stream = io.StringIO()
    assert not on_terminal(stream)
    assert list(track(range(5), "articles", stream=stream)) == list(range(5))
    assert stream.getvalue() == ""
    term = _Terminal()
    with Progress("articles", stream=term) as bar:
        bar.advance()
        with pause(term):
            term.write("storyline: error: x\n")
    assert "storyline: error: x\n" in term.getvalue()
