"""The pipeline on Ray Data (``storyline ingest --engine ray``).

The driver reads the input (the batch's policy: a bad file is reported and the rest
proceed) in windows of :data:`WINDOW` documents; each window becomes
``ray.data.from_items`` of plain rows (``{"seq", "doc"}``: the Document's JSON), mapped by
``map_batches(Analyzer, concurrency=N, batch_size=...)``. :class:`Analyzer` is a class, so
Ray Data runs it as a pool of actors that each load the spaCy model once and return plain
columns (``seq``, ``kind``, ``value``: the analysed Document's JSON, or the one-line report
of a document that failed), never spaCy ``Doc`` objects. The order is preserved, and the
driver yields the documents in input order; writing (DuckDB, PostgreSQL, Parquet) stays in
the driver, as with the other engines.

Locally (no address) Ray is started with ``num_cpus=N``, no dashboard, usage statistics
off and its logging quiet; with ``address`` (``ray://host:10001`` or ``host:6379``) the run
goes to that cluster, whose nodes must have Storyline and the model installed. Ray is an
optional dependency (``pip install 'storyline[ray]'``): without it, :class:`RayMissing`.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Sequence

from storyline.model import Document
from storyline.pipeline.workers import CHUNK, WorkerError, analyze_chunk, worker_env

WINDOW = 4096
"""Documents per Ray dataset: the driver holds at most this many read and not yet yielded.
Each window starts its actors anew (one model load per actor per window)."""


class RayMissing(RuntimeError):
    """``--engine ray`` without Ray installed."""


class Analyzer:
    """The Ray Data map: loads the model once per actor, analyses a batch of document rows."""

    def __init__(self, model: Optional[str] = None, stages: Sequence[str] = (), batch_size: int = CHUNK):
        from storyline.pipeline import nlp
        from storyline.pipeline.run import DEFAULT_STAGES, plan

        self.model, self.batch_size = model, batch_size
        self.stages = tuple(stages or DEFAULT_STAGES)
        plan(self.stages)
        nlp.load(model)

    def __call__(self, batch: dict) -> dict:
        seqs = [int(s) for s in batch["seq"]]
        payloads = [str(p) for p in batch["doc"]]
        out: dict[str, list] = {"seq": [], "kind": [], "value": []}
        for i, kind, value in analyze_chunk(payloads, self.model, self.stages, self.batch_size):
            out["seq"].append(seqs[i])
            out["kind"].append(kind)
            out["value"].append(value)
        return out


def _configured(model: Optional[str], stages: Sequence[str], batch_size: int) -> type:
    """:class:`Analyzer` with its settings built in: the class, not constructor arguments
    held in Ray's object store, is what the actors are made from."""

    class ConfiguredAnalyzer(Analyzer):
        def __init__(self) -> None:
            super().__init__(model, stages, batch_size)

    return ConfiguredAnalyzer


def _ray():
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # no report of the run leaves the machine
    os.environ.setdefault("RAY_DATA_LOG_LEVEL", "ERROR")  # Ray Data's notes would interleave with ours
    os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "fatal")  # nor its core workers' warnings
    try:
        import ray
    except ImportError as exc:
        raise RayMissing("--engine ray needs Ray, which is not installed: pip install 'storyline[ray]'") from exc
    return ray


class RayEngine:
    """A Ray session for one run: started on entry unless one is running (a test's, a
    notebook's), shut down on exit only if it was started here."""

    def __init__(self, workers: int, *, address: Optional[str] = None, model: Optional[str] = None,
                 stages: Sequence[str] | None = None, batch_size: int = CHUNK, window: int = WINDOW):
        from storyline.pipeline.run import DEFAULT_STAGES

        self.workers, self.address, self.model = workers, address, model
        self.stages = tuple(DEFAULT_STAGES if stages is None else stages)
        self.batch_size, self.window = batch_size, window
        self._started = False
        self.ray = _ray()

    def __enter__(self) -> "RayEngine":
        ray = self.ray
        if not ray.is_initialized():
            quiet = dict(logging_level=logging.ERROR, log_to_driver=False)
            try:
                lean = worker_env(self.model)  # the actors need no torch (see workers.worker_env)
                if self.address:  # a cluster has its own resources and dashboard settings
                    ray.init(address=self.address, runtime_env={"env_vars": lean}, **quiet)
                else:  # the actors import this very Storyline, wherever the driver found it
                    import storyline

                    here = str(Path(storyline.__file__).resolve().parents[1])
                    path = os.pathsep.join(p for p in (here, os.environ.get("PYTHONPATH")) if p)
                    ray.init(num_cpus=self.workers, include_dashboard=False,
                             runtime_env={"env_vars": {"PYTHONPATH": path, **lean}}, **quiet)
            except Exception as exc:
                where = f"the Ray cluster at {self.address}" if self.address else "a local Ray"
                first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
                raise WorkerError(f"cannot start or reach {where}: {first}") from exc
            self._started = True
        context = ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True
        context.enable_progress_bars = False
        if hasattr(context, "print_on_execution_start"):
            context.print_on_execution_start = False
        return self

    def __exit__(self, *exc) -> None:
        if self._started:
            self.ray.shutdown()

    def analyze(self, documents: Iterable[Document], on_failure: Optional[Callable[[str], None]] = None) -> Iterator[Document]:
        """The documents, analysed on Ray, in input order; a failed one is reported through
        ``on_failure(message)`` (without it, :class:`WorkerError`) and skipped."""
        source = iter(documents)
        seq = 0
        while True:
            rows = []
            for doc in source:
                rows.append({"seq": seq, "doc": doc.model_dump_json()})
                seq += 1
                if len(rows) >= self.window:
                    break
            if not rows:
                return
            for kind, value in self._window(rows):
                if kind == "ok":
                    yield Document.model_validate_json(value)
                elif on_failure is None:
                    raise WorkerError(value)
                else:
                    on_failure(value)

    def _window(self, rows: list[dict]) -> Iterator[tuple[str, str]]:
        ray = self.ray
        dataset = ray.data.from_items(rows).map_batches(
            _configured(self.model, self.stages, self.batch_size),
            compute=ray.data.ActorPoolStrategy(size=max(1, min(self.workers, len(rows)))),
            batch_size=self.batch_size,
            batch_format="numpy",
        )
        pending: dict[int, tuple[str, str]] = {}
        expected = rows[0]["seq"]
        try:
            for row in dataset.iter_rows():
                pending[int(row["seq"])] = (str(row["kind"]), str(row["value"]))
                while expected in pending:  # the order is preserved; this only makes sure
                    yield pending.pop(expected)
                    expected += 1
        except (ray.exceptions.RayError, ray.exceptions.RaySystemError) as exc:
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[-1]
            raise WorkerError(f"the Ray run failed: {first}") from exc
        yield from (pending[k] for k in sorted(pending))
