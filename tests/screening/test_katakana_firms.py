"""Katakana renderings of English firm names (issue 10): katakana hears English as spoken, not as
spelt, and writes its connecting words (for, and, of) as words of their own."""

from __future__ import annotations

import pytest

from mamoru.screening.compare import compare_names
from mamoru.screening.engine import Query, Screener
from mamoru.screening.entries import Alias, ListEntry
from mamoru.screening.names import name_form
from mamoru.screening.policy import DEFAULT_THRESHOLDS


def score(a: str, b: str) -> float:
    return compare_names(name_form(a, "organization"), name_form(b, "organization")).score


@pytest.mark.parametrize("kana, english", [
    ("ノーザン・サービス・センター", "Northern Service Center"),  # r after a vowel is silent, c before e is s
    ("ユーロ・アジア・リサーチ・グループ", "Euro Asia Research Group"),  # Asia is "ajia"
    ("ジェネラル・テクノロジー・エージェンシー", "General Technology Agency"),  # soft g
    ("グリーン・フォー・ピース・アンド・ジャスティス", "Green for Peace and Justice"),  # for, and
    ("ダッソー・アビアシオン", "Dassault Aviation"),  # a French brand as France says it: -ault is o
    ("セイフティー・エクイップメント・プロキュアメント", "Safety Equipment Procurement"),  # the long a of safe: セイフ
    ("ステート・スペース・システムズ", "State Space Systems"),
    ("ヤング・ソフトウェア", "Young Software"),  # the ou of young is a short u, ヤ
])
def test_katakana_firm_names_reach_their_english_spelling(kana, english):
    assert score(kana, english) >= DEFAULT_THRESHOLDS.possible
    assert score(english, kana) >= DEFAULT_THRESHOLDS.possible


@pytest.mark.parametrize("kana, english", [
    ("ノーザン・サービス・センター", "Southern Service Center"),
    ("ユーロ・アジア・リサーチ・グループ", "Euro Africa Trading Group"),
])
def test_a_different_content_word_still_tells_firms_apart(kana, english):
    assert score(kana, english) < DEFAULT_THRESHOLDS.possible


def test_a_firm_named_only_in_generic_words_is_found_among_many_banks():
    """Every word but "bank" is generic; the generic words are then what finds the firm (140 other banks:
    more than the candidates scored)."""
    banks = [ListEntry(f"b{i}", f"{town} Bank", "organization")
             for i, town in enumerate(["Ilsim", "Daesong", "Koryo", "Hana", "Kumgang", "Tanchon", "Unha", "Ryugyong",
                                       "Amroggang", "Sonbong", "Haegumgang", "Puhung", "Kwangson", "Changgwang"] * 10)]
    target = ListEntry("t1", "International Industrial Development Bank", "organization")
    hits = Screener.build(banks + [target]).screen(Query("インターナショナル・インダストリアル・デベロップメント・バンク", "organization"))
    assert hits[0].entry.entry_id == "t1"
    assert hits[0].score >= DEFAULT_THRESHOLDS.possible


@pytest.mark.parametrize("mixed, other", [
    ("株式会社 ABC ミランドル", "ABC"),  # the Latin word alone is not the firm
    ("NTTドコモ", "NTT"),
])
def test_the_latin_words_of_a_mixed_name_are_not_the_whole_name(mixed, other):
    assert score(mixed, other) < DEFAULT_THRESHOLDS.possible


@pytest.mark.parametrize("mixed, other", [
    ("株式会社コンツェルン無線電子技術（KRET）", "KRET"),  # a Latin alias in brackets
    ("TOSHIBA 株式会社東芝", "Toshiba"),  # Latin words spelling the Japanese ones
    ("BRINC无人机公司", "BRINC Drones, Inc."),  # Chinese words translated, Latin words as written
])
def test_latin_words_beside_japanese_or_chinese_still_name_the_firm(mixed, other):
    assert score(mixed, other) >= DEFAULT_THRESHOLDS.possible


def test_a_mixed_name_is_found_by_its_latin_alias_among_many_han_names():
    han = [ListEntry(f"h{i}", f"{p}無線電子技術", "organization") for i, p in enumerate("東西南北中上下左右前後内外高低大小新旧長短")]
    target = ListEntry("t1", "JSC Concern Radio-Electronic Technologies", "organization", aliases=(Alias("KRET"),))
    hits = Screener.build(han * 4 + [target]).screen(Query("株式会社コンツェルン無線電子技術（KRET）", "organization"))
    assert hits[0].entry.entry_id == "t1"


def test_a_firm_of_one_short_word_is_found_among_names_of_the_same_consonants():
    """ロモ and Lomo share the skeleton "rm" with Rima, Rome, Ramu … (here 150 of them): the vowels find it."""
    namesakes = [ListEntry(f"n{i}", f"{w} Trading", "organization")
                 for i, w in enumerate(["Rima", "Rome", "Ramu", "Rimi", "Lima", "Rama", "Remy", "Lame", "Lemma", "Loam"] * 15)]
    target = ListEntry("t1", "Joint Stock Company Lomo", "organization")
    hits = Screener.build(namesakes + [target]).screen(Query("株式会社ロモ", "organization"))
    assert hits[0].entry.entry_id == "t1"


def test_an_index_saved_with_older_keys_is_not_taken_for_current(tmp_path):
    from mamoru.screening.index import CandidateIndex
    from mamoru.screening.engine import index_names

    index = CandidateIndex.build(index_names([ListEntry("e1", "Joint Stock Company Lomo", "organization")]))
    index.save(tmp_path / "i.npz", "lists-v1")
    assert CandidateIndex.load(tmp_path / "i.npz")[1] == "lists-v1"
    import mamoru.screening.index as index_module

    real = index_module.KEYS_VERSION
    index_module.KEYS_VERSION = "older"
    try:
        index.save(tmp_path / "old.npz", "lists-v1")
    finally:
        index_module.KEYS_VERSION = real
    assert CandidateIndex.load(tmp_path / "old.npz")[1] != "lists-v1"


@pytest.mark.parametrize("japanese, english", [
    ("「ソボル」（自称）", "Sobol"),  # the list's note "self-proclaimed" needs no English counterpart
    ("「ドンバス人民軍」（自称）", "Donbass People's Militia"),
    ("ウラル海軍ミサイル施設", "Ural Naval Missile Facility"),  # 施設 and 海軍 as Japanese bodies write them
    ("ミール鉄道調達連盟", "Mir Railway Procurement League"),
])
def test_japanese_body_words_are_read_by_their_meaning(japanese, english):
    assert score(japanese, english) >= DEFAULT_THRESHOLDS.possible


def test_a_self_proclaimed_body_of_one_short_word_is_found_among_its_namesakes():
    namesakes = [ListEntry(f"n{i}", w, "organization")
                 for i, w in enumerate(["Sabir Co", "Saber", "Sobar", "Sabra", "Subair", "Sibir", "Sabri", "Zubair"] * 20)]
    target = ListEntry("t1", "Sobol", "organization")
    hits = Screener.build(namesakes + [target]).screen(Query("「ソボル」（自称）", "organization"))
    assert hits[0].entry.entry_id == "t1"


def test_letters_beside_katakana_are_letters_not_sounds():
    # PSV is three letters: it is not "Pozitiv" however alike their consonants (0.87 before)
    assert score("PSVテクノロジーズ有限会社", "POZITIV TEKNOLODZHIZ") < DEFAULT_THRESHOLDS.possible
    assert score("PSVテクノロジーズ有限会社", "PSV Technologies LLC") >= DEFAULT_THRESHOLDS.match


def test_chinese_names_in_katakana_keep_their_zh_and_ng():
    assert score("シェン・ジョン・トレーディング", "SHEN ZHONG TRADING") >= DEFAULT_THRESHOLDS.possible


@pytest.mark.parametrize("kana, english", [
    ("ピーケーケー", "PKK"),  # letters spelt in katakana
    ("ジェイエスシー・トレーディング", "JSC Trading"),
    ("アル・ハラマイン・オランダ・ブランチ", "AL-HARAMAIN NETHERLANDS BRANCH"),  # オランダ: the Netherlands
])
def test_letters_and_country_names_in_katakana(kana, english):
    assert score(kana, english) >= DEFAULT_THRESHOLDS.possible


def test_a_legal_form_spelt_in_katakana_letters_is_set_aside_like_its_latin_spelling():
    assert score("ナムチョンガン・トレーディング・エルエルシー", "NAMCHONGANG TRADING LLC") >= DEFAULT_THRESHOLDS.match


def test_a_katakana_acronym_is_found_by_its_letters():
    # 150 names of the same consonants (pk): only the letters tell PKK apart
    others = [ListEntry(f"n{i}", w, "organization") for i, w in enumerate(["Pak", "Pike", "Poke", "Puck", "Peak"] * 30)]
    target = ListEntry("t1", "PKK", "organization")
    hits = Screener.build(others + [target]).screen(Query("ピーケーケー", "organization"))
    assert hits[0].entry.entry_id == "t1"


@pytest.mark.parametrize("kana, english", [
    ("ウェスタンデジタル", "Western Digital Corporation"),  # katakana words written together: split as Sudachi does
    ("ノースロップグラマン", "Northrop Grumman Corporation"),
    ("ゼネラルエレクトリック", "General Electric Company"),
    ("ウェスタンデジタル", "Westerndigital"),  # and still one word where the list writes one
    ("ボーイング", "The Boeing Company"),  # English's article is no word of the name
])
def test_katakana_words_written_together_reach_the_english_name(kana, english):
    assert score(kana, english) >= DEFAULT_THRESHOLDS.possible
    assert score(english, kana) >= DEFAULT_THRESHOLDS.possible
