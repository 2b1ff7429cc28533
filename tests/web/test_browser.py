"""End to end in Debian's Chromium (headless, through Playwright): the app on a loopback port
over a store the real pipeline filled. Screenshots go to build/screenshots/."""

from __future__ import annotations

import re
import threading
import time

import pytest

from .conftest import HOSTILE_HEADLINE, TOKEN


def _open_article(page, base: str, query: str, headline: str) -> None:
    page.goto(f"{base}/")
    page.fill("form.search input[name=q]", query)
    page.click("form.search button")
    page.wait_for_url(re.compile(r"/search\?q="))
    page.click(f"#results-articles a:text-is({headline!r})")
    page.wait_for_selector("#body .hl")


def test_search_open_article_and_click_a_quote(page, live_server, screenshot):
    page.goto(f"{live_server}/search?q=Kazemi")
    for kind in ("articles", "entities", "quotes", "events"):
        assert page.locator(f"#results-{kind} h2").count() == 1
    assert page.locator("#results-quotes tbody tr").count() >= 1
    screenshot(page, "search")
    page.click("#results-articles a >> nth=0")
    page.wait_for_selector("#body .hl-quote")
    assert page.locator("#body .hl-entity").count() > 0
    assert page.locator("#body .hl-event").count() > 0
    assert page.locator("#body .hl-time").count() > 0
    quote = page.locator("#body .hl-quote", has_text="Our colleagues").first
    quote.click()
    record = page.locator("#record .rec-quote").first
    record.wait_for()
    text = record.inner_text()
    assert "Kazemi" in text and "Speaker" in text and "Status" in text and "said" in text
    assert page.locator("#body .hl.selected").count() >= 1
    screenshot(page, "article-quote-record")
    page.locator("#body .hl-event").first.click()
    event = page.locator("#record .rec-event").first
    event.wait_for()
    assert "Sentence" in event.inner_text() and "Code" in event.inner_text()
    assert not page.errors, page.errors


def test_new_user_finds_the_unverified_claim_and_its_evidence(page, live_server, screenshot):
    _open_article(page, live_server, "Rossiya-24", "Security Service Says It Caught Saboteurs Near Border Plant")
    claim = page.locator("#body .hl-quote", has_text="three men who were planning").first
    claim.click()
    record = page.locator("#record .rec-quote").first
    record.wait_for()
    text = record.inner_text()
    assert "unverified" in text
    assert "has not publicly disclosed any names" in text
    assert "Federal Security Service" in text
    screenshot(page, "unverified-claim")
    page.goto(f"{live_server}/briefing")
    # the briefing lists the claim under its speaker, marked unverified, with its evidence
    row = page.locator("#claims li", has=page.locator(".status.s-unverified"), has_text="detained three men").first
    assert "has not publicly disclosed any names" in row.inner_text()
    # and its charts ran under the sandboxing policy the app serves it with: Vega drew an SVG
    page.wait_for_selector("#chart-timeline svg", timeout=10_000)
    screenshot(page, "briefing")
    assert not page.errors, page.errors


def test_timeline_and_network_render(page, live_server, screenshot):
    page.goto(f"{live_server}/search?q=Azerbaijan")
    page.click("#results-articles a:has-text('Azerbaijan Expels') >> nth=0")
    page.wait_for_selector("svg.timeline")
    assert page.locator("svg.timeline g.tl-event circle").count() >= 2
    assert page.locator("svg.network g.net-node").count() >= 2
    assert page.locator("svg.network g.net-edge line").count() >= 1
    box = page.locator("svg.network").bounding_box()
    assert box and box["width"] > 100 and box["height"] > 100
    labels = page.locator("svg.network g.net-node text").all_text_contents()
    assert any(label.strip() for label in labels)
    screenshot(page, "article-charts")


def test_story_view_with_and_without_stories(page, live_server, story_store, screenshot):
    page.goto(f"{live_server}/stories")
    assert "no stories in this store" in page.locator("#no-stories").inner_text()
    screenshot(page, "stories-empty")
    import uvicorn

    from storyline.web import create_app

    from .conftest import _free_port

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(str(story_store)), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        while not server.started:
            assert thread.is_alive()
            time.sleep(0.05)
        page.goto(f"http://127.0.0.1:{port}/stories")
        page.click("ul.stories a")
        page.wait_for_selector("svg.timeline")
        assert page.locator("ul.articles li").count() == 2
        assert page.locator("svg.timeline g.tl-event").count() >= 2
        assert page.locator("svg.network g.net-node").count() >= 2
        screenshot(page, "story")
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_actor_view(page, live_server, screenshot):
    page.goto(f"{live_server}/search?q=Hasanova")
    page.click("#results-entities a >> nth=0")
    page.wait_for_selector("#actor")
    assert "Hasanova" in page.locator("#actor").inner_text()
    assert page.locator("#said tbody tr").count() >= 1
    for section in ("#did", "#done-to"):
        assert page.locator(f"{section} h2").count() == 1
    screenshot(page, "actor")


def test_hostile_article_shows_markup_as_text_and_runs_nothing(page, live_server, screenshot):
    page.goto(f"{live_server}/")
    link = page.locator("ul.articles a", has_text="window.__pwned")
    assert link.inner_text() == HOSTILE_HEADLINE
    link.click()
    page.wait_for_selector("#headline")
    assert page.locator("#headline").inner_text() == HOSTILE_HEADLINE
    body = page.locator("#body").inner_text()
    assert "<script>window.__pwned=3</script>" in body and '<img src=x onerror="window.__pwned=2">' in body
    assert page.locator("#body script, #body img, #body style, #headline b").count() == 0
    for hl in page.locator("#body .hl").all()[:12]:
        hl.click()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert "Evil" in page.locator(".meta .outlet").inner_text()
    screenshot(page, "hostile-article")
    page.goto(f"{live_server}/search?q=pwned")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("main script, main img").count() == 0
    page.goto(f"{live_server}/briefing")
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_api_reference_renders_offline(page, live_server, screenshot):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{live_server}/docs")
    page.wait_for_selector("#openapi section.op")
    text = page.locator("#openapi").inner_text()
    assert "/api/quotes" in text and "/api/articles" in text and "POST" in text
    assert all(url.startswith(live_server) for url in requests), requests
    screenshot(page, "api-docs")


def test_a_post_through_the_live_server_appears_in_the_pages(page, live_server):
    import httpx

    article = {"text": "Port Workers Strike\n\nVALPARAISO — Dock workers walked off the job on Thursday, "
                       "union leader Rosa Fuentes said. \"We will stay out until wages rise,\" Fuentes told reporters.",
               "published": "2026-06-04", "outlet": "Test Wire"}
    r = httpx.post(f"{live_server}/api/articles", json=article, headers={"Authorization": f"Bearer {TOKEN}"},
                   timeout=120)
    assert r.status_code == 201, r.text
    page.goto(live_server + r.json()["page"])
    assert page.locator("#headline").inner_text() == "Port Workers Strike"
    assert page.locator("#body .hl-quote").count() >= 1
    denied = httpx.post(f"{live_server}/api/articles", json=article, timeout=30)
    assert denied.status_code == 401
