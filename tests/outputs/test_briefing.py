"""The briefing (``storyline report``): its content derived from the documents, the HTML
file self-contained and safe (escaping, ``</script>`` in data, CSP hashes, no network),
the Markdown form, stories with wire copies, and the command line."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline import outputs
from storyline.model import Document
from storyline.model.timex import parse_day
from storyline.outputs.briefing import build, render_html, render_md

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = "<script>alert(1)</script> Talks collapse"
HOSTILE_TEXT = (
    "Officials said the talks in Lusaka collapsed on Monday after the ministry accused the union of lying. "
    "\"We will not sign </script><!-- anything,\" said Mary Banda, the union leader.\n"
)


@pytest.fixture(scope="module")
def examples() -> list[Document]:
    from storyline.pipeline.batch import Batch

    docs = list(Batch([str(ROOT / "examples")], False, None, on_error=lambda m: None).analyze())
    assert len(docs) >= 5
    return docs


@pytest.fixture(scope="module")
def hostile() -> Document:
    from storyline import analyze

    doc = Document(source="hostile.txt", headline=HOSTILE, outlet="<b>Wire</b>", published="2026-04-07", text=HOSTILE_TEXT)
    return next(analyze([doc]))


class _Page(HTMLParser):
    """The page's scripts (attributes and text), meta tags, style text and every attribute."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[dict, str]] = []
        self.styles: list[str] = []
        self.metas: list[dict] = []
        self.attrs: list[tuple[str, str, str]] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        self.attrs.extend((tag, k, v or "") for k, v in attrs)
        if tag == "meta":
            self.metas.append(d)
        if tag in ("script", "style"):
            self._in = tag
            (self.scripts.append((d, "")) if tag == "script" else self.styles.append(""))

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "script":
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
        elif self._in == "style":
            self.styles[-1] += data


def _parse(page: str) -> _Page:
    p = _Page()
    p.feed(page)
    return p


def _data(page: str) -> dict:
    [(attrs, text)] = [(a, t) for a, t in _parse(page).scripts if a.get("type") == "application/json"]
    return json.loads(text)


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


# --------------------------------------------------------------------------------------
# Content, derived from the documents


def test_timeline_network_and_balance_come_from_the_events(examples):
    b = build(examples)
    events = [ev for d in examples for ev in d.events]
    assert len(b["events"]) == len(events)
    dated = sorted(parse_day(ev.date).isoformat() for ev in events if ev.date and parse_day(ev.date))
    assert [r["day"] for r in b["timeline"]] == dated and b["period"] == [dated[0], dated[-1]]
    pairs = Counter((ev.source, ev.target) for ev in events if ev.source and ev.target)
    assert {(e["source"], e["target"]): e["weight"] for e in b["network"]["edges"]} == dict(pairs)
    assert {n["id"] for n in b["network"]["nodes"]} == {c for p in pairs for c in p}
    for e in b["network"]["edges"]:
        scores = [ev.goldstein for ev in events if (ev.source, ev.target) == (e["source"], e["target"])]
        assert e["goldstein"] == pytest.approx(sum(scores) / len(scores), abs=0.01)
    balance = {a["code"]: a for a in b["balance"]}
    for code, a in balance.items():
        did = [ev.goldstein for ev in events if ev.source == code and ev.goldstein is not None]
        assert a["did"]["events"] == len(did) and a["did"]["conflictual"] == sum(1 for g in did if g < 0)


def test_claims_grouped_by_speaker_and_open_questions(examples):
    b = build(examples)
    quotes = [q for d in examples for q in d.quotes]
    assert sum(len(s["quotes"]) for s in b["speakers"]) == len(quotes)
    open_claims = [q for q in b["open_questions"] if q["type"] == "claim"]
    assert len(open_claims) == sum(1 for q in quotes if q.status in ("unverified", "disputed"))
    # the evidence shown for an open claim is the evidence the model attached to that claim
    for row in open_claims:
        doc = examples[row["doc"]]
        [q] = [q for q in doc.quotes if list(q.span) == row["span"] and q.status == row["status"]]
        assert row["evidence"] == [ev.text for ev in q.evidence]
    assert any(e for row in open_claims for e in row["evidence"])
    flags = [f for d in examples for f in d.flags]
    assert [(f["type"], f["message"]) for f in b["flags"]] == [(f.type, f.message) for f in flags]


def test_wire_copies_are_counted_once_and_listed_as_sources(hostile):
    copy = hostile.model_copy(update={"id": "c" * 64, "outlet": "Second Wire"})
    story = {"id": "s1", "title": "Lusaka talks", "first_report": hostile.id, "copies": [[copy.id, hostile.id]],
             "outlets": ["<b>Wire</b>", "Second Wire"]}
    alone, both = build([hostile]), build([hostile, copy], stories=[story])
    assert len(both["events"]) == len(alone["events"]) == len(hostile.events)
    assert all(r["also_in"] == ["Second Wire"] for r in both["events"])
    assert both["sources"]["stories"][0]["first_report"].startswith("<b>Wire</b>: " + HOSTILE)
    assert both["sources"]["stories"][0]["copies"] == [["Second Wire", "<b>Wire</b>"]]
    assert "Lusaka talks" in render_html([hostile, copy], stories=[story])


# --------------------------------------------------------------------------------------
# The HTML file: self-contained, escaped, a strict policy


def test_report_embeds_the_chart_data_of_the_examples(examples):
    page = render_html(examples, title="Examples")
    data = _data(page)
    b = build(examples)
    assert len(data["timeline"]["data"]["values"]) == len(b["timeline"])
    assert [v["day"] for v in data["timeline"]["data"]["values"]] == [r["day"] for r in b["timeline"]]
    nodes = [e for e in data["network"] if e["group"] == "nodes"]
    edges = [e for e in data["network"] if e["group"] == "edges"]
    assert len(nodes) == len(b["network"]["nodes"]) and sum(e["data"]["weight"] for e in edges) == sum(
        1 for d in examples for ev in d.events if ev.source and ev.target)
    for section in ("timeline", "network", "balance", "claims", "open", "checks", "sources"):
        assert f'<section id="{section}">' in page
    # every dated event's sentence is in the fallback table, so the page reads without JavaScript
    import html as _html

    for r in b["timeline"]:
        assert _html.escape(r["sentence"]) in page


def test_hostile_article_text_is_escaped_everywhere(hostile):
    page = render_html([hostile])
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; Talks collapse" in page
    assert "<b>Wire</b>" not in page and "&lt;b&gt;Wire&lt;/b&gt;" in page
    p = _parse(page)
    # data cannot close its tag: the parser sees exactly the scripts we wrote, and the JSON
    # still holds the article's text unchanged
    assert len(p.scripts) == 1 + len(outputs.briefing.html.LIBRARIES) + 1
    [(_, text)] = [(a, t) for a, t in p.scripts if a.get("type") == "application/json"]
    assert "</" not in text and "<!--" not in text
    assert any("</script><!--" in q["text"] for q in build([hostile])["speakers"][0]["quotes"]) or any(
        "</script><!--" in r["sentence"] for r in build([hostile])["events"])
    assert json.loads(text)  # parses


def test_csp_allows_exactly_the_inline_scripts_and_style(hostile):
    page = render_html([hostile])
    p = _parse(page)
    [meta] = [m for m in p.metas if m.get("http-equiv") == "Content-Security-Policy"]
    policy = dict((d.split(" ", 1) + [""])[:2] for d in (x.strip() for x in meta["content"].split(";")))
    assert policy["default-src"] == "'none'" and policy["base-uri"] == "'none'"
    executable = [t for a, t in p.scripts if a.get("type") != "application/json"]
    assert set(policy["script-src"].split()) == {_sha(t) for t in executable}
    assert "'unsafe-inline'" not in meta["content"] and "'unsafe-eval'" not in meta["content"]
    assert policy["style-src"].split() == [_sha(s) for s in p.styles]


def test_nothing_is_fetched_from_the_network(hostile):
    page = render_html([hostile])
    p = _parse(page)
    for tag, name, value in p.attrs:
        if name in ("src", "href", "action", "data", "poster", "srcset"):
            assert not re.match(r"\s*(https?:)?//", value), (tag, name, value)
    assert not any(a.get("src") for a, _ in p.scripts)
    assert "<link" not in page and "<iframe" not in page
    for style in p.styles:
        assert "@import" not in style and "url(" not in style


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_charts_render_without_code_generation(examples, tmp_path):
    """Vega compiles and draws both specs with the expression interpreter in a JavaScript
    engine that refuses eval/new Function, as the CSP makes the browser do."""
    from storyline.outputs.briefing.html import _chart_data, asset

    (tmp_path / "charts.json").write_text(json.dumps(_chart_data(build(examples))), "utf-8")
    for name in ("vega.min.js", "vega-lite.min.js", "vega-interpreter.js"):
        (tmp_path / name).write_text(asset(name), "utf-8")
    script = tmp_path / "render.js"
    script.write_text(NODE_RENDER, "utf-8")
    out = subprocess.run(["node", "--disallow-code-generation-from-strings", str(script), str(tmp_path)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    drawn = dict(line.split()[:2] for line in out.stdout.splitlines() if line.startswith(("timeline", "balance")))
    b = build(examples)
    assert int(drawn["timeline"]) >= len(b["timeline"]) and int(drawn["balance"]) > 0


NODE_RENDER = r"""
const fs = require('fs'), vm = require('vm'), dir = process.argv[2];
globalThis.window = globalThis;
for (const f of ['vega.min.js', 'vega-lite.min.js', 'vega-interpreter.js'])
  vm.runInThisContext(fs.readFileSync(dir + '/' + f, 'utf8'), {filename: f});
const data = JSON.parse(fs.readFileSync(dir + '/charts.json', 'utf8'));
(async () => {
  for (const name of ['timeline', 'balance']) {
    const vg = vegaLite.compile(Object.assign({}, data[name], {width: 600})).spec;
    const view = new vega.View(vega.parse(vg, null, {ast: true}), {expr: vega.expressionInterpreter, renderer: 'none'});
    const svg = await view.toSVG();
    console.log(name, (svg.match(/<path/g) || []).length);
  }
})().catch(e => { console.log(e.stack); process.exit(1); });
"""


# --------------------------------------------------------------------------------------
# Markdown, and the command line


def test_markdown_briefing_has_the_same_sections(examples):
    md = render_md(examples, title="Examples")
    b = build(examples)
    heads = [line for line in md.splitlines() if line.startswith("## ")]
    assert heads == ["## Timeline of dated events", "## Actor network", "## Cooperation and conflict by actor",
                     "## Claims and quotes by speaker", "## Open questions", "## Consistency checks", "## Sources"]
    timeline = md.split("## Timeline of dated events")[1].split("\n## ")[0].split("### Events not dated")[0]
    assert sum(1 for line in timeline.splitlines() if line.startswith("| ") and not line.startswith("| date")) == len(b["timeline"])
    assert outputs.get("md", "briefing").render(examples, title="Examples") == md


def _run(*args):
    from storyline.cli import main

    return CliRunner().invoke(main, list(args))


def test_report_on_paths_writes_one_file(tmp_path):
    src = tmp_path / "talks.txt"
    src.write_text("Talks Collapse in Lusaka\n\n" + HOSTILE_TEXT, "utf-8")
    out = tmp_path / "deep" / "briefing.html"
    result = _run("report", str(src), "--format", "html", "-o", str(out), "--published", "2026-04-07")
    assert result.exit_code == 0, result.output
    page = out.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Talks Collapse in Lusaka" in page
    md = _run("report", str(src), "--format", "md")
    assert md.exit_code == 0 and "## Timeline of dated events" in md.stdout


def test_report_reads_the_store_and_selects_by_text(tmp_path, hostile):
    from storyline import store

    other = Document(id="e" * 64, source="other.txt", headline="Harbour reopens", text="The harbour reopened 50% of berths.")
    db = str(tmp_path / "s.duckdb")
    store.ingest(db, [hostile, other])
    out = tmp_path / "b.md"
    result = _run("report", "--db", db, "--query", "LUSAKA", "--format", "md", "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text("utf-8")
    assert "1 articles" in text and "hostile.txt" in text and "other.txt" not in text
    assert "other.txt" in _run("report", "--db", db, "--format", "md").stdout
    assert "other.txt" in _run("report", "--db", db, "--query", "50%", "--format", "md").stdout
    assert _run("report", "--db", db, "--query", "5_%").exit_code == 1  # '_' matches itself only


def test_report_on_one_story_holds_its_articles_and_names_its_first_report(tmp_path):
    """Two outlets' reports of one event and a wire copy, stored and linked: the story's
    briefing has those three articles, the copy marked, and nothing of an unrelated one."""
    base = ("A passenger ferry capsized off the coast of Ilha Verde on Tuesday, killing at least 14 people, the "
            "island's coast guard said. The vessel was carrying about 120 passengers from Porto Alegre do Norte to "
            "Vila Rasa when it overturned in heavy seas, coast guard commander Rui Tavares said. Rescue boats pulled "
            "97 survivors from the water, Tavares told reporters at the harbour.")
    other = ("Divers searched on Wednesday for passengers still missing after the ferry overturned off Ilha Verde, "
             "as the death toll from Tuesday's sinking rose to 19, coast guard commander Rui Tavares said. Families "
             "gathered at the harbour in Porto Alegre do Norte waiting for news of the capsized ferry.")
    bank = ("The central bank of Ilha Verde left its main interest rate unchanged at 6.5 percent on Thursday, "
            "saying inflation had slowed for a third month, Governor Marta Lobo said.")
    rows = [("wire.txt", "Harbour Wire", "2026-03-03", base), ("copy.txt", "The Reprinter", "2026-03-04",
            "Sign up for our newsletter.\n\n" + base), ("other.txt", "Island Courier", "2026-03-04", other),
            ("bank.txt", "Money Daily", "2026-03-05", bank)]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"source": n, "outlet": o, "published": p, "text": t}) + "\n"
                           for n, o, p, t in rows), "utf-8")
    db = str(tmp_path / "s.duckdb")
    assert _run("ingest", str(src), "--db", db).exit_code == 0
    listed = json.loads(_run("stories", "--db", db).stdout)
    story = next(s for s in listed if "wire.txt" in s["articles"])
    assert set(story["articles"]) == {"wire.txt", "copy.txt", "other.txt"}
    result = _run("report", "--db", db, "--story", story["id"], "--format", "md")
    assert result.exit_code == 0, result.output
    assert "3 articles" in result.stdout and "Money Daily" not in result.stdout
    assert "Harbour Wire" in result.stdout and "The Reprinter" in result.stdout
    assert _run("report", "--db", db, "--story", "s000000000000").exit_code == 1


@pytest.mark.parametrize("args,message", [
    ((), "nothing to report on"),
    (("--query", "x"), "give --db FILE"),
    (("--db", "x.duckdb", "--story", "s1"), "no such database"),
    (("a.txt", "--db", "x.duckdb"), "not both"),
    (("--db", "missing.duckdb"), "no such database"),
])
def test_report_errors_are_one_line(args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = _run("report", *args)
    assert result.exit_code in (1, 2)
    lines = result.stderr.strip().splitlines() if result.stderr else result.output.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.output


CHROMIUM = "/usr/bin/chromium"


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")
def test_charts_draw_in_a_real_browser_under_the_policy(examples, tmp_path):
    """Headless Chromium opens the file offline: the three charts draw, and the browser
    reports no Content-Security-Policy violation."""
    page = tmp_path / "briefing.html"
    page.write_text(render_html(examples), "utf-8")
    out = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
         f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=15000", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=180)
    assert out.returncode == 0, out.stderr[-2000:]
    for chart in ("chart-timeline", "chart-network", "chart-balance"):
        assert re.search(rf'id="{chart}"[^>]*data-rendered="true"', out.stdout), chart
    console = [line for line in out.stderr.splitlines() if "CONSOLE" in line]
    assert not [line for line in console if "Content Security Policy" in line or "Refused" in line], console
