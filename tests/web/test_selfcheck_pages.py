"""The self-check in the browser and over the API, in Japanese: start, answer, make final, read the
radar chart and the trend, download the PDF and the workbook."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from tests.web.test_browser import CHROMIUM, browser, site  # noqa: F401  (fixtures)
from tests.web.test_pages import signed_in


def test_a_manager_runs_a_self_check_to_its_report(client, people):
    csrf = signed_in(client, "tanaka", people["tech_manager"]["password"])
    started = client.post("/selfcheck", data={"csrf_token": csrf}, follow_redirects=True)
    assert started.status_code == 200
    check_id = re.search(r"/selfcheck/(\d+)/report.pdf", started.text).group(1)
    page = started.text
    assert "<svg" in page and "ルールの整備" in page  # the radar chart, areas in Japanese
    assert "mamoru の記録" in page and "監査ログ" in page  # an answer from the records, with its evidence
    assert "利用者の回答（記録による裏付けなし）" in page

    saved = client.post(f"/selfcheck/{check_id}/answers", data={"csrf_token": csrf, "question": "people.training",
                                                                "level": "partly", "note": "年1回の研修"},
                        follow_redirects=True)
    assert "回答を保存しました" in saved.text and "年1回の研修" in saved.text
    refused = client.post(f"/selfcheck/{check_id}/answers", data={"csrf_token": csrf, "question": "people.training",
                                                                  "level": "maybe"})
    assert refused.status_code == 422 and "選べません" in refused.text

    pdf = client.get(f"/selfcheck/{check_id}/report.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "自己点検報告書" in text and "年1回の研修" in text
    xlsx = client.get(f"/selfcheck/{check_id}/report.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"

    final = client.post(f"/selfcheck/{check_id}/finalise", data={"csrf_token": csrf}, follow_redirects=True)
    assert "自己点検を確定しました" in final.text and 'id="finalise"' not in final.text
    assert client.post(f"/selfcheck/{check_id}/finalise", data={"csrf_token": csrf}).status_code == 409
    history = client.get("/selfcheck")
    assert "確定" in history.text and "<svg" in history.text  # the trend over finalised checks


def test_staff_see_no_self_check_and_auditors_cannot_answer(client, people, api):
    csrf = signed_in(client, "sato", people["staff"]["password"])
    assert client.get("/selfcheck").status_code == 403
    assert client.post("/selfcheck", data={"csrf_token": csrf}).status_code == 403
    made = api("tech_manager").post("/api/v1/selfcheck")
    assert made.status_code == 201
    check_id = made.json()["id"]
    body = api("auditor").get(f"/api/v1/selfcheck/{check_id}").json()
    assert body["areas"]["cyber"][0]["source"] == "mamoru"
    answer = {"question": "facilities.zones", "level": "yes"}
    assert api("auditor").post(f"/api/v1/selfcheck/{check_id}/answers", json=answer).status_code == 403
    assert api("tech_manager").post(f"/api/v1/selfcheck/{check_id}/answers", json=answer).json()["source"] == "user"
    bad = api("tech_manager").post(f"/api/v1/selfcheck/{check_id}/answers", json={"question": "x.y", "level": "yes"})
    assert bad.status_code == 422 and bad.json()["code"] == "selfcheck.unknown_question"


def test_the_self_check_page_in_the_browser(site):
    page = site("tech_manager")
    page.goto(page.base + "/selfcheck")
    page.click("#start")
    page.locator("svg.radar").wait_for()
    assert page.locator("h1").inner_text().startswith("自己点検 #")
    row = page.locator("#q-people-training")
    row.locator("select").select_option("partly")
    row.locator("input[name=note]").fill("年1回。派遣社員は未受講")
    row.locator("button").click()
    assert "回答を保存しました" in page.locator(".flash").inner_text()
    page.shot("selfcheck")


def test_the_workbook_is_written_even_when_a_name_holds_a_control_character(api, engine):
    from mamoru.services import technologies
    from mamoru.services.uow import unit_of_work

    with unit_of_work(engine, "setup") as ctx:
        technologies.add_technology(ctx, "T-CTRL", name="焼結\x07条件", domain="technological_superiority")
    check_id = api("tech_manager").post("/api/v1/selfcheck").json()["id"]
    report = api("auditor").get(f"/api/v1/selfcheck/{check_id}/report.xlsx")
    assert report.status_code == 200 and report.content[:2] == b"PK"
    too_big = api("auditor").get("/api/v1/meetings/9223372036854775808")
    assert too_big.status_code == 422  # a number past the database's range is bad input, not a crash
