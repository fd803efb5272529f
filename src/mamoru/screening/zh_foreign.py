"""Foreign names written in Chinese characters by sound: 乔安妮·德雷克 is Joanne Drake.

China writes a foreign person's or firm's name with a fixed set of characters chosen
for their sound (Xinhua's transliteration tables), much as Japan writes it in
katakana. Pinyin spells those sounds for Chinese ears (德雷克 de lei ke); read as
katakana is read — a consonant with a lone vowel after it is a lone consonant (d-re-k)
— the name can go through the same phonetic comparison as a katakana name.

A Han name is taken for such a rendering when its parts are joined by a middle dot
(persons), or when, a trailing 公司 aside, every character is a transliteration
character (阿克西恩特公司 Axient). Native Chinese names rarely pass either test.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pypinyin import lazy_pinyin

from mamoru.screening.name_words import name_variants, nicknamer

# characters of the Xinhua tables for foreign names (the common ones)
TRANSLIT_CHARS = frozenset(
    "阿埃艾爱安昂奥澳巴芭拜班邦保鲍贝本比彼毕宾波伯勃博布查达戴丹道德登迪蒂丁东杜顿多厄恩尔"
    "法凡菲费芬丰佛弗福夫盖甘冈戈格根古哈海汉豪赫黑亨胡怀霍基吉加贾杰金卡凯坎康考柯科克肯库"
    "夸奎昆拉莱赖兰朗劳勒雷蕾黎里利莉丽连林琳留卢鲁路伦罗洛马玛迈麦曼梅门蒙米敏摩莫默姆穆纳"
    "娜奈南内尼妮涅宁纽努诺欧帕派潘佩彭皮珀普奇齐恰乔切钦琼丘萨塞桑瑟森沙莎尚绍舍申施什史舒"
    "斯松苏索塔泰坦汤唐特滕提汀通图托瓦万旺威韦维温沃乌伍武西希锡夏谢辛休雅亚扬耶伊因英尤约"
    "泽扎詹哲兹佐嘉琪瑞茨惠拓"
    "逊廷丝娅黛芙"
)
_DOTS = re.compile(r"[·•・‧]")
_GENERIC_TAIL = ("股份有限公司", "有限公司", "公司", "集团", "控股")

_INITIALS = (("zh", "j"), ("ch", "ch"), ("sh", "sh"), ("q", "j"), ("x", "s"), ("c", "ts"), ("j", "j"))
_FINALS = (("iang", "ian"), ("iong", "ion"), ("ang", "an"), ("eng", "en"), ("ing", "in"), ("ong", "on"),
           ("ao", "o"), ("ou", "o"), ("ei", "e"), ("uo", "o"), ("v", "u"), ("ü", "u"))
# syllables that write a lone consonant (德 d, 克 k, 斯 s, 尔 r ...): katakana-style, with a silent u
_LONE = {"de": "du", "te": "tu", "ke": "ku", "ge": "gu", "le": "ru", "se": "su", "si": "su", "zi": "zu",
         "ci": "tsu", "ze": "zu", "ce": "tsu", "er": "ru", "he": "hu", "re": "ru", "me": "mu", "ne": "nu",
         "shi": "shu", "ri": "ru", "yue": "jo"}  # 约翰 John, 约瑟夫 Joseph


def looks_transliterated(text: str, kind: str) -> bool:
    """A foreign name rendered by sound, not a Chinese name."""
    han = "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff")
    if not han:
        return False
    if _DOTS.search(text):
        return True
    if kind == "person":
        return False
    for tail in _GENERIC_TAIL:
        if han.endswith(tail) and len(han) > len(tail):
            han = han[: -len(tail)]
            break
    return len(han) >= 2 and all(ch in TRANSLIT_CHARS for ch in han)


# characters the Xinhua tables use for another sound than their pinyin, at the start of a word: 希 writes
# hi (希拉里 Hillary, 希尔顿 Hilton), 休 hu (休斯 Hughes), where 西 writes si; within a word 希 is either
# (洛克希德 Lockheed, 伯克希尔 Berkshire), so there the pinyin stands
_INITIAL_SOUND_OF = {"希": "hi", "休": "hiu"}


# a character with several readings whose common one is not the one names use: 什 is shen in 什么 "what",
# shi in 布什 Bush, 乔什 Josh
_NAME_READING = {"什": "shi"}


def _pinyin(han: str) -> list[str]:
    pys = lazy_pinyin(han)
    if len(pys) != len(han):
        return pys
    return [_NAME_READING.get(ch, py) for ch, py in zip(han, pys)]


def sounds(han: str) -> list[str]:
    """The syllables of a run of transliteration characters, read as katakana is read (德雷克 du, re, ku).

    A final 弗 writes -pher, -fer with its r unsounded (克里斯托弗 Christopher, 詹妮弗 Jennifer), not the
    lone f of -ov, -off, which China writes 夫 (拉夫罗夫 Lavrov)."""
    pys = _pinyin(han)
    if len(pys) != len(han):  # not one syllable per character: no character to look up
        return [_syllable(py) for py in pys]
    out = [_syllable(py) for py in pys]
    if han[0] in _INITIAL_SOUND_OF:
        out[0] = _INITIAL_SOUND_OF[han[0]]
    if han.endswith("弗") and len(out) > 1:
        out[-1] = "fa"
    return out


def _syllable(py: str) -> str:
    if py in _LONE:
        return _LONE[py]
    for src, dst in _INITIALS:
        if py.startswith(src):
            rest = py[len(src):]
            if src in ("q", "x", "j") and len(rest) > 1 and rest[0] == "i" and rest[1] in "aeou":
                rest = rest[1:]  # the palatal glide: 乔 qiao is "Jo", 夏 xia "Sa"
            py = dst + rest
            break
    for src, dst in _FINALS:
        if py.endswith(src):
            py = py[: -len(src)] + dst
            break
    return py


@lru_cache(maxsize=50_000)
def foreign_parts(text: str, kind: str) -> tuple[tuple[str, frozenset[str], str, tuple[tuple[str, str], ...]], ...]:
    """Each dotted part read as katakana would be read (伍德 wudu), with the English names it writes,
    if any, and spelt with its lone consonants bare and its own vowels kept (伍德 wud).

    China writes a foreign given name in a fixed form that CC-CEDICT lists (约翰 John, 迈克尔
    Michael): such a part is read as that name, and also stands for its nicknames and the names
    it is a nickname of (the ``nicknames`` package: Mike ↔ Michael, Bill ↔ William). Every part
    also carries how it sounds, in each reading ``sound_readings`` gives: 杰克 writes Jack and Jake.
    """
    if not looks_transliterated(text, kind):
        return ()
    from mamoru.screening.cedict import person_names

    out = []
    for part in _DOTS.split(text):
        han = _part_han(part)
        if kind != "person" and len(leading_run(han)) >= 2:  # 英格尔斯工业: the sounds, not the words after them
            han = leading_run(han)
        if not han:
            continue
        names = person_names(han) if kind == "person" or _DOTS.search(text) else ()  # 洛克希德·马丁 Martin
        lone = lone_consonants(han)
        heard = tuple(dict.fromkeys(_heard(syllables, lone) for syllables in sound_readings(han)))
        if names:
            out.append((names[0], frozenset(n for name in names for n in name_variants(name)), names[0], heard))
        else:
            out.append((heard[0][0], frozenset(), heard[0][1], heard))
    return tuple(out)


def _part_han(part: str) -> str:
    """The Han characters of one dotted part of a name, a generic tail (公司, 集团) taken off."""
    han = "".join(ch for ch in part if "\u4e00" <= ch <= "\u9fff")
    for tail in _GENERIC_TAIL:
        if han.endswith(tail) and len(han) > len(tail):
            return han[: -len(tail)]
    return han


@lru_cache(maxsize=50_000)
def unread_share(text: str) -> float:
    """Share of a firm name's characters that ``foreign_parts`` leaves out: the words by meaning after
    the sounds (系统 of 诺斯罗普·格鲁曼系统公司), which a comparison by sound alone cannot vouch for."""
    total = unread = 0
    for part in _DOTS.split(text):
        han = _part_han(part)
        total += len(han)
        if len(leading_run(han)) >= 2:
            unread += len(han) - len(leading_run(han))
    return unread / total if total else 0.0


@lru_cache(maxsize=50_000)
def alternative_skeletons(text: str, kind: str) -> tuple[str, ...]:
    """Consonant skeletons of the parts' other readings (``sound_readings``), to look the name up by."""
    from mamoru.screening.compare import katakana_onset
    from mamoru.screening.translit import skeleton

    import unicodedata

    out = []
    for _, _, _, heard in foreign_parts(unicodedata.normalize("NFKC", text).strip(), kind):
        for token, _ in heard[1:]:
            sk = skeleton(katakana_onset(token))
            if len(sk) >= 2:
                out.append(sk)
    return tuple(dict.fromkeys(out))


def part_skeletons(text: str, kind: str) -> tuple[frozenset[str], ...]:
    """Every skeleton each part may stand for: its reading, its other readings, each of those with
    pinyin's unaspirated d, g, b as t, k, p (基思 dz, gs, ks: Keith), and with a final n as the m China
    writes with it (亚当 dn: Adam dm, as ``final_m`` hears the Latin side). Pairs of them look a person up."""
    return tuple(frozenset(sk for sk in found if len(sk) >= 2) for found in _part_sounds(text, kind))


MAX_WHOLES = 64  # two parts of eight readings each


def whole_skeletons(text: str, kind: str) -> tuple[tuple[str, bool], ...]:
    """The whole name's skeletons, every reading of each part combined (基伦·斯金纳 krnskn, as Kiron
    Skinner is keyed without its final r), and again with the r that 尔 writes left out (基尔·斯塔默
    kstm): where the Latin spelling's r after a vowel goes unheard (Keir Starmer, kstm), the two meet
    at the name without its r's, whichever r's China chose to write. Pairs of words are too common
    (krn: Karen, Kiran, Koran …) where the whole name is not. Each with whether 尔 was left out."""
    from itertools import islice, product

    import unicodedata

    text = unicodedata.normalize("NFKC", text).strip()
    quiet = "".join(ch for i, ch in enumerate(text) if ch != "尔" or i == 0 or _DOTS.match(text[i - 1]))
    out: dict[str, bool] = {}
    for spelling in dict.fromkeys((quiet, text)):
        parts = _part_sounds(spelling, kind)
        if not 2 <= len(parts) <= 4 or not all(parts):
            continue
        wholes = ("".join(combo) for combo in product(*(sorted(p) for p in parts)))
        for whole in islice(wholes, MAX_WHOLES):
            if len(whole) >= 3:
                out.setdefault(whole, spelling != text)
    return tuple(out.items())


@lru_cache(maxsize=50_000)
def _part_sounds(text: str, kind: str) -> tuple[frozenset[str], ...]:
    from mamoru.screening.compare import _UNVOICED, katakana_onset
    from mamoru.screening.translit import skeleton

    import unicodedata

    out = []
    for token, names, _, heard in foreign_parts(unicodedata.normalize("NFKC", text).strip(), kind):
        found = {skeleton(token if names else katakana_onset(token))} | {skeleton(katakana_onset(h)) for h, _ in heard}
        found |= {sk.translate(_UNVOICED) for sk in found}
        found |= {sk[:-1] + "m" for sk in found if sk.endswith("n")}
        out.append(frozenset(sk for sk in found if sk))
    return tuple(out)


def _heard(syllables: list[str], lone: frozenset[int]) -> tuple[str, str]:
    """(the syllables run together, the same with the silent u of the lone consonants at ``lone`` dropped)."""
    bare = "".join(s[:-1] if i in lone and len(s) > 1 and s.endswith("u") else s for i, s in enumerate(syllables))
    return "".join(syllables), bare


_LONE_M = "姆"  # pinyin mu like 穆, but China's character for a lone m (汤姆 Tom); 穆 writes mu, mo (穆格 Moog)


def lone_consonants(han: str) -> frozenset[int]:
    """Where a run of characters writes a consonant without its vowel: the syllables ``_LONE`` reads
    (德 du, 斯 su, 尔 ru) and 姆. A pinyin syllable that is already du, ku, su, mu (杜 DuPont, 库 Cook,
    苏 Sunak, 穆 Moog) keeps its vowel."""
    pys = _pinyin(han)
    return frozenset(i for i, py in enumerate(pys) if py in _LONE or (len(pys) == len(han) and han[i] == _LONE_M))


# Xinhua's tables write ki, gi, hi with the characters pinyin spells ji, qi, xi (基思 Keith, 基辛格 Kissinger,
# 克拉奇 Krach, 希尔 Hill), z with zh (阿扎尔 Azar), and a bare vowel with those pinyin spells ya, yi
# (亚历克斯 Alex, 亚当 Adam), and an E with ai (埃里克 Eric): every reading is kept, the pinyin one first
_VELAR = {"j": "g", "q": "k", "x": "h"}


def sound_readings(han: str) -> tuple[list[str], ...]:
    """The run's syllables as ``sounds`` reads them, then with ji, qi, xi heard as gi, ki, hi, with zh
    heard as z, a first character read by its pinyin where ``sounds`` reads it otherwise, every ai as
    the e China also writes with it, 华 as wa, a leading ya, yi, yu, yo as the bare vowel and a leading ai as e,
    where those differ."""
    first = sounds(han)
    out = [first]
    pys = _pinyin(han)
    if len(pys) == len(first):
        velar = [_syllable(_VELAR[py[0]] + py[1:]) if py[:1] in _VELAR and py[1:2] == "i" else s
                 for py, s in zip(pys, first)]
        # …and ji, qi alone as gi, ki, xi kept as si (西科斯基 si-ku-su-gi, Sikorsky): 西 writes s, as 希 writes h
        stops = [_syllable(_VELAR[py[0]] + py[1:]) if py[:1] in "jq" and py[1:2] == "i" else s
                 for py, s in zip(pys, first)]
        hissed = [_syllable("z" + py[2:]) if py.startswith("zh") else s for py, s in zip(pys, first)]
        # the first character as its pinyin has it (希夫 Schiff beside 希尔 Hill), 约 as yo (约霍 Yoho, 约克 York)
        plain = ["yo" if pys[0] == "yue" else _syllable(pys[0])] + first[1:]
        front = [x.replace("ai", "e") if len(x) > 2 else x for x in first]  # 泰德 Ted, 莱恩 Leyen, 赛斯 Seth
        # 华 writes wa (华纳 Warner, 华莱士 Wallace, 霍华德 Howard) as often as its pinyin hua
        wa = [_syllable("wa") if py == "hua" else s for py, s in zip(pys, first)]
        for alt in (velar, stops, hissed, plain, front, wa):
            if alt != first and alt not in out:
                out.append(alt)
    for alt in list(out):
        bare = _bare_vowel_start(alt)
        if bare and bare not in out:
            out.append(bare)
    return tuple(out)


def _bare_vowel_start(syllables: list[str]) -> list[str]:
    if syllables and syllables[0][:1] == "y" and syllables[0][1:2] in ("a", "i", "u", "o"):
        return [syllables[0][1:]] + syllables[1:]
    if syllables and syllables[0] == "ai" and len(syllables) > 1:  # 埃 for a leading E (埃里克 Eric, 埃科达因 Echodyne)
        return ["e"] + syllables[1:]
    if syllables and syllables[0] == "wu" and len(syllables) > 1:  # 乌 for a leading U (乌尔苏拉 Ursula)
        return ["u"] + syllables[1:]
    return []


def foreign_tokens(text: str, kind: str) -> tuple[str, ...]:
    """The name read as katakana would be read, one token per dotted part (乔安妮·德雷克 → joanni, durekku);
    a given name CC-CEDICT knows as its English spelling (约翰·普维斯 → john, puwesu)."""
    return tuple(part[0] for part in foreign_parts(text, kind))


_POSTVOCALIC_R = re.compile(r"(?<=[aeiouy])r+(?=[^aeiouy]|$)")


@lru_cache(maxsize=50_000)
def latin_variants(tokens: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """A Latin name as Chinese may have heard it: an r after a vowel unsounded (Purvis 普维斯,
    Warden 沃登, Vantor 万拓), "ch" as k (Echodyne 埃科达因, Michael), "th" as t (Thales 泰雷兹) and
    g before e, i as j (Gina 吉娜), the w of English aw, ew, ow silent (Hawley 霍利) and a y between
    consonants as ai (Tyson 泰森), French -ault, -eau as o (Dassault 达索), an English short u as a
    (Buffett 巴菲特, Sullivan 沙利文), v as f (弗拉基米尔 Vladimir), a final m as n (亚当 Adam), nds as ns
    (林赛 Lindsey), a word as English speaks it (``compare.english_said``: Walker 沃克 wo-ke, Turner
    特纳, Wray 雷, Mike 迈克 mai-ke; the words are paired as a whole, so Mike heard mai-ke does not take
    麦考尔 McCaul from Michael), ch as French and German say it (夏尔 Charles, 米夏埃尔 Michael), and a
    surname's particles run into it (冯德莱恩 von der Leyen), besides as written."""
    from mamoru.screening.compare import english_said

    out = [tokens]
    for fold in (unsound_r, hard_h, lambda t: hard_h(unsound_r(t)), silent_w, lambda t: long_y(hard_h(t)), french_o,
                 short_u, v_as_f, final_m, lambda t: unsound_d(unsound_r(t)),
                 english_said, soft_ch):
        variant = tuple(fold(t) for t in tokens)
        if variant not in out and all(variant):
            out.append(variant)
    joined = particles_joined(tokens)
    if joined != tokens:
        out += [tuple(fold(t) for t in joined) for fold in (str, unsound_r, v_as_f, lambda t: v_as_f(unsound_r(t)))]
    return tuple(dict.fromkeys(out))


def soft_ch(token: str) -> str:
    """ch as French and German say it, as China writes it with x (夏尔·米歇尔 Charles Michel, 米夏埃尔
    Michael as a German says it), and a French final -es unsounded (Charles sharl)."""
    if "ch" not in token:
        return token
    token = token.replace("ch", "sh")
    return token[:-2] if token.endswith("es") and len(token) > 4 else token


def final_m(token: str) -> str:
    """A final m heard in a nasal China writes with n or ng (亚当 Adam, 威廉 William), where it does not
    write 姆 (汤姆 Tom)."""
    return token[:-1] + "n" if len(token) > 2 and token.endswith("m") else token


def v_as_f(token: str) -> str:
    """A v as China also writes it, with f (弗拉基米尔 Vladimir, 冯 von, 伏尔加 Volga)."""
    return token.replace("v", "f")


_PARTICLES = frozenset({"von", "van", "der", "den", "de", "du", "la", "le", "del", "della", "di", "da", "dos", "das"})


def particles_joined(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """A surname's particles run into it, as China writes them in one part (冯德莱恩 von der Leyen)."""
    out: list[str] = []
    carry = ""
    for i, t in enumerate(tokens):
        if t in _PARTICLES and i < len(tokens) - 1:
            carry += t
        else:
            out.append(carry + t)
            carry = ""
    return tuple(out)


_SHORT_U = re.compile(r"(?<=[bcdfghklmnprstvz])u(?=([bcdfgklmnprstvz])\1)")


def short_u(token: str) -> str:
    """An English u before a doubled consonant, said as in "buff" and written with a (巴菲特 Buffett,
    沙利文 Sullivan, 拉塞尔 Russell), and the ou of young (扬 Young)."""
    return _SHORT_U.sub("a", token).replace("oung", "ang")


_FRENCH_O = re.compile(r"(?:ault|eau|aud|aut)$")
_FRENCH_ENDS = ((re.compile(r"(?<=[bcdfgklmnprtv])as$"), "a"), (re.compile(r"ois$"), "wa"))


def french_o(token: str) -> str:
    """French -ault, -eau, -aud, -aut at a word's end, said o (达索 Dassault, 雷诺 Renault), a final -as
    said a and -ois said wa (尼古拉 Nicolas, 弗朗索瓦 François)."""
    if len(token) <= 4:
        return token
    for ending, sound in _FRENCH_ENDS if len(token) > 5 else ():
        token = ending.sub(sound, token)
    return _FRENCH_O.sub("o", token)


_CONSONANT_Y_CONSONANT = re.compile(r"(?<=[bcdfghklmnprstvz])y(?=[bcdfghklmnprstvz])")


def long_y(token: str) -> str:
    """English y between consonants, said "ai" and so written (泰森 Tyson, 达因 -dyne, 凯尔 Kyle)."""
    return _CONSONANT_Y_CONSONANT.sub("ai", token)


def unsound_r(token: str) -> str:
    """Warden as 沃登 and ウォーデン have it: an r after a vowel and before a consonant or the end, silent."""
    return _POSTVOCALIC_R.sub("", token) if len(token) > 3 else token


_N_D_S = re.compile(r"(?<=n)[dt](?=s)")


def unsound_d(token: str) -> str:
    """Lindsey and Windsor as 林赛 and 温莎 have them: a d or t between n and s, unsounded."""
    return _N_D_S.sub("", token)


def silent_w(token: str) -> str:
    """Hawley, Bowman, Newton as 霍利, 鲍曼, 牛顿 hear them: the w of aw, ew, ow is a vowel
    (the pattern katakana persons use, ``compare._ENGLISH_W``)."""
    from mamoru.screening.compare import _ENGLISH_W

    return _ENGLISH_W.sub("", token) if len(token) > 3 else token


_G_BEFORE_FRONT_VOWEL = re.compile(r"g(?=[eiy])")


def hard_h(token: str) -> str:
    """ch as the Greek k (Echodyne 埃科达因, Michael), th as t (Thales 泰雷兹, Thompson 汤普森), and g
    before e, i, y as pinyin j, which China writes for it soft or hard (吉娜 Gina, 罗杰 Roger, 吉布森 Gibson)."""
    return _G_BEFORE_FRONT_VOWEL.sub("j", token.replace("ch", "k").replace("th", "t"))


@lru_cache(maxsize=1)
def _given_by_skeleton() -> dict[str, tuple[str, ...]]:
    """English given names and nicknames (the ``nicknames`` package) by consonant skeleton."""
    from mamoru.screening.translit import skeleton

    nn = nicknamer()
    table: dict[str, list[str]] = {}
    for name in sorted(set(nn.canonical_lookup) | set(nn.nickname_lookup)):
        if name.isalpha():
            for heard in dict.fromkeys((skeleton(name), skeleton(unsound_r(name)))):  # Marco as 马可 hears it
                table.setdefault(heard, []).append(name)
    return {k: tuple(v) for k, v in table.items()}


MAX_GUESSES = 24  # more English names than this sound alike: the rendering says too little
GUESS_SIM = 0.7  # vowels too must agree: 凯西 kaisi is Kathy (kasi), not Cissy (kissi)


@lru_cache(maxsize=20_000)
def given_name_guesses(text: str) -> tuple[str, ...]:
    """English given names a hanzi rendering of a person's name may stand for, to look the name up by.

    The parts before the surname are given names: one CC-CEDICT knows gives its nicknames and the
    names it shortens (约翰 → jon, jack, jonathan); another is matched by sound against the English
    given names and nicknames (迈克 mk → mick, mike → michael; 凯西 → kathy, casey).
    """
    import unicodedata

    from mamoru.screening.translit import skeleton

    parts = foreign_parts(unicodedata.normalize("NFKC", text).strip(), "person")
    out: list[str] = []
    for token, names, bare, _ in parts[:-1]:
        if names:
            out.extend(sorted(names))
            continue
        from rapidfuzz.distance import Levenshtein

        sk = skeleton(token)
        if len(sk) < 2:
            continue
        alike = [n for n in _given_by_skeleton().get(sk, ())
                 if max(Levenshtein.normalized_similarity(_vowels(bare), _vowels(h)) for h in (n, unsound_r(n))) >= GUESS_SIM]
        found = set(alike)
        for n in alike:
            found |= nicknamer().canonicals_of(n)
        if len(found) <= MAX_GUESSES:
            out.extend(sorted(found))
    return tuple(dict.fromkeys(out))


def _vowels(word: str) -> str:
    """A word with its sounds folded as the skeleton folds them, vowels kept (cathy → kasi)."""
    from mamoru.screening.compare import _loose

    return _loose(word, False)


@lru_cache(maxsize=50_000)
def sound_units(text: str) -> tuple[tuple[str, tuple], ...]:
    """Each dotted part of a run of transliteration characters as a word heard: (part, (skeleton,
    vowels)), as the katakana words of a mixed Japanese name are (洛克希德·马丁 → lkhd, mdn); where the
    characters have other readings (``sound_readings``), (part, ((skeleton, vowels), …))."""
    from mamoru.screening.compare import _loose, katakana_onset
    from mamoru.screening.translit import skeleton

    out = []
    for part in _DOTS.split(text):
        if len(part) < 2:
            continue
        lone = lone_consonants(part)
        heard = []
        for syllables in sound_readings(part):  # 西科斯基 si-ku-su-di, and with 基 heard as gi: Sikorsky
            token, bare = _heard(syllables, lone)
            sk = skeleton(katakana_onset(token))
            if len(sk) >= 2 and (sk, _loose(bare, False)) not in heard:
                heard.append((sk, _loose(bare, False)))
        if heard:
            out.append((part, heard[0] if len(heard) == 1 else tuple(heard)))
    return tuple(out)


@lru_cache(maxsize=50_000)
def heard_as(part: str) -> str:
    """A part's syllables run together, as katakana would read them (贝斯特 → besutu)."""
    return _heard(sounds(part), lone_consonants(part))[0]


def leading_run(text: str) -> str:
    """The transliteration characters (and dots) a Chinese firm name begins with (尼罗斯 of 尼罗斯科技)."""
    run = 0
    while run < len(text) and (text[run] in TRANSLIT_CHARS or _DOTS.match(text[run])):
        run += 1
    return text[:run]


BRAND_CHARS = 4  # a brand written by sound in characters of any kind: its first two to four are tried


@lru_cache(maxsize=50_000)
def brand_sounds(text: str) -> tuple[str, ...]:
    """The words of a firm name's leading sound rendering, read as katakana is read, when the name goes
    on with words by meaning (尼罗斯科技 → niro, nirosu, nirosuku); () for a name wholly by sound or
    by meaning."""
    import unicodedata

    han = "".join(ch for ch in unicodedata.normalize("NFKC", text) if "\u4e00" <= ch <= "\u9fff" or _DOTS.match(ch))
    run = leading_run(han)
    if len(run) == len(han) or looks_transliterated(text, "organization"):
        return ()
    if len(run) < 2:  # a brand by sound in other characters (雷神 Raytheon, 赛峰 Safran): the first two to four,
        from mamoru.screening.cedict import starts_with_firm_word  # unless they are a firm word (通用 general)

        if starts_with_firm_word(han):
            return ()
        body = _part_han(han)
        return tuple("".join(sounds(body[:cut])) for cut in range(2, min(BRAND_CHARS, len(body)) + 1))
    parts = [p for p in _DOTS.split(run) if p]
    out = ["".join(sounds(part)) for part in parts[:-1] if len(part) >= 2]
    last = parts[-1] if parts else ""  # where the sounds end is a guess (科 is a sound and a word): every cut,
    for cut in range(2, len(last) + 1):  # in each reading of its characters (西科斯基 si-ku-su-di, and -gi: Sikorsky)
        out += ["".join(syllables) for syllables in sound_readings(last[:cut])]
    return tuple(dict.fromkeys(out))
