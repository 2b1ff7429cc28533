"""The pipeline in worker processes (``--workers N``): the same records as one process, in
input order; the batch policy holds in the workers; a worker that dies is reported and
replaced, and workers that keep dying stop the run instead of hanging it. Real spaCy in real
spawned processes."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from storyline.model import Document
from storyline.pipeline import analyze
from storyline.pipeline.batch import Batch
from storyline.pipeline.workers import Pool, WorkerError, worker_env

TEXTS = [
    "Police in Nairobi fired tear gas at protesters on Tuesday, a spokesman said.",
    "The Zambian opposition rejected the results on Monday and called for a recount.",
    "\u201cWe will not return to the talks,\u201d the minister told reporters in Tehran.",
    "Fishermen blocked the port of Valparaiso for a third day, union leaders said.",
    "Ethiopia and Sudan agreed on Wednesday to resume border talks next month.",
    "Somali troops repelled an attack on a base near Mogadishu, officials said.",
]


def docs(n: int = len(TEXTS)) -> list[Document]:
    return [Document(source=f"doc-{i}", text=TEXTS[i % len(TEXTS)] + f" It was report {i}.") for i in range(n)]


@pytest.fixture(scope="module")
def one_process():
    return [d.model_dump() for d in analyze(docs(12))]


@pytest.fixture(scope="module")
def pool():
    with Pool(2, chunk=2) as p:
        yield p


def test_two_workers_give_the_records_of_one_process_in_input_order(pool, one_process):
    out = list(pool.analyze(docs(12)))
    assert [d.source for d in out] == [f"doc-{i}" for i in range(12)]
    assert [d.model_dump() for d in out] == one_process


def test_a_document_over_the_parser_limit_is_reported_in_the_worker_as_by_the_batch(pool, tmp_path, nlp):
    limit = nlp.max_length
    long = Document(source="long.txt", text="The minister spoke on Monday. " * (limit // 30 + 1))
    batch = Batch([], max_chars=limit)
    assert batch._too_long(long)  # the batch's own report, in one process
    reports: list[str] = []
    out = list(pool.analyze([*docs(2), long, *docs(1)], on_failure=reports.append))
    assert [d.source for d in out] == ["doc-0", "doc-1", "doc-0"]
    assert reports == batch.errors


def test_a_bad_file_is_reported_and_the_rest_proceed_through_workers(tmp_path):
    (tmp_path / "a.txt").write_text("Talks Resume\n\n" + TEXTS[4] + "\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Port Blocked\n\n" + TEXTS[3] + "\n", encoding="utf-8")
    paths = [str(tmp_path / n) for n in ("a.txt", "empty.txt", "b.txt")]
    one = Batch(paths)
    expected = [d.model_dump() for d in one.analyze()]
    many = Batch(paths)
    got = [d.model_dump() for d in many.analyze(workers=2)]
    assert got == expected and len(got) == 2
    assert many.failed == one.failed == 1 and many.errors == one.errors
    assert many.files_read == 3 and many.files() == 3


def test_a_killed_worker_is_reported_replaced_and_its_documents_done(caplog, one_process):
    with Pool(2, chunk=2) as pool:
        victim = pool.pids[0]
        out = []
        with caplog.at_level(logging.WARNING, logger="storyline"):
            logging.getLogger("storyline").propagate = True
            try:
                for d in pool.analyze(docs(12)):
                    if not out:  # the workers hold documents now: kill one of them
                        os.kill(victim, signal.SIGKILL)
                    out.append(d)
            finally:
                logging.getLogger("storyline").propagate = False
        assert victim not in pool.pids and len(pool.pids) == 2
    assert [d.model_dump() for d in out] == one_process  # nothing lost, nothing twice, in order
    [note] = {r.getMessage() for r in caplog.records if "died" in r.getMessage()}  # one death, one note
    assert f"(PID {victim}) died (killed by signal SIGKILL)" in note


def test_workers_that_keep_dying_stop_the_run_with_one_line():
    stop = threading.Event()
    with Pool(2, chunk=1) as pool:
        def killer():
            while not stop.is_set():
                for pid in pool.pids:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                stop.wait(0.05)

        thread = threading.Thread(target=killer, daemon=True)
        thread.start()
        try:
            with pytest.raises(WorkerError) as info:
                list(pool.analyze(docs(6), on_failure=lambda m: None))
        finally:
            stop.set()
            thread.join()
    message = str(info.value)
    assert "workers died one after another" in message and "\n" not in message


def test_a_model_that_is_not_installed_is_one_line():
    with Pool(1, model="no_such_model_xx") as pool:
        with pytest.raises(WorkerError) as info:
            list(pool.analyze(docs(1)))
    assert "no_such_model_xx" in str(info.value) and "not installed" in str(info.value)


def test_workers_are_replaced_after_their_share_and_nothing_changes(one_process):
    with Pool(2, chunk=2, recycle=4) as pool:
        first = set(pool.pids)
        out = [d.model_dump() for d in pool.analyze(docs(12))]
        assert pool._started >= 4 and not first & set(pool.pids)  # fresh workers took over
    assert out == one_process


def _environ(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(item.decode().split("=", 1) for item in raw if b"=" in item)


def test_workers_start_without_torch_and_the_parent_keeps_its_environment(monkeypatch):
    monkeypatch.delenv("STORYLINE_NO_TORCH", raising=False)
    with Pool(1) as pool:
        assert [d.source for d in pool.analyze(docs(2))] == ["doc-0", "doc-1"]
        # asked once the worker has answered (a process just spawned may not have exec'd yet)
        assert _environ(pool.pids[0]).get("STORYLINE_NO_TORCH") == "1"
    assert "STORYLINE_NO_TORCH" not in os.environ


def test_a_process_told_so_never_imports_torch():
    code = ("import sys, storyline, spacy; from storyline.pipeline import nlp; nlp.load(); "
            "print('torch' in sys.modules and sys.modules['torch'] is not None)")
    env = {**os.environ, "STORYLINE_NO_TORCH": "1"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    assert worker_env("en_core_web_trf") == {}  # a transformer pipeline needs torch
