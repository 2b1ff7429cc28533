"""The pipeline in N worker processes (``storyline ingest --workers N``).

Each worker is a process started with ``spawn`` (no state is inherited from the parent,
which may hold threads and a database connection) that loads the spaCy model once and runs
:func:`storyline.pipeline.run.analyze` over the chunks of documents it is sent. Documents
travel as their JSON (``Document.model_dump_json``), both ways: never a spaCy ``Doc``.

The parent reads the input, hands out chunks of :data:`CHUNK` documents (at most two chunks
in flight per worker, and at most :data:`WINDOW` chunks' worth of documents between the one
read last and the one yielded last, so memory stays bounded whatever the input's size), and
yields the results **in input order**. Writing (DuckDB or PostgreSQL) stays in the parent:
one writer.

The bad-input policy is the batch's (:class:`storyline.pipeline.batch.Batch`):

- a document the parser or a stage fails on in a worker is reported through ``on_failure``
  with the same one-line message as in one process, and the others proceed;
- a document over the parser's length limit is reported with the batch's own message;
- a worker that dies (killed, out of memory, a crash in native code) is noticed at once
  (its process sentinel and its pipe), reported as a note, and replaced; the documents it
  held are sent again, one at a time, so that only a document on which a worker dies
  *again* is reported as failed (``source: the worker analysing it died (killed by signal
  SIGKILL)``). When workers keep dying with no document finished in between,
  :class:`WorkerError` stops the run with one line instead of looping.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import signal
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Callable, Iterable, Iterator, Optional, Sequence

from storyline.model import Document

CHUNK = 8
"""Documents sent to a worker at a time (the worker parses them with one ``nlp.pipe``)."""
DEPTH = 2
"""Chunks in flight per worker: one being analysed, one waiting, so a worker never idles."""
WINDOW = 8
"""Chunks' worth of documents per worker, at most, between the oldest not yet yielded and
the newest read: what bounds the parent's memory when one document is slow."""
RECYCLE = 2000
"""Documents a worker analyses before it is replaced by a fresh one (its memory, which
grows slowly with the strings and caches of what it has read, starts again). The successor
is started when the worker reaches its share, so it loads its model while the old one
finishes what it holds."""
SHUTDOWN_WAIT = 10.0
"""Seconds a worker is given to exit after the last chunk before it is terminated."""

log = logging.getLogger("storyline")

OnMessage = Callable[[str], None]


def worker_env(model: Optional[str] = None) -> dict[str, str]:
    """The environment variables a worker process (or Ray actor) starts with:
    ``STORYLINE_NO_TORCH=1`` (see ``storyline/__init__.py``) unless the user has set
    ``STORYLINE_NO_TORCH`` or the spaCy pipeline is a transformer one (``*_trf``), which needs
    torch."""
    from storyline.pipeline.nlp import model_name

    if "STORYLINE_NO_TORCH" in os.environ or model_name(model).endswith("_trf"):
        return {}
    return {"STORYLINE_NO_TORCH": "1"}


class WorkerError(RuntimeError):
    """The workers cannot go on (the model is not installed, workers keep dying): one line."""


def too_long_message(doc: Document, max_chars: int) -> Optional[str]:
    """The batch's one-line report of a document over the parser's limit (None when it fits)."""
    if max_chars and len(doc.text) > max_chars:
        return (
            f"{doc.source}: article text is {len(doc.text):,} characters, "
            f"over the parser's limit of {max_chars:,}"
        )
    return None


def analyze_chunk(payloads: Sequence[str], model: Optional[str], stages: Sequence[str],
                  batch_size: int) -> Iterator[tuple[int, str, str]]:
    """``(index, "ok", document JSON)`` or ``(index, "failed", message)`` for each document
    JSON of ``payloads``, in order: what a worker (or a Ray actor) sends back."""
    from storyline.pipeline import memory, nlp
    from storyline.pipeline.run import analyze

    limit = nlp.load(model).max_length
    docs: list[tuple[int, Document]] = []
    for i, payload in enumerate(payloads):
        doc = Document.model_validate_json(payload)
        message = too_long_message(doc, limit)
        if message:
            yield i, "failed", message
        else:
            docs.append((i, doc))
    index = {id(d): i for i, d in docs}
    failed: list[tuple[int, str, str]] = []
    for out in analyze((d for _, d in docs), model=model, stages=stages, batch_size=batch_size,
                       on_failure=lambda f: failed.append((index[id(f.document)], "failed", str(f)))):
        yield from failed
        failed.clear()
        yield index[id(out)], "ok", out.model_dump_json()
    yield from failed
    memory.release()  # a long-lived worker keeps only what the next chunk needs


class _Forward(logging.Handler):
    """A worker's notes, sent to the parent, which logs them as its own."""

    def __init__(self, out: Connection):
        super().__init__()
        self.out = out

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.out.send(("note", record.getMessage()))
        except (OSError, ValueError):
            pass


def _serve(model: Optional[str], stages: tuple[str, ...], batch_size: int, tasks, out: Connection) -> None:
    """A worker's life: load the model once, then analyse each chunk it is sent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when workers stop
    logger = logging.getLogger("storyline")
    logger.handlers[:] = [_Forward(out)]
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        from storyline.pipeline import nlp
        from storyline.pipeline.run import plan

        plan(stages)
        nlp.load(model)
    except Exception as exc:
        out.send(("fatal", f"{type(exc).__name__}: {exc}" if not str(exc) else str(exc)))
        return
    while True:
        chunk = tasks.get()
        if chunk is None:
            return
        seqs, payloads = chunk
        for i, kind, value in analyze_chunk(payloads, model, stages, batch_size):
            out.send(("doc", seqs[i], kind, value))


def _death(code: Optional[int]) -> str:
    if code is None:
        return "stopped answering"
    if code < 0:
        try:
            return f"killed by signal {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"


@dataclass
class _Worker:
    number: int
    process: mp.process.BaseProcess
    tasks: object  # multiprocessing.Queue: its feeder thread means a put never blocks the parent
    conn: Connection
    held: dict[int, Document] = field(default_factory=dict)  # sent, no answer yet, by number
    suspect: bool = False  # holds one document that was in flight on a worker that died
    sent: int = 0  # documents sent to it so far
    retiring: bool = False  # has had its share (``Pool.recycle``); its successor is started

    @property
    def pid(self) -> int:
        return self.process.pid

    def send(self, items: list[tuple[int, Document]]) -> None:
        self.sent += len(items)
        for seq, doc in items:
            self.held[seq] = doc
        self.tasks.put(([s for s, _ in items], [d.model_dump_json() for _, d in items]))

    def ask_to_stop(self) -> None:
        """Ask the worker to exit once it has answered what it holds."""
        if self.process.is_alive():
            try:
                self.tasks.put(None)
            except (OSError, ValueError):
                pass

    def stop(self, wait_s: float = SHUTDOWN_WAIT) -> None:
        """Wait up to ``wait_s`` seconds for the worker to exit, then end it."""
        try:
            self.ask_to_stop()
            self.process.join(wait_s)
        finally:
            if self.process.is_alive():
                self.process.terminate()
                self.process.join(5)
            if self.process.is_alive():
                self.process.kill()
                self.process.join(5)
            self.tasks.cancel_join_thread()
            self.tasks.close()
            self.conn.close()


class Pool:
    """N worker processes, each with the spaCy model loaded once; :meth:`analyze` runs the
    stages over documents and yields them in input order. Use it as a context manager (or
    call :meth:`close`); workers start on entry, before any input is read."""

    def __init__(self, workers: int, *, model: Optional[str] = None, stages: Sequence[str] | None = None,
                 batch_size: int = CHUNK, chunk: int = CHUNK, start_method: str = "spawn",
                 recycle: Optional[int] = RECYCLE):
        from storyline.pipeline.run import DEFAULT_STAGES

        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.size, self.model, self.batch_size, self.chunk = workers, model, batch_size, chunk
        self.stages = tuple(DEFAULT_STAGES if stages is None else stages)
        self._ctx = mp.get_context(start_method)
        self._workers: list[_Worker] = []
        self._started = 0
        self.deaths = 0
        self.recycle = recycle
        """Documents after which a worker is replaced by a fresh one (None: never)."""
        self.max_deaths_in_a_row = 2 * workers + 2
        """Workers that may die, one after another, with no document finished in between."""

    # -- workers -----------------------------------------------------------------------

    def __enter__(self) -> "Pool":
        for _ in range(self.size):
            self._spawn()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def pids(self) -> list[int]:
        """The process ids of the live workers (a test may kill one)."""
        return [w.pid for w in self._workers if w.process.is_alive()]

    def _spawn(self) -> _Worker:
        recv, send = self._ctx.Pipe(duplex=False)
        tasks = self._ctx.Queue()
        process = self._ctx.Process(
            target=_serve, args=(self.model, self.stages, self.batch_size, tasks, send),
            name=f"storyline-worker-{self._started + 1}", daemon=True,
        )
        env = worker_env(self.model)
        saved = {k: os.environ.get(k) for k in env}
        os.environ.update(env)  # a spawned process starts with the parent's environment
        try:
            process.start()
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
        send.close()  # the worker holds the only write end: its death is an EOF here
        self._started += 1
        worker = _Worker(self._started, process, tasks, recv)
        self._workers.append(worker)
        return worker

    def close(self) -> None:
        """Stop every worker: all are asked at once, then given :data:`SHUTDOWN_WAIT`
        seconds in all before they are terminated."""
        import time

        workers, self._workers = self._workers, []
        for w in workers:
            w.ask_to_stop()
        deadline = time.monotonic() + SHUTDOWN_WAIT
        for w in workers:
            w.stop(max(0.0, deadline - time.monotonic()))

    # -- the run -----------------------------------------------------------------------

    def analyze(self, documents: Iterable[Document], on_failure: Optional[OnMessage] = None) -> Iterator[Document]:
        """The documents, analysed, in input order; a failed one is reported through
        ``on_failure(message)`` (without it, :class:`WorkerError` is raised) and skipped."""
        run = _Run(self, iter(documents))
        for kind, value in run:
            if kind == "ok":
                yield value
            elif on_failure is None:
                raise WorkerError(value)
            else:
                on_failure(value)

    def _died(self, worker: _Worker, retry: deque, done: dict) -> None:
        """A worker died: report it, requeue (or, if they were already retried, fail) what it held."""
        worker.process.join(1)
        reason = _death(worker.process.exitcode)
        self._workers.remove(worker)
        worker.stop(0)
        self.deaths += 1
        again = 0 if worker.suspect else len(worker.held)
        log.warning("worker %d (PID %d) died (%s); a new one is started, and the %d document(s) it held "
                    "are sent again, one at a time", worker.number, worker.pid, reason, again)
        for seq, doc in sorted(worker.held.items()):
            if worker.suspect:
                done[seq] = ("failed", f"{doc.source}: the worker analysing it died ({reason})")
            else:
                retry.append((seq, doc))
        if not worker.retiring:  # a retiring worker's successor is running already
            self._spawn()


class _Run:
    """One pass of a pool over an input: the dispatching, the answers, the order."""

    def __init__(self, pool: Pool, source: Iterator[Document]):
        self.pool, self.source = pool, source
        self.exhausted = False
        self.next_seq = self.next_out = 0
        self.retry: deque[tuple[int, Document]] = deque()
        self.done: dict[int, tuple[str, object]] = {}
        self.in_a_row = 0

    def __iter__(self) -> Iterator[tuple[str, object]]:
        while True:
            self._dispatch()
            while self.next_out in self.done:
                yield self.done.pop(self.next_out)
                self.next_out += 1
            if self.exhausted and not self.retry and self.next_out == self.next_seq:
                return
            self._receive()

    def _take(self, n: int) -> list[tuple[int, Document]]:
        items = []
        while len(items) < n and not self.exhausted:
            try:
                doc = next(self.source)
            except StopIteration:
                self.exhausted = True
                break
            items.append((self.next_seq, doc))
            self.next_seq += 1
        return items

    def _recycle(self) -> None:
        """Start a successor for each worker that has had its share of documents (it loads
        its model while the old one finishes), and stop each such worker once it holds none."""
        pool = self.pool
        for w in [w for w in pool._workers if pool.recycle and w.sent >= pool.recycle]:
            if not w.retiring and not self.exhausted:  # no successor for the input's end
                w.retiring = True
                pool._spawn()
            if w.retiring and not w.held:
                pool._workers.remove(w)
                w.stop()

    def _dispatch(self) -> None:
        """Send work: a retried document alone to an idle worker; otherwise a chunk at a
        time to the worker holding least, up to :data:`DEPTH` chunks each."""
        pool = self.pool
        window = WINDOW * pool.chunk * pool.size
        self._recycle()
        while self.retry:
            idle = [w for w in pool._workers if not w.held and not w.retiring]
            if not idle:
                return  # no new work before the retried documents are placed
            idle[0].suspect = True
            idle[0].send([self.retry.popleft()])
        while not self.exhausted and self.next_seq - self.next_out < window:
            self._recycle()
            free = [w for w in pool._workers if len(w.held) < DEPTH * pool.chunk and not (w.suspect and w.held)
                    and not (pool.recycle and w.sent >= pool.recycle)]
            if not free:
                return
            worker = min(free, key=lambda w: len(w.held))
            items = self._take(pool.chunk)
            if items:
                worker.suspect = False
                worker.send(items)

    def _receive(self) -> None:
        pool = self.pool
        by_conn = {w.conn: w for w in pool._workers}
        by_sentinel = {w.process.sentinel: w for w in pool._workers}
        for ready in wait([*by_conn, *by_sentinel]):
            worker = by_conn.get(ready) or by_sentinel.get(ready)
            if worker is None or worker not in pool._workers:
                continue  # replaced already in this round
            if not self._drain(worker):
                self.in_a_row += 1
                if self.in_a_row > pool.max_deaths_in_a_row:
                    raise WorkerError(
                        f"{self.in_a_row} workers died one after another with no document finished "
                        f"(last: {_death(worker.process.exitcode)}); stopped"
                    )
                pool._died(worker, self.retry, self.done)

    def _drain(self, worker: _Worker) -> bool:
        """Read every answer waiting from ``worker``; False when it has died."""
        try:
            while worker.conn.poll():
                self._answer(worker, worker.conn.recv())
        except (EOFError, OSError):
            return False
        return worker.process.is_alive()

    def _answer(self, worker: _Worker, message: tuple) -> None:
        if message[0] == "note":
            log.warning("%s", message[1])
            return
        if message[0] == "fatal":
            raise WorkerError(message[1])
        _, seq, kind, value = message
        worker.held.pop(seq, None)
        self.in_a_row = 0
        self.done[seq] = ("ok", Document.model_validate_json(value)) if kind == "ok" else ("failed", value)


def cpu_count() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
