"""Stages declare what they need and what they add, as spaCy components do.

A stage is a function ``run(document, parse) -> None`` that reads the
:class:`~storyline.model.Document` and its :class:`Parse` and adds to the document. It is
declared with :func:`stage`, naming the fields it reads (``requires``) and the fields it
fills (``assigns``)::

    @stage("times", requires=("text", "published", "parse"), assigns=("times",), loads=(grammar,))
    def run(document, parse): ...

``loads`` names the functions that load the stage's tables (cached, no arguments); the
pipeline calls them once before the first document (:func:`load_tables`), as spaCy calls a
component's ``initialize``, so that no document pays for a table the first time it is
consulted (the gazetteer alone takes a second or two).

The pipeline checks a chosen subset of stages before it runs any of them: a stage whose
needs no earlier stage (nor ingest, nor the parser) provides is refused with a one-line
error, instead of running on empty fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Optional, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

    from ..model import Document

PROVIDED = frozenset({"text", "source", "headline", "byline", "published", "dateline", "cited_sources", "parse"})
"""What every document has before any stage runs: ingest's fields and the spaCy parse."""


@dataclass
class Parse:
    """The spaCy parse of a document's body, and the pipeline that made it.

    ``parse(text)`` parses further text (a headline) with the same pipeline, so no stage
    loads a model of its own or needs to know which one the run uses.
    """

    doc: "Doc"
    language: Optional["Language"] = None

    def parse(self, text: str) -> "Doc":
        if self.language is None:
            raise ValueError("this parse carries no pipeline to parse further text with")
        return self.language(text)


@dataclass(frozen=True)
class Stage:
    name: str
    run: Callable[["Document", Parse], None]
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    doc: str = field(default="", compare=False)
    loads: tuple[Callable[[], object], ...] = field(default=(), compare=False)


REGISTRY: dict[str, Stage] = {}
"""Every declared stage, by name, in the order their modules declared them."""


def stage(name: str, *, requires: Sequence[str] = (), assigns: Sequence[str] = (),
          loads: Sequence[Callable[[], object]] = ()):
    """Declare ``run(document, parse)`` as the stage ``name``; ``loads`` are the (cached)
    functions that load its tables."""

    def register(run: Callable[["Document", Parse], None]):
        if name in REGISTRY and REGISTRY[name].run is not run:
            raise ValueError(f"stage {name!r} is declared twice")
        summary = (run.__doc__ or "").strip().splitlines()
        REGISTRY[name] = Stage(name, run, tuple(requires), tuple(assigns), summary[0] if summary else "", tuple(loads))
        return run

    return register


class StageError(ValueError):
    """A chosen set of stages that cannot run: an unknown name, or a need nothing provides."""


def check(chosen: Sequence[Stage]) -> None:
    """Refuse a sequence of stages in which a stage needs a field that neither the input
    nor an earlier stage provides. The message is one line and names the missing stage."""
    have = set(PROVIDED)
    providers = {a: s.name for s in REGISTRY.values() for a in s.assigns}
    for s in chosen:
        missing = [r for r in s.requires if r not in have]
        if missing:
            needed = sorted({providers[m] for m in missing if m in providers})
            hint = f"; run {', '.join(repr(n) for n in needed)} before it" if needed else ""
            raise StageError(f"stage {s.name!r} needs {', '.join(missing)}, which no earlier stage assigns{hint}")
        have.update(s.assigns)


def load_tables(chosen: Sequence[Stage]) -> None:
    """Load the tables of the ``chosen`` stages (each loader is cached: a second call is free)."""
    for s in chosen:
        for load in s.loads:
            load()
