"""Blocking keys: the cheap handles by which a name is found before it is scored.

A name gets keys for its words, their sounds (metaphone), their consonant
skeletons (which also bridge katakana and Latin), pairs of word sounds (so that
two common words together still narrow the field), the words run together, and
Han/kana chunks and character pairs. Keys are hashed to 64-bit integers so that
an index of a million names fits in a few flat arrays.
"""

from __future__ import annotations

import re
import zlib
from functools import lru_cache

from rigour.text.phonetics import metaphone

from mamoru.screening.compare import (
    _KANA_EXONYMS,
    WEAK_TOKENS,
    _loose,
    _weak_skeletons,
    english_spoken,
    katakana_letters,
    katakana_onset,
)
from mamoru.screening.names import AS_WRITTEN, ROMAJI, TRANSLIT, ZH_FOREIGN, NameForm
from mamoru.screening.translit import abjad_skeleton, abjad_tokens, skeleton

ABJADS = frozenset({"Arabic", "Hebrew", "Syriac", "Thaana"})

MAX_PAIR_TOKENS = 6
MAX_GLOSS_WORDS = 12  # a character with more senses than this says nothing for blocking

# key kinds and how much a shared key of that kind says about a candidate
KIND_WEIGHT = {"t": 1.0, "m": 0.8, "s": 0.6, "p": 2.0, "j": 1.5, "c": 2.0, "b": 1.0, "k": 1.5, "d": 0.4, "l": 1.0}
# bumped whenever the keys of a name change, so that an index saved by an older version is rebuilt
KEYS_VERSION = "2026-11-30.orgs"


def key_hash(key: str) -> int:
    """Stable across processes and machines (Python's hash() is salted)."""
    data = key.encode("utf-8")
    return (zlib.crc32(data) << 32) | zlib.adler32(data)


@lru_cache(maxsize=500_000)
def _token_keys(token: str, katakana: bool, spoken: bool = True) -> tuple[tuple[str, str], ...]:
    out = [("t", token)]
    if len(token) >= 3 and not token.isdigit():
        m = metaphone(token)
        if m:
            out.append(("m", m))
        sk = skeleton(katakana_onset(token) if katakana else token)
        if len(sk) >= 2:
            out.append(("s", sk))
        if len(sk) >= 4:  # one sound apart (ミュニションズ mnsns / MUNITIONS mntns): deletion neighbours
            out.extend(("d", sk[:i] + sk[i + 1 :]) for i in range(len(sk)))
        if katakana and katakana_onset(token) != token and len(skeleton(token)) >= 2:  # ウラル: Ural as well
            out.append(("s", skeleton(token)))
        if not katakana and spoken:  # as katakana hears English: ノース finds North, センター Center
            spoken = skeleton(english_spoken(token))
            if len(spoken) >= 2 and spoken != sk:
                out.append(("s", spoken))
    if katakana:  # ピーケーケー spells PKK; オランダ is the Netherlands
        out.extend(("t", w) for w in (katakana_letters(token), _KANA_EXONYMS.get(token, "")) if w)
    return tuple(out)


def _is_weak_katakana(token: str) -> bool:
    """トレーディング, インダストリーズ …: generic words, as little use for blocking as in English."""
    return skeleton(katakana_onset(token)) in _weak_skeletons()


def gloss_keys(form: NameForm) -> dict[str, str]:
    """A Chinese firm name is also found by the English words of its dictionary glosses."""
    if form.script not in ("Han", "Kana") or form.kind == "person" or not form.cjk or form.katakana:
        return {}
    from mamoru.screening.cedict import segments

    keys: dict[str, str] = {}
    for word, words in segments(form.cjk):
        if len(words) <= MAX_GLOSS_WORDS:
            for w in words:
                keys["t:" + w] = "t"
                keys["t:" + w + "s"] = "t"
    # the katakana words of a mixed name are sounds (研究設計技術局オネガ: Onega), found as such
    from mamoru.screening.kana import katakana_word

    sounds: list[str] = []
    for run in (r for chunk in form.cjk_chunks for r in _KATAKANA_RUN.findall(chunk)):
        word = katakana_word(run)
        if len(word) >= 3 and not _is_weak_katakana(word):
            for kind, value in _token_keys(word, True):
                keys[f"{kind}:{value}"] = kind
                if kind == "s" and len(value) >= 3:
                    keys["d:" + value] = "d"
            sounds.append(skeleton(katakana_onset(word)))
            if len(sounds[-1]) <= SHORT_SKELETON:  # 「ソボル」（自称）: Sobol, a name of one short word
                keys.update(_vowel_keys(word, True))
    # two katakana words together narrow the field as pairs do in name_keys (アル・ワセル・バーベル総合貿易)
    head = sorted(set(s for s in sounds[:MAX_PAIR_TOKENS] if len(s) >= 2))
    for i, a in enumerate(head):
        for b in head[i + 1 :]:
            keys[f"p:{a}|{b}"] = "p"
    # Latin words beside the Japanese ones are the name as written (PSVテクノロジーズ, （KRET）)
    for reading in form.readings:
        if reading.method == AS_WRITTEN:
            for token in reading.tokens:
                if len(token) >= 2 and token not in WEAK_TOKENS:
                    for kind, value in _token_keys(token, False):
                        keys[f"{kind}:{value}"] = kind
            if len(reading.tokens) == 1:
                keys["j:" + reading.tokens[0]] = "j"
    return keys


_KATAKANA_RUN = re.compile(r"[\u30a1-\u30fa\u30fc]{2,}")


SHORT_SKELETON = 3  # a name of one word of this many sounds or fewer is also keyed with its vowels


def _vowel_keys(token: str, katakana: bool) -> dict[str, str]:
    spellings = [_loose(token, katakana)] + ([] if katakana else [_loose(english_spoken(token), False)])
    return {"l:" + loose: "l" for loose in spellings}


def name_keys(form: NameForm) -> dict[str, str]:
    """All keys of a name, as {key string: kind}."""
    keys: dict[str, str] = {}
    # a skeleton among the deletion keys matches a word one sound longer (インターナショナル ntnsnr /
    # INTERNATIONAL ntrnsnr; シネジス snds / SYNESIS sns): for sounds across scripts, and firm names
    # (among Latin persons' names it brought namesakes in ahead of the right one)
    whole_skeleton = form.katakana or form.kind != "person" or any(r.method == ZH_FOREIGN for r in form.readings)
    for reading in form.readings:
        strong = [t for t in reading.tokens if t not in WEAK_TOKENS and len(t) >= 2
                  and not (form.katakana and _is_weak_katakana(t))]
        if len(strong) < 2 and form.kind != "person":
            # a firm named mostly in generic words (International Industrial Development Bank,
            # AL-BASHAIR TRADING): those words are all there is to find it by, and IDF weighs them
            strong = [t for t in reading.tokens if len(t) >= 2] or list(reading.tokens)
        strong = strong or list(reading.tokens)
        sounds: list[str] = []
        for token in strong:
            # English as spoken: for names in Latin letters, not for transliterated Arabic or Cyrillic
            token_keys = _token_keys(token, form.katakana, reading.method != TRANSLIT)
            for kind, value in token_keys:
                keys[f"{kind}:{value}"] = kind
                if kind == "s" and len(value) >= 3 and whole_skeleton:
                    keys["d:" + value] = "d"
            # pairs of word skeletons: the same on a katakana and a Latin spelling
            skel = [v for k, v in token_keys if k == "s"]
            sounds.append(skel[0] if skel else token)
        if len(strong) == 1 and reading.method in (AS_WRITTEN, ROMAJI) and len(sounds[0]) <= SHORT_SKELETON and len(strong[0]) >= 3:
            # a name of one short word (ロモ / Lomo): its skeleton "rm" is shared by hundreds; its vowels are not
            keys.update(_vowel_keys(strong[0], form.katakana))
        head = sorted(set(sounds[:MAX_PAIR_TOKENS]))
        for i, a in enumerate(head):
            for b in head[i + 1 :]:
                keys[f"p:{a}|{b}"] = "p"
        if 1 < len(reading.tokens) <= 4:
            keys["j:" + "".join(reading.tokens)] = "j"
            # the whole name's consonant skeleton: bridges short words split differently
            # (ペ・ウォンウク / PAE WON UK, チェ・ソンイル / CHOE SONG IL)
            whole = "".join(reading.tokens)
            sk = skeleton(katakana_onset(whole) if form.katakana else whole)
            if len(sk) >= 3:
                keys["k:" + sk] = "k"
        elif len(reading.tokens) == 1:
            keys["j:" + reading.tokens[0]] = "j"
    keys.update(gloss_keys(form))
    if form.script in ABJADS and form.readings:  # Arabic / Hebrew: skeletons with w, y as vowels
        for token in abjad_tokens(form.original, form.readings[0].tokens):
            sk = abjad_skeleton(token)
            if len(sk) >= 2:
                keys["s:" + sk] = "s"
    elif form.readings:
        for token in form.readings[0].tokens:
            if ("w" in token or "y" in token) and len(token) >= 3:
                sk = abjad_skeleton(token)
                if len(sk) >= 2:
                    keys["s:" + sk] = "s"
    for chunk in form.cjk_chunks:
        keys["c:" + chunk] = "c"
    cjk = form.cjk
    for i in range(len(cjk) - 1):
        keys["b:" + cjk[i : i + 2]] = "b"
    return keys
