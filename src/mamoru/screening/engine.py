"""Screen a name (with what else is known) against the indexed list entries.

Retrieval narrows a list of tens of thousands (or a million) names to a few dozen
candidates; each is scored by ``compare``, moved by ``policy.adjust``, and the
best name per entry is kept. Every hit carries its explanation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from mamoru.screening.common_names import partial_on_common_names
from mamoru.screening.compare import Comparison, compare_names
from mamoru.screening.entries import ListEntry
from mamoru.screening.keys import (brand_keys, gloss_keys, initials_keys, meaning_keys, near_keys, sound_keys,
                                   translation_keys)
from mamoru.screening.index import CandidateIndex, IndexedName, Retriever
from mamoru.screening.names import name_form
from mamoru.screening.text import is_cjk_char
from mamoru.screening.parties import group_parties, members
from mamoru.screening.policy import DEFAULT_THRESHOLDS, NONE, Adjustment, Thresholds, adjust

RETRIEVE = 32  # candidates scored per query (50 gains <1 point of leave-one-out recall at 1.6x the cost)
# a name in another script than Latin reaches its entry only through looser keys (skeletons,
# glosses), where namesakes crowd the list: it gets more candidates (a minority of queries)
RETRIEVE_CROSS_SCRIPT = 64
RETRIEVE_INITIALS = 8  # bodies whose initials a name shares, or that its acronym is: a short list of their own
RETRIEVE_NEAR = 8  # a Latin person's unlisted word one sound short of a listed one: a short list of its own


@dataclass(frozen=True, slots=True)
class Query:
    """Who is being screened: a name and, when known, type, countries, dates of birth, ids."""

    name: str
    entity_type: str = "unknown"
    countries: tuple[str, ...] = ()
    birth_dates: tuple[str, ...] = ()
    identifiers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Hit:
    """One list entry that resembles the query, with the evidence."""

    entry: ListEntry
    entry_number: int
    matched_name: str
    name_score: float
    score: float
    outcome: str
    comparison: Comparison
    adjustments: tuple[Adjustment, ...] = field(default=())
    party: int = -1  # entries grouped as one party across lists (see parties.py)
    memberships: tuple[ListEntry, ...] = field(default=())  # every entry of that party, this one included

    def explanation(self) -> dict:
        """Plain data for JSON output and stored results."""
        c = self.comparison
        return {
            "path": c.path,
            "matched_name": self.matched_name,
            "query_reading": c.query_reading,
            "candidate_reading": c.candidate_reading,
            "tokens_aligned": [list(p) for p in c.aligned],
            "unmatched_query": list(c.unmatched_query),
            "unmatched_candidate": list(c.unmatched_candidate),
            "legal_forms_ignored": list(c.legal_forms),
            "name_score": round(self.name_score, 4),
            "adjustments": [{"reason": a.reason, "delta": round(a.delta, 4), "detail": a.detail} for a in self.adjustments],
            "memberships": [
                {"entry_id": m.entry_id, "name": m.primary_name, "programmes": list(m.programmes)} for m in self.memberships
            ],
        }


class Screener:
    """Entries, their index and the policy, ready to answer queries."""

    def __init__(self, entries: Sequence[ListEntry], index: Retriever, thresholds: Thresholds = DEFAULT_THRESHOLDS):
        self.entries = entries
        self.index = index
        self.thresholds = thresholds
        self.parties = group_parties(entries)
        self._members = members(self.parties)
        self._cjk: frozenset[int] | None = None

    def _cjk_names(self) -> frozenset[int]:
        """Numbers of the index names written in Han or kana (computed once)."""
        if self._cjk is None:
            self._cjk = frozenset(n for n, item in enumerate(self.index.names) if any(is_cjk_char(ch) for ch in item.text))
        return self._cjk

    @classmethod
    def build(cls, entries: Sequence[ListEntry], thresholds: Thresholds = DEFAULT_THRESHOLDS, progress=None) -> "Screener":
        return cls(entries, CandidateIndex.build(index_names(entries), progress), thresholds)

    def screen(self, query: Query, limit: int = 10, min_score: float = 0.0, exclude: frozenset[int] = frozenset()) -> list[Hit]:
        """Best hits first, one per entry, down to ``min_score``; ``exclude`` drops name numbers."""
        qform = name_form(query.name, _kind(query.entity_type))
        best: dict[int, Hit] = {}
        for number in self.candidates(qform, exclude):
            hit = self._score(query, qform, self.index.names[number])
            if hit.score < min_score:
                continue
            kept = best.get(hit.entry_number)
            if kept is None or (hit.score, hit.matched_name == query.name) > (kept.score, kept.matched_name == query.name):
                best[hit.entry_number] = hit
        # equal scores: a name written exactly as queried first, then the better name score, then
        # the entry's own id (stable whichever list was imported first), the number only last
        hits = sorted(
            best.values(),
            key=lambda h: (-round(h.score, 9), h.matched_name != query.name, -round(h.name_score, 9),
                           h.entry.entry_id, h.entry.primary_name, h.entry_number),
        )
        return hits[:limit]

    def candidates(self, qform, exclude: frozenset[int] = frozenset()) -> list[int]:
        """Numbers of the index names worth scoring against a prepared query name."""
        wanted = RETRIEVE if qform.script in ("Latin", "Common") else RETRIEVE_CROSS_SCRIPT
        numbers = self.index.candidates(qform, wanted, exclude)
        # lists of their own, for keys that the name's other keys outweigh in the one list above:
        own_lists = (
            # a Chinese or Japanese firm name: its English translation, among names not written in Han or
            # kana (those share gloss words by the dozen and have keys of their own)
            (gloss_keys(qform), RETRIEVE, True),
            # …and by its words' meanings alone, where a brand written by sound before them is there to be
            # guessed: a guess's sounds are shared by dozens of names (蒂森克 tsn: every Daesong) and crowd
            # out the one name with the dictionary's translation (蒂森克虏伯 thyssenkrupp)
            (meaning_keys(qform) if brand_keys(qform) else {}, RETRIEVE, True),
            # an Arabic or Persian body's name: its translation, a list apart from its transliterations
            (translation_keys(qform), RETRIEVE, False),
            # a foreign name China wrote by sound: its sounds among the names in other scripts
            (sound_keys(qform), RETRIEVE, True),
            # FSB, DSK: the bodies whose initials it is
            (initials_keys(qform), RETRIEVE_INITIALS, False),
        )
        for keys, limit, latin_only in own_lists:
            if keys:
                skipped = exclude | self._cjk_names() if latin_only else exclude
                numbers = list(dict.fromkeys(numbers + self.index.candidates(qform, limit, skipped, keys=keys)))
        near = near_keys(qform, self.index.known)
        if near:  # STRELOK, Igor finds STRELKOV, Igor Ivanovich among the Igors the list above is full of
            numbers += self.index.candidates(qform, RETRIEVE_NEAR, exclude | frozenset(numbers), keys=near)
        return numbers

    def _score(self, query: Query, qform, item: IndexedName) -> Hit:
        entry = self.entries[item.entry]
        cform = name_form(item.text, _kind(item.kind))
        comparison = compare_names(qform, cform)
        score, moves = adjust(
            comparison.score,
            query_type=query.entity_type,
            entry_type=entry.entity_type,
            query_dobs=query.birth_dates,
            entry_dobs=entry.birth_dates,
            query_countries=query.countries,
            entry_countries=entry.countries,
            query_ids=query.identifiers,
            entry_ids=entry.identifiers,
            common_left_over=partial_on_common_names(qform, cform, comparison),
        )
        party = self.parties[item.entry]
        group = tuple(self.entries[n] for n in self._members[party])
        return Hit(entry, item.entry, item.text, comparison.score, score, self.thresholds.outcome(score), comparison,
                   moves, party, group)

    def alerts(self, query: Query, limit: int = 10) -> list[Hit]:
        """Only the hits a person must look at (possible or match)."""
        return [h for h in self.screen(query, limit) if h.outcome != NONE]


def index_names(entries: Sequence[ListEntry]) -> list[IndexedName]:
    """Every name of every entry, primary first, as the index stores them."""
    out: list[IndexedName] = []
    for number, entry in enumerate(entries):
        for text, _script in entry.names():
            if text.strip():
                out.append(IndexedName(text, number, entry.entity_type))
    return out


def _kind(entity_type: str) -> str:
    return entity_type if entity_type in ("person", "organization") else "unknown"
