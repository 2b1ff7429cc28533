"""A readable Markdown summary of one document: its metadata, flags, actors, quotes,
events and time expressions. Article text in it is made terminal-safe (:func:`safe`) and
cannot break a table cell."""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyline.outputs.registry import register
from storyline.outputs.text import safe

if TYPE_CHECKING:
    from storyline.model import Document

ACTOR_TYPES = ("PERSON", "ORG", "GPE")
"""The entity types the Actors table lists."""


def _md_cell(text: str | None) -> str:
    return safe(text).replace("|", "\\|").replace("\n", " ")


def _header(doc: Document) -> list[str]:
    lines = [f"# {_md_cell(doc.headline) or '(no headline)'}", ""]
    meta = [
        ("Source", doc.source), ("Outlet", doc.outlet), ("Byline", doc.byline),
        ("Published", doc.published), ("Dateline", doc.dateline),
    ]
    lines.extend(f"- **{k}:** {_md_cell(v)}" for k, v in meta if v)
    if doc.cited_sources:
        cited = "; ".join(_md_cell(c.outlet) + (f" – {_md_cell(c.title)}" if c.title else "") for c in doc.cited_sources)
        lines.append(f"- **Cites:** {cited}")
    return lines


def _table(title: str, header: tuple[str, ...], rows: list[tuple]) -> list[str]:
    """A titled Markdown table; cells already escaped."""
    lines = ["", f"## {title}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines.extend("| " + " | ".join(str(c) for c in row) + " |" for row in rows)
    return lines


def _flags(doc: Document) -> list[str]:
    if not doc.flags:
        return []
    return ["", "## Flags", ""] + [f"- **{_md_cell(f.type)}**: {_md_cell(f.message)}" for f in doc.flags]


def _actors(doc: Document) -> list[str]:
    people = [e for e in doc.entities if e.type in ACTOR_TYPES]
    if not people:
        return []
    return _table("Actors", ("id", "name", "type", "country", "actor", "role", "mentions"), [
        (e.id, _md_cell(e.name), e.type, e.country or "", e.actor or "", _md_cell(e.role), len(e.mentions))
        for e in people
    ])


def _quotes(doc: Document) -> list[str]:
    if not doc.quotes:
        return []
    lines = ["", "## Quotes and claims", ""]
    for q in doc.quotes:
        who = q.speaker_name or q.speaker_type or "unattributed"
        extra = ", ".join(x for x in (q.kind, q.status, q.medium and f"via {q.medium}", q.section) if x)
        lines.append(f"- **{_md_cell(who)}** {_md_cell(q.cue)}: “{_md_cell(q.text)}” ({_md_cell(extra)})")
        lines.extend(f"  - evidence: {_md_cell(ev.text)}" for ev in q.evidence)
    return lines


def _events(doc: Document) -> list[str]:
    if not doc.events:
        return []
    return _table("Events", ("source", "code", "plover", "target", "date", "status", "trigger"), [
        (ev.source or "—", ev.code, ev.plover or "", ev.target or "—", ev.date or "", ev.status, _md_cell(ev.trigger))
        for ev in doc.events
    ])


def _times(doc: Document) -> list[str]:
    if not doc.times:
        return []
    listed = ", ".join(f"{_md_cell(t.text)} → {t.value}" + (f" ({t.mod})" if t.mod else "") for t in doc.times)
    return ["", "## Time expressions", "", listed]


SECTIONS = (_header, _flags, _actors, _quotes, _events, _times)
"""The parts of the summary, in order; each gives its lines (none when it has nothing)."""


def to_markdown(doc: Document) -> str:
    return "\n".join(line for part in SECTIONS for line in part(doc)) + "\n"


# one summary per document, each followed by a blank line
register("md", lambda doc: to_markdown(doc) + "\n", streams=True, help="a readable Markdown summary")
