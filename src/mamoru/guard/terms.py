"""Codebook terms as plain data, and the Aho-Corasick matcher compiled from them.

The matcher is built once per codebook version: building a 10,000-term automaton
costs tens of milliseconds, scanning with it is linear in the text, so callers go
through :func:`matcher_for`, which keeps compiled automata keyed by version.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass
from threading import Lock
from typing import Iterable

import ahocorasick

from mamoru.guard.normalize import fold_term


@dataclass(frozen=True)
class Term:
    """A word that gives a technology away, and what it stands for."""

    term_id: int
    text: str
    element_code: str | None = None
    rank: int | None = None
    category: str = "other"
    technology_code: str | None = None
    code_name: str | None = None


@dataclass(frozen=True)
class TermHit:
    """A codebook term found at folded offsets [start, end)."""

    start: int
    end: int
    term: Term


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


class TermMatcher:
    """Leftmost-longest, non-overlapping dictionary matching over folded text.

    Latin terms must not start or end inside a Latin word ("AX-200" is not found in
    "MAX-2000"); Japanese has no word spaces, so CJK edges match anywhere.
    """

    def __init__(self, terms: Iterable[Term]) -> None:
        self._automaton = ahocorasick.Automaton()
        self.size = 0
        keys: dict[str, list[Term]] = {}
        for term in terms:
            key = fold_term(term.text)
            if key:
                keys.setdefault(key, []).append(term)
        for key, owners in keys.items():
            # Among equal keys the most restrictive rank wins: it decides the gate.
            best = max(owners, key=lambda t: (t.rank if t.rank is not None else -1, -t.term_id))
            self._automaton.add_word(key, (len(key), best))
            self.size += 1
        if self.size:
            self._automaton.make_automaton()

    def find(self, folded: str) -> list[TermHit]:
        if not self.size:
            return []
        candidates: list[tuple[int, int, Term]] = []
        n = len(folded)
        for end_index, (length, term) in self._automaton.iter(folded):
            start = end_index - length + 1
            end = end_index + 1
            if _is_word_char(folded[start]) and start > 0 and _is_word_char(folded[start - 1]):
                continue
            if _is_word_char(folded[end - 1]) and end < n and _is_word_char(folded[end]):
                continue
            candidates.append((start, -end, term))
        candidates.sort(key=lambda c: (c[0], c[1]))
        hits: list[TermHit] = []
        last_end = -1
        for start, neg_end, term in candidates:
            if start >= last_end:
                hits.append(TermHit(start, -neg_end, term))
                last_end = -neg_end
        return hits


def codebook_version(terms: Iterable[Term]) -> str:
    """A content digest, for callers that have no stored version number."""
    digest = hashlib.sha256()
    for t in sorted(terms, key=lambda t: t.term_id):
        digest.update(repr((t.term_id, t.text, t.element_code, t.rank, t.code_name)).encode())
    return digest.hexdigest()


_CACHE: "OrderedDict[object, TermMatcher]" = OrderedDict()
_CACHE_LOCK = Lock()
_CACHE_SIZE = 8


def matcher_for(version: object, load_terms) -> TermMatcher:
    """The compiled matcher for ``version``; ``load_terms()`` is called only on a miss."""
    with _CACHE_LOCK:
        cached = _CACHE.get(version)
        if cached is not None:
            _CACHE.move_to_end(version)
            return cached
    matcher = TermMatcher(load_terms())
    with _CACHE_LOCK:
        _CACHE[version] = matcher
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return matcher
