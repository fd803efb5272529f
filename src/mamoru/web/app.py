"""The ASGI application: pages, API, static assets, error handling, security headers."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from starlette.exceptions import HTTPException as StarletteHTTPException
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders

from mamoru import __version__
from mamoru.config import database_url, load_policy
from mamoru.errors import Conflict, InvalidInput, MamoruError, NotFound
from mamoru.i18n import both
from mamoru.services import access
from mamoru.services.uow import unit_of_work
from mamoru.store.db import engine_for
from mamoru.web.auth import NeedsSignIn
from mamoru.web.context import lang_of, render

STATIC = Path(__file__).parent / "static"
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
       "frame-ancestors 'none'; form-action 'self'; base-uri 'none'")


class SecurityHeaders:
    """Security headers on every response, and the language choice kept in a cookie.

    A plain ASGI middleware (not BaseHTTPMiddleware), so it adds next to nothing per request.
    """

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        from urllib.parse import parse_qs

        lang = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("lang", [""])[0]

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", CSP)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("X-Frame-Options", "DENY")
                headers.setdefault("Referrer-Policy", "no-referrer")
                if lang in ("ja", "en"):
                    headers.append("Set-Cookie", f"mamoru_lang={lang}; Max-Age=31536000; Path=/; SameSite=lax")
            await send(message)

        await self.app(scope, receive, send_with_headers)


def status_for(exc: MamoruError) -> int:
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, Conflict):
        return 409
    if isinstance(exc, access.Forbidden) or exc.code.startswith("auth.approver") or exc.code == "auth.no_self_approval":
        return 403
    if isinstance(exc, access.Unauthenticated):
        return 401
    if isinstance(exc, access.RateLimited):
        return 429
    if exc.code == "disclosure.denied":
        return 422
    if isinstance(exc, InvalidInput):
        return 422
    return 400


def problem(exc: MamoruError, status: int) -> JSONResponse:
    """RFC 9457 problem details, with the reason code and both languages."""
    body = {"type": f"urn:mamoru:{exc.code}", "title": exc.message("en"), "status": status,
            **exc.as_dict()}
    return JSONResponse(body, status_code=status, media_type="application/problem+json")


def create_app(url: str | None = None, engine=None) -> FastAPI:
    engine = engine or engine_for(database_url(url))
    app = FastAPI(title="mamoru", version=__version__, openapi_url="/api/v1/openapi.json",
                  docs_url=None, redoc_url=None)  # Swagger UI loads from a CDN: not on a closed network
    app.state.engine = engine
    app.state.policy = load_policy()
    with unit_of_work(engine, "system", policy=app.state.policy) as ctx:
        app.state.secret_key = access.secret_key(ctx)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/fonts/mamoru-jp.otf", include_in_schema=False)
    def japanese_font():
        """Noto Sans CJK JP from its PyPI package: Japanese renders even where no font is installed."""
        from fastapi.responses import FileResponse

        from mamoru.web.pages.reports import font_uri

        uri = font_uri()
        if uri is None:
            raise HTTPException(status_code=404)
        return FileResponse(uri[len("file://"):], media_type="font/otf",
                            headers={"Cache-Control": "public, max-age=31536000, immutable"})

    @app.exception_handler(NeedsSignIn)
    async def _sign_in(request: Request, exc: NeedsSignIn):
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)

    @app.exception_handler(MamoruError)
    async def _mamoru(request: Request, exc: MamoruError):
        status = status_for(exc)
        if request.url.path.startswith("/api/"):
            return problem(exc, status)
        return render(request, "error.html", None, status_code=status, error=exc.message(lang_of(request)),
                      code=exc.code)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: HTTPException):
        code = exc.detail if isinstance(exc.detail, str) and "." in exc.detail else "http.error"
        if request.url.path.startswith("/api/"):
            messages = both(code) if code != "http.error" else {"ja": str(exc.detail), "en": str(exc.detail)}
            return JSONResponse({"type": f"urn:mamoru:{code}", "title": messages["en"], "status": exc.status_code,
                                 "code": code, "message": messages}, status_code=exc.status_code,
                                media_type="application/problem+json", headers=exc.headers)
        message = both(code)[lang_of(request)] if code != "http.error" else str(exc.detail)
        return render(request, "error.html", None, status_code=exc.status_code, error=message, code=code)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        """A bug: log it with the request, show a plain bilingual apology, never a stack trace."""
        import logging

        logging.getLogger("mamoru.web").exception("unhandled error on %s %s", request.method, request.url.path)
        error = MamoruError("http.internal")
        if request.url.path.startswith("/api/"):
            return problem(error, 500)
        return render(request, "error.html", None, status_code=500, error=error.message(lang_of(request)),
                      code=error.code)

    from mamoru.api import v1
    from mamoru.web.pages import register_pages

    app.include_router(v1.router)
    register_pages(app)
    app.include_router(__import__("mamoru.web.pages.supplychain", fromlist=["router"]).router)  # issue 12
    return app
