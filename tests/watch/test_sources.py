"""Reading publications: ST.36 XML, J-PlatPat CSV, papers; every bad file gets a clear error."""

from __future__ import annotations

import pytest

from mamoru.demo.watch import GAZETTE
from mamoru.errors import InvalidInput
from mamoru.limits import TooLarge
from mamoru.watch import sources
from mamoru.watch.sources import read_publications


def test_an_st36_gazette_gives_number_applicant_dates_and_claims(tmp_path):
    path = tmp_path / "JP2026145321A.xml"
    path.write_text(GAZETTE, encoding="utf-8")
    (pub,) = read_publications(path)
    assert pub.number == "JP2026145321A" and pub.source_format == "st36"
    assert pub.title == "電極スラリーの製造方法及び電極塗工乾燥装置"
    assert pub.applicants == ["三葉エンジニアリング株式会社"]
    assert (pub.published_on, pub.filed_on) == ("2026-08-20", "2025-11-20")
    labels = [s.label for s in pub.sections]
    assert labels == ["title", "abstract", "claims", "description"]
    assert "公転速度45rpm" in pub.text and "三段の熱風乾燥炉" in pub.text


def test_namespaced_st36_with_a_doctype_is_read(tmp_path):
    path = tmp_path / "ns.xml"
    path.write_text('<?xml version="1.0"?><!DOCTYPE jp:patent-document SYSTEM "x.dtd">'
                    '<jp:patent-document xmlns:jp="http://www.jpo.go.jp"><jp:bibliographic-data>'
                    '<invention-title>焼結方法</invention-title></jp:bibliographic-data>'
                    '<abstract><p>1250℃で2時間保持する。</p></abstract></jp:patent-document>', encoding="utf-8")
    (pub,) = read_publications(path)
    assert pub.title == "焼結方法" and "1250℃" in pub.text


def test_an_entity_bomb_is_refused_not_expanded(tmp_path):
    path = tmp_path / "bomb.xml"
    path.write_text('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
                    '<patent-document><abstract><p>&lol2;</p></abstract></patent-document>', encoding="utf-8")
    with pytest.raises(InvalidInput) as err:
        read_publications(path)
    assert err.value.code == "watch.xml_unsafe"


def test_an_external_entity_cannot_read_local_files(tmp_path):
    path = tmp_path / "xxe.xml"
    path.write_text('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                    '<patent-document><abstract><p>&x;</p></abstract></patent-document>', encoding="utf-8")
    with pytest.raises(InvalidInput) as err:
        read_publications(path)
    assert err.value.code == "watch.xml_unsafe"


@pytest.mark.parametrize("body, code", [
    ("<patent-document><abstract>", "watch.xml_invalid"),
    ("<html><body>no patent</body></html>", "watch.xml_not_patent"),
    ("<patent-document><abstract><p>  </p></abstract></patent-document>", "watch.empty"),
])
def test_bad_xml_says_what_is_wrong(tmp_path, body, code):
    path = tmp_path / "bad.xml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(InvalidInput) as err:
        read_publications(path)
    assert err.value.code == code
    assert "bad.xml" in err.value.message("ja")


def test_a_jplatpat_csv_in_shift_jis_gives_one_publication_per_row(tmp_path):
    path = tmp_path / "export.csv"
    rows = ["公開番号,発明の名称,要約,出願人,出願日,公開日",
            "特開2026-145321,電極スラリーの製造方法,固形分72%で90分混練する。,三葉エンジニアリング株式会社,2025/11/20,2026/08/20",
            "特開2026-150001,触媒の製造方法,白金を担持する。,東洋触媒株式会社;大和化成株式会社,2025/12/01,2026/09/01"]
    path.write_bytes("\r\n".join(rows).encode("cp932"))
    first, second = read_publications(path)
    assert first.number == "特開2026-145321" and first.filed_on == "2025-11-20" and first.published_on == "2026-08-20"
    assert "90分混練" in first.text
    assert second.applicants == ["東洋触媒株式会社", "大和化成株式会社"]


def test_a_csv_without_the_expected_headers_is_refused(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as err:
        read_publications(path)
    assert err.value.code == "watch.csv_headers" and "公開番号" in err.value.message("ja")


def test_a_csv_row_with_no_text_names_the_row(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("公開番号,発明の名称,要約\n特開1,焼結,焼成する。\n特開2,,\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as err:
        read_publications(path)
    assert err.value.code == "watch.empty_row" and err.value.params["row"] == 3


def test_a_paper_as_text_is_one_publication(tmp_path):
    path = tmp_path / "paper.txt"
    path.write_text("電極製造の新手法\n塗工速度30m/minで塗工した。", encoding="utf-8")
    (pub,) = read_publications(path)
    assert pub.title == "電極製造の新手法" and pub.source_format == "txt"


def test_an_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(InvalidInput) as err:
        read_publications(path)
    assert err.value.code == "watch.empty"


def test_a_file_over_the_limit_is_refused_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "MAX_BYTES", 1024)
    path = tmp_path / "huge.txt"
    path.write_text("焼成" * 2000, encoding="utf-8")
    with pytest.raises(TooLarge):
        read_publications(path)


def test_an_encrypted_pdf_is_refused_clearly(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("secret")
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as handle:
        writer.write(handle)
    with pytest.raises(InvalidInput) as err:
        read_publications(path)
    assert err.value.code == "watch.encrypted"
    assert "暗号化" in err.value.message("ja")


def test_a_damaged_pdf_is_refused_clearly(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\nnot really a pdf")
    with pytest.raises(InvalidInput) as err:
        read_publications(path)
    assert err.value.code == "watch.unreadable"


def test_an_unsupported_type_names_the_supported_ones(tmp_path):
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG")
    with pytest.raises(InvalidInput) as err:
        read_publications(path)
    assert err.value.code == "watch.unsupported" and ".xml" in err.value.message("en")


def test_a_date_that_does_not_exist_is_left_out_not_an_error(tmp_path):
    path = tmp_path / "dates.csv"
    path.write_text("公開番号,要約,出願日\n特開1,焼成する。,2026/13/45\n", encoding="utf-8")
    (pub,) = read_publications(path)
    assert pub.filed_on == ""
