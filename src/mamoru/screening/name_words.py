"""Is a word that differs between two person names a typo, or another name?

"Daniel" and "Manuel" are two letters apart, as close as a typo, but a typo seldom changes
how a name begins. Two words are two names (Daniel / Manuel, Maeda / Ikeda) when they begin
with a different sound, both as English hears it (metaphone) and as the katakana skeleton
folds spellings (j/dj, v/w/b, l/r, vowels), differ by two edits or more (a swap of two
letters is one) and do not sound alike. Transliterations that begin alike stay typos
(Selenskyj / Zelenskyy, Djamel / Jamal, Tahir / Dahir, Uways / Aweys).
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import OSA
from rigour.text.phonetics import metaphone

from mamoru.screening.translit import skeleton


@lru_cache(maxsize=1)
def nicknamer():
    from nicknames import NickNamer

    return NickNamer()


@lru_cache(maxsize=20_000)
def name_variants(name: str) -> frozenset[str]:
    """A given name, its nicknames and the names it is a nickname of (Michael: Mike, Mick; Mike: Michael)."""
    nn = nicknamer()
    return frozenset({name} | nn.nicknames_of(name) | nn.canonicals_of(name))


@lru_cache(maxsize=100_000)
def another_name(a: str, b: str) -> bool:
    """Two words too far apart, and beginning too differently, to be one name misspelt."""
    if a == b or len(a) < 3 or len(b) < 3 or OSA.distance(a, b) < 2:
        return False
    ma, mb = metaphone(a), metaphone(b)
    if ma == mb or ma[:1] == mb[:1]:
        return False
    sa, sb = skeleton(a), skeleton(b)
    return bool(sa) and bool(sb) and sa[:1] != sb[:1]


# spellings of one consonant across transliterations: th/dh/ph, h anywhere (kh, gh, sh, a lone h), q/c/g/x/k,
# z/s, d/t, p/f/v, j; vowels, w and y (Jawad / Juad) and doubled letters do not count
_DIGRAPHS = (("ph", "f"), ("th", "t"), ("dh", "d"))
_FOLD = str.maketrans("qcgxzdpvj", "kkkksttfk")
_VOWELS_AND_H = re.compile(r"[aeiouywh]")
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=100_000)
def consonant_frame(word: str) -> str:
    """The consonants a name is heard by, whatever the transliteration: Gaddafi, Qadhafi and Ghathafi
    all give "ktf"; Ward ("rt") and Baird ("brt"), Lucas and Luis, Maria and Mark do not agree."""
    for digraph, one in _DIGRAPHS:
        word = word.replace(digraph, one)
    return _DOUBLED.sub(r"\1", _VOWELS_AND_H.sub("", word).translate(_FOLD))


def heard_apart(a: str, b: str) -> bool:
    """Two words of four letters or more whose consonants differ: spelt only loosely alike, they are
    another name (Lucas / Luis, Maria / Mark), not the same one transliterated (Petr / Pyotr) or with two
    letters swapped (Dridqal / Durikdal), nor a nickname (Dave / David) or a name cut short (Kakha / Kakhaber)."""
    if len(a) < 4 or len(b) < 4 or sorted(consonant_frame(a)) == sorted(consonant_frame(b)):
        return False
    short, long = sorted((a, b), key=len)
    return not long.startswith(short) and b not in name_variants(a)
