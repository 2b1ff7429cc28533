"""Stories (``storyline stories``): JSON, and a Markdown summary.

A renderer of kind ``stories`` is ``render(stories, detail) -> str``: ``stories`` as
:func:`storyline.link.run.stories_view` gives them; ``detail`` when one story is shown
(``--story ID``), with its members in linking order. Article text is made terminal-safe
and cannot break a Markdown table cell."""

from __future__ import annotations

import json

from storyline.outputs.registry import register
from storyline.outputs.text import safe

LISTED = ("id", "articles", "headline", "outlets", "first_seen", "copies")
"""The keys of a story in the JSON list."""


def stories_json(stories: list[dict], detail: bool = False) -> str:
    if detail:
        return "".join(json.dumps(s, ensure_ascii=False, indent=2) + "\n" for s in stories)
    return json.dumps([{k: s[k] for k in LISTED} for s in stories], ensure_ascii=False, indent=2) + "\n"


def _cell(text) -> str:
    return safe("" if text is None else str(text)).replace("|", "\\|").replace("\n", " ")


def stories_md(stories: list[dict], detail: bool = False) -> str:
    if detail:
        return "".join(_story_md(s) for s in stories)
    lines = ["| story | first seen | articles | outlets | copies | headline |", "|---|---|---|---|---|---|"]
    for s in stories:
        copied = sum(len(g) - 1 for g in s["copies"])
        lines.append(f"| {s['id']} | {_cell(s['first_seen'])} | {len(s['articles'])} | "
                     f"{_cell(', '.join(s['outlets']))} | {copied} | {_cell(s['headline'])} |")
    return "\n".join(lines) + "\n"


def _story_md(s: dict) -> str:
    lines = [f"# {_cell(s['headline']) or '(no headline)'}", "", f"- **Story:** {s['id']}",
             f"- **First seen:** {_cell(s['first_seen']) or 'no date'}",
             f"- **Outlets:** {_cell(', '.join(s['outlets'])) or 'none named'}", "",
             "| # | published | outlet | headline | source | copy of |", "|---|---|---|---|---|---|"]
    for i, m in enumerate(s["members"]):
        copy = f"{_cell(m['copy_of'])} ({m['similarity']:.2f})" if m["copy_of"] else ""
        lines.append(f"| {i + 1} | {_cell(m['published'])} | {_cell(m['outlet'])} | {_cell(m['headline'])} | "
                     f"{_cell(m['source'])} | {copy} |")
    return "\n".join(lines) + "\n\n"


register("json", stories_json, kind="stories", help="a JSON array of stories (one object with --story)")
register("md", stories_md, kind="stories", help="a Markdown table (one story's members with --story)")
