"""The HTML pages, rendered on the server with Jinja2 (autoescape on: every value from an
article is escaped; the only markup inserted as it is comes from :mod:`.highlight`,
:mod:`.charts` and :mod:`.briefing`, which escape each piece themselves)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from storyline.web import briefing, charts, queries, stories
from storyline.web.api import actor_record, page, search_all
from storyline.web.highlight import article_html
from storyline.web.queries import Filters, Page

router = APIRouter(include_in_schema=False)
ENV = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                  autoescape=select_autoescape(default=True, default_for_string=True))
ENV.globals["actor_name"] = charts.actor_name
ENV.filters["pathpart"] = lambda s: quote(str(s), safe="")
MAX_BRIEFING_DOCS = 200
"""Articles a briefing of the whole store covers, at most (the newest)."""


def _page(name: str, status: int = 200, **context) -> HTMLResponse:
    return HTMLResponse(ENV.get_template(name).render(**context), status_code=status)


def _db(request: Request) -> str:
    return request.app.state.db


@router.get("/", response_class=HTMLResponse)
def home(request: Request):
    with queries.connect(_db(request)) as con:
        counts = queries.counts(con)
        cols, rows = queries.articles(con, Filters(), Page(50, 0))
        any_stories = stories.has_stories(con)
    return _page("home.html", counts=counts, articles=queries.as_dicts(cols, rows), any_stories=any_stories)


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = Query("", max_length=200)):
    results = search_all(_db(request), q, 50) if q.strip() else None
    return _page("search.html", q=q, results=results)


@router.get("/articles/{doc_id}", response_class=HTMLResponse)
def article(request: Request, doc_id: str):
    with queries.connect(_db(request)) as con:
        doc = queries.document(con, doc_id[:200])
    if doc is None:
        raise HTTPException(404, f"no article {doc_id[:80]!r} in this store")
    return _page("article.html", doc=doc, body=Markup(article_html(doc)),
                 timeline=Markup(charts.timeline_svg([doc])), network=Markup(charts.network_svg([doc])))


@router.get("/actors/{name:path}", response_class=HTMLResponse)
def actor(request: Request, name: str, pg: Page = Depends(page)):
    return _page("actor.html", record=actor_record(_db(request), name[:200], pg))


@router.get("/stories", response_class=HTMLResponse)
def story_list(request: Request, pg: Page = Depends(page)):
    with queries.connect(_db(request)) as con:
        cols, rows = stories.story_list(con, pg)
    return _page("stories.html", stories=queries.as_dicts(cols, rows), empty=stories.NO_STORIES)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, story_id: str):
    with queries.connect(_db(request)) as con:
        docs = stories.story_documents(con, story_id[:200])
    if not docs:
        raise HTTPException(404, f"no story {story_id[:80]!r} in this store")
    return _page("story.html", story_id=story_id, docs=docs,
                 timeline=Markup(charts.timeline_svg(docs)), network=Markup(charts.network_svg(docs)))


@router.get("/briefing", response_class=HTMLResponse)
def briefing_page(request: Request, story: Optional[str] = Query(None, max_length=200),
                  q: Optional[str] = Query(None, max_length=200)):
    found = None
    with queries.connect(_db(request)) as con:
        if story:
            docs, found = briefing.story(con, story)
        else:
            cols, rows = queries.articles(con, Filters(q=q), Page(MAX_BRIEFING_DOCS, 0))
            docs = queries.documents(con, [r[cols.index("id")] for r in rows])
    # the outputs' self-contained briefing, served sandboxed (app.BRIEFING_CSP)
    return HTMLResponse(briefing.render(docs, [found] if found else None), headers={"x-storyline-briefing": "1"})


@router.get("/docs", response_class=HTMLResponse)
def docs():
    """The API's reference, drawn from /openapi.json by this server's own script."""
    return _page("docs.html")
