"""A name prepared for comparison: folded, legal form set aside, read in Latin letters.

One ``NameForm`` carries every reading the scorer may use, each labelled with how
it was obtained, so the explanation can say "compared through pinyin" or
"katakana compared phonetically".
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from mamoru.screening.cedict import japanese_form
from mamoru.screening.hangul import hangul_reading
from mamoru.screening.hanja import korean_reading
from mamoru.screening.kana import katakana_compounds_split, katakana_reading
from mamoru.screening.legal_forms import split_cjk_legal_form, split_legal_form
from mamoru.screening.text import fold, is_cjk_char, main_script
from mamoru.screening.translit import greek_spoken, latin, looks_chinese, name_romaji, pinyin, romaji, skeleton, wade_giles
from mamoru.screening.zh_foreign import foreign_tokens

# Readings, in the order they are tried; the first is the name's own spelling.
AS_WRITTEN = "as_written"
ROMAJI = "romaji"
PINYIN = "pinyin"
WADE_GILES = "wade_giles"  # a Chinese person as Taiwan spells names (林佳龍 Lin Chia-lung)
TRANSLIT = "transliterated"
HANGUL = "hangul"  # Korean, spelt as the lists spell it (KIM JONG UN)
HANJA = "hanja"  # a Korean name in hanja, read through its Hangul (金正恩 → 김정은 → KIM JONG UN)
ZH_FOREIGN = "zh_foreign"  # a foreign name written in hanzi by sound, read as katakana is (zh_foreign.py)


@dataclass(frozen=True, slots=True)
class Reading:
    """The name as a sequence of Latin-letter tokens, and how they were obtained."""

    tokens: tuple[str, ...]
    method: str


@dataclass(frozen=True, slots=True)
class NameForm:
    """Everything the scorer and the index need to know about one name string."""

    original: str
    kind: str  # person / organization / unknown
    script: str  # Latin, Han, Kana, Hangul, Cyrillic, ...
    cjk_chunks: tuple[str, ...]  # Han/kana text without legal form, split where the name had spaces
    readings: tuple[Reading, ...]
    legal_forms: tuple[str, ...]
    katakana: bool  # a katakana rendering: compare its skeleton with Latin skeletons

    @property
    def cjk(self) -> str:
        return "".join(self.cjk_chunks)

    def skeletons(self) -> tuple[str, ...]:
        """Consonant skeletons of the first reading's tokens (for katakana ↔ Latin)."""
        if not self.readings:
            return ()
        return tuple(s for s in (skeleton(t) for t in self.readings[0].tokens) if s)


def _is_org(kind: str) -> bool:
    return kind != "person"


def _latin_tokens(text: str) -> tuple[str, ...]:
    return tuple(tok for tok in fold(latin(text)).split() if tok)


def _mixed_readings(general: tuple[str, ...], named: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Each word read by one reader and the others by the other, where the two readers read a name's
    words alike in number but differently: 古屋圭司 is furuya keishi to pykakasi and koya keiji to
    Sudachi's names, and Furuya Keiji to the list that has him."""
    if len(general) != len(named) or len(general) < 2 or sum(a != b for a, b in zip(general, named)) < 2:
        return []
    return [general[:i] + (named[i],) + general[i + 1 :] for i in range(len(general)) if general[i] != named[i]]


@lru_cache(maxsize=300_000)
def name_form(text: str, kind: str = "unknown") -> NameForm:
    """Prepare ``text`` once; cached, since list names and partner names recur."""
    if text.isascii():  # fast path, same result: nothing to normalise or transliterate
        return _ascii_form(text, kind)
    nfkc = unicodedata.normalize("NFKC", text).strip()
    script = main_script(nfkc)
    legal: tuple[str, ...] = ()
    if script in ("Han", "Kana", "Hangul") and _is_org(kind):
        nfkc, legal = split_cjk_legal_form(nfkc)
    folded = fold(nfkc)
    if _is_org(kind) and folded:
        folded, latin_forms = split_legal_form(folded)
        legal += latin_forms
    readings: list[Reading] = []
    chunks: tuple[str, ...] = ()
    katakana = False
    if script == "Hangul":  # dense like Han: compare syllables directly as well as read
        chunks = tuple(c for c in ("".join(ch for ch in w if "\uac00" <= ch <= "\ud7a3") for w in folded.split()) if c)
        listed = hangul_reading(folded, kind == "person")
        if listed:  # as the lists spell Korean names (KIM JONG UN), before the generic reading
            readings.append(Reading(listed, HANGUL))
        tokens = _latin_tokens(folded)
        if tokens:
            readings.append(Reading(tokens, TRANSLIT))
    elif script in ("Han", "Kana"):
        chunks = tuple(
            c for c in ("".join(ch for ch in word if is_cjk_char(ch)) for word in folded.split()) if c
        )
        cjk_text = " ".join(chunks)
        katakana = script == "Kana" and all(
            unicodedata.name(ch, "").startswith("KATAKANA") or ch == "ー" for ch in "".join(chunks)
        )
        if katakana:  # a foreign name rendered in katakana: read it as such (ティ → ti, not tei)
            # a firm's words written together (ウェスタンデジタル: Western Digital) are read as words first,
            # then whole, for a list that writes them as one (compare._phonetic tries both)
            split = katakana_compounds_split(cjk_text) if _is_org(kind) else cjk_text
            readings.append(Reading(katakana_reading(split), ROMAJI))
            if split != cjk_text:
                readings.append(Reading(katakana_reading(cjk_text), ROMAJI))
        elif script == "Kana" or not looks_chinese(cjk_text):
            readings.append(Reading(romaji(cjk_text), ROMAJI))
            if kind == "person" and script == "Han":  # names have readings a general reader misses
                readings.append(Reading(name_romaji(cjk_text), ROMAJI))
                readings += [Reading(mixed, ROMAJI) for mixed in _mixed_readings(readings[-2].tokens, readings[-1].tokens)]
        if script == "Han":
            readings.append(Reading(pinyin(cjk_text), PINYIN))
            if kind == "person" and len(cjk_text.replace(" ", "")) <= 4:  # Taiwan spells its people so
                readings.append(Reading(wade_giles(cjk_text), WADE_GILES))
            if looks_chinese(cjk_text):  # a Japanese name as China writes it (山谷绘里子): read the Japanese way too
                japanese = japanese_form(cjk_text)
                if japanese:
                    readings.append(Reading(romaji(japanese), ROMAJI))
                    if kind == "person":
                        readings.append(Reading(name_romaji(japanese), ROMAJI))
            hangul = korean_reading(chunks) if kind != "organization" else ""
            if hangul:  # a name of the Korean shape may be Korean: its Korean reading too
                readings.append(Reading(hangul_reading(hangul, True), HANJA))
            foreign = foreign_tokens(nfkc, kind)
            if foreign:
                readings.append(Reading(foreign, ZH_FOREIGN))
        rest = _latin_tokens("".join(ch if not is_cjk_char(ch) else " " for ch in folded))
        if rest:  # Latin words written next to the CJK ones, e.g. "TOSHIBA 株式会社東芝"
            readings = [Reading(r.tokens + rest, r.method) for r in readings]
            readings.append(Reading(rest, AS_WRITTEN))
    else:
        tokens = _latin_tokens(folded)
        method = AS_WRITTEN if script in ("Latin", "Common") else TRANSLIT
        if tokens:
            readings.append(Reading(tokens, method))
        if script == "Greek":  # as spoken too: Μεντβέντεφ is Medvedev, not "mentventef"
            readings.append(Reading(tuple(fold(greek_spoken(folded)).split()), TRANSLIT))
    readings = [r for r in readings if r.tokens]
    return NameForm(
        original=text,
        kind=kind,
        script=script,
        cjk_chunks=chunks,
        readings=tuple(dict.fromkeys(readings)),
        legal_forms=legal,
        katakana=katakana,
    )


def _ascii_form(text: str, kind: str) -> NameForm:
    folded = fold(text)
    legal: tuple[str, ...] = ()
    if _is_org(kind) and folded:
        folded, legal = split_legal_form(folded)
    tokens = tuple(folded.split())
    script = "Latin" if any(ch.isalpha() for ch in text) else "Common"
    readings = (Reading(tokens, AS_WRITTEN),) if tokens else ()
    return NameForm(text, kind, script, (), readings, legal, False)
