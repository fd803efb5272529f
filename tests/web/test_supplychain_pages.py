"""Supply-chain pages and API, in Japanese first: import with preview, the map, warnings, what-if, PDF."""

from __future__ import annotations

import copy
import io

from openpyxl import load_workbook

from mamoru.services.uow import unit_of_work
from tests.supplychain import workbook
from tests.web.test_pages import signed_in


def _partners(engine):
    with unit_of_work(engine, "setup") as ctx:
        workbook.add_partners(ctx)


def _upload(client, csrf, path, mode):
    with open(path, "rb") as handle:
        return client.post("/supply/import", data={"csrf_token": csrf, "mode": mode},
                           files={"file": (path.name, handle.read(), "application/octet-stream")})


def test_import_preview_map_warning_and_report_in_japanese(client, people, engine, tmp_path):
    _partners(engine)
    csrf = signed_in(client, "tanaka", people["tech_manager"]["password"])
    bad = copy.deepcopy(workbook.SHEETS)
    bad["調達先"][2] = ("WAFER", "S-TW", "HSC", 20, 20, 10, 11000, "", "")
    response = _upload(client, csrf, workbook.write(tmp_path / "bad.xlsx", bad), "preview")
    assert response.status_code == 422
    assert "合計が 90.0% です" in response.text and "調達先" in response.text and "何も書き込んでいません" in response.text
    assert "WAFER" not in client.get("/supply").text  # nothing was written

    good = workbook.write(tmp_path / "map.xlsx")
    assert "プレビュー：エラーなし" in _upload(client, csrf, good, "preview").text
    assert _upload(client, csrf, good, "import").status_code == 200

    overview = client.get("/supply?concern=CN")
    assert overview.status_code == 200
    assert 'id="heatmap"' in overview.text and "85%" in overview.text
    assert "S-GA-CN（CN・100%）" in overview.text  # the path behind the concern figure
    drawn = client.get("/supply/map?concern=CN")
    assert "<svg" in drawn.text and "S-GA-CN" in drawn.text and "#fde8e6" in drawn.text  # CN marked

    what_if = client.get("/supply/what-if", params={"kind": "export_restriction", "country": "CN", "item": "GA"})
    assert "85.0%" in what_if.text and "C-TEL" in what_if.text
    assert "兆候" not in client.get("/supply/warnings").text.split("<main>")[1].split("</h1>")[0]
    assert client.get("/supply/what-if", params={"kind": "export_restriction", "country": "ZZ"}).status_code == 422

    recorded = client.post("/supply/signals", data={"csrf_token": csrf, "kind": "export_restriction", "country": "CN",
                                                    "item": "GA", "description": "ガリウム輸出規制"},
                           follow_redirects=True)
    assert recorded.status_code == 200
    assert "重大" in recorded.text and "代替調達先の確保" in recorded.text and "C-AUTO" in recorded.text
    assert "在庫が尽きるまで 30 日" in recorded.text
    detail = client.get("/supply/warnings/1")
    assert detail.status_code == 200 and "S-WAFER（JP・70%） → S-GA-CN（CN・100%）" in detail.text
    assert "特定重要物資" in detail.text  # why the severity was raised

    pdf = client.get("/supply/report.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    exported = client.get("/supply/export.xlsx")
    book = load_workbook(io.BytesIO(exported.content))
    assert book.sheetnames == ["品目", "製品", "部品表", "拠点", "調達先"]  # in the reader's language


def test_signal_form_without_csrf_is_refused(client, people, engine):
    _partners(engine)
    signed_in(client, "tanaka", people["tech_manager"]["password"])
    response = client.post("/supply/signals", data={"kind": "supplier_stop", "supplier": "S-TW"})
    assert response.status_code == 403


def test_api_signal_warning_and_roles(api, engine, tmp_path):
    _partners(engine)
    body = workbook.write(tmp_path / "map.xlsx").read_bytes()
    assert api("staff").post("/api/v1/supply/import", content=body).status_code == 403
    imported = api("tech_manager").post("/api/v1/supply/import", content=body)
    assert imported.status_code == 200, imported.text
    assert imported.json()["counts"]["sources"] == 7
    assert api("auditor").post("/api/v1/supply/signals", json={"kind": "supplier_stop", "supplier": "S-TW"}
                               ).status_code == 403
    made = api("staff").post("/api/v1/supply/signals", json={"kind": "export_restriction", "country": "CN",
                                                             "item": "GA"})
    assert made.status_code == 201
    warning = made.json()["warning"]
    assert warning["severity"] == "critical" and warning["days_of_cover"] == 30
    assert {o["kind"] for o in made.json()["obligations"]} == {"find_second_source", "raise_stock", "notify_customer"}
    listed = api("auditor").get("/api/v1/supply/warnings").json()
    assert listed["total"] == 1 and listed["items"][0]["id"] == warning["id"]
    analysis = api("auditor").get("/api/v1/supply/analysis", params={"concern": "CN"}).json()
    assert analysis["concern"]["products"][0]["paths"][0]["steps"][0]["supplier"] == "S-WAFER"
    bad = api("tech_manager").get("/api/v1/supply/what-if", params={"kind": "export_restriction", "country": "ZZ"})
    assert bad.status_code == 422 and bad.json()["code"] == "supply.unknown_country"
    broken = api("tech_manager").post("/api/v1/supply/import", content=b"not a workbook")
    assert broken.status_code == 422 and broken.json()["code"] == "import.not_xlsx"


def test_a_workbook_over_the_limit_is_refused_whole_not_cut_short(client, api, people, engine, tmp_path, monkeypatch):
    """A map workbook larger than the limit is refused with the reason, in the page and the API; nothing is written."""
    from mamoru.api import supplychain as supply_api
    from mamoru.web.pages import supplychain as supply_pages

    _partners(engine)
    good = workbook.write(tmp_path / "map.xlsx")
    size = good.stat().st_size
    monkeypatch.setattr(supply_pages, "MAX_UPLOAD", size - 1)
    monkeypatch.setattr(supply_api, "MAX_MAP", size - 1)
    csrf = signed_in(client, "tanaka", people["tech_manager"]["password"])
    page = _upload(client, csrf, good, "import")
    assert page.status_code == 422
    assert "上限" in page.text and "受け付けません" in page.text
    refused = api("tech_manager").post("/api/v1/supply/import", content=good.read_bytes())
    assert refused.status_code == 422 and refused.json()["code"] == "upload.too_large"
    assert "S-TW" not in client.get("/supply").text  # neither import wrote a supplier
