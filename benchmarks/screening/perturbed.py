"""UN names as a screener meets them: misspelt, reordered, run together (OpenSanctions fixtures).

``positives_un_treated.csv`` holds 683 people of the UN list with their names "treated"
(letters doubled, dropped or swapped, words reordered, "SURNAME, Given"); the
``_untreated`` file holds the same rows as listed. Each treated name is a query whose
right answer is the UN entry carrying the untreated name; every other list stays in the
index, so namesakes and twins on OFAC compete (a twin grouped as one party counts as found).

Nothing in the engine was built or tuned on these files (first used 2026-12-01), so both
halves are held-apart figures; half A's misses may be read for work after that date.
"""

from __future__ import annotations

import csv

from benchmarks.screening.data import WATCHLISTS
from benchmarks.screening.multiscript import measure
from mamoru.screening.entries import ListEntry


def _same(name: str) -> str:
    return " ".join(name.upper().split())


def run(lists: dict[str, list[ListEntry]], show_misses: int = 0) -> None:
    entries = [e for items in lists.values() for e in items]
    un = {id(e) for e in lists["UN"]}
    by_name: dict[str, int] = {}
    for number, e in enumerate(entries):
        if id(e) in un:
            for name, _ in e.names():
                by_name.setdefault(_same(name), number)
    folder = WATCHLISTS / "opensanctions_fixtures"
    with open(folder / "positives_un_treated.csv", encoding="utf-8", newline="") as fh:
        treated = list(csv.DictReader(fh))
    with open(folder / "positives_un_untreated.csv", encoding="utf-8", newline="") as fh:
        untreated = list(csv.DictReader(fh))
    queries, unmatched = [], 0
    for t, u in zip(treated, untreated):
        number = by_name.get(_same(u["full_name"]))
        if number is None:
            unmatched += 1
            continue
        changed = "as listed" if _same(t["full_name"]) == _same(u["full_name"]) else "treated"
        queries.append((number, t["full_name"], "person", changed))
    print(f"\n(perturbed UN names: {len(queries)} rows found on the UN list, {unmatched} not found there, left out)")
    group = {text: g for _, text, _, g in queries}
    measure(entries, [(n, text, kind) for n, text, kind, _ in queries],
            "UN people, names misspelt or reordered (OpenSanctions positives_un_treated) → their UN entry, name only",
            lambda text, kind: group[text], show_misses)
