"""The web app's fixtures: a DuckDB store filled by the real pipeline from articles written
here and the repository's ``examples/``, the app on a real loopback port, and Chromium."""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SCREENSHOTS = ROOT / "build" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
TOKEN = "test-token-9f2c41"

CLAIM = """Security Service Says It Caught Saboteurs Near Border Plant
By Test Writer
Published March 3, 2026

MOSCOW — Russia's Federal Security Service said on Tuesday that it had detained three men who were planning to blow up a power plant near the border, the state television channel Rossiya-24 reported.

"The group was preparing an attack on orders from abroad," the service said in a statement broadcast by Rossiya-24.

The service has not publicly disclosed any names of the detained men, and the claim could not be independently verified.

Ukraine's Foreign Ministry rejected the accusation on Wednesday. "This is a fabrication," ministry spokesman Petro Bondar told reporters in Kyiv.
"""
"""An article of our own whose claim is unverified, with the evidence for it."""

HOSTILE_HEADLINE = "<script>window.__pwned = 1</script> Mayor <b>resigns</b> & \u202eevil"
HOSTILE_TEXT = (
    "PORTVILLE — Mayor Jane Okafor resigned on Monday, the city council said. "
    "\"<img src=x onerror=\"window.__pwned=2\"> We thank her </span><script>window.__pwned=3</script>,\" "
    "council chairman Omar Diaz told reporters. Protesters attacked the town hall on Sunday. "
    "Caf\u00e9 owners said \u00absomething\u00bb about it \U0001F600, and the police arrested two men. "
    "<style>body{display:none}</style> ]]> --> <!-- \u0000 done."
)
"""An article with markup, script, a right-to-left override and odd characters in it."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fill_store(db: Path, folder: Path) -> None:
    """Write our articles into ``folder`` and store them and ``examples/`` with the real pipeline."""
    from storyline import store
    from storyline.pipeline.batch import Batch

    (folder / "claim.txt").write_text(CLAIM, encoding="utf-8")
    (folder / "hostile.jsonl").write_text(json.dumps({
        "headline": HOSTILE_HEADLINE, "text": HOSTILE_TEXT, "published": "2026-04-06",
        "outlet": "<i>Evil</i> Gazette", "url": "https://example.org/x?\"><script>",
    }) + "\n", encoding="utf-8")
    errors: list[str] = []
    batch = Batch([str(folder), str(EXAMPLES)], False, None, on_error=errors.append)
    store.ingest(db, batch.analyze())
    assert not errors, errors


@pytest.fixture(scope="session")
def store_path(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("webstore")
    articles = base / "articles"
    articles.mkdir()
    db = base / "store.duckdb"
    fill_store(db, articles)
    return db


@pytest.fixture()
def story_store(store_path, tmp_path) -> Path:
    """A copy of the store in which two examples form one story, written through the link
    tables' own writer as ``storyline link`` writes it."""
    from storyline.model.links import Story, StoryMember
    from storyline.model.tables import STORIES, STORY_MEMBERS
    from storyline import store
    from storyline.store import links

    db = tmp_path / "stories.duckdb"
    shutil.copy(store_path, db)
    with store.open_store(db) as con:
        ids = [r[0] for r in con.execute(
            "SELECT id FROM documents WHERE source LIKE ? OR source LIKE ? ORDER BY source",
            ["%tehran-baku%", "%claim.txt"]).fetchall()]
        links.replace(con, {STORIES: [Story(story_id="s1", headline="a story", articles=len(ids))],
                            STORY_MEMBERS: [StoryMember(story_id="s1", doc_id=i, position=n, score=1.0)
                                            for n, i in enumerate(ids)]})
    return db


@pytest.fixture(scope="session")
def live_server(store_path):
    """The app served by uvicorn on a free loopback port, in a thread; its base URL."""
    import uvicorn

    from storyline.web import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(str(store_path), token=TOKEN), host="127.0.0.1", port=port,
                            log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """Debian's Chromium, headless, driven by Playwright (no browser download)."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is absent: apt-get install chromium (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=args, viewport={"width": 1280, "height": 900})
        yield context
        context.close()


@pytest.fixture()
def page(browser):
    pg = browser.new_page()
    pg.errors = []  # uncaught script errors and CSP reports, for the tests to check
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    pg.on("console", lambda msg: pg.errors.append(msg.text) if msg.type == "error" else None)
    yield pg
    pg.close()


@pytest.fixture()
def screenshot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def save(pg, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        pg.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 1000
        return path

    return save
