"""Opening the database, for the doors: they name a URL, the store does the rest.

The web app, the CLI and the demo never import ``mamoru.store`` themselves; this is the one
place they get an engine (migrated) from.
"""

from __future__ import annotations

from sqlalchemy import Engine

from mamoru.store import db


def engine_for(url: str) -> Engine:
    """One migrated engine per URL per process."""
    return db.engine_for(url)


def fresh(url: str) -> Engine:
    """A new engine on ``url``, migrated to the newest schema (the demo's fresh SQLite file)."""
    engine = db.make_engine(url)
    db.migrate(engine)
    return engine
