"""Fixtures shared by every test: a migrated database on SQLite and on PostgreSQL.

Storage tests take the ``engine`` fixture and run once per backend. PostgreSQL comes from
``MAMORU_TEST_DATABASE_URL`` (scripts/test sets it to the local server). If it is not
reachable the PostgreSQL half is skipped *loudly* (a banner at the end of the run), and
with ``MAMORU_REQUIRE_POSTGRES=1`` (CI) the run fails instead.
"""

from __future__ import annotations

import os
import shutil
import uuid
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from mamoru.config import load_policy
from mamoru.store.base import Base
from mamoru.store.db import make_engine, migrate

PG_URL = os.environ.get("MAMORU_TEST_DATABASE_URL", "")
REQUIRE_PG = os.environ.get("MAMORU_REQUIRE_POSTGRES") == "1"
SHARED = Path(os.environ.get("MAMORU_SHARED_DIR", Path(__file__).resolve().parents[1].parent / "shared"))
_pg_problem: list[str] = []


def _pg_reachable() -> bool:
    if not PG_URL:
        _pg_problem.append("MAMORU_TEST_DATABASE_URL is not set")
        return False
    try:
        with create_engine(PG_URL).connect() as conn:
            conn.execute(text("select 1"))
        return True
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable", reported below
        _pg_problem.append(f"{PG_URL}: {exc.__class__.__name__}: {str(exc).splitlines()[0]}")
        return False


PG_OK = _pg_reachable()


def pytest_sessionstart(session):
    if REQUIRE_PG and not PG_OK:
        raise pytest.UsageError("PostgreSQL is required (MAMORU_REQUIRE_POSTGRES=1) but not reachable: "
                                + "; ".join(_pg_problem))


def pytest_terminal_summary(terminalreporter):
    if PG_OK:
        terminalreporter.write_line(f"storage tests ran on SQLite and PostgreSQL ({PG_URL})", green=True)
    else:
        bar = "!" * 78
        terminalreporter.write_line(bar, red=True, bold=True)
        terminalreporter.write_line("POSTGRESQL HALF OF THE STORAGE TESTS WAS SKIPPED: " + "; ".join(_pg_problem),
                                    red=True, bold=True)
        terminalreporter.write_line(bar, red=True, bold=True)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def pg_engine():
    if not PG_OK:
        pytest.skip("PostgreSQL not reachable: " + "; ".join(_pg_problem))
    schema = f"mamoru_t_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(PG_URL, connect_args={"options": f"-csearch_path={schema}"})
    migrate(engine)
    yield engine
    engine.dispose()
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def _truncate(engine) -> None:
    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        # audit_entries refuses TRUNCATE (migration 0004); the test superuser steps past its triggers
        conn.execute(text("SET LOCAL session_replication_role = replica"))
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture(autouse=True)
def audit_anchor(tmp_path, monkeypatch) -> Path:
    """Each test's audit anchor in its own folder: databases are emptied between tests, so a
    shared anchor would (rightly) report the emptied log as tampering."""
    folder = tmp_path / "audit-anchor"
    monkeypatch.setenv("MAMORU_AUDIT_ANCHOR", str(folder))
    return folder


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request, tmp_path, sqlite_template):
    """A migrated, empty database; the test runs once on each backend."""
    if request.param == "sqlite":
        path = tmp_path / "mamoru.sqlite"
        shutil.copy(sqlite_template, path)
        eng = make_engine(f"sqlite:///{path}")
        yield eng
        eng.dispose()
    else:
        eng = request.getfixturevalue("pg_engine")
        _truncate(eng)
        yield eng


@pytest.fixture
def policy():
    return load_policy()


NOW = datetime(2026, 4, 1, 1, 0, tzinfo=timezone.utc)  # 10:00 in Tokyo, 2026-04-01


@pytest.fixture
def now():
    return NOW


@pytest.fixture
def shared_dir() -> Path:
    return SHARED


@pytest.fixture
def act(engine, policy, now):
    """``with act("alice") as ctx:`` runs one use case as alice, at the test's fixed time."""
    from mamoru.services.uow import unit_of_work

    def _act(actor: str = "alice", at: datetime | None = None):
        return unit_of_work(engine, actor, policy=policy, now=at or now)

    return _act
