"""The people register in a real browser (Chromium), in Japanese: an exit and the oral check; screenshots."""

from __future__ import annotations

from mamoru.services import people as register
from mamoru.services import pledges
from mamoru.services.uow import unit_of_work
from tests.web.test_browser import CHROMIUM, browser, site  # noqa: F401  (fixtures)


def test_exit_and_oral_check_in_japanese(site, engine):
    with unit_of_work(engine, "setup") as ctx:
        register.add_person(ctx, "E-KATO", "加藤 健一", "employee", "2012-04-01", "材料開発部", ["T-A"])
        register.add_person(ctx, "R-LI", "李 明", "employee", "2024-04-01", "触媒研究室", ["T-A"])
        pledges.add_pledge(ctx, "E-KATO", "hiring", "2012-04-01", "誓約書 2012-004")
        pledges.declare(ctx, "R-LI", "2026-01-05", foreign_funding="海外政府系研究プログラム（年収の約3割）",
                        foreign_contract="no", income_share=30, significant_benefit="no", foreign_instructions="no")
        pledges.review(ctx, "R-LI", "yes", "類型2")
    page = site("tech_manager")
    page.goto(page.base + "/people")
    assert page.locator("h1").inner_text() == "技術を扱う人の名簿"
    assert "人材・誓約" in page.locator("nav.main").inner_text()
    page.shot("people-list")

    page.goto(page.base + "/people/E-KATO")
    page.fill("form[action='/people/E-KATO/exit'] #f-last_day", "2011-03-31")
    page.click("form[action='/people/E-KATO/exit'] button[type=submit]")
    assert "最終出社日 2011-03-31 が入社日 2012-04-01 より前です" in page.inner_text("main")
    page.fill("#f-last_day", "2026-12-25")
    page.click("main button[type=submit]")
    page.wait_for_url(page.base + "/people/E-KATO")
    text = page.inner_text("main")
    for kind in ("アクセス権の停止（最終出社日）", "共有パスワードの変更", "貸与機器・記録媒体の回収",
                 "アクセス・メールログの保全", "退職時誓約の説明面談"):
        assert kind in text
    assert "退職予定" in text
    page.shot("people-exit")

    page.goto(page.base + "/people/R-LI")
    assert "該当" in page.inner_text("main")
    page.fill("form[action='/people/R-LI/oral-check'] #f-elements", "A-4")
    page.click("form[action='/people/R-LI/oral-check'] button[type=submit]")
    assert page.get_attribute("[data-outcome]", "data-outcome") == "deny"
    assert "みなし輸出" in page.inner_text("#decision")
    page.shot("people-oral-check")
