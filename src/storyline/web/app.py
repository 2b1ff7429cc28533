"""The application: the routes (:mod:`.pages`, :mod:`.api`) inside one guard.

:class:`Guard` is the outermost layer, so every response passes it, errors included:

- security headers on every response: a strict Content-Security-Policy (no inline script,
  scripts and styles from this server only, nothing framed, no form posted elsewhere),
  ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: no-referrer``, ``X-Frame-Options``;
- request bodies of at most :data:`MAX_BODY` bytes (413 beyond, read before any route sees them);
- the token: a write (``POST /api/articles``, or any method but GET, HEAD and OPTIONS) needs
  ``Authorization: Bearer $STORYLINE_TOKEN``
  (401 without it, 403 with another; writes are refused altogether when no token is set);
  reads need it too when the app is made with ``require_token_for_reads``;
- any exception a route did not handle is a JSON 500 ``{"error": ...}``, never a traceback.
"""

from __future__ import annotations

import hmac
import json
import logging
import os
from pathlib import Path
from typing import Optional

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from storyline import __version__
from storyline.store import StoreError
from storyline.web.articles import Refused

MAX_BODY = 5 * 1024 * 1024
"""Bytes a request body may have (``POST /api/articles``)."""

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
BRIEFING_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
                "base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox allow-scripts")
"""For a self-contained briefing page (its script inline): sandboxed, so it runs in an origin
of its own, can reach nothing on this server and load nothing from anywhere."""
HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
STATIC = Path(__file__).parent / "static"
READS = ("GET", "HEAD", "OPTIONS")
"""Methods that change nothing; any other request is a write and needs the token."""
OPEN_PATHS = ("/static/",)
"""Paths readable without the token even when reads need it (the app's own CSS and JS)."""

log = logging.getLogger("storyline.web")


def _error_body(status: int, message: str) -> tuple[int, list, bytes]:
    body = json.dumps({"error": message}).encode("utf-8")
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if status == 401:
        headers.append((b"www-authenticate", b'Bearer realm="storyline"'))
    return status, headers, body


class Guard:
    """The ASGI layer around the app (see the module's notes)."""

    def __init__(self, app: FastAPI, token: Optional[str], require_token_for_reads: bool, max_body: int = MAX_BODY):
        self.app = app
        self.token = token or None
        self.require_token_for_reads = require_token_for_reads
        self.max_body = max_body

    def refusal(self, scope) -> Optional[tuple[int, str]]:
        """Why the request may not proceed (status, message), or None."""
        write = scope["method"] not in READS
        if not write and (not self.require_token_for_reads or scope["path"].startswith(OPEN_PATHS)):
            return None
        if self.token is None:
            if write:
                return 403, "writes are disabled: the server was started without STORYLINE_TOKEN"
            return 403, "reads need a token but the server was started without STORYLINE_TOKEN"
        given = dict(scope.get("headers") or []).get(b"authorization", b"").decode("latin-1")
        scheme, _, credential = given.partition(" ")
        if scheme.lower() != "bearer" or not credential.strip():
            return 401, "this needs the header Authorization: Bearer <STORYLINE_TOKEN>"
        if not hmac.compare_digest(credential.strip().encode("utf-8"), self.token.encode("utf-8")):
            return 403, "the token is not the server's STORYLINE_TOKEN"
        return None

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False
        csp = CSP

        async def send_secured(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"x-storyline-briefing"]
                briefing = len(headers) != len(message.get("headers", []))
                headers += HEADERS + [(b"content-security-policy", (BRIEFING_CSP if briefing else csp).encode())]
                message = {**message, "headers": headers}
            await send(message)

        async def reply(status: int, text: str):
            code, headers, body = _error_body(status, text)
            await send_secured({"type": "http.response.start", "status": code, "headers": headers})
            await send_secured({"type": "http.response.body", "body": body})

        refused = self.refusal(scope)
        if refused:
            return await reply(*refused)
        try:
            receive = await self._buffered(scope, receive)
        except _TooLarge:
            return await reply(413, f"the request body is larger than {self.max_body} bytes")
        try:
            await self.app(scope, receive, send_secured)
        except Exception as exc:  # noqa: BLE001 - the catch-all: log it, answer with one line
            log.error("unhandled error on %s %s: %s: %s", scope["method"], scope["path"], type(exc).__name__, exc)
            if not started:
                await reply(500, "internal error: the server could not answer this request")

    async def _buffered(self, scope, receive):
        """Read the body (at most ``max_body`` bytes) before the app does, and replay it."""
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            try:
                if int(declared) > self.max_body:
                    raise _TooLarge
            except ValueError:
                raise _TooLarge from None
        if scope["method"] in ("GET", "HEAD", "OPTIONS") and declared is None:
            return receive
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                raise _TooLarge
            chunks.append(chunk)
            more = message.get("more_body", False)
        body, sent = b"".join(chunks), False

        async def replay():
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        return replay


class _TooLarge(Exception):
    pass


def _handlers(app: FastAPI) -> None:
    from starlette.exceptions import HTTPException as StarletteHTTPException

    @app.exception_handler(StarletteHTTPException)
    async def starlette_error(request: Request, exc: StarletteHTTPException):
        messages = {404: f"not found: {request.url.path}", 405: f"method {request.method} not allowed here"}
        message = messages.get(exc.status_code) if exc.detail in ("Not Found", "Method Not Allowed") else None
        if message is None:
            message = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
        return JSONResponse({"error": message}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ())[1:]) or "request"
        return JSONResponse({"error": f"{where}: {first.get('msg', 'invalid')}"}, status_code=422)

    @app.exception_handler(Refused)
    async def refused(request: Request, exc: Refused):
        return JSONResponse({"error": exc.message}, status_code=exc.status)

    @app.exception_handler(Exception)
    async def unhandled(request: Request, exc: Exception):  # the guard logs it when it is re-raised
        return JSONResponse({"error": "internal error: the server could not answer this request"}, status_code=500)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError):
        return JSONResponse({"error": f"the store cannot be read: {exc}"}, status_code=503)


def create_app(db: str = "storyline.duckdb", *, token: Optional[str] = None, require_token_for_reads: bool = False,
               max_body: int = MAX_BODY, allow_private: bool = False) -> Guard:
    """The web app over the store at ``db``. ``token`` defaults to ``$STORYLINE_TOKEN``;
    ``allow_private`` lets ``POST /api/articles`` fetch a ``url`` on a private or loopback
    address (off by default: the server would otherwise fetch its own network for a caller)."""
    from storyline.web import api, pages

    if token is None:
        token = os.environ.get("STORYLINE_TOKEN") or None
    app = FastAPI(
        title="Storyline", version=__version__, docs_url=None, redoc_url=None,
        description="Articles, entities, quotes, events and stories of a Storyline store. Every list "
                    "is paginated (limit, offset), filterable, and exported with ?format=csv or "
                    "?format=parquet. POST /api/articles needs Authorization: Bearer <STORYLINE_TOKEN>.",
    )
    app.state.db = str(db)
    app.state.allow_private = allow_private
    _handlers(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    return Guard(app, token, require_token_for_reads, max_body)
