"""The guard and import pages as an attacker or a careless user meets them (issue 8): need-to-know,
odd file names, uploads over the limit, a large document as a job with paged findings."""

from __future__ import annotations

import time
from urllib.parse import unquote

from sqlalchemy import func, select

from mamoru import limits
from mamoru.guard.models import GuardRedaction
from mamoru.services import guard
from mamoru.services.uow import read_only, unit_of_work
from mamoru.store.models import Disclosure, Partner
from mamoru.web.pages import guard as guard_page

from .test_guard_page import signed_in


def count(engine, model) -> int:
    with read_only(engine) as ctx:
        return ctx.session.execute(select(func.count()).select_from(model)).scalar_one()


def terms(engine):
    with unit_of_work(engine, "setup") as ctx:
        guard.add_term(ctx, "T-A", "アルミナAX-9", "A-2", category="material")
        guard.add_term(ctx, "T-B", "秘密コートZ7", "B-2", category="material")


DOC = "原料はアルミナAX-9、表面は秘密コートZ7で処理。納期は来月です。\n".encode("utf-8")


def test_staff_do_not_see_or_send_terms_of_technologies_they_are_not_assigned(client, people, seeded, engine):
    terms(engine)
    csrf = signed_in(client, "sato", people["staff"]["password"])
    files = {"file": ("memo.txt", DOC, "text/plain")}
    scanned = client.post("/guard", data={"csrf_token": csrf, "partner": "P-OK", "mode": "scan"}, files=files)
    assert scanned.status_code == 200
    page = scanned.text
    assert "A-2" in page and "アルミナAX-9" in page  # assigned: shown
    assert "B-2" not in page and "秘密コートZ7" not in page and "T-B" not in page  # not assigned: withheld
    assert 'id="restricted"' in page and "閲覧権限外の用語" in page
    refused = client.post("/guard", data={"csrf_token": csrf, "partner": "P-OK", "mode": "redact",
                                          "purpose": "打合せ", "accept_conditions": "1"}, files=files)
    assert refused.status_code == 403 and "B-2" not in refused.text
    assert count(engine, Disclosure) == 0 and count(engine, GuardRedaction) == 0
    manager = signed_in(client, "tanaka", people["tech_manager"]["password"])
    shown = client.post("/guard", data={"csrf_token": manager, "partner": "P-OK", "mode": "scan"}, files=files)
    assert "B-2" in shown.text and 'id="restricted"' not in shown.text


def test_a_japanese_file_name_downloads_and_is_recorded_once(client, people, seeded, engine):
    terms(engine)
    csrf = signed_in(client, "tanaka", people["tech_manager"]["password"])
    for name in ("報告書.txt", 'a"b\r\nX-Evil: 1.txt'):
        files = {"file": (name, "アルミナAX-9 を使用".encode("utf-8"), "text/plain")}
        before = count(engine, Disclosure)
        got = client.post("/guard", data={"csrf_token": csrf, "partner": "P-OK", "mode": "redact",
                                          "purpose": "打合せ", "accept_conditions": "1"}, files=files)
        assert got.status_code == 200, got.text[:300]
        disposition = got.headers["content-disposition"]
        assert "filename*=UTF-8''" in disposition and "x-evil" not in {k.lower() for k in got.headers}
        encoded = disposition.split("filename*=UTF-8''")[1]
        assert unquote(encoded).endswith(".safe.txt")
        assert count(engine, Disclosure) == before + 1
        fallback = disposition.split('filename="')[1].split('"')[0]
        assert fallback.isascii() and fallback.endswith(".txt") and "\n" not in disposition
    assert "報告書.safe.txt" in unquote(client.post("/guard", data={
        "csrf_token": csrf, "partner": "P-OK", "mode": "redact", "purpose": "x", "accept_conditions": "1"},
        files={"file": ("報告書.txt", "納期".encode("utf-8"), "text/plain")}).headers["content-disposition"])


def test_odd_upload_names_get_an_answer_not_a_500(client, people, seeded, engine):
    csrf = signed_in(client, "tanaka", people["tech_manager"]["password"])
    for name in ("..", ".", "x" * 300 + ".txt", "あ" * 120 + ".txt", "../../etc/passwd.txt"):
        got = client.post("/guard", data={"csrf_token": csrf, "partner": "P-OK", "mode": "scan"},
                          files={"file": (name, b"hello", "text/plain")})
        assert got.status_code in (200, 422), (name, got.status_code)
        assert "Traceback" not in got.text
    bad = client.post("/guard", data={"csrf_token": csrf, "partner": "P-OK", "mode": "scan"},
                      files={"file": ("..", b"hello", "text/plain")})
    assert bad.status_code == 422 and "ファイル名" in bad.text


def test_an_upload_over_the_limit_is_refused_not_truncated(client, people, seeded, engine, monkeypatch):
    monkeypatch.setattr(limits, "MAX_UPLOAD", 1 * limits.MB)
    csrf = signed_in(client, "admin", people["admin"]["password"])
    rows = "code,name,kind,country\n" + "".join(f"P-{i:06d},名前{i},customer,JP\n" for i in range(40_000))
    assert len(rows.encode()) > limits.MB
    before = count(engine, Partner)
    got = client.post("/import", data={"csrf_token": csrf, "kind": "partners", "mode": "import"},
                      files={"file": ("partners.csv", rows.encode("utf-8"), "text/csv")})
    assert got.status_code == 422 and "上限" in got.text
    assert count(engine, Partner) == before
    scanned = client.post("/guard", data={"csrf_token": csrf, "partner": "P-OK", "mode": "scan"},
                          files={"file": ("big.txt", ("納期" * 400_000).encode("utf-8"), "text/plain")})
    assert scanned.status_code == 422 and "上限" in scanned.text


def test_a_large_document_becomes_a_job_with_summarised_paged_findings(client, people, seeded, engine,
                                                                       monkeypatch):
    terms(engine)
    monkeypatch.setattr(guard_page, "INLINE_BYTES", 10)
    monkeypatch.setattr(guard_page, "PAGE", 50)
    csrf = signed_in(client, "tanaka", people["tech_manager"]["password"])
    document = ("アルミナAX-9 を焼成温度1250℃で。\n" * 120).encode("utf-8")
    started = client.post("/guard", data={"csrf_token": csrf, "partner": "P-OK", "mode": "scan"},
                          files={"file": ("long.txt", document, "text/plain")})
    assert started.status_code == 200 and 'hx-get="/guard/jobs/' in started.text
    job = started.text.split('hx-get="/guard/jobs/')[1].split('"')[0]
    for _ in range(300):
        state = client.get(f"/guard/jobs/{job}")
        if 'hx-trigger="every 1s"' not in state.text:
            break
        time.sleep(0.1)
    assert state.status_code == 200 and 'id="findings-summary"' in state.text
    assert state.text.count("<tr><td>") >= 50 and 'id="next-page"' in state.text
    assert "1–50" in state.text and "240" in state.text  # 120 terms + 120 temperatures
    last = client.get(f"/guard/jobs/{job}?page=5")
    assert "201–240" in last.text
    other = signed_in(client, "admin", people["admin"]["password"])  # someone else's job is not theirs to read
    assert other and client.get(f"/guard/jobs/{job}").status_code == 404


def test_a_large_import_preview_is_a_job_that_shows_progress_then_every_error(client, people, seeded, engine,
                                                                             monkeypatch):
    from mamoru.web.pages import imports

    monkeypatch.setattr(imports, "INLINE_BYTES", 10)
    csrf = signed_in(client, "admin", people["admin"]["password"])
    rows = "code,name,kind,country\n" + "".join(f"P-J{i:04d},名前{i},{'friend' if i == 700 else 'customer'},JP\n"
                                              for i in range(1000))
    before = count(engine, Partner)
    started = client.post("/import", data={"csrf_token": csrf, "kind": "partners", "mode": "import"},
                          files={"file": ("partners.csv", rows.encode("utf-8"), "text/csv")})
    assert started.status_code == 200 and 'hx-get="/import/jobs/' in started.text
    job = started.text.split('hx-get="/import/jobs/')[1].split('"')[0]
    for _ in range(600):
        state = client.get(f"/import/jobs/{job}")
        if 'hx-trigger="every 1s"' not in state.text:
            break
        time.sleep(0.1)
    assert 'id="import-errors"' in state.text and "702行目" in state.text and "種類" in state.text
    assert count(engine, Partner) == before  # all or nothing, as before
