"""Leak tracing through the doors: the /trace page, the API, and the page in a real browser (Japanese)."""

from __future__ import annotations

import re
import unicodedata

import pytest

from mamoru.services import guard
from mamoru.services.uow import unit_of_work
from mamoru.trace import marks
from tests.web.conftest import bearer
from tests.web.test_browser import CHROMIUM, browser, site  # noqa: F401  (fixtures)

MEMO = "開発メモ。主原料はアルミナAX-9 を用います。評価はすでに済んでいます。ご確認ください。\n"


@pytest.fixture
def leaked(engine, seeded, tmp_path):
    """A copy of a memo written for P-OK (rank 2 term, so P-OK's own code name); its retyped body."""
    src = tmp_path / "memo.txt"
    src.write_text(MEMO, encoding="utf-8")
    out = tmp_path / "memo-ok.txt"
    with unit_of_work(engine, "setup") as ctx:
        guard.add_term(ctx, "T-A", "アルミナAX-9", "A-2", category="material")
        row = guard.redact(ctx, src, "P-OK", out, "試作評価", accept_conditions=True)
    body = out.read_text(encoding="utf-8").split("\n\n", 1)[1]
    return {"control": row.control_number, "retyped": unicodedata.normalize("NFKC", marks.strip(body))}


def test_api_traces_a_retyped_excerpt_to_its_recipient_with_evidence(client, people, leaked):
    answer = client.post("/api/v1/trace", json={"text": leaked["retyped"]},
                         headers=bearer(people["tech_manager"]["token"]))
    assert answer.status_code == 200, answer.text
    data = answer.json()
    assert data["verdict"] == "source" and data["candidates"][0]["partner"] == "P-OK"
    evidence = data["candidates"][0]["evidence"]
    assert evidence[0]["kind"] == "code_name" and evidence[0]["control_number"] == leaked["control"]


def test_api_traces_a_file_and_refuses_bad_ones_clearly(client, people, leaked):
    headers = {**bearer(people["auditor"]["token"]), "Content-Type": "application/octet-stream"}
    ok = client.post("/api/v1/trace/file?name=found.txt", content=leaked["retyped"].encode(), headers=headers)
    assert ok.status_code == 200 and ok.json()["candidates"][0]["partner"] == "P-OK"
    broken = client.post("/api/v1/trace/file?name=found.docx", content=b"PK\x03\x04junk", headers=headers)
    assert broken.status_code == 422 and broken.json()["code"] == "guard.file.corrupt"
    empty = client.post("/api/v1/trace", json={"text": " "}, headers=bearer(people["auditor"]["token"]))
    assert empty.status_code == 422 and empty.json()["code"] == "trace.empty"


def test_staff_cannot_trace_on_any_door(client, people, leaked):
    answer = client.post("/api/v1/trace", json={"text": leaked["retyped"]}, headers=bearer(people["staff"]["token"]))
    assert answer.status_code == 403


def _sign_in(client, username: str, password: str) -> str:
    token = re.search(r'name="login_csrf" value="([^"]*)"', client.get("/login").text).group(1)
    client.post("/login", data={"username": username, "password": password, "login_csrf": token})
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get("/trace").text).group(1)


def test_page_shows_the_verdict_candidates_and_evidence_in_japanese(client, people, leaked):
    csrf = _sign_in(client, "tanaka", people["tech_manager"]["password"])
    page = client.post("/trace", data={"csrf_token": csrf, "text": leaked["retyped"]})
    assert page.status_code == 200
    result = page.text.split('id="trace-result"')[1]
    assert "流出元を推定" in result and "P-OK" in result and "取引先別コードネーム" in result
    assert leaked["control"] in result and "/disclosures/" in result
    assert "code_name" not in result and "cannot_tell" not in result  # labels, not codes
    empty = client.post("/trace", data={"csrf_token": csrf, "text": ""})
    assert empty.status_code == 422 and "指定してください" in empty.text


def test_trace_page_in_a_browser(site, leaked):
    page = site("tech_manager")
    page.goto(page.base + "/trace")
    assert page.locator("nav.main a[href='/trace']").inner_text() == "流出元の推定"
    page.fill("#f-text", leaked["retyped"])
    page.click("#trace")
    result = page.locator("#trace-result")
    assert "流出元を推定" in result.inner_text() and "P-OK" in result.inner_text()
    page.shot("trace")
    staff = site("staff")
    staff.goto(staff.base + "/")
    assert staff.locator("nav.main a[href='/trace']").count() == 0
