"""Katakana read as the foreign names it renders: ティ → ti, ドゥ → du, ウォ → wo, ヴァ → va.

pykakasi reads katakana as Japanese words (ティ → "tei", ドゥ → "dou", ウォ → "uo",
ジェ → "jie"), which breaks the spelling of foreign names that Japanese officials
write in katakana. This is the standard Hepburn table plus the small-kana
combinations of the government's loanword notation (外来語の表記, 1991); long
vowel marks are dropped (passport style) and ッ is silent (the next consonant is
written once, as most Latin spellings do for these names).
"""

from __future__ import annotations

from functools import lru_cache

_ROWS = {
    "": "アイウエオ", "k": "カキクケコ", "g": "ガギグゲゴ", "s": "サシスセソ", "z": "ザジズゼゾ",
    "t": "タチツテト", "d": "ダヂヅデド", "n": "ナニヌネノ", "h": "ハヒフヘホ", "b": "バビブベボ",
    "p": "パピプペポ", "m": "マミムメモ", "y": "ヤ ユ ヨ", "r": "ラリルレロ", "w": "ワヰ ヱヲ",
}
_SINGLE: dict[str, str] = {}
for consonant, kana in _ROWS.items():
    for vowel, ch in zip("aiueo", kana):
        if ch != " ":
            _SINGLE[ch] = consonant + vowel
_SINGLE.update({"シ": "shi", "チ": "chi", "ツ": "tsu", "フ": "fu", "ジ": "ji", "ヂ": "ji", "ヅ": "zu",
                "ヰ": "i", "ヱ": "e", "ヲ": "o", "ン": "n", "ヴ": "vu",
                "ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o", "ャ": "ya", "ュ": "yu", "ョ": "yo", "ヮ": "wa"})

_PAIRS: dict[str, str] = {}
for ch, base in (("キ", "k"), ("ギ", "g"), ("ニ", "n"), ("ヒ", "h"), ("ビ", "b"), ("ピ", "p"), ("ミ", "m"), ("リ", "r")):
    _PAIRS.update({ch + "ャ": base + "ya", ch + "ュ": base + "yu", ch + "ョ": base + "yo", ch + "ェ": base + "ye"})
for ch, base in (("シ", "sh"), ("チ", "ch"), ("ジ", "j")):
    _PAIRS.update({ch + "ャ": base + "a", ch + "ュ": base + "u", ch + "ョ": base + "o", ch + "ェ": base + "e"})
_PAIRS.update({
    "ティ": "ti", "ディ": "di", "トゥ": "tu", "ドゥ": "du", "テュ": "tyu", "デュ": "dyu",
    "ウィ": "wi", "ウェ": "we", "ウォ": "wo", "ウァ": "wa",
    "ヴァ": "va", "ヴィ": "vi", "ヴェ": "ve", "ヴォ": "vo", "ヴャ": "vya", "ヴュ": "vyu", "ヴョ": "vyo",
    "ファ": "fa", "フィ": "fi", "フェ": "fe", "フォ": "fo", "フュ": "fyu",
    "ツァ": "tsa", "ツィ": "tsi", "ツェ": "tse", "ツォ": "tso",
    "クァ": "kwa", "クィ": "kwi", "クェ": "kwe", "クォ": "kwo", "グァ": "gwa",
    "スィ": "si", "ズィ": "zi", "イェ": "ye", "ホゥ": "ho",
})


@lru_cache(maxsize=200_000)
def katakana_word(word: str) -> str:
    """One katakana word in Latin letters (hiragana is read through its katakana twin)."""
    word = "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in word)
    out: list[str] = []
    i = 0
    while i < len(word):
        pair = word[i : i + 2]
        if pair in _PAIRS:
            out.append(_PAIRS[pair])
            i += 2
            continue
        ch = word[i]
        if ch in ("ー", "ッ", "・"):
            pass
        elif ch in _SINGLE:
            out.append(_SINGLE[ch])
        elif ch.isascii() and ch.isalnum():
            out.append(ch.lower())
        i += 1
    return "".join(out)


def katakana_reading(text: str) -> tuple[str, ...]:
    """Words of a katakana name (split on spaces, ・, =) in Latin letters."""
    words = text.replace("・", " ").replace("=", " ").replace("＝", " ").split()
    return tuple(w for w in (katakana_word(x) for x in words) if w)
