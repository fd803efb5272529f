"""How names are prepared: folding, legal forms, readings in Latin letters."""

from __future__ import annotations

import pytest

from mamoru.screening.names import name_form
from mamoru.screening.text import fold, main_script
from mamoru.screening.translit import skeleton


@pytest.mark.parametrize("raw, folded", [
    ("ＴＯＳＨＩＢＡ　ＣＯＲＰ．", "toshiba corp"),   # full-width Latin and space
    ("ｶﾀｶﾅ", "カタカナ"),                              # half-width katakana
    ("O'Brien", "obrien"),                             # apostrophe joins
    ("AL-DURI, Izzat", "al duri izzat"),               # hyphen and comma split
    ("K.K.", "kk"),
    ("Müller", "müller"),                              # diacritics kept here, folded when read in Latin
])
def test_fold(raw, folded):
    assert fold(raw) == folded


@pytest.mark.parametrize("name, rest, form", [
    ("株式会社東芝", "東芝", "株式会社"),
    ("㈱東芝", "東芝", "(株)"),
    ("（株）東芝", "東芝", "(株)"),
    ("トヨタ自動車株式会社", "トヨタ自動車", "株式会社"),
    ("有限会社山田製作所", "山田製作所", "有限会社"),
    ("合同会社テスト", "テスト", "合同会社"),
    ("鴻海精密工業股份有限公司", "鴻海精密工業", "股份有限公司"),
    ("北京科技有限公司", "北京科技", "有限公司"),
])
def test_japanese_and_chinese_legal_forms_are_set_aside(name, rest, form):
    f = name_form(name, "organization")
    assert f.cjk == rest
    assert form in f.legal_forms


@pytest.mark.parametrize("name, tokens", [
    ("ANGLO-CARIBBEAN CO., LTD.", ("anglo", "caribbean")),
    ("Toshiba Corporation", ("toshiba",)),
    ("Mitsubishi K.K.", ("mitsubishi",)),
    ("Siemens GmbH", ("siemens",)),
    ("Candid General Trading LLC", ("candid", "general", "trading")),
])
def test_latin_legal_forms_are_set_aside(name, tokens):
    assert name_form(name, "organization").readings[0].tokens == tokens


def test_a_person_keeps_words_that_look_like_legal_forms():
    assert name_form("Sa Ag", "person").readings[0].tokens == ("sa", "ag")


@pytest.mark.parametrize("name, method, tokens", [
    ("株式会社東芝", "romaji", ("toshiba",)),                    # long vowel shortened as in passports
    ("トヨタ自動車", "romaji", ("toyota", "jidosha")),
    ("淑华 朱", "pinyin", ("shuhua", "zhu")),                   # simplified: Chinese only
    ("Владимир Путин", "transliterated", ("vladimir", "putin")),
])
def test_names_are_read_in_latin_letters(name, method, tokens):
    readings = {r.method: r.tokens for r in name_form(name).readings}
    assert readings[method] == tokens


def test_kanji_only_names_get_a_japanese_and_a_chinese_reading():
    methods = [r.method for r in name_form("鴨緑江開発銀行").readings]
    assert methods == ["romaji", "pinyin"]


def test_simplified_characters_are_read_as_chinese_first_and_japanese_through_their_twins():
    # China writes Japanese names in its own characters (山谷绘里子 for 山谷絵里子): pinyin first, then the
    # Japanese reading of the characters they simplify; a person is also read as Taiwan spells names
    assert [(r.method, r.tokens) for r in name_form("张伟", "person").readings] == [
        ("pinyin", ("zhangwei",)), ("wade_giles", ("changwei",)), ("romaji", ("cho", "i"))]
    assert ("romaji", ("yamatani", "eriko")) in [(r.method, r.tokens) for r in name_form("山谷绘里子", "person").readings]


@pytest.mark.parametrize("text, script", [
    ("鴨緑江開発銀行", "Han"), ("ウラジーミル", "Kana"), ("トヨタ自動車", "Kana"),
    ("Toshiba", "Latin"), ("김정은", "Hangul"), ("TOSHIBA 株式会社東芝", "Han"),
])
def test_main_script(text, script):
    assert main_script(text) == script


def test_katakana_and_latin_meet_in_a_consonant_skeleton():
    assert skeleton("puchin") == skeleton("putin")
    assert name_form("ウラジーミル・プーチン", "person").katakana


def test_a_leading_word_rigour_takes_for_a_legal_form_is_kept_when_nothing_else_names_the_firm():
    from mamoru.screening.legal_forms import split_legal_form

    # STG is Stroytransgaz: without it, "holding" would be all that is left
    assert split_legal_form("stg holding limited") == ("stg holding", ("limited",))
    assert split_legal_form("cjsc zest") == ("zest", ("cjsc",))  # an everyday form still goes


@pytest.mark.parametrize("name", ["古屋圭司", "Toshiba Corporation"])
def test_a_name_is_prepared_once_and_reused(name):
    # a list's names recur in every screening and import: preparing them (readers, dictionaries) again
    # each time would multiply the work, so the same name and kind give back the same prepared form
    assert name_form(name, "person") is name_form(name, "person")
