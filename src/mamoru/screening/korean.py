"""Korean person names compared across their spellings: チャン・ソンナム = JANG SUNG NAM.

Japan's MOF writes North Koreans in katakana; the UN and OFAC write them in
McCune–Reischauer (KIM TONG MY'ONG, PAK TO CHUN), South Korean style (Kim Young-Chul)
or both. Korean consonants that differ only in voicing or aspiration (k/g, t/d, p/b,
ch/j) are one letter in Hangul at the start of a syllable and are written either way;
ŏ and ŭ are written o/eo/u and u/eu; katakana cannot tell a final n from ng.

So a name of the Korean shape (a Korean surname, then one to three syllables) gets a
key in which these fall together: surname and given name, each folded. Two spellings
of one name have the same key; "Kim Song Il" and "Kim Song Min" do not. The key also
serves the index, so a katakana name finds its Latin entry.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Korean surnames as Japan writes them (DPRK names with their initial r: リ, リュ, リム, リャン)
KATAKANA_SURNAMES = frozenset(
    "キム リ イ パク バク チェ チョン ジョン チャン ジャン カン ガン ハン ユン ソ ソン シン ホ ペ ベ ムン ヤン リャン "
    "ファン コ ノ ロ オ チョ ジョ ク グ クァク ラ ナ シム チュ ジュ ヒョン ユ リュ リム イム ペク ピョン パン バン "
    "ミン キル ウ ト ド チ ジ オム ヨ リョ ウォン ソク ソル ナム コン マ ピョ ヨム リョム ハム テ ワン チャ アン "
    "ホン チン ヒョ メン ソム キ ミョン ヨン ウム ボン ポン".split()
)
_CODA = {"ク": "k", "グ": "k", "プ": "p", "ブ": "p", "ル": "l", "ム": "m"}  # ソプ sop, チョル chol, ナム nam
_SMALL = frozenset("ァィゥェォャュョヮ")
_SYLLABLE = re.compile(r"^[bcdghjklmnprstwy]{0,3}[aeiouŏŭ]{1,3}(ng|[klmnpt])?$")

_SEQUENCES = (
    ("tch", "c"), ("ch", "c"), ("jj", "c"), ("j", "c"), ("sh", "s"), ("hw", "f"), ("wh", "f"),
    ("kh", "k"), ("th", "t"), ("ph", "p"), ("ng", "N"), ("g", "k"), ("d", "t"), ("b", "p"), ("l", "r"),
    ("you", "yo"), ("eo", "o"), ("eu", "u"), ("oo", "u"), ("ou", "u"), ("ae", "e"), ("ai", "e"), ("oe", "e"),
    ("oi", "e"), ("we", "e"), ("ei", "e"), ("ee", "i"), ("ui", "wi"),
)
# what katakana cannot tell apart: final n / ng (ン), and o / u (ソン is 성 Song and Sung)
_LOOSE = (("N", "n"), ("u", "o"))
_SURNAME_SPELLINGS = {"park": "pak", "rhee": "i", "lee": "i", "yi": "i", "li": "i", "ri": "i", "choi": "ce"}


def _ascii(text: str) -> str:
    """ŏ → o, ŭ → u; apostrophes of McCune–Reischauer (Ch'ŏng, MY'ONG) dropped."""
    return "".join(ch for ch in unicodedata.normalize("NFD", text.lower()) if ch.isascii() and ch.isalpha())


@lru_cache(maxsize=100_000)
def fold(word: str, loose: bool = True) -> str:
    """A romanised Korean word with the distinctions the spellings disagree on removed; ``loose``
    also removes those katakana does not write (n/ng, o/u)."""
    out = _ascii(word)
    for src, dst in _SEQUENCES + (_LOOSE if loose else ()):
        out = out.replace(src, dst)
    return re.sub(r"(.)\1+", r"\1", out)


@lru_cache(maxsize=100_000)
def _surname(word: str, loose: bool = True) -> str:
    word = _ascii(word)
    word = _SURNAME_SPELLINGS.get(word, word)
    if len(word) > 2 and word.endswith("h") and word[-2] in "aeiou":  # Oh, Noh, Suh
        word = word[:-1]
    if word[:1] in "rl" and word[1:2] in ("i", "y"):  # the DPRK's initial r: Ri / I, Ryu / Yu, Rim / Im
        word = word[1:]
    elif word[:1] in "rl":  # Ro / No, Ra / Na
        word = "n" + word[1:]
    return fold(word, loose)


_LATIN_SURNAMES: frozenset[str] | None = None


def _latin_surnames() -> frozenset[str]:
    global _LATIN_SURNAMES
    if _LATIN_SURNAMES is None:
        _LATIN_SURNAMES = frozenset(_surname(katakana_syllables(s)[0]) for s in KATAKANA_SURNAMES)
    return _LATIN_SURNAMES


def _units(word: str) -> list[str]:
    """Katakana split into sounds: a kana with its small kana (ミョ, クァ, ウォ)."""
    units: list[str] = []
    for ch in word:
        if ch in _SMALL and units:
            units[-1] += ch
        elif ch != "ー":
            units.append(ch)
    return units


def katakana_syllables(word: str) -> tuple[str, int]:
    """A katakana word read as Korean (final k, p, l, m written ク, プ, ル, ム), and its syllable count."""
    from mamoru.screening.kana import katakana_word

    out: list[str] = []
    syllables = 0
    previous = ""
    for unit in _units(word):
        if unit in _CODA and out and previous not in _CODA and previous != "ン" and out[-1][-1:] in "aeiou":
            out.append(_CODA[unit])
        else:
            reading = katakana_word(unit)
            if out and reading.startswith("w") and out[-1][-2:-1] not in ("", "a", "e", "i", "o", "u") and out[-1].endswith("u"):
                out[-1] = out[-1][:-1]  # グワン: g + wan
            out.append(reading)
            syllables += unit not in ("ン", "ッ")
        previous = unit
    return "".join(out), syllables


@lru_cache(maxsize=200_000)
def katakana_key(text: str) -> str:
    """Key of a katakana name of the Korean shape (キム・トンミョン), else ""."""
    words = text.replace("・", " ").replace("＝", " ").replace("=", " ").split()
    if not 2 <= len(words) <= 3 or words[0] not in KATAKANA_SURNAMES:
        return ""
    given = [katakana_syllables(w) for w in words[1:]]
    if not 1 <= sum(n for _, n in given) <= 3:
        return ""
    return _surname(katakana_syllables(words[0])[0]) + "|" + fold("".join(g for g, _ in given))


@lru_cache(maxsize=300_000)
def latin_key(tokens: tuple[str, ...], loose: bool = True) -> str:
    """Key of a Latin name of the Korean shape (KIM TONG MYONG, Kim Tong-Myo'ng, Chol Song Jo), else ""."""
    if not 2 <= len(tokens) <= 4:
        return ""
    if not (_surname(tokens[0]) in _latin_surnames() or _surname(tokens[-1]) in _latin_surnames()):
        return ""  # most names: no Korean surname at either end
    words = [_ascii(t) for t in tokens]
    if not all(words) or sum(map(len, words[1:])) > 12:
        return ""
    surnames = _latin_surnames()
    if _surname(words[0]) in surnames:
        surname, given = words[0], words[1:]
    elif _surname(words[-1]) in surnames:
        surname, given = words[-1], words[:-1]
    else:
        return ""
    if not all(_SYLLABLE.match(w) or len(w) == 1 for w in given) or not any(len(w) > 1 for w in given):
        return ""
    return _surname(surname, loose) + "|" + fold("".join(given), loose)


def syllables_key(tokens: tuple[str, ...], loose: bool = True) -> str:
    """Key of a name read from Hangul or hanja (surname first, one token per syllable)."""
    if not 2 <= len(tokens) <= 4:
        return ""
    return _surname(tokens[0], loose) + "|" + fold("".join(tokens[1:]), loose)


def korean_key(form, loose: bool = True) -> str:
    """The key of a prepared name (``NameForm``) if it is a person's name of the Korean shape.

    Loose (the index's, and katakana's) or strict (Hangul against Latin: Hangul tells n from ng
    and ㅜ from ㅗ, so 이서연 must not meet RI SU YONG)."""
    if form.kind == "organization" or not form.readings:
        return ""
    if form.katakana:
        return katakana_key(unicodedata.normalize("NFKC", form.original))
    if form.script in ("Hangul", "Han"):
        from mamoru.screening.names import HANGUL, HANJA

        for reading in form.readings:
            if reading.method in (HANGUL, HANJA):
                tokens, chunks = reading.tokens, form.cjk_chunks
                if len(chunks) == 2 and len(chunks[1]) == 1 < len(chunks[0]):  # 병철 김: surname last
                    tokens = tokens[-1:] + tokens[:-1]
                return syllables_key(tokens, loose)
        return ""
    if form.script == "Latin":
        return latin_key(form.readings[0].tokens, loose)
    return ""
