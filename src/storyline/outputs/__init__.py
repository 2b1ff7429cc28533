"""Outputs: the JSON record, JSON Lines, and a readable Markdown summary."""

from __future__ import annotations

import json
import re
from typing import Iterable

from storyline.model import Document, json_schema

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe(text: str | None) -> str:
    """Article text made safe for a terminal: no control or bidi-override characters."""
    return _CONTROL.sub("", text or "")


def _md_cell(text: str | None) -> str:
    return safe(text).replace("|", "\\|").replace("\n", " ")


def to_json(docs: list[Document], indent: int | None = 2) -> str:
    if len(docs) == 1:
        return docs[0].model_dump_json(indent=indent)
    return json.dumps([d.model_dump(mode="json") for d in docs], indent=indent, ensure_ascii=False)


def to_jsonl(docs: Iterable[Document]) -> str:
    return "".join(d.model_dump_json() + "\n" for d in docs)


def schema_json() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def to_markdown(doc: Document) -> str:
    lines: list[str] = []
    lines.append(f"# {_md_cell(doc.headline) or '(no headline)'}")
    meta = [
        ("Source", doc.source), ("Outlet", doc.outlet), ("Byline", doc.byline),
        ("Published", doc.published), ("Dateline", doc.dateline),
    ]
    lines.append("")
    lines.extend(f"- **{k}:** {_md_cell(v)}" for k, v in meta if v)
    if doc.cited_sources:
        cited = "; ".join(_md_cell(c.outlet) + (f" – {_md_cell(c.title)}" if c.title else "") for c in doc.cited_sources)
        lines.append(f"- **Cites:** {cited}")
    if doc.flags:
        lines += ["", "## Flags", ""]
        lines.extend(f"- **{_md_cell(f.type)}**: {_md_cell(f.message)}" for f in doc.flags)
    people = [e for e in doc.entities if e.type in ("PERSON", "ORG", "GPE")]
    if people:
        lines += ["", "## Actors", "", "| id | name | type | country | actor | role | mentions |", "|---|---|---|---|---|---|---|"]
        for e in people:
            lines.append(
                f"| {e.id} | {_md_cell(e.name)} | {e.type} | {e.country or ''} | {e.actor or ''} | "
                f"{_md_cell(e.role)} | {len(e.mentions)} |"
            )
    if doc.quotes:
        lines += ["", "## Quotes and claims", ""]
        for q in doc.quotes:
            who = q.speaker_name or q.speaker_type or "unattributed"
            extra = ", ".join(x for x in (q.kind, q.status, q.medium and f"via {q.medium}", q.section) if x)
            lines.append(f"- **{_md_cell(who)}** {_md_cell(q.cue)}: “{_md_cell(q.text)}” ({_md_cell(extra)})")
            for ev in q.evidence:
                lines.append(f"  - evidence: {_md_cell(ev.text)}")
    if doc.events:
        lines += ["", "## Events", "", "| source | code | plover | target | date | status | trigger |", "|---|---|---|---|---|---|---|"]
        for ev in doc.events:
            lines.append(
                f"| {ev.source or '—'} | {ev.code} | {ev.plover or ''} | {ev.target or '—'} | "
                f"{ev.date or ''} | {ev.status} | {_md_cell(ev.trigger)} |"
            )
    if doc.times:
        lines += ["", "## Time expressions", ""]
        lines.append(", ".join(f"{_md_cell(t.text)} → {t.value}" + (f" ({t.mod})" if t.mod else "") for t in doc.times))
    return "\n".join(lines) + "\n"
