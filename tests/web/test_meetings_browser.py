"""Meetings and the meeting sheet in a real browser, the sheet as PDF, and the meetings API."""

from __future__ import annotations

import io
import re
from datetime import datetime, timezone

from pypdf import PdfReader

from mamoru.services import relations
from mamoru.services.uow import unit_of_work
from tests.web.test_browser import CHROMIUM, browser, site  # noqa: F401  (fixtures)


def test_staff_record_a_meeting_and_its_talk_joins_the_ledger(site, engine):
    page = site("staff")
    page.goto(page.base + "/meetings/new")
    page.select_option("#f-partner", "P-OK")
    page.fill("#f-held_on", datetime.now(timezone.utc).date().isoformat())
    page.fill("#f-place", "先方会議室")
    page.fill("#f-our", "佐藤; 伊藤")
    page.fill("#f-their", "購買部長")
    page.fill("#f-purpose", "仕様の打合せ")
    page.fill("#f-said", "一般仕様とNDA範囲の条件のみ説明")
    page.check("input[name=elements][value=A-1]")
    page.check("input[name=elements][value=A-2]")
    page.check("input[name=accept_conditions]")
    page.click("#record-meeting")
    page.wait_for_url(re.compile(r".*/meetings/\d+$"))
    page.shot("meeting-detail")
    body = page.inner_text("body")
    assert "佐藤、伊藤" in body and "購買部長" in body and "記録済み" in body
    page.click("a[href^='/disclosures/D-']")
    assert "口頭" in page.inner_text("body")  # the ledger entry is an oral disclosure


def test_conditions_must_be_accepted_before_a_meeting_is_recorded(site):
    page = site("staff")
    page.goto(page.base + "/meetings/new")
    page.select_option("#f-partner", "P-OK")
    page.fill("#f-held_on", datetime.now(timezone.utc).date().isoformat())
    page.fill("#f-our", "佐藤")
    page.fill("#f-purpose", "仕様の打合せ")
    page.check("input[name=elements][value=A-2]")
    page.click("#record-meeting")
    assert page.get_attribute(".flash.error", "data-code") == "disclosure.conditions_not_accepted"
    assert "1-②" in page.inner_text(".flash.error")  # the oral briefing condition, in Japanese


def test_the_sheet_says_what_may_and_may_not_be_said_and_prints(site, engine):
    with unit_of_work(engine, "setup") as ctx:
        relations.add_relation(ctx, "P-OK", "customer", "競合工業株式会社", our_competitor=True)
    page = site("staff")
    page.goto(page.base + "/meetings/sheet")
    page.select_option("#f-partner", "P-OK")
    for code in ("A-1", "A-2", "A-3", "A-4"):
        page.check(f"input[name=elements][value={code}]")
    page.click("#make-sheet")
    page.wait_for_selector("#may-say")
    page.shot("meeting-sheet")
    may = page.inner_text("#may-say + table")
    must = page.inner_text("#must-not + table")
    assert "A-1" in may and "A-2" in may and "A-3" not in may
    assert "A-3" in must and "A-4" in must and "承認が必要" in must and "開示不可" in must
    assert "競合工業株式会社" in page.inner_text("body")  # 3-1: they also serve our competitor
    response = page.request.get(page.base + page.get_attribute("#sheet-pdf", "href"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    assert "A-3" in text and "A-4" in text and "NDA-1" in text


def test_the_meetings_api_records_and_briefs(api):
    staff = api("staff")
    made = staff.post("/api/v1/meetings", json={
        "partner": "P-OK", "held_on": datetime.now(timezone.utc).date().isoformat(), "purpose": "打合せ",
        "our_attendees": ["佐藤"], "elements": ["A-1"], "accept_conditions": True})
    assert made.status_code == 201, made.text
    assert made.json()["disclosure"]["channel"] == "oral"
    sheet = staff.get("/api/v1/meetings/sheet", params={"partner": "P-OK", "elements": ["A-1", "A-4"]})
    assert [i["element"]["code"] for i in sheet.json()["must_not"]] == ["A-4"]
    hidden = staff.get("/api/v1/meetings/sheet", params={"partner": "P-OK", "elements": ["B-1"]})
    assert hidden.status_code == 404  # staff are not assigned T-B: its elements do not exist for them
