"""Hangul names read the way sanctions lists spell Korean names: 김정은 → KIM JONG UN.

The lists (UN, OFAC, Japan's MOF) write North Korean names syllable by syllable in the
DPRK's own romanisation (Ri Yong Gil, Pak Jong Chon, Choe Ryong Hae), which Revised
Romanisation (gim jeong eun) does not match. Each syllable is decomposed (Unicode
jamo arithmetic) and spelt with that system's letters; a personal name becomes the
surname plus one word per syllable, as the lists write it.
"""

from __future__ import annotations

from functools import lru_cache

_INITIAL = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "kh", "th", "ph", "h"]
_MEDIAL = ["a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi",
           "yu", "u", "ui", "i"]
_FINAL = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t",
          "ng", "t", "t", "k", "t", "p", "t"]
# surnames whose list spelling is not the plain reading of the syllable
_SURNAMES = {"김": "kim", "박": "pak", "리": "ri", "이": "ri", "최": "choe", "조": "jo", "정": "jong", "강": "kang",
             "고": "ko", "구": "ku", "권": "kwon", "길": "kil", "기": "ki", "곽": "kwak", "동": "tong", "도": "to",
             "변": "pyon", "방": "pang", "백": "paek", "배": "pae", "표": "pyo", "태": "thae"}


def _syllable(ch: str, first: bool) -> str:
    code = ord(ch) - 0xAC00
    if not 0 <= code < 11172:
        return ch
    i, rest = divmod(code, 588)
    m, f = divmod(rest, 28)
    initial = _INITIAL[i]
    if first and initial in ("g", "d", "b"):  # voiceless at the start of a name: Kim, Tong, Pak
        initial = {"g": "k", "d": "t", "b": "p"}[initial]
    return initial + _MEDIAL[m] + _FINAL[f]


def _is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


@lru_cache(maxsize=100_000)
def hangul_reading(text: str, person: bool) -> tuple[str, ...]:
    """Words in list spelling; a person's name of 2-4 syllables is split into surname and syllables."""
    words = [w for w in text.split() if w]
    out: list[str] = []
    for word in words:
        syllables = [ch for ch in word if _is_hangul(ch)]
        if not syllables:
            continue
        if person and len(syllables) == 1 and len(words) == 2:  # 병철 김: the one-syllable word is the surname
            out.append(_SURNAMES.get(syllables[0], _syllable(syllables[0], True)))
        elif person and len(words) == 2:  # the given name of "병철 김", one word per syllable
            out.extend(_syllable(s, False) for s in syllables)
        elif person and 2 <= len(syllables) <= 4 and len(words) == 1:
            surname = _SURNAMES.get(syllables[0], _syllable(syllables[0], True))
            out.append(surname)
            out.extend(_syllable(s, False) for s in syllables[1:])
        else:
            out.append("".join(_syllable(s, i == 0) for i, s in enumerate(syllables)))
    return tuple(out)
