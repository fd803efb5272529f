"""One party across lists: the same person or company listed by the UN, OFAC and Japan's MOF.

Entries are grouped when they share a UN reference number (QDi.123, KPe.045 …),
or when one of their names is the same after folding (word order ignored) and
nothing they publish contradicts it: same kind of entity, a shared year of birth
when both give one, a shared country when both give one. A single word or a
name shared by more than ``MAX_NAMESAKES`` entries is never enough on its own
(ZHANG Wei is many people). The screener counts a hit on any member as a hit on
the party and shows every membership.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Sequence

from mamoru.screening.entries import ListEntry
from mamoru.screening.text import fold

UN_REFERENCE = re.compile(r"^[A-Z]{2}[ie]\.\d{3}$")
MAX_NAMESAKES = 8  # a name on more entries than this is a common name, not one party


def un_references(entry: ListEntry) -> set[str]:
    """UN Security Council reference numbers the entry carries (programmes or identifiers)."""
    return {p.strip() for p in (*entry.programmes, *entry.identifiers) if UN_REFERENCE.match(p.strip())}


def _name_key(text: str) -> str:
    words = sorted(fold(text).split())
    return " ".join(words) if len(words) >= 2 else ""


def _years(entry: ListEntry) -> set[str]:
    return {d[:4] for d in entry.birth_dates if len(d) >= 4 and d[:4].isdigit()}


def compatible(a: ListEntry, b: ListEntry) -> bool:
    """Nothing published about the two entries says they are different parties."""
    kinds = {a.entity_type, b.entity_type} - {"unknown"}
    if len(kinds) > 1:
        return False
    ya, yb = _years(a), _years(b)
    if ya and yb and not ya & yb:
        return False
    ca, cb = set(a.countries), set(b.countries)
    if ca and cb and not ca & cb:
        return False
    return True


def group_parties(entries: Sequence[ListEntry]) -> list[int]:
    """Party number of every entry: the lowest-numbered member's position (stable, deterministic)."""
    parent = list(range(len(entries)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: int, y: int) -> None:
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)

    by_ref: dict[str, list[int]] = defaultdict(list)
    by_name: dict[str, list[int]] = defaultdict(list)
    for i, entry in enumerate(entries):
        for ref in un_references(entry):
            by_ref[ref].append(i)
        for key in {_name_key(text) for text, _ in entry.names()} - {""}:
            by_name[key].append(i)
    for members in by_ref.values():
        for m in members[1:]:
            union(members[0], m)
    for members in by_name.values():
        if len(members) < 2 or len(members) > MAX_NAMESAKES:
            continue
        for i, x in enumerate(members):
            for y in members[i + 1 :]:
                if compatible(entries[x], entries[y]):
                    union(x, y)
    return [find(i) for i in range(len(entries))]


def members(parties: Sequence[int]) -> dict[int, list[int]]:
    """Entry numbers of each party, in entry order."""
    out: dict[int, list[int]] = defaultdict(list)
    for number, party in enumerate(parties):
        out[party].append(number)
    return dict(out)
