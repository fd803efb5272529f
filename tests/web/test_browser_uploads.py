"""A large document in a real browser (Chromium): the scan runs as a job, the page shows its
progress and then a summary with paged findings, without reloading (htmx polling; issue 8)."""

from __future__ import annotations

from mamoru.services import guard
from mamoru.services.uow import unit_of_work
from mamoru.web.pages import guard as guard_page

from .test_browser import browser, site  # noqa: F401 - fixtures (the module skips without Chromium)


def test_a_large_scan_shows_progress_then_a_summary_and_pages(site, engine, seeded, tmp_path,  # noqa: F811
                                                              monkeypatch):
    with unit_of_work(engine, "setup") as ctx:
        guard.add_term(ctx, "T-A", "アルミナAX-9", "A-2", category="material")
    monkeypatch.setattr(guard_page, "INLINE_BYTES", 10)
    monkeypatch.setattr(guard_page, "PAGE", 100)
    path = tmp_path / "long.txt"
    path.write_text("アルミナAX-9 を焼成温度1250℃で。\n" * 300, encoding="utf-8")
    page = site("tech_manager")
    page.goto(page.base + "/guard")
    page.set_input_files("#f-file", str(path))
    page.select_option("#f-partner", "P-OK")
    page.click("#scan")
    page.wait_for_selector("#findings-summary", timeout=60000)
    assert "600" in page.inner_text("#guard-result")
    assert page.locator("#findings tbody tr").count() == 100
    page.click("#next-page")
    page.locator("#findings-page", has_text="101–200").wait_for()
    assert page.locator("#findings tbody tr").count() == 100
    page.shot("guard-large-scan")
