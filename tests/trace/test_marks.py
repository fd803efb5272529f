"""What a copy carries: invisible marks and wording choices, embedded and read back, per format."""

from __future__ import annotations

import unicodedata

import pytest

from mamoru.guard.engine import Guard
from mamoru.guard.formats import format_for
from mamoru.guard.marking import Marking
from mamoru.guard.scanner import Scanner
from mamoru.guard.terms import Term, TermMatcher
from mamoru.trace import marks, wording
from mamoru.trace.fingerprint import Fingerprint

MEMO = ("原料および焼成条件は別紙のとおりです。詳細は打合せで説明いたします。"
        "試料はすでに発送しました。ご確認ください。")


def test_a_mark_reads_back_as_the_number_written():
    for number in (0, 1, 0xDEADBEEF, 2**32 - 1):
        assert marks.decode_all("本文。" + marks.encode(number) + "続き") == [number]


def test_a_damaged_mark_is_not_read_as_another_copy():
    mark = marks.encode(12345)
    flipped = mark[:5] + ("\u200c" if mark[5] == "\u200b" else "\u200b") + mark[6:]
    assert marks.decode_all(flipped) == []


def test_marks_are_invisible_and_stripping_them_gives_the_text_back():
    marked = "焼成は二回。" + marks.encode(7) + "冷却は自然冷却。" + marks.encode(7)
    assert marks.strip(marked) == "焼成は二回。冷却は自然冷却。"
    assert all(unicodedata.category(ch) == "Cf" for ch in marks.encode(7))


def test_wording_choices_are_observed_after_retyping_and_nfkc():
    fp = Fingerprint(1, {key: 1 for key in wording.PAIRS})
    from mamoru.guard.formats.base import apply_edits

    copy = apply_edits(MEMO, fp.edits(MEMO, []))
    assert "及び" in copy and "打ち合わせ" in copy and "既に" in copy and "下さい" in copy
    retyped = unicodedata.normalize("NFKC", marks.strip(copy))
    agree, disagree = wording.agreement(wording.observe(retyped), fp.as_record())
    assert agree == len(fp.as_record()) >= 4 and disagree == 0


def test_an_opposite_choice_contradicts():
    ones = Fingerprint(1, {key: 1 for key in wording.PAIRS})
    zeros = {key: 0 for key in wording.PAIRS}
    from mamoru.guard.formats.base import apply_edits

    copy = apply_edits(MEMO, ones.edits(MEMO, []))
    agree, disagree = wording.agreement(wording.observe(copy), {k: zeros[k] for k in ones.as_record()})
    assert agree == 0 and disagree >= 4


def test_kanji_that_is_part_of_a_longer_word_is_left_alone():
    fp = Fingerprint(1, {key: 0 for key in wording.PAIRS})
    from mamoru.guard.formats.base import apply_edits

    text = "同等の程度で行う。"
    assert marks.strip(apply_edits(text, fp.edits(text, []))) == text


def _guard() -> Guard:
    terms = [Term(1, "アルミナAX-200", "E2", 2, "material", "T", "M-001")]
    return Guard(Scanner(TermMatcher(terms), conditions=False))


@pytest.mark.parametrize("suffix", [".txt", ".md", ".docx", ".xlsx", ".csv"])
def test_every_format_the_guard_writes_carries_the_copys_mark(tmp_path, suffix):
    source = tmp_path / f"memo{suffix}"
    lines = ["原料はアルミナAX-200 および副原料です。", "ご確認ください。次の打合せで説明します。"]
    if suffix == ".docx":
        import docx

        d = docx.Document()
        for line in lines:
            d.add_paragraph(line)
        d.save(source)
    elif suffix == ".xlsx":
        import openpyxl

        wb = openpyxl.Workbook()
        for i, line in enumerate(lines, start=1):
            wb.active.cell(i, 1, line)
        wb.save(source)
    else:
        source.write_text("\n".join(lines), encoding="utf-8")
    fp = Fingerprint(0xC0FFEE, {key: 1 for key in wording.PAIRS}, "0123456789abcdef0123456789abcdef")
    target = tmp_path / f"out{suffix}"
    _guard().redact_file(source, target, Marking("原料株式会社", "MG-20260801-ABCDEF", fp.document_id),
                         {1: "M-KIRI-472"}, fingerprint=fp)
    text = "\n".join(u.text for u in format_for(target).extract(target))
    assert marks.decode_all(text).count(0xC0FFEE) >= 2
    assert "M-KIRI-472" in text and "アルミナAX-200" not in text
    assert "及び" in text and "下さい" in text
    assert fp.as_record() == {"kudasai": 1, "oyobi": 1, "uchiawase": 1}
    if suffix == ".docx":
        import docx

        assert docx.Document(target).core_properties.identifier == fp.document_id
    if suffix == ".xlsx":
        import openpyxl

        assert openpyxl.load_workbook(target).properties.identifier == fp.document_id


def test_a_spreadsheet_formula_is_not_touched():
    fp = Fingerprint(1, {key: 1 for key in wording.PAIRS})
    formula = '=IF(A1="および。","済","未")'
    assert fp.edits(formula, []) == [] and fp.marks_written == 0
