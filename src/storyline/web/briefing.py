"""The briefing page: the outputs' self-contained HTML briefing
(:func:`storyline.outputs.briefing.render_html`), the same file ``storyline report`` writes,
over the documents a page asks for; for one story, with its first report and wire copies
(:func:`storyline.link.run.briefing_story`). The app serves it under its own sandboxing
policy (``app.BRIEFING_CSP``): its scripts are inline, allowed by their hashes.
"""

from __future__ import annotations

from typing import Optional, Sequence

from storyline.link.run import briefing_story
from storyline.model import Document
from storyline.outputs.briefing import render_html
from storyline.web import queries


def render(documents: Sequence[Document], stories: Optional[list[dict]] = None) -> str:
    return render_html(list(documents), stories=stories)


def story(con, story_id: str) -> tuple[list[Document], Optional[dict]]:
    """The documents of one story in linking order, and the story for the briefing."""
    ids, found = briefing_story(con, story_id)
    return queries.documents(con, ids), found
