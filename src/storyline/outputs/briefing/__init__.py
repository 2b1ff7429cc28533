"""The briefing: one report over many documents (``storyline report``), derived from the
extracted data and never invented: the timeline of dated events, the actor network, each
actor's cooperation–conflict balance, claims and quotes by speaker with their status and
evidence, the open questions, the consistency flags and the sources.

``render_html(documents, stories=None, title=None) -> str``  one self-contained HTML file
    (inline CSS and JavaScript, a strict Content-Security-Policy, opens offline)
``render_md(documents, stories=None, title=None) -> str``    the same sections as Markdown
``build(documents, stories=None, title=None) -> dict``       the content itself, as plain
    JSON-ready dicts (what a web app can show or serve)

``stories`` are plain dicts from cross-document linking (``id``, ``title``,
``first_report``, ``copies``, ``outlets``; see :mod:`.data`). Both renderers are
registered under the output kind ``briefing`` as ``html`` and ``md``:
``outputs.get("html", "briefing").render(documents, stories=..., title=...)``.

``data``    what the briefing says (:func:`build`)
``charts``  the Vega-Lite specs and the network's Cytoscape elements
``html``    the HTML page, its CSP and the escaping of data inside ``<script>``
``md``      the Markdown text
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from storyline.outputs.briefing import html as _html
from storyline.outputs.briefing import md as _md
from storyline.outputs.briefing.data import build
from storyline.outputs.registry import register

if TYPE_CHECKING:
    from storyline.model import Document


def render_html(documents: Iterable[Document], stories: Iterable[dict] | None = None, title: str | None = None) -> str:
    return _html.render(build(documents, stories, title))


def render_md(documents: Iterable[Document], stories: Iterable[dict] | None = None, title: str | None = None) -> str:
    return _md.render(build(documents, stories, title))


register("html", render_html, kind="briefing", help="one self-contained HTML briefing (opens offline)")
register("md", render_md, kind="briefing", help="the briefing as Markdown tables")

__all__ = ["build", "render_html", "render_md"]
