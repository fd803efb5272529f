"""Scan and redact real files of every format; the sanitised copy must be clean."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from mamoru.errors import MamoruError
from mamoru.guard.formats import format_for
from .files import docx_text, make_docx, make_pdf, make_xlsx, xlsx_text
from .samples import BODY, CODE_NAMES, MARKING, NEUTRAL, assert_clean, guard


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def redact(src: Path, mode: str = "mask"):
    out = src.with_name("out" + src.suffix)
    before = sha(src)
    outcome = guard(mode).redact_file(src, out, MARKING, CODE_NAMES)
    assert sha(src) == before, "source modified"
    assert outcome.output_sha256 == sha(out)
    return out, outcome


@pytest.mark.parametrize("encoding", ["utf-8", "cp932"])
def test_txt(tmp_path, encoding):
    src = tmp_path / "memo.txt"
    src.write_bytes("\r\n".join(BODY).encode(encoding))
    found = guard().scan_file(src).findings
    assert {f.text for f in found} >= {"アルミナAX-200", "1250℃", "N2雰囲気", "0.5MPa", "１２５０℃"}
    assert all(f.location.line for f in found)
    out, outcome = redact(src)
    text = out.read_bytes().decode(encoding)
    assert_clean(text)
    lines = text.split("\r\n")
    assert lines[0] == MARKING.notice("ja") and MARKING.control_number in lines[0]
    assert NEUTRAL in lines
    assert "M-001" in text and "[条件秘匿]" in text
    assert "\n" not in text.replace("\r\n", "")  # newline style kept


def test_txt_band_mode_coarsens(tmp_path):
    src = tmp_path / "memo.txt"
    src.write_text("\n".join(BODY), encoding="utf-8")
    out, _ = redact(src, "band")
    text = out.read_text(encoding="utf-8")
    assert_clean(text)
    assert "焼成温度1200℃台" in text and "0.1MPaオーダー" in text


def test_md_notice_is_a_block_quote(tmp_path):
    src = tmp_path / "spec.md"
    src.write_text("# 仕様\n\n" + "\n\n".join(BODY), encoding="utf-8")
    out, _ = redact(src)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("> **【秘密情報】")
    assert_clean(text)
    assert "# 仕様" in text


def test_csv_cells(tmp_path):
    src = tmp_path / "conditions.csv"
    src.write_text('工程,条件\n二段焼成法,"焼成温度1250℃, 保持時間 3h"\n検査,' + NEUTRAL + "\n", encoding="utf-8")
    found = guard().scan_file(src).findings
    assert {(f.location.row, f.location.column) for f in found} == {(2, 1), (2, 2)}
    out, _ = redact(src)
    text = out.read_text(encoding="utf-8")
    assert_clean(text)
    assert text.splitlines()[0].startswith('"【秘密情報】') and "P-001" in text and NEUTRAL in text


def test_docx_everywhere_including_split_runs_headers_and_deletions(tmp_path):
    src = make_docx(tmp_path / "report.docx")
    found = guard().scan_file(src).findings
    parts = {f.location.part for f in found}
    assert {"body", "header", "footer", "deleted", "property"} <= parts
    assert any(f.text == "東邦セラミック" and f.location.part == "body" for f in found)
    out, _ = redact(src)
    text = docx_text(out)
    assert_clean(text)
    assert "東邦" not in text.replace("東邦セラミック", "")  # split run fully removed
    assert MARKING.control_number in text and MARKING.recipient in text
    assert NEUTRAL in text and "S-001" in text

    import docx

    d = docx.Document(str(out))
    assert MARKING.control_number in d.sections[0].header.paragraphs[0].text
    assert MARKING.control_number in d.sections[0].footer.paragraphs[-1].text
    assert d.paragraphs[0].text == MARKING.notice("ja")
    bold = [r for p in d.paragraphs for r in p.runs if r.bold]
    assert bold and bold[0].text == "S-001"  # the replacement took the first run's formatting
    assert d.core_properties.title == "M-001 試作報告"


def test_xlsx_all_sheets_comments_names_properties(tmp_path):
    src = make_xlsx(tmp_path / "book.xlsx")
    found = guard().scan_file(src).findings
    assert {f.location.part for f in found} >= {"cell", "cell_comment", "sheet_name", "property"}
    assert any(f.location.sheet == "トンネル炉TK-5" and f.location.cell == "A1" for f in found)
    out, _ = redact(src)
    text = xlsx_text(out)
    assert_clean(text)

    import openpyxl

    wb = openpyxl.load_workbook(str(out))
    assert wb.sheetnames == ["条件表", "E-001"]
    assert wb["条件表"]["A3"].value == NEUTRAL and wb["条件表"]["B3"].value == 42
    assert MARKING.control_number in wb["条件表"].oddHeader.center.text
    assert MARKING.control_number in wb["E-001"].oddFooter.center.text


def test_pdf_is_scanned_but_never_redacted(tmp_path):
    src = make_pdf(tmp_path / "datasheet.pdf")
    found = guard().scan_file(src).findings
    assert {f.location.page for f in found} == {1, 2}
    assert any(f.text == "アルミナAX-200" for f in found)
    with pytest.raises(MamoruError) as err:
        guard().redact_file(src, tmp_path / "out.pdf", MARKING, CODE_NAMES)
    assert err.value.code == "guard.redact.unsupported"
    assert not (tmp_path / "out.pdf").exists()


# --- bad input -----------------------------------------------------------------------


def code_of(fn) -> str:
    with pytest.raises(MamoruError) as err:
        fn()
    msg = err.value.as_dict()["message"]
    assert msg["ja"] and msg["en"] and msg["ja"] != msg["en"]
    return err.value.code


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_encrypted_office_file(tmp_path, suffix):
    src = tmp_path / f"locked{suffix}"
    src.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert code_of(lambda: guard().scan_file(src)) == "guard.file.encrypted"


@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".pdf"])
def test_corrupted_files(tmp_path, suffix):
    src = tmp_path / f"broken{suffix}"
    src.write_bytes(b"PK\x03\x04 this is not really a package" * 10)
    assert code_of(lambda: guard().scan_file(src)) == "guard.file.corrupt"


def test_truncated_docx(tmp_path):
    good = make_docx(tmp_path / "good.docx")
    src = tmp_path / "cut.docx"
    src.write_bytes(good.read_bytes()[:2000])
    assert code_of(lambda: guard().scan_file(src)) == "guard.file.corrupt"


def test_encrypted_pdf(tmp_path):
    from pypdf import PdfReader, PdfWriter

    plain = make_pdf(tmp_path / "plain.pdf")
    writer = PdfWriter()
    for page in PdfReader(str(plain)).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    src = tmp_path / "locked.pdf"
    with src.open("wb") as fh:
        writer.write(fh)
    assert code_of(lambda: guard().scan_file(src)) == "guard.file.encrypted"


def test_unsupported_and_binary_and_missing(tmp_path):
    exe = tmp_path / "tool.exe"
    exe.write_bytes(b"MZ")
    assert code_of(lambda: guard().scan_file(exe)) == "guard.file.unsupported"
    binary = tmp_path / "data.txt"
    binary.write_bytes(b"\x00\x01\x02abc")
    assert code_of(lambda: guard().scan_file(binary)) == "guard.file.corrupt"
    assert code_of(lambda: guard().scan_file(tmp_path / "nope.txt")) == "guard.file.not_found"
    latin1 = tmp_path / "latin.txt"
    latin1.write_bytes(bytes(range(0x80, 0x100)))
    assert code_of(lambda: guard().scan_file(latin1)) == "guard.file.encoding"


def test_output_rules(tmp_path):
    src = tmp_path / "memo.txt"
    src.write_text(BODY[1], encoding="utf-8")
    g = guard()
    assert code_of(lambda: g.redact_file(src, src, MARKING, CODE_NAMES)) == "guard.output.same_as_source"
    assert code_of(lambda: g.redact_file(src, tmp_path / "x.md", MARKING, CODE_NAMES)) == "guard.output.suffix_mismatch"
    existing = tmp_path / "exists.txt"
    existing.write_text("keep", encoding="utf-8")
    assert code_of(lambda: g.redact_file(src, existing, MARKING, CODE_NAMES)) == "guard.output.exists"
    assert existing.read_text(encoding="utf-8") == "keep"


def test_failed_redaction_leaves_no_output(tmp_path):
    src = tmp_path / "memo.txt"
    src.write_text(BODY[1], encoding="utf-8")
    out = tmp_path / "out.txt"
    from dataclasses import replace

    from mamoru.guard.engine import Guard
    from mamoru.guard.scanner import Scanner
    from mamoru.guard.terms import TermMatcher
    from .samples import TERMS

    nameless = Guard(Scanner(TermMatcher([replace(t, code_name=None) for t in TERMS])))
    assert code_of(lambda: nameless.redact_file(src, out, MARKING, {})) == "guard.codename.missing"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["memo.txt"]


def test_every_format_declares_the_interface():
    from mamoru.guard.formats import DocumentFormat, registry

    for fmt in registry().values():
        assert isinstance(fmt, DocumentFormat)
    assert not format_for(Path("a.PDF")).can_redact


def test_docx_hyperlink_text_is_covered(tmp_path):
    import docx
    from docx.oxml import OxmlElement

    d = docx.Document()
    p = d.add_paragraph("詳細は ")
    link = OxmlElement("w:hyperlink")
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "東邦セラミックの資料"
    run.append(t)
    link.append(run)
    p._p.append(link)
    src = tmp_path / "link.docx"
    d.save(str(src))
    assert [f.text for f in guard().scan_file(src).findings] == ["東邦セラミック"]
    out, _ = redact(src)
    assert "東邦セラミック" not in docx_text(out) and "S-001の資料" in docx_text(out)


def test_docx_picture_alt_text_is_covered(tmp_path):
    import base64

    import docx

    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )
    image = tmp_path / "dot.png"
    image.write_bytes(png)
    d = docx.Document()
    d.add_paragraph(NEUTRAL)
    d.add_picture(str(image))
    d.inline_shapes[0]._inline.docPr.set("descr", "トンネル炉TK-5の写真、焼成温度1250℃")
    src = tmp_path / "pic.docx"
    d.save(str(src))
    assert {f.location.part for f in guard().scan_file(src).findings} == {"alt_text"}
    out, _ = redact(src)
    assert_clean(docx_text(out) + open_xml_attrs(out))


def open_xml_attrs(path) -> str:
    import zipfile

    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml").decode("utf-8")
