"""One party across lists (issue 10): the same person on UN, OFAC and MOF is one party."""

from __future__ import annotations

from mamoru.screening.engine import Query, Screener
from mamoru.screening.entries import Alias, ListEntry
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


def test_the_same_name_romanised_differently_with_the_same_birthday_is_one_party():
    # UN gives nationality, OFAC an address: a shared day of birth outweighs the different country
    un = ListEntry("un", "HANI AL-SAYYID AL-SEBAI YUSIF", "person", countries=("EG",), birth_dates=("1961-03-01",))
    ofac = ListEntry("ofac", "YUSUF, Hani al-Sayid Al-Sibai", "person", countries=("GB",), birth_dates=("1961-03-01",))
    assert len(set(group_parties([un, ofac]))) == 1


def test_a_long_name_spelt_a_letter_apart_with_nothing_against_it_is_one_party():
    ofac = ListEntry("ofac", "AL-NAYEF, Sa'ad Abdel-Salam", "person", birth_dates=("1959",))
    mof = ListEntry("mof", "Al-Nayef Sa’ad Abduel Salam", "person", birth_dates=("1959",))
    assert len(set(group_parties([ofac, mof]))) == 1


def test_a_rare_surname_spelt_two_ways_in_the_same_year_is_one_party():
    ofac = ListEntry("ofac", "ZHEREBTSOV, Yury", "person", countries=("UA",), birth_dates=("1969-11-19",))
    mof = ListEntry("mof", "Yuriy ZHEREBTSOV", "person", birth_dates=("1969",))
    assert len(set(group_parties([ofac, mof]))) == 1


def test_common_names_that_sound_alike_need_more_than_a_year():
    # two different men on the lists: Mustafa Muhammad and Mohammed Mustafa, both born in 1976
    a = ListEntry("a", "Mustafa Muhammad", "person", countries=("PK",), birth_dates=("1976",))
    b = ListEntry("b", "MOHAMMED, Mustafa", "person", birth_dates=("1976-06-23",))
    others = [ListEntry(f"o{i}", f"Mustafa Muhammad {s}", "person") for i, s in enumerate(("Hamza", "Khan", "Ali", "Said"))]
    assert len(set(group_parties([a, b, *others]))) == 6


def test_names_that_sound_alike_stay_apart_when_the_facts_differ():
    a = ListEntry("a", "Yuriy ZHEREBTSOV", "person", birth_dates=("1969",))
    b = ListEntry("b", "ZHEREBTSOV, Yury", "person", birth_dates=("1972-01-01",))
    c = ListEntry("c", "ZHEREBTSOV, Yury", "organization")
    assert len(set(group_parties([a, b, c]))) == 3


def test_a_name_without_its_patronymic_and_the_same_birthday_is_one_party():
    ofac = ListEntry("ofac", "PAVLENKO, Vladimir Nikolaevich", "person", countries=("UA",), birth_dates=("1962-04-14",))
    mof = ListEntry("mof", "Vladimir PAVLENKO", "person", birth_dates=("1962-04-14",))
    assert len(set(group_parties([ofac, mof]))) == 1


def test_other_patronymics_are_other_people():
    a = ListEntry("a", "IVANOV, Sergei Borisovich", "person")
    b = ListEntry("b", "Sergei Sergeevich Ivanov", "person")
    assert len(set(group_parties([a, b]))) == 2


def test_the_same_rare_name_with_its_year_outweighs_an_address_in_another_country():
    un = ListEntry("un", "LEODOMIR MUGARAGU", "person", countries=("RW",), birth_dates=("1954", "1953"))
    ofac = ListEntry("ofac", "MUGARAGU, Leodomir", "person", countries=("CD",), birth_dates=("1954",))
    assert len(set(group_parties([un, ofac]))) == 1


def test_a_long_name_with_its_year_outweighs_an_address_in_another_country():
    un = ListEntry("un", "IYAD NAZMI SALIH KHALIL", "person", countries=("JO",), birth_dates=("1974",))
    ofac = ListEntry("ofac", "KHALIL, Iyad Nazmi Salih", "person", countries=("SY",), birth_dates=("1974-01-01",))
    assert len(set(group_parties([un, ofac]))) == 1


def test_titles_do_not_make_a_name_long():
    # two words and two titles, none of them rare: different countries still keep them apart
    a = ListEntry("a", "Sheikh Qari Ayub Bashar", "person", countries=("UZ",), birth_dates=("1966",))
    b = ListEntry("b", "BASHAR, Sheikh Qari Ayub", "person", countries=("PK",), birth_dates=("1966",))
    others = [ListEntry(f"o{i}", f"{n} {s}", "person") for i, (n, s) in enumerate(
        (n, s) for n in ("Bashar", "Ayub") for s in ("Hamza", "Khan", "Ali", "Said"))]
    assert len(set(group_parties([a, b, *others]))) == 10


def test_an_acronym_in_brackets_or_after_a_slash_does_not_keep_one_group_apart():
    un = ListEntry("un", "AL-ITIHAAD AL-ISLAMIYA / AIAI", "organization", programmes=("Al-Qaida", "QDe.002"))
    ofac = ListEntry("ofac", "AL-ITIHAAD AL-ISLAMIYA", "organization", programmes=("SDGT",))
    un2 = ListEntry("un2", "THE ARMY OF EMIGRANTS AND SUPPORTERS", "organization", countries=("SY",),
                    aliases=(Alias("Jaysh al-Muhajirin wal-Ansar (JAMWA)"),))
    ofac2 = ListEntry("ofac2", "JAISH AL-MUHAJIREEN WAL-ANSAR", "organization", countries=("SY",),
                      aliases=(Alias("JAYSH AL-MUHAJIRIN WAL-ANSAR"),))
    parties = group_parties([un, ofac, un2, ofac2])
    assert parties[0] == parties[1] and parties[2] == parties[3] and parties[0] != parties[2]


def test_branches_named_by_their_country_in_brackets_stay_apart():
    pk = ListEntry("un-pk", "AL-HARAMAIN FOUNDATION (PAKISTAN)", "organization", countries=("PK",))
    ke = ListEntry("un-ke", "AL-HARAMAYN FOUNDATION (KENYA)", "organization", countries=("KE",))
    ofac = ListEntry("ofac-pk", "AL-HARAMAIN : PAKISTAN BRANCH", "organization", countries=("PK",),
                     aliases=(Alias("AL-HARAMAIN FOUNDATION"),))
    parties = group_parties([pk, ke, ofac])
    assert parties[0] == parties[2] != parties[1]


def test_a_reference_to_another_un_entry_in_brackets_is_not_the_same_name():
    ands = ListEntry("un", "ACADEMY OF NATIONAL DEFENSE SCIENCE", "organization", countries=("KP",),
                     aliases=(Alias("SECOND ACADEMY OF NATURAL SCIENCES (KPE.018)"),))
    second = ListEntry("ofac", "SECOND ACADEMY OF NATURAL SCIENCES", "organization", countries=("KP",))
    assert len(set(group_parties([ands, second]))) == 2


def test_the_same_passport_number_written_two_ways_with_the_same_birthday_is_one_party():
    un = ListEntry("un", "TARAK BEN TAHER BEN FALEH OUNI HARZI", "person", countries=("TN",),
                   birth_dates=("1982-05-03",), identifiers=("Z050399",))
    ofac = ListEntry("ofac", "AL-HARZI, Tariq Bin-Al-Tahar Bin Al Falih Al-'Awni", "person",
                     birth_dates=("1982-05-03",), identifiers=("Z-050399",))
    assert len(set(group_parties([un, ofac]))) == 1


def test_a_shared_number_with_only_a_common_word_in_common_stays_apart():
    firms = [ListEntry(f"f{i}", f"{w} INTERNACIONAL SAS", "organization", countries=("CO",))
             for i, w in enumerate(["ALFA", "BETA", "GAMMA", "DELTA", "OMEGA"])]
    a = ListEntry("a", "INTERNACIONAL MONEY SERVICIO LTDA.", "organization", countries=("CO",),
                  identifiers=("8301427473", "9003766996"))
    b = ListEntry("b", "EL KAIRO INTERNACIONAL SAS", "organization", countries=("CO",), identifiers=("900376699-6",))
    parties = group_parties([*firms, a, b])
    assert parties[-1] != parties[-2]


def test_three_words_alike_under_the_regime_both_lists_name_are_one_party():
    un = ListEntry("un_sc:1", "Rashid Taan Kathim", "person", countries=("IQ",), programmes=("Iraq", "IQi.049"))
    ofac = ListEntry("us_ofac_sdn:2", "KAZIM, Rashid Taan", "person", programmes=("IRAQ2",))
    elsewhere = ListEntry("us_ofac_sdn:2", "KAZIM, Rashid Taan", "person", programmes=("SDGT",))
    assert len(set(group_parties([un, ofac]))) == 1
    assert len(set(group_parties([un, elsewhere]))) == 2


def test_one_list_naming_one_regime_for_two_entries_says_nothing():
    a = ListEntry("us_ofac_sdn:1", "KAZIM, Rashid Taan", "person", programmes=("IRAQ2",))
    b = ListEntry("us_ofac_sdn:2", "KATHIM, Rashid Taan", "person", programmes=("IRAQ2",))
    assert len(set(group_parties([a, b]))) == 2


def test_one_body_spelt_a_little_apart_on_two_lists_is_one_party():
    un = ListEntry("un_sc:1", "JAMA'A NUSRAT UL-ISLAM WA AL-MUSLIMIN (JNIM)", "organization")
    ofac = ListEntry("us_ofac_sdn:2", "JAMA'AT NUSRAT AL-ISLAM WAL-MUSLIMIN", "organization")
    assert len(set(group_parties([un, ofac]))) == 1


def test_bodies_alike_but_not_the_same_stay_apart():
    # one list listing two similar names apart meant them apart; two words by sound are too few;
    # a name that cites another entry's UN reference names that entry, not itself
    same_list = [ListEntry("us_ofac_sdn:1", "KOREA SAMJONG SHIPPING", "organization"),
                 ListEntry("us_ofac_sdn:2", "KOREA SAMJONG SHIPPING CO", "organization")]
    short = [ListEntry("un_sc:3", "AL-AQSA FOUNDATION", "organization"),
             ListEntry("us_ofac_sdn:4", "AL-AQSA FOUNDATIONS", "organization")]
    cites = [ListEntry("un_sc:5", "ACADEMY OF NATIONAL DEFENSE SCIENCE", "organization",
                       aliases=(Alias("SECOND ACADEMY OF NATURAL SCIENCES (KPE.018)"),)),
             ListEntry("us_ofac_sdn:6", "SECOND ACADEMY OF NATURAL SCIENCES", "organization")]
    for pair in (same_list, short, cites):
        assert len(set(group_parties(pair))) == 2


def test_a_body_listed_with_and_without_its_legal_form_on_two_lists_is_one_party():
    un = ListEntry("un_sc:1", "IRANO HIND SHIPPING COMPANY", "organization", countries=("IR",))
    ofac = ListEntry("us_ofac_sdn:2", "IRANO HIND SHIPPING COMPANY LTD", "organization", countries=("IR",))
    meti = ListEntry("jp_meti_eul:3", "Andisheh Zolal Co.", "organization", countries=("IR",))
    ofac_az = ListEntry("us_ofac_sdn:4", "ANDISHEH ZOLAL", "organization", countries=("IR",))
    parties = group_parties([un, ofac, meti, ofac_az])
    assert parties[0] == parties[1] and parties[2] == parties[3] and parties[0] != parties[2]


def test_one_list_naming_two_bodies_apart_by_their_legal_forms_keeps_them_apart():
    # OFAC lists the Peruvian airline and its US company as two entries: so they are two parties
    a = ListEntry("us_ofac_sdn:1", "AERO CONTINENTE S.A.", "organization", countries=("PE",))
    b = ListEntry("us_ofac_sdn:2", "AERO CONTINENTE (USA) INC.", "organization", countries=("PE",))
    c = ListEntry("jp_meti_eul:3", "Aero Continente", "organization", countries=("PE",))
    assert len(set(group_parties([a, b, c]))) == 3


def test_an_exclusive_name_with_years_a_little_apart_is_one_party_whatever_the_countries():
    # the UN gives nationality, OFAC an address; lists disagree on a year of birth by one or two
    un = ListEntry("un_sc:1", "Yasin Ali Baynah", "person", countries=("SO",), birth_dates=("1965-12-24",))
    ofac = ListEntry("us_ofac_sdn:2", "BAYNAH, Yasin Ali", "person", countries=("SE",), birth_dates=("1966",))
    un_gul = ListEntry("un_sc:3", "BAKHT GUL", "person", countries=("AF",), birth_dates=("1980",))
    ofac_gul = ListEntry("us_ofac_sdn:4", "GUL, Bakht", "person", countries=("PK",), birth_dates=("1980",))
    parties = group_parties([un, ofac, un_gul, ofac_gul])
    assert parties[0] == parties[1] and parties[2] == parties[3]


def test_a_published_span_of_years_counts_every_year_in_it():
    un = ListEntry("un_sc:1", "TOREK AGHA", "person", birth_dates=("1960", "1962"))
    ofac = ListEntry("us_ofac_sdn:2", "AGHA, Torek", "person", countries=("PK",), birth_dates=("1955-01-01", "1966-12-31"))
    assert len(set(group_parties([un, ofac]))) == 1


def test_common_two_word_names_years_apart_stay_apart():
    # "Abd Al-Hadi" is one of a man's aliases; OFAC's HADI, Abdul born two years later is somebody else
    un = ListEntry("un_sc:1", "GUN GUN RUSMAN GUNAWAN", "person", birth_dates=("1977-07-06",),
                   aliases=(Alias("Abd Al-Hadi", "Latin", "aka"),))
    ofac = ListEntry("us_ofac_sdn:2", "HADI, Abdul", "person", birth_dates=("1979-10-01",))
    others = [ListEntry(f"o{i}", f"HADI, {g}", "person") for i, g in enumerate(("Ali", "Omar", "Said", "Karim", "Samir"))]
    far = ListEntry("us_ofac_sdn:9", "BAKHT GUL", "person", birth_dates=("1990",))
    near = ListEntry("un_sc:8", "BAKHT GUL", "person", birth_dates=("1980",))
    parties = group_parties([un, ofac, *others, far, near])
    assert parties[0] != parties[1] and parties[-1] != parties[-2]


def test_one_body_named_in_two_languages_with_the_same_acronym_is_one_party():
    # the UN writes the acronym after the French name, OFAC gives it as a weak alias in its remarks
    un = ListEntry("un_sc:1", "MOUVEMENT POUR L'UNIFICATION ET LE JIHAD EN AFRIQUE DE L'OUEST (MUJAO)",
                   "organization", countries=("ML", "DZ"))
    ofac = ListEntry("us_ofac_sdn:2", "MOVEMENT FOR UNITY AND JIHAD IN WEST AFRICA", "organization",
                     countries=("ML",), remarks="a.k.a. 'MUJWA'; a.k.a. 'MUJAO'; a.k.a. 'TWJWA'.")
    assert len(set(group_parties([un, ofac]))) == 1


def test_an_acronym_inside_a_name_names_its_parent_not_the_body():
    meti = ListEntry("jp_meti_eul:1", "Beijing Aeronautical Manufacturing Technology Research Institute", "organization",
                     aliases=(Alias("Aviation Industry Corporation of China's (AVIC) Institute 625"),))
    ofac = ListEntry("us_ofac_cons:2", "AVIATION INDUSTRY CORPORATION OF CHINA, LTD.", "organization",
                     remarks="a.k.a. 'AVIC'.")
    assert len(set(group_parties([meti, ofac]))) == 2


def test_an_acronym_in_full_width_brackets_does_not_keep_one_body_apart():
    meti = ListEntry("jp_meti_eul:1", "Federal Security Service（FSB）", "organization", countries=("RU",))
    ofac = ListEntry("us_ofac_sdn:2", "FEDERAL SECURITY SERVICE", "organization", countries=("RU",))
    assert len(set(group_parties([meti, ofac]))) == 1
