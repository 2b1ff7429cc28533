"""A readable Markdown digest of one document (``md``): its metadata, the checks that ran,
actors, quotes and claims as sentences ("**Fartun Omar**, defence minister, said: “…”"),
events with their actors' names, CAMEO label, sentence, place and date, and the time
expressions in words beside their TIMEX3 values.

Article text in it is made terminal-safe (:func:`safe`), cannot break a table cell, and
Markdown's own characters in it are escaped where they would change the layout.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storyline.outputs import labels as lab
from storyline.outputs.registry import register
from storyline.outputs.text import safe

if TYPE_CHECKING:
    from storyline.model import Document, Event, Quote

ACTOR_TYPES = ("PERSON", "ORG", "GPE")
"""The entity types the Actors table lists."""

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def md(text: str | None) -> str:
    """Article text for Markdown: safe, on one line, with Markdown's marks escaped."""
    return _MD_SPECIAL.sub(r"\\\1", safe(text)).replace("\n", " ")


def _md_cell(text: str | None) -> str:
    return md(text)


def _header(doc: Document) -> list[str]:
    lines = [f"# {_md_cell(doc.headline) or '(no headline)'}", ""]
    meta = [
        ("Source", doc.source), ("Outlet", doc.outlet), ("Byline", doc.byline),
        ("Published", doc.published), ("Dateline", doc.dateline),
    ]
    lines.extend(f"- **{k}:** {_md_cell(v)}" for k, v in meta if v)
    if not doc.published:
        lines.append(f"- **Published:** {lab.labels()['dates']['none']}")
    if doc.cited_sources:
        cited = "; ".join(_md_cell(c.outlet) + (f" – {_md_cell(c.title)}" if c.title else "") for c in doc.cited_sources)
        lines.append(f"- **Cites:** {cited}")
    return lines


def _table(title: str, header: tuple[str, ...], rows: list[tuple]) -> list[str]:
    """A titled Markdown table; cells already escaped."""
    lines = ["", f"## {title}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines.extend("| " + " | ".join(str(c) for c in row) + " |" for row in rows)
    return lines


def _checks(doc: Document) -> list[str]:
    """Always present, so a reader can tell the checks ran."""
    lines = ["", "## Checks", ""]
    if not doc.flags:
        lines.append("- no flags")
    lines.extend(f"- **{_md_cell(f.type)}**: {_md_cell(f.message)}" for f in doc.flags)
    lines.extend(f"- input note: {_md_cell(n)}" for n in doc.notes)
    return lines


def _actors(doc: Document) -> list[str]:
    people = [e for e in doc.entities if e.type in ACTOR_TYPES]
    if not people:
        return []
    return _table("Actors", ("id", "name", "type", "country", "actor", "role", "mentions"), [
        (e.id, _md_cell(e.name), e.type, e.country or "", e.actor or "", _md_cell(e.role), len(e.mentions))
        for e in people
    ])


def quote_line(doc: Document, q: Quote) -> str:
    """One quote as a sentence: "**Name**, role, said on X: “…”" or "According to **X**, …"."""
    name, role = lab.speaker(doc, q)
    cue = (q.cue or "").strip()
    if cue.lower() != "according to":  # the name opens the line
        name = name[:1].upper() + name[1:]
    who = f"**{md(name)}**" if name else "*Unattributed*"
    if role == "unnamed":
        who += " (unnamed)"
    elif role:
        who += f", {md(role)},"
    text = md(lab.quote_text(q))
    how = md(lab.medium(q))
    if cue.lower() == "according to":
        line = f"According to {who.rstrip(',')}{' (' + how + ')' if how else ''}, {text}"
    else:
        verb = md(cue) if cue else "said"
        said = " ".join(x for x in (verb, how) if x)
        line = f"{who} {said}: “{text}”" if q.kind == "direct" else f"{who} {said} {text}"
    notes = []
    if q.status != "asserted":
        notes.append(f"*{q.status}*")
    if q.section == "analysis":
        notes.append(f"*{lab.labels()['sections']['analysis']}*")
    if q.field == "headline":
        notes.append("*headline*")
    return line + (f" — {', '.join(notes)}" if notes else "")


def evidence_label(status: str) -> str:
    return "evidence" if status == "asserted" else f"evidence for *{status}*"


def _quotes(doc: Document) -> list[str]:
    if not doc.quotes:
        return []
    lines = ["", "## Quotes and claims", ""]
    if any(q.section == "analysis" for q in doc.quotes):
        lines.extend([lab.labels()["sections"]["reporting_note"], ""])
    statuses = sorted({q.status for q in doc.quotes} - {"asserted"})
    for q in doc.quotes:
        lines.append(f"- {quote_line(doc, q)}")
        # the evidence the model attached to this quote, under it and nowhere else
        lines.extend(f"  - {evidence_label(q.status)}: {md(ev.text)}" for ev in q.evidence)
    if statuses:
        meaning = lab.labels()["status"]
        lines.extend(["", "Status: " + "; ".join(f"*{s}*: {meaning.get(s, s)}" for s in statuses) + "."])
    return lines


def event_head(doc: Document, ev: Event) -> str:
    """"Russia (RUS) → Ukraine (UKRGOV) · 190 Use conventional military force · reported"."""
    src = lab.actor(doc, ev.source, ev.source_entity) or "(no source actor)"
    tgt = lab.actor(doc, ev.target, ev.target_entity) or "(no target actor)"
    code = " ".join(x for x in (ev.code, lab.cameo_label(ev.code)) if x)
    return f"{md(src)} → {md(tgt)} · {md(code)} · {ev.status}"


def _event_lines(doc: Document, ev: Event) -> list[str]:
    lines = [f"- **{event_head(doc, ev)}**" + (f" — *{lab.labels()['sections']['analysis']}*" if ev.section == "analysis" else "")]
    lines.append(f"  - sentence: {md(ev.sentence)}")
    when = lab.event_date(doc, ev)
    lines.append(f"  - when: {md(when) if when else 'undated'}")
    if ev.location:
        where = ev.location.name + (f", {lab.country_name(ev.location.country) or ev.location.country}" if ev.location.country else "")
        lines.append(f"  - where: {md(where)}")
    if ev.quote is not None and 0 <= ev.quote < len(doc.quotes):
        name, _ = lab.speaker(doc, doc.quotes[ev.quote])
        lines.append(f"  - reported in a quote by {md(name) or 'an unattributed source'}")
    if ev.inferred:
        lines.append(f"  - inferred: {md('; '.join(ev.inferred))}")
    return lines


def _events(doc: Document) -> list[str]:
    if not doc.events:
        return []
    lines = ["", "## Events", ""]
    for ev in doc.events:
        lines.extend(_event_lines(doc, ev))
    return lines


def _times(doc: Document) -> list[str]:
    if not doc.times:
        return []
    lines = ["", "## Time expressions", ""]
    lines.extend(f"- {md(t.text)} → {md(lab.timex_words(t.value, t.mod))}" for t in doc.times)
    return lines


SECTIONS = (_header, _checks, _actors, _quotes, _events, _times)
"""The parts of the digest, in order; each gives its lines (none when it has nothing)."""


def to_markdown(doc: Document) -> str:
    return "\n".join(line for part in SECTIONS for line in part(doc)) + "\n"


# one digest per document, each followed by a blank line
register("md", lambda doc: to_markdown(doc) + "\n", streams=True, help="a readable Markdown digest")
