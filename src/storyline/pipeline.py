"""The pipeline: run each stage, in order, over the document model.

A stage is a function ``run(document, parsed) -> None`` that reads the
:class:`~storyline.model.Document` (and its spaCy parse) and adds to it. Stages are
listed here by name, in the order they run; ``stages=`` picks a subset.
"""

from __future__ import annotations

import hashlib
from typing import Callable, Iterable, Iterator, Sequence

from spacy.tokens import Doc

from . import checks, entities, events, nlp, quotes, sections, times
from .model import Document

Stage = Callable[[Document, Doc], None]

STAGES: dict[str, Stage] = {
    "sections": sections.run,
    "entities": entities.run,
    "times": times.run,
    "quotes": quotes.run,
    "events": events.run,
    "checks": checks.run,
}
DEFAULT_STAGES: tuple[str, ...] = tuple(STAGES)


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


def _stages(names: Sequence[str]) -> list[Stage]:
    unknown = [n for n in names if n not in STAGES]
    if unknown:
        raise ValueError(f"unknown stage(s): {', '.join(unknown)}; known: {', '.join(STAGES)}")
    return [STAGES[n] for n in names]


def run_stages(document: Document, parsed: Doc, stages: Sequence[str] = DEFAULT_STAGES) -> Document:
    """Run the named stages over one already-parsed document."""
    if not document.id:
        document.id = content_hash(document.text)
    for stage in _stages(stages):
        stage(document, parsed)
    return document


def analyze(
    documents: Iterable[Document],
    *,
    model: str | None = None,
    stages: Sequence[str] = DEFAULT_STAGES,
    batch_size: int = 16,
    n_process: int = 1,
) -> Iterator[Document]:
    """Parse documents with ``nlp.pipe`` and run the stages over each, lazily: documents
    are read from ``documents`` as the parser needs them, so a large batch streams."""
    _stages(stages)  # fail fast on a bad name
    language = nlp.load(model)

    def checked(docs: Iterable[Document]) -> Iterator[tuple[str, Document]]:
        for d in docs:
            if len(d.text) > language.max_length:
                raise ValueError(
                    f"{d.source}: text of {len(d.text):,} characters is over the parser's limit of "
                    f"{language.max_length:,} (split it, or raise nlp.load().max_length if memory allows)"
                )
            yield parser_input(d), d

    parsed = language.pipe(checked(documents), as_tuples=True, batch_size=batch_size, n_process=n_process)
    for doc, document in parsed:
        # the stages read the parse's text often; spaCy would rebuild it from the tokens
        doc.user_data.setdefault("storyline_text", parser_input(document))
        doc.user_data["storyline_model"] = nlp.model_name(model)  # for text parsed later (headlines)
        yield run_stages(document, doc, stages)


def analyze_text(text: str, *, published: str | None = None, source: str = "<text>", **kwargs) -> Document:
    """Analyse one body text (no layout parsing): every span refers to ``text`` as given."""
    document = Document(source=source, text=text, published=published)
    return next(analyze([document], **kwargs))
