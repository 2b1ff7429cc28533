"""``storyline ingest`` corroborates as it links: ``storyline claims --story ID`` shows each
claim and event of a story with the independent outlets that report it (a wire copy counted
once), the first report, and the contradictions between outlets, both sides quoted; and
``storyline stories --story ID`` carries the same. The real pipeline on articles of our own."""

from __future__ import annotations

import json

from click.testing import CliRunner

from storyline.cli import main

LOW_TOLL = (
    "A passenger ferry capsized off the coast of Ilha Verde on Tuesday, killing 9 people, the "
    "island's coast guard said.\n\n"
    "The Santa Luzia overturned in heavy seas on its way from Porto Alegre do Norte to Vila Rasa, "
    "coast guard commander Rui Tavares said, and divers were searching the hull."
)


def run(*args):
    return CliRunner().invoke(main, list(args))


def _jsonl(tmp_path, texts) -> str:
    rows = [
        {"source": "wire.txt", "outlet": "Harbour Wire", "published": "2026-03-03",
         "headline": "Ferry capsizes off Ilha Verde", "text": texts.wire},
        {"source": "copy.txt", "outlet": "The Harbour Times", "published": "2026-03-03",
         "headline": "Overloaded ferry sinks in heavy seas", "text": texts.wire_copy(texts.wire)},
        {"source": "low.txt", "outlet": "Island Courier", "published": "2026-03-03",
         "headline": "Nine dead as ferry overturns", "text": LOW_TOLL},
        {"source": "bank.txt", "outlet": "Money Daily", "published": "2026-03-05",
         "headline": "Central bank holds rates", "text": texts.budget},
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return str(path)


def _ferry_story(db) -> dict:
    res = run("stories", "--db", db)
    assert res.exit_code == 0, res.output
    return next(s for s in json.loads(res.stdout) if "wire.txt" in s["articles"])


def test_claims_show_independent_outlets_the_first_report_and_contradictions(tmp_path, texts):
    db = str(tmp_path / "c.duckdb")
    res = run("ingest", _jsonl(tmp_path, texts), "--db", db)
    assert res.exit_code == 0, res.output
    story = _ferry_story(db)
    assert {"wire.txt", "copy.txt", "low.txt"} <= set(story["articles"]) and "bank.txt" not in story["articles"]
    res = run("claims", "--story", story["id"], "--db", db, "--format", "json")
    assert res.exit_code == 0, res.output
    found = json.loads(res.stdout)
    # the coast guard's capsizing report, carried by the wire and its reprint: one independent outlet
    carried = [k for k in found["events"] + found["claims"]
               if {"Harbour Wire", "The Harbour Times"} <= {w["outlet"] for w in k["reported_by"]}]
    assert carried
    # the reprint adds nothing of its own, so it is nowhere an independent outlet (an event with no
    # actor on either side included: the same words in the copy are the same report)
    assert all("The Harbour Times" not in k["independent_outlets"] for k in found["events"] + found["claims"])
    for k in carried:
        assert "The Harbour Times" not in k["independent_outlets"]  # the copy is not corroboration
        assert k["first_report"]["outlet"] in ("Harbour Wire", "Island Courier")
    # 9 dead in one outlet against at least 14 in another: a contradiction naming both
    figures = [c for c in found["contradictions"] if c["kind"] == "figure"]
    assert figures, found["contradictions"]
    sides = {(figures[0]["outlet_a"], figures[0]["outlet_b"])}
    assert sides & {("Harbour Wire", "Island Courier"), ("Island Courier", "Harbour Wire")}
    texts_ = figures[0]["text_a"] + " | " + figures[0]["text_b"]
    assert "14" in texts_ and "9" in texts_
    # every span points into its document's text
    for c in figures:
        assert c["span_a_end"] > c["span_a_start"] and c["span_b_end"] > c["span_b_start"]


def test_stories_story_carries_the_same_support_and_md_reads(tmp_path, texts):
    db = str(tmp_path / "d.duckdb")
    assert run("ingest", _jsonl(tmp_path, texts), "--db", db).exit_code == 0
    story = _ferry_story(db)
    res = run("stories", "--db", db, "--story", story["id"])
    detail = json.loads(res.stdout)
    assert {"claims", "events", "contradictions"} <= set(detail)
    res = run("claims", "--story", story["id"], "--db", db)
    assert res.exit_code == 0
    assert "## Claims" in res.output and "## Contradictions" in res.output and "Island Courier" in res.output
    res = run("claims", "--story", "s000000000000", "--db", db)
    assert res.exit_code == 1 and "no story 's000000000000'" in res.output
