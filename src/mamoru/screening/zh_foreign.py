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

# characters of the Xinhua tables for foreign names (the common ones)
TRANSLIT_CHARS = frozenset(
    "阿埃艾爱安昂奥澳巴芭拜班邦保鲍贝本比彼毕宾波伯勃博布查达戴丹道德登迪蒂丁东杜顿多厄恩尔"
    "法凡菲费芬丰佛弗福夫盖甘冈戈格根古哈海汉豪赫黑亨胡怀霍基吉加贾杰金卡凯坎康考柯科克肯库"
    "夸奎昆拉莱赖兰朗劳勒雷蕾黎里利莉丽连林琳留卢鲁路伦罗洛马玛迈麦曼梅门蒙米敏摩莫默姆穆纳"
    "娜奈南内尼妮涅宁纽努诺欧帕派潘佩彭皮珀普奇齐恰乔切钦琼丘萨塞桑瑟森沙莎尚绍舍申施什史舒"
    "斯松苏索塔泰坦汤唐特滕提汀通图托瓦万旺威韦维温沃乌伍武西希锡夏谢辛休雅亚扬耶伊因英尤约"
    "泽扎詹哲兹佐嘉琪瑞茨惠拓"
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
def foreign_tokens(text: str, kind: str) -> tuple[str, ...]:
    """The name read as katakana would be read, one token per dotted part (乔安妮·德雷克 → joanni, durekku)."""
    if not looks_transliterated(text, kind):
        return ()
    out = []
    for part in _DOTS.split(text):
        han = "".join(ch for ch in part if "\u4e00" <= ch <= "\u9fff")
        for tail in _GENERIC_TAIL:
            if han.endswith(tail) and len(han) > len(tail):
                han = han[: -len(tail)]
                break
        if han:
            out.append("".join(_syllable(s) for s in lazy_pinyin(han)))
    return tuple(out)
