"""The plain-text layout: headline, standfirst, byline, date lines, dateline, sources block, junk."""

from __future__ import annotations

import pytest

from storyline.ingest import parse_text


def test_layout_headline_byline_date_dateline(article):
    doc = parse_text(article, source="durban.txt")
    assert doc.headline == "Port Workers in Durban End Week-Long Strike After Pay Deal"
    assert doc.byline == "Thandiwe Nkosi and Peter Adeyemi"
    assert doc.published == "2026-03-02"
    assert doc.dateline == "DURBAN, South Africa, March 2, 2026"
    # The dateline stays in the body; header lines do not.
    assert doc.text.startswith("DURBAN, South Africa, March 2, 2026 — Dockworkers")
    assert "Published" not in doc.text and "By Thandiwe" not in doc.text
    assert doc.text.endswith("by next week.")
    assert doc.source == "durban.txt"


def test_published_override_wins_over_date_line(article):
    doc = parse_text(article, published="2026-03-05")
    assert doc.published == "2026-03-05"
    with pytest.raises(ValueError):
        parse_text(article, published="5 March 2026")


@pytest.mark.parametrize(
    "date_line, expected",
    [
        ("Published January 26, 2025", "2025-01-26"),
        ("Updated: July 9, 2025", "2025-07-09"),
        ("17 June 2025", "2025-06-17"),
        ("March 4, 2026", "2026-03-04"),
        ("Posted on Tuesday, 3rd of February, 2026 at 10:32 a.m.", "2026-02-03"),
        ("Published Jan. 5, 2026 | Updated 09:15 GMT", "2026-01-05"),
        ("2025-11-30", "2025-11-30"),
    ],
)
def test_date_lines(date_line, expected):
    doc = parse_text(f"Floods Cut Road Links in Northern Region\n{date_line}\n\nHeavy rain closed three roads on Sunday.")
    assert doc.published == expected
    assert doc.headline == "Floods Cut Road Links in Northern Region"
    assert doc.text == "Heavy rain closed three roads on Sunday."


def test_published_and_updated_prefers_published():
    text = "Talks Stall Again\nUpdated: May 3, 2026\nPublished: May 1, 2026\n\nNegotiators left without a deal."
    assert parse_text(text).published == "2026-05-01"


def test_standfirst_between_headline_and_byline():
    text = (
        "Drought Forces Water Rationing in Three Cities\n"
        "Authorities say supplies will be cut for 12 hours a day until the rains return\n"
        "By Nomvula Dube\n"
        "Published 8 January 2026\n\n"
        "BULAWAYO — Water will be rationed from Monday, the city council said."
    )
    doc = parse_text(text)
    assert doc.headline == "Drought Forces Water Rationing in Three Cities"
    assert doc.byline == "Nomvula Dube" and doc.published == "2026-01-08"
    assert doc.text == "BULAWAYO — Water will be rationed from Monday, the city council said."


def test_second_line_without_a_following_byline_is_body():
    text = "Drought Forces Water Rationing\nWater will be rationed from Monday, the council said.\nIt blamed the drought."
    doc = parse_text(text)
    assert doc.headline == "Drought Forces Water Rationing"
    assert doc.text == "Water will be rationed from Monday, the council said.\nIt blamed the drought."


def test_byline_with_date_on_one_line():
    doc = parse_text("Senate Passes Budget\nBy MARIA LOPEZ | April 14, 2026\n\nThe Senate approved the budget late on Monday.")
    assert doc.byline == "MARIA LOPEZ"
    assert doc.published == "2026-04-14"


@pytest.mark.parametrize(
    "opening, dateline",
    [
        ("Caracas / Moscow — Officials traded accusations", "Caracas / Moscow"),
        ("NAIROBI (Kenya) - Police arrested 12 people", "NAIROBI (Kenya)"),
        ("WASHINGTON (Reuters) — The Senate voted", "WASHINGTON (Reuters)"),
        ("BEIJING, March 4, 2026 - China said", "BEIJING, March 4, 2026"),
        ("KYIV, Ukraine (AP) — Air raid sirens sounded", "KYIV, Ukraine (AP)"),
        ("LONDON, Jan 5 (Reuters) - Britain said", "LONDON, Jan 5 (Reuters)"),
        ("NEW DELHI: India's cabinet approved", "NEW DELHI"),
        ("Rio de Janeiro — Thousands marched", "Rio de Janeiro"),
    ],
)
def test_datelines(opening, dateline):
    doc = parse_text(f"A Headline Without a Full Stop\n\n{opening} on Monday.")
    assert doc.dateline == dateline
    assert doc.text.startswith(opening)


@pytest.mark.parametrize(
    "opening",
    [
        "Officials — including the mayor — said the bridge would reopen.",
        "The minister — who resigned last year — returned on Monday.",
        "Witnesses: the convoy passed at dawn.",
        "BREAKING — The parliament has been dissolved.",
        "Moscow: a city of contrasts, the mayor said.",
    ],
)
def test_not_datelines(opening):
    doc = parse_text(f"Headline Here\n\n{opening}")
    assert doc.dateline is None
    assert doc.text == opening


def test_dated_dateline_gives_published_when_no_date_line():
    doc = parse_text("Ceasefire Holds\n\nGENEVA, 5 March 2026 — Negotiators met again on Thursday.")
    assert doc.published == "2026-03-05"


def test_sources_block_and_trailing_junk_removed():
    text = (
        "Lagos Governor Orders Review of Market Demolitions\n"
        "Published 9 February 2026\n\n"
        "LAGOS — The state governor ordered a review of market demolitions on Sunday, officials said.\n\n"
        "Traders said they had received no notice.\n\n\n"
        "SOURCES: COASTAL TIMES – Traders count losses after Lagos demolitions\n"
        "LAGOS STATE GOVERNMENT – Statement on the review of urban renewal projects\n"
        "RADIO HARBOUR\n\n"
        "\u00a0\n\n"
        "Be the first to comment\n\n"
        "Leave a Reply\n"
        "Your email address will not be published.\n"
    )
    doc = parse_text(text)
    assert [(c.outlet, c.title) for c in doc.cited_sources] == [
        ("COASTAL TIMES", "Traders count losses after Lagos demolitions"),
        ("LAGOS STATE GOVERNMENT", "Statement on the review of urban renewal projects"),
        ("RADIO HARBOUR", None),
    ]
    assert doc.text.endswith("Traders said they had received no notice.")
    assert "SOURCES" not in doc.text and "comment" not in doc.text and "Reply" not in doc.text


def test_sources_block_with_numbers_and_links():
    text = (
        "Wheat Prices Climb\n\nWheat futures rose 3 percent on Thursday.\n\n"
        "Sources\n"
        "1. Grain Journal – Futures rally on export curbs\n"
        "[2] https://www.harvest-news.example/markets/wheat-rally-2026?ref=rss\n"
    )
    doc = parse_text(text)
    assert [(c.outlet, c.title) for c in doc.cited_sources] == [
        ("Grain Journal", "Futures rally on export curbs"),
        ("harvest-news.example", "https://www.harvest-news.example/markets/wheat-rally-2026?ref=rss"),
    ]
    assert doc.text == "Wheat futures rose 3 percent on Thursday."


def test_sources_list_on_header_line():
    doc = parse_text("Storm Hits Coast\n\nHeavy winds struck the coast on Friday.\n\nSources: Reuters, AFP and local media")
    assert [c.outlet for c in doc.cited_sources] == ["Reuters", "AFP", "local media"]
    assert doc.text == "Heavy winds struck the coast on Friday."


def test_sources_paragraph_in_the_middle_is_body_text():
    text = (
        "Deal Near in Trade Talks\n\n"
        "Negotiators met in Brussels on Monday.\n\n"
        "Sources: two officials familiar with the talks said a deal was close.\n\n"
        "The next round is set for next month."
    )
    doc = parse_text(text)
    assert doc.cited_sources == []
    assert "two officials familiar with the talks" in doc.text
    assert doc.text.endswith("next month.")


def test_first_line_that_is_a_sentence_is_not_a_headline():
    text = "Rebels seized the town of Goma on Sunday, residents said.\n\nThe army withdrew overnight."
    doc = parse_text(text)
    assert doc.headline is None
    assert doc.text == text


def test_header_only_input_keeps_text_as_body():
    doc = parse_text("Minister Resigns")
    assert doc.text == "Minister Resigns"


def test_raw_mode_keeps_every_offset():
    text = "Budget Vote Delayed\r\nPublished May 2, 2026\r\n\r\nLIMA — Congress delayed the vote.\r\nSOURCES: EL DIARIO\r\n"
    doc = parse_text(text, raw=True, published="2026-05-02")
    assert doc.text == text
    assert doc.headline is None and doc.dateline is None and doc.cited_sources == []
    start = text.index("Congress")
    assert doc.text[start : start + len("Congress")] == "Congress"
    assert doc.published == "2026-05-02"


def test_odd_typography_does_not_crash():
    for text in ["", "   \n\n", "“unbalanced", "— — —", "SOURCES:", "By\n\n", "\u2028\u2029x"]:
        parse_text(text)
