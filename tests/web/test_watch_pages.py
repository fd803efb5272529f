"""The publication watch through the pages and the API, in Japanese first, with need-to-know."""

from __future__ import annotations

import re

import pytest

from mamoru.demo.watch import DESCRIPTIONS, GAZETTE
from mamoru.services import disclosures, technologies, watch
from mamoru.services.uow import unit_of_work
from tests.web.test_pages import signed_in

CSV = ("公開番号,発明の名称,要約,出願人,公開日\n"
       "特開2026-150001,排ガス浄化触媒の製造方法,白金前駆体を含浸した担体を窒素雰囲気中で500℃、3時間焼成する。,東洋触媒株式会社,2026/09/01\n")


@pytest.fixture
def watched(engine, seeded):
    """A-2 (T-A, staff's) describes our drying conditions and went to P-OK; B-2 (T-B) our catalyst loading."""
    with unit_of_work(engine, "setup") as ctx:
        technologies.update_element(ctx, "A-2", description=DESCRIPTIONS["E-ELE-02"])
        technologies.update_element(ctx, "B-2", description=DESCRIPTIONS["E-CAT-01"])
        record = disclosures.disclose(ctx, "P-OK", ["A-2"], "量産装置の協議", "document", accept_conditions=True)
    return record.number


def _post_file(client, csrf, name, body, mode):
    return client.post("/watch", data={"csrf_token": csrf, "mode": mode},
                       files={"file": (name, body, "application/octet-stream")})


def _alert_ids(engine):
    with unit_of_work(engine, "check") as ctx:
        return {a.element["code"]: a.id for a in watch.list_alerts(ctx)}


def test_import_preview_alert_evidence_and_confirm_in_japanese(client, people, engine, watched):
    csrf = signed_in(client, "tanaka", people["tech_manager"]["password"])
    page = client.get("/watch")
    assert page.status_code == 200 and "公報・文献ウォッチ" in page.text and 'href="/watch"' in page.text

    preview = _post_file(client, csrf, "JP2026145321A.xml", GAZETTE.encode(), "preview")
    assert preview.status_code == 200
    assert "A-2" in preview.text and "警報対象" in preview.text and "<mark>" in preview.text
    assert _alert_ids(engine) == {}  # a preview stores nothing

    imported = _post_file(client, csrf, "JP2026145321A.xml", GAZETTE.encode(), "import")
    assert "警報を 1 件出しました" in imported.text
    alert_id = _alert_ids(engine)["A-2"]
    listing = client.get("/watch")
    assert f"/watch/alerts/{alert_id}" in listing.text and "信頼商事" in listing.text and "未対応" in listing.text

    detail = client.get(f"/watch/alerts/{alert_id}")
    assert "三葉エンジニアリング株式会社" in detail.text and watched in detail.text
    assert "<mark>130℃</mark>" in detail.text and "初回開示日" in detail.text

    refused = client.post(f"/watch/alerts/{alert_id}/confirm", data={"csrf_token": csrf, "reason": ""})
    assert refused.status_code == 422 and "判断の理由を入力してください" in refused.text
    forged = client.post(f"/watch/alerts/{alert_id}/confirm", data={"reason": "x"})
    assert forged.status_code == 403
    done = client.post(f"/watch/alerts/{alert_id}/confirm", data={"csrf_token": csrf, "reason": "請求項2と同一"},
                       follow_redirects=False)
    assert done.status_code == 303
    after = client.get(f"/watch/alerts/{alert_id}")
    assert "確認済み（該当）" in after.text and "請求項2と同一" in after.text and 'id="confirm"' not in after.text
    events = client.get("/events")
    assert "公報・文献への技術情報の掲載" in events.text


def test_bad_files_get_a_clear_message_and_nothing_is_stored(client, people, engine, watched):
    csrf = signed_in(client, "tanaka", people["tech_manager"]["password"])
    empty = _post_file(client, csrf, "empty.txt", b"", "import")
    assert empty.status_code == 422 and "本文がありません" in empty.text
    bomb = _post_file(client, csrf, "bomb.xml", b'<!DOCTYPE x [<!ENTITY a "aaaa">]><patent-document>&a;</patent-document>',
                      "import")
    assert bomb.status_code == 422 and "エンティティ宣言" in bomb.text
    assert _alert_ids(engine) == {}


def test_staff_see_only_alerts_on_their_technologies_and_cannot_decide(client, people, engine, watched, tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(CSV, encoding="utf-8")
    gazette = tmp_path / "JP2026145321A.xml"
    gazette.write_text(GAZETTE, encoding="utf-8")
    with unit_of_work(engine, "tanaka") as ctx:
        watch.import_publications(ctx, path)
        watch.import_publications(ctx, gazette)
    ids = _alert_ids(engine)
    assert set(ids) == {"A-2", "B-2"}
    csrf = signed_in(client, "sato", people["staff"]["password"])
    listing = client.get("/watch?status=all")
    assert f"/watch/alerts/{ids['A-2']}" in listing.text and f"/watch/alerts/{ids['B-2']}" not in listing.text
    assert "東洋触媒" not in listing.text
    assert client.get(f"/watch/alerts/{ids['B-2']}").status_code == 404
    detail = client.get(f"/watch/alerts/{ids['A-2']}")
    assert detail.status_code == 200 and 'id="confirm"' not in detail.text
    assert client.post(f"/watch/alerts/{ids['A-2']}/confirm", data={"csrf_token": csrf, "reason": "x"}).status_code == 403
    assert 'name="file"' not in listing.text  # staff do not import


def test_the_api_imports_lists_and_confirms(api, engine, watched):
    bad = api("tech_manager").post("/api/v1/watch/import?name=empty.txt", content=b"",
                                   headers={"Content-Type": "application/octet-stream"})
    assert bad.status_code == 422 and bad.json()["code"] == "watch.empty"
    made = api("tech_manager").post("/api/v1/watch/import?name=JP2026145321A.xml", content=GAZETTE.encode(),
                                    headers={"Content-Type": "application/octet-stream"})
    assert made.status_code == 201
    (alert_id,) = made.json()["alerts"]
    listed = api("staff").get("/api/v1/watch/alerts").json()["items"]
    assert [a["element"]["code"] for a in listed] == ["A-2"]
    assert listed[0]["recipients"][0]["partner"] == "P-OK"
    assert api("staff").post(f"/api/v1/watch/alerts/{alert_id}/confirm", json={"reason": "x"}).status_code == 403
    done = api("tech_manager").post(f"/api/v1/watch/alerts/{alert_id}/confirm", json={"reason": "請求項2と同一"})
    assert done.status_code == 200
    body = done.json()
    assert body["status"] == "confirmed" and len(body["events"]) == 1
    assert {"review", "consult_lawyer", "preserve_evidence"} <= {o["kind"] for o in body["obligations"]}
    again = api("tech_manager").post(f"/api/v1/watch/alerts/{alert_id}/dismiss", json={"reason": "x"})
    assert again.status_code == 409 and again.json()["code"] == "watch.already_decided"
    assert api("auditor").get(f"/api/v1/watch/alerts/{alert_id}").json()["status"] == "confirmed"
    assert api("staff").get("/api/v1/watch/alerts/999999").status_code == 404
