"""Shared inputs of the ingest tests: a pasted article, an HTML page, and a file writer."""

from __future__ import annotations

from pathlib import Path

import pytest

ARTICLE = """Port Workers in Durban End Week-Long Strike After Pay Deal
By Thandiwe Nkosi and Peter Adeyemi
Published March 2, 2026

DURBAN, South Africa, March 2, 2026 — Dockworkers at the port of Durban returned to work on Monday after their union accepted a 7 percent pay rise, ending a week-long strike that left dozens of ships waiting offshore.

"Our members have won what they were owed," union leader Sipho Dlamini told reporters on Monday.

The port operator said in a statement that cargo handling would return to normal by next week.
"""


HTML = """<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>Harbour Bridge Reopens After Repairs | The Coastal Courier</title>
<meta name="author" content="Lena Fischer">
<meta property="og:site_name" content="The Coastal Courier">
<meta property="article:published_time" content="2026-01-20T08:00:00Z">
<script>var tracker = "SCRIPT-TEXT-SHOULD-NOT-APPEAR";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<div class="ad">Advertisement: Cheap flights to anywhere, book today!</div>
<article>
<h1>Harbour Bridge Reopens After Repairs</h1>
<p class="byline">By Lena Fischer</p>
<p>HAMBURG — The harbour bridge reopened to traffic on Tuesday after eight months of repairs, the city's transport department said.</p>
<p>"The bridge is safe for another fifty years," transport senator Klaus Weber told reporters at the opening ceremony on Tuesday morning.</p>
<p>Commuters had faced detours of up to forty minutes since the bridge closed last May, according to the department's figures.</p>
<p>Local shop owners said business had dropped sharply during the closure and welcomed the reopening of the crossing.</p>
</article>
<aside class="related"><h2>Related</h2><ul><li><a href="/a">Tunnel plans shelved again</a></li><li><a href="/b">Ferry fares to rise</a></li></ul></aside>
<section id="comments"><h3>2 Comments</h3><div class="comment"><p>COMMENT-TEXT-SHOULD-NOT-APPEAR the repairs took far too long.</p></div></section>
<footer><p>FOOTER-TEXT-SHOULD-NOT-APPEAR © 2026 The Coastal Courier. All rights reserved.</p></footer>
</body></html>
"""


def _write(directory: Path, name: str, content) -> Path:
    p = directory / name
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8")
    return p


@pytest.fixture
def write():
    """``write(directory, name, content)``: a real file (text as UTF-8, or bytes)."""
    return _write


@pytest.fixture
def article() -> str:
    """A pasted article: headline, byline, date line, dateline, three paragraphs."""
    return ARTICLE


@pytest.fixture
def bridge_html() -> str:
    """A news page with navigation, an advert, related links, comments and a footer."""
    return HTML
