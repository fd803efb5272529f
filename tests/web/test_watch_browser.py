"""The publication watch in a real browser (Chromium), in Japanese: upload a gazette, preview, import,
read the highlighted evidence and confirm; screenshots for review."""

from __future__ import annotations

from mamoru.demo.watch import DESCRIPTIONS, GAZETTE
from mamoru.services import disclosures, technologies
from mamoru.services.uow import unit_of_work
from tests.web.test_browser import CHROMIUM, browser, site  # noqa: F401  (fixtures)


def test_gazette_upload_preview_import_evidence_and_confirm(site, engine, seeded, tmp_path):
    with unit_of_work(engine, "setup") as ctx:
        technologies.update_element(ctx, "A-2", description=DESCRIPTIONS["E-ELE-02"])
        disclosures.disclose(ctx, "P-OK", ["A-2"], "量産装置の協議", "document", accept_conditions=True)
    gazette = tmp_path / "JP2026145321A.xml"
    gazette.write_text(GAZETTE, encoding="utf-8")

    page = site("tech_manager")
    page.goto(page.base + "/")
    page.click("nav.main >> text=公報ウォッチ")
    assert page.locator("h1").inner_text() == "公報・文献ウォッチ"
    page.set_input_files("#f-file", str(gazette))
    page.click("#preview")
    assert "警報対象" in page.inner_text("body") and page.locator("mark").count() >= 3
    page.shot("watch-preview")

    page.set_input_files("#f-file", str(gazette))
    page.click("#import")
    assert "警報を 1 件出しました" in page.inner_text("body")
    rows = page.locator("#watch-alerts tbody tr")
    assert "信頼商事" in rows.first.inner_text() and "未対応" in rows.first.inner_text()
    page.shot("watch-alerts")

    rows.first.locator("a").first.click()
    assert "三葉エンジニアリング株式会社" in page.inner_text("body")
    assert page.locator("blockquote.watch-passage mark", has_text="130℃").count() == 1
    assert "P-OK" in page.locator("#watch-recipients").inner_text()
    page.shot("watch-alert")

    page.fill("#f-reason", "請求項2は当社の乾燥条件と同一。弁理士に相談する。")
    page.click("#confirm")
    assert "確認済み（該当）" in page.locator("h1").inner_text()
    page.shot("watch-alert-confirmed")
