"""The one registry of output formats: every renderer, by what it renders and its name.

Six kinds of thing are rendered:

``documents``  analysed documents (``storyline analyze --format``). A renderer that
               *streams* renders one document at a time, written as soon as it is ready
               (``render(document) -> str``); one that does not renders them all at once at
               the end (``render(documents) -> str``, e.g. one JSON array).
``results``    the result of a query: ``render(columns, rows) -> str`` (``storyline query``).
``counts``     the store's counts: ``render({table: count}) -> str`` (``storyline stats``).
``briefing``   one report over many documents (``storyline report --format``):
               ``render(documents, stories=None, title=None) -> str`` (``html``, ``md``;
               see :mod:`storyline.outputs.briefing`).
``stories``    stories: ``render(stories, detail) -> str`` (``storyline stories``).
``claims``     one story's claims, events and contradictions: ``render(story) -> str``
               (``storyline claims --story ID``).

A renderer returns the exact text to write, line ends included. The command line takes its
``--format`` choices from here (:func:`names`); anything else that shows Storyline's output
(a web app) asks the same registry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

KINDS = ("documents", "results", "counts", "briefing", "stories", "claims")


@dataclass(frozen=True)
class Renderer:
    name: str
    kind: str
    render: Callable[..., str]
    streams: bool = False
    help: str = ""


_REGISTRY: dict[str, dict[str, Renderer]] = {kind: {} for kind in KINDS}


def register(name: str, render: Callable[..., str], *, kind: str = "documents", streams: bool = False,
             help: str = "") -> Renderer:
    """Add a format; registering a name twice for one kind is an error."""
    if kind not in _REGISTRY:
        raise ValueError(f"unknown kind of output {kind!r}; known: {', '.join(KINDS)}")
    if name in _REGISTRY[kind]:
        raise ValueError(f"output format {name!r} is already registered for {kind}")
    renderer = Renderer(name, kind, render, streams, help)
    _REGISTRY[kind][name] = renderer
    return renderer


def get(name: str, kind: str = "documents") -> Renderer:
    try:
        return _REGISTRY[kind][name]
    except KeyError:
        known = ", ".join(_REGISTRY.get(kind, {})) or "none"
        raise KeyError(f"no {kind} output format {name!r}; known: {known}") from None


def names(kind: str = "documents") -> tuple[str, ...]:
    """The formats of one kind, in the order they were registered."""
    return tuple(_REGISTRY[kind])


@dataclass
class Output:
    """Documents written in one format as they come: ``add`` gives the text to write now
    (a streaming format's record; nothing for the others), ``end`` the text left at the end."""

    renderer: Renderer
    _kept: list[Any] = field(default_factory=list)

    def add(self, document: Any) -> str:
        if self.renderer.streams:
            return self.renderer.render(document)
        self._kept.append(document)
        return ""

    def end(self) -> str:
        return self.renderer.render(self._kept) if self._kept else ""


def render_all(name: str, documents: Iterable[Any]) -> str:
    """The whole text of ``documents`` in format ``name`` (streaming or not)."""
    out = Output(get(name))
    return "".join(out.add(d) for d in documents) + out.end()
