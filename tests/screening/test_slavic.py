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


@pytest.mark.parametrize("query, entry", [
    ("NAUMOV, Vladimir Vladimirovich", "NAUMAU, Uladzimir Uladzimiravich"),  # Belarusian u for v, dz, -au
    ("Sergei Ivanov", "Siarhei Ivanou"),                                   # Belarusian ia for e, h for g
    ("GUBAREV, Pavel", "HUBARYEV, Pavlo"),                                 # Ukrainian h for g, ye
    ("Konstantin Petrov", "Kanstantsin Pyatrou"),
])
def test_the_belarusian_or_ukrainian_form_of_a_russian_name_matches(query, entry):
    assert score(query, entry) >= POSSIBLE
    assert score(entry, query) >= POSSIBLE


def test_the_belarusian_form_is_found_among_other_vladimirs():
    others = [ListEntry(f"v{i}", f"{s}, Vladimir Vladimirovich", "person") for i, s in enumerate(
        ["NEMTSEV", "NOVIKOV", "NAZAROV", "NIKOLAEV", "NESTEROV", "NIKITIN", "NOSOV", "NAUMENKO", "NABOKOV",
         "ORLOV", "PETROV", "SIDOROV", "SMIRNOV", "VOLKOV", "ZAITSEV", "POPOV", "LEBEDEV", "KOZLOV", "MOROZOV",
         "SOKOLOV", "PAVLOV", "SEMENOV", "GOLUBEV", "VINOGRADOV", "BOGDANOV", "VOROBYOV", "FEDOROV", "MIKHAILOV",
         "BELYAEV", "TARASOV", "BELOV", "KOMAROV", "ORLOV", "KISELEV", "MAKAROV", "ANDREEV", "KOVALEV", "ILYIN"])]
    screener = Screener.build(others + [ListEntry("by", "NAUMAU, Uladzimir Uladzimiravich", "person")])
    assert screener.screen(Query("Vladimir Vladimirovich NAUMOV", "person"), 3)[0].entry.entry_id == "by"


@pytest.mark.parametrize("a, b", [("Omar Hassan", "Amar Hassan"), ("Maria Lopez", "Mare Lopez")])
def test_names_without_a_belarusian_or_ukrainian_mark_are_not_folded_together(a, b):
    from mamoru.screening.translit import same_east_slavic_name

    assert not same_east_slavic_name(a.split()[0].lower(), b.split()[0].lower())


@pytest.mark.parametrize("short, full", [
    ("FSB", "FEDERALNAYA SLUZHBA BEZOPASNOSTI"),
    ("OOO 'DSK'", "OOO 'DOROZHNAYA STROITELNAYA KOMPANIYA'"),  # OOO is the legal form, not an initial
    ("B.O.T.H.", "BELARUSIAN OIL TRADING HOUSE"),
])
def test_an_acronym_finds_the_body_whose_initials_it_is_without_alerting(short, full):
    others = [ListEntry(f"o{i}", f"{w} STROITELNAYA KOMPANIYA", "organization") for i, w in enumerate(
        "ALFA BETA VEGA DELTA GAMMA SIGMA OMEGA ZETA KAPPA LAMBDA TITAN ATLAS OLIMP VOSTOK ZAPAD SEVER YUG "
        "URAL SIBIR VOLGA DON NEVA AMUR ANGARA BAIKAL ALTAI KAVKAZ KRYM TAIGA TUNDRA STEP LES POLE".split())]
    others += [ListEntry("fsue", "FSUE SRPE BAZALT", "organization")]  # F-S-B only through two kinds of body
    for query, listed in ((short, full), (full, short)):
        hits = Screener.build(others + [ListEntry("it", listed, "organization")]).screen(Query(query, "organization"))
        assert hits[0].entry.entry_id == "it"
        assert hits[0].score < POSSIBLE  # initials alone never alert


@pytest.mark.parametrize("word, marked", [("uladzimir", True), ("siarhei", True), ("ivanou", True), ("tatsiana", True),
                                          ("ahmadzai", False), ("john", False), ("roberts", False)])
def test_only_belarusian_marks_look_a_name_up_by_its_russian_form(word, marked):
    # Pashto -dzai and English h are no Belarusian spelling: their names keep their own keys only
    from mamoru.screening.translit import east_slavic_marked

    assert east_slavic_marked(word) is marked
