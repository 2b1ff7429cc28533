"""Server-side SVG charts: a timeline of dated events and the network of who did what to whom.

Drawn here so the pages need no chart library and no script: every label is escaped, and
every element carries a ``<title>`` (the browser's tooltip). Colours follow the Goldstein
score of the events (conflict red, cooperation green).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from datetime import date
from html import escape
from typing import Iterable, NamedTuple, Optional

from storyline.model import Document, Event
from storyline.model.timex import parse_day

WIDTH = 900
MAX_NODES = 40
"""Actors drawn in a network at most (the most connected)."""


class Dated(NamedTuple):
    day: date
    label: str
    goldstein: Optional[float]
    doc_id: str
    idx: int


def actor_name(doc: Document, entity_id: Optional[str], code: Optional[str]) -> Optional[str]:
    """An event side as a reader knows it: the entity's name, else the actor code."""
    ent = doc.entity(entity_id) if entity_id else None
    return ent.name if ent else code


def _colour(goldstein: Optional[float]) -> str:
    if goldstein is None:
        return "#888888"
    if goldstein < 0:
        return "#c0392b" if goldstein <= -5 else "#e67e22"
    return "#27ae60" if goldstein >= 3 else "#7f8c8d"


def describe(doc: Document, ev: Event) -> str:
    src = actor_name(doc, ev.source_entity, ev.source) or "?"
    tgt = actor_name(doc, ev.target_entity, ev.target)
    return f"{src} {ev.trigger or ev.code}" + (f" {tgt}" if tgt else "") + f" ({ev.code})"


def dated_events(docs: Iterable[Document]) -> list[Dated]:
    out = []
    for doc in docs:
        for i, ev in enumerate(doc.events):
            day = parse_day(ev.date) if ev.date else None
            if day is not None:
                out.append(Dated(day, describe(doc, ev), ev.goldstein, doc.id, i))
    return sorted(out)


def timeline_svg(docs: Iterable[Document]) -> str:
    """One row per dated event, placed along a date axis; empty string when nothing is dated."""
    items = dated_events(docs)
    if not items:
        return ""
    first, last = items[0].day, items[-1].day
    span = max((last - first).days, 1)
    left, right, row = 90, 400, 22
    height = 40 + row * len(items)
    parts = [f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
             f'width="{WIDTH}" height="{height}" role="img" aria-label="timeline of dated events">']
    axis = WIDTH - left - right
    parts.append(f'<line x1="{left}" y1="20" x2="{left + axis}" y2="20" stroke="#333"/>')
    for d in {first, last}:
        x = left + axis * (d - first).days / span
        parts.append(f'<text x="{x:.1f}" y="14" font-size="11" text-anchor="middle">{d.isoformat()}</text>')
    for n, it in enumerate(items):
        x = left + axis * (it.day - first).days / span
        y = 40 + row * n
        label = escape(it.label)
        parts.append(
            f'<g class="tl-event"><title>{escape(it.day.isoformat())}: {label}</title>'
            f'<text x="4" y="{y + 4}" font-size="11">{escape(it.day.isoformat())}</text>'
            f'<line x1="{x:.1f}" y1="20" x2="{x:.1f}" y2="{y}" stroke="#ddd"/>'
            f'<circle cx="{x:.1f}" cy="{y}" r="6" fill="{_colour(it.goldstein)}"/>'
            f'<text x="{left + axis + 12}" y="{y + 4}" font-size="11">{escape(it.label[:70])}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def network(docs: Iterable[Document]) -> tuple[list[str], dict[tuple[str, str], list[float]]]:
    """The actors and the events between them: (nodes, {(source, target): goldstein scores})."""
    edges: dict[tuple[str, str], list[float]] = defaultdict(list)
    for doc in docs:
        for ev in doc.events:
            src = actor_name(doc, ev.source_entity, ev.source)
            tgt = actor_name(doc, ev.target_entity, ev.target)
            if src and tgt and src != tgt:
                edges[(src, tgt)].append(ev.goldstein if ev.goldstein is not None else math.nan)
    degree: Counter[str] = Counter()
    for (s, t), scores in edges.items():
        degree[s] += len(scores)
        degree[t] += len(scores)
    nodes = [n for n, _ in degree.most_common(MAX_NODES)]
    keep = set(nodes)
    return nodes, {k: v for k, v in edges.items() if k[0] in keep and k[1] in keep}


def network_svg(docs: Iterable[Document]) -> str:
    """The actors on a circle, an arrow per (source, target) pair weighted by its events;
    empty string when no event has both a source and a target."""
    nodes, edges = network(docs)
    if not edges:
        return ""
    size = 320 if len(nodes) <= 3 else 560
    c, r = size / 2, size / 2 - 90
    pos = {n: (c + r * math.cos(2 * math.pi * i / len(nodes)), c + r * math.sin(2 * math.pi * i / len(nodes)))
           for i, n in enumerate(nodes)}
    parts = [f'<svg class="network" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
             f'width="{size}" height="{size}" role="img" aria-label="actor network">',
             '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" '
             'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>']
    for (s, t), scores in sorted(edges.items()):
        (x1, y1), (x2, y2) = pos[s], pos[t]
        known = [g for g in scores if not math.isnan(g)]
        mean = sum(known) / len(known) if known else None
        shown = "n/a" if mean is None else f"{mean:+.1f}"
        parts.append(
            f'<g class="net-edge"><title>{escape(s)} → {escape(t)}: {len(scores)} event(s), '
            f'mean Goldstein {shown}</title><line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="{_colour(mean)}" stroke-width="{min(1 + len(scores), 8)}" marker-end="url(#arrow)"/></g>'
        )
    for n in nodes:
        x, y = pos[n]
        parts.append(
            f'<g class="net-node"><title>{escape(n)}</title><circle cx="{x:.1f}" cy="{y:.1f}" r="9" fill="#2c3e50"/>'
            f'<text x="{x:.1f}" y="{y - 13:.1f}" font-size="11" text-anchor="middle">{escape(n[:40])}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)
