"""Secure by default: sign-in, sessions, CSRF, rate limits, headers, and the admin that must exist."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from mamoru.errors import MamoruError
from mamoru.services.uow import read_only
from mamoru.store.models import AuditEntry, Partner, User, WebSession


def sign_in(client, username: str, password: str):
    page = client.get("/login")
    token = re.search(r'name="login_csrf" value="([^"]*)"', page.text).group(1)
    return client.post("/login", data={"username": username, "password": password, "next": "/",
                                       "login_csrf": token}, follow_redirects=False)


def csrf_of(client, path: str = "/partners/new") -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text).group(1)


def test_pages_need_sign_in_and_the_session_cookie_is_guarded(client, people):
    assert client.get("/", follow_redirects=False).headers["location"].startswith("/login")
    response = sign_in(client, "tanaka", people["tech_manager"]["password"])
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("samesite", "SameSite")
    assert client.get("/").status_code == 200


def test_security_headers_keep_the_ui_self_contained(client):
    headers = client.get("/login").headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff"


def test_forms_without_the_csrf_token_are_refused_and_write_nothing(client, people, engine):
    sign_in(client, "tanaka", people["tech_manager"]["password"])
    data = {"code": "P-CSRF", "name": "x", "kind": "customer", "country": "JP"}
    assert client.post("/partners/new", data=data).status_code == 403
    assert client.post("/partners/new", data={**data, "csrf_token": "forged"}).status_code == 403
    with read_only(engine) as ctx:
        assert ctx.session.execute(select(Partner).where(Partner.code == "P-CSRF")).first() is None
    ok = client.post("/partners/new", data={**data, "csrf_token": csrf_of(client)}, follow_redirects=False)
    assert ok.status_code == 303


def test_login_form_needs_its_own_csrf_token(client, people):
    response = client.post("/login", data={"username": "tanaka", "password": people["tech_manager"]["password"],
                                           "login_csrf": "guess"}, follow_redirects=False)
    assert response.status_code == 403


def test_repeated_failures_lock_sign_in_for_a_while(client, people, engine):
    for _ in range(5):
        assert sign_in(client, "tanaka", "wrong-password-x").status_code == 401
    locked = sign_in(client, "tanaka", people["tech_manager"]["password"])
    assert locked.status_code == 429 and "サインインできません" in locked.text
    with read_only(engine) as ctx:
        assert ctx.session.execute(select(func.count()).select_from(WebSession)).scalar_one() == 0


def test_sign_out_ends_the_session_on_the_server(client, people, engine):
    sign_in(client, "sato", people["staff"]["password"])
    stolen = dict(client.cookies)
    token = csrf_of(client, "/")
    assert client.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code == 303
    client.cookies.update(stolen)  # replaying the old cookie must not work
    assert client.get("/", follow_redirects=False).status_code == 303


def test_a_session_holds_across_workers(engine, people):
    """Two app instances (as two worker processes) share sessions through the database."""
    from fastapi.testclient import TestClient

    from mamoru.web.app import create_app

    with TestClient(create_app(engine=engine), base_url="http://127.0.0.1") as one, \
            TestClient(create_app(engine=engine), base_url="http://127.0.0.1") as two:
        sign_in(one, "tanaka", people["tech_manager"]["password"])
        two.cookies.update(dict(one.cookies))
        assert two.get("/", follow_redirects=False).status_code == 200


def test_roles_are_enforced_on_pages(client, people):
    sign_in(client, "yamada", people["auditor"]["password"])
    assert client.get("/partners").status_code == 200
    assert client.get("/partners/new").status_code == 403
    assert client.get("/audit").status_code == 200


def test_serve_refuses_without_an_admin_and_never_invents_a_password(engine, monkeypatch):
    from mamoru.cli.serve import ensure_admin

    monkeypatch.delenv("MAMORU_ADMIN_PASSWORD", raising=False)
    with pytest.raises(MamoruError) as err:
        ensure_admin(engine, interactive=False)
    assert err.value.code == "auth.no_admin"
    monkeypatch.setenv("MAMORU_ADMIN_PASSWORD", "short")
    with pytest.raises(MamoruError) as err:
        ensure_admin(engine, interactive=False)
    assert err.value.code == "auth.password_too_short"
    monkeypatch.setenv("MAMORU_ADMIN_PASSWORD", "a-long-enough-secret")
    ensure_admin(engine, interactive=False)
    with read_only(engine) as ctx:
        admin = ctx.session.execute(select(User).where(User.username == "admin")).scalar_one()
        assert admin.role == "admin" and admin.password_hash.startswith("$argon2")
        logged = " ".join(e.after or "" for e in ctx.session.execute(select(AuditEntry)).scalars())
        assert "a-long-enough-secret" not in logged and "$argon2" not in logged
