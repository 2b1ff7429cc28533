"""Markup nested deeper than the HTML parser keeps is flattened: its text is still found."""

from __future__ import annotations

from storyline.ingest import parse_html
from storyline.ingest.nesting import MAX_DEPTH, flatten, too_deep
from storyline.ingest.html import html_tree

PARA = "Police in Nairobi said on Monday that 40 people had been arrested after the protest. " * 4


def _page(depth: int, tag: str = "div", closed: bool = True) -> str:
    return f"<html><body>{f'<{tag}>' * depth}<p>{PARA}</p>{f'</{tag}>' * depth if closed else ''}</body></html>"


def test_text_inside_20000_nested_divs_is_found():
    doc = parse_html(_page(20_000))
    assert doc.text == PARA.strip()
    assert doc.notes == [f"HTML nested over 255 elements deep: tags below depth {MAX_DEPTH} dropped, their text kept"]


def test_unclosed_deep_nesting_of_another_tag():
    assert parse_html(_page(5_000, "blockquote", closed=False)).text == PARA.strip()


def test_a_page_the_parser_can_nest_is_untouched():
    page = _page(200)
    assert not too_deep(html_tree(page))
    doc = parse_html(page)
    assert doc.text == PARA.strip() and doc.notes == []


def test_flatten_keeps_text_comments_and_scripts():
    html = "<div>" * 5 + "<!-- <div> --><script>if (a<b) x = '<div>';</script><p>Words &amp; more</p>" + "</div>" * 5
    flat = flatten(html, max_depth=2)
    assert flat == "<div><div><!-- <div> --><script>if (a<b) x = '<div>';</script><p>Words &amp; more</p></div></div>"
