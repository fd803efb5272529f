"""Defects a security review found around the edges (issue 8): token ids on PostgreSQL, token use,
Secure cookies behind a TLS proxy, caching of signed-in pages, SQL values in logs, the connection
after a 500, and NUL bytes in input."""

from __future__ import annotations

import http.client
import logging
import re
from urllib.parse import urlsplit

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, select, text

from mamoru import safelog
from mamoru.services import access
from mamoru.services.uow import read_only, unit_of_work
from mamoru.store.models import ApiToken, Partner, User

from .conftest import bearer, serve_in_thread
from .test_security import csrf_of, sign_in

SECRET = "秘密の焼成温度1380度"


def test_a_new_token_answers_its_own_id_while_another_is_committed(engine, api, people):
    """On PostgreSQL the API read back "the newest token of this user": another request's, when that
    one committed between the insert and the read."""
    fired = []

    @event.listens_for(engine, "after_cursor_execute")
    def another_request(conn, cursor, statement, parameters, context, executemany):
        if statement.startswith("INSERT INTO api_tokens") and not fired:
            fired.append(True)
            if engine.dialect.name == "postgresql":  # SQLite has one writer at a time: it cannot race
                with unit_of_work(engine, "tanaka") as ctx:
                    access.create_token(ctx, "tanaka", "meanwhile")

    try:
        made = api("tech_manager").post("/api/v1/tokens", json={"name": "mine"})
    finally:
        event.remove(engine, "after_cursor_execute", another_request)
    assert made.status_code == 201
    with read_only(engine) as ctx:
        mine = ctx.session.execute(select(ApiToken.id).where(ApiToken.name == "mine")).scalar_one()
    assert made.json()["id"] == mine and made.json()["name"] == "mine"
    assert api("tech_manager").get("/api/v1/me", headers=bearer(made.json()["token"])).status_code == 200


def test_token_use_is_noted_at_most_once_a_minute(api, engine, people):
    with read_only(engine) as ctx:
        assert all(t is None for t in ctx.session.execute(select(ApiToken.last_used_at)).scalars())
    staff = api("staff")
    assert staff.get("/api/v1/me").status_code == 200
    with read_only(engine) as ctx:
        row = ctx.session.execute(select(ApiToken).join(User, User.id == ApiToken.user_id)
                                  .where(User.username == "sato")).scalar_one()
        first, token_id = row.last_used_at, row.id
    assert first is not None
    listed = {t["id"]: t for t in staff.get("/api/v1/tokens").json()["items"]}
    assert listed[token_id]["last_used_at"] is not None
    staff.get("/api/v1/me")
    with read_only(engine) as ctx:
        assert ctx.session.get(ApiToken, token_id).last_used_at == first  # no write within the minute


def _session_cookie(http, username: str, password: str) -> str:
    """Sign in; returns the session cookie's Set-Cookie line. The login form's cookie is sent by hand:
    a client talking plain http to the proxy's back end would rightly not send a Secure one."""
    page = http.get("/login")
    token = re.search(r'name="login_csrf" value="([^"]*)"', page.text).group(1)
    http.cookies.clear()
    response = http.post("/login", data={"username": username, "password": password, "login_csrf": token},
                         headers={"Cookie": f"mamoru_login_csrf={token}"}, follow_redirects=False)
    assert response.status_code == 303
    return next(v for k, v in response.headers.multi_items() if k == "set-cookie" and v.startswith("mamoru_session="))


def test_the_session_cookie_is_secure_when_asked(client, people, monkeypatch):
    plain = _session_cookie(client, "tanaka", people["tech_manager"]["password"])
    assert "secure" not in plain.lower()
    monkeypatch.setenv("MAMORU_COOKIE_SECURE", "1")
    assert "; secure" in _session_cookie(client, "tanaka", people["tech_manager"]["password"]).lower()
    assert "; secure" in client.get("/login?lang=en").headers["set-cookie"].lower()


def _serve(app, **options):
    import threading
    import time

    import uvicorn

    from .conftest import _Server, free_port

    port = free_port()
    server = _Server(uvicorn.Config(app, lifespan="off", **{**options, "port": port}))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    return f"http://127.0.0.1:{port}", server, thread


def test_behind_a_tls_proxy_the_session_cookie_is_secure(web_app, people):
    """``mamoru serve --proxy-headers``: X-Forwarded-Proto from a trusted proxy makes the request https."""
    from mamoru.cli.serve import server_options

    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.5"}
    for proxied, secure in ((True, True), (False, False)):
        options = server_options(proxy_headers=proxied, forwarded_allow_ips="127.0.0.1")
        options.pop("workers")
        base, server, thread = _serve(web_app, **options)
        try:
            with httpx.Client(base_url=base, headers=forwarded) as http:
                cookie = _session_cookie(http, "tanaka", people["tech_manager"]["password"])
        finally:
            server.should_exit = True
            thread.join(timeout=10)
        assert ("; secure" in cookie.lower()) is secure, (proxied, cookie)
    assert server_options(proxy_headers=True)["forwarded_allow_ips"] == "127.0.0.1"
    assert server_options()["proxy_headers"] is False  # off unless asked: headers from anyone are ignored


def test_signed_in_pages_exports_and_pdfs_are_not_cached(client, people):
    sign_in(client, "tanaka", people["tech_manager"]["password"])
    for path in ("/", "/partners", "/account", "/export/partners.csv", "/export/registers.xlsx",
                 "/reports/registers.pdf", "/api/v1/partners"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["cache-control"] == "no-store", path
    assert "no-store" not in client.get("/static/app.css").headers.get("cache-control", "")


def test_sql_errors_keep_their_values_out_of_messages_and_logs(engine):
    with pytest.raises(Exception) as err:
        with unit_of_work(engine, "setup") as ctx:
            ctx.session.execute(text("SELECT CAST(:v AS INTEGER) + CAST(:w AS INTEGER)"), {"v": SECRET, "w": "x"})
            ctx.session.execute(text("INSERT INTO partners (code) VALUES (:v)"), {"v": SECRET})
    assert "hide_parameters" in str(err.value)  # SQLAlchemy's message no longer lists the values
    logged = safelog.format_exception(err.value)
    assert SECRET not in logged and "Traceback" in logged and "in SQL:" in logged


def _boom_route(web_app, engine):
    """A bug in a handler: a statement that fails with business text among its values."""

    @web_app.get("/api/v1/_boom", include_in_schema=False)
    @web_app.get("/_boom", include_in_schema=False)
    def boom():
        with unit_of_work(engine, "setup") as ctx:
            ctx.session.execute(text("INSERT INTO partners (code, name) VALUES (:v, NULL)"), {"v": SECRET})


def test_a_500_answers_in_both_languages_and_logs_no_values(web_app, engine, caplog):
    _boom_route(web_app, engine)
    with TestClient(web_app, base_url="http://127.0.0.1") as plain, caplog.at_level(logging.ERROR):
        api = plain.get("/api/v1/_boom")
        page = plain.get("/_boom?lang=en")
    assert api.status_code == 500 and api.json()["code"] == "http.internal" and api.json()["message"]["ja"]
    assert page.status_code == 500 and "Traceback" not in page.text
    assert "unhandled error on GET /api/v1/_boom" in caplog.text
    assert SECRET not in caplog.text and "Traceback" in caplog.text


def test_after_a_500_the_same_keep_alive_connection_still_answers(web_app, engine):
    _boom_route(web_app, engine)
    base, server, thread = serve_in_thread(web_app)
    try:
        parts = urlsplit(base)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        conn.request("GET", "/api/v1/_boom")
        first = conn.getresponse()
        assert first.status == 500 and b"http.internal" in first.read()
        conn.request("GET", "/login")  # the same connection: it must not have been reset
        second = conn.getresponse()
        assert second.status == 200 and second.read()
        conn.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_nul_bytes_are_refused_as_input_errors_on_every_door(client, api, people, engine):
    sign_in(client, "tanaka", people["tech_manager"]["password"])
    form = {"code": "P-NUL", "name": "信頼\x00商事", "kind": "customer", "country": "JP",
            "csrf_token": csrf_of(client)}
    page = client.post("/partners/new", data=form)
    assert page.status_code == 422 and "NUL" in page.text and "name" in page.text
    for path in ("/disclosures?q=%00", "/partners/P%00X", "/audit?q=a%00b"):
        response = client.get(path)
        assert response.status_code == 422 and "NUL" in response.text, path
    staff = api("staff")
    made = staff.post("/api/v1/partners", json={"code": "P-NUL", "name": "a\u0000b", "kind": "customer",
                                                "country": "JP"})
    body = made.json()
    assert made.status_code == 422 and body["code"] == "input.nul_byte" and body["params"]["field"] == "name"
    assert "NUL" in body["message"]["ja"] and "NUL" in body["message"]["en"]
    assert staff.post("/api/v1/partners", json={"code": "P-OK2", "name": "a\\u0000b", "kind": "customer",
                                                "country": "JP"}).status_code == 201  # an escaped backslash is text
    assert staff.get("/api/v1/partners/P%00X").json()["code"] == "input.nul_byte"
    with read_only(engine) as ctx:
        assert ctx.session.execute(select(Partner).where(Partner.code == "P-NUL")).first() is None
    with unit_of_work(engine, "setup") as ctx, pytest.raises(Exception) as err:
        from mamoru.services import partners

        partners.add_partner(ctx, "P-NUL", name="x\x00y", kind="customer", country="JP")
    assert getattr(err.value, "code", None) == "input.nul_byte"
