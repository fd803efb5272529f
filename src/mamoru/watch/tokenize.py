"""Words of a text as comparable base forms, Japanese and English.

Japanese has no spaces, so a character n-gram or a regex cannot tell 乾燥 (drying) in
乾燥条件 from 乾燥 in 乾燥地帯 reliably, nor see that 混ぜ合わせた and 混ぜ合わせる are one
word. SudachiPy with its packaged core dictionary (``sudachidict_core``, installed from
PyPI, nothing fetched at run time) splits in its shortest mode (A: 乾燥条件 → 乾燥 / 条件)
and gives each word's *normalised form* (撹拌/攪拌/かくはん → 撹拌, 出来る → できる), so a
reworded passage meets the element's description on the same words.

English words are lower-cased and lightly stemmed (sintering/sintered → sinter), then
looked up in a small technical glossary (``features.GLOSSARY``) that maps them onto the
Japanese base form, so "drying temperature" meets 乾燥温度.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Parts of speech that carry content; particles, auxiliaries, symbols and numerals do not.
_CONTENT = ("名詞", "動詞", "形容詞", "形状詞")
_SKIP_SUB = ("数詞", "代名詞", "非自立可能")
_LATIN = re.compile(r"[a-z][a-z0-9]*")
_HAS_JA = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
MAX_CHUNK = 4000  # Sudachi refuses input over ~49 kB; passages are far shorter, but a caller may not be


@lru_cache(maxsize=1)
def sudachi():
    """One Sudachi tokenizer per process (the core dictionary loads once), with split mode A; screening
    reads personal names with it too (its own mode C)."""
    from sudachipy import Dictionary, SplitMode

    dictionary = Dictionary(dict="core")
    make = getattr(dictionary, "tokenizer", None) or dictionary.create  # 0.7 renamed create() to tokenizer()
    return make(), SplitMode.A


def fold(text: str) -> str:
    """NFKC and lower case: full-width ＭＰａ and half-width ｶﾅ become MPa / カナ, one spelling each."""
    return unicodedata.normalize("NFKC", text).lower()


def stem(word: str) -> str:
    """A light English stem: enough to meet sinter/sintering/sintered, not a linguist's stemmer."""
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not word.endswith("ss"):
            return word[: -len(suffix)] + keep
    return word


def japanese_words(text: str) -> list[str]:
    """Content words of Japanese text as Sudachi normalised forms, in order."""
    tokenizer, mode = sudachi()
    words: list[str] = []
    for start in range(0, len(text), MAX_CHUNK):
        for m in tokenizer.tokenize(text[start : start + MAX_CHUNK], mode):
            if not _HAS_JA.search(m.surface()):  # Latin words are ours to handle, not katakana guesses
                continue
            pos = m.part_of_speech()
            if pos[0] not in _CONTENT or pos[1] in _SKIP_SUB:
                continue
            form = m.normalized_form()
            if len(form) == 1 and "\u3040" <= form <= "\u30ff":  # a lone kana is grammar, not content
                continue
            words.append(form)
    return words


def latin_words(text: str) -> list[str]:
    """Latin-script words of folded text, stemmed, two letters or more."""
    return [stem(w) for w in _LATIN.findall(text) if len(w) >= 2]


def words(text: str) -> list[str]:
    """All content words of ``text`` (either language), folded; English ones stemmed."""
    folded = fold(text)
    out = latin_words(folded)
    if _HAS_JA.search(folded):
        out.extend(japanese_words(folded))
    return out
