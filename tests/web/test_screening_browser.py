"""Screening in a real browser (Chromium), in Japanese: import the METI list and watch it finish, screen a
name and read why it matched, confirm a partner's hit. Screenshots for review."""

from __future__ import annotations

from mamoru.demo.screening import PROSPECT, write_list
from mamoru.services import partners
from mamoru.services.uow import unit_of_work
from tests.web.test_browser import CHROMIUM, browser, site  # noqa: F401  (fixtures)


def test_import_screen_and_confirm_in_the_browser(site, engine, tmp_path):
    with unit_of_work(engine, "setup") as ctx:
        partners.add_partner(ctx, **{k: v for k, v in PROSPECT.items() if k != "contact"})
    page = site("tech_manager")
    page.goto(page.base + "/screening/import")
    page.set_input_files("#file", str(write_list(tmp_path / "meti_end_user_list.xlsx")))
    page.click("#do-import")
    done = page.locator("#import-done")
    done.wait_for(timeout=60_000)  # the page polls the job until it ends
    assert "外国ユーザーリスト の版 1 を取り込みました" in done.inner_text()
    page.shot("screening-import")

    page.goto(page.base + "/screening/name")
    page.fill("#q", "崇义恒毅陶瓷复合材料有限公司")
    page.select_option("#type", "organization")
    page.click("#screen-name")
    hits = page.locator("#hits")
    assert "Chongyi Hengyi Ceramic Composites" in hits.inner_text()
    assert "漢字どうしの直接比較" in hits.inner_text()
    page.shot("screening-name")

    page.goto(page.base + "/screening/review")
    page.locator("table.results a").first.click()
    page.fill("#note", "英文社名・所在地とも一致")
    page.click("#confirm")
    assert "保留" in page.locator(".flash").inner_text()
    assert page.locator("#status").inner_text() == "該当と確定"
    page.shot("screening-confirmed")


HEADER = "id,name,type,aliases,countries,birth_dates,identifiers,programme\n"


def import_list(page, path) -> None:
    """Import a list file on the import page and wait for the job to finish."""
    page.goto(page.base + "/screening/import")
    page.set_input_files("#file", str(path))
    page.click("#do-import")
    page.locator("#import-done").wait_for(timeout=60_000)


def screen_person(page, name: str) -> str:
    """Screen one person's name on the screening page; the hits as the reader sees them."""
    page.goto(page.base + "/screening/name")
    page.fill("#q", name)
    page.select_option("#type", "person")
    page.click("#screen-name")
    return page.locator("#hits").inner_text()


def ranked_before(hits: str, right: str, other: str) -> bool:
    return hits.index(right) < hits.index(other) if other in hits else right in hits


def test_a_korean_name_in_hanja_finds_its_romanised_entry_and_says_how(site, tmp_path):
    """金正恩 typed in hanja finds KIM JONG UN, and the reason reads in Japanese (hanja read as Korean)."""
    listed = tmp_path / "dprk.csv"
    listed.write_text(HEADER + "KPi.099,KIM JONG UN,person,,KP,1984-01-08,,DPRK\n"
                      "KPi.100,KIM JONG IL,person,,KP,,,DPRK\n"
                      "CN.1,WANG ZHIQIANG,person,,CN,,,OTHER\n", encoding="utf-8")
    page = site("tech_manager")
    import_list(page, listed)
    hits = screen_person(page, "金正恩")
    assert ranked_before(hits, "KIM JONG UN", "KIM JONG IL")
    assert "漢字の朝鮮語読み" in hits
    page.shot("screening-hanja")


def test_names_as_taiwan_and_japanese_staff_write_them_find_their_entries_and_say_how(site, tmp_path):
    """赖清德 finds LAI Ching-te through Taiwan's Wade-Giles spelling; マイケル・ジャクソン finds Michael
    JACKSON as English says it; each reason reads in Japanese."""
    listed = tmp_path / "people.csv"
    listed.write_text(HEADER + "TW.1,\"LAI, Ching-te\",person,,TW,,,OTHER\n"
                      "CN.2,\"LAI, Qing\",person,,CN,,,OTHER\n"
                      "US.3,Michael JACKSON,person,,US,,,OTHER\n"
                      "US.4,Mikhail JAKSON,person,,RU,,,OTHER\n", encoding="utf-8")
    page = site("tech_manager")
    import_list(page, listed)
    hits = screen_person(page, "赖清德")
    assert "LAI, Ching-te" in hits and "ウェード式" in hits
    page.shot("screening-wade-giles")
    hits = screen_person(page, "マイケル・ジャクソン")
    assert ranked_before(hits, "Michael JACKSON", "Mikhail JAKSON")
    page.shot("screening-katakana-english")


def test_a_partial_match_on_common_names_is_marked_down_and_says_why(site, tmp_path):
    """Michael Johnson against WILLIAM MICHAEL JOHNSON is no longer an alert; Nicholas Griffin against
    GRIFFIN, Paul Nicholas still is, marked down, and says why in Japanese (common names, Paul left over);
    Mark Taylor against TAYLOR, Mark, a namesake, is not marked down."""
    listed = tmp_path / "common.csv"
    listed.write_text(HEADER + "US.5,WILLIAM MICHAEL JOHNSON,person,,US,,,OTHER\n"
                      "US.6,\"TAYLOR, Mark\",person,,US,,,OTHER\n"
                      "US.7,\"GRIFFIN, Paul Nicholas\",person,,US,,,OTHER\n", encoding="utf-8")
    page = site("tech_manager")
    import_list(page, listed)
    assert "WILLIAM MICHAEL JOHNSON" not in screen_person(page, "Michael Johnson")
    hits = screen_person(page, "Nicholas Griffin")
    assert "GRIFFIN, Paul Nicholas" in hits and "よくある名前で一部のみ一致" in hits and "paul" in hits
    page.shot("screening-common-names")
    hits = screen_person(page, "Mark Taylor")
    assert "TAYLOR, Mark" in hits and "よくある名前" not in hits


def test_a_person_against_a_ship_named_after_someone_is_marked_down_in_words(site, tmp_path):
    """Silvia I screened as a person finds the tanker SILVIA I, marked down: the reason names both kinds in
    Japanese (個人／船舶)."""
    listed = tmp_path / "ships.csv"
    listed.write_text(HEADER + "SDN.15080,SILVIA I,vessel,,IR,,IMO 9172052,IRAN\n", encoding="utf-8")
    page = site("tech_manager")
    import_list(page, listed)
    hits = screen_person(page, "Silvia I")
    assert "SILVIA I" in hits and "種別が異なる" in hits and "個人／船舶" in hits
    page.shot("screening-ship")
