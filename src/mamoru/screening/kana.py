"""Katakana read as the foreign names it renders: ティ → ti, ドゥ → du, ウォ → wo, ヴァ → va.

pykakasi reads katakana as Japanese words (ティ → "tei", ドゥ → "dou", ウォ → "uo",
ジェ → "jie"), which breaks the spelling of foreign names that Japanese officials
write in katakana. This is the standard Hepburn table plus the small-kana
combinations of the government's loanword notation (外来語の表記, 1991); long
vowel marks are dropped (passport style) and ッ is silent (the next consonant is
written once, as most Latin spellings do for these names).
"""

from __future__ import annotations

import re
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
for ch, base in (("シ", "sh"), ("チ", "ch"), ("ジ", "j"), ("ヂ", "j")):
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


COMPOUND_MIN = 6  # a katakana word this long may be English words written without ・


@lru_cache(maxsize=100_000)
def katakana_compounds_split(text: str) -> str:
    """A firm's katakana words written together (ウェスタンデジタル) split where Sudachi's dictionary of
    loanwords splits them (ウェスタン デジタル, Western Digital); ``text`` unchanged when none is."""
    from mamoru.watch.tokenize import sudachi

    tokenizer, mode = sudachi()
    out: list[str] = []
    for word in text.replace("・", " ").replace("=", " ").replace("＝", " ").split():
        parts = [m.surface() for m in tokenizer.tokenize(word, mode)] if len(word) >= COMPOUND_MIN else [word]
        if len(parts) > 1 and all(len(p) >= 2 and all("\u30a0" <= ch <= "\u30ff" for ch in p) for p in parts):
            out.extend(parts)
        else:
            out.append(word)
    return " ".join(out)


def katakana_reading(text: str) -> tuple[str, ...]:
    """Words of a katakana name (split on spaces, ・, =) in Latin letters."""
    words = text.replace("・", " ").replace("=", " ").replace("＝", " ").split()
    return tuple(w for w in (katakana_word(x) for x in words) if w)


# Sounds that Japanese writes one way and the lists' languages several. Each rule gives another
# Latin reading of the same katakana; the person-name comparison keeps whichever fits best.
_FINAL_ALTERNATIVES = (
    ("fu", "h"),  # フ ends Russian -kh and Arabic -h as well as -v / -f: ピャティフ Pyatykh, バイナフ Baynah
    ("ku", "kh"),  # ク ends Arabic -kh: シャイク Shaikh, シャムラク Shamlakh
    ("pu", "b"),  # a final b is voiceless in Russian and Georgian: ズラプ Zurab, ベッサラプ Bessarab
)
_MEDIAL_FU = re.compile(r"(?<=[a-z])fu(?=[bcdfghjklmnpqrstvwxz])")
_MEDIAL_TO = re.compile(r"(?<=[a-z])to(?=[kpsf])")
_UKRAINIAN_H = re.compile(r"(?<=[aeioru])h(?=[aeiou])")
_UKRAINIAN_FU = re.compile(r"(?<=[aeiour])fu(?![aeiou])")


@lru_cache(maxsize=200_000)
def loanword_spellings(word: str, long_end: bool = False) -> tuple[str, ...]:
    """Other Latin readings of one romanised katakana word of a foreign person's name.

    ウ before a consonant is a vowel in Arabic names (ウダイ Uday, ウマル Umar) as well as the V / W
    of European ones (ウラジーミル); シ is French and Portuguese "ch" (シェリフ Cherif); ジ is "zi"
    in Slavic names (コジツィン Kozitsyn) and シェ also Russian "shche" (ユシェンコ Yushchenko); a final
    フ or ク may be a "kh" or an "h", a final プ a "b"; フ before a consonant may be a "v" and ト
    before k, p, s, f a "d" (Russian devoicing: サフチェンコ Savchenko, フラトコフ Fradkov); a word
    ending in a long vowel (``long_end``: ペーター) may end in an English r that is not heard
    (Peter); ホ between vowels or after ル, and フ before a consonant or at the end, are a Ukrainian
    h where lists write the Russian g (ドルホポロフ Dolgopolov, オレフ Oleg). The reading compared before these rules comes first; eight at most.
    """
    out = [word]

    def add(change) -> None:
        out.extend([v for v in (change(w) for w in out) if v and v not in out][: max(0, 8 - len(out))])

    if len(word) > 2 and word[0] == "u" and word[1] not in "aeiou":
        out[0] = "w" + word[1:]  # the reading compared so far (ウラジーミル Vladimir)
        add(lambda w: "u" + w[1:] if w[0] == "w" else None)
    if "sh" in word:
        add(lambda w: w.replace("sh", "ch") if "sh" in w else None)
    if "she" in word:  # Russian щ: ユシェンコ Yushchenko
        add(lambda w: w.replace("she", "shche") if "she" in w else None)
    if "ji" in word:
        add(lambda w: w.replace("ji", "zi") if "ji" in w else None)
    if _UKRAINIAN_H.search(word):  # Ukrainian h for Russian g: ドルホポロフ Dolgopolov, イーホル Igor
        add(lambda w: _UKRAINIAN_H.sub("g", w))
    if _UKRAINIAN_FU.search(word):  # … and before a consonant or at the end: オレフ Oleg, モルフン Morgun
        add(lambda w: _UKRAINIAN_FU.sub("g", w))
    if _MEDIAL_FU.search(word):  # Russian v before a voiceless consonant: サフチェンコ Savchenko
        add(lambda w: _MEDIAL_FU.sub("v", w))
    if _MEDIAL_TO.search(word):  # and d: フラトコフ Fradkov
        add(lambda w: _MEDIAL_TO.sub("d", w))
    for ending, instead in _FINAL_ALTERNATIVES:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            add(lambda w, e=ending, i=instead: w[: -len(e)] + i if w.endswith(e) else None)
    if long_end and word[-1] in "aeiou" and sum(ch not in "aeiou" for ch in word) >= 2:
        add(lambda w: w + "r" if w[-1] in "aeiou" else None)
    return tuple(out)


def long_ended(chunks: tuple[str, ...]) -> frozenset[str]:
    """Romanised words of a katakana name whose katakana ends in a long vowel mark (ペーター → "peta")."""
    return frozenset(katakana_word(c) for c in chunks if c.endswith("ー"))
