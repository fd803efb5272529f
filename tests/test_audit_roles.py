"""PostgreSQL: the server runs as a role that does not own the schema, and cannot unmake the audit record.

A throw-away login role and schema per test (roles are cluster-wide, so the name is
unique and the role is dropped afterwards). The owner (the test's superuser) migrates
through ``MAMORU_MIGRATION_DATABASE_URL``; the server's role does its work and is refused
UPDATE, DELETE, TRUNCATE and disabling the triggers on ``audit_entries``.
"""

from __future__ import annotations

import os
import uuid
from datetime import datetime, timezone

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.orm import Session

from mamoru.audit import chain
from mamoru.services import disclosures, partners, technologies
from mamoru.services.uow import unit_of_work
from mamoru.store.db import MIGRATION_URL_ENV, engine_for

pytestmark = pytest.mark.postgres
NOW = datetime(2026, 4, 1, 1, 0, tzinfo=timezone.utc)


@pytest.fixture
def roles(pg_engine):
    """(owner URL, server URL) on a fresh schema; ``pg_engine`` skips the test when PostgreSQL is unreachable."""
    PG_URL = os.environ["MAMORU_TEST_DATABASE_URL"]
    suffix = uuid.uuid4().hex[:10]
    app, schema = f"mamoru_app_{suffix}", f"mamoru_r_{suffix}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE ROLE "{app}" LOGIN'))
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    options = {"options": f"-csearch_path={schema}"}
    owner_url = make_url(PG_URL).update_query_dict(options)
    app_url = owner_url.set(username=app)
    yield owner_url.render_as_string(hide_password=False), app_url.render_as_string(hide_password=False)
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        conn.execute(text(f'DROP OWNED BY "{app}"'))
        conn.execute(text(f'DROP ROLE "{app}"'))
    admin.dispose()


def test_the_server_role_works_but_cannot_change_delete_or_truncate_the_audit_record(roles, monkeypatch, policy):
    owner_url, app_url = roles
    monkeypatch.setenv(MIGRATION_URL_ENV, owner_url)
    engine = engine_for(app_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT current_user")).scalar_one() == make_url(app_url).username
            owner = conn.execute(text("SELECT tableowner FROM pg_tables WHERE tablename = 'audit_entries' "
                                      "AND schemaname = current_schema()")).scalar_one()
            assert owner == make_url(owner_url).username
        with unit_of_work(engine, "admin", policy=policy, now=NOW) as ctx:  # the server's daily work
            technologies.add_technology(ctx, "T-1", name="焼結", domain="technological_superiority")
            technologies.add_element(ctx, "T-1", "E-1", title="カタログ", rank=1)
            partners.add_partner(ctx, "P-1", name="顧客", kind="customer", country="JP")
            disclosures.disclose(ctx, "P-1", ["E-1"], "評価", "oral", accept_conditions=True)
        for statement in ("UPDATE audit_entries SET actor = 'mallory' WHERE seq = 1",
                          "DELETE FROM audit_entries WHERE seq = 1",
                          "TRUNCATE audit_entries",
                          "ALTER TABLE audit_entries DISABLE TRIGGER USER",
                          "SET session_replication_role = replica",
                          "UPDATE alembic_version SET version_num = '0001_core'"):
            with pytest.raises(Exception) as err, engine.begin() as conn:
                conn.execute(text(statement))
            assert "permission denied" in str(err.value) or "must be owner" in str(err.value), statement
        with Session(engine) as session:
            verdict = chain.verify(session)
        assert verdict.ok and verdict.entries >= 4
    finally:
        engine.dispose()
        engine_for.cache_clear()
