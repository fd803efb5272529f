"""Incidents through the API and in a real browser: who may see and do what, the trace upload, the package."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import datetime, timedelta, timezone

import pytest

from tests.web.test_browser import browser, site  # noqa: F401  (fixtures; skips without chromium)


def today() -> str:
    return datetime.now(timezone.utc).date().isoformat()


def open_via_api(api, role: str, **extra):
    body = {"title": "競合の資料に当社の条件", "discovered_on": today(), "partners": ["P-OK"], "elements": ["A-2"]}
    body.update(extra)
    return api(role).post("/api/v1/incidents", json=body)


def test_staff_open_on_what_they_see_and_cannot_see_or_package_the_rest(api):
    mine = open_via_api(api, "staff")
    assert mine.status_code == 201, mine.text
    assert {o["kind"] for o in mine.json()["obligations"]} == {"preserve_evidence", "consult_lawyer", "review_partner"}
    other = open_via_api(api, "admin", elements=["B-3"], partners=[])
    assert other.status_code == 201 and "report_authority" in {o["kind"] for o in other.json()["obligations"]}
    hidden = other.json()["number"]
    assert api("staff").get(f"/api/v1/incidents/{hidden}").status_code == 404
    assert [i["number"] for i in api("staff").get("/api/v1/incidents").json()["items"]] == [mine.json()["number"]]
    assert open_via_api(api, "staff", elements=["B-2"]).status_code == 404  # another technology's element
    number = mine.json()["number"]
    assert api("staff").post(f"/api/v1/incidents/{number}/package").status_code == 403
    assert api("staff").post(f"/api/v1/incidents/{number}/status", json={"to": "confirmed"}).status_code == 403
    # the auditor may produce the package; it is a zip with the manifest the header names
    built = api("auditor").post(f"/api/v1/incidents/{number}/package")
    assert built.status_code == 200 and built.headers["content-type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(built.content)).namelist()
    assert f"{number}/MANIFEST.sha256" in names and f"{number}/summary.pdf" in names


def test_bad_input_over_the_api_is_problem_json_with_the_reason(api):
    out_of_order = open_via_api(api, "tech_manager", leak_from=(datetime.now(timezone.utc).date()
                                                                 + timedelta(days=-1)).isoformat(),
                                discovered_on=(datetime.now(timezone.utc).date() - timedelta(days=5)).isoformat())
    assert out_of_order.status_code == 422 and out_of_order.json()["code"] == "incident.dates_out_of_order"
    unknown = open_via_api(api, "tech_manager", partners=["P-NOBODY"])
    assert unknown.status_code == 404 and unknown.json()["code"] == "notfound.partner"
    number = open_via_api(api, "tech_manager").json()["number"]
    backwards = api("tech_manager").post(f"/api/v1/incidents/{number}/status", json={"to": "closed"})
    assert backwards.status_code == 422 and backwards.json()["code"] == "input.required"
    trace = api("tech_manager").post(f"/api/v1/incidents/{number}/traces",
                                     json={"source_name": "t.json", "result": {"verdict": "likely", "candidates": []}})
    assert trace.status_code == 201 and len(trace.json()["sha256"]) == 64


def test_a_technology_manager_opens_an_incident_attaches_a_trace_and_downloads_the_package(site, tmp_path):
    page = site("tech_manager")
    page.goto(page.base + "/incidents")
    page.click("text=事案を起票")
    page.fill("#f-title", "競合他社のカタログに当社の焼結条件")
    page.fill("#f-found", "展示会で入手した競合のカタログ")
    page.fill("#f-discovered_on", today())
    page.check("#f-partners input[value=P-OK]")
    page.check("#f-elements input[value=A-2]")
    page.click("form[action='/incidents/new'] button[type=submit]")
    page.wait_for_url("**/incidents/INC-*")
    body = page.inner_text("main") if page.query_selector("main") else page.inner_text("body")
    assert "証拠の保全" in body and "弁護士への相談" in body and "取引関係の見直し" in body
    assert "preserve_evidence" not in body and "suspected" not in body
    trace = tmp_path / "trace-result.json"
    trace.write_text(json.dumps({"verdict": "likely", "candidates": [
        {"partner": "P-OK", "score": 0.9, "evidence": [{"control_number": "G-1", "when": today()}]}]}))
    page.set_input_files("#f-file", str(trace))
    page.click("form[action$='/trace'] button[type=submit]")
    page.wait_for_load_state()
    assert "trace-result.json" in page.inner_text("body") and "可能性が高い" in page.inner_text("body")
    page.shot("incident-detail")
    with page.expect_download() as download:
        page.click("button:has-text('証拠パッケージを作成')")
    saved = tmp_path / "package.zip"
    download.value.save_as(saved)
    assert any(n.endswith("audit/verify_excerpt.py") for n in zipfile.ZipFile(saved).namelist())
    page.goto(page.base + "/incidents")
    page.shot("incident-list")


def test_staff_see_no_package_button_and_a_bad_trace_file_is_refused_in_place(site, api, tmp_path):
    number = open_via_api(api, "tech_manager").json()["number"]
    staff = site("staff")
    staff.goto(staff.base + f"/incidents/{number}")
    assert "証拠パッケージを作成" not in staff.inner_text("body")
    manager = site("tech_manager")
    manager.goto(manager.base + f"/incidents/{number}")
    broken = tmp_path / "broken.json"
    broken.write_text("[1, 2")
    manager.set_input_files("#f-file", str(broken))
    manager.click("form[action$='/trace'] button[type=submit]")
    manager.wait_for_load_state()
    assert "JSON として読めません" in manager.inner_text("[data-field=file]")
