"""Russian words of organisation names, as the lists spell them in Latin letters, with their English.

A Russian firm is listed under its transliterated name (MYTISHCHINSKI MASHINOSTROITELNY ZAVOD,
UGOLNYE TEKHNOLOGII) and under an English translation of it (MYTISHCHINSKI MACHINE-BUILDING
PLANT, COAL TECHNOLOGIES); spelling cannot bridge the two, the words' senses can. A name with
such words is compared with an English name word by word through them, as a Chinese firm name
is through CC-CEDICT (cedict.py). Only the general vocabulary of organisation names belongs
here, never a list entry's name. Words are stems: the case endings (-yi, -aya, -oe, -ogo) and
the transliteration systems (-oi / -oy, kh / h, zh / sh) are folded before the lookup.
"""

from __future__ import annotations

from functools import lru_cache

from mamoru.screening.translit import slavic_fold

RUSSIAN_WORDS: dict[str, str] = {
    # kinds of body and legal words
    "obshchestv": "company society",
    "ogranichenn": "limited",
    "otvetstvenn": "liability",
    "aktsionern": "joint stock",
    "otkryt": "open",
    "zakryt": "closed",
    "publichn": "public",
    "chastn": "private",
    "kompani": "company",
    "korporatsi": "corporation",
    "kontsern": "concern group",
    "grupp": "group",
    "obedinen": "association union amalgamation",
    "obyedinen": "association union amalgamation",
    "predpriyati": "enterprise enterprises",
    "uchrezhdeni": "institution establishment",
    "institut": "institute",
    "universitet": "university",
    "akademi": "academy",
    "tsentr": "center centre",
    "centr": "center centre",
    "byuro": "bureau",
    "zavod": "plant factory works",
    "kombinat": "plant combine works",
    "fabrik": "factory",
    "ministerstv": "ministry",
    "komitet": "committee",
    "sluzhb": "service",
    "agentstv": "agency",
    "departament": "department",
    "upravleni": "administration management directorate department",
    "direktsi": "directorate",
    "filial": "branch",
    "dochern": "subsidiary",
    "unitarn": "unitary",
    "kazenn": "state",
    "avtonomn": "autonomous",
    "torgov": "trading trade",
    "bank": "bank",
    "fond": "fund foundation",
    "alyans": "alliance",
    "allyans": "alliance",
    "kholding": "holding",
    "soyuz": "union",
    "assotsiatsi": "association",
    "partnerstv": "partnership",
    "kooperativ": "cooperative",
    "laboratori": "laboratory",
    "mastersk": "workshop workshops",
    "verf": "shipyard yard",
    "aeroport": "airport",
    "avialini": "airlines airline",
    # what they do
    "nauchn": "scientific research science",
    "issledovatel": "research",
    "issledovani": "research studies",
    "proizvodstv": "production manufacturing",
    "proizvodstven": "production manufacturing",
    "konstruktorsk": "design",
    "mashinostroitel": "machine building engineering",
    "mashinostroeni": "machine building engineering",
    "mashin": "machines machine machinery",
    "priborostroitel": "instrument making",
    "priborostroeni": "instrument making",
    "pribor": "instruments devices",
    "sudostroitel": "shipbuilding",
    "sudostroeni": "shipbuilding",
    "stroitel": "construction building",
    "dorozhn": "road roads",
    "dorog": "road roads railway",
    "most": "bridge bridges",
    "zheleznodorozh": "railway railways",
    "zhelezn": "railway iron",
    "transportn": "transport transportation",
    "neft": "oil petroleum",
    "neftegaz": "oil gas",
    "gazov": "gas",
    "energeti": "energy power",
    "elektrotekhni": "electrical engineering",
    "elektron": "electronics electronic",
    "optichesk": "optical optics",
    "khimi": "chemistry chemical chemicals",
    "mekhanik": "mechanics mechanical",
    "metallurgi": "metallurgical metallurgy",
    "tekhnologi": "technology technologies",
    "tekhnichesk": "technical",
    "innovatsion": "innovation innovative",
    "promyshlenn": "industrial industry industries",
    "industrialn": "industrial",
    "kommerchesk": "commercial",
    "sberegateln": "savings",
    "investitsion": "investment",
    "investitsi": "investment investments",
    "finansov": "financial finance",
    "strakhov": "insurance",
    "upravlyayushch": "management managing",
    "ugoln": "coal",
    "raschet": "settlements settlement",
    "ekspertiz": "examination expertise expert review",
    "vychislitel": "computing computer",
    "avtomatik": "automation automatics",
    "sistem": "systems system",
    "razvedk": "intelligence",
    "bezopasnost": "security",
    "oboron": "defense defence",
    "voenn": "military",
    "vooruzheni": "armament armaments weapons",
    "raketn": "missile rocket",
    "kosmichesk": "space",
    "aviatsion": "aviation aircraft",
    "tamozhenn": "customs",
    "lizing": "leasing",
    "servis": "service services",
    "inzhiniring": "engineering",
    "logistik": "logistics",
    "eksport": "export",
    "import": "import",
    "snabzheni": "supply",
    "postavk": "supply supplies",
    "remont": "repair",
    "proekt": "project design",
    "razrabotk": "development",
    "material": "materials material",
    "farmatsevt": "pharmaceutical pharmaceuticals",
    "meditsinsk": "medical",
    "selskokhozyaistven": "agricultural",
    "sudokhodn": "shipping",
    "flot": "fleet",
    "svyaz": "communications communication",
    "telekommunikatsi": "telecommunications",
    "informatsion": "information",
    "tsifrov": "digital",
    "radiotekhni": "radio engineering",
    "radioelektron": "radio electronics",
    "aviastroitel": "aircraft building",
    "vertolet": "helicopter helicopters",
    "avtomobil": "automobile automotive",
    "dvigatel": "engine engines",
    "zashchit": "protection defense defence",
    "morsk": "maritime marine sea",
    "rechn": "river",
    # qualities
    "glavn": "main chief general",
    "gosudarstvenn": "state",
    "federaln": "federal",
    "natsionaln": "national",
    "mezhdunarodn": "international",
    "rossiisk": "russian russia",
    "rossii": "russia",
    "russk": "russian",
    "respublik": "republic",
    "tsentraln": "central",
    "spetsialn": "special specialized",
    "severn": "northern north",
    "yuzhn": "southern south",
    "vostochn": "eastern east",
    "zapadn": "western west",
}

MIN_STEM = 4  # a shorter stem would be the start of names too (dom- of Domodedovo)
MAX_ENDING = 5  # -nogo, -skaya: what may follow a stem in one word


@lru_cache(maxsize=1)
def _stems() -> dict[str, tuple[str, ...]]:
    return {slavic_fold(stem): tuple(english.split()) for stem, english in RUSSIAN_WORDS.items()}


@lru_cache(maxsize=200_000)
def english_of(token: str) -> tuple[str, ...]:
    """The English senses of a transliterated Russian word of a firm name (zavoda → plant, factory,
    works); () for a word not in the table."""
    word = slavic_fold(token.lower().replace("'", "").replace("-", ""))
    stems = _stems()
    for size in range(len(word), MIN_STEM - 1, -1):
        english = stems.get(word[:size])
        if english and len(word) - size <= MAX_ENDING:
            return english
    return ()


def russian_words(tokens: tuple[str, ...]) -> int:
    """How many of a name's words are Russian words of firm names."""
    return sum(1 for t in tokens if english_of(t))


def russian_sense_keys(tokens: tuple[str, ...]) -> dict[str, str]:
    """Blocking keys of a firm name's Russian words: their English senses, each word's senses
    counting once (as a Chinese word's, ``cedict.key_word_groups``), so that UGOLNYE TEKHNOLOGII
    and COAL TECHNOLOGIES share keys."""
    keys: dict[str, str] = {}
    for i, token in enumerate(tokens):
        if _is_russian(token):
            for word in english_of(token):
                keys.setdefault("t:" + word, f"t{i}")
    return keys


def _is_russian(token: str) -> bool:
    """A word of the table that is not itself one of its English senses (zavod, not bank)."""
    english = english_of(token)
    return bool(english) and token not in english and token.rstrip("s") not in english


def compare_translated(q, c, legal):
    """A firm name with Russian words against an English one, word by word through their senses
    (``senses.by_senses``). Either side may be the Russian one: the one with more Russian words."""
    from mamoru.screening.cedict import stem
    from mamoru.screening.compare import NO_MATCH
    from mamoru.screening.senses import by_senses

    tq, tc = q.readings[0].tokens, c.readings[0].tokens
    nq, nc = sum(map(_is_russian, tq)), sum(map(_is_russian, tc))
    if max(nq, nc) < MIN_RUSSIAN_WORDS or nq == nc:
        return NO_MATCH  # neither name is Russian, or both alike (CENTRAL looks Russian too): spelling compares them
    swap = nc > nq
    russian, english = (tc, tq) if swap else (tq, tc)
    senses = [frozenset(stem(w) for w in english_of(t)) if _is_russian(t) else frozenset() for t in russian]
    return by_senses(russian, senses, english, legal, "translated_ru", swap)


MIN_RUSSIAN_WORDS = 1  # one Russian word of a firm name (ZAVOD, TEKHNOLOGII) is enough to try its senses
