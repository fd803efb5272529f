"""What comes in and goes out as spreadsheets stays data: no formulas run from an export, no file
too large (as sent or once unpacked) is opened, and damaged files get a clear error (issue 8)."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from mamoru import limits
from mamoru.errors import InvalidInput
from mamoru.services import partners, tabular
from mamoru.services.uow import read_only
from mamoru.store.models import Partner

NAMES = ["=HYPERLINK(\"http://evil.example/\",\"x\")", "+81-3-0000", "-2+3", "@SUM(A1)", "普通の名前"]


def test_tab_and_carriage_return_starts_are_neutralised_too():
    from mamoru import cells

    for value in ("\t=1+2", "\r=1+2", "=1", "+1", "-1", "@x"):
        assert cells.csv_value(value) == "'" + value and cells.from_csv(cells.csv_value(value)) == value
    assert cells.csv_value("'quoted") == "'quoted" and cells.from_csv("'quoted") == "'quoted"


def partner_names(engine) -> list[str]:
    with read_only(engine) as ctx:
        return sorted(ctx.session.execute(select(Partner.name)).scalars())


@pytest.fixture
def risky(act):
    with act("admin") as ctx:
        for i, name in enumerate(NAMES):
            partners.add_partner(ctx, f"P-{i}", name=name, kind="customer", country="JP")
    return act


def test_csv_export_neutralises_formulas_and_reimports_unchanged(risky, engine, tmp_path):
    path = tmp_path / "partners.csv"
    with risky() as ctx:
        tabular.export_file(ctx, path, "partners")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    names = [r[1] for r in rows[1:]]
    for name in names:
        assert not name.startswith(("=", "+", "-", "@", "\t", "\r")), name
    assert "'=HYPERLINK(\"http://evil.example/\",\"x\")" in names and "普通の名前" in names
    before = partner_names(engine)
    with risky() as ctx:  # our own import takes the apostrophe off again
        tabular.import_file(ctx, path, "partners", update=True)
    assert partner_names(engine) == before == sorted(NAMES)


def test_xlsx_export_keeps_formula_like_text_as_text(risky, engine, tmp_path):
    path = tmp_path / "registers.xlsx"
    with risky() as ctx:
        tabular.export_file(ctx, path)
    sheet = load_workbook(path)["取引先"]  # the export speaks Japanese by default
    cells = [row[1] for row in sheet.iter_rows(min_row=2)]
    assert {c.value for c in cells} == set(NAMES)
    assert all(c.data_type == "s" for c in cells)  # never "f" (formula)
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/worksheets/sheet3.xml").decode()
    assert "<f>" not in xml
    with risky() as ctx:
        tabular.import_file(ctx, path, update=True)
    assert partner_names(engine) == sorted(NAMES)


def workbook_with_padding(path, pad_bytes: int, member: str = "xl/worksheets/sheet1.xml"):
    """A real workbook whose sheet XML is padded with whitespace: tiny compressed, huge inflated."""
    wb = Workbook()
    wb.active.title = "partners"
    wb.active.append(["code", "name", "kind", "country"])
    wb.active.append(["P-Z", "爆弾", "customer", "JP"])
    plain = tmp = path.with_suffix(".plain.xlsx")
    wb.save(tmp)
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == member:
                data = data.replace(b"<sheetData>", b"<sheetData>" + b" " * pad_bytes, 1)
            out.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    plain.unlink()
    return path


def test_a_decompression_bomb_is_refused_before_openpyxl_reads_it(act, engine, tmp_path):
    bomb = workbook_with_padding(tmp_path / "bomb.xlsx", 600 * limits.MB)
    assert bomb.stat().st_size < 2 * limits.MB
    with pytest.raises(InvalidInput) as err, act("admin") as ctx:
        tabular.import_file(ctx, bomb)
    assert err.value.code in ("upload.package_ratio", "upload.package_too_large")
    assert "bomb.xlsx" in err.value.message("ja") and "bomb.xlsx" in err.value.message("en")
    assert partner_names(engine) == []


def test_expanded_size_is_limited_even_at_an_ordinary_ratio(act, engine, tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_RATIO", 10**9)
    bomb = workbook_with_padding(tmp_path / "big.xlsx", 5 * limits.MB)
    with pytest.raises(InvalidInput) as err, act("admin") as ctx:
        limits.check_package(bomb, limit=2 * limits.MB)
    assert err.value.code == "upload.package_too_large"


def test_damaged_sheet_xml_is_a_clear_error(act, engine, tmp_path):
    good = workbook_with_padding(tmp_path / "good.xlsx", 0)
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", b"<row><c r='A9'><v>1</v></row></sheetData>")  # unclosed <c>
            out.writestr(item, data)
    with pytest.raises(InvalidInput) as err, act("admin") as ctx:
        tabular.import_file(ctx, bad)
    assert err.value.code in ("upload.sheet_damaged", "import.unreadable")
    assert partner_names(engine) == []


def test_a_csv_field_over_the_parser_limit_is_a_clear_error(act, engine, tmp_path):
    path = tmp_path / "partners.csv"
    path.write_text("code,name,kind,country\nP-1," + "長" * 140_000 + ",customer,JP\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as err, act("admin") as ctx:
        tabular.import_file(ctx, path, "partners")
    assert err.value.code == "upload.field_too_large" and "partners.csv" in err.value.message("en")
    assert partner_names(engine) == []
