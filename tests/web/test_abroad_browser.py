"""Sites abroad and joint research in a real browser (Chromium), in Japanese; screenshots for review."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from mamoru.services import agreements, partners, technologies
from mamoru.services.uow import unit_of_work
from tests.web.conftest import LOW
from tests.web.test_browser import CHROMIUM, browser, site  # noqa: F401  (fixtures)

TODAY = datetime.now(ZoneInfo("Asia/Tokyo")).date()
PAPER = "低温焼結プロセス rank 2 を用いた試料について報告する。\n相対密度と粒径の関係を示す。\n"


def test_a_plant_abroad_and_a_paper_review_in_japanese(site, engine, tmp_path):
    with unit_of_work(engine, "setup") as ctx:
        technologies.update_technology(ctx, "T-A", priority_control=True)
        partners.add_partner(ctx, "P-UNI", name="東都工業大学", kind="research_partner", country="JP")
        partners.assess(ctx, "P-UNI", LOW)
        agreements.add_agreement(ctx, "JDA-1", "P-UNI", "joint_development", TODAY - timedelta(days=10),
                                 TODAY + timedelta(days=700), technologies=["T-A"], clauses=["confidentiality"])
    page = site("tech_manager")
    page.goto(page.base + "/sites/new")
    page.fill("#f-code", "S-TH")
    page.fill("#f-name", "アユタヤ工場")
    page.fill("#f-partner", "P-FAR")
    page.click("main button[type=submit]")
    assert "必須" in page.inner_text(".field-error[data-field=country]")  # a site without a country
    page.shot("site-form-error")
    page.fill("#f-country", "TH")
    page.click("main button[type=submit]")
    page.wait_for_url(page.base + "/sites/S-TH")
    allow = "form[action$='/allowances']"
    for element, allowance in (("A-1", "may_teach"), ("A-4", "stays_in_japan")):
        page.fill(f"{allow} [name=element]", element)
        page.select_option(f"{allow} [name=allowance]", allowance)
        page.click(f"{allow} button[type=submit]")
        page.wait_for_url("**/sites/S-TH?**")
    page.fill("form[action$='/check'] [name=elements]", "A-1; A-4")
    page.click("form[action$='/check'] button[type=submit]")
    decision = page.locator("#decision")
    assert decision.get_attribute("class").endswith("o-deny")
    assert "外為法第55条の8" in decision.inner_text() and "国内に留める" in decision.inner_text()
    assert "未提出" in page.inner_text("main")
    page.shot("site-fefta-denied")

    page.goto(page.base + "/research/new")
    for name, value in (("code", "R-1"), ("title", "粒界解析の共同研究"), ("partner", "P-UNI"), ("agreement", "JDA-1"),
                        ("starts_on", TODAY.isoformat()), ("ends_on", (TODAY + timedelta(days=365)).isoformat()),
                        ("review_days", "30"), ("approver", "技術管理責任者 田中"), ("our_elements", "A-1")):
        page.fill(f"#f-{name}", value)
    page.select_option("#f-improvements", "joint")
    page.click("main button[type=submit]")
    page.wait_for_url(page.base + "/research/R-1")
    assert "解除事由" in page.inner_text("main")  # the agreement lacks the foreign-funding trigger
    paper = tmp_path / "paper.txt"
    paper.write_text(PAPER, encoding="utf-8")
    upload = "form[action$='/reviews']"
    page.set_input_files(f"{upload} [name=file]", str(paper))
    page.fill(f"{upload} [name=title]", "粒界相の厚さと機械的特性")
    page.fill(f"{upload} [name=planned_on]", (TODAY + timedelta(days=60)).isoformat())
    page.click(f"{upload} button[type=submit]")
    page.wait_for_url("**/research/reviews/*")
    main = page.inner_text("main")
    assert "保護要素の名称" in main and "修正が必要" in main and "A-2" in main
    page.shot("research-review-findings")
    page.select_option("form[action$='/result'] [name=result]", "needs_changes")
    page.fill("form[action$='/result'] [name=comment]", "要素名を一般的な表現に改めること")
    page.click("form[action$='/result'] button[type=submit]")
    page.wait_for_url("**/research/reviews/*?**")
    assert "田中" in page.inner_text("main") or "tanaka" in page.inner_text("main")
    page.shot("research-review-decided")
