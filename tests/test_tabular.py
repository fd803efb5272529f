"""Excel in, Excel out: registers round-trip through XLSX and CSV; a bad file writes nothing."""

from __future__ import annotations

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from mamoru.errors import InvalidInput
from mamoru.services import tabular
from mamoru.services.tabular import ImportFailed
from mamoru.services.uow import read_only
from mamoru.store.models import Agreement, AuditEntry, KnowledgeElement, Partner, Technology


def book(path, sheets: dict[str, list[list]]):
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


GOOD = {
    "技術": [["コード", "名称", "領域", "重点管理"], ["T-1", "焼結", "technological_superiority", "はい"]],
    "elements": [["technology", "code", "title", "rank", "proper_nouns"], ["T-1", "E-1", "温度", 4, None],
                 ["T-1", "E-2", "粒径", 2, True]],
    "partners": [["code", "name", "kind", "country", "major_shareholders"],
                 ["P-1", "東邦原料工業株式会社", "supplier", "JP", "A社; B社"]],
    "agreements": [["code", "partner", "kind", "valid_from", "valid_to", "technologies", "clauses"],
                   ["A-1", "P-1", "nda", "2026-01-01", "2027-12-31", "T-1",
                    "confidentiality purpose_limitation termination_triggers:capital_change+list_hit"]],
}


def counts(engine):
    with read_only(engine) as ctx:
        return {m.__name__: ctx.session.execute(select(func.count()).select_from(m)).scalar_one()
                for m in (Technology, KnowledgeElement, Partner, Agreement, AuditEntry)}


def test_xlsx_import_then_export_round_trips(act, engine, tmp_path):
    with act() as ctx:
        assert tabular.import_file(ctx, book(tmp_path / "in.xlsx", GOOD)) == {
            "technologies": 1, "elements": 2, "partners": 1, "agreements": 1}
    out = tmp_path / "out.xlsx"
    with read_only(engine) as ctx:
        tabular.export_file(ctx, out)
        tech = ctx.session.execute(select(Technology)).scalar_one()
        assert tech.priority_control is True
        assert ctx.session.execute(select(Partner)).scalar_one().major_shareholders == ["A社", "B社"]
    wb = load_workbook(out)  # in the reader's language: Japanese headers, labels and はい/いいえ
    assert [c.value for c in wb["要素"][1]] == ["技術", "コード", "表題", "ランク", "種類", "説明", "固有名詞"]
    assert [c.value for c in wb["要素"][3]] == ["T-1", "E-2", "粒径", 2, "その他", None, "はい"]
    assert wb["契約"]["I2"].value == "秘密保持; 目的外利用の禁止; 解除事由：資本構成の変更＋制裁リスト等への追加"
    with read_only(engine) as ctx:
        tabular.export_file(ctx, tmp_path / "en.xlsx", lang="en")
    assert [c.value for c in load_workbook(tmp_path / "en.xlsx")["elements"][3]] == [
        "T-1", "E-2", "粒径", 2, "other", None, "yes"]


def test_every_bad_row_is_named_and_nothing_is_written(act, engine, tmp_path):
    bad = dict(GOOD)
    bad["elements"] = [["technology", "code", "title", "rank"], ["T-1", "E-1", "温度", 9], ["T-9", "E-2", "x", 1],
                       ["T-1", "E-1", "dup", 1]]
    bad["partners"] = [["code", "name", "kind", "country"], ["P-1", "x", "supplier", "Japan"]]
    before = counts(engine)
    with pytest.raises(ImportFailed) as err, act() as ctx:
        tabular.import_file(ctx, book(tmp_path / "bad.xlsx", bad))
    found = {(e.sheet, e.row, e.column, e.code) for e in err.value.errors}
    assert ("elements", 2, "rank", "input.invalid_rank") in found
    assert ("elements", 3, "technology", "notfound.technology") in found
    assert ("partners", 2, "country", "input.invalid_country") in found
    text = err.value.message("en")
    assert "bad.xlsx, sheet elements, row 2, column rank" in text
    assert "bad.xlsx シート 要素 2行目 ランク列" in err.value.message("ja")
    assert counts(engine) == before


def test_csv_in_shift_jis_and_utf8(act, engine, tmp_path):
    path = tmp_path / "partners.csv"
    path.write_bytes("code,name,kind,country\nP-9,株式会社サンプル,customer,JP\n".encode("cp932"))
    with act() as ctx:
        assert tabular.import_file(ctx, path, "partners") == {"partners": 1}
    out = tmp_path / "out.csv"
    with read_only(engine) as ctx:
        tabular.export_file(ctx, out, "partners")
    assert "株式会社サンプル" in out.read_text("utf-8-sig")


@pytest.mark.parametrize("content,code", [
    (b"PK\x03\x04 not really a zip", "import.not_xlsx"),
    (b"", "import.not_xlsx"),
])
def test_damaged_xlsx_is_refused(act, tmp_path, content, code):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(content)
    with pytest.raises(InvalidInput) as err, act() as ctx:
        tabular.import_file(ctx, path)
    assert err.value.code == code and "broken.xlsx" in err.value.message("en")


def test_unknown_or_missing_columns_are_refused(act, tmp_path):
    with pytest.raises(InvalidInput) as err, act() as ctx:
        tabular.import_file(ctx, book(tmp_path / "x.xlsx", {"partners": [["code", "name", "kind", "country", "colour"]]}))
    assert err.value.code == "import.unknown_columns" and "colour" in err.value.message("en")
    with pytest.raises(InvalidInput) as err, act() as ctx:
        tabular.import_file(ctx, book(tmp_path / "y.xlsx", {"partners": [["code", "name"]]}))
    assert err.value.code == "import.missing_columns"
    with pytest.raises(InvalidInput) as err, act() as ctx:
        tabular.import_file(ctx, tmp_path / "z.pdf")
    assert err.value.code == "import.unsupported"
