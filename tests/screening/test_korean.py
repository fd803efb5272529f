"""Korean names across scripts (issue 10): hanja, Hangul and the MOF's katakana against the Latin
spellings of the UN and OFAC lists, and ordinary Korean, Chinese and Japanese names that must not alert."""

from __future__ import annotations

import pytest

from mamoru.screening import hanja
from mamoru.screening.compare import compare_names
from mamoru.screening.engine import Query, Screener
from mamoru.screening.entries import ListEntry
from mamoru.screening.names import name_form
from mamoru.screening.policy import DEFAULT_THRESHOLDS

POSSIBLE = DEFAULT_THRESHOLDS.possible


def compare(a: str, b: str):
    return compare_names(name_form(a, "person"), name_form(b, "person"))


@pytest.mark.parametrize("han, listed", [
    ("金正恩", "KIM, Jong Un"),  # OFAC SDN 20157
    ("崔龍海", "CHOE, Ryong Hae"),  # OFAC SDN 23213
    ("金與正", "KIM, Yo Jong"),  # OFAC SDN 21444
    ("金英哲", "KIM, Yong Chol"),  # OFAC SDN 12211
    ("朴道春", "PAK TO CHUN"),  # UN KPi.050
    ("朴道春", "PAK, To'-Ch'un"),  # OFAC SDN 15769, McCune-Reischauer alias
    ("金 正恩", "KIM, Jong Un"),  # surname written apart
])
def test_a_korean_name_in_hanja_is_read_as_korean(han, listed):
    found = compare(han, listed)
    assert found.score >= POSSIBLE
    assert found.path in ("hanja", "korean")
    assert compare(listed, han).score >= POSSIBLE


def test_hanja_and_hangul_of_one_name_match():
    assert compare("金正恩", "김정은").score >= POSSIBLE
    assert compare("崔龍海", "최룡해").score >= POSSIBLE


@pytest.mark.parametrize("kana, listed", [
    ("チャン・ソンナム", "JANG SUNG NAM"),  # ch/j, ソン for Sung
    ("チャン・ヨンソン", "JANG YONG SON"),
    ("キム・トンミョン", "KIM TONG MY’ONG"),  # apostrophe of McCune-Reischauer
    ("キム・トンミョン", "Kim Tong-Myo'ng"),
    ("パク・トチュン", "PAK, To'-Ch'un"),
    ("パク・ボンナム", "PAK BONG NAM"),  # UN KPi.073
    ("リ・チュンファン", "RI CHUN HWAN"),  # UN KPi.074: ファン for Hwan
    ("リ・ウンソン", "Ri Eun Song"),  # eu
    ("クァク・チョンチョル", "Kwak Jong-chol"),  # final l written ル
    ("シム・ヒョンソプ", "Sim Hyo'n-so'p"),  # final p written プ
    ("ペ・ウォンウク", "PAE WON UK"),  # final k written ク
])
def test_a_korean_name_in_katakana_matches_its_romanisation(kana, listed):
    assert compare(kana, listed).score >= POSSIBLE
    assert compare(listed, kana).score >= POSSIBLE


def test_hangul_matches_other_consonant_spellings_too():
    assert compare("김광수", "Kim Kwang-su").score >= POSSIBLE  # the lists' reading is Kim Kwang Su
    assert compare("박도춘", "PAK, To'-Ch'un").score >= POSSIBLE


KOREAN_ENTRIES = [
    ListEntry("ofac-20157", "KIM, Jong Un", "person"),
    ListEntry("ofac-23213", "CHOE, Ryong Hae", "person"),
    ListEntry("ofac-21444", "KIM, Yo Jong", "person"),
    ListEntry("un-KPi.050", "PAK TO CHUN", "person"),
    ListEntry("un-KPi.073", "PAK BONG NAM", "person"),
    ListEntry("un-KPi.052", "RI SU YONG", "person"),
    ListEntry("mof-tong", "KIM TONG MY’ONG", "person"),
    ListEntry("ofac-chongman", "KIM, Cho'ng-man", "person"),
    ListEntry("mof-jang", "JANG SUNG NAM", "person"),
    ListEntry("n-chan", "CHAN, Shu Sang", "person"),
    ListEntry("n-anthony", "ANTHONY CHAN", "person"),
    ListEntry("n-kimil", "KIM JONG IL", "person"),
    ListEntry("n-wang", "WANG Zhiqiang", "person"),
]


@pytest.mark.parametrize("query, expected", [
    ("チャン・ソンナム", "mof-jang"),  # found through the Korean key, not among the Chans
    ("キム・トンミョン", "mof-tong"),  # not KIM Cho'ng-man (0.85 on consonants alone)
    ("金正恩", "ofac-20157"),
    ("박도춘", "un-KPi.050"),
])
def test_the_korean_entry_comes_first(query, expected):
    hits = Screener.build(KOREAN_ENTRIES).screen(Query(query, "person"))
    assert hits[0].entry.entry_id == expected
    assert hits[0].score >= POSSIBLE


@pytest.mark.parametrize("query", [
    # ordinary Korean names (Hangul, katakana), syllables out of order (영수 이 / RI SU YONG), one
    # syllable apart; 이서연 (ri so yon) is RI SU YONG only where katakana's n/ng and o/u fall together
    "김민준", "이서연", "박지훈", "최수빈", "은정 김", "영수 이", "キム・ミンジュン", "パク・ジフン", "チャン・ソンミン",
    # ordinary Chinese names: their Korean reading must not alert on a Korean entry
    "张伟", "李强", "陈明", "刘洋", "金星", "王志刚",
    # Japanese names whose first kanji is also a Korean surname
    "林正夫", "金田正一", "朴木",
])
def test_ordinary_names_raise_no_alert_against_korean_entries(query):
    hits = Screener.build(KOREAN_ENTRIES).screen(Query(query, "person"))
    assert not hits or hits[0].score < POSSIBLE, hits[0]


def test_a_chinese_name_is_still_found_through_pinyin():
    assert compare("王志强", "WANG Zhiqiang").path == "pinyin"


def test_without_the_hanja_table_han_names_are_read_as_before(monkeypatch):
    monkeypatch.setattr(hanja, "_table", lambda: {})
    hanja.korean_reading.cache_clear()
    try:
        assert not hanja.korean_reading(("崔龍海",))
    finally:
        hanja.korean_reading.cache_clear()
