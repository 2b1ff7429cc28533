"""Sections: headings split the body; commentary headings make analysis sections."""

from __future__ import annotations

from storyline.extract import sections
from storyline.pipeline import run_stages
from storyline.model import Document

ARTICLE = """Harbour workers in Valdora walked off the job on Monday, halting container traffic.

The union said the strike would last until wages were raised.

Strike Timeline and Broader Implications

Port officials said the last strike, in 2019, lasted nine days.

Analysis: Why the Port Matters

The stoppage could ripple through regional supply chains.

1. Shipping Costs

  • Freight rates may climb if the strike drags on.

2. Politics

  • The governor might face pressure before the vote.

What Comes Next

Talks resume on Thursday, the labour ministry said.
"""


def test_sections_tile_the_text():
    secs = sections.split(ARTICLE)
    assert secs[0].span[0] == 0 and secs[-1].span[1] == len(ARTICLE)
    for a, b in zip(secs, secs[1:]):
        assert a.span[1] == b.span[0]


def test_commentary_heading_opens_analysis_and_numbered_subheadings_inherit():
    secs = {s.title: s.kind for s in sections.split(ARTICLE)}
    assert secs[None] == "reporting"
    # "Implications" only at the end of a heading: ordinary reporting
    assert secs["Strike Timeline and Broader Implications"] == "reporting"
    assert secs["Analysis: Why the Port Matters"] == "analysis"
    assert secs["1. Shipping Costs"] == "analysis"
    assert secs["2. Politics"] == "analysis"
    assert secs["What Comes Next"] == "analysis"


def test_heading_detection():
    assert sections.is_heading("💬 Overall Takeaway:")
    assert sections.is_heading("Who Are the “Spies”?")
    assert not sections.is_heading("The minister resigned on Tuesday.")
    assert not sections.is_heading("  • Prices could rise")
    assert not sections.is_heading("“We will not back down,” she said.")
    assert sections.heading_kind("⚠️ Implications of the Ruling for Farmers") == "analysis"
    assert sections.heading_kind("Overall Takeaway:") == "analysis"
    assert sections.heading_kind("Opinion: the court got it wrong") == "analysis"
    assert sections.heading_kind("Context: The 2019 Strike") is None


def test_speculative_bullets_without_heading_read_as_commentary():
    text = ("Officials met on Monday.\n\nWhat to Expect Later\n\n"
            "  • Markets could fall sharply.\n  • The central bank may raise rates.\n"
            "  • Exporters might lose contracts.\n")
    secs = sections.split(text)
    assert secs[-1].kind == "analysis"
    text2 = text.replace("What to Expect Later", "Market Moves on Monday")
    assert sections.split(text2)[-1].kind == "analysis"  # content cue: speculative bullets
    plain = "Officials met on Monday.\n\nMarket Moves\n\n  • Stocks fell 2%.\n  • Bonds rose.\n  • Oil slipped.\n"
    assert sections.split(plain)[-1].kind == "reporting"


def test_kind_at_and_stage(nlp):
    doc = Document(source="t", text=ARTICLE)
    run_stages(doc, nlp(ARTICLE), ["sections"])
    assert doc.section_kind_at(ARTICLE.index("Freight rates")) == "analysis"
    assert doc.section_kind_at(ARTICLE.index("The union said")) == "reporting"


def test_odd_input_never_fails():
    assert sections.split("")[0].span == (0, 0)
    assert sections.split("\n\n\n")[0].kind == "reporting"
    assert sections.split("Analysis")[0].kind == "analysis"


def test_glued_bullets_mark_a_list_line_without_a_space():
    assert not sections.is_heading("•Prices could rise")  # a glued bullet: a list line
    assert not sections.is_heading("- Prices could rise")  # a dash bullet needs its space …
    assert sections.is_heading("-Prices could rise")  # … without it the line may be a heading
