"""One folding of text for matching, with a map from folded offsets back to the original.

Codebook terms and document text go through the same ``fold()`` so that ``ＡＸ－２００``,
``ax-200`` and ``AX-200`` meet, half-width ``ｶﾞ`` meets ``ガ`` and ``℃`` meets ``°C``.
Matching happens on the folded text; redaction must edit the original, so every folded
span maps back to an original span through :class:`OffsetMap`.

Most characters fold one-to-one, and the common case (no combining marks, no
expanding characters, no runs of spaces) is a single ``str.translate`` with an
identity map. Only the rare clusters that change length are recorded.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

_HALFWIDTH_VOICING = "\uff9e\uff9f"


def fold_cluster(text: str) -> str:
    """NFKC, case-folded, NFKC again (the Unicode NFKC_Casefold recipe), spaces to one space."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    if folded.isspace() or (folded and text.isspace()):
        return " "
    return folded


def _char_rule(ch: str) -> str | None:
    """What a lone character folds to, or None when it must be folded as a cluster."""
    if _joins_previous(ch):
        return None
    if ch.isspace():
        return " "
    folded = fold_cluster(ch)
    return folded if len(folded) == 1 else None


def _joins_previous(ch: str) -> bool:
    """Marks that combine with the character before them (so fold together)."""
    return (
        ch in _HALFWIDTH_VOICING
        or unicodedata.category(ch).startswith("M")
        or "\u1160" <= ch <= "\u11ff"  # Hangul medial/final jamo compose with the syllable before
    )


def _charset(chars: list[str]) -> str:
    """A regex character class for ``chars``, compressed into ranges."""
    codes = sorted(ord(c) for c in chars)
    parts, i = [], 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        lo, hi = re.escape(chr(codes[i])), re.escape(chr(codes[j]))
        parts.append(lo if i == j else f"{lo}-{hi}")
        i = j + 1
    return "[" + "".join(parts) + "]"


@dataclass(frozen=True)
class _Rules:
    table: dict[int, str]
    changing: re.Pattern[str]
    clusters: re.Pattern[str]
    joiners: frozenset[str]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    """Per-character rules for the whole Basic Multilingual Plane, computed once (~0.2 s).

    Characters outside it are rare in documents and are always folded as clusters.
    """
    table: dict[int, str] = {}
    joiners: list[str] = []
    loners: list[str] = []
    for cp in range(0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        rule = _char_rule(ch)
        if rule is None:
            (joiners if _joins_previous(ch) else loners).append(ch)
        elif rule != ch:
            table[cp] = rule
    clusters = re.compile(
        rf"\s{{2,}}|{_charset(loners)}|[\U00010000-\U0010FFFF]|{_charset(joiners)}+"
    )
    return _Rules(table, re.compile(_charset([chr(c) for c in table])), clusters, frozenset(joiners))


@dataclass(frozen=True)
class OffsetMap:
    """Folded offset -> original offset, piecewise linear with a few irregular clusters.

    ``starts`` are folded offsets where a segment begins, ``origins`` the original
    offsets of those starts, ``exact`` whether the segment is one-to-one (else it is
    one cluster whose folded characters all map to the whole original cluster).
    """

    starts: list[int] = field(default_factory=lambda: [0])
    origins: list[int] = field(default_factory=lambda: [0])
    exact: list[bool] = field(default_factory=lambda: [True])
    cluster_ends: list[int] = field(default_factory=lambda: [0])
    folded_length: int = 0
    original_length: int = 0

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span [start', end') covering folded span [start, end)."""
        return self._point(start, left=True), self._point(end, left=False)

    def _point(self, pos: int, *, left: bool) -> int:
        if pos >= self.folded_length:
            return self.original_length
        i = bisect_right(self.starts, pos) - 1
        if self.exact[i]:
            return self.origins[i] + (pos - self.starts[i])
        if left or pos == self.starts[i]:
            return self.origins[i]
        return self.cluster_ends[i]


@dataclass(frozen=True)
class Folded:
    """Folded text plus the way back."""

    text: str
    offsets: OffsetMap


def fold(text: str) -> Folded:
    """Fold ``text`` for matching; identical input always folds identically."""
    rules = _rules()
    if rules.clusters.search(text) is None:
        folded = _translate(text, rules)
        return Folded(folded, OffsetMap(folded_length=len(folded), original_length=len(text)))
    return _fold_slow(text, rules)


def _translate(text: str, rules: _Rules) -> str:
    """One-to-one folding, touching only the characters that change.

    In Japanese prose most characters fold to themselves, and one regex scan for the
    few that do is several times faster than ``str.translate``'s per-character lookups.
    """
    table = rules.table
    return rules.changing.sub(lambda m: table[ord(m.group())], text)


def _fold_slow(text: str, rules: _Rules) -> Folded:
    pieces: list[str] = []
    starts, origins, exact, ends = [], [], [], []
    pos_f = 0
    pos_o = 0
    for m in rules.clusters.finditer(text):
        begin = m.start()
        if m.group()[0] in rules.joiners and begin > pos_o:
            begin -= 1  # the base character the marks belong to
        if begin > pos_o:
            plain = _translate(text[pos_o:begin], rules)
            starts.append(pos_f), origins.append(pos_o), exact.append(True), ends.append(begin)
            pieces.append(plain)
            pos_f += len(plain)
        cluster = fold_cluster(text[begin : m.end()])
        if cluster:
            starts.append(pos_f), origins.append(begin), exact.append(False), ends.append(m.end())
            pieces.append(cluster)
            pos_f += len(cluster)
        pos_o = m.end()
    if pos_o < len(text) or not starts:
        plain = _translate(text[pos_o:], rules)
        starts.append(pos_f), origins.append(pos_o), exact.append(True), ends.append(len(text))
        pieces.append(plain)
        pos_f += len(plain)
    return Folded(
        "".join(pieces),
        OffsetMap(starts, origins, exact, ends, folded_length=pos_f, original_length=len(text)),
    )


def fold_term(term: str) -> str:
    """The key a codebook term is stored and matched under (surrounding spaces dropped)."""
    return fold(term.strip()).text.strip()
