"""The app factory uvicorn workers call; the database comes from MAMORU_DATABASE_URL."""

from __future__ import annotations

from mamoru.app import create_app


def app_factory():
    return create_app()
