"""The workbench in a real browser (Chromium): correct an agreement, lend a sample on an earlier day,
raise an obligation by hand, judge importance with a live suggestion, keep the codebook.
Screenshots go to ``artifacts/screenshots/workbench-*``."""

from __future__ import annotations

import io
from datetime import date, timedelta

from openpyxl import Workbook

from mamoru.services import events
from mamoru.services.uow import unit_of_work

from .test_browser import browser, site  # noqa: F401 - fixtures (the module skips without Chromium)


def test_an_agreement_is_corrected_in_the_browser_and_a_wrong_period_is_shown_at_its_field(site):  # noqa: F811
    page = site("tech_manager")
    page.goto(page.base + "/agreements/NDA-1")
    page.click("a.button:has-text('編集')")
    page.wait_for_url("**/agreements/NDA-1/edit")
    assert page.input_value("#f-title") == "秘密保持契約"
    page.fill("#f-valid_to", "2000-01-01")
    page.click("main button[type=submit]")
    page.locator(".field-error[data-field=valid_to]").wait_for()
    page.shot("workbench-agreement-error")
    page.fill("#f-valid_to", (date.today() + timedelta(days=400)).isoformat())
    page.fill("#f-title", "秘密保持契約（第2版）")
    page.check("#f-triggers input[value=list_hit]")
    page.uncheck("#f-clauses input[value=no_copying]")
    page.click("main button[type=submit]")
    page.wait_for_url("**/agreements/NDA-1")
    body = page.inner_text("main")
    assert "秘密保持契約（第2版）" in body and "制裁リスト等への追加" in body
    page.shot("workbench-agreement-edited")


def test_a_sample_is_lent_on_an_earlier_day_and_shows_as_overdue(site):  # noqa: F811
    page = site("tech_manager")
    page.goto(page.base + "/samples")
    page.click("a.button:has-text('サンプルの貸出')")
    page.wait_for_url("**/samples/new")
    page.select_option("#f-partner", "P-OK")
    page.check("#f-elements input[value=A-2]")
    page.locator("#decision [data-outcome]").wait_for()  # the gate answers live, as a sample disclosure
    assert "返却" in page.inner_text("#decision")
    page.fill("#f-purpose", "評価用サンプル")
    page.fill("#f-code", "S-WALK")
    page.fill("#f-sample_description", "焼結体 テストピース 3個")
    page.fill("#f-lent_on", (date.today() - timedelta(days=30)).isoformat())
    page.fill("#f-return_by", (date.today() - timedelta(days=3)).isoformat())
    page.check("input[name=accept_conditions]")
    page.shot("workbench-sample-new")
    page.click("#lend")
    page.wait_for_url("**/samples/S-WALK")
    page.goto(page.base + "/samples")
    assert page.locator("td span.overdue, td .overdue").count() >= 1
    page.shot("workbench-sample-overdue")


def test_an_obligation_is_raised_by_hand(site):  # noqa: F811
    page = site("staff")
    page.goto(page.base + "/obligations")
    page.click("a.button:has-text('対応事項の追加')")
    page.select_option("#f-kind", "report_police")
    page.select_option("#f-partner", "P-FAR")
    page.fill("#f-due_on", (date.today() + timedelta(days=2)).isoformat())
    page.fill("#f-detail", "元従業員による図面の持ち出しの疑い。ログを保全済み。")
    page.shot("workbench-obligation-new")
    page.click("main button[type=submit]")
    page.wait_for_url("**/obligations/*")
    assert "警察への相談・被害届" in page.inner_text("main")
    page.shot("workbench-obligation-raised")


def test_the_importance_judgement_suggests_live_and_is_confirmed(site, engine):  # noqa: F811
    page = site("tech_manager")
    page.goto(page.base + "/technologies/T-A")
    page.click("a.button:has-text('重要度の判定')")
    page.wait_for_url("**/technologies/T-A/importance")
    for axis, level in (("advantage", "high"), ("irreplaceability", "high"), ("leak_impact", "medium"),
                        ("secrecy", "high")):
        page.select_option(f"#f-{axis}", level)
    page.select_option("#f-security_relevance", "low")
    page.locator("#suggestion [data-tier=important]").wait_for()
    assert "合計 12 点" in page.inner_text("#suggestion")
    page.select_option("#f-security_relevance", "high")
    page.locator("#suggestion [data-tier=top_priority]").wait_for()
    page.shot("workbench-importance")
    page.click("#record-importance")
    page.wait_for_url("**/technologies/T-A/importance")
    page.select_option("#f-tier", "top_priority")
    page.click("#confirm-tier")
    page.wait_for_url("**/technologies/T-A")
    page.goto(page.base + "/technologies/T-A/importance")
    assert "確定：最重要（ブラックボックス化）" in page.inner_text("main")
    page.shot("workbench-importance-confirmed")


def test_the_codebook_is_kept_in_the_browser(site, tmp_path):  # noqa: F811
    wb = Workbook()
    ws = wb.active
    ws.title = "codebook"
    ws.append(["技術", "用語", "要素", "区分", "コードネーム"])
    ws.append(["T-A", "焼成炉KX", "A-3", "equipment", ""])
    path = tmp_path / "codebook.xlsx"
    buffer = io.BytesIO()
    wb.save(buffer)
    path.write_bytes(buffer.getvalue())
    page = site("tech_manager")
    page.goto(page.base + "/codebook")
    page.select_option("#f-technology", "T-A")
    page.fill("#f-term", "アルミナ粉末X")
    page.select_option("#f-element", "A-2")
    page.select_option("#f-category", "material")
    page.click("#add-term")
    page.wait_for_url("**/codebook")
    assert "アルミナ粉末X" in page.inner_text("#book-T-A + .card")
    page.set_input_files("#f-file", str(path))
    page.click("#preview")
    page.locator("#import-result").wait_for()
    assert "1 件を取り込めます" in page.inner_text("#import-result")
    page.shot("workbench-codebook-preview")
    page.set_input_files("#f-file", str(path))
    page.click("#do-import")
    page.locator("#import-result", has_text="取り込みました").wait_for()
    page.select_option("#scope-T-A", "partner")
    page.click("#book-T-A + .card button:has-text('保存')")
    page.wait_for_url("**/codebook")
    assert "取引先ごとに別" in page.inner_text("#book-T-A + .card")
    page.shot("workbench-codebook")
    page.locator("#book-T-A + .card button[data-retire]").first.click()
    page.wait_for_url("**/codebook")
    assert "アルミナ粉末X" not in page.inner_text("#book-T-A + .card")


def test_an_event_date_is_corrected_in_the_browser(site, engine):  # noqa: F811
    with unit_of_work(engine, "setup") as ctx:
        event_id = events.record_event(ctx, "P-OK", "litigation", date.today(), "訴訟提起")[0].id
    page = site("staff")
    page.goto(page.base + f"/events/{event_id}")
    page.click("a.button:has-text('編集')")
    page.fill("#f-occurred_on", (date.today() - timedelta(days=3)).isoformat())
    page.fill("#f-source", "日経新聞")
    page.click("main button[type=submit]")
    page.wait_for_url(f"**/events/{event_id}")
    assert "日経新聞" in page.inner_text("main")
    page.shot("workbench-event-edited")
