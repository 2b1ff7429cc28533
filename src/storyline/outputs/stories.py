"""Stories (``storyline stories``): JSON, and a Markdown summary.

A renderer of kind ``stories`` is ``render(stories, detail) -> str``: ``stories`` as
:func:`storyline.link.run.stories_view` gives them; ``detail`` when one story is shown
(``--story ID``), with its members in linking order and its claims, events and
contradictions. A renderer of kind ``claims`` renders one story's claims, events and
contradictions (``storyline claims --story ID``). Article text is made terminal-safe
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
    if "claims" in s:
        lines += ["", claims_md(s, True).rstrip("\n")]
    return "\n".join(lines) + "\n\n"


def _who(w: dict | None) -> str:
    if not w:
        return ""
    return _cell(w["outlet"]) + (f" ({_cell(w['published'])})" if w.get("published") else "")


def _support_rows(items: list[dict], what) -> list[str]:
    rows = []
    for k in items:
        against = "; ".join(f"{_cell(a['outlet'])}: {a['relation']}" for a in k["against"]) or "—"
        rows.append(f"| {what(k)} | {len(k['independent_outlets'])}: {_cell(', '.join(k['independent_outlets']))} | "
                    f"{_who(k['first_report'])} | {against} |")
    return rows


def claims_md(story: dict, detail: bool = True) -> str:
    """A story's claims and events with who reports them, the first report, and who
    disagrees; then its contradictions, both sides quoted."""
    head = "| {} | independent outlets | first report | disagreeing |"
    lines = ["## Claims", "", head.format("speaker: claim"), "|---|---|---|---|"]
    lines += _support_rows(story["claims"], lambda k: f"{_cell(k['speaker']) or 'unattributed'}: “{_cell(k['text'])}”"
                           + (f" ({k['status']})" if k["status"] != "asserted" else ""))
    lines += ["", "## Events", "", head.format("event"), "|---|---|---|---|"]
    lines += _support_rows(story["events"], lambda k: f"{_cell(k['source_actor']) or '—'} → {_cell(k['target_actor']) or '—'} "
                           f"{_cell(k['code'])} {_cell(k['trigger'])}" + (f", {_cell(k['date'])}" if k["date"] else ""))
    lines += ["", "## Contradictions", ""]
    if not story["contradictions"]:
        lines.append("none found")
    for c in story["contradictions"]:
        lines.append(f"- **{c['kind']}:** {_cell(c['outlet_a'])} “{_cell(c['text_a'])}” vs {_cell(c['outlet_b'])} "
                     f"“{_cell(c['text_b'])}” — {_cell(c['detail'])}")
    return "\n".join(lines) + "\n"


def claims_json(story: dict, detail: bool = True) -> str:
    return json.dumps({k: story[k] for k in ("id", "headline", "claims", "events", "contradictions")},
                      ensure_ascii=False, indent=2, default=str) + "\n"


register("json", stories_json, kind="stories", help="a JSON array of stories (one object with --story)")
register("md", stories_md, kind="stories", help="a Markdown table (one story's members with --story)")
register("json", claims_json, kind="claims", help="one story's claims, events and contradictions as JSON")
register("md", claims_md, kind="claims", help="one story's claims, events and contradictions as Markdown tables")
