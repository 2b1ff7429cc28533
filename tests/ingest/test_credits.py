"""Wire credits: the agency of a dateline and trailing credit lines are recorded in
``cited_sources`` (kind "wire" for an agency of data/wires.toml), and a credit line is cut
from the body so that it never becomes a section or a quote."""

from __future__ import annotations

import pytest

from storyline.ingest import parse_html, parse_text
from storyline.ingest.credits import credit_line, dateline_credits, wire_name
from storyline.ingest.dateline import dateline
from storyline.ingest.feed import read_feed

BODY = ("Oil prices rose on Thursday after an outage on a pipeline in northern Iraq cut exports, traders said.\n\n"
        '"The market is tight," said one trader in Singapore.')


def _wires(doc) -> list[str]:
    return [c.outlet for c in doc.cited_sources if c.kind == "wire"]


@pytest.mark.parametrize("opening,core", [
    ("April 30 (Reuters) – ", "April 30 (Reuters)"),
    ("April 30 (Reuters) - ", "April 30 (Reuters)"),
    ("Thursday, April 30, 2026 (AFP) — ", "Thursday, April 30, 2026 (AFP)"),
    ("(AP) — ", "(AP)"),
])
def test_a_dateline_without_a_place_is_a_dateline(opening, core):
    found = dateline(opening + BODY)
    assert found is not None and found[0] == core and found[2] == len(opening)


@pytest.mark.parametrize("opening", ["April 30 (local time) – ", "(Updated) — ", "April 30 – "])
def test_a_bracket_that_names_no_agency_is_no_placeless_dateline(opening):
    assert dateline(opening + BODY) is None


def test_the_placeless_dateline_does_not_open_a_quote():
    doc = parse_text("Oil rises after outage\n\nApril 30 (Reuters) – " + BODY + "\n")
    assert doc.dateline == "April 30 (Reuters)" and _wires(doc) == ["Reuters"]
    from storyline.pipeline import analyze as run

    [done] = list(run([doc]))
    assert done.quotes and all(not q.text.startswith("April") for q in done.quotes)
    assert all(q.span[0] >= doc.dateline_span[1] for q in done.quotes)


@pytest.mark.parametrize("line,wires", [
    ("KYIV, Ukraine (AP) —", ["Associated Press"]),
    ("LONDON, April 30 (Reuters) -", ["Reuters"]),
    ("BEIJING (Xinhua/AFP) --", ["Xinhua", "Agence France-Presse"]),
])
def test_the_agency_of_a_dateline_is_a_wire_credit(line, wires):
    doc = parse_text(f"Headline of the story\n\n{line} {BODY}\n")
    assert doc.dateline is not None and _wires(doc) == wires


def test_a_region_in_brackets_is_no_credit():
    doc = parse_text(f"Headline of the story\n\nNAIROBI (Kenya) - {BODY}\n")
    assert doc.dateline == "NAIROBI (Kenya)" and doc.cited_sources == []
    assert dateline_credits("NAIROBI (Kenya)") == []


@pytest.mark.parametrize("tail,cited", [
    ("Based on reporting by AFP and Interfax", [("Agence France-Presse", "wire"), ("Interfax", "wire")]),
    ("(Based on reporting by The Guardian and Reuters)", [("The Guardian", "source"), ("Reuters", "wire")]),
    ("Reporting by Marta Kowalska in Warsaw and Ivan Petrenko in Kyiv; Editing by Tom Ray", []),
    ("Additional reporting by AP; writing by Lena Fischer", [("Associated Press", "wire")]),
    ("With AFP", [("Agence France-Presse", "wire")]),
    ("— AFP", [("Agence France-Presse", "wire")]),
    ("The Associated Press contributed to this report.", [("Associated Press", "wire")]),
    ("Associated Press writers Nora Quist and Emil Sandoval contributed to this report.", [("Associated Press", "wire")]),
    ("Halima Yusuf contributed reporting from Kano.", []),
])
def test_trailing_credit_lines_are_cut_and_recorded(tail, cited):
    doc = parse_text(f"Headline of the story\n\n{BODY}\n\n{tail}\n")
    assert doc.text == BODY
    assert [(c.outlet, c.kind) for c in doc.cited_sources] == cited


@pytest.mark.parametrize("closing", [
    "Reporting by the newspaper drew criticism from the ministry, which called it biased.",
    "With prices this high, few drivers expect relief before the summer.",
    "With love from Paris",
    "The ministry contributed research funds to the flood programme.",
])
def test_closing_sentences_that_open_like_credits_stay_in_the_body(closing):
    doc = parse_text(f"Headline of the story\n\n{BODY}\n\n{closing}\n")
    assert doc.text.endswith(closing) and doc.cited_sources == []


def test_credit_line_and_sources_block_together():
    doc = parse_text(f"Headline of the story\n\n{BODY}\n\nBased on reporting by Interfax\n\nSOURCES:\nBREITBART – Oil rises\n")
    assert doc.text == BODY
    assert [(c.outlet, c.kind) for c in doc.cited_sources] == [("Interfax", "wire"), ("BREITBART", "source")]


def test_a_based_on_line_is_neither_a_section_nor_a_quote():
    from storyline.pipeline import analyze as run

    doc = parse_text(f"Headline of the story\n\n{BODY}\n\nBased on reporting by AFP and Interfax\n")
    [done] = list(run([doc]))
    assert all(s.title is None or "reporting" not in s.title for s in done.sections)
    assert all("Based on" not in q.text for q in done.quotes)
    assert "Based on" not in done.text


def test_html_page_credit():
    paras = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
    html = (f"<html><head><title>Oil rises | The Daily Ledger</title></head><body><article><h1>Oil rises</h1>{paras}"
            f"<p>Oil traders in London and Singapore said supplies would stay tight into next month.</p>"
            f"<p>Based on reporting by Reuters</p></article></body></html>")
    doc = parse_html(html, source="page.html")
    assert _wires(doc) == ["Reuters"] and "Based on" not in doc.text


def test_feed_entry_credit():
    content = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n")) + "<p>With AFP</p>"
    feed = (f"<rss version='2.0'><channel><title>Ledger</title><item><title>Oil rises</title><link>https://e.org/1</link>"
            f"<description><![CDATA[{content}]]></description></item></channel></rss>")
    [doc] = read_feed(feed, "f.rss", raw=False, published=None)
    assert doc.text == BODY and _wires(doc) == ["Agence France-Presse"]


def test_agency_names_are_matched_as_printed():
    assert wire_name("AP") == "Associated Press" and wire_name("The Associated Press") == "Associated Press"
    assert wire_name("ap") is None and wire_name("Apple") is None
    assert credit_line("With Apple") is None and credit_line("— Reuters") is not None
