"""Opening the database, for the doors: they name a URL, the store does the rest.

The web app, the CLI and the demo never import ``mamoru.store`` themselves; this is the one
place they get an engine (migrated) from.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from mamoru.audit import anchor
from mamoru.store import db


def engine_for(url: str) -> Engine:
    """One migrated engine per URL per process."""
    return db.engine_for(url)


def fresh(url: str) -> Engine:
    """A new engine on ``url``, migrated to the newest schema (the demo's fresh SQLite file)."""
    engine = db.make_engine(url)
    db.migrate(engine)
    return engine


def recreate_sqlite(path: Path) -> Engine:
    """A new, migrated SQLite database in place of the file at ``path`` (the demo's, rebuilt on every
    run): the old file goes, and so does its audit anchor, set aside (``anchor.retire``), since a
    new chain in the same file would otherwise read as the old one tampered with."""
    path = Path(path).resolve()
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
    anchor.retire(anchor.sqlite_identity(path))
    return fresh(f"sqlite:///{path}")
