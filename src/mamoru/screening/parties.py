"""One party across lists: the same person or company listed by the UN, OFAC and Japan's MOF.

Entries are grouped when they share a UN reference number (QDi.123, KPe.045 …),
or when one of their names is the same after folding (word order ignored) and
nothing they publish contradicts it: same kind of entity, a shared year of birth
when both give one, a shared country when both give one. A single word or a
name shared by more than ``MAX_NAMESAKES`` entries is never enough on its own
(ZHANG Wei is many people).

Lists romanise the same Arabic or Russian name differently (Yury / Yuriy,
al-Sayid / al-Sayyid, Sebai / Sibai, Yusuf / Yusif), so two persons' names that
have the same words *by sound* (consonant skeletons, particles such as al- set
aside) are also one party, but only with corroboration: the same full date of
birth, or the same year and the same country, or two long names that differ by a
letter or two and publish nothing that contradicts. A full date of birth shared
outweighs different countries: OFAC gives addresses where the UN gives
nationality (the UN's Egyptian living in London).

A name is also compared without what it adds in brackets and each side of a
slash (the UN's "AL-ITIHAAD AL-ISLAMIYA / AIAI" is OFAC's "AL-ITIHAAD AL-ISLAMIYA"
with the alias "AIAI"). Entries carrying the same document or registration number
(Z050399 = Z-050399) are one party when nothing contradicts and their names share a
rare word by sound (or any word, with the same day of birth). Persons with three
words by sound are one party, without dates, when two lists name the same regime
for them (the UN's "Iraq", OFAC's IRAQ2: Rashid Taan Kathim / KAZIM, Rashid Taan).

Organisations on two lists whose names of three words or more by sound differ by a letter or
two (≥ 0.95) are one party too (JAMA'A / JAMA'AT NUSRAT AL-ISLAM ...).
The screener counts a hit on any member as a hit on the party and shows every
membership.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import replace
from typing import Sequence

from mamoru.screening.compare import _PATRONYMIC_ENDINGS, score_tokens
from mamoru.screening.entries import ListEntry
from mamoru.screening.legal_forms import split_legal_form
from mamoru.screening.text import fold
from mamoru.screening.translit import latin, skeleton

UN_REFERENCE = re.compile(r"^[A-Z]{2}[ie]\.\d{3}$")
_BRACKETS = re.compile(r"\((?![A-Za-z]{2}[ieIE]\.\d{3}\))[^()]*\)")  # not "(KPE.018)": that names another entry
_ID_TOKEN = re.compile(r"[A-Z0-9][A-Z0-9./-]*[A-Z0-9]")
ID_MIN_CHARS = 6  # a shorter number is shared by chance
MAX_ID_HOLDERS = 3  # a number on more entries is a common one (a shared registry, a placeholder)
MAX_NAMESAKES = 8  # a name on more entries than this is a common name, not one party
# particles that one list writes and another drops (AL-NAYEF / Nayef)
_PARTICLES = frozenset("al el ul ad ar as ash at az an bin ibn ben bint de del la le van von da di do dos das du "
                       "wa wal".split())  # wa, wal-: "and", "and the" (WA AL-MUSLIMIN / WAL-MUSLIMIN)
_TITLES = frozenset("sheikh shaykh shaikh alhaj alhajj haji hajji qari mullah mulla maulavi maulvi mawlawi molvi mufti "
                    "dr general colonel".split())  # not words of the name when counting them
SOUND_MIN_LETTERS = 10  # a shorter name sounds like too many others (Ali Hasan)
SOUND_SIMILAR = 0.8  # spelling similarity two names of the same sound must still reach
RARE_WORD_ENTRIES = 4  # a word of this sound in at most this many persons' names is rare
SOUND_VERY_SIMILAR = 0.9  # … and without a shared date and country ("long and highly similar")
LONG_NAME_WORDS = 4  # a name of four words and more (particles aside) is all but unique with its year


def un_references(entry: ListEntry) -> set[str]:
    """UN Security Council reference numbers the entry carries (programmes or identifiers)."""
    return {p.strip() for p in (*entry.programmes, *entry.identifiers) if UN_REFERENCE.match(p.strip())}


def _name_forms(text: str) -> set[str]:
    """The name as written, without what it adds in brackets, and each side of a slash: the UN writes
    "AL-ITIHAAD AL-ISLAMIYA / AIAI" and "Jaysh al-Muhajirin wal-Ansar (JAMWA)" where OFAC lists the
    name and the acronym apart, and OFAC "MAKHTAB AL-KHIDAMAT/AL KIFAH" where the UN has the first."""
    text = unicodedata.normalize("NFKC", text)  # METI writes full-width brackets: Federal Security Service（FSB）
    bare = " ".join(_BRACKETS.sub(" ", text).split())
    return {text, bare, *(part.strip() for part in _SLASH.split(bare))} - {""}


_SLASH = re.compile(r"\s*/\s*")


def _without_legal_form(text: str) -> str:
    """An organisation's name without its legal form: the UN's "IRANO HIND SHIPPING COMPANY" is
    OFAC's "IRANO HIND SHIPPING COMPANY LTD", METI's "Andisheh Zolal Co." OFAC's "ANDISHEH ZOLAL".
    Only across lists: within one, the forms tell group members apart (AERO CONTINENTE S.A / INC.)."""
    return split_legal_form(fold(text))[0]


def identifier_keys(entry: ListEntry) -> set[str]:
    """Document and registration numbers, letters and digits only: the UN's "Z050399" or "national
    identity card number 44103-5251752-5" is OFAC's "Z-050399" or "44103-5251752-5"."""
    keys = set()
    for text in entry.identifiers:
        for token in _ID_TOKEN.findall(text.upper()):
            key = "".join(ch for ch in token if ch.isalnum())
            if len(key) >= ID_MIN_CHARS and any(ch.isdigit() for ch in key) and not UN_REFERENCE.match(token):
                keys.add(key)
    return keys


def _name_key(text: str) -> str:
    words = sorted(fold(text).split())
    return " ".join(words) if len(words) >= 2 else ""


def _words(text: str) -> list[str]:
    return [w for w in fold(latin(text) if not text.isascii() else text).split() if w.isalpha()]


def _sound_words(text: str) -> tuple[str, ...]:
    """A Latin-script name's words without particles and patronymics, in Latin letters (Cyrillic
    read through): MOF writes "Vladimir PAVLENKO" where OFAC has "PAVLENKO, Vladimir Nikolaevich"."""
    return tuple(w for w in _words(text) if w not in _PARTICLES and not w.endswith(_PATRONYMIC_ENDINGS))


def _patronymics(text: str) -> set[str]:
    return {skeleton(w) for w in _words(text) if w.endswith(_PATRONYMIC_ENDINGS)}


def _sound_key(text: str) -> str:
    """The name's words by sound, order ignored: yury zherebtsov and yuriy zherebtsov alike."""
    if not (text.isascii() or _alphabetic(text)):
        return ""
    words = _sound_words(text)
    if len(words) < 2 or sum(map(len, words)) < SOUND_MIN_LETTERS:
        return ""
    skeletons = [skeleton(w) for w in words]
    sounds = sum(map(len, skeletons))
    if sounds < 4 or sounds == 4 and max(map(len, skeletons)) < 3:
        return ""  # too few sounds to tell people apart (Ali Abu)
    return " ".join(sorted(skeletons))


def _alphabetic(text: str) -> bool:
    """Latin or Cyrillic letters: scripts whose romanisation keeps the vowels."""
    return all(ch.isascii() or "\u00c0" <= ch <= "\u04ff" or not ch.isalpha() for ch in text)


def _years(entry: ListEntry) -> set[str]:
    return {d[:4] for d in entry.birth_dates if len(d) >= 4 and d[:4].isdigit()}


def _full_dates(entry: ListEntry) -> set[str]:
    return {d[:10] for d in entry.birth_dates if len(d) >= 10 and d[:4].isdigit()}


def compatible(a: ListEntry, b: ListEntry) -> bool:
    """Nothing published about the two entries says they are different parties."""
    kinds = {a.entity_type, b.entity_type} - {"unknown"}
    if len(kinds) > 1:
        return False
    ya, yb = _years(a), _years(b)
    if ya and yb and not ya & yb:
        return False
    if _full_dates(a) & _full_dates(b):
        return True  # the same day of birth: countries may be an address on one list, nationality on the other
    ca, cb = set(a.countries), set(b.countries)
    if ca and cb and not ca & cb:
        return False
    return True


_GENERIC_PARTS = frozenset("abd abdul abdel abu umm".split())  # Abd Al-Hadi is two words: "Abd" is a part of Hadi
NEAR_YEARS = 2  # lists disagree on a year of birth by a year or two (Yasin Ali Baynah: 1965-12-24 / 1966)


def _year_span(entry: ListEntry) -> set[int]:
    """Years of birth, with the years between the two ends of a published span (OFAC's "1964 to
    1966" arrives as 1964-01-01 and 1966-12-31)."""
    years = {int(y) for y in _years(entry)}
    starts = {int(d[:4]) for d in entry.birth_dates if d[4:10] == "-01-01"}
    ends = {int(d[:4]) for d in entry.birth_dates if d[4:10] == "-12-31"}
    if len(starts) == 1 and len(ends) == 1 and min(starts) < max(ends):
        years |= set(range(min(starts), max(ends) + 1))
    return years


def _years_near(a: ListEntry, b: ListEntry, key: str, rare) -> bool:
    """The only two entries on any list with this very name, on two lists, whose years of birth are
    within ``NEAR_YEARS``: one person, whatever the countries say (the UN gives nationality, OFAC an
    address: BAKHT GUL, Afghanistan / Pakistan, both born 1980). A name of two words needs a rare
    word: two Abdul Hadis born two years apart are two men."""
    if a.entity_type != "person" or b.entity_type != "person" or _list_of(a) == _list_of(b):
        return False
    words = [w for w in key.split() if w not in _PARTICLES and w not in _TITLES and w not in _GENERIC_PARTS]
    if len(words) < 3 and not any(rare(w) for w in words):
        return False
    ya, yb = _year_span(a), _year_span(b)
    return any(abs(x - y) <= NEAR_YEARS for x in ya for y in yb)


def _list_of(entry: ListEntry) -> str:
    """The list an entry comes from, by its id's prefix (un_sc, us_ofac_sdn, jp_meti_eul …)."""
    return entry.entry_id.split(":")[0]


def _regimes(entry: ListEntry) -> set[str]:
    return {re.sub(r"[^a-z]", "", p.lower()) for p in entry.programmes} - {""}


def same_regime(a: ListEntry, b: ListEntry) -> bool:
    """Two lists name the same sanctions regime for them: the UN's "Iraq" is OFAC's IRAQ2, "Libya"
    LIBYA2 (OFAC's SDGT names none of the UN's). Within one list it says nothing: that list chose
    to list them apart."""
    return _list_of(a) != _list_of(b) and bool(_regimes(a) & _regimes(b))


def _sound_similarity(x: str, y: str) -> float:
    return score_tokens(_sound_words(x), _sound_words(y))[0]


def same_by_sound(a: ListEntry, b: ListEntry, name_a: str, name_b: str, rare=lambda key: True) -> bool:
    """Two persons whose names sound alike are one party only with corroboration and no contradiction.

    Without the same full date of birth, a name of two words must have a rare word
    (Mustafa Muhammad born in 1976 is two people on the lists).
    """
    if a.entity_type != "person" or b.entity_type != "person":
        return False
    pa, pb = _patronymics(name_a), _patronymics(name_b)
    if pa and pb and not pa & pb:
        return False  # Sergei Sergeevich is not Sergei Borisovich
    same_year = _years(a) & _years(b)
    long_name = sum(w not in _TITLES for w in _sound_words(name_a)) >= LONG_NAME_WORDS
    # four words, or the very same words with a rare one (PETER CHERIF), and the year agree:
    # different countries are then an address and a nationality (OFAC: Yemen, UN: France)
    distinctive = long_name or _name_key(name_a) == _name_key(name_b) and rare(_sound_key(name_a))
    if not compatible(a, b) and not (distinctive and same_year and compatible(a, replace(b, countries=()))):
        return False
    similarity = _sound_similarity(name_a, name_b)
    if similarity < SOUND_SIMILAR:
        return False
    if _full_dates(a) & _full_dates(b):
        return True
    if len(_sound_words(name_a)) < 3 and not rare(_sound_key(name_a)):
        return False
    if same_year and (distinctive or set(a.countries) & set(b.countries)):
        return True
    if len(_sound_words(name_a)) >= 3 and same_regime(a, b):  # three words by sound and the regime
        return True
    return similarity >= SOUND_VERY_SIMILAR


def _name_sounds(entry: ListEntry) -> set[str]:
    return {skeleton(w) for text, _ in entry.names() for w in _sound_words(text) if len(w) >= 3} - {""}


def _same_holder(a: ListEntry, b: ListEntry, entries_with: dict[str, int]) -> bool:
    """Two entries with the same document or registration number are one party when nothing they
    publish contradicts it and their names share a word by sound: a rare word, or any word with the
    same day of birth. Colombia's tax number 900376699-6 is on two OFAC companies whose only common
    word is "Internacional": an old and a new firm, perhaps, but not the same name."""
    if not compatible(a, b):
        return False
    shared = _name_sounds(a) & _name_sounds(b)
    if _full_dates(a) & _full_dates(b):
        return bool(shared)
    return any(entries_with[s] <= RARE_WORD_ENTRIES for s in shared)


def group_parties(entries: Sequence[ListEntry]) -> list[int]:
    """Party number of every entry: the lowest-numbered member's position (stable, deterministic)."""
    parent = list(range(len(entries)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: int, y: int) -> None:
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)

    by_ref: dict[str, list[int]] = defaultdict(list)
    by_name: dict[str, list[int]] = defaultdict(list)
    by_sound: dict[str, dict[int, str]] = defaultdict(dict)
    by_id: dict[str, list[int]] = defaultdict(list)
    by_bare_name: dict[str, list[int]] = defaultdict(list)  # organisations' names without legal forms
    person_word_entries: dict[str, int] = defaultdict(int)
    for i, entry in enumerate(entries):
        for ref in un_references(entry):
            by_ref[ref].append(i)
        texts = [text for text, _ in entry.names()]
        keys = {_name_key(form) for text in texts for form in _name_forms(text)} - {""}
        for key in keys:
            by_name[key].append(i)
        if entry.entity_type == "organization":
            for key in {_name_key(_without_legal_form(form)) for text in texts for form in _name_forms(text)} - keys - {""}:
                by_bare_name[key].append(i)
        elif entry.entity_type == "person":
            for word in {w for key in keys for w in key.split()}:
                person_word_entries[word] += 1
        for key in identifier_keys(entry):
            by_id[key].append(i)
        if entry.entity_type == "person":
            for text in texts:
                key = _sound_key(text)
                if key:
                    by_sound[key].setdefault(i, text)
    for members in by_ref.values():
        for m in members[1:]:
            union(members[0], m)
    for key, members in by_name.items():
        if len(members) < 2 or len(members) > MAX_NAMESAKES:
            continue
        for i, x in enumerate(members):
            for y in members[i + 1 :]:
                if compatible(entries[x], entries[y]) or len(members) == 2 and _years_near(
                        entries[x], entries[y], key, lambda w: person_word_entries[w] <= RARE_WORD_ENTRIES):
                    union(x, y)
    for key, members in by_bare_name.items():
        members = sorted(set(members) | set(by_name.get(key, ())))
        lists = [_list_of(entries[m]) for m in members]
        if len(set(lists)) < len(lists) or len(members) > MAX_NAMESAKES:
            continue  # one list names them apart: MELLI BANK PLC is not BANK MELLI IRAN
        for i, x in enumerate(members):
            for y in members[i + 1 :]:
                if compatible(entries[x], entries[y]):
                    union(x, y)
    holders = [held for held in by_id.values() if 2 <= len(held) <= MAX_ID_HOLDERS]
    entries_with: dict[str, int] = defaultdict(int)  # how many entries' names have a word of this sound
    for entry in entries if holders else ():
        for sound in _name_sounds(entry):
            entries_with[sound] += 1
    for held in holders:
        for i, x in enumerate(held):
            for y in held[i + 1 :]:
                if find(x) != find(y) and _same_holder(entries[x], entries[y], entries_with):
                    union(x, y)
    word_entries: dict[str, set[int]] = defaultdict(set)  # how many persons' names have a word of this sound
    for key, named in by_sound.items():
        for sound in key.split():
            word_entries[sound].update(named)

    def rare(key: str) -> bool:
        return any(len(word_entries[s]) <= RARE_WORD_ENTRIES for s in key.split() if len(s) >= 3)

    for named in by_sound.values():
        if len(named) < 2 or len(named) > MAX_NAMESAKES:
            continue
        items = sorted(named.items())
        for i, (x, text_x) in enumerate(items):
            for y, text_y in items[i + 1 :]:
                if find(x) != find(y) and same_by_sound(entries[x], entries[y], text_x, text_y, rare):
                    union(x, y)
    for x, y in _same_acronym(entries):
        if find(x) != find(y):
            union(x, y)
    for x, y in _organisations_alike(entries):
        if find(x) != find(y):
            union(x, y)
    return [find(i) for i in range(len(entries))]


# "SECOND ACADEMY OF NATURAL SCIENCES (KPE.018)" on another entry names that entry, it is not an alias
_REFERENCE_IN_BRACKETS = re.compile(r"\([A-Za-z]{2}[ieIE]\.\d{3}\)")
ORG_ALIKE = 0.95  # two lists' names of one body, spelt a little apart (JAMA'A / JAMA'AT NUSRAT AL-ISLAM ...)
ORG_MIN_WORDS = 3  # words by sound: fewer, and two bodies share them by chance (AL-AQSA FOUNDATION)
ORG_BLOCK = 20  # a word on more organisations than this is not looked at to find such pairs


def _organisations_alike(entries: Sequence[ListEntry]):
    """Pairs of organisations on different lists whose names have three words or more by sound and
    differ by a letter or two (the UN's JAMA'A NUSRAT UL-ISLAM WA AL-MUSLIMIN, OFAC's JAMA'AT NUSRAT
    AL-ISLAM WAL-MUSLIMIN), with nothing they publish contradicting it. Found through a word they
    share that at most ``ORG_BLOCK`` organisations have."""
    names: dict[int, list[tuple[str, ...]]] = {}
    by_word: dict[str, set[int]] = defaultdict(set)
    for i, entry in enumerate(entries):
        if entry.entity_type != "organization":
            continue
        forms = [w for text, _ in entry.names() if _alphabetic(text) and not _REFERENCE_IN_BRACKETS.search(text)
                 for w in {_sound_words(form) for form in _name_forms(text)} if len(w) >= ORG_MIN_WORDS]
        if forms:
            names[i] = forms
            for words in forms:
                for word in words:
                    if len(word) >= 4:
                        by_word[skeleton(word)].add(i)
    seen: set[tuple[int, int]] = set()
    for holders in by_word.values():
        if not 2 <= len(holders) <= ORG_BLOCK:
            continue
        ordered = sorted(holders)
        for i, x in enumerate(ordered):
            for y in ordered[i + 1 :]:
                if (x, y) in seen or _list_of(entries[x]) == _list_of(entries[y]):
                    continue
                seen.add((x, y))
                if compatible(entries[x], entries[y]) and any(
                        score_tokens(a, b)[0] >= ORG_ALIKE for a in names[x] for b in names[y]):
                    yield x, y


# the name's own acronym closes it; one inside ("… China's (AVIC) Institute 625") names a parent
_ACRONYM_IN_BRACKETS = re.compile(r"\(([A-Z]{4,10})\)\s*$")
_WEAK_AKA = re.compile(r"a\.k\.a\.\s*'([A-Z]{4,10})'")  # OFAC's weak aliases, in its remarks


def _same_acronym(entries: Sequence[ListEntry]):
    """Organisations on two lists where one writes an acronym after its name in brackets and the other
    gives the same acronym as an alias, and no other entry has it: the UN's MOUVEMENT POUR L'UNIFICATION
    ET LE JIHAD EN AFRIQUE DE L'OUEST (MUJAO) is OFAC's MOVEMENT FOR UNITY AND JIHAD IN WEST AFRICA,
    a.k.a. 'MUJAO' — one body named in French and in English."""
    bracketed: dict[str, set[int]] = defaultdict(set)
    held: dict[str, set[int]] = defaultdict(set)
    for i, entry in enumerate(entries):
        if entry.entity_type != "organization":
            continue
        for text, _ in entry.names():
            for acronym in _ACRONYM_IN_BRACKETS.findall(text.strip()):
                bracketed[acronym].add(i)
                held[acronym].add(i)
        for acronym in _WEAK_AKA.findall(entry.remarks or ""):
            held[acronym].add(i)
    for acronym, holders in held.items():
        if len(holders) != 2 or not bracketed.get(acronym):
            continue
        x, y = sorted(holders)
        if _list_of(entries[x]) != _list_of(entries[y]) and compatible(entries[x], entries[y]):
            yield x, y


def members(parties: Sequence[int]) -> dict[int, list[int]]:
    """Entry numbers of each party, in entry order."""
    out: dict[int, list[int]] = defaultdict(list)
    for number, party in enumerate(parties):
        out[party].append(number)
    return dict(out)
