"""The bad-input policy for a batch: read the inputs file by file, report each one that
cannot be read (one line each, through a callback), count them, and let the rest proceed.

A document longer than the parser accepts (``max_chars``, spaCy's ``nlp.max_length``) is
reported the same way instead of failing the whole run, and so is a document on which the
parser or a stage raises (:meth:`Batch.analyze`: one line naming the document, the stage
and the error); that document is left out of the results, never half-filled, and the
others proceed. The command line prints each report as ``storyline: error: ...``; a web
app or a worker can collect them instead.
"""

from __future__ import annotations

from typing import Callable, Iterable, Iterator, Optional, Sequence

from storyline.ingest import IngestError, iter_paths
from storyline.model import Document
from storyline.pipeline.run import DEFAULT_STAGES, DocumentFailed, analyze


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
        self.errors: list[str] = []
        self._on_error = on_error or self.errors.append

    def _error(self, message: str) -> None:
        self.failed += 1
        self._on_error(message)

    def _too_long(self, doc: Document) -> bool:
        if self.max_chars and len(doc.text) > self.max_chars:
            self._error(
                f"{doc.source}: article text is {len(doc.text):,} characters, "
                f"over the parser's limit of {self.max_chars:,}"
            )
            return True
        return False

    def documents(self) -> Iterator[Document]:
        """The readable documents, each read when the consumer reaches it."""
        try:
            for _source, result in iter_paths(self.paths, raw=self.raw, published=self.published):
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
        self, *, model: Optional[str] = None, stages: Sequence[str] = DEFAULT_STAGES, n_process: int = 1
    ) -> Iterator[Document]:
        """The readable documents, analysed, streamed; a document the parser or a stage
        fails on is reported (``source: stage 'name' failed (Error: ...)``) and skipped."""
        return analyze(self.documents(), model=model, stages=stages, n_process=n_process, on_failure=self._failed)
