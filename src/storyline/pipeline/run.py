"""Run the declared stages, in order, over documents: one parse, then each stage.

The stages are declared in their own modules (:func:`storyline.pipeline.stage.stage`);
this module only knows their order. ``stages=`` picks a subset, which is checked before
anything runs: a stage whose needs no earlier stage provides is refused.
"""

from __future__ import annotations

import hashlib
from functools import cache
from typing import Iterable, Iterator, Sequence

from spacy.tokens import Doc

from storyline.model import Document
from storyline.pipeline import nlp
from storyline.pipeline.stage import REGISTRY, Parse, Stage, StageError, check

ORDER: tuple[str, ...] = ("sections", "entities", "times", "quotes", "events", "checks")
"""The default stages, in the order they run."""
DEFAULT_STAGES = ORDER


@cache
def _declared() -> dict[str, Stage]:
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
    return dict(REGISTRY)


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
    chosen = plan(stages)
    if not isinstance(parsed, Parse):
        parsed = Parse(parsed, nlp.load())
    if not document.id:
        document.id = content_hash(document.text)
    for s in chosen:
        s.run(document, parsed)
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
    plan(stages)  # fail fast on a bad name or an unmet need
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
        yield run_stages(document, Parse(doc, language), stages)


def analyze_text(text: str, *, published: str | None = None, source: str = "<text>", **kwargs) -> Document:
    """Analyse one body text (no layout parsing): every span refers to ``text`` as given."""
    document = Document(source=source, text=text, published=published)
    return next(analyze([document], **kwargs))
