"""Sign-in under attack: the account locks, not the address; the lock backs off; admins unlock;
weak passwords are refused; a new password ends every other session and token (issue 8)."""

from __future__ import annotations

import html
import json
from datetime import datetime, timedelta, timezone

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from mamoru.errors import InvalidInput
from mamoru.services import access
from mamoru.services.uow import read_only, unit_of_work
from mamoru.store.models import AuditEntry, LoginAttempt, User

from .conftest import bearer
from .test_security import csrf_of, sign_in

T0 = datetime(2026, 6, 1, 0, 0, tzinfo=timezone.utc)


def attempt(engine, username: str, password: str, client: str, at: datetime) -> access.SignIn:
    with unit_of_work(engine, username, now=at) as ctx:
        return access.authenticate(ctx, username, password, client)


def test_one_account_failing_locks_that_account_not_everyone_behind_the_address(client, people):
    for _ in range(5):
        assert sign_in(client, "tanaka", "wrong-password-x").status_code == 401
    locked = sign_in(client, "tanaka", people["tech_manager"]["password"])
    assert locked.status_code == 429 and "このアカウント" in locked.text
    admin = sign_in(client, "admin", people["admin"]["password"])  # same client address
    assert admin.status_code == 303


def test_an_attacker_every_20_seconds_does_not_keep_the_admin_out(engine, people):
    """One guess every 20 s for half an hour against sato, from the admin's own address."""
    at = T0
    for i in range(90):
        attempt(engine, "sato", f"guess-{i:04d}-password", "10.0.0.9", at)
        if i % 15 == 7:
            assert attempt(engine, "admin", people["admin"]["password"], "10.0.0.9",
                           at + timedelta(seconds=10)).user is not None
        at += timedelta(seconds=20)
    refused = attempt(engine, "sato", people["staff"]["password"], "10.0.0.9", at)
    assert refused.user is None and refused.refusal.code == "auth.account_locked"


def test_the_lock_backs_off_and_attempts_while_locked_count(engine, people):
    for i in range(5):
        assert attempt(engine, "tanaka", "wrong-password-x", "10.0.0.1", T0 + timedelta(seconds=i)).user is None
    with read_only(engine, now=T0) as ctx:
        first = access.lock_state(ctx, "tanaka")["locked_until"]
    assert first == T0 + timedelta(seconds=4, minutes=1)
    # while locked even the right password is refused, unchecked, and the attempt counts
    during = attempt(engine, "tanaka", people["tech_manager"]["password"], "10.0.0.2", T0 + timedelta(seconds=30))
    assert during.user is None and during.refusal.code == "auth.account_locked"
    with read_only(engine, now=T0) as ctx:
        state = access.lock_state(ctx, "tanaka")
        outcomes = list(ctx.session.execute(select(LoginAttempt.outcome).where(
            LoginAttempt.username == "tanaka").order_by(LoginAttempt.id)).scalars())
    assert state["failures"] == 6 and state["locked_until"] == T0 + timedelta(seconds=30, minutes=2)
    assert outcomes == ["wrong"] * 5 + ["locked"]
    later = T0 + timedelta(minutes=3)
    assert attempt(engine, "tanaka", people["tech_manager"]["password"], "10.0.0.2", later).user is not None
    with read_only(engine, now=later) as ctx:
        assert access.lock_state(ctx, "tanaka") == {"username": "tanaka", "failures": 0, "locked_until": None}
    assert [access.lock_minutes(n) for n in (4, 5, 6, 7, 10, 30)] == [0, 1, 2, 4, 32, 60]


def test_an_address_that_sprays_passwords_is_slowed_without_locking_anyone(engine, people):
    for i in range(access.CLIENT_FAILURES):
        attempt(engine, f"nobody{i}", "wrong-password-x", "10.0.0.7", T0 + timedelta(seconds=i))
    throttled = attempt(engine, "tanaka", people["tech_manager"]["password"], "10.0.0.7", T0 + timedelta(seconds=20))
    assert throttled.user is None and throttled.refusal.code == "auth.rate_limited"
    elsewhere = attempt(engine, "tanaka", people["tech_manager"]["password"], "10.0.0.8", T0 + timedelta(seconds=21))
    assert elsewhere.user is not None  # the account was not locked by the spray
    later = attempt(engine, "tanaka", people["tech_manager"]["password"], "10.0.0.7", T0 + timedelta(seconds=75))
    assert later.user is not None  # the address's rate fell back under the limit


def test_an_admin_unlocks_an_account_on_the_user_page_and_it_is_audited(web_app, people, engine):
    with TestClient(web_app, base_url="http://127.0.0.1") as victim, \
            TestClient(web_app, base_url="http://127.0.0.1") as admin:
        for _ in range(5):
            sign_in(victim, "tanaka", "wrong-password-x")
        assert sign_in(victim, "tanaka", people["tech_manager"]["password"]).status_code == 429
        sign_in(admin, "admin", people["admin"]["password"])
        page = admin.get("/account?lang=en")
        assert "locked until" in page.text and 'action="/users/tanaka/unlock"' in page.text
        done = admin.post("/users/tanaka/unlock", data={"csrf_token": csrf_of(admin, "/account")})
        assert done.status_code == 200 and "Unlocked sign-in for tanaka" in done.text
        assert sign_in(victim, "tanaka", people["tech_manager"]["password"]).status_code == 303
    with TestClient(web_app, base_url="http://127.0.0.1") as staff:
        sign_in(staff, "sato", people["staff"]["password"])
        assert staff.post("/users/tanaka/unlock", data={"csrf_token": csrf_of(staff, "/account")}).status_code == 403
    with read_only(engine) as ctx:
        entry = ctx.session.execute(select(AuditEntry).where(AuditEntry.action == "user.unlock")).scalar_one()
        assert entry.actor == "admin" and entry.entity_id == "tanaka"
        assert ctx.session.execute(select(AuditEntry).where(AuditEntry.action == "user.lock")).first() is not None


def test_a_new_password_ends_other_sessions_and_tokens_but_keeps_this_one(web_app, people, engine):
    token = people["tech_manager"]["token"]
    with TestClient(web_app, base_url="http://127.0.0.1") as here, \
            TestClient(web_app, base_url="http://127.0.0.1") as there:
        sign_in(here, "tanaka", people["tech_manager"]["password"])
        sign_in(there, "tanaka", people["tech_manager"]["password"])
        assert there.get("/", follow_redirects=False).status_code == 200
        assert here.get("/api/v1/me", headers=bearer(token)).status_code == 200
        changed = here.post("/account/password", data={"csrf_token": csrf_of(here, "/account"),
                                                       "current": people["tech_manager"]["password"],
                                                       "new": "amber-quarry-lantern-2026"})
        assert changed.status_code == 200
        assert here.get("/", follow_redirects=False).status_code == 200
        assert there.get("/", follow_redirects=False).status_code == 303
        assert there.get("/api/v1/me", headers=bearer(token)).status_code == 401
        assert sign_in(there, "tanaka", "amber-quarry-lantern-2026").status_code == 303
    with read_only(engine) as ctx:
        entry = ctx.session.execute(select(AuditEntry).where(AuditEntry.action == "user.set_password",
                                                             AuditEntry.entity_id == "tanaka")
                                    .order_by(AuditEntry.seq.desc())).scalars().first()
        assert json.loads(entry.after) == {"password": "changed", "sessions_ended": 1, "tokens_revoked": 1}


def test_a_wrong_current_password_on_the_account_page_counts_as_a_failed_sign_in(client, people, engine):
    sign_in(client, "tanaka", people["tech_manager"]["password"])
    bad = client.post("/account/password", data={"csrf_token": csrf_of(client, "/account"),
                                                  "current": "not-my-password", "new": "amber-quarry-lantern-2026"})
    assert bad.status_code == 422
    with read_only(engine) as ctx:
        assert ctx.session.execute(select(User.failed_logins).where(User.username == "tanaka")).scalar_one() == 1


@pytest.mark.parametrize("password, code", [
    ("password1234", "auth.password_common"),
    ("qwertyuiop123", "auth.password_common"),
    ("aaaaaaaaaaaaaaa", "auth.password_common"),
    ("Tanaka-lantern-9137", "auth.password_has_name"),
    ("short-1", "auth.password_too_short"),
])
def test_weak_passwords_are_refused_with_the_reason(client, people, engine, password, code):
    sign_in(client, "tanaka", people["tech_manager"]["password"])
    response = client.post("/account/password?lang=en", data={"csrf_token": csrf_of(client, "/account"),
                                                               "current": people["tech_manager"]["password"],
                                                               "new": password})
    assert response.status_code == 422
    assert InvalidInput(code, min=12).message("en") in html.unescape(response.text)
    with pytest.raises(InvalidInput) as err:
        access.check_password_strength(password, "tanaka", "田中")
    assert err.value.code == code and err.value.message("ja") and err.value.message("en")
    assert sign_in(client, "tanaka", people["tech_manager"]["password"]).status_code == 303  # unchanged


def test_long_passphrases_are_accepted_and_endless_ones_refused():
    access.check_password_strength("granite " * 3 + "heron lantern quarry " * 6 + "0417", "tanaka")  # 159 chars
    with pytest.raises(InvalidInput) as err:
        access.check_password_strength("x" * 1025, "tanaka")
    assert err.value.code == "auth.password_too_long"


def test_the_admin_page_refuses_a_common_password_for_a_new_user(client, people, engine):
    sign_in(client, "admin", people["admin"]["password"])
    response = client.post("/users", data={"csrf_token": csrf_of(client, "/account"), "username": "suzuki",
                                           "role": "staff", "display_name": "", "password": "iloveyou1234"})
    assert response.status_code == 422 and "推測されやすい" in response.text
    with read_only(engine) as ctx:
        assert ctx.session.execute(select(User).where(User.username == "suzuki")).first() is None


def test_the_cli_unlocks_an_account_and_says_so(engine, people):
    if engine.dialect.name != "sqlite":
        pytest.skip("the CLI is run against the test's SQLite file")
    import os
    import subprocess
    import sys

    for i in range(6):
        attempt(engine, "tanaka", "wrong-password-x", "10.0.0.3", datetime.now(timezone.utc))
    cli = [sys.executable, "-c", "from mamoru.cli.main import run; run()", "--db", engine.url.database, "--json"]
    done = subprocess.run([*cli, "user", "unlock", "tanaka"], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "MAMORU_USER": "root"})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["failures"] == 6
    with read_only(engine) as ctx:
        assert access.lock_state(ctx, "tanaka")["locked_until"] is None
        entry = ctx.session.execute(select(AuditEntry).where(AuditEntry.action == "user.unlock")).scalar_one()
        assert entry.actor == "root"
    missing = subprocess.run([*cli, "user", "unlock", "nobody"], capture_output=True, text=True, timeout=120)
    assert missing.returncode != 0
