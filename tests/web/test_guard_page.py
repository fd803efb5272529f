"""The document guard in the browser's shape: upload, findings with the gate, a redacted download."""

from __future__ import annotations

import re

from sqlalchemy import select

from mamoru.services import guard
from mamoru.services.uow import read_only, unit_of_work
from mamoru.store.models import Disclosure


def signed_in(client, username: str, password: str) -> str:
    token = re.search(r'name="login_csrf" value="([^"]*)"', client.get("/login").text).group(1)
    client.post("/login", data={"username": username, "password": password, "login_csrf": token})
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get("/guard").text).group(1)


def test_scan_then_download_a_redacted_copy(client, people, seeded, engine):
    with unit_of_work(engine, "setup") as ctx:
        guard.add_term(ctx, "T-A", "アルミナAX-9", "A-2", category="material")
    csrf = signed_in(client, "tanaka", people["tech_manager"]["password"])
    document = "原料はアルミナAX-9を使用し、焼成温度1250℃で保持する。納期は来月です。\n".encode("utf-8")
    files = {"file": ("memo.txt", document, "text/plain")}
    scanned = client.post("/guard", data={"csrf_token": csrf, "partner": "P-OK", "mode": "scan"}, files=files)
    assert scanned.status_code == 200
    table = scanned.text.split('id="findings"')[1]
    assert "アルミナAX-9" in table and "A-2" in table and "1250" in table
    redacted = client.post("/guard", data={"csrf_token": csrf, "partner": "P-OK", "mode": "redact",
                                           "purpose": "仕様の打合せ", "accept_conditions": "1"}, files=files)
    assert redacted.status_code == 200, redacted.text[:500]
    text = redacted.content.decode("utf-8")
    assert "アルミナAX-9" not in text and "1250" not in text and "納期は来月です" in text
    assert redacted.headers["x-mamoru-control-number"] in text
    with read_only(engine) as ctx:
        record = ctx.session.execute(select(Disclosure)).scalar_one()
        assert record.form == "code_named" and record.document_sha256


def test_a_denied_redaction_explains_why_and_writes_nothing(client, people, seeded, engine):
    with unit_of_work(engine, "setup") as ctx:
        guard.add_term(ctx, "T-A", "秘伝焼成曲線", "A-4", category="process")
    csrf = signed_in(client, "tanaka", people["tech_manager"]["password"])
    files = {"file": ("memo.txt", "秘伝焼成曲線の詳細".encode("utf-8"), "text/plain")}
    refused = client.post("/guard", data={"csrf_token": csrf, "partner": "P-OK", "mode": "redact",
                                          "purpose": "x", "accept_conditions": "1"}, files=files)
    assert refused.status_code == 422 and "コア技術" in refused.text
    with read_only(engine) as ctx:
        assert ctx.session.execute(select(Disclosure)).first() is None
