"""Where the demo leaves the files a person opens next (the list excerpt it imported, the self-check report)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from sqlalchemy import Engine


def folder_for(engine: Engine) -> Path:
    """Beside the demo's SQLite file; for a database that is no file (an in-memory one in tests,
    PostgreSQL), a new temporary folder: never the current directory, which may be a checkout."""
    database = engine.url.database
    if engine.url.get_backend_name() == "sqlite" and database and database != ":memory:":
        return Path(database).parent
    return Path(tempfile.mkdtemp(prefix="mamoru-demo-"))
