"""Foreign names as China's lists write them (issue 10): by sound, with given names in their fixed
Chinese forms, nicknames where the English list has the full name, and the r that Chinese leaves unsounded."""

from __future__ import annotations

import pytest

from mamoru.screening.compare import compare_names
from mamoru.screening.engine import Query, Screener
from mamoru.screening.entries import ListEntry
from mamoru.screening.names import name_form
from mamoru.screening.policy import DEFAULT_THRESHOLDS


def score(a: str, b: str, kind: str) -> float:
    return compare_names(name_form(a, kind), name_form(b, kind)).score


@pytest.mark.parametrize("query, entry, kind", [
    ("约翰·普维斯", "John Purvis", "person"),  # 约翰 is how Chinese writes John; Purvis loses its r: 普维斯
    ("約翰·普維斯", "John Purvis", "person"),  # the same in traditional characters
    ("迈克尔·卡诺维尔", "Michael J. Carnovale", "person"),  # a middle initial on the English side only
    ("安·伍德", "Ann Wood", "person"),  # 伍 wu keeps its vowel: it is not katakana's silent u
    ("万拓公司", "Vantor", "organization"),
    ("泰雷兹集团", "Thales Group", "organization"),  # th heard as t, as in 汤普森 Thompson
    ("吉娜·雷蒙多", "Gina Raimondo", "person"),  # g before i, e is pinyin j, soft (Gina) or hard (吉布森 Gibson)
    ("杰拉尔德·福特", "Gerald Ford", "person"),
])
def test_a_foreign_name_in_its_chinese_form_reaches_its_english_spelling(query, entry, kind):
    assert score(query, entry, kind) >= DEFAULT_THRESHOLDS.possible


def test_a_nickname_in_chinese_finds_the_full_given_name():
    # China writes what the man is called (迈克 Mike); the list has Michael, not his namesake Martin
    assert score("迈克·麦考尔", "Michael McCaul", "person") > score("迈克·麦考尔", "Martin McCaul", "person") + 0.1
    entries = [ListEntry("a-martin", "Martin McCaul", "person"), ListEntry("mccaul", "Michael McCaul", "person")]
    assert Screener.build(entries).screen(Query("迈克·麦考尔", "person"))[0].entry.entry_id == "mccaul"


def test_a_given_name_the_dictionary_knows_does_not_pass_for_another():
    # 约翰 is John (or Johann, Jon, Jack): not James
    assert score("约翰·普维斯", "James Purvis", "person") < score("约翰·普维斯", "John Purvis", "person") - 0.1
    assert score("约翰·普维斯", "James Purvis", "person") < DEFAULT_THRESHOLDS.possible


def test_an_unsounded_r_is_found_among_many_names():
    # Warden is 沃登 (wo-deng): its skeleton without the r is looked up too
    others = [ListEntry(f"k{i}", f"Kathy {s}", "person") for i, s in enumerate(
        ["Adams", "Baker", "Bates", "Cohen", "Dixon", "Evans", "Fisher", "Garcia", "Hughes", "Irwin", "Jones",
         "Keller", "Lopez", "Moore", "Nolan", "Owens", "Price", "Quinn", "Reyes", "Stone", "Tucker", "Upton",
         "Vance", "Walsh", "Young", "Zimmer"] * 3)]
    hits = Screener.build(others + [ListEntry("warden", "Kathy J. Warden", "person")]).screen(Query("凯西·沃登", "person"))
    assert hits[0].entry.entry_id == "warden"


@pytest.mark.parametrize("query, entry", [
    ("帕兰提尔科技公司", "Palantir Technologies Inc."),  # the brand by sound, 科技 by meaning
    ("亨廷顿·英格尔斯工业公司", "Huntington Ingalls Industries"),  # dotted sounds, then 工业 industries
    ("哈德逊研究所", "Hudson Institute"),  # 逊 (-son) is a transliteration character
])
def test_a_firm_name_written_partly_by_sound_and_partly_by_meaning(query, entry):
    hits = Screener.build([ListEntry("x", entry, "organization"), ListEntry("y", "Technologies Industries Institute",
                                                                               "organization")]).screen(Query(query, "organization"))
    assert hits[0].entry.entry_id == "x"


def test_pinyin_d_is_heard_as_t():
    # 蒂 di writes "ti" (Tiffany), as 丁 ding writes "tin" (Martin): pinyin d is an unaspirated t
    assert score("托马斯·蒂凡尼", "Thomas Tiffany", "person") >= DEFAULT_THRESHOLDS.possible
    assert score("托马斯·蒂凡尼", "Thomas Tiffany", "person") > score("托马斯·蒂凡尼", "Thomas Stefani", "person")


@pytest.mark.parametrize("query, entry, kind", [
    ("洛克希德·马丁公司", "Lockheed Martin Corporation", "organization"),  # ck-h is k then h, not the Russian kh
    ("ロッキード", "Lockheed", "organization"),
    ("克里斯托弗·史密斯", "Christopher Smith", "person"),  # chr is k; a final 弗 is -pher with its r unsounded
    ("クリストファー・スミス", "Christopher Smith", "person"),
])
def test_english_spellings_that_do_not_sound_as_written(query, entry, kind):
    assert score(query, entry, kind) >= DEFAULT_THRESHOLDS.possible


def test_an_unsounded_r_in_the_whole_name_is_found_among_many_names():
    # 马可·鲁比奥 is Marco Rubio heard without its r (ma-ke lu-bi-ao): it is found by its whole sound
    # among many names with words that sound like both of its own
    given = ["Ali", "Omar", "Said", "Hasan", "Yusuf", "Karim", "Nabil", "Tariq", "Walid", "Zaid", "Fahd", "Jamil",
             "Khalid", "Majid", "Nasir", "Rashid", "Salim", "Talal", "Adil", "Bilal", "Faris", "Hamza", "Imad", "Jalal"]
    others = [ListEntry(f"o{i}{j}", f"{g} {m} {r}", "person") for i, g in enumerate(given)
              for j, (m, r) in enumerate([("Makki", "Rabbo"), ("Maki", "Rabb"), ("Mekki", "Rubba")])]
    hits = Screener.build(others + [ListEntry("rubio", "Marco Rubio", "person")]).screen(Query("马可·鲁比奥", "person"))
    assert hits[0].entry.entry_id == "rubio"


def test_a_firm_written_wholly_by_sound_is_not_looked_up_by_its_pinyin_syllables():
    # 埃科达因 (ai-ke-da-yin) is Echodyne, its ch heard as k: Chinese firms romanised with the same
    # syllables must not crowd it out of the candidates
    romanised = [f"{a} {b} Trading Co., Ltd." for a in ("Ai", "Ke", "Da", "Yin", "Aike", "Dayin")
                 for b in ("Ke", "Da", "Yin", "Ai", "Kang", "Hua", "Xin", "Tai", "Long", "Feng", "Sheng")]
    entries = [ListEntry(f"c{i}", name, "organization") for i, name in enumerate(romanised)]
    hits = Screener.build(entries + [ListEntry("echodyne", "Echodyne", "organization")]).screen(
        Query("埃科达因公司", "organization"))
    assert hits[0].entry.entry_id == "echodyne"
