"""The ASGI application: pages, API, static assets, error handling, security headers."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from starlette.exceptions import HTTPException as StarletteHTTPException
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders

from mamoru import __version__
from mamoru.config import database_url, load_policy
from mamoru.doors.errors import page_message, status_for
from mamoru.errors import MamoruError
from mamoru.services import access
from mamoru.services.database import engine_for
from mamoru.services.uow import unit_of_work
from mamoru.web.auth import NeedsSignIn
from mamoru.web.context import lang_of, render, secure_cookies_forced
from mamoru.web.safety import CatchUnexpected, RejectNul

STATIC = Path(__file__).parent / "static"
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
       "frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
CACHEABLE = ("/static/", "/fonts/")  # public assets; everything else is no-store


class SecurityHeaders:
    """Security headers on every response, and the language choice kept in a cookie.

    ``Cache-Control: no-store`` on everything but the static assets: signed-in pages, exports and
    PDFs must not stay in a shared browser's or a proxy's cache.

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
        cacheable = scope.get("path", "").startswith(CACHEABLE)
        secure = "; Secure" if scope.get("scheme") == "https" or secure_cookies_forced() else ""

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", CSP)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("X-Frame-Options", "DENY")
                headers.setdefault("Referrer-Policy", "no-referrer")
                if not cacheable:
                    headers["Cache-Control"] = "no-store"
                if lang in ("ja", "en"):
                    headers.append("Set-Cookie", f"mamoru_lang={lang}; Max-Age=31536000; Path=/; SameSite=lax{secure}")
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(url: str | None = None, engine=None) -> FastAPI:
    """The whole application, pages and API (kept here for callers that know this name)."""
    from mamoru.app import create_app as whole

    return whole(url, engine)


def page_error(request: Request, exc: Exception):
    """A refusal or a bug answered as a page (``RejectNul``/``CatchUnexpected`` call it); never a stack trace."""
    error = exc if isinstance(exc, MamoruError) else MamoruError("http.internal")
    status = status_for(error) if isinstance(exc, MamoruError) else 500
    return render(request, "error.html", None, status_code=status, error=error.message(lang_of(request)),
                  code=error.code)


def create_web_app(url: str | None = None, engine=None, respond=page_error) -> FastAPI:
    """The pages, static assets and page error handling; ``mamoru.app`` adds the API beside them.

    ``respond(request, exc)`` answers what the safety middlewares stop (NUL input, a bug) before
    any door's handler runs; the composition root passes one that knows both doors."""
    engine = engine or engine_for(database_url(url))
    app = FastAPI(title="mamoru", version=__version__, openapi_url="/api/v1/openapi.json",
                  docs_url=None, redoc_url=None)  # Swagger UI loads from a CDN: not on a closed network
    app.state.engine = engine
    app.state.policy = load_policy()
    with unit_of_work(engine, "system", policy=app.state.policy) as ctx:
        app.state.secret_key = access.secret_key(ctx)
    app.add_middleware(CatchUnexpected, respond=respond)
    app.add_middleware(RejectNul, respond=respond)
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

    # Pages answer refusals as HTML; the API answers its own in problem JSON (api/common.py), so
    # nothing here needs to know which door a request came through.
    @app.exception_handler(MamoruError)
    async def _mamoru(request: Request, exc: MamoruError):
        return render(request, "error.html", None, status_code=status_for(exc), error=exc.message(lang_of(request)),
                      code=exc.code)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: HTTPException):
        code, message = page_message(exc.detail, exc.detail, lang_of(request))
        return render(request, "error.html", None, status_code=exc.status_code, error=message, code=code)

    from mamoru.web.pages import register_pages

    register_pages(app)
    app.include_router(__import__("mamoru.web.pages.supplychain", fromlist=["router"]).router)  # issue 12
    return app
