"""Cross-script matching (issue 10): a name in one script finds its entry in another, and ordinary
names do not raise alerts through the looser katakana comparison."""

from __future__ import annotations

from pathlib import Path

import pytest

from mamoru.screening.compare import compare_names
from mamoru.screening.engine import Query, Screener
from mamoru.screening.entries import ListEntry
from mamoru.screening.names import name_form
from mamoru.screening.policy import DEFAULT_THRESHOLDS
from tests.screening.conftest import ordinary_name_alerts

ORDINARY_FIRMS = Path(__file__).parent / "data" / "ordinary_jp_companies.csv"


def score(a: str, b: str, kind: str = "person") -> float:
    return compare_names(name_form(a, kind), name_form(b, kind)).score


@pytest.mark.parametrize(
    "query, entry, kind",
    [
        ("コンスタンチノフ・コンスタンチン", "KONSTANTINOV Konstantin", "person"),  # final フ is a "v"
        ("ウラジーミル・プーチン", "Vladimir Putin", "person"),  # katakana
        ("チェ・ソンイル", "CHOE SONG IL", "person"),  # ン for "ng"
        ("ナムチョンガン・トレーディング・コーポレーション", "NAMCHONGANG TRADING CORPORATION", "organization"),
        ("ミュニションズ・インダストリー・デパートメント", "MUNITIONS INDUSTRY DEPARTMENT", "organization"),
        ("トヨタ自動車", "Toyota Jidosha", "organization"),  # kana + kanji, read as Japanese
        ("習近平", "Xi Jinping", "person"),  # traditional hanzi
        ("习近平", "Xi Jinping", "person"),  # simplified hanzi
        ("Владимир Путин", "Vladimir Putin", "person"),  # Cyrillic
        ("김정은", "KIM JONG UN", "person"),  # Hangul, spelt as the lists spell it
        ("리영길", "RI Yong Gil", "person"),
        ("海上战术系统公司", "Maritime Tactical Systems", "organization"),  # Chinese firm: translated (CC-CEDICT)
        ("全球维度公司", "Global Dimensions LLC", "organization"),
        ("鴨綠江開發銀行", "鸭绿江开发银行", "organization"),  # traditional against simplified
        ("Αλέξης Τσίπρας", "Alexis Tsipras", "person"),  # Greek
    ],
)
def test_a_name_in_another_script_reaches_the_alert_threshold(query, entry, kind):
    assert score(query, entry, kind) >= DEFAULT_THRESHOLDS.possible
    assert score(entry, query, kind) >= DEFAULT_THRESHOLDS.possible  # and the reverse


def test_katakana_reading_follows_loanword_notation():
    reading = name_form("ティモシー・ドゥーギン", "person").readings[0].tokens
    assert reading == ("timoshi", "dugin")  # pykakasi alone gives "teimoshii", "dougin"


def test_persian_text_is_not_compared_with_katakana_by_consonants_alone():
    # Persian and Arabic are written without most vowels; their consonant skeleton used to equal
    # that of many katakana names (scored 0.95 before the fix)
    for persian in ("محمد رضا", "بهرام", "شرکت صنایع"):
        for kana in ("モハンマド・レザ", "バハラム", "シャリカット・サナイ"):
            c = compare_names(name_form(persian, "person"), name_form(kana, "person"))
            assert c.path != "katakana_phonetic"
            assert c.score < DEFAULT_THRESHOLDS.possible


@pytest.mark.parametrize("latin, kana", [("Isha Mall", "サイフィ・アマリ"), ("Barkha Bawa", "アブ・アル・ワファ"),
                                         ("Burcuhan Ulker", "ニコライ・ブルィキン")])
def test_ordinary_names_do_not_match_katakana_names_on_consonants(latin, kana):
    # each was an alert (0.83-0.95) before vowels were checked too
    assert score(latin, kana) < DEFAULT_THRESHOLDS.possible


def test_ordinary_japanese_firms_raise_no_alert_against_the_mof_katakana_names(watchlists):
    """Gifu Seisakusho scored 0.85 against a Taliban-list name; no ordinary firm may alert now."""
    assert ordinary_name_alerts(watchlists, ORDINARY_FIRMS, ("name_ja", "name_en"), "organization") == []


def test_the_right_konstantinov_is_found_among_many_namesakes():
    namesakes = [ListEntry(f"n{i}", f"Konstantin {s}", "person")
                 for i, s in enumerate(["Ivanov", "Petrov", "Sidorov", "Smirnov", "Kuznetsov", "Popov", "Volkov",
                                        "Sokolov", "Lebedev", "Kozlov", "Novikov", "Morozov", "Pavlov", "Fedorov",
                                        "Mikhailov", "Orlov", "Andreev", "Makarov", "Nikitin", "Zakharov"] * 3)]
    target = ListEntry("t1", "Konstantin KONSTANTINOV", "person")
    screener = Screener.build(namesakes + [target])
    hits = screener.screen(Query("コンスタンチン・コンスタンチノフ", "person"))
    assert hits[0].entry.entry_id == "t1"


def test_equal_scores_are_ordered_by_the_entry_not_by_import_order():
    a = ListEntry("UN-QDi.001", "JOHN EXAMPLE DOE", "person")
    b = ListEntry("OFAC-123", "JOHN EXAMPLE DOE", "person", birth_dates=("1970",))
    first = Screener.build([a, b]).screen(Query("John Example Doe", "person"))[0].entry.entry_id
    second = Screener.build([b, a]).screen(Query("John Example Doe", "person"))[0].entry.entry_id
    assert first == second


@pytest.mark.parametrize("query, other", [("김성민", "KIM SONG IL"), ("병철 김", "Kim Young-Chol"), ("정수 김", "KIM Yong Su")])
def test_korean_names_differing_in_one_syllable_do_not_alert(query, other):
    # each scored 0.81-0.89 through the syllable reading before syllables had to agree exactly
    assert score(query, other) < DEFAULT_THRESHOLDS.possible


def test_two_consonants_in_persian_are_not_enough():
    # باران ظفری and "BURHAN, Sahir" share the skeletons brn / sr: 0.90 before three consonants were required
    assert score("باران ظفری", "BURHAN, Sahir") < DEFAULT_THRESHOLDS.possible


def test_a_chinese_firm_is_found_by_its_english_name_among_the_lists():
    entries = [ListEntry("e1", "Maritime Tactical Systems", "organization"),
               ListEntry("e2", "Maritime Holdings Ltd", "organization"),
               ListEntry("e3", "海上贸易公司", "organization"),
               ListEntry("e4", "Tactical Air Services", "organization")]
    hits = Screener.build(entries).screen(Query("海上战术系统公司", "organization"))
    assert hits[0].entry.entry_id == "e1"
    assert hits[0].comparison.path == "translated"


@pytest.mark.parametrize("query, kind", [
    ("בנימין נתניהו", "person"),  # Hebrew: written without most vowels, w/y read as vowels
    ("イスラム運動ウズベキスタン", "organization"),  # katakana by sound, kanji by meaning
])
def test_names_below_the_threshold_still_find_their_entry_first(query, kind):
    entries = [ListEntry("t1", "Benjamin Netanyahu", "person"), ListEntry("t2", "ISLAMIC MOVEMENT OF UZBEKISTAN", "organization"),
               ListEntry("n1", "Benjamin Netter", "person"), ListEntry("n2", "Islamic Jihad Group of Uzbekistan", "organization"),
               ListEntry("n3", "Nathan Yahoo", "person"), ListEntry("n4", "Movement for Islamic Reform", "organization")]
    hits = Screener.build(entries).screen(Query(query, kind))
    assert hits[0].entry.entry_id in ("t1", "t2")


@pytest.mark.parametrize("query, entry", [
    ("佐藤正久", "Masahisa Sato"),  # the general reader says Tadahisa; the dictionary of names says Masahisa
    ("小野寺五典", "Itsunori Onodera"),
])
def test_a_japanese_given_name_is_read_as_a_name(query, entry):
    assert score(query, entry) >= DEFAULT_THRESHOLDS.possible
    assert score(entry, query) >= DEFAULT_THRESHOLDS.possible


def test_each_word_of_a_japanese_name_may_be_read_by_either_reader():
    # 古屋圭司: the general reader says Furuya Keishi, the dictionary of names Koya Keiji; the list says
    # Furuya Keiji, the surname as one reads it and the given name as the other does
    assert score("古屋圭司", "Furuya Keiji") >= DEFAULT_THRESHOLDS.match
    assert score("FURUYA, Keiji", "古屋圭司") >= DEFAULT_THRESHOLDS.match


def test_a_word_that_is_no_name_gives_no_name_reading():
    # 偉 read as the adjective "era" is not how anyone writes Zhang Wei's name in Latin letters
    assert score("張 偉", "CHO ERA") < DEFAULT_THRESHOLDS.possible
