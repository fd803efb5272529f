"""Organisation names that are translations (issue 10): a Japanese or Chinese firm name written in kanji
reaches the English name the list gives it, word by word, and a namesake sharing only generic words does not."""

from __future__ import annotations

import pytest

from mamoru.screening.cedict import segments, simplified
from mamoru.screening.compare import compare_names
from mamoru.screening.engine import Query, Screener
from mamoru.screening.entries import ListEntry
from mamoru.screening.names import name_form
from mamoru.screening.policy import DEFAULT_THRESHOLDS


def score(a: str, b: str, kind: str = "organization") -> float:
    return compare_names(name_form(a, kind), name_form(b, kind)).score


@pytest.mark.parametrize("query, entry", [
    ("特別機械製造設計局", "Design Bureau of Special Machine-Building"),  # 局 is a bureau, not "an office"
    ("株式会社研究設計技術局オネガ", "Joint Stock Company Research Design and Technological Bureau Onega"),
    ("有限会社独立保険グループ", "Independent Insurance Group LTD"),  # 険: the Japanese form of 险
    ("パレスチナ人民解放戦線", "Popular Front for the Liberation of Palestine"),  # 戦 → 战; 人民 "popular"
    ("株式会社電気機械器具科学研究所", "Joint Stock Company Research Institute of Electronic and Mechanical Devices"),
    ("イドリブ紡績会社", "IDLEB COMPANY FOR SPINNING"),  # 会社 needs no English word: "company" is a legal form
    ("红猫控股公司", "Red Cat Holdings, Inc."),  # 控股 is "holdings" in a firm's name
    ("アル・バシャーイル貿易有限会社", "AL-BASHAIR TRADING COMPANY LTD"),  # アル and バシャーイル are two words
    ("株式会社設計技術センター・エレクトロニカ", "Joint Stock Company Design Technology Center Elektronika"),
    ("有限会社学術生産企業デジタル・ソリューションズ", "LLC Scientific Production Enterprise Digital Solutions"),
])
def test_a_translated_organisation_name_reaches_its_english_entry(query, entry):
    assert score(query, entry) >= DEFAULT_THRESHOLDS.possible
    assert score(entry, query) >= DEFAULT_THRESHOLDS.possible


def test_japanese_shinjitai_are_read_as_the_same_characters_as_chinese():
    assert simplified("保険") == simplified("保險") == "保险"
    assert simplified("戦線") == simplified("戰線")


def test_firm_words_are_cut_where_a_firm_name_has_them():
    # the longest dictionary word would be 機械工 "mechanic", leaving 場 alone
    assert [w for w, _ in segments("輸送機械工場")] == ["输送", "机械", "工场"]


def test_a_namesake_sharing_only_generic_words_does_not_alert():
    # "bureau", "design", "research" alone must not make a Russian design bureau of any other name
    assert score("株式会社研究設計技術局オネガ", "Design Bureau Novator", "organization") < DEFAULT_THRESHOLDS.possible
    assert score("独立保険グループ", "Independent Petroleum Group", "organization") < DEFAULT_THRESHOLDS.possible


def test_a_translated_name_is_found_among_many_entries_with_the_same_generic_words():
    generic = [ListEntry(f"g{i}", f"{w} Research Institute", "organization")
               for i, w in enumerate(["Central", "State", "Federal", "Scientific", "Applied", "Radio", "Nuclear",
                                      "Physics", "Chemistry", "Marine", "Space", "Optics"] * 3)]
    target = ListEntry("t1", "JSC Central Research Institute of Automation and Hydraulics", "organization")
    hits = Screener.build(generic + [target]).screen(Query("株式会社自動操作油圧技術中央科学研究所", "organization"))
    assert hits[0].entry.entry_id == "t1"
    assert hits[0].comparison.path == "translated"


@pytest.mark.parametrize("query, entry, kind", [
    ("乔安妮·德雷克", "Joanne M. Drake", "person"),  # Chinese writes foreign names by sound, like katakana
    ("阿克西恩特公司", "Axient", "organization"),
    ("埃克索维拉公司", "Exovera", "organization"),
])
def test_a_foreign_name_written_in_hanzi_by_sound_reaches_its_latin_spelling(query, entry, kind):
    assert score(query, entry, kind) >= DEFAULT_THRESHOLDS.possible


def test_a_chinese_name_is_not_read_as_a_foreign_name():
    # 王志强 is Wang Zhiqiang, not a sound-by-sound rendering of some Western name
    assert name_form("王志强", "person").readings[-1].method != "zh_foreign"
    assert score("王志强", "Vance Chang", "person") < DEFAULT_THRESHOLDS.possible


def test_a_japanese_place_name_does_not_translate_to_china():
    # CC-CEDICT glosses 九州 (Kyushu) as "ancient China": Kitakyushu Sangyo alerted on China North Industries
    assert score("株式会社北九州産業", "China North Industries Group Corporation Limited") < DEFAULT_THRESHOLDS.possible
    assert score("中国海上贸易公司", "China Maritime Trading Company") >= DEFAULT_THRESHOLDS.possible


def test_an_arabic_name_finds_the_daughter_not_her_father():
    # UN lists Saddam Hussein's children in Arabic; رنا (Rana) has only two consonants, which alone prove nothing,
    # but beside three agreeing words they tell RANA SADDAM HUSSEIN AL-TIKRITI from her father
    entries = [ListEntry("father", "SADDAM HUSSEIN AL-TIKRITI", "person"),
               ListEntry("daughter", "RANA SADDAM HUSSEIN AL-TIKRITI", "person")]
    hits = Screener.build(entries).screen(Query("رنا صدام حسين التكريتي", "person"))
    assert hits[0].entry.entry_id == "daughter"


@pytest.mark.parametrize("query, entry", [
    ("BRINC无人机公司", "BRINC Drones, Inc."),  # a Latin word in the Chinese name stands for itself
    ("铁山解决方案公司", "IronMountain Solutions"),  # English words run together: 铁 iron + 山 mountain
    ("鐵山解決方案公司", "IronMountain Solutions"),  # the same in traditional characters
    ("国际海洋工程公司", "Oceaneering International, Inc."),  # ocean + (engin)eering
    ("美国繁荣联盟", "Coalition For A Prosperous America"),  # 美国 is America, not only "United States"
])
def test_a_chinese_firm_name_reaches_an_english_name_made_of_its_words(query, entry):
    assert score(query, entry) >= DEFAULT_THRESHOLDS.possible


@pytest.mark.parametrize("query, entry", [
    ("康斯伯格集团", "Kongsberg Gruppen ASA"),  # Norwegian: gruppen is group, ASA a public company
    ("泰雷兹集团", "Thales Groupe"),  # French
    ("莱昂纳多集团", "Gruppo Leonardo"),  # Italian
])
def test_a_european_firms_word_for_group_is_the_group_of_its_chinese_name(query, entry):
    assert score(query, entry) >= DEFAULT_THRESHOLDS.possible


def test_a_run_together_word_must_be_made_of_the_names_own_words():
    assert score("铁山解决方案公司", "Silvermountain Solutions") < DEFAULT_THRESHOLDS.possible
    assert score("美国繁荣联盟", "American Freedom Coalition") < DEFAULT_THRESHOLDS.possible


def test_a_number_run_into_a_firms_name_is_the_number_the_chinese_name_writes_and_the_word_after_it():
    # L3Harris is written L3哈里斯: L3 as it is, Harris by its sounds. Found among firms that share only
    # the generic word, and another firm called Harris is not the same one (its name lacks the L3)
    entries = [ListEntry(f"g{i}", f"{w} Technologies", "organization") for i, w in enumerate(
        ["Alpha", "Beta", "Delta", "Gamma", "Omega", "Sigma", "Nova", "Apex", "Atlas", "Orion", "Vega", "Titan",
         "Zenith", "Polar", "Summit", "Pacific", "Coastal", "Harbor", "Marine", "Hanse", "Harlow", "Harrow"])]
    hits = Screener.build(entries + [ListEntry("l3", "L3Harris Technologies, Inc.", "organization")]).screen(
        Query("L3哈里斯技术公司", "organization"))
    assert hits[0].entry.entry_id == "l3" and hits[0].outcome != "none"
    assert score("L3哈里斯技术公司", "Harris Technologies, Inc.") < score("L3哈里斯技术公司", "L3Harris Technologies, Inc.")


@pytest.mark.parametrize("query, entry, other", [
    # 博世: "Bosch, German technology company"; the other shares 集团 only, and came first while the brand
    # alone was not enough for a comparison by meaning
    ("博世集团", "Robert Bosch GmbH", "中国広核集団"),
    ("飞利浦公司", "Koninklijke Philips N.V.", "FELIPE TRADING COMPANY"),  # 飞利浦: "Philips (company)"; fei-li-pu
])
def test_a_brand_the_dictionary_names_reaches_the_firms_longer_english_name(query, entry, other):
    hits = Screener.build([ListEntry("other", other, "organization"), ListEntry("it", entry, "organization")]).screen(
        Query(query, "organization"))
    assert hits[0].entry.entry_id == "it"
    assert hits[0].outcome == "none"  # the brand alone is a lead to look at, not an alert


def test_a_place_a_personal_name_or_a_word_sharing_its_start_is_not_the_brand():
    assert score("瑞士信贷集团", "GAZPROMBANK (SWITZERLAND) LTD") < 0.45  # Credit Suisse is not any Swiss firm
    assert score("摩根大通公司", "Morgan Stanley") < 0.45  # 摩根 is "Morgan (name)"
    assert score("海信集团有限公司", "AL-HISN") < DEFAULT_THRESHOLDS.possible  # 海信 is Hisense, not HISN


def test_a_firm_whose_name_blends_two_words_is_found_among_many_of_its_generic_words():
    # Oceaneering is ocean + (engin)eering, written 海洋工程 "ocean engineering": found by the blend,
    # not crowded out by the many firms called International or Engineering
    entries = [ListEntry(f"g{i}", f"{w} {g}", "organization") for i, w in enumerate(
        ["Alpha", "Beta", "Delta", "Gamma", "Omega", "Sigma", "Nova", "Apex", "Atlas", "Orion", "Vega", "Titan",
         "Zenith", "Polar", "Summit", "Pacific", "Coastal", "Harbor", "Marine", "Delta Sea"])
        for g in ("International", "Engineering", "Ocean Shipping International")]
    hits = Screener.build(entries + [ListEntry("o", "Oceaneering International, Inc.", "organization")]).screen(
        Query("国际海洋工程公司", "organization"))
    assert hits[0].entry.entry_id == "o"


def test_a_name_matching_many_senses_of_one_chinese_word_counts_that_word_once():
    # 红猫工程: name 0 has three senses of 工程 (engineering, project, undertaking); name 1 has "red" and
    # "project": two of the Chinese words, so it ranks first
    import numpy as np

    from mamoru.screening.index import rank

    ids = lambda *n: np.array(n, dtype=np.int64)  # noqa: E731
    postings = [("t2", ids(0)), ("t2", ids(0, 1)), ("t2", ids(0)), ("t0", ids(1))]  # engineering, project, undertaking, red
    assert rank(postings, total=100, limit=2) == [1, 0]
