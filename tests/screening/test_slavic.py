"""Slavic names in the German, French, Polish and English transliterations the EU and UK lists use."""

from __future__ import annotations

import pytest

from mamoru.screening.compare import compare_names
from mamoru.screening.engine import Query, Screener
from mamoru.screening.entries import ListEntry
from mamoru.screening.names import name_form
from mamoru.screening.policy import DEFAULT_THRESHOLDS

POSSIBLE = DEFAULT_THRESHOLDS.possible


def score(a: str, b: str) -> float:
    return compare_names(name_form(a, "person"), name_form(b, "person")).score


@pytest.mark.parametrize("query, entry", [
    ("Sergej Schojgu", "SHOYGU, Sergei Kuzhugetovich"),            # German sch, j
    ("Dmitrij Medwedew", "MEDVEDEV, Dmitry Anatolyevich"),         # German w, -ij
    ("Jewgenij Prigoschin", "PRIGOZHIN, Yevgeniy Viktorovich"),    # German sch for ж
    ("Igor Setschin", "SECHIN, Igor Ivanovich"),                   # German tsch
    ("Alischer Usmanow", "USMANOV, Alisher Burhanovich"),          # German -ow
    ("MIHAJLYUK, Leonid", "MIKHAILIUK, Leonid"),                   # Czech/Polish h, j
    ("Vladimir Poutine", "PUTIN, Vladimir Vladimirovich"),         # French ou
])
def test_another_transliteration_of_a_listed_name_matches(query, entry):
    assert score(query, entry) >= POSSIBLE


@pytest.mark.parametrize("query, entry", [
    ("Maria Kowalska", "KOVALENKO, Maria"),
    ("Peter Schmidt", "SHMIDT, Pyotr"),
    ("Jan Nowak", "NOVAK, Ivan"),
])
def test_a_shared_surname_sound_alone_does_not_alert(query, entry):
    assert score(query, entry) < POSSIBLE


def test_the_german_spelling_finds_the_entry_among_others():
    screener = Screener.build([
        ListEntry("1", "SHOYGU, Sergei Kuzhugetovich", "person"),
        ListEntry("2", "SHOIGU, Sergey Viktorovich", "person"),
        ListEntry("3", "SERGEEV, Sergei", "person"),
    ])
    hits = screener.screen(Query("Sergej Kuschugetowitsch Schojgu", "person"), 3)
    assert hits and hits[0].entry.entry_id == "1"


@pytest.mark.parametrize("cyrillic, latin", [
    ("ООО «Ромашка»", "ROMASHKA LLC"),
    ("ФГУП «Алмаз»", "FGUP ALMAZ"),                  # Russian state forms as the lists transliterate them
    ("ФКУ «Упрдор Тамань»", "FKU UPRDOR TAMAN"),
    ("АНО «Диалог»", "ANO DIALOG"),
])
def test_a_cyrillic_firm_with_its_legal_form_finds_the_latin_entry(cyrillic, latin):
    c = compare_names(name_form(cyrillic, "organization"), name_form(latin, "organization"))
    assert c.score >= POSSIBLE


def test_private_joint_stock_company_is_a_legal_form_not_a_name_word():
    # Ukrainian ПрАТ in English: the word "private" must not count against the firm's name
    c = compare_names(name_form("MAKO HOLDING", "organization"),
                      name_form("PRIVATE JOINT-STOCK COMPANY MAKO HOLDING", "organization"))
    assert c.score >= POSSIBLE
