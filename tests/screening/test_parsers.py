"""Reading the real list files, and refusing bad ones with file and line."""

from __future__ import annotations

import shutil

import pytest

from mamoru.errors import MamoruError
from mamoru.screening.parsers import detect, parse


def by_id(parsed):
    return {e.entry_id: e for e in parsed.entries}


def test_meti_end_user_list_xlsx(watchlists):
    parsed = parse(watchlists / "jp_meti" / "meti_end_user_list_20250929.xlsx")
    assert parsed.source == "jp_meti_eul" and len(parsed.entries) == 835
    bank = next(e for e in parsed.entries if e.primary_name == "Amroggang Development Banking Corporation")
    assert bank.countries == ("KP",)
    assert ("鴨緑江開発銀行", "Han") in {(a.name, a.script) for a in bank.aliases}
    assert "Amnokkang Development Bank" in {a.name for a in bank.aliases}
    koryo = next(e for e in parsed.entries if e.primary_name == "Air Koryo")
    assert "高麗航空" in {a.name for a in koryo.aliases}
    with_cjk = [e for e in parsed.entries if any(a.script in ("Han", "Kana") for a in e.aliases)]
    assert len(with_cjk) >= 79  # SOURCES.md: 79 entities with CJK aliases


def test_meti_ids_do_not_depend_on_row_numbers(watchlists):
    parsed = parse(watchlists / "jp_meti" / "meti_end_user_list_20250929.xlsx")
    assert len({e.entry_id for e in parsed.entries}) == 835
    assert all(not e.entry_id.endswith(":1") for e in parsed.entries)


def test_un_consolidated_xml(watchlists):
    parsed = parse(watchlists / "un" / "UN_consolidated.xml")
    people = [e for e in parsed.entries if e.entity_type == "person"]
    entities = [e for e in parsed.entries if e.entity_type == "organization"]
    assert (len(people), len(entities)) == (730, 273)
    badege = by_id(parsed)["un_sc:6907993"]
    assert badege.primary_name == "ERIC BADEGE" and badege.birth_dates == ("1971",) and badege.countries == ("CD",)
    scripts = {a.script for e in parsed.entries for a in e.aliases}
    assert {"Latin", "Arabic"} <= scripts


def test_ofac_sdn_joins_aliases_and_addresses(watchlists):
    parsed = parse(watchlists / "ofac" / "sdn.csv")
    assert parsed.source == "us_ofac_sdn" and len(parsed.entries) == 8976
    bnc = by_id(parsed)["us_ofac_sdn:306"]
    assert bnc.primary_name == "BANCO NACIONAL DE CUBA"
    assert "NATIONAL BANK OF CUBA" in {a.name for a in bnc.aliases}
    assert "CU" in bnc.countries or "CH" in bnc.countries
    assert sum(len(e.aliases) for e in parsed.entries) > 11_000
    kinds = {e.entity_type for e in parsed.entries}
    assert kinds == {"person", "organization", "vessel", "aircraft"}


def test_ofac_consolidated_reads_dates_of_birth_from_remarks(watchlists):
    parsed = parse(watchlists / "ofac" / "cons_prim.csv")
    haniya = by_id(parsed)["us_ofac_cons:9639"]
    assert haniya.birth_dates == ("1962",) and haniya.entity_type == "person"
    assert "HANIYYA, Ismaeel" in {a.name for a in haniya.aliases}


def test_bis_denied_persons(watchlists):
    parsed = parse(watchlists / "us_bis" / "dpl.txt")
    assert parsed.source == "us_bis_dpl" and 570 <= len(parsed.entries) <= 581
    assert any(e.primary_name == "AARON ABRAHAM VILLA" for e in parsed.entries)


def test_followthemoney_json_lines(tmp_path):
    path = tmp_path / "demo.json"
    path.write_text(
        '{"id": "p1", "schema": "Person", "properties": {"name": ["Ivan Petrov"], "alias": ["Иван Петров"], '
        '"birthDate": ["1970-05-01"], "nationality": ["ru"], "passportNumber": ["712345678"]}}\n'
        '{"id": "a1", "schema": "Address", "properties": {"full": ["Moscow"]}}\n'
        '{"id": "c1", "schema": "Company", "properties": {"name": ["Petrov Trading LLC"], "jurisdiction": ["cy"]}}\n',
        encoding="utf-8",
    )
    parsed = parse(path)
    assert [e.entry_id for e in parsed.entries] == ["demo:p1", "demo:c1"]
    ivan = parsed.entries[0]
    assert ivan.birth_dates == ("1970-05-01",) and ivan.countries == ("RU",) and ivan.identifiers == ("712345678",)
    assert ivan.aliases[0].script == "Cyrillic"


def test_simple_csv(simple_list):
    path = simple_list("my_list", ["x1,株式会社テスト商事,organization,Test Shoji K.K.;TSK,JP,,1234567890123,internal"])
    entry = parse(path).entries[0]
    assert entry.entry_id == "my_list:x1" and entry.countries == ("JP",)
    assert [a.name for a in entry.aliases] == ["Test Shoji K.K.", "TSK"]


@pytest.mark.parametrize("name, fmt", [
    ("meti_end_user_list.xlsx", "meti_xlsx"), ("UN_consolidated.xml", "un_xml"), ("sdn.csv", "ofac_csv"),
    ("cons_prim.csv", "ofac_csv"), ("export.jsonl", "ftm_json"), ("other.csv", "simple_csv"),
])
def test_format_is_detected_from_the_file_name(tmp_path, name, fmt):
    path = tmp_path / name
    path.write_text("id,name\n", encoding="utf-8")
    assert detect(path) == fmt


# -- bad input: refused with file and line -----------------------------------------------

def refused(path, **kw) -> MamoruError:
    with pytest.raises(MamoruError) as info:
        parse(path, **kw)
    return info.value


def test_a_truncated_un_xml_names_the_line(watchlists, tmp_path):
    data = (watchlists / "un" / "UN_consolidated.xml").read_bytes()
    path = tmp_path / "UN_consolidated.xml"
    path.write_bytes(data[: len(data) // 2])
    err = refused(path)
    assert err.code == "screening.malformed" and err.params["file"] == "UN_consolidated.xml"
    assert int(err.params["line"]) > 1000


def test_an_ofac_file_with_a_short_line_names_it(watchlists, tmp_path):
    for name in ("sdn.csv", "alt.csv", "add.csv"):
        shutil.copy(watchlists / "ofac" / name, tmp_path / name)
    lines = (tmp_path / "sdn.csv").read_bytes().split(b"\r\n")
    lines[41] = b'99999,"BROKEN ROW",-0- '
    (tmp_path / "sdn.csv").write_bytes(b"\r\n".join(lines))
    err = refused(tmp_path / "sdn.csv")
    assert (err.code, err.params["file"], err.params["line"]) == ("screening.malformed", "sdn.csv", 42)


def test_latin1_ofac_files_are_read_but_bad_utf8_in_a_utf8_format_is_refused(tmp_path, simple_list):
    path = tmp_path / "other.csv"
    path.write_bytes("id,name\nq1,Caf\xe9 Nacional\n".encode("latin-1"))
    err = refused(path)
    assert (err.code, err.params["line"]) == ("screening.bad_encoding", 2)


def test_unknown_columns_are_refused(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("id,name,nick_name\nq1,Somebody,Bob\n", encoding="utf-8")
    err = refused(path)
    assert err.code == "screening.unknown_columns" and "nick_name" in err.params["columns"]


def test_a_meti_sheet_with_other_columns_is_refused(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["No.", "Name", "Address"])
    book.active.append([1, "Somebody", "Somewhere"])
    path = tmp_path / "meti.xlsx"
    book.save(path)
    err = refused(path)
    assert err.code == "screening.unknown_columns" and err.params["line"] == 1


def test_a_file_that_is_not_xlsx_is_refused(tmp_path):
    path = tmp_path / "meti.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    assert refused(path).code == "screening.malformed"


def test_broken_json_lines_name_the_line(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"id": "p1", "schema": "Person", "properties": {"name": ["A B"]}}\n{"id": "p2", "sch\n', encoding="utf-8")
    err = refused(path)
    assert (err.code, err.params["line"]) == ("screening.malformed", 2)


def test_an_empty_list_is_refused(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("id,name\n", encoding="utf-8")
    assert refused(path).code == "screening.empty_list"


def test_errors_speak_japanese_and_english(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("id,name,nick_name\n", encoding="utf-8")
    err = refused(path)
    assert "other.csv" in err.message("ja") and "想定外の列" in err.message("ja")
    assert "unexpected columns" in err.message("en")


def test_bracketed_alternatives_of_a_name_become_its_spellings():
    from mamoru.screening.parsers._common import bracket_variants

    assert bracket_variants("Sergey(Sergei) AKSYONOV(AKSENOV)") == [
        "Sergey AKSYONOV", "Sergey AKSENOV", "Sergei AKSYONOV", "Sergei AKSENOV"]
    assert bracket_variants("Aleksandr(Alexander/Oleksandr) KARAMAN")[2] == "Oleksandr KARAMAN"
    assert bracket_variants("Plain Name") == ["Plain Name"]


def test_a_trailing_bracket_of_an_organisation_holds_its_other_names():
    from mamoru.screening.parsers._common import organisation_variants

    assert organisation_variants("Palestine Liberation Front（PLF）") == ["Palestine Liberation Front", "PLF"]
    assert organisation_variants("ACME Trading") == ["ACME Trading"]
