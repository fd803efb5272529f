"""An Arabic organisation name and its English translation are one body (issue 10, multi-script aliases)."""

from __future__ import annotations

import random

import pytest

from mamoru.screening.arabic_words import english_of
from mamoru.screening.compare import compare_names
from mamoru.screening.engine import Query, Screener
from mamoru.screening.entries import ListEntry
from mamoru.screening.names import name_form
from mamoru.screening.policy import DEFAULT_THRESHOLDS


def score(a: str, b: str) -> float:
    return compare_names(name_form(a, "organization"), name_form(b, "organization")).score


@pytest.mark.parametrize("arabic, english", [
    ("الجهاد الاسلامي المصري", "EGYPTIAN ISLAMIC JIHAD"),
    ("الجماعة الاسلامية المقاتلة الليبية", "LIBYAN ISLAMIC FIGHTING GROUP"),
    ("الدولة الإسلامية في العراق والشام - ليبيا", "ISLAMIC STATE IN IRAQ AND THE LEVANT - LIBYA"),
    # a name among the translated words, with its article (النصرة / AL-NUSRAH); ل "for" attached to أهل people
    ("جبهة النصرة لأهل الشام", "AL-NUSRAH FRONT FOR THE PEOPLE OF THE LEVANT"),
])
def test_an_arabic_body_name_reaches_its_english_translation(arabic, english):
    assert score(arabic, english) >= DEFAULT_THRESHOLDS.possible
    assert score(english, arabic) >= DEFAULT_THRESHOLDS.possible


def test_the_article_and_attached_words_are_taken_off():
    assert english_of("والشام") == english_of("الشام") == english_of("شام")
    assert english_of("الإسلامية") == english_of("الاسلامية") == ("islamic",)


def test_another_branch_of_the_same_body_is_not_the_same():
    # ISIL in Libya is not ISIL in Yemen: the country left over tells them apart
    query = "الدولة الإسلامية في العراق والشام - ليبيا"
    assert score(query, "ISLAMIC STATE IN IRAQ AND THE LEVANT - YEMEN") < DEFAULT_THRESHOLDS.possible
    entries = [ListEntry("yemen", "ISLAMIC STATE IN IRAQ AND THE LEVANT - YEMEN", "organization"),
               ListEntry("libya", "ISLAMIC STATE IN IRAQ AND THE LEVANT - LIBYA", "organization")]
    assert Screener.build(entries).screen(Query(query, "organization"))[0].entry.entry_id == "libya"


def test_a_person_is_not_read_by_the_words_of_body_names():
    # جهاد is also a man's name (Jihad): a person's name is compared by its letters only
    assert compare_names(name_form("جهاد المصري", "person"), name_form("EGYPTIAN JIHAD", "person")).path != "translated_ar"


def test_limited_written_in_arabic_letters_is_a_legal_form():
    # Pakistani firms write "Limited" in Urdu letters: راحت لمتد is RAHAT LTD., not a second name word
    assert name_form("راحت لمتد", "organization").legal_forms == ("لمتد",)
    assert score("راحت لمتد", "RAHAT LTD.") >= DEFAULT_THRESHOLDS.possible
    assert score("راحت لمتد", "RAHAT LTD.") > score("راحت لمتد", "RAHA TRADING LTD.")


@pytest.mark.parametrize("name, english", [
    ("شرکت فولاد خراسان", "KHORASAN STEEL COMPANY"),  # Persian: company, steel, and a region's name
    ("صنایع هواپیماسازی ایران", "IRAN AIRCRAFT INDUSTRIES"),
    ("شرکت ابزار برشی کاوه", "KAVEH CUTTING TOOLS COMPANY"),  # کاوه read as Persian reads و: v
    ("مجموعة طعمة الدولية", "TOUMEH INTERNATIONAL GROUP"),  # a family name of two consonants among known words
])
def test_persian_and_arabic_firm_names_reach_their_english_name(name, english):
    found = compare_names(name_form(name, "organization"), name_form(english, "organization"))
    assert found.score >= 0.7 and found.path == "translated_ar"


def test_a_persian_word_written_with_a_zero_width_non_joiner_is_one_word():
    assert english_of("سرمایه‌گذاری") == ("investment",)
    assert english_of("بین‌المللی") == ("international",)


def test_a_translation_is_retrieved_beside_the_names_that_transliterate_the_same_words():
    # eleventh round: Abzar Boresh Kaveh shares every sound of شرکت ابزار برشی کاوه and outweighs the
    # translation's two words (cutting, tools) fourfold; the translation gets a candidate list of its own
    translits = [ListEntry(f"t{i}", name, "organization") for i, name in enumerate((
        "Abzar Boresh Kaveh Co.", "ABZAR BORESH KAVEH CO. (BK CO.)", "TOWLID ABZAR BORESHI IRAN",
        "SHERKATE SANAYE MADANIYE KAVEH PARS", "Abzar Sazi Kaveh", "Boresh Kaveh Tehran"))]
    rng = random.Random(20261202)  # …in a list of thousands, as the real ones are
    syllables = "ba ko ri mu sa te no hi ya lu pe go zi ra fo ki".split()
    others = [ListEntry(f"o{i}", " ".join("".join(rng.choice(syllables) for _ in range(3)) for _ in range(2)),
                        "organization") for i in range(4000)]
    trades = "Alpha Beta Gamma Delta Sigma Omega Orion Vega Lyra Nova Atlas Rigel".split()  # and other cutters
    others += [ListEntry(f"c{i}", f"{w} Cutting Industries", "organization") for i, w in enumerate(trades)]
    others += [ListEntry(f"l{i}", f"{w} Tools Limited", "organization") for i, w in enumerate(trades)]
    entries = translits + others + [ListEntry("kct", "KAVEH CUTTING TOOLS COMPANY", "organization")]
    hits = Screener.build(entries).screen(Query("شرکت ابزار برشی کاوه", "organization"), 20)
    found = [h for h in hits if h.entry.entry_id == "kct"]
    assert found and found[0].score >= DEFAULT_THRESHOLDS.possible
