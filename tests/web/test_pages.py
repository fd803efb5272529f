"""Pages beyond the browser flows: forms, exports and reports, with need-to-know applied everywhere."""

from __future__ import annotations

import io
import re

from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from mamoru.services.uow import read_only
from mamoru.store.models import KnowledgeElement


def signed_in(client, username: str, password: str):
    token = re.search(r'name="login_csrf" value="([^"]*)"', client.get("/login").text).group(1)
    client.post("/login", data={"username": username, "password": password, "login_csrf": token})
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get("/account").text).group(1)


def test_technology_and_element_forms_validate_in_place(client, people, engine):
    csrf = signed_in(client, "tanaka", people["tech_manager"]["password"])
    created = client.post("/technologies/new", data={"csrf_token": csrf, "code": "T-NEW", "name": "焼成",
                                                     "domain": "external_dependence"}, follow_redirects=False)
    assert created.headers["location"] == "/technologies/T-NEW"
    bad = client.post("/technologies/T-NEW/elements", data={"csrf_token": csrf, "code": "N-1", "title": "温度",
                                                            "rank": "7"})
    assert bad.status_code == 422
    assert re.search(r'data-field="rank">[^<]*0〜4', bad.text)
    dup = client.post("/technologies/new", data={"csrf_token": csrf, "code": "T-NEW", "name": "x",
                                                 "domain": "external_dependence"})
    assert dup.status_code == 409 and 'data-field="code"' not in dup.text and "既に使われています" in dup.text
    ok = client.post("/technologies/T-NEW/elements", data={"csrf_token": csrf, "code": "N-1", "title": "温度",
                                                           "rank": "3", "proper_nouns": "1"}, follow_redirects=False)
    assert ok.status_code == 303
    with read_only(engine) as ctx:
        element = ctx.session.execute(select(KnowledgeElement).where(KnowledgeElement.code == "N-1")).scalar_one()
        assert (element.rank, element.proper_nouns) == (3, True)


def test_exports_respect_need_to_know(client, people, seeded):
    signed_in(client, "sato", people["staff"]["password"])
    response = client.get("/export/registers.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    techs = [row[0] for row in book["技術"].iter_rows(min_row=2, values_only=True)]
    assert techs == ["T-A"]
    elements = {row[1]: row[2] for row in book["要素"].iter_rows(min_row=2, values_only=True)}
    assert elements["A-2"] == "低温焼結プロセス rank 2"
    assert not elements["A-3"] and not elements["A-4"]
    assert "B-1" not in elements


def test_search_does_not_reveal_unassigned_technologies(client, people, seeded):
    signed_in(client, "sato", people["staff"]["password"])
    body = client.get("/technologies?q=T-B").text.split("<tbody>")[1]
    assert "T-B" not in body and "表面コーティング" not in body


def test_exposure_report_as_pdf_with_japanese_text(client, people, seeded):
    signed_in(client, "tanaka", people["tech_manager"]["password"])
    html = client.get("/reports/exposure/P-OK")
    assert html.status_code == 200 and "露出度レポート" in html.text
    pdf = client.get("/reports/registers.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "登録簿サマリー" in text and "信頼商事" in text and "低温焼結プロセス" in text


def test_english_is_one_click_away(client, people):
    signed_in(client, "tanaka", people["tech_manager"]["password"])
    page = client.get("/?lang=en")
    assert "Open obligations" in page.text and "Dashboard" in page.text
    assert "Partners" in client.get("/partners").text  # the choice sticks


def test_a_missing_clause_is_shown_and_can_be_added(client, people, seeded):
    csrf = signed_in(client, "tanaka", people["tech_manager"]["password"])
    page = client.get("/agreements/NDA-1").text
    assert "支配権変更の事前承諾・通知" in page.split("不足条項を追加")[0]
    client.post("/agreements/NDA-1/clauses", data={"csrf_token": csrf, "clause": "change_of_control:notice"})
    checklist = client.get("/agreements/NDA-1").text
    assert 'value="change_of_control:approval"' not in checklist
