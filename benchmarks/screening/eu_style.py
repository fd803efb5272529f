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
from dataclasses import replace

from benchmarks.screening.multiscript import measure
from mamoru.screening.entries import ListEntry
from mamoru.screening.text import script_label

_PROGRAMMES = re.compile(r"RUSSIA|UKRAINE|BELARUS", re.I)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


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
    measure(entries, queries,
            "EU/UK-style aliases: Russia/Ukraine/Belarus OFAC-SDN + UN Cyrillic entries, one alias left out "
            "→ the entry first (all lists", lambda text, kind: f"{script_label(text)}/{kind[:3]}", show_misses,
            want=lambda e: f"{e.primary_name} [{' | '.join(x.name for x in e.aliases[:4])}]")
