"""EU/UK-style aliases of Russia-, Ukraine- and Belarus-related entries: one alias left out → its entry first.

EU and UK consolidated lists give Russian, Ukrainian and Belarusian persons and firms
under several transliterations (German, French, Polish, English) and in Cyrillic, with
Cyrillic legal forms (ООО «…», АО, ПАО). We hold no EU/UK file, so this check is built
from the entries of OFAC SDN whose programmes name Russia, Ukraine or Belarus, and UN
entries with a Cyrillic alias: for each such entry one alias (chosen by a CRC of the
entry id, never one equal to the primary name) is removed from the index and queried;
every other list stays in, so the entry must come first among all lists (a party that
groups the entry with its twin on another list counts as found).

Split: half A / half B by a CRC of the entry id, as dev.py does; ``--misses`` prints only A.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from dataclasses import replace

from mamoru.screening.engine import Query, Screener
from mamoru.screening.entries import ListEntry
from mamoru.screening.text import script_label

_PROGRAMMES = re.compile(r"RUSSIA|UKRAINE|BELARUS", re.I)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def half(entry_id: str) -> str:
    return "A" if zlib.crc32(entry_id.encode()) % 2 == 0 else "B"


def _chosen(e: ListEntry, label: str):
    if label.startswith("OFAC") and any(_PROGRAMMES.search(p) for p in e.programmes):
        pool = [a for a in e.aliases if a.quality != "weak"]
    elif label == "UN" and any(_CYRILLIC.search(a.name) for a in e.aliases):
        pool = [a for a in e.aliases if a.quality != "weak"]
    else:
        return None
    pool = [a for a in pool if a.name.casefold() != e.primary_name.casefold()]
    if not pool:
        return None
    return pool[zlib.crc32(("alias:" + e.entry_id).encode()) % len(pool)]


def run(lists: dict[str, list[ListEntry]], show_misses: int = 0) -> None:
    queries: list[tuple[int, str, str]] = []
    entries: list[ListEntry] = []
    for label, items in lists.items():
        for e in items:
            a = _chosen(e, label) if label in ("OFAC-SDN", "UN") else None
            if a is not None:
                kind = e.entity_type if e.entity_type in ("person", "organization") else "unknown"
                queries.append((len(entries), a.name, kind))
                e = replace(e, aliases=tuple(x for x in e.aliases if x is not a))
            entries.append(e)
    screener = Screener.build(entries)
    stats: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    misses = []
    for number, text, kind in queries:
        party = screener.parties[number]
        h = half(entries[number].entry_id)
        hits = screener.screen(Query(text, kind), 10)
        first = bool(hits) and hits[0].party == party
        top10 = any(x.party == party for x in hits)
        for key in (f"{script_label(text)}/{kind[:3]}", "all"):
            s = stats[(key, h)]
            s[0] += 1
            s[1] += first
            s[2] += top10
        if not first and h == "A" and len(misses) < show_misses:
            got = f"{hits[0].matched_name} ({hits[0].score:.2f} {hits[0].comparison.path})" if hits else "nothing"
            misses.append(f"{text} → want {entries[number].primary_name} "
                          f"[{' | '.join(x.name for x in entries[number].aliases[:4])}]; got {got}")
    print(f"\n== EU/UK-style aliases: Russia/Ukraine/Belarus OFAC-SDN + UN Cyrillic entries, one alias left out "
          f"→ the entry first ({len(screener.index.names)} names; A = dev, B = held apart) ==")
    print(f"{'script/kind':14} {'half':>4} {'queries':>7} {'party@1':>8} {'party@10':>8}")
    for key, h in sorted(stats, key=lambda k: (k[0] == "all", k)):
        n, a, t = stats[(key, h)]
        print(f"{key:14} {h:>4} {n:7d} {a / n:8.3f} {t / n:8.3f}")
    for m in misses:
        print("   miss (A) " + m)
