"""Engines and migrations for SQLite (embedded default) and PostgreSQL.

On PostgreSQL the schema can belong to a different role from the one the server runs
as: set ``MAMORU_MIGRATION_DATABASE_URL`` to a connection as the owner, and
``engine_for`` migrates with it and grants the server's role what it needs and no more
(``app_grants``: no UPDATE, DELETE or TRUNCATE on ``audit_entries``, which only the
owner could also unprotect by disabling its triggers).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect, text

MIGRATION_URL_ENV = "MAMORU_MIGRATION_DATABASE_URL"

MIGRATIONS = Path(__file__).parent / "migrations"


def make_engine(url: str, **kwargs) -> Engine:
    """An engine with the settings mamoru relies on.

    SQLite: foreign keys on, WAL journal, and explicit BEGIN so that a writer can take
    the database lock up front (``sqlite_begin="IMMEDIATE"``) instead of failing
    half-way when another process writes.

    ``hide_parameters``: an error's message and log line never carry the statement's values
    (partner names, purposes, element titles), only the SQL with its placeholders.
    """
    kwargs.setdefault("hide_parameters", True)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)
        _sqlite_setup(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        if engine.url.database not in (None, "", ":memory:"):
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def migrate(engine: Engine, revision: str = "head", app_role: str | None = None) -> None:
    """Bring the schema up to ``revision`` (every table mamoru knows).

    With ``app_role`` (PostgreSQL, ``engine`` connected as the owner), grant that role
    what the server needs afterwards (see ``app_grants``)."""
    command.upgrade(alembic_config(engine), revision)
    if app_role and engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            schema = conn.execute(text("SELECT current_schema()")).scalar_one()
            for statement in app_grants(app_role, schema, conn.dialect.identifier_preparer.quote):
                conn.execute(text(statement))


def app_grants(role: str, schema: str = "public", quote=lambda name: '"' + name.replace('"', '""') + '"') -> list[str]:
    """The privileges of the role the server runs as, when another role owns the schema.

    Read and write the registers; append to the audit record but never change, delete or
    truncate it; read (not move) the migration version. Run again after each migration
    (``engine_for`` does, when ``MAMORU_MIGRATION_DATABASE_URL`` is set)."""
    r, s = quote(role), quote(schema)
    return [
        f"GRANT USAGE ON SCHEMA {s} TO {r}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {r}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {s} TO {r}",
        f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {s}.audit_entries FROM {r}",
        f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON {s}.alembic_version FROM {r}",
    ]


def downgrade(engine: Engine, revision: str) -> None:
    command.downgrade(alembic_config(engine), revision)


def is_migrated(engine: Engine) -> bool:
    return inspect(engine).has_table("audit_head")


@lru_cache(maxsize=8)
def engine_for(url: str) -> Engine:
    """One engine per URL per process, migrated on first use.

    With ``MAMORU_MIGRATION_DATABASE_URL`` (PostgreSQL) the migration runs as that owner
    role and then grants this URL's role its privileges; the server itself never needs
    to own a table."""
    engine = make_engine(url)
    owner_url = os.environ.get(MIGRATION_URL_ENV)
    if owner_url and engine.dialect.name == "postgresql":
        from mamoru.config import database_url

        owner = make_engine(database_url(owner_url))
        try:
            role = engine.url.username if engine.url.username != owner.url.username else None
            migrate(owner, app_role=role)
        finally:
            owner.dispose()
    else:
        migrate(engine)
    return engine
