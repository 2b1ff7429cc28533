"""The briefing page's content: the one place the web app asks for a briefing.

When the outputs' HTML briefing exists (``storyline.outputs.briefing.render_html``) it renders
the documents; until then the page lists the claims, grouped by speaker, with their status
and evidence (escaped: the result is inserted into the page as it is).
"""

from __future__ import annotations

import importlib
from html import escape
from typing import Sequence

from storyline.model import Document


def render(documents: Sequence[Document]) -> tuple[str, bool]:
    """The briefing as HTML, and whether it is a whole page (the outputs' briefing) rather
    than a fragment for the app's own layout."""
    try:
        briefing = importlib.import_module("storyline.outputs.briefing")
    except ModuleNotFoundError:
        briefing = None
    if briefing is not None and hasattr(briefing, "render_html"):
        return briefing.render_html(list(documents)), True
    return claims_list(documents), False


def claims_list(documents: Sequence[Document]) -> str:
    """Every claim, by speaker: its text, status, evidence and article."""
    by_speaker: dict[str, list[str]] = {}
    for doc in documents:
        where = escape(doc.headline or doc.source)
        for q in doc.quotes:
            speaker = q.speaker_name or q.speaker_type or "unattributed"
            evidence = "".join(f"<li class=\"evidence\">{escape(ev.text)}</li>" for ev in q.evidence)
            by_speaker.setdefault(speaker, []).append(
                f'<li class="claim status-{escape(q.status)}"><span class="status">{escape(q.status)}</span> '
                f'“{escape(q.text)}” <a href="/articles/{escape(doc.id)}">{where}</a>'
                + (f"<ul>{evidence}</ul>" if evidence else "") + "</li>"
            )
    if not by_speaker:
        return '<p class="empty">no claims in this store</p>'
    parts = [f'<section class="speaker"><h3>{escape(s)}</h3><ul>{"".join(items)}</ul></section>'
             for s, items in sorted(by_speaker.items(), key=lambda kv: (-len(kv[1]), kv[0]))]
    return "".join(parts)
