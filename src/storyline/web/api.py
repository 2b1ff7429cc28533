"""The JSON endpoints: the same data as the pages, paginated and filterable, exportable.

Every list takes ``limit`` (1..500) and ``offset``, the filters that apply to it (``actor``,
``root``, ``date_from``, ``date_to``, ``outlet``, ``status``, ``q``) and ``format``: ``json``
(the default: ``{"items": [...], "limit", "offset", "count"}``), ``csv`` or ``parquet``
(a file of up to :data:`~storyline.web.queries.MAX_EXPORT` rows from ``offset``).
"""

from __future__ import annotations

from typing import Literal, Optional

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response

from storyline.web import articles as posting
from storyline.web import queries, stories
from storyline.web.export import to_csv, to_parquet
from storyline.web.queries import MAX_EXPORT, MAX_LIMIT, MAX_OFFSET, Filters, Page

router = APIRouter(prefix="/api", tags=["api"])

STATUSES = Literal["asserted", "hedged", "unverified", "disputed", "denied", "speculative",
                   "reported", "alleged", "planned", "negated", "hypothetical"]
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
Format = Literal["json", "csv", "parquet"]


def filters(
    actor: Optional[str] = Query(None, max_length=200, description="actor code (RUSGOV) or part of a name"),
    root: Optional[str] = Query(None, pattern=r"^\d{1,2}$", description="CAMEO root code: 17"),
    date_from: Optional[str] = Query(None, pattern=DATE, description="YYYY[-MM[-DD]], inclusive"),
    date_to: Optional[str] = Query(None, pattern=DATE, description="YYYY[-MM[-DD]], inclusive"),
    outlet: Optional[str] = Query(None, max_length=200, description="part of the outlet's name"),
    status: Optional[STATUSES] = Query(None, description="a quote's or an event's status"),
    q: Optional[str] = Query(None, max_length=200, description="words the text contains"),
) -> Filters:
    return Filters(actor, root, date_from, date_to, outlet, status, q)


def page(limit: int = Query(50, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> Page:
    return Page(limit, offset)


def _db(request: Request) -> str:
    return request.app.state.db


def _listed(name: str, result, pg: Page, fmt: str) -> Response:
    columns, rows = result
    if fmt == "csv":
        return Response(to_csv(columns, rows), media_type="text/csv; charset=utf-8",
                        headers={"content-disposition": f'attachment; filename="{name}.csv"'})
    if fmt == "parquet":
        return Response(to_parquet(columns, rows), media_type="application/vnd.apache.parquet",
                        headers={"content-disposition": f'attachment; filename="{name}.parquet"'})
    items = queries.as_dicts(columns, rows)
    return JSONResponse({"items": _jsonable(items), "limit": pg.limit, "offset": pg.offset, "count": len(items)})


def _jsonable(items: list[dict]) -> list[dict]:
    import json

    return json.loads(json.dumps(items, default=str))


def _export_page(pg: Page, fmt: str) -> Page:
    return Page(MAX_EXPORT, pg.offset) if fmt != "json" else pg


@router.get("/articles", summary="Articles, newest first")
def list_articles(request: Request, f: Filters = Depends(filters), pg: Page = Depends(page), format: Format = "json"):
    with queries.connect(_db(request)) as con:
        return _listed("articles", queries.articles(con, f, _export_page(pg, format)), pg, format)


@router.get("/articles/{doc_id}", summary="One article's whole record")
def get_article(request: Request, doc_id: str):
    with queries.connect(_db(request)) as con:
        doc = queries.document(con, doc_id[:200])
    if doc is None:
        raise HTTPException(404, f"no article {doc_id[:80]!r} in this store")
    return JSONResponse(doc.model_dump(mode="json"))


@router.post("/articles", status_code=201, summary="Analyse and store an article (needs the token)")
def post_article(request: Request, article: posting.ArticleIn):
    return JSONResponse(posting.ingest(_db(request), article, request.app.state.allow_private), status_code=201)


@router.get("/quotes", summary="Quotes and claims, with speaker, status and evidence")
def list_quotes(request: Request, f: Filters = Depends(filters), pg: Page = Depends(page), format: Format = "json"):
    with queries.connect(_db(request)) as con:
        return _listed("quotes", queries.quotes(con, f, _export_page(pg, format)), pg, format)


@router.get("/events", summary="Coded events, oldest first")
def list_events(request: Request, f: Filters = Depends(filters), pg: Page = Depends(page), format: Format = "json"):
    with queries.connect(_db(request)) as con:
        return _listed("events", queries.events(con, f, _export_page(pg, format)), pg, format)


@router.get("/entities", summary="Entities by name, with how many articles name them")
def list_entities(request: Request, f: Filters = Depends(filters), pg: Page = Depends(page), format: Format = "json"):
    with queries.connect(_db(request)) as con:
        return _listed("entities", queries.entities(con, f, _export_page(pg, format)), pg, format)


@router.get("/search", summary="Articles, entities, quotes and events matching q")
def search(request: Request, q: str = Query(..., min_length=1, max_length=200),
           limit: int = Query(20, ge=1, le=100)):
    return JSONResponse(_jsonable(search_all(_db(request), q, limit)))


def search_all(db: str, q: str, limit: int) -> dict[str, list[dict]]:
    f, pg = Filters(q=q), Page(limit, 0)
    with queries.connect(db) as con:
        return {kind: queries.as_dicts(*fn(con, f, pg)) for kind, fn in (
            ("articles", queries.articles), ("entities", queries.entities),
            ("quotes", queries.quotes), ("events", queries.events))}


@router.get("/actors/{name:path}", summary="What an actor said, did, and had done to it")
def actor(request: Request, name: str, pg: Page = Depends(page)):
    return JSONResponse(_jsonable(actor_record(_db(request), name[:200], pg)))


def actor_record(db: str, name: str, pg: Page) -> dict:
    f = Filters(actor=name)
    with queries.connect(db) as con:
        return {"actor": name,
                "said": queries.as_dicts(*queries.quotes(con, f, pg)),
                "did": queries.as_dicts(*queries.events(con, f, pg, side="source")),
                "done_to": queries.as_dicts(*queries.events(con, f, pg, side="target"))}


@router.get("/stories", summary="Stories (groups of articles)")
def list_stories(request: Request, pg: Page = Depends(page), format: Format = "json"):
    with queries.connect(_db(request)) as con:
        result = stories.story_list(con, _export_page(pg, format))
    if format == "json" and not result[1] and pg.offset == 0:
        return JSONResponse({"items": [], "limit": pg.limit, "offset": 0, "count": 0, "note": stories.NO_STORIES})
    return _listed("stories", result, pg, format)


@router.get("/stories/{story_id}", summary="One story: its articles and events")
def get_story(request: Request, story_id: str):
    with queries.connect(_db(request)) as con:
        docs = stories.story_documents(con, story_id[:200])
    if not docs:
        raise HTTPException(404, f"no story {story_id[:80]!r} in this store")
    return JSONResponse({"story_id": story_id, "articles": [
        {"id": d.id, "headline": d.headline, "outlet": d.outlet, "published": d.published,
         "events": [e.model_dump(mode="json") for e in d.events]} for d in docs]})


@router.get("/stats", summary="Rows in the store's main tables")
def stats(request: Request):
    with queries.connect(_db(request)) as con:
        return JSONResponse(queries.counts(con))
