"""The bad-input policy for a batch: read the inputs file by file, report each one that
cannot be read (one line each, through a callback), count them, and let the rest proceed.

A document longer than the parser accepts (``max_chars``, spaCy's ``nlp.max_length``) is
reported the same way instead of failing the whole run, and so is a document on which the
parser or a stage raises (:meth:`Batch.analyze`: one line naming the document, the stage
and the error); that document is left out of the results, never half-filled, and the
others proceed. The command line prints each report as ``storyline: error: ...``; a web
app or a worker can collect them instead.

The policy holds on every engine (:meth:`Batch.analyze`'s ``workers`` and ``engine``): in
one process, in N worker processes (:mod:`storyline.pipeline.workers`) and on Ray Data
(:mod:`storyline.pipeline.engine_ray`), a failed document gets the same one-line report,
and the documents come out in input order. :attr:`Batch.files` and :attr:`Batch.files_read`
let a progress bar estimate how much is left.
"""

from __future__ import annotations

import logging
from typing import Callable, Iterable, Iterator, Optional, Sequence

from storyline.ingest import IngestError, expand, iter_paths
from storyline.model import Document
from storyline.pipeline.run import DEFAULT_STAGES, DocumentFailed, analyze
from storyline.pipeline.workers import too_long_message

ENGINES = ("local", "ray")


class Batch:
    """Documents from ``paths`` (files, directories, JSON Lines, ...), skipping the bad ones.

    ``on_error(message)`` is called once per input that cannot be used, with a one-line
    message naming it; without a callback the messages are kept in :attr:`errors`.
    :attr:`failed` counts them either way.
    """

    def __init__(
        self,
        paths: Iterable[str],
        raw: bool = False,
        published: Optional[str] = None,
        max_chars: Optional[int] = None,
        on_error: Optional[Callable[[str], None]] = None,
    ):
        self.paths, self.raw, self.published = tuple(paths), raw, published
        self.max_chars = max_chars
        self.failed = 0
        self.files_read = 0
        """Input files read so far (each good file, each bad one)."""
        self.errors: list[str] = []
        self._on_error = on_error or self.errors.append

    def _error(self, message: str) -> None:
        self.failed += 1
        self._on_error(message)

    def _too_long(self, doc: Document) -> bool:
        message = too_long_message(doc, self.max_chars or 0)
        if message:
            self._error(message)
        return bool(message)

    def files(self) -> int:
        """How many input files there are (directories expanded; nothing is read): what a
        progress bar's estimate of the articles to come starts from."""
        log = logging.getLogger("storyline")
        level = log.level
        log.setLevel(logging.CRITICAL)  # the notes about skipped files come once, when reading
        try:
            return sum(1 for _ in expand(self.paths))
        finally:
            log.setLevel(level)

    def documents(self) -> Iterator[Document]:
        """The readable documents, each read when the consumer reaches it."""
        try:
            for _source, result in iter_paths(self.paths, raw=self.raw, published=self.published):
                self.files_read += 1
                if isinstance(result, IngestError):
                    self._error(str(result))
                    continue
                for doc in result:
                    if not self._too_long(doc):
                        yield doc
        except IngestError as exc:
            self._error(str(exc))

    def _failed(self, failure: DocumentFailed) -> None:
        self._error(str(failure))

    def analyze(
        self, *, model: Optional[str] = None, stages: Sequence[str] = DEFAULT_STAGES, n_process: int = 1,
        workers: Optional[int] = None, engine: str = "local", ray_address: Optional[str] = None,
    ) -> Iterator[Document]:
        """The readable documents, analysed, streamed, in input order; a document the parser
        or a stage fails on is reported (``source: stage 'name' failed (Error: ...)``) and
        skipped.

        ``workers`` (``n_process`` is its old name) runs the stages in that many processes
        (``engine="local"``) or Ray actors (``engine="ray"``, on the cluster at
        ``ray_address`` or a local Ray); the workers start before the first file is read.
        """
        workers = workers or n_process
        if engine not in ENGINES:
            raise ValueError(f"unknown engine {engine!r}; known: {', '.join(ENGINES)}")
        if engine == "ray":
            from storyline.pipeline.engine_ray import RayEngine

            return self._through(RayEngine(workers, address=ray_address, model=model, stages=stages))
        if workers > 1:
            from storyline.pipeline.workers import Pool

            return self._through(Pool(workers, model=model, stages=stages))
        return analyze(self.documents(), model=model, stages=stages, on_failure=self._failed)

    def _through(self, engine) -> Iterator[Document]:
        """The documents through a pool of workers (entered here: it starts now, not when
        the first document is asked for, and stops when the documents end)."""
        engine.__enter__()

        def run() -> Iterator[Document]:
            try:
                yield from engine.analyze(self.documents(), on_failure=self._error)
            finally:
                engine.__exit__(None, None, None)

        return run()
