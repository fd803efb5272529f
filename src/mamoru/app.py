"""The ASGI application: the web door and the API door side by side, on one database.

This is the composition root: neither ``mamoru.web`` nor ``mamoru.api`` imports the other;
this module puts the API's router (with its own problem-JSON error handling) next to the pages.
"""

from __future__ import annotations

from fastapi import FastAPI


def create_app(url: str | None = None, engine=None) -> FastAPI:
    from mamoru.api import v1
    from mamoru.doors.errors import problem
    from mamoru.errors import MamoruError
    from mamoru.web.app import create_web_app, page_error

    def respond(request, exc: Exception):
        """What the safety middlewares stop, answered in the door's own language: problem JSON or a page."""
        if request.url.path.startswith(v1.PREFIX + "/") or request.url.path == v1.PREFIX:
            return problem(exc) if isinstance(exc, MamoruError) else problem(MamoruError("http.internal"), 500)
        return page_error(request, exc)

    app = create_web_app(url, engine, respond=respond)
    v1.install(app)
    return app
