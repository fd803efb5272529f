"""Multi-script aliases, EU/UK style: the name in its own script must find the entry written in Latin.

EU and UK lists carry a person's name in Arabic or Cyrillic beside the Latin one; a
user may type either. The UN list gives the same pairs (NAME_ORIGINAL_SCRIPT beside
FIRST_NAME … FOURTH_NAME). Here each UN entry loses its original-script alias, so the
only way to it from the Arabic or Cyrillic query is across scripts; every other list
stays in the index, so namesakes on OFAC compete (an OFAC twin of the same person is
grouped with it as one party and counts as found).

Split: each query falls in half A or half B by a CRC of its UN entry id (as dev.py
splits its pairs). Development looked at half A's misses only (``--misses`` prints
only A); half B is the held-apart figure. Before the split existed, the Arabic
skeletons had been developed on all of them, so B is held apart only from the work
done since (2026-11-30).
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from dataclasses import replace

from mamoru.screening.engine import Query, Screener
from mamoru.screening.entries import ListEntry
from mamoru.screening.names import name_form
from mamoru.screening.policy import DEFAULT_THRESHOLDS
from mamoru.screening.text import script_label


def half(entry_id: str) -> str:
    return "A" if zlib.crc32(entry_id.encode()) % 2 == 0 else "B"


def run(lists: dict[str, list[ListEntry]], show_misses: int = 0) -> None:
    queries: list[tuple[int, str, str]] = []  # (entry number, original-script name, kind)
    entries: list[ListEntry] = []
    for label, items in lists.items():
        for e in items:
            originals = [a for a in e.aliases if a.quality == "original_script"] if label == "UN" else []
            if originals:
                kind = e.entity_type if e.entity_type in ("person", "organization") else "unknown"
                queries += [(len(entries), a.name, kind) for a in originals if a.name != e.primary_name]
                e = replace(e, aliases=tuple(a for a in e.aliases if a.quality != "original_script"))
            entries.append(e)
    title = ("multi-script aliases: UN NAME_ORIGINAL_SCRIPT → the entry in Latin (original-script aliases "
             "removed from the index")
    measure(entries, queries, title, lambda text, kind: script_label(text), show_misses)


def measure(entries: list[ListEntry], queries: list[tuple[int, str, str]], title: str, group,
            show_misses: int = 0, want=lambda e: e.primary_name) -> None:
    """Screen each (entry number, name, kind) against all ``entries``; print party@1 / party@10 per
    ``group(name, kind)`` and half (A dev, B held), candidate recall (of the queries whose entry scoring
    accepts through one of its names, how often retrieval hands one of those names to scoring), and
    half A's misses."""
    screener = Screener.build(entries)
    names_of: dict[int, list[int]] = defaultdict(list)
    for n, item in enumerate(screener.index.names):
        names_of[item.entry].append(n)
    stats: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    misses = []
    for number, text, kind in queries:
        party = screener.parties[number]
        h = half(entries[number].entry_id)
        hits = screener.screen(Query(text, kind), 10)
        first = bool(hits) and hits[0].party == party
        top10 = any(x.party == party for x in hits)
        qform = name_form(text, kind)
        accepting = [n for n in names_of[number]
                     if screener._score(Query(text, kind), qform, screener.index.names[n]).score >= DEFAULT_THRESHOLDS.possible]
        found = bool(accepting) and bool(set(accepting) & set(screener.candidates(qform)))
        for key in (group(text, kind), "all"):
            s = stats[(key, h)]
            s[0] += 1
            s[1] += first
            s[2] += top10
            s[3] += bool(accepting)
            s[4] += found
        if accepting and not found and h == "A" and len(misses) < show_misses:
            misses.append(f"{text} → {want(entries[number])}: accepted but not a candidate")
        elif not first and h == "A" and len(misses) < show_misses:
            got = f"{hits[0].matched_name} ({hits[0].score:.2f} {hits[0].comparison.path})" if hits else "nothing"
            misses.append(f"{text} → want {want(entries[number])}; got {got}")
    print(f"\n== {title}; {len(screener.index.names)} names; A = dev, B = held apart) ==")
    print(f"{'group':14} {'half':>4} {'queries':>7} {'party@1':>8} {'party@10':>8} {'accepted':>8} {'cand.recall':>11}")
    for key, h in sorted(stats, key=lambda k: (k[0] == "all", k)):
        n, a, t, acc, f = stats[(key, h)]
        print(f"{key:14} {h:>4} {n:7d} {a / n:8.3f} {t / n:8.3f} {acc:8d} {(f / acc if acc else 0):11.3f}")
    for m in misses:
        print("   miss (A) " + m)
