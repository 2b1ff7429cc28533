"""An article's body as HTML with its entity, quote, event and time spans marked.

Spans are half-open character offsets into ``Document.text``. The text is cut at every span
boundary, and each piece is escaped on its own (:func:`html.escape`) and, when any span
covers it, wrapped in one ``<span class="hl ..." data-refs="...">`` naming every record that
covers it, innermost first. Overlapping and crossing spans need no nesting, and no
character of the article reaches the page unescaped. The refs are ours (``q0``, ``ev3``,
``en2``, ``tm1``: the kind and the record's position), never text from the article.
"""

from __future__ import annotations

from html import escape
from typing import NamedTuple

from storyline.model import Document


class Mark(NamedTuple):
    start: int
    end: int
    kind: str  # entity, quote, event, time
    ref: str


def marks(doc: Document) -> list[Mark]:
    """Every body span of the document worth a highlight."""
    out: list[Mark] = []
    for i, ent in enumerate(doc.entities):
        out.extend(Mark(s, e, "entity", f"en{i}") for s, e in ent.mentions)
    for i, q in enumerate(doc.quotes):
        if q.field == "text":
            out.append(Mark(q.span[0], q.span[1], "quote", f"q{i}"))
    for i, ev in enumerate(doc.events):
        span = ev.trigger_span or ev.span
        out.append(Mark(span[0], span[1], "event", f"ev{i}"))
    for i, t in enumerate(doc.times):
        out.append(Mark(t.span[0], t.span[1], "time", f"tm{i}"))
    return out


def _valid(ms: list[Mark], length: int) -> list[Mark]:
    """The marks that are well-formed ranges inside the text (a stored record is not trusted)."""
    ok = []
    for m in ms:
        if isinstance(m.start, int) and isinstance(m.end, int) and 0 <= m.start < m.end <= length:
            ok.append(m)
    return ok


def highlight(text: str, ms: list[Mark]) -> str:
    """``text`` as escaped HTML with the pieces covered by ``ms`` wrapped in spans."""
    ms = _valid(ms, len(text))
    cuts = sorted({0, len(text), *(m.start for m in ms), *(m.end for m in ms)})
    starts: dict[int, list[Mark]] = {}
    for m in ms:
        starts.setdefault(m.start, []).append(m)
    active: list[Mark] = []
    parts: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        active = [m for m in active if m.end > a] + starts.get(a, [])
        piece = escape(text[a:b], quote=False)
        if not active:
            parts.append(piece)
            continue
        inner = sorted(active, key=lambda m: (m.end - m.start, m.ref))
        kinds = " ".join(f"hl-{k}" for k in sorted({m.kind for m in active}))
        refs = escape(" ".join(m.ref for m in inner))
        parts.append(f'<span class="hl {kinds}" data-refs="{refs}" tabindex="0">{piece}</span>')
    return "".join(parts)


def article_html(doc: Document) -> str:
    return highlight(doc.text, marks(doc))
