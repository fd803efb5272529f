"""Equivalent wordings: each copy writes every such pair one way, chosen per copy.

Japanese offices write 及び or および, 下さい or ください, and nobody reads a difference;
a retyped excerpt keeps the choice, since people type what they see. The choice per
pair is one bit of the copy's fingerprint. Only pairs whose forms are safe to swap
anywhere are listed (no form is part of a longer common word).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# key: (form 0, form 1). Latin pairs are matched as whole words.
PAIRS: dict[str, tuple[str, str]] = {
    "oyobi": ("および", "及び"),
    "matawa": ("または", "又は"),
    "narabini": ("ならびに", "並びに"),
    "kudasai": ("ください", "下さい"),
    "itadaki": ("いただ", "頂"),
    "mottomo": ("もっとも", "最も"),
    "sudeni": ("すでに", "既に"),
    "tadashi": ("ただし", "但し"),
    "nado": ("など", "等"),
    "hodo": ("ほど", "程"),
    "subete": ("すべて", "全て"),
    "kanarazu": ("かならず", "必ず"),
    "tokuni": ("とくに", "特に"),
    "arakajime": ("あらかじめ", "予め"),
    "toriatsukai": ("取扱い", "取り扱い"),
    "uchiawase": ("打合せ", "打ち合わせ"),
    "however": ("However,", "But"),
    "eg": ("for example", "e.g."),
    "whilst": ("while", "whilst"),
    "toward": ("toward", "towards"),
}
# 等 and 程 are also ordinary kanji (同等, 程度): only the kana form is looked for when observing.
_AMBIGUOUS_FORM1 = {"nado", "hodo", "itadaki", "mottomo"}


@dataclass(frozen=True)
class Site:
    """One occurrence of a pair's form in a text."""

    start: int
    end: int
    key: str
    form: int


def _pattern(form: str) -> str:
    escaped = re.escape(form)
    if form[0].isascii() and form[0].isalpha():
        return rf"(?<![A-Za-z]){escaped}(?![A-Za-z])"
    return escaped


_ALL = sorted(((key, i, form) for key, forms in PAIRS.items() for i, form in enumerate(forms)),
              key=lambda x: -len(x[2]))
_SITE = re.compile("|".join(f"(?P<g{n}>{_pattern(form)})" for n, (_, _, form) in enumerate(_ALL)))


def sites(text: str) -> list[Site]:
    """Every occurrence of any listed form, longest first where two start together."""
    found = []
    for match in _SITE.finditer(text):
        key, form, _ = _ALL[int(match.lastgroup[1:])]
        found.append(Site(match.start(), match.end(), key, form))
    return found


def observe(text: str) -> dict[str, set[int]]:
    """For each pair seen in ``text``, the forms it is written in."""
    seen: dict[str, set[int]] = {}
    for site in sites(text):
        if site.form == 1 and site.key in _AMBIGUOUS_FORM1:
            continue
        seen.setdefault(site.key, set()).add(site.form)
    return seen


def agreement(observed: dict[str, set[int]], choices: dict[str, int]) -> tuple[int, int]:
    """(pairs that agree with a copy's choices, pairs that contradict them)."""
    agree = disagree = 0
    for key, chosen in choices.items():
        forms = observed.get(key)
        if not forms:
            continue
        if forms == {chosen}:
            agree += 1
        else:
            disagree += 1
    return agree, disagree
