"""Hostile or broken documents get a clear, bilingual refusal, never a traceback (issue 8)."""

from __future__ import annotations

import zipfile

import pytest

from mamoru import limits
from mamoru.errors import MamoruError
from mamoru.guard.engine import Guard
from mamoru.guard.scanner import Scanner
from mamoru.guard.terms import Term, TermMatcher

from .files import make_docx, make_xlsx


def engine() -> Guard:
    return Guard(Scanner(TermMatcher([Term(1, "アルミナAX-200", "AL-E2", category="material")])))


def rewrite_member(src, dst, member: str, change):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == member:
                data = change(data)
            zout.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return dst


def test_a_docx_declaring_xml_entities_is_refused(tmp_path):
    good = make_docx(tmp_path / "good.docx")
    evil = rewrite_member(good, tmp_path / "evil.docx", "word/document.xml", lambda d: d.replace(
        b"?>", b'?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd"><!ENTITY a "aaaaaaaaaa">]>', 1))
    with pytest.raises(MamoruError) as err:
        engine().scan_file(evil)
    assert err.value.code == "upload.xml_entities"
    assert "evil.docx" in err.value.message("ja") and "DTD" in err.value.message("en")


def test_a_docx_decompression_bomb_is_refused_before_python_docx_opens_it(tmp_path):
    good = make_docx(tmp_path / "good.docx")
    bomb = rewrite_member(good, tmp_path / "bomb.docx", "word/document.xml",
                          lambda d: d.replace(b"<w:body>", b"<w:body>" + b" " * (500 * limits.MB), 1))
    assert bomb.stat().st_size < 2 * limits.MB
    with pytest.raises(MamoruError) as err:
        engine().scan_file(bomb)
    assert err.value.code in ("upload.package_ratio", "upload.package_too_large")


def test_damaged_sheet_xml_in_a_workbook_is_a_clear_error(tmp_path):
    good = make_xlsx(tmp_path / "good.xlsx")
    bad = rewrite_member(good, tmp_path / "bad.xlsx", "xl/worksheets/sheet1.xml",
                         lambda d: d.replace(b"</sheetData>", b"<row><c r='A99'><v>1</v></row></sheetData>"))
    with pytest.raises(MamoruError) as err:
        engine().scan_file(bad)
    assert err.value.code == "guard.file.corrupt" and "bad.xlsx" in err.value.message("en")


def test_a_csv_field_over_the_parser_limit_is_a_clear_error(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text("a,b\n1," + "x" * 200_000 + "\n", encoding="utf-8")
    with pytest.raises(MamoruError) as err:
        engine().scan_file(path)
    assert err.value.code == "guard.file.corrupt" and "long.csv" in err.value.message("ja")
