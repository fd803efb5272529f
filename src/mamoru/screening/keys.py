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
from itertools import product
from typing import Callable, Iterable, Sequence

from rigour.text.phonetics import metaphone

from mamoru.screening.abjad import (
    compound_skeletons,
    compound_words,
    long_vowel_keys,
    whole_rotations,
    whole_skeleton,
    word_skeletons,
)
from mamoru.screening.acronyms import acronym, initials
from mamoru.screening.arabic_words import arabic_sense_keys
from mamoru.screening.compare import (
    _KANA_EXONYMS,
    _UNVOICED,
    WEAK_TOKENS,
    _loose,
    _weak_skeletons,
    english_said,
    english_spoken,
    french_said,
    katakana_letters,
    katakana_onset,
)
from mamoru.screening.korean import korean_key
from mamoru.screening.names import AS_WRITTEN, PINYIN, ROMAJI, TRANSLIT, WADE_GILES, ZH_FOREIGN, NameForm
from mamoru.screening.text import fold
from mamoru.screening.translit import abjad_skeleton, east_slavic, east_slavic_marked, skeleton
from mamoru.screening.russian_words import russian_sense_keys
from mamoru.screening.zh_foreign import (alternative_skeletons, brand_sounds, french_o, given_name_guesses, hard_h, part_skeletons,
                                         whole_skeletons, unsound_d, unsound_r)

ABJADS = frozenset({"Arabic", "Hebrew", "Syriac", "Thaana"})

MAX_PAIR_TOKENS = 6
MAX_PAIR_READINGS = 4  # readings of a katakana word paired with the next word's (keys grow as their product)
MAX_GLOSS_WORDS = 12  # a character with more senses than this says nothing for blocking

# key kinds and how much a shared key of that kind says about a candidate
KIND_WEIGHT = {"t": 1.0, "m": 0.8, "s": 0.6, "p": 2.0, "j": 1.5, "c": 2.0, "b": 1.0, "k": 1.5, "d": 0.4, "r": 2.0,
               "l": 1.0, "a": 2.0, "v": 1.5}
# bumped whenever the keys of a name change, so that an index saved by an older version is rebuilt
KEYS_VERSION = "2026-12-04.issue10-r19-th-as-t"


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
        if not katakana:  # an r after a vowel, unsounded in Chinese and Japanese (Warden 沃登 ウォーデン bdn)
            quiet = skeleton(unsound_r(token))
            if quiet != sk and len(quiet) >= 2:
                out.append(("s", quiet))
            hard = skeleton(hard_h(token))  # ch as k, th as t, as China hears them (Echodyne 埃科达因 kdn)
            if hard not in (sk, quiet) and len(hard) >= 2:
                out.append(("s", hard))
            french = skeleton(french_o(token))  # -ault, -eau as France says them (Dassault 达索 ダッソー ds)
            if french not in (sk, quiet, hard) and len(french) >= 2:
                out.append(("s", french))
            said = skeleton(french_said(token))  # a French name as Japan writes it (Dupont デュポン, Laurent ローラン)
            if said not in (sk, quiet, hard, french) and len(said) >= 2:
                out.append(("s", said))
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
    from mamoru.screening.cedict import key_word_groups

    # the senses of one Chinese word are one group: a name matching several (技术: technical,
    # technology, skill) counts once (index.rank)
    keys: dict[str, str] = {"t:" + w: "t" if g < 0 else f"t{g}"
                            for w, g in sorted(key_word_groups(form.cjk, MAX_GLOSS_WORDS).items())}
    keys.update(brand_keys(form))
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


def brand_keys(form: NameForm) -> dict[str, str]:
    """A Chinese firm's brand written by sound before the words by meaning (尼罗斯科技: n-r-s).

    Part of ``gloss_keys``; ``meaning_keys`` are the others."""
    if form.script != "Han" or form.kind == "person" or not form.cjk:
        return {}
    keys = {f"{kind}:{value}": kind for token in brand_sounds(form.original) for kind, value in _token_keys(token, True)}
    for token in brand_sounds(form.original):  # pinyin's unaspirated g, d, b as k, t, p (西科斯基 sksg: Sikorsky sksk)
        hard = skeleton(katakana_onset(token)).translate(_UNVOICED)
        if len(hard) >= 3:
            keys.setdefault("s:" + hard, "d")  # weighed as a near miss unless a word has it
    return keys


def translation_keys(form: NameForm) -> dict[str, str]:
    """An Arabic or Persian body's name by the English senses of its words (شرکت ابزار برشی کاوه: tools,
    cutting): among the names of its own transliteration (Abzar Boresh Kaveh Co.), which share every
    sound, its translation (KAVEH CUTTING TOOLS COMPANY) falls below a quarter of the best weight."""
    if form.kind == "person" or form.script != "Arabic":
        return {}
    return arabic_sense_keys(form.original)


def meaning_keys(form: NameForm) -> dict[str, str]:
    """``gloss_keys`` without the brand's sounds: a Chinese firm name's words by meaning."""
    brand = brand_keys(form)
    return {k: v for k, v in gloss_keys(form).items() if k not in brand}


def _person_sound_keys(form: NameForm) -> dict[str, str]:
    """A person's name in katakana is also found by the other readings of its ambiguous kana
    (シェリフ: Cherif as well as Sherif; ウダイ: Uday as well as Wday; see kana.loanword_spellings),
    by the sound of its words with l for r, and by pairs of those readings."""
    if not (form.katakana and form.kind == "person" and form.readings):
        return {}
    from mamoru.screening.kana import long_ended, loanword_spellings

    keys: dict[str, str] = {}
    long_end = long_ended(form.cjk_chunks)
    sounds: list[set[str]] = []  # every skeleton of each word, for pairs of word sounds
    for token in form.readings[0].tokens[:MAX_PAIR_TOKENS]:
        spellings = loanword_spellings(token, token in long_end)
        sounds.append({skeleton(katakana_onset(token))} | {skeleton(s) for s in spellings[1:MAX_PAIR_READINGS]})
        if "r" in token and len(token) >= 3:  # Japanese r is the lists' l as often as their r (ルバンガ Lubanga)
            keys["m:" + metaphone(token.replace("r", "l"))] = "m"
        for spelling in spellings[1:]:
            sk = skeleton(spelling)
            if len(sk) >= 2:
                keys["s:" + sk] = "s"
            if len(sk) >= 4:
                keys.update(("d:" + sk[:i] + sk[i + 1 :], "d") for i in range(len(sk)))
    keys.update(_pairs_of(sounds))
    return keys


def _pairs_of(sounds: Sequence[Iterable[str]]) -> dict[str, str]:
    """Pair keys (p:a|b) of a name's words: every sound of one word with every sound of a later one."""
    keys: dict[str, str] = {}
    for i, a_sounds in enumerate(sounds):
        for b_sounds in sounds[i + 1 :]:
            for a in a_sounds:
                for b in b_sounds:
                    if a != b:
                        x, y = sorted((a, b))
                        keys[f"p:{x}|{y}"] = "p"
    return keys


_KATAKANA_RUN = re.compile(r"[\u30a1-\u30fa\u30fc]{2,}")


SHORT_SKELETON = 3  # a name of one word of this many sounds or fewer is also keyed with its vowels


def _vowel_keys(token: str, katakana: bool) -> dict[str, str]:
    spellings = [_loose(token, katakana)] + ([] if katakana else [_loose(english_spoken(token), False)])
    return {"l:" + loose: "l" for loose in spellings}


# a firm named by its web address: the name before the domain ending, which the words of the name glue on
_WEB_NAME = re.compile(r"([A-Za-z0-9][A-Za-z0-9-]*)\.(?:com|net|org)\b", re.IGNORECASE)


def _short_sound_vowel_keys(form: NameForm) -> dict[str, str]:
    """Vowel keys (l:) of each reading of a name China wrote by sound in one short word (埃尼 aini, eni),
    as a Latin name of one short word has them (ENI l:ini)."""
    import unicodedata

    from mamoru.screening.zh_foreign import foreign_parts

    parts = foreign_parts(unicodedata.normalize("NFKC", form.original).strip(), form.kind)
    if len(parts) != 1 or len(skeleton(katakana_onset(parts[0][0]))) > SHORT_SKELETON:
        return {}
    return {k: v for heard, _ in parts[0][3] for k, v in _vowel_keys(heard, True).items()}


def _east_slavic_keys(tokens: list[str]) -> dict[str, str]:
    """Uladzimir NAUMAU is Vladimir NAUMOV: a name with Belarusian or Ukrainian marks is also keyed by
    the sounds of its Russian form, singly and in pairs (the Russian form's own keys)."""
    sounds = [skeleton(east_slavic(t, soft_h=False)) for t in tokens if len(t) > 3]
    keys = {"s:" + sk: "s" for sk in sounds if len(sk) >= 2}
    keys.update(_pairs_of([{sk} for sk in dict.fromkeys(sk for sk in sounds[:MAX_PAIR_TOKENS] if sk)]))
    return keys


def initials_keys(form: NameForm) -> dict[str, str]:
    """An organisation's acronym, or the initials of its words, as keys (a:fsb)."""
    if form.kind == "person" or form.cjk or not form.readings:
        return {}
    own = acronym(form)
    return {"a:" + letters: "a" for letters in ({own} if own else initials(form))}


_CAMEL = re.compile(r"[A-Za-z]*[a-z][A-Z][A-Za-z]*")
_CAMEL_PART = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


def glued_keys(form: NameForm) -> dict[str, str]:
    """A firm name run together from words (AeroVironment, IronMountain, Gulfstream, Beechcraft) is
    also found by its words (t:aero, t:gulf), as China translates them (航空环境, 湾流)."""
    from mamoru.screening.cedict import glued_words

    words = [p.lower() for w in _CAMEL.findall(form.original) for p in _CAMEL_PART.findall(w)]
    words += [w for t in form.readings[0].tokens for w in glued_words(t)]
    keys = {"t:" + w: "t" for w in words if len(w) >= 3 and w not in WEAK_TOKENS}
    for token in form.readings[0].tokens:  # L3Harris: Harris by its sounds too, as China writes it (L3哈里斯)
        tail = _NUMBER_THEN_WORD.match(token)
        if tail:
            keys.update((f"{kind}:{value}", kind) for kind, value in _token_keys(tail.group(1), False))
    return keys


_NUMBER_THEN_WORD = re.compile(r"^[a-z]{0,3}\d+([a-z]{3,})$")


NEAR_SKELETON = 4  # a shorter skeleton (Igor gr, Ahmad amd) has a deletion neighbour in too many names


def near_keys(form: NameForm, known: Callable[[list[str]], set[str]]) -> dict[str, str]:
    """A Latin person's word that no listed name has, perhaps written one sound short (STRELOK for
    STRELKOV): its skeleton as a key for the index's deletion neighbours of longer words. Asked at
    query time only, for a short list of its own (in the one candidate list such keys let namesakes in
    ahead of the right one), and only for unknown words, as a word the lists have is found by its
    own keys; ``known(keys)`` says which keys the index has."""
    if form.kind != "person" or form.script != "Latin" or form.katakana or form.cjk or not form.readings:
        return {}
    words = [t for t in form.readings[0].tokens if t not in WEAK_TOKENS and len(skeleton(t)) >= NEAR_SKELETON]
    if not words:
        return {}
    listed = known(["t:" + t for t in words])
    near = {"d:" + skeleton(t): "d" for t in words if "t:" + t not in listed}
    if not near:  # every word is a listed one: found by its own keys
        return {}
    own = name_keys(form)
    return {k: v for k, v in near.items() if k not in own}


def sound_keys(form: NameForm) -> dict[str, str]:
    """A name China wrote by its sounds, keyed by those only: its characters' keys (卡特 is in
    hundreds of Chinese names) outweigh a sound shared with the English spelling (ktpr, Caterpillar)
    and crowd it out of one list of candidates, so the sounds (and the senses of the words) get a
    list of their own."""
    if not any(r.method == ZH_FOREIGN for r in form.readings):
        return {}
    keys = {k: v for k, v in name_keys(form).items() if not k.startswith(("b:", "c:"))}
    keys.update(gloss_keys(form))  # with what its words mean: 泰雷兹 trs is common, trs with 集团 group is not
    return keys


def name_keys(form: NameForm) -> dict[str, str]:
    """All keys of a name, as {key string: kind}."""
    keys: dict[str, str] = {}
    by_sound = any(r.method == ZH_FOREIGN for r in form.readings)  # a name China wrote by its sounds
    # a skeleton among the deletion keys matches a word one sound longer (インターナショナル ntnsnr /
    # INTERNATIONAL ntrnsnr; シネジス snds / SYNESIS sns): for sounds across scripts, and firm names
    # (among Latin persons' names it brought namesakes in ahead of the right one)
    skeleton_deletes = form.katakana or form.kind != "person" or by_sound
    for reading in form.readings:
        if by_sound and reading.method in (PINYIN, WADE_GILES, ROMAJI):  # 克里斯托弗·卡斯特纳 read ke li si …, 埃科达因 ai ke
            continue  # da yin match only Chinese names by chance; the same hanzi are found by their characters
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
                if kind == "s" and len(value) >= 3 and skeleton_deletes:
                    keys["d:" + value] = "d"
            if reading.method == ZH_FOREIGN:  # China leaves sounds out (Purvis 普维斯 pbs): meet the
                sk = skeleton(token)  # Latin spelling's deletion neighbours (prbs → pbs)
                if len(sk) >= 3:
                    keys.setdefault("d:" + sk, "d")
                hard = sk.translate(_UNVOICED)  # pinyin d, g, b are unaspirated t, k, p: 亨廷顿 hntndn, Huntington hntntn
                if hard != sk and len(hard) >= 3:
                    keys.setdefault("s:" + hard, "d")  # weighed as a near miss unless a word has it
                    keys.setdefault("d:" + hard, "d")  # 卡特彼勒 ktpr, Caterpillar ktrpr less its r
                    if len(hard) >= 4:  # and one sound apart, as the pinyin skeleton is (芬坎蒂尼 hnkntn,
                        for i in range(len(hard)):  # Fincantieri hnkntr: both hnknt)
                            keys.setdefault("d:" + hard[:i] + hard[i + 1 :], "d")
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
        if form.kind == "person" and reading.method == AS_WRITTEN and not form.katakana:
            # and as French says them, a pair as katakana writes it (Hugues Mbaye ユーグ・ンバイ g|mb)
            french = sorted({skeleton(french_said(t)) or t for t in strong[:MAX_PAIR_TOKENS]})
            for i, a in enumerate(french):
                for b in french[i + 1 :]:
                    keys.setdefault(f"p:{a}|{b}", "p")
        if form.kind == "person" and reading.method in (AS_WRITTEN, TRANSLIT) and any(map(east_slavic_marked, strong)):
            keys.update(_east_slavic_keys(strong))
        if 1 < len(reading.tokens) <= 4:
            keys["j:" + "".join(reading.tokens)] = "j"
            # the whole name's consonant skeleton: bridges short words split differently
            # (ペ・ウォンウク / PAE WON UK, チェ・ソンイル / CHOE SONG IL)
            whole = "".join(reading.tokens)
            # each katakana word's leading ウ is a w (ローラ・ウッド: Laura Wood rrbd), not only the name's first
            sk = skeleton("".join(map(katakana_onset, reading.tokens)) if form.katakana else whole)
            if len(sk) >= 3:
                keys["k:" + sk] = "k"
            if not form.katakana and not form.cjk:  # as Chinese hears it, r after a vowel unsounded (马可·鲁比奥
                quiet = skeleton("".join(unsound_r(t) for t in reading.tokens))  # Marco Rubio mkrb)
                if quiet != sk and len(quiet) >= 3:
                    keys.setdefault("k:" + quiet, "k")
                quieter = skeleton("".join(unsound_d(unsound_r(t)) for t in reading.tokens))  # 林赛·格雷厄姆
                if quieter not in (sk, quiet) and len(quieter) >= 3:  # Lindsey Graham rnsgrm
                    keys.setdefault("k:" + quieter, "k")
                if form.kind != "organization" and reading.method == AS_WRITTEN:  # as an English speaker says it,
                    said = skeleton("".join(english_said(t) for t in reading.tokens))  # and katakana writes it:
                    if said not in (sk, quiet, quieter) and len(said) >= 3:  # George Taylor ジョージ・テイラー dtr
                        keys.setdefault("k:" + said, "k")
                    hard = skeleton("".join(hard_h(t) for t in reading.tokens))  # th as t, as China hears it:
                    if hard not in (sk, quiet, quieter, said) and len(hard) >= 3:  # 特蕾莎·梅 Theresa May trsm
                        keys.setdefault("k:" + hard, "k")
        elif len(reading.tokens) == 1:
            keys["j:" + reading.tokens[0]] = "j"
    if by_sound and form.kind == "person":  # 迈克 (Mike) is looked up as Michael too, 凯西 as Kathy
        keys.update(("t:" + name, "t") for name in given_name_guesses(form.original))
    if by_sound:  # the other readings of its sounds: 基思 (ki-su) finds Keith, 亚历克斯 (a-ri-ku-su) Alex
        for sk in alternative_skeletons(form.original, form.kind):
            keys.setdefault("s:" + sk, "d")  # weighed as a near miss unless a word has it
            keys.setdefault("s:" + sk.translate(_UNVOICED), "d")  # 斯基 as gi, unaspirated: ski (Murkowski)
    if by_sound:  # a name of one short word by sound (埃尼 Eni): its skeleton is everyone's, its vowels are not
        keys.update(_short_sound_vowel_keys(form))
    if by_sound and form.kind == "person":  # and pairs of them: 基思·克拉奇 (gs|krk, ks|krt) finds Keith Krach,
        keys.update(_pairs_of(part_skeletons(form.original, form.kind)[:MAX_PAIR_TOKENS]))  # whose words alone are common
        for whole, quiet in whole_skeletons(form.original, form.kind):  # 基伦·斯金纳 krnskn meets Kiron Skinner's,
            # 基尔·斯塔默 kstm Keir Starmer's, heard without its r's; every reading combined is a guess, and
            # weighs as a near miss: a rare guess (莱因哈德·布蒂科弗 rntbdk, LEONTYEV Vadik) must not outweigh
            # the sounds the right name shares (Reinhard Bütikofer rnd, btk)
            keys.setdefault("k:" + whole, "k" if quiet else "d")
    if not any(r.method == ZH_FOREIGN for r in form.readings):  # a name by sound (万拓 Vantor): its characters'
        keys.update(gloss_keys(form))  # senses would crowd out its sounds (its glosses still get a list of their own)
    if form.kind != "person" and "." in form.original:  # Amazon.com, Inc. is also found as Amazon (亚马逊)
        keys.update(("t:" + fold(name), "t") for name in _WEB_NAME.findall(form.original) if len(name) >= 2)
    if form.kind != "person" and not form.cjk and form.readings:  # UGOLNYE TEKHNOLOGII: t:coal, t:technologies
        keys.update(russian_sense_keys(form.readings[0].tokens))
        keys.update(glued_keys(form))
        keys.update(initials_keys(form))  # FSB and FEDERALNAYA SLUZHBA BEZOPASNOSTI meet on a:fsb
    if form.kind != "person" and form.script == "Arabic":  # الجهاد الاسلامي: t:jihad, t:islamic
        keys.update(arabic_sense_keys(form.original))
    keys.update(_person_sound_keys(form))
    korean = korean_key(form)
    if korean:  # a Korean person's name: the same key in katakana, Hangul, hanja and any romanisation
        keys["r:" + korean] = "r"
    if form.script in ABJADS:  # Arabic / Hebrew: letters read one by one, w, y as vowels, compounds joined
        for sk in compound_skeletons(form.original):
            if len(sk) >= 2:
                keys["s:" + sk] = "s"
        for words in dict.fromkeys((word_skeletons(form.original), compound_words(form.original))):
            # pairs of word skeletons, as a Latin spelling's pairs; and with each compound as one word
            # (حامد عبد الله: hmd|bdr, as HAMID ABDALLAH), else the many ABID HAMIDs outrank it
            head = [[sk for sk in word if len(sk) >= 2] for word in words[:MAX_PAIR_TOKENS]]
            for i, word in enumerate(head):
                for other in head[i + 1 :]:
                    for a, b in product(word, other):
                        if a != b:
                            keys["p:{}|{}".format(*sorted((a, b)))] = "p"
        whole = whole_skeleton(form.original)
        if len(whole) >= 3:  # the whole name: ولی جان finds WALIJAN among the many "Jan"
            keys["k:" + whole] = "k"
        for turned in whole_rotations(form.original):  # …and surname first, as the lists write it
            if len(turned) >= 3:
                keys.setdefault("k:" + turned, "k")
        words = [w for w in form.original.split() if w not in form.legal_forms]
        if len(words) == 1:  # a name of one word: its consonants with its long vowels (فيض / FAIZ)
            keys.update(("v:" + k, "v") for k in long_vowel_keys(words[0]))
    elif form.readings:
        tokens = form.readings[0].tokens
        for token in tokens:
            if ("w" in token or "y" in token) and len(token) >= 3:
                sk = abjad_skeleton(token)
                if len(sk) >= 2:
                    keys["s:" + sk] = "s"
        if len(tokens) <= 4 and any("w" in t or "y" in t for t in tokens):
            sk = abjad_skeleton("".join(tokens))
            if len(sk) >= 3:
                keys["k:" + sk] = "k"
        names = [t for t in tokens if t not in WEAK_TOKENS]
        if len(names) == 1 and (form.script == "Latin" or form.kind != "person"):  # FAIZ: as an Arabic name of one word
            keys.update(("v:" + k, "v") for k in long_vowel_keys(names[0]))
        if len(tokens) <= 4 and any("ch" in t for t in tokens):  # French spelling of ش: DJAMEL AKKACHA
            sk = abjad_skeleton("".join(tokens).replace("ch", "sh"))
            if len(sk) >= 3:
                keys["k:" + sk] = "k"
    for chunk in form.cjk_chunks:
        keys["c:" + chunk] = "c"
    cjk = form.cjk
    for i in range(len(cjk) - 1):
        keys["b:" + cjk[i : i + 2]] = "b"
    return keys
