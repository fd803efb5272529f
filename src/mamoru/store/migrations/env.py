"""Alembic environment: runs on the engine mamoru hands over (never from an ini file)."""

from alembic import context

import mamoru.store.models  # noqa: F401  (registers core tables)
from mamoru.store.base import Base
from mamoru.store.registry import import_plugin_models

import_plugin_models()
config = context.config
engine = config.attributes["engine"]

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
