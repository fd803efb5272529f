"""Screening in the browser and over the API: import a list with progress, screen a name and see why
it matched, review a partner's hit (confirm / dismiss with a reason), in Japanese first."""

from __future__ import annotations

import time

from mamoru.demo.screening import PROSPECT, write_list
from mamoru.services import partners
from mamoru.services.uow import unit_of_work
from tests.web.test_pages import signed_in


def _prospect(engine):
    with unit_of_work(engine, "setup") as ctx:
        partners.add_partner(ctx, **{k: v for k, v in PROSPECT.items() if k != "contact"})


def _finished(client, started) -> str:
    """Poll the import job the page started until it has an outcome (the page polls the same way)."""
    assert started.status_code == 200, started.text
    job = started.text.split('hx-get="/screening/import/jobs/')[1].split('"')[0]
    for _ in range(600):
        state = client.get(f"/screening/import/jobs/{job}")
        if "hx-get" not in state.text:
            return state.text
        time.sleep(0.1)
    raise AssertionError("the import job never finished")


def _import(client, csrf, path, **form):
    with open(path, "rb") as handle:
        return client.post("/screening/import", data={"csrf_token": csrf, "rescreen": "on", **form},
                           files=[("file", (path.name, handle.read(), "application/octet-stream"))])


def test_a_list_import_rescreens_and_a_manager_confirms_the_hit(client, people, engine, tmp_path):
    _prospect(engine)
    csrf = signed_in(client, "tanaka", people["tech_manager"]["password"])
    done = _finished(client, _import(client, csrf, write_list(tmp_path / "meti.xlsx")))
    assert "経済産業省 外国ユーザーリスト の版 1 を取り込みました" in done and "掲載 5 件" in done
    assert "新たな該当候補 1 件" in done

    queue = client.get("/screening/review")
    assert PROSPECT["name"] in queue.text and "確認待ち" in queue.text
    result_id = queue.text.split('href="/screening/results/')[1].split('"')[0]
    detail = client.get(f"/screening/results/{result_id}")
    assert "Chongyi Hengyi Ceramic Composites Co., Ltd." in detail.text
    assert "漢字どうしの直接比較" in detail.text  # which reading matched which, in words
    assert "規制区分" in detail.text and "崇義恒毅陶瓷複合材料有限公司" in detail.text  # the entry as listed

    confirmed = client.post(f"/screening/results/{result_id}/confirm",
                            data={"csrf_token": csrf, "note": "英文社名・所在地とも一致"}, follow_redirects=True)
    assert confirmed.status_code == 200
    assert "該当と確定しました" in confirmed.text and "該当と確定" in confirmed.text.split('id="status"')[1][:80]
    partner = client.get(f"/partners/{PROSPECT['code']}")
    assert "保留" in partner.text  # a confirmed hit puts the partner on hold
    again = client.post(f"/screening/results/{result_id}/confirm", data={"csrf_token": csrf})
    assert again.status_code == 422 and "判断済み" in again.text  # decided once, not twice


def test_the_same_file_twice_changes_nothing_and_a_broken_file_writes_nothing(client, people, engine, tmp_path):
    csrf = signed_in(client, "tanaka", people["tech_manager"]["password"])
    path = write_list(tmp_path / "meti.xlsx")
    _finished(client, _import(client, csrf, path))
    assert "変化はありません" in _finished(client, _import(client, csrf, path))
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"this is not a workbook")
    failed = _finished(client, _import(client, csrf, broken))
    assert "broken.xlsx" in failed and "何も書き込まれていません" in failed
    versions = client.get("/screening/lists")
    assert versions.text.count("meti.xlsx") == 1 and "broken.xlsx" not in versions.text
    assert _import(client, csrf, path, format="nonsense").status_code == 422


def test_a_new_version_shows_what_left_the_list(client, people, engine, tmp_path):
    import openpyxl

    from mamoru.demo.screening import HEADER, ROWS

    csrf = signed_in(client, "tanaka", people["tech_manager"]["password"])
    _finished(client, _import(client, csrf, write_list(tmp_path / "meti-1.xlsx")))
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    for row in ROWS[1:]:  # Farayand Technique was delisted
        book.active.append(("=ROW()-1", *row))
    book.save(tmp_path / "meti-2.xlsx")
    done = _finished(client, _import(client, csrf, tmp_path / "meti-2.xlsx"))
    assert "版 2 を取り込みました" in done and "削除 1" in done
    versions = client.get("/screening/lists").text
    assert "旧版" in versions and "適用中" in versions
    diff = client.get("/screening/lists/jp_meti_eul/diff", params={"old": 1, "new": 2})
    assert "Farayand Technique" in diff.text.split('id="removed"')[1].split('id="changed"')[0]
    assert client.get("/screening/lists/jp_meti_eul/diff", params={"old": 1, "new": 9}).status_code == 404


def test_screening_one_name_explains_each_hit_and_stores_nothing(client, people, engine, tmp_path):
    csrf = signed_in(client, "tanaka", people["tech_manager"]["password"])
    _finished(client, _import(client, csrf, write_list(tmp_path / "meti.xlsx")))
    page = client.get("/screening/name", params={"q": "崇义恒毅陶瓷复合材料有限公司", "type": "organization"})
    assert page.status_code == 200
    hits = page.text.split('id="hits"')[1]
    assert "Chongyi Hengyi Ceramic Composites" in hits and "該当" in hits
    assert "法人格として除外" in hits  # 有限公司 set aside, said in words
    nothing = client.get("/screening/name", params={"q": "信頼商事"})
    assert "該当候補はありません" in nothing.text
    assert "確認待ち 0 件" in client.get("/screening").text  # one-name screening stored nothing
    too_long = client.get("/screening/name", params={"q": "あ" * 301})
    assert too_long.status_code == 422 and "300文字以内" in too_long.text


def test_dismissing_needs_a_reason_and_roles_are_kept(client, people, engine, tmp_path):
    _prospect(engine)
    csrf = signed_in(client, "tanaka", people["tech_manager"]["password"])
    _finished(client, _import(client, csrf, write_list(tmp_path / "meti.xlsx")))
    result_id = client.get("/screening/review").text.split('href="/screening/results/')[1].split('"')[0]
    refused = client.post(f"/screening/results/{result_id}/dismiss", data={"csrf_token": csrf, "reason": "  "})
    assert refused.status_code == 422 and "理由を入力してください" in refused.text
    assert "確認待ち" in refused.text.split('id="status"')[1][:80]  # still open

    client.post("/logout", data={"csrf_token": csrf})
    csrf = signed_in(client, "sato", people["staff"]["password"])
    assert client.get("/screening/name", params={"q": "Fulmen"}).status_code == 200  # staff may screen a name
    detail = client.get(f"/screening/results/{result_id}")
    assert detail.status_code == 200 and 'id="confirm"' not in detail.text  # but not decide
    assert client.post(f"/screening/results/{result_id}/confirm", data={"csrf_token": csrf}).status_code == 403
    assert client.get("/screening/import").status_code == 403


def test_the_api_imports_screens_and_reviews(api, engine, tmp_path):
    _prospect(engine)
    path = write_list(tmp_path / "meti.xlsx")
    manager = api("tech_manager")
    with open(path, "rb") as handle:
        body = handle.read()
    assert api("staff").post("/api/v1/screening/lists", files=[("files", ("meti.xlsx", body))]).status_code == 403
    imported = manager.post("/api/v1/screening/lists", files=[("files", ("meti.xlsx", body))])
    assert imported.status_code == 201, imported.text
    data = imported.json()
    assert data["created"] and data["version"]["entries"] == 5 and len(data["rescreen"]["new"]) == 1

    hits = api("staff").post("/api/v1/screening/screen", json={"name": "FULMEN GROUP", "type": "organization"}).json()
    assert hits["hits"][0]["name"] == "Fulmen" and hits["hits"][0]["explanation"]["path"]
    bad = api("staff").post("/api/v1/screening/screen", json={"name": ""})
    assert bad.status_code == 422 and bad.json()["code"] == "api.invalid_request"

    queue = manager.get("/api/v1/screening/results").json()["items"]
    assert [r["partner"] for r in queue] == [PROSPECT["code"]]
    result_id = queue[0]["id"]
    assert manager.get(f"/api/v1/screening/results/{result_id}").json()["entry"]["countries"] == ["CN"]
    assert api("staff").post(f"/api/v1/screening/results/{result_id}/dismiss",
                             json={"reason": "別会社"}).status_code == 403
    dismissed = manager.post(f"/api/v1/screening/results/{result_id}/dismiss", json={"reason": "所在地が異なる別法人"})
    assert dismissed.status_code == 200 and dismissed.json()["status"] == "dismissed"
    again = manager.post(f"/api/v1/screening/results/{result_id}/confirm", json={})
    assert again.status_code == 409 and again.json()["code"] == "screening.already_reviewed"
    rescreen = manager.post(f"/api/v1/screening/partners/{PROSPECT['code']}").json()
    assert rescreen["new"] == []  # a dismissed pair stays quiet while the entry is unchanged


def test_a_person_against_a_ship_says_so_in_words(client, people, engine, tmp_path):
    # ships are named after people: the hit is shown, weakened, and the explanation names both kinds
    csrf = signed_in(client, "tanaka", people["tech_manager"]["password"])
    ships = tmp_path / "ships.csv"
    ships.write_text("id,name,type\nv1,SILVIA I,vessel\n", encoding="utf-8")
    _finished(client, _import(client, csrf, ships, source="ships"))
    page = client.get("/screening/name", params={"q": "Silvia I", "type": "person"})
    hits = page.text.split('id="hits"')[1]
    assert "SILVIA I" in hits
    assert "種別が異なる（-0.15、個人／船舶）" in hits
