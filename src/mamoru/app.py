"""The ASGI application: the web door and the API door side by side, on one database.

This is the composition root: neither ``mamoru.web`` nor ``mamoru.api`` imports the other;
this module puts the API's router (with its own problem-JSON error handling) next to the pages.
"""

from __future__ import annotations

from fastapi import FastAPI


def create_app(url: str | None = None, engine=None) -> FastAPI:
    from mamoru.api import v1
    from mamoru.web.app import create_web_app

    app = create_web_app(url, engine)
    v1.install(app)
    return app
