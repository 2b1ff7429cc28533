"""Run the declared stages, in order, over documents: one parse, then each stage.

The stages are declared in their own modules (:func:`storyline.pipeline.stage.stage`);
this module only knows their order. ``stages=`` picks a subset, which is checked before
anything runs: a stage whose needs no earlier stage provides is refused.

Every document is cleaned before it is parsed (lone surrogates and NULs replaced by U+FFFD,
noted: :func:`storyline.ingest.clean.clean_document`). A stage, or the parser, that raises
on one document raises :class:`DocumentFailed` naming the document and the stage; given an
``on_failure`` callback, :func:`analyze` reports it there instead and goes on with the next
document (the policy is the batch's: :class:`storyline.pipeline.batch.Batch`). A failed
document is never yielded, so nothing half-filled reaches a store.
"""

from __future__ import annotations

import hashlib
import itertools
import time
from functools import cache
from typing import Callable, Iterable, Iterator, Optional, Sequence

from spacy.tokens import Doc

from storyline.ingest.clean import clean_document
from storyline.model import Document
from storyline.pipeline import chunks, memory, nlp
from storyline.pipeline.stage import REGISTRY, Parse, Stage, StageError, check, load_tables

ORDER: tuple[str, ...] = ("sections", "entities", "times", "quotes", "events", "checks")
"""The default stages, in the order they run."""
DEFAULT_STAGES = ORDER


def _declared() -> dict[str, Stage]:
    """The registry of declared stages: the shipped ones (imported once) and any declared since."""
    _import_shipped()
    return REGISTRY


@cache
def _import_shipped() -> None:
    # importing the stage modules declares them; the pipeline needs no other knowledge of them
    import storyline.extract.checks  # noqa: F401
    import storyline.extract.entities  # noqa: F401
    import storyline.extract.events  # noqa: F401
    import storyline.extract.quotes  # noqa: F401
    import storyline.extract.sections  # noqa: F401
    import storyline.extract.times  # noqa: F401

    missing = [n for n in ORDER if n not in REGISTRY]
    if missing:  # pragma: no cover - a packaging error
        raise RuntimeError(f"stage(s) not declared: {', '.join(missing)}")


def stages() -> dict[str, Stage]:
    """Every declared stage, by name."""
    return _declared()


def plan(names: Sequence[str]) -> list[Stage]:
    """The stages ``names``, checked: unknown names and unmet needs are one-line errors."""
    declared = _declared()
    unknown = [n for n in names if n not in declared]
    if unknown:
        raise StageError(f"unknown stage(s): {', '.join(unknown)}; known: {', '.join(declared)}")
    chosen = [declared[n] for n in names]
    check(chosen)
    return chosen


class DocumentFailed(RuntimeError):
    """A stage (or the parser, stage ``"parse"``) raised on one document.

    ``str(error)`` is one line: ``"<source>: stage 'quotes' failed (IndexError: ...)"``; the
    original exception is ``error.error`` (and ``__cause__``).
    """

    def __init__(self, document: Document, stage: str, error: BaseException):
        self.document, self.stage, self.error = document, stage, error
        detail = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        super().__init__(f"{document.source}: stage {stage!r} failed ({detail})".replace("\n", " "))


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parser_input(document: Document) -> str:
    """The text the parser reads: ``document.text`` with a leading dateline blanked out.

    "LUSAKA — Zambia's opposition said …" would otherwise be parsed with the city as the
    subject of the first sentence (a city that speaks is coded as its government). Blanking
    keeps every offset: the parse's character offsets are offsets into ``document.text``.
    """
    span = document.dateline_span
    if not span or span[0] < 0 or span[1] > len(document.text) or span[0] >= span[1]:
        return document.text
    s, e = span
    blank = "".join(c if c == "\n" else " " for c in document.text[s:e])
    return document.text[:s] + blank + document.text[e:]


def run_stages(document: Document, parsed: Doc | Parse, stages: Sequence[str] = DEFAULT_STAGES) -> Document:
    """Run the named stages over one already-parsed document.

    ``parsed`` is a :class:`Parse`, or a bare spaCy ``Doc`` (further text, such as the
    headline, is then parsed with the default pipeline).
    """
    if not isinstance(parsed, Parse):
        parsed = Parse(parsed, nlp.load())
    return _run(document, parsed, plan(stages))


OnStage = Callable[[str, float], None]
"""Told each stage's name and the seconds it took on one document (``"parse"`` for the parser)."""


def _run(document: Document, parsed: Parse, chosen: Sequence[Stage], on_stage: Optional[OnStage] = None) -> Document:
    """Run already-checked stages over one parsed document."""
    if not document.id:
        document.id = content_hash(document.text)
    for s in chosen:
        start = time.perf_counter()
        try:
            s.run(document, parsed)
        except Exception as exc:
            raise DocumentFailed(document, s.name, exc) from exc
        if on_stage is not None:
            on_stage(s.name, time.perf_counter() - start)
    return document


OnFailure = Callable[[DocumentFailed], None]


def _too_long(document: Document, max_length: int) -> Optional[ValueError]:
    if len(document.text) <= max_length:
        return None
    return ValueError(
        f"{document.source}: text of {len(document.text):,} characters is over the parser's limit of "
        f"{max_length:,} (split it, or raise nlp.load().max_length if memory allows)"
    )


def _parsed(language, documents: Iterable[Document], on_failure: Optional[OnFailure], **pipe) -> Iterator[tuple]:
    """``(spaCy doc, document, parser input)`` for each document, parsed with ``nlp.pipe``, lazily.

    Without ``on_failure`` a parser error propagates. With it, when ``nlp.pipe`` raises, the
    documents it had taken but not returned are parsed again one at a time, the one that
    fails is reported as stage "parse", and ``nlp.pipe`` restarts on the rest of the input.
    An error from ``documents`` itself (the reading of the input) always propagates.
    """
    source = iter(documents)
    count = itertools.count()
    while True:
        pending: dict[int, tuple[Document, str]] = {}  # taken by nlp.pipe, not returned yet (by number)
        reading_error: list[BaseException] = []
        taken = [0]

        def feed() -> Iterator[tuple[str, int]]:
            while True:
                try:
                    d = next(source)
                except StopIteration:
                    return
                except BaseException as exc:
                    reading_error.append(exc)
                    raise
                taken[0] += 1
                clean_document(d)
                too_long = _too_long(d, language.max_length)
                if too_long is not None:
                    if on_failure is None:
                        raise too_long
                    on_failure(DocumentFailed(d, "parse", too_long))
                    continue
                key = next(count)  # the context is a number: no document is sent to a worker
                text = parser_input(d)
                pending[key] = (d, text, None)
                if len(chunks.pieces(text)) > 1:
                    # a long text is parsed here, piece by piece (a batch of pieces would take
                    # the memory of the whole); the pipe carries an empty text in its place
                    pending[key] = (d, text, chunks.parse(language, text))
                    text = ""
                yield text, key

        try:
            for doc, key in language.pipe(feed(), as_tuples=True, **pipe):
                d, text, long_doc = pending.pop(key)
                yield (doc if long_doc is None else long_doc), d, text
            return
        except Exception:
            if on_failure is None or reading_error or not taken[0]:
                raise  # not one document's fault
        for document, text, _ in list(pending.values()):
            try:
                doc = chunks.parse(language, text)
            except Exception as exc:
                on_failure(DocumentFailed(document, "parse", exc))
                continue
            yield doc, document, text


def analyze(
    documents: Iterable[Document],
    *,
    model: str | None = None,
    stages: Sequence[str] = DEFAULT_STAGES,
    batch_size: int = 16,
    n_process: int = 1,
    on_failure: Optional[OnFailure] = None,
    on_stage: Optional[OnStage] = None,
) -> Iterator[Document]:
    """Parse documents with ``nlp.pipe`` and run the stages over each, lazily: documents
    are read from ``documents`` as the parser needs them, so a large batch streams.

    A document the parser or a stage fails on raises :class:`DocumentFailed`; with
    ``on_failure`` it is passed there instead, and the other documents proceed.

    ``on_stage(name, seconds)``, when given, is called after each stage of each document
    with the time it took; ``"parse"`` is the time spent waiting for the parser's next
    document (with ``n_process`` > 1 or batching, that is not one document's parse alone)."""
    chosen = plan(stages)  # fail fast on a bad name or an unmet need; checked once for the run
    language = nlp.load(model)
    load_tables(chosen)
    parsed = _parsed(language, documents, on_failure, batch_size=batch_size, n_process=n_process)
    for count in itertools.count(1):
        if count % memory.EVERY == 0:
            memory.release()  # the allocator keeps the pages of the largest parse otherwise
        start = time.perf_counter()
        item = next(parsed, None)
        if item is None:
            return
        if on_stage is not None:
            on_stage("parse", time.perf_counter() - start)
        doc, document, text = item
        # the stages read the parse's text often; spaCy would rebuild it from the tokens
        doc.user_data.setdefault("storyline_text", text)
        try:
            yield _run(document, Parse(doc, language), chosen, on_stage)
        except DocumentFailed as failed:
            if on_failure is None:
                raise
            on_failure(failed)


def analyze_text(text: str, *, published: str | None = None, source: str = "<text>", **kwargs) -> Document:
    """Analyse one body text (no layout parsing): every span refers to ``text`` as given."""
    document = Document(source=source, text=text, published=published)
    return next(analyze([document], **kwargs))
