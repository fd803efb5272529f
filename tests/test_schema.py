"""Migrations build exactly the schema the models describe, and go down again, on both backends."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

import mamoru.store.models  # noqa: F401
from mamoru.store.base import Base
from mamoru.store.registry import import_plugin_models


def test_migrations_match_the_models(engine):
    import_plugin_models()
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []
