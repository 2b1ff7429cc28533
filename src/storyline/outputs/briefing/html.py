"""The briefing as one self-contained HTML file that opens offline.

Everything is inline: the style sheet, the data (a JSON block whose ``<`` ``>`` ``&`` are
written as ``\\u003c`` … so no article text can close the tag), the bundled JavaScript of
Vega, Vega-Lite, vega-embed, the Vega expression interpreter and Cytoscape.js (see
``assets/README.md``), and the small script that draws the charts. A
``Content-Security-Policy`` meta tag allows exactly those scripts (by their sha256 hashes)
and that style sheet, and nothing from the network; Vega runs with its expression
interpreter, so no ``eval`` is needed. Every chart has a plain table under it with the
same data, so the report reads without JavaScript and on paper (charts are SVG).
All article text is escaped with :func:`html.escape`.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from functools import cache
from importlib import resources
from typing import Any, Iterable

from storyline.outputs.text import safe

LIBRARIES = ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js", "vega-interpreter.js", "cytoscape.min.js")
"""The bundled JavaScript, in load order (each file is in ``outputs/assets``)."""

CYTOSCAPE_STYLE_ID = "__________cytoscape_stylesheet"
CYTOSCAPE_STYLE = ".__________cytoscape_container { position: relative; }"
"""The style sheet Cytoscape.js would insert itself (a CSP would refuse it): written in the
page, under the id Cytoscape looks for, so it inserts nothing."""


@cache
def asset(name: str) -> str:
    return resources.files("storyline.outputs").joinpath("assets", name).read_text("utf-8")


def esc(text: Any) -> str:
    return html.escape(safe("" if text is None else str(text)), quote=True)


def script_json(data: Any) -> str:
    """JSON safe inside ``<script>``: no ``</``, ``<!--`` or ``]]>`` can appear in it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for ch, rep in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, rep)
    return text


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def csp(scripts: Iterable[str], styles: Iterable[str]) -> str:
    """The policy: nothing from anywhere, except these inline scripts and styles."""
    return ("default-src 'none'; script-src " + " ".join(sha256(s) for s in scripts)
            + "; style-src " + " ".join(sha256(s) for s in styles)
            + "; img-src data:; base-uri 'none'; form-action 'none'")


def _table(headers: tuple[str, ...], rows: list[tuple], cls: str = "") -> str:
    """A table; the cells are HTML already escaped by the caller."""
    if not rows:
        return '<p class="none">none</p>'
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _bar(value: float | None, lo: float = -10.0, hi: float = 10.0) -> str:
    """A small diverging SVG bar for a Goldstein score (attributes only: no inline style)."""
    if value is None:
        return ""
    width, mid = 120, 60
    x = mid + max(lo, min(hi, value)) / hi * mid
    left, w = (x, mid - x) if value < 0 else (mid, x - mid)
    cls = "neg" if value < 0 else "pos"
    return (f'<svg class="bar" width="{width}" height="12" viewBox="0 0 {width} 12" role="img" aria-label="{value:+.1f}">'
            f'<line x1="{mid}" y1="0" x2="{mid}" y2="12" class="axis"/>'
            f'<rect class="{cls}" x="{left:.1f}" y="2" width="{max(w, 1):.1f}" height="8"/></svg> {value:+.1f}')


def _status(status: str) -> str:
    return f'<span class="status s-{esc(status)}">{esc(status)}</span>'


def _doc_ref(r: dict) -> str:
    also = f" (also {esc(', '.join(r['also_in']))})" if r.get("also_in") else ""
    return f'<a href="#doc-{r["doc"]}">{esc(r["outlet"])}</a>{also}'


def _event_cells(r: dict) -> tuple:
    what = f"{esc(r['code'])} {esc(r['label'])}"
    return (esc(r["when"] or r["date"] or "undated"), esc(r["source_name"] or "—"), esc(r["target_name"] or "—"),
            what, _status(r["status"]), _bar(r["goldstein"]),
            esc(r["sentence"]) + (f"<br><small>in a quote by {esc(r['quote_by'])}</small>" if r["quote_by"] else ""),
            esc(r["place"]), _doc_ref(r))


def _timeline(b: dict) -> str:
    rows = [_event_cells(r) for r in b["timeline"]]
    undated = [_event_cells(r) for r in b["events"] if not r["day"]]
    out = ['<section id="timeline"><h2>Timeline of dated events</h2>',
           '<div class="chart" id="chart-timeline"><p class="nojs">The chart needs JavaScript; the table below holds the same events.</p></div>',
           _table(("date", "source", "target", "event", "status", "Goldstein", "sentence", "place", "outlet"), rows)]
    if undated:
        out += ["<h3>Events not dated to a day (not on the chart)</h3>", _table(("date", "source", "target", "event", "status", "Goldstein", "sentence", "place", "outlet"), undated)]
    return "".join(out) + "</section>"


def _network(b: dict) -> str:
    nodes = {n["id"]: n for n in b["network"]["nodes"]}
    rows = [(esc(nodes[e["source"]]["label"]), esc(nodes[e["target"]]["label"]), str(e["weight"]), _bar(e["goldstein"]),
             esc("; ".join(e["codes"]))) for e in b["network"]["edges"]]
    return ('<section id="network"><h2>Actor network</h2><p>Nodes are actors; an edge is the events one actor '
            'directed at another, its width the number of events, its colour the mean Goldstein score '
            '(red: conflict, green: cooperation).</p>'
            '<div class="chart net" id="chart-network"><p class="nojs">The network needs JavaScript; the table below holds the same edges.</p></div>'
            + _table(("source", "target", "events", "mean Goldstein", "event codes"), rows) + "</section>")


def _balance(b: dict) -> str:
    period = " to ".join(dict.fromkeys(b["period"])) if b["period"] else "the period of the articles"
    rows = [(esc(a["actor"]), str(a["did"]["events"]), f'{a["did"]["cooperative"]} / {a["did"]["conflictual"]}', _bar(a["did"]["mean"]),
             str(a["received"]["events"]), f'{a["received"]["cooperative"]} / {a["received"]["conflictual"]}', _bar(a["received"]["mean"]))
            for a in b["balance"]]
    return (f'<section id="balance"><h2>Cooperation and conflict by actor</h2><p>From the Goldstein scores '
            f'(−10 conflict … +10 cooperation) of the coded events, {esc(period)}.</p>'
            '<div class="chart" id="chart-balance"><p class="nojs">The chart needs JavaScript; the table below holds the same figures.</p></div>'
            + _table(("actor", "did: events", "cooperative / conflictual", "mean", "had done to it: events",
                      "cooperative / conflictual", "mean"), rows) + "</section>")


def _quote_html(q: dict) -> str:
    marks = ("“", "”") if q["kind"] == "direct" else ("", "")
    how = " ".join(x for x in (q["cue"], q["medium"]) if x)
    ev = "".join(f"<li>evidence for <em>{esc(q['status'])}</em>: {esc(e)}</li>" for e in q["evidence"])
    extra = " <em>analysis/commentary</em>" if q["section"] == "analysis" else ""
    return (f'<li>{_status(q["status"])} <span class="cue">{esc(how)}</span> {marks[0]}{esc(q["text"])}{marks[1]}{extra} '
            f'<small>— <a href="#doc-{q["doc"]}">{esc(q["outlet"])}</a></small>' + (f"<ul>{ev}</ul>" if ev else "") + "</li>")


def _speakers(b: dict) -> str:
    parts = ['<section id="claims"><h2>Claims and quotes by speaker</h2>']
    for s in b["speakers"]:
        role = f' <span class="role">{esc(s["role"])}</span>' if s["role"] else ""
        parts.append(f'<h3>{esc(s["speaker"])}{role}</h3><ul class="quotes">'
                     + "".join(_quote_html(q) for q in s["quotes"]) + "</ul>")
    if not b["speakers"]:
        parts.append('<p class="none">none</p>')
    return "".join(parts) + "</section>"


def _open(b: dict) -> str:
    rows = [(esc(q["speaker"] or "—"), _status(q["status"]), esc(q["text"]),
             "<br>".join(esc(e) for e in q["evidence"]) or "—", f'<a href="#doc-{q["doc"]}">{esc(q["outlet"])}</a>')
            for q in b["open_questions"]]
    return ('<section id="open"><h2>Open questions</h2><p>Claims the articles mark unverified or disputed, and '
            'alleged events, with what the articles say about the missing evidence.</p>'
            + _table(("who", "status", "claim", "what the article says", "outlet"), rows) + "</section>")


def _flags(b: dict) -> str:
    rows = [(esc(f["type"]), esc(f["message"]), f'<a href="#doc-{f["doc"]}">{esc(f["outlet"])}</a>') for f in b["flags"]]
    body = _table(("check", "message", "article"), rows) if rows else '<p class="none">no flags: the consistency checks found nothing</p>'
    return f'<section id="checks"><h2>Consistency checks</h2>{body}</section>'


def _sources(b: dict) -> str:
    s = b["sources"]
    docs = [(f'<span id="doc-{d["n"]}">{esc(d["outlet"])}</span>', esc(d["headline"] or "(no headline)"),
             esc(d["published"] or "no publication date found"), esc(d["source"]),
             f'{d["events"]} / {d["quotes"]} / {d["flags"]}' + (" (a copy)" if d["copy_of"] else ""))
            for d in b["documents"]]
    out = ['<section id="sources"><h2>Sources</h2><h3>Articles</h3>',
           _table(("outlet", "headline", "published", "file", "events / quotes / flags"), docs),
           "<h3>Outlets</h3>", _table(("outlet", "articles"), [(esc(o["outlet"]), str(o["articles"])) for o in s["outlets"]]),
           "<h3>Sources the articles cite</h3>", _table(("cited outlet", "articles"), [(esc(o["outlet"]), str(o["articles"])) for o in s["cited"]])]
    if s["stories"]:
        rows = [(esc(st["title"] or st["id"]), esc(st["first_report"] or "—"),
                 "<br>".join(esc(", ".join(g)) for g in st["copies"]) or "—", esc(", ".join(st["outlets"])))
                for st in s["stories"]]
        out += ["<h3>Stories</h3>", _table(("story", "first report", "wire copies", "outlets"), rows)]
    return "".join(out) + "</section>"


SECTIONS = (_timeline, _network, _balance, _speakers, _open, _flags, _sources)
"""The report's sections, in order."""


def _page(b: dict, init: str) -> tuple[str, list[str], str]:
    style = asset("briefing.css")
    scripts = [asset(name) for name in LIBRARIES] + [init]
    period = " – ".join(dict.fromkeys(b["period"])) if b["period"] else "no dated events"
    n = len(b["documents"])
    header = (f'<header><h1>{esc(b["title"])}</h1><p class="meta">{n} article{"s" if n != 1 else ""} · '
              f'{len(b["events"])} events · {esc(period)} · derived from the extracted data, nothing added</p>'
              '<nav><a href="#timeline">timeline</a> <a href="#network">network</a> <a href="#balance">balance</a> '
              '<a href="#claims">claims</a> <a href="#open">open questions</a> <a href="#checks">checks</a> '
              '<a href="#sources">sources</a></nav></header>')
    body = header + "<main>" + "".join(part(b) for part in SECTIONS) + "</main>"
    return body, scripts, style


def render(b: dict) -> str:
    """The HTML page of a built briefing (:func:`storyline.outputs.briefing.data.build`)."""
    init = asset("briefing.js")
    body, scripts, style = _page(b, init)
    policy = csp(scripts, [style, CYTOSCAPE_STYLE])
    tags = "".join(f"<script>{s}</script>" for s in scripts)
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f'<meta http-equiv="Content-Security-Policy" content="{esc(policy)}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(b['title'])}</title><style>{style}</style>"
            f'<style id="{CYTOSCAPE_STYLE_ID}">{CYTOSCAPE_STYLE}</style></head><body>{body}'
            f'<script type="application/json" id="storyline-data">{script_json(_chart_data(b))}</script>'
            f"{tags}</body></html>\n")


def _chart_data(b: dict) -> dict:
    """What the charts draw: Vega-Lite specs and the network's elements."""
    from storyline.outputs.briefing.charts import balance_spec, network_elements, timeline_spec

    return {"timeline": timeline_spec(b), "balance": balance_spec(b), "network": network_elements(b)}
