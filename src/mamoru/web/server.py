"""The app factory uvicorn workers call; the database comes from MAMORU_DATABASE_URL.

A served app also sweeps obligations itself, at start and daily (``web/sweeper.py``)."""

from __future__ import annotations

from mamoru.app import create_app
from mamoru.web import sweeper


def app_factory():
    app = create_app()
    sweeper.install(app)
    return app
