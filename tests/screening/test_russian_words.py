"""A Russian firm's transliterated name and its English translation are one firm (issue 10, EU/UK-style aliases)."""

from __future__ import annotations

import pytest

from mamoru.screening.compare import compare_names
from mamoru.screening.engine import Query, Screener
from mamoru.screening.entries import ListEntry
from mamoru.screening.names import name_form
from mamoru.screening.policy import DEFAULT_THRESHOLDS
from mamoru.screening.russian_words import english_of


def score(a: str, b: str) -> float:
    return compare_names(name_form(a, "organization"), name_form(b, "organization")).score


@pytest.mark.parametrize("russian, english", [
    ("MYTISHCHINSKI MASHINOSTROITELNY ZAVOD, OAO", "JSC MYTISHCHINSKI MACHINE-BUILDING PLANT"),
    ("UGOLNYE TEKHNOLOGII, OOO", "COAL TECHNOLOGIES"),
    ("BANK 'TSENTR MEZHDUNARODNYKH RASCHETOV' OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU",
     "BANK 'CENTER FOR INTERNATIONAL SETTLEMENTS' LLC"),
    # loanwords Russian firms are named with (alliance, leasing) and the vocabulary of trade and industry
    ("KOMPANIYA ZAPADNY ALYANS, OOO", "WESTERN ALLIANCE COMPANY LLC"),
    ("SEVERNY LIZING, AO", "NORTHERN LEASING JSC"),
    ("TSENTR TSIFROVOI SVYAZI", "DIGITAL COMMUNICATIONS CENTER"),
    ("SEVERNY MOST, OOO", "NORTHERN BRIDGE LLC"),
])
def test_a_transliterated_russian_firm_name_reaches_its_english_translation(russian, english):
    assert score(russian, english) >= DEFAULT_THRESHOLDS.possible
    assert score(english, russian) >= DEFAULT_THRESHOLDS.possible  # either may be the query


def test_case_endings_and_transliteration_systems_are_one_word():
    assert english_of("zavoda") == english_of("zavod") == ("plant", "factory", "works")
    assert english_of("ogranichennoy") == english_of("ogranichennoi")
    assert english_of("domodedovo") == ()  # a place name is not a word of the table
    assert english_of("stalin") == english_of("zolotov") == ()  # nor a name that begins like a word


def test_one_shared_generic_word_is_not_a_match():
    # ZAVOD is PLANT, but the firms' own names differ
    assert score("VOLGOGRADSKI ZAVOD", "KAZAN PLANT") < 0.5


def test_the_english_name_finds_the_russian_one_among_many():
    others = [ListEntry(f"t{i}", f"{w} TECHNOLOGIES", "organization") for i, w in
              enumerate(["ADVANCED", "BASIC", "CENTRAL", "DIGITAL", "EASTERN", "GLOBAL", "HYBRID", "IRON"] * 5)]
    coal = ListEntry("coal", "UGOLNYE TEKHNOLOGII, OOO", "organization")
    hits = Screener.build(others + [coal]).screen(Query("COAL TECHNOLOGIES", "organization"))
    assert hits[0].entry.entry_id == "coal"
    assert hits[0].comparison.path == "translated_ru"
