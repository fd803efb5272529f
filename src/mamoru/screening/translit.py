"""Readings of Japanese and Chinese names in Latin letters, and Latin folding for the rest.

rigour deliberately does not transliterate kanji, kana or hanzi, so this module
fills that gap: kana and kanji through pykakasi (Hepburn), hanzi through pypinyin.
A name in kanji only can be Japanese or Chinese, so both readings are offered and
the scorer keeps whichever fits. Hangul, Cyrillic, Greek and Arabic go through
rigour / normality.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pykakasi
from pypinyin import Style, lazy_pinyin
from pypinyin.style import wadegiles as _wadegiles
from rigour.text.translit import ascii_text

from mamoru.screening.text import is_cjk_char

_KAKASI = pykakasi.kakasi()

@lru_cache(maxsize=200_000)
def romaji(text: str) -> tuple[str, ...]:
    """Hepburn words for Japanese text (kana and kanji), one per pykakasi chunk."""
    chunks = _KAKASI.convert(text)
    if not _read_whole(text, chunks):  # 段德明 → "dan": read 德 as its Japanese twin 徳, or not at all
        from mamoru.screening.cedict import japanese_twin

        unread = {ch for c in chunks if not c["hepburn"].strip() for ch in c["orig"]}
        text = "".join(japanese_twin(ch) if ch in unread else ch for ch in text)
        chunks = _KAKASI.convert(text)
        if not _read_whole(text, chunks):
            return ()
    words: list[str] = []
    for chunk in chunks:
        for word in chunk["hepburn"].split():
            word = "".join(ch for ch in word if ch.isascii() and ch.isalnum())
            if word:
                words.append(_short_vowels(word))
    return tuple(words)


@lru_cache(maxsize=200_000)
def name_romaji(text: str) -> tuple[str, ...]:
    """Hepburn words of a Japanese personal name as Sudachi's dictionary of names reads it, one per
    name: 佐藤正久 is Sato Masahisa, where pykakasi's general reading says Tadahisa; 五典 Itsunori.
    Empty unless every part is a name in the dictionary: otherwise its reading is a guess again."""
    from mamoru.watch.tokenize import sudachi
    from sudachipy import SplitMode

    tokenizer, _ = sudachi()
    words: list[str] = []
    for chunk in text.split():
        for m in tokenizer.tokenize(chunk, SplitMode.C):
            reading = m.reading_form()
            if m.is_oov() or m.part_of_speech()[2] != "人名" or any(not ("\u30a0" <= ch <= "\u30ff") for ch in reading):
                return ()  # every part a name the dictionary knows (偉 as the adjective "era" is no name)
            word = "".join(ch for ch in "".join(c["hepburn"] for c in _KAKASI.convert(reading)) if ch.isascii() and ch.isalnum())
            if word:
                words.append(_short_vowels(word))
    return tuple(words)


def _read_whole(text: str, chunks: list[dict]) -> bool:
    """Whether pykakasi read every character: it gives 德 no reading and swallows the 明 after it."""
    if "".join("".join(c["orig"].split()) for c in chunks) != "".join(text.split()):
        return False
    return all(c["hepburn"].strip() or not any(is_cjk_char(ch) for ch in c["orig"]) for c in chunks)


def _short_vowels(word: str) -> str:
    """Long vowels as written in passports and company names: Tōshiba → Toshiba, Ōsaka → Osaka."""
    return word.replace("ou", "o").replace("oo", "o").replace("uu", "u")


@lru_cache(maxsize=200_000)
def pinyin(text: str) -> tuple[str, ...]:
    """Pinyin for Chinese text: short chunks (personal names) joined, long ones per syllable.

    "朱 成" → ("zhu", "cheng"); "淑华" → ("shuhua",); "鸭绿江开发银行" → one syllable each,
    since romanised company names split them that way.
    """
    return _chunk_words(text, _pinyin_syllables)


def _pinyin_syllables(chunk: str) -> list[str]:
    syllables = (s for s in lazy_pinyin(chunk, v_to_u=False) if s.strip())
    return [w for w in ("".join(ch for ch in s if ch.isascii() and ch.isalnum()) for s in syllables) if w]


def _chunk_words(text: str, syllables_of) -> tuple[str, ...]:
    """Each chunk's syllables, run together for a short chunk of Han characters (a personal name)."""
    words: list[str] = []
    for chunk in text.split():
        syllables = syllables_of(chunk)
        if not syllables:
            continue
        if len(chunk) <= 3 and all(is_cjk_char(c) for c in chunk):
            words.append("".join(syllables))
        else:
            words.extend(syllables)
    return tuple(words)


# pypinyin's table maps lai to lai, but its converter takes an unchanged syllable for one it has no
# entry for and rewrites its final (lai → lei, hai → hei, mai → mei); the table's word is kept then
_WG_SAME = frozenset(f for f, r in getattr(_wadegiles, "_convert_table", ()) if f == r)


def _wade_giles_syllable(syllable: str) -> str:
    if syllable in _WG_SAME:
        return syllable
    return _wadegiles.to_wade_glides(syllable).replace("'", "").replace("ü", "u").replace("v", "u")


def wade_giles(text: str) -> tuple[str, ...]:
    """A personal name as Taiwan's passports spell it, in Wade-Giles without its apostrophes (赖清德 Lai
    Ching-te, 林佳龍 Lin Chia-lung, 許 Hsu): chunks joined as ``pinyin`` joins them."""
    return _chunk_words(text, _wade_giles_syllables)


def _wade_giles_syllables(chunk: str) -> list[str]:
    syllables = (_wade_giles_syllable(s) if s.isascii() else s for s in lazy_pinyin(chunk, style=Style.NORMAL))
    return [s for s in syllables if s.isascii() and s.isalpha()]


@lru_cache(maxsize=200_000)
def looks_chinese(text: str) -> bool:
    """Han text with characters outside Japanese JIS (吴, 张, 华 …) cannot be Japanese."""
    for ch in text:
        try:
            ch.encode("cp932")
        except UnicodeEncodeError:
            return True
    return False


_LATIN_EXTRA = str.maketrans({"ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
                              "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ı": "i", "þ": "th", "ð": "d"})


# Arabic letters the transliterator leaves as "?", which then splits the word (دعاء → "d a", two
# initials): ain and hamza carry vowels and are dropped (as عدنان → dnan already), Persian and
# Urdu letters are read as their Arabic twins.
_ARABIC_UNKNOWN = str.maketrans({"ع": "", "ء": "", "ٔ": "", "ھ": "ه", "ہ": "ه", "ۀ": "ه", "ۂ": "ه", "ە": "ه",
                                 "ے": "ي", "ۓ": "ي", "ې": "ي", "ۍ": "ي", "ێ": "ي", "ٹ": "ت", "ڈ": "د",
                                 "ڑ": "ر", "ۃ": "ة", "ٱ": "ا", "ں": "ن", "ڪ": "ك", "ګ": "ك", "ڭ": "ك"})


@lru_cache(maxsize=200_000)
def latin(text: str) -> str:
    """Any alphabetic script (Latin with diacritics, Cyrillic, Greek, Hangul, Arabic) as ASCII.

    Latin with diacritics is folded here (NFKD, marks dropped): rigour's general
    transliterator is two orders of magnitude slower and gives the same result.
    """
    if text.isascii():
        return text
    stripped = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    stripped = stripped.translate(_LATIN_EXTRA)
    if stripped.isascii():
        return stripped
    if any("\u0600" <= ch <= "\u06ff" for ch in text):
        text = text.translate(_ARABIC_UNKNOWN)
    return ascii_text(text)


# Katakana renderings of foreign names against Latin spellings: both sides are
# reduced to a consonant skeleton in which sounds that katakana cannot tell apart
# fall together (l/r, v/b/w, th/s, ch/t before i), and vowels are dropped because
# katakana adds one after every consonant.
_SKELETON_PAIRS = (
    # katakana writes a nasal before m/b/p as ン (n), and "ng" as ン: fold them on both sides
    ("ng", "n"), ("nm", "m"), ("nb", "mb"), ("np", "mp"),
    # -tion, -cia sound "sh" (ミュニションズ / munitions, スペシャル / special); Korean hw is ファ
    ("tion", "sion"), ("cia", "sia"), ("cio", "sio"), ("hw", "f"),
    # ck before h ends one word and h begins the next (Lockheed ロッキード, Blackhawk): not the Russian kh;
    # ch before r or l is the Greek k (Christopher クリストファー 克里斯托弗, Chloe)
    ("tch", "t"), ("sch", "s"), ("ckh", "k"), ("chr", "kr"), ("chl", "kl"), ("ch", "t"), ("sh", "s"), ("ts", "t"), ("th", "s"), ("ph", "f"),
    ("ck", "k"), ("dzh", "d"), ("zh", "d"), ("kh", "h"), ("gh", "g"), ("ji", "di"),
    ("j", "d"), ("z", "s"), ("l", "r"), ("v", "b"), ("w", "b"), ("c", "k"), ("q", "k"),
    ("x", "ks"), ("f", "h"), ("y", ""),
)


@lru_cache(maxsize=200_000)
def consonants(word: str) -> str:
    """The consonants of a romanised word in the skeleton's alphabet, doubled ones still doubled."""
    out = word.lower()
    # a final -v (Russian -ov/-ev) is written フ (fu) in katakana, as is a final -f / -ph
    if out.endswith(("fu", "ph")) and len(out) > 3:
        out = out[:-2] + "v"
    elif out.endswith("f") and len(out) > 2:
        out = out.rstrip("f") + "v"
    for src, dst in _SKELETON_PAIRS:
        out = out.replace(src, dst)
    return "".join(ch for ch in out if ch.isalpha() and ch not in "aeiou")


@lru_cache(maxsize=200_000)
def skeleton(word: str) -> str:
    """Consonant skeleton of a romanised word: "vladimir" and "urajiimiru" both → "brdmr"-like."""
    return finish_skeleton(consonants(word))


def finish_skeleton(consonants: str) -> str:
    """A doubled consonant (katakana ッ) is one sound; "h" after another consonant only marks aspiration."""
    dedup = [ch for i, ch in enumerate(consonants) if i == 0 or ch != consonants[i - 1]]
    return "".join(ch for i, ch in enumerate(dedup) if not (ch == "h" and i > 0))


@lru_cache(maxsize=200_000)
def abjad_skeleton(word: str) -> str:
    """Skeleton in which w and y count as vowels: Arabic and Hebrew write long vowels with them
    (بنيامين / בנימין bnymyn ↔ Benjamin), so the same letters are dropped on both sides."""
    return finish_skeleton(abjad_consonants(word))


@lru_cache(maxsize=200_000)
def abjad_consonants(word: str) -> str:
    """``abjad_skeleton`` before doubled sounds are merged (to join words: Abdur + Rahman)."""
    return consonants(word.replace("w", "a").replace("y", "a"))


# Modern Greek spells b, d, g and u with two letters (μπ, ντ, γκ, ου) and several vowels alike;
# the EU lists write Russian and Arabic names in Greek this way (Πούτιν, Μεντβέντεφ, Μπασάρ).
_GREEK_PAIRS = (("ου", "u"), ("αι", "e"), ("ει", "i"), ("οι", "i"), ("υι", "i"), ("αυ", "av"), ("ευ", "ev"),
                ("μπ", "b"), ("ντ", "d"), ("γκ", "g"), ("γγ", "ng"), ("τσ", "ts"), ("τζ", "dz"),
                ("γε", "ye"), ("γη", "yi"), ("γι", "yi"), ("χ", "h"), ("η", "i"), ("υ", "i"), ("ω", "o"))


@lru_cache(maxsize=50_000)
def greek_spoken(text: str) -> str:
    """Greek as it sounds, in Latin letters: Μεντβέντεφ → medvedef, Πούτιν → putin (the
    letter-by-letter transliteration gives mentventef, poutin)."""
    out = unicodedata.normalize("NFD", text.lower()).replace("ς", "σ")
    out = out.replace("ι\u0308", "I").replace("υ\u0308", "I")  # a diaeresis keeps the vowel apart: Σοϊγκού
    out = out.replace("\u0301ι", "I").replace("\u0301υ", "I")  # so does an accent on the first: Σεργκέι
    out = "".join(ch for ch in out if not unicodedata.combining(ch))
    for src, dst in _GREEK_PAIRS:
        out = out.replace(src, dst)
    return ascii_text(out.replace("I", "i"))


# Slavic names reach the EU and UK lists in German, French, Polish, Czech and English
# transliterations of one Cyrillic spelling (Wladimir / Vladimir, Schojgu / Shoygu,
# Sergej / Sergei, Poutine / Putin, Mihajlyuk / Mikhailiuk, Iwanow / Ivanov). The fold
# writes each sound one way, so such spellings meet (ж and ш fall together, as German
# writes both "sch": Prigoschin / Prigozhin); order matters (tsch before sch).
_SLAVIC_PAIRS = (
    ("schtsch", "shch"), ("stsch", "shch"), ("szcz", "shch"), ("dsch", "dzh"), ("tsch", "ch"),
    ("sch", "sh"), ("sz", "sh"), ("cz", "ch"), ("tch", "ch"), ("kh", "h"), ("zh", "sh"), ("ou", "u"),
    ("w", "v"), ("j", "y"), ("y", "i"), ("ck", "k"), ("x", "ks"), ("ph", "f"), ("tz", "ts"),
)


_SOFT_H = re.compile(r"(?<![sczkt])h")  # Ukrainian and Belarusian h is Russian g; not the h of sh, ch, zh, kh, th
_IA = re.compile(r"(?<=[bcdfgklmnprstvz])i[ae](?=[bcdfgklmnprstvz])")  # Siarhei / Sergei, Aliaksandr / Aleksandr


@lru_cache(maxsize=200_000)
def east_slavic(word: str, soft_h: bool = True) -> str:
    """One spelling for a name's Russian, Ukrainian and Belarusian forms in the lists' Latin letters: h for
    g (Hubaryev / Gubarev), ia, ye for e (Siarhei / Sergei), dz, ts for d, t (Dzmitry, Kanstantsin), u for
    v before a consonant (Uladzimir), a for an unstressed o and -au for -ov (Naumau / Naumov). Without
    ``soft_h`` the h stays (to look names up by: Ahmadzai's h is no Slavic g)."""
    out = re.sub(r"(?<=[bcdfgklmnprstvz])ye", "e", word)
    out = (_SOFT_H.sub("g", out) if soft_h else out).replace("dz", "d").replace("ts", "t")
    if out[:1] == "u" and out[1:2] not in ("a", "e", "i", "o", "u", ""):
        out = "v" + out[1:]
    out = re.sub(r"[ao][uv]$", "av", out)
    return _IA.sub("e", slavic_fold(out)).replace("o", "a")


# marks of Belarusian spelling that look a name up by its Russian form: not h alone, which English
# names have by the thousand (John, Harris), nor the dz of Pashto -dzai (Ahmadzai), only dzi, dzy, dzm
_BY_UA_LOOKUP = re.compile(r"[bcdfgklmnprstvz][iy][ae][bcdfgklmnprstvz]|dz(?=[iym])|ts(?=[aeiou])|^u[^aeiou]|[ao]u$")
# and those that let two words be compared as one name: also any dz, ts and Ukrainian h
_BY_UA = re.compile(_BY_UA_LOOKUP.pattern + r"|dz|ts|(?<![sczkt])h")


def east_slavic_marked(word: str) -> bool:
    """Whether a word bears a mark of Belarusian spelling to be looked up by (ia, dzi, tsi, -au, a leading u)."""
    return bool(_BY_UA_LOOKUP.search(word))


@lru_cache(maxsize=100_000)
def same_east_slavic_name(a: str, b: str) -> bool:
    """Two words that are one East Slavic name in Ukrainian or Belarusian and in Russian form; one of
    them must bear a mark of those spellings (Omar and Amar stay two names)."""
    return (a != b and len(a) > 3 and len(b) > 3 and bool(_BY_UA.search(a) or _BY_UA.search(b))
            and east_slavic(a) == east_slavic(b))


@lru_cache(maxsize=200_000)
def slavic_fold(word: str) -> str:
    """One spelling for the Latin transliterations of a Slavic name word (lowercase in, lowercase out)."""
    out = word
    for src, dst in _SLAVIC_PAIRS:
        out = out.replace(src, dst)
    # a doubled letter is one sound (German ss; Dmitrij → dmitrii → dmitri)
    out = "".join(ch for i, ch in enumerate(out) if i == 0 or ch != out[i - 1])
    return out
