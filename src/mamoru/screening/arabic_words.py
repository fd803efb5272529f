"""Arabic words of organisation names, with their English.

The UN list writes an Arabic organisation's name in Arabic and in an English translation
(الجهاد الاسلامي المصري, EGYPTIAN ISLAMIC JIHAD; الدولة الإسلامية في العراق والشام - ليبيا,
ISLAMIC STATE IN IRAQ AND THE LEVANT - LIBYA); consonants cannot bridge a translation. A name
with these words is compared with an English one word by word through their senses
(``senses.by_senses``). Only the general vocabulary of organisation names, and the countries
and regions they name, belongs here, never a list entry's name. Words are looked up without
the article ال, an attached و "and" or ل "for", hamza seats, ta marbuta or final ى.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from mamoru.screening.abjad import ZWNJ

ARABIC_WORDS: dict[str, str] = {
    # kinds of body
    "جماعه": "group jamaat jamaa community",
    "حركه": "movement",
    "جبهه": "front",
    "منظمه": "organization organisation",
    "مؤسسه": "foundation institution establishment",
    "شركه": "company",
    "مصرف": "bank",
    "بنك": "bank",
    "هيئه": "commission authority committee board",
    "مجلس": "council",
    "حزب": "party",
    "لجنه": "committee",
    "جمعيه": "society association",
    "اتحاد": "union federation",
    "كتائب": "brigades battalions",
    "لواء": "brigade",
    "سرايا": "companies brigades",
    "جيش": "army",
    "ولايه": "province wilayat",
    "دوله": "state",
    "مكتب": "office bureau",
    "مركز": "center centre",
    "صندوق": "fund",
    "لمتد": "limited ltd",  # "Limited" as Arabic letters write it
    # what they are for
    "جهاد": "jihad",
    "مقاتله": "fighting",
    "تحرير": "liberation",
    "توحيد": "unification unity tawhid monotheism",
    "نصره": "support victory nusrat",
    "انصار": "supporters partisans ansar",
    "مجاهدين": "mujahidin mujahideen",
    "مجاهدون": "mujahidin mujahideen",
    "شباب": "youth shabaab",
    "خيريه": "charitable charity",
    "اغاثه": "relief",
    "تجاره": "trading trade",
    "تجاريه": "commercial trading",
    "تنميه": "development",
    "استثمار": "investment",
    "صناعات": "industries",
    "صناعه": "industry",
    "دعوه": "call dawa",
    "قاعده": "base qaida",
    "شريعه": "sharia",
    # qualities and peoples
    "اسلاميه": "islamic",
    "اسلامي": "islamic",
    "اسلام": "islam islamic",
    "مسلمين": "muslims",
    "مسلمون": "muslims",
    "عربيه": "arab arabian",
    "عربي": "arab arabic",
    "دولي": "international",
    "دوليه": "international",
    "وطني": "national",
    "وطنيه": "national",
    "كبري": "greater",
    "مقدس": "holy",
    "مصري": "egyptian",
    "ليبيه": "libyan",
    "ليبي": "libyan",
    "سوري": "syrian",
    "يمني": "yemeni",
    "عراقي": "iraqi",
    "أهل": "people family",  # لأهل الشام: for the people of the Levant
    # countries and regions
    "عراق": "iraq",
    "شام": "levant sham",
    "سوريا": "syria",
    "ليبيا": "libya",
    "يمن": "yemen",
    "مصر": "egypt",
    "افريقيا": "africa",
    "غرب": "west western",
    "شرق": "east eastern",
    "مغرب": "maghreb morocco",
    "جزيره": "peninsula",
    "خراسان": "khorasan",
    "صحراء": "sahara",
    "فلسطين": "palestine",
    "قدس": "jerusalem quds",
    # more of what firms are and do, in Arabic
    "مجموعه": "group",
    "هندسه": "engineering",
    "هندسيه": "engineering",
    "نفط": "oil petroleum",
    "نفطيه": "oil petroleum",
    "بترول": "petroleum oil",
    "محدوده": "limited",
    "طيران": "aviation airlines airways",
    "اتصالات": "telecommunications communications",
    "تكنولوجيا": "technology technologies",
    "الكترونيات": "electronics",
    "صرافه": "exchange",
    "نقل": "transport",
    "شحن": "shipping",
    "ملاحه": "navigation shipping",
    "بحريه": "naval navy marine maritime",
    "قوات": "forces",
    "عامه": "general",
    "معدات": "equipment",
    "تامين": "insurance",
    "ادويه": "pharmaceuticals pharmaceutical",
    "كيماويات": "chemicals",
    "حديد": "iron",
    "صلب": "steel",
    "اسمنت": "cement",
    "مقاولات": "contracting",
    "خدمات": "services",
    "صناعيه": "industrial",
    "مستقبل": "future",
    # Persian: the words of Iranian firms' and bodies' names (شرکت فولاد خراسان, KHORASAN STEEL COMPANY)
    "شركت": "company",
    "گروه": "group",
    "صنايع": "industries",
    "صنعت": "industry",
    "صنعتي": "industrial",
    "فولاد": "steel",
    "بانك": "bank",
    "مهندسي": "engineering",
    "بازرگاني": "trading commercial",
    "گاز": "gas",
    "پتروشيمي": "petrochemical",
    "كشتيراني": "shipping",
    "هواپيمايي": "airline airlines aviation",
    "هواپيماسازي": "aircraft",
    "ملي": "national",
    "توسعه": "development",
    "سرمايهگذاري": "investment",
    "ساختمان": "construction building",
    "ساختماني": "construction",
    "الكترونيك": "electronics electronic",
    "برق": "electricity electric power",
    "نيرو": "power energy",
    "انرژي": "energy",
    "مخابرات": "telecommunications telecommunication",
    "معادن": "mines mining",
    "معدني": "mining mineral",
    "خودرو": "automotive motor vehicle",
    "خودروسازي": "automotive motor",
    "دارويي": "pharmaceutical",
    "شيميايي": "chemical",
    "تجارت": "trade trading commerce",
    "تجاري": "commercial",
    "بينالمللي": "international",
    "توليدي": "manufacturing production",
    "توليد": "production manufacturing",
    "سازمان": "organization organisation",
    "موسسه": "institute institution foundation",
    "بنياد": "foundation",
    "سپاه": "corps",
    "پاسداران": "guards guard",
    "انقلاب": "revolution revolutionary",
    "ايران": "iran",
    "ايراني": "iranian",
    "دريايي": "marine maritime naval",
    "هوايي": "air",
    "هوافضا": "aerospace",
    "دفاعي": "defence defense",
    "موشكي": "missile",
    "وزارت": "ministry",
    "تحقيقات": "research",
    "پژوهشگاه": "research institute",
    "فناوري": "technology",
    "ابزار": "tools",
    "برشي": "cutting",
    "كاشي": "tile",
    "سيمان": "cement",
    "ماشين": "machine machinery",
    "ماشينسازي": "machinery machine",
    "صرافي": "exchange",
    "بيمه": "insurance",
    "حمل": "transport",
    "لجستيك": "logistics",
    "هلدينگ": "holding",
}

_SEATS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ی": "ي", "ک": "ك", "ؤ": "ء"})


def _plain(word: str) -> str:
    """Without diacritics, hamza seats and Persian letter forms, and without the zero-width
    non-joiner Persian writes inside a word (سرمایه‌گذاری)."""
    word = "".join(ch for ch in unicodedata.normalize("NFKC", word) if not unicodedata.combining(ch))
    return word.translate(_SEATS).replace(ZWNJ, "")


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, ...]]:
    return {_plain(word): tuple(english.split()) for word, english in ARABIC_WORDS.items()}


_ATTACHED = ("ال", "وال", "بال", "لل", "و", "ل", "ب")  # the article, an attached "and", "for", "with"


@lru_cache(maxsize=100_000)
def english_of(word: str) -> tuple[str, ...]:
    """The English senses of an Arabic word of a firm or body name (الإسلامية → islamic); ()
    for a word not in the table. The article, an attached "and" or "for" are taken off first."""
    table = _table()
    plain = _plain(word)
    for prefix in ("",) + _ATTACHED:
        if plain.startswith(prefix) and len(plain) - len(prefix) >= 3:
            found = table.get(plain[len(prefix):])
            if found:
                return found
    return ()


def arabic_sense_keys(text: str) -> dict[str, str]:
    """Blocking keys of a body's Arabic name: its words' English senses, each word's senses
    counting once (as ``russian_words.russian_sense_keys``), when two words or more are known."""
    words = [w for w in unicodedata.normalize("NFKC", text).split() if english_of(w)]
    if len(words) < MIN_ARABIC_WORDS:
        return {}
    keys: dict[str, str] = {}
    for i, word in enumerate(words):
        for english in english_of(word):
            keys.setdefault("t:" + english, f"t{i}")
    return keys


PARTICLES = frozenset({"في", "و", "من", "عن", "علي", "الي", "ال", "در", "از", "به", "با"})  # in, and, of, from, on, to (Persian در از به با): no English word needed

MIN_ARABIC_WORDS = 2  # one word (جماعة, "group") is too little to read a name by its senses


def compare_translated(arabic, latin, legal, swap: bool = False):
    """An organisation's Arabic name against an English one through the words' senses; an Arabic
    word the table does not know is compared by its consonants (داعش / DAESH)."""
    from mamoru.screening.abjad import readings
    from mamoru.screening.cedict import stem
    from mamoru.screening.compare import NO_MATCH, SHORT_ABJAD_SIM, _abjad_sim
    from mamoru.screening.senses import by_senses
    from mamoru.screening.translit import abjad_skeleton

    words = tuple(w for w in unicodedata.normalize("NFKC", arabic.original).split()
                  if any(ch.isalpha() for ch in w) and _plain(w) not in PARTICLES)
    if sum(1 for w in words if english_of(w)) < MIN_ARABIC_WORDS or not latin.readings:
        return NO_MATCH
    senses = [frozenset(stem(e) for e in english_of(w)) for w in words]

    def spelled(e: str, w: str) -> float:
        """Every reading of the word (Persian کاوه is KAVEH); among words the senses pair, a name of
        two consonants that agree counts as a short word does in a person's name (طعمة / TOUMEH)."""
        latin = abjad_skeleton(e)
        forms = [w] + [w[len(p):] for p in _ATTACHED if w.startswith(p) and len(w) - len(p) >= 3]  # النصرة: NUSRAH
        heard = [r for form in forms for r in readings(form)]
        best = max(_abjad_sim(r, latin) for r in heard)
        return best or (SHORT_ABJAD_SIM if len(latin) == 2 and latin in heard else 0.0)

    return by_senses(words, senses, latin.readings[0].tokens, legal, "translated_ar", swap, spelled)
