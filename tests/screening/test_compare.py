"""Name against name: the score and the reasons for it."""

from __future__ import annotations

import pytest

from mamoru.screening.compare import compare_names
from mamoru.screening.names import name_form
from mamoru.screening.policy import DEFAULT_THRESHOLDS, adjust

POSSIBLE = DEFAULT_THRESHOLDS.possible


def score(a: str, b: str, kind: str = "unknown") -> float:
    return compare_names(name_form(a, kind), name_form(b, kind)).score


@pytest.mark.parametrize("a, b, kind", [
    ("株式会社東芝", "Toshiba Corporation", "organization"),          # kanji reading, legal forms on both sides
    ("㈱東芝", "TOSHIBA CORP.", "organization"),
    ("鴨緑江開発銀行", "(鴨緑江開発銀行)", "organization"),
    ("トヨタ自動車株式会社", "Toyota Jidosha K.K.", "organization"),
    ("Vladimir Putin", "PUTIN, Vladimir Vladimirovich", "person"),     # order, patronymic
    ("ウラジーミル・プーチン", "Vladimir Putin", "person"),            # katakana foreign name
    ("John Smith", "Smith, John", "person"),
    ("Olaf Scholze", "Olaf Scholz", "person"),                         # typo
    ("Al Qaida", "Alqaida", "organization"),                           # word joined
    ("Nikolai Patr ushev", "Nikolai Patrushev", "person"),             # word split
    ("成 朱", "ZHU Cheng", "person"),                                   # hanzi to pinyin, order
    ("Anglo-Caribbean Co., Ltd.", "ANGLO CARIBBEAN COMPANY LIMITED", "organization"),
    ("Siemens", "Siemens Gruppe", "organization"),                     # group in another language is generic too
    ("Boeing", "The Boeing Company", "organization"),                  # English's article is no word of the name
])
def test_these_are_the_same_name(a, b, kind):
    assert score(a, b, kind) >= POSSIBLE


@pytest.mark.parametrize("a, b, kind", [
    ("Olaf Scholz", "Octavian Scholz", "person"),                      # another given name
    ("ALI SADDAM HUSSEIN AL-RAWI", "ALI SADDAM HUSSEIN AL-TIKRITI", "person"),
    ("SALMAN BIN MUHAMMAD AL-RAWI", "MUHAMMAD BIN SALMAN AL-RAWI", "person"),  # son of, swapped
    ("高石早苗", "高市早苗", "person"),                                  # homophones in kanji
    ("이재형", "이재명", "person"),
    ("Hussein", "Saddam Hussein al-Tikriti", "person"),                 # one word proves little
    ("東芝", "日立", "organization"),
])
def test_these_are_different_names(a, b, kind):
    assert score(a, b, kind) < POSSIBLE


def test_the_explanation_says_what_was_compared():
    c = compare_names(name_form("株式会社東芝", "organization"), name_form("Toshiba Corporation", "organization"))
    assert c.path == "romaji"
    assert c.aligned == (("toshiba", "toshiba", 1.0),)
    assert set(c.legal_forms) == {"株式会社", "corporation"}


def test_katakana_is_explained_as_phonetic():
    c = compare_names(name_form("ウラジーミル・プーチン", "person"), name_form("Vladimir Putin", "person"))
    assert c.path == "katakana_phonetic"
    assert {(a, b) for a, b, _ in c.aligned} == {("urajimiru", "vladimir"), ("puchin", "putin")}  # long-vowel mark dropped, passport style


def test_each_word_is_paired_so_that_the_name_as_a_whole_pairs_best():
    # a word's nearest partner may be the only partner another word has: 迈克 (Mike, heard mai-ke) is
    # nearer McCaul than Michael, yet pairing them leaves 麦考尔 (mai-kao-er) with Michael, which it is not
    from mamoru.screening.compare import align

    near = {("mike", "mccaul"): 0.9, ("mike", "michael"): 0.8, ("maikaoer", "mccaul"): 0.85}
    pairs = align(("mike", "maikaoer"), ("michael", "mccaul"), lambda x, y: near.get((x, y), 0.1))
    assert {(i, j) for i, j, _ in pairs} == {(0, 0), (1, 1)}


def _adjust(score, **kw):
    base = dict(query_type="person", entry_type="person", query_dobs=(), entry_dobs=(), query_countries=(),
                entry_countries=(), query_ids=(), entry_ids=())
    base.update(kw)
    return adjust(score, **base)


def test_another_year_of_birth_weakens_a_name_match():
    new, moves = _adjust(0.95, query_dobs=("1980-01-02",), entry_dobs=("1952-10-07",))
    assert new < POSSIBLE and moves[0].reason == "dob_other_year"


def test_the_same_date_of_birth_and_country_sharpen_it():
    new, moves = _adjust(0.85, query_dobs=("1952-10-07",), entry_dobs=("1952-10-07",),
                         query_countries=("RU",), entry_countries=("RU",))
    assert new > 0.85 and {m.reason for m in moves} == {"dob_same_day", "country_same"}


def test_facts_only_one_side_has_change_nothing():
    assert _adjust(0.85, query_dobs=("1952",)) == (0.85, ())


def test_the_same_identifier_is_a_match_whatever_the_name():
    new, _ = _adjust(0.3, query_ids=("1027700132195",), entry_ids=("1027700132195",))
    assert new >= DEFAULT_THRESHOLDS.match


def test_a_person_is_not_a_company():
    new, moves = _adjust(0.9, query_type="organization")
    assert new < 0.9 and moves[0].reason == "type_other"
