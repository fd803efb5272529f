"""The supply-chain map and warnings in a real browser (Chromium), in Japanese; screenshots for review."""

from __future__ import annotations

from mamoru.services import supplychain_signals as signals
from mamoru.services import supplychain_tabular as tab
from mamoru.services.uow import unit_of_work
from tests.supplychain import workbook
from tests.web.test_browser import CHROMIUM, browser, site  # noqa: F401  (fixtures)


def test_map_and_warnings_pages_in_japanese(site, engine, tmp_path):
    with unit_of_work(engine, "setup") as ctx:
        workbook.add_partners(ctx)
        tab.import_map(ctx, workbook.write(tmp_path / "map.xlsx"))
        signals.record_signal(ctx, "export_restriction", country="CN", item="GA", description="ガリウムの輸出許可制")
    page = site("tech_manager")
    page.goto(page.base + "/supply/map?concern=CN")
    svg = page.locator("svg.supply-map")
    assert svg.is_visible()
    assert svg.locator("text", has_text="S-GA-CN").count() >= 1
    assert page.locator("h1").inner_text() == "サプライチェーン・マップ"
    page.shot("supply-map")

    page.goto(page.base + "/supply/warnings")
    table = page.locator("#warnings")
    assert "重大" in table.inner_text() and "C-TEL" in table.inner_text()
    assert "在庫が尽きるまで 30 日" in table.inner_text()
    assert "代替調達先の確保" in table.inner_text()
    page.shot("supply-warnings")

    page.goto(page.base + "/supply?concern=CN")
    assert page.locator("#heatmap").is_visible()
    page.shot("supply-analysis")

    page.goto(page.base + "/supply/what-if")
    page.select_option("#w-kind", "supplier_stop")
    page.fill("#w-supplier", "S-CAP")
    page.click("#run")
    assert "100.0%" in page.locator("#what-if-result").inner_text()
    page.shot("supply-what-if")
