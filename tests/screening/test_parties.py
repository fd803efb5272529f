"""One party across lists (issue 10): the same person on UN, OFAC and MOF is one party."""

from __future__ import annotations

from mamoru.screening.engine import Query, Screener
from mamoru.screening.entries import ListEntry
from mamoru.screening.parties import group_parties


def test_entries_sharing_a_un_reference_are_one_party():
    un = ListEntry("6908048", "MOHAMMAD HASSAN AKHUND", "person", programmes=("Al-Qaida", "TAi.002"))
    other = ListEntry("x1", "Mullah Mohammad Hassan", "person", identifiers=("TAi.002",))
    assert len(set(group_parties([un, other]))) == 1


def test_identical_names_with_compatible_facts_are_one_party():
    a = ListEntry("un1", "ALI MAYCHOU", "person", countries=("MA",), birth_dates=("1983-05-25",))
    b = ListEntry("mof1", "Maychou Ali", "person", birth_dates=("1983",))
    assert len(set(group_parties([a, b]))) == 1


def test_namesakes_born_in_other_years_stay_apart():
    a = ListEntry("a", "ALI MAYCHOU", "person", birth_dates=("1983",))
    b = ListEntry("b", "ALI MAYCHOU", "person", birth_dates=("1961",))
    c = ListEntry("c", "ALI MAYCHOU", "organization")
    assert len(set(group_parties([a, b, c]))) == 3


def test_a_hit_shows_every_list_membership_of_its_party():
    un = ListEntry("un1", "ALI MAYCHOU", "person", birth_dates=("1983",), programmes=("QDi.999",))
    mof = ListEntry("mof1", "ALI MAYCHOU", "person", birth_dates=("1983-05-25",), programmes=("jp_mof",))
    screener = Screener.build([un, mof, ListEntry("z", "ZHANG Wei", "person")])
    hit = screener.screen(Query("アリ・マイチョウ", "person"))[0]
    assert {m["entry_id"] for m in hit.explanation()["memberships"]} == {"un1", "mof1"}
