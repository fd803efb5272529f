"""Cross-script development pairs: Japanese MOF and China MOFCOM names → their English list entry.

The index holds every real list in shared/data/watchlists plus the English side of
each dev pair (as its own entry, with its dates and countries), so the right entry
competes with its namesakes on UN and OFAC. The query is what a Japanese or Chinese
compliance officer types: the name in katakana / kanji / hanzi and whether it is a
person or an organisation.

Split: each pair falls in half A or half B by a hash of its id. Development of
tables and keys looked at failures of half A only; half B is the held-apart figure.
Both are printed, labelled; any figure over A (or over all pairs) is a development figure.
"""

from __future__ import annotations

import csv
import os
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass

from benchmarks.screening.data import WATCHLISTS
from mamoru.screening.engine import Query, Screener
from mamoru.screening.entries import ListEntry
from mamoru.screening.names import name_form
from mamoru.screening.parsers._common import alias, bracket_variants, organisation_variants
from mamoru.screening.policy import DEFAULT_THRESHOLDS


@dataclass(frozen=True)
class Pair:
    source: str  # jp_mof / cn_mofcom
    pair_id: str
    kind: str
    query: str
    entry: ListEntry
    regime: str = ""  # the MOF file it came from (15-dprk-un-individuals.yml …)

    @property
    def half(self) -> str:
        return "A" if zlib.crc32(self.pair_id.encode()) % 2 == 0 else "B"


def _many(cell: str) -> list[str]:
    return [v.strip() for v in (cell or "").split(";") if v.strip()]


def _spellings(name: str, kind: str) -> list[str]:
    """A person's name with bracketed alternatives, "Sergey(Sergei) AKSYONOV(AKSENOV)", as all its spellings."""
    name = name.strip()
    if name.lower().startswith("self-proclaimed"):  # MOF: Self-proclaimed “Sobol”
        name = name[len("self-proclaimed"):].strip(" “”\"")
    if kind == "person":
        return bracket_variants(name)
    return [v.strip(" “”\"") for v in organisation_variants(name.replace("“", "").replace("”", ""))]


def load_pairs() -> list[Pair]:
    pairs: list[Pair] = []
    with open(WATCHLISTS / "dev" / "jp_mof_dev.csv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if r["type"] not in ("person", "organization") or not r["name_ja"].strip():
                continue
            names = _spellings(r["name_en"], r["type"]) + [v for a in _many(r["aliases_en"]) for v in _spellings(a, r["type"])]
            names = list(dict.fromkeys(names))
            entry = ListEntry(
                r["id"], names[0], r["type"],
                aliases=tuple(alias(a) for a in names[1:]),
                countries=tuple(_many(r["countries"])), birth_dates=tuple(_many(r["birth_dates"])),
                programmes=("jp_mof_dev",),
            )
            pairs.append(Pair("jp_mof", r["id"], r["type"], r["name_ja"].strip(), entry, r["regime_file"]))
    with open(WATCHLISTS / "dev" / "cn_mofcom_dev.csv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            kind = r["type"] if r["type"] in ("person", "organization") else "unknown"
            entry = ListEntry(r["id"], r["name_en"].strip(), kind, programmes=("cn_mofcom_dev",))
            pairs.append(Pair("cn_mofcom", r["id"], kind, r["name_zh"].strip(), entry))
    return pairs


def dev_entries(pairs: list[Pair]) -> list[ListEntry]:
    return [p.entry for p in pairs]


def evaluate(screener: Screener, pairs: list[Pair], numbers: dict[str, int], names_of: dict[int, list[int]],
             show_misses: int = 0) -> None:
    """Print first-hit party / exact entry / top-10 party / candidate recall, per source, kind and half."""
    stats: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0, 0])
    misses: list[str] = []
    for p in pairs:
        number = numbers[p.pair_id]
        party = screener.parties[number]
        q = Query(p.query, p.kind)
        qform = name_form(p.query, p.kind if p.kind in ("person", "organization") else "unknown")
        hits = screener.screen(q, 10)
        first_party = bool(hits) and hits[0].party == party
        exact = bool(hits) and hits[0].entry_number == number
        top10 = any(h.party == party for h in hits)
        # candidate recall: among pairs whose expected entry scoring would accept, is it a candidate?
        own = [screener._score(q, qform, screener.index.names[n]) for n in names_of[number]]
        accepted = any(h.score >= DEFAULT_THRESHOLDS.possible for h in own)
        cands = set(screener.candidates(qform)) if accepted else set()
        found = accepted and any(n in cands for n in names_of[number])
        keys = [(p.source, p.kind, p.half), (p.source, "all", p.half), (p.source, p.kind, "all"), (p.source, "all", "all")]
        if p.kind == "person" and "dprk" in p.regime:  # North Koreans (a few Chinese among them)
            keys += [(p.source, "person DPRK", p.half), (p.source, "person DPRK", "all")]
        for key in keys:
            s = stats[key]
            s[0] += 1
            s[1] += first_party
            s[2] += exact
            s[3] += top10
            s[4] += accepted
            s[5] += found
        if accepted and not found and p.half == "A" and len(misses) < show_misses:
            misses.append(f"{p.source} {p.kind}: {p.query} → {p.entry.primary_name}: accepted but not a candidate")
        elif not first_party and p.half == "A" and len(misses) < show_misses:
            got = f"{hits[0].matched_name} ({hits[0].score:.2f} {hits[0].comparison.path})" if hits else "nothing"
            misses.append(f"{p.source} {p.kind}: {p.query} → want {p.entry.primary_name}; got {got}; "
                          f"accepted={accepted} candidate={found}")
    print(f"{'source':10} {'kind':13} {'half':5} {'pairs':>5} {'party@1':>8} {'exact@1':>8} {'party@10':>8} "
          f"{'accepted':>8} {'cand.recall':>11}")
    for key in sorted(stats):
        n, a, e, t, acc, f = stats[key]
        label = {"A": "A dev", "B": "B held", "all": "all dev"}[key[2]]
        print(f"{key[0]:10} {key[1]:13} {label:7} {n:5d} {a / n:8.3f} {e / n:8.3f} {t / n:8.3f} {acc:8d} "
              f"{(f / acc if acc else 0):11.3f}")
    print("party@1: the first hit is the expected entry or one grouped with it (same UN reference, or same name with\n"
          "compatible dates/countries); exact@1: the expected entry itself; accepted: pairs whose expected entry scoring\n"
          f"accepts (≥ {DEFAULT_THRESHOLDS.possible}); cand.recall: of those, how often retrieval hands it to scoring.\n"
          "'A dev' = the half looked at while developing; 'B held' = held apart; 'all dev' mixes both.")
    for m in misses:
        print("   miss " + m)


def run(lists: dict[str, list[ListEntry]], show_misses: int = 0) -> Screener:
    pairs = load_pairs()
    base = [e for v in lists.values() for e in v]
    entries = base + dev_entries(pairs)
    screener = Screener.build(entries)
    numbers = {p.pair_id: len(base) + i for i, p in enumerate(pairs)}
    names_of: dict[int, list[int]] = defaultdict(list)
    for n, item in enumerate(screener.index.names):
        names_of[item.entry].append(n)
    size = Counter(screener.parties)
    grouped = sum(1 for p in pairs if size[screener.parties[numbers[p.pair_id]]] > 1)
    print(f"\n== cross-script dev pairs ({len(pairs)} pairs; index: all lists + the pairs' English side, "
          f"{len(entries)} entries, {len(screener.index.names)} names; {grouped} pairs' entries grouped with another list's) ==")
    evaluate(screener, pairs, numbers, names_of, show_misses)
    return screener


def mof_as_list(pairs: list[Pair]) -> list[ListEntry]:
    """The MOF pairs as a Japanese user imports the list: katakana/kanji primary name, English aliases."""
    out = []
    with open(WATCHLISTS / "dev" / "jp_mof_dev.csv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            names = _many(r["aliases_ja"]) + [v for a in [r["name_en"]] + _many(r["aliases_en"]) for v in _spellings(a, r["type"])]
            out.append(ListEntry(r["id"], r["name_ja"].strip(), r["type"] if r["type"] in ("person", "organization") else "unknown",
                                 aliases=tuple(alias(a) for a in names if a.strip()),
                                 countries=tuple(_many(r["countries"])), birth_dates=tuple(_many(r["birth_dates"]))))
    return out


def false_alerts(lists: dict[str, list[ListEntry]], negatives: int, seed: int = 20261130, held: bool = False) -> None:
    """Alerts on ordinary names, name only, against every list plus the MOF list in Japanese.

    ``held``: also a second sample of as many negatives, disjoint from the first (another seed),
    never looked at while tuning; its alerts are counted, not printed. And a third sample of 10,000,
    disjoint from both, drawn on 2026-12-01 to read fresh alerts without reading the held ones: its
    alerts are printed, so it is a development figure like the first; a fourth of 20,000 (read) and a
    fifth of the 10,000 left (held), drawn on 2026-12-03. And, from the US negatives file, 10,000 to read
    and 38,711 held apart (names the global file also has left out), drawn in the sixteenth round.
    """
    from mamoru.screening.policy import NONE

    entries = [e for v in lists.values() for e in v] + mof_as_list(load_pairs())
    screener = Screener.build(entries)
    groups = negative_groups(negatives, seed, held)
    print(f"\n== false alerts, name only, against all lists + MOF in Japanese ({len(screener.index.names)} names) ==")
    print(f"{'queries':40} {'n':>6} {'alerts':>6} {'per 1,000':>9}")
    for label, queries in groups.items():
        alerts = []
        for q in queries:
            hits = [h for h in screener.screen(q, 3) if h.outcome != NONE]
            if hits:
                alerts.append(f"{q.name} → {hits[0].matched_name} ({hits[0].score:.2f} {hits[0].comparison.path})")
        print(f"{label:40} {len(queries):6d} {len(alerts):6d} {len(alerts) * 1000 / len(queries):9.2f}")
        if "held" in label:
            continue  # held apart: counted, never read
        for a in alerts[:int(os.environ.get("SHOW_ALERTS", "6"))]:
            print("   e.g. " + a)


def negative_groups(negatives: int, seed: int = 20261130, held: bool = False) -> dict[str, list[Query]]:
    """The ordinary names of ``false_alerts``, by group; a label with "held" in it is never to be read."""
    import random

    from benchmarks.screening.data import REPO, read_csv

    every = read_csv("opensanctions_fixtures/negatives_global.csv")
    rows = random.Random(seed).sample(every, min(negatives, len(every)))
    data = REPO / "tests" / "screening" / "data"
    with open(data / "ordinary_jp_companies.csv", encoding="utf-8", newline="") as fh:
        firms = list(csv.DictReader(fh))
    with open(data / "ordinary_jp_people.csv", encoding="utf-8", newline="") as fh:
        people = list(csv.DictReader(fh))
    with open(data / "ordinary_cn_people.csv", encoding="utf-8", newline="") as fh:
        chinese = list(csv.DictReader(fh))
    with open(data / "ordinary_cn_companies.csv", encoding="utf-8", newline="") as fh:
        chinese_firms = list(csv.DictReader(fh))
    with open(data / "ordinary_ar_fa_companies.csv", encoding="utf-8", newline="") as fh:
        arabic_firms = list(csv.DictReader(fh))
    groups = {
        "OpenSanctions negatives (person)": [Query(r["full_name"], "person") for r in rows],
        "ordinary Japanese firms, kanji/kana": [Query(f["name_ja"], "organization") for f in firms],
        "ordinary Japanese firms, romaji": [Query(f["name_en"], "organization") for f in firms],
        "ordinary Japanese people, kanji": [Query(p["name_kanji"], "person") for p in people],
        "ordinary Japanese people, katakana": [Query(p["name_katakana"], "person") for p in people],
        "ordinary Japanese people, romaji": [Query(p["name_romaji"], "person") for p in people],
        # common surnames and given names in simplified characters, paired at random (seed 20261201):
        # written when Japanese readings were first given to simplified characters, to count what they cost
        "ordinary Chinese people, simplified": [Query(p["name_zh"], "person") for p in chinese],
        # Chinese firms as the law has them named (place, trade name, trade, form: 上海中联陶瓷股份有限公司),
        # 300 drawn at random (seed 20261202) from trade names, many of them brands written by sound
        # (海尔, 格兰仕, 奥克斯), and 150 trade names with only 集团 or 公司 after them (海尔集团); written on
        # 2026-12-02 when a brand by sound with nothing after it began to be compared
        "ordinary Chinese firms, simplified": [Query(f["name_zh"], "organization") for f in chinese_firms],
        # Iranian and Arab firms as they name themselves (شرکت صنایع غذایی بهروز, شركة النور للمقاولات): 80
        # names written on 2026-12-02 with the Persian and Arabic firm words, measured once before reading
        "ordinary Arabic/Persian firms": [Query(f["name"], "organization") for f in arabic_firms],
    }
    if held:
        taken = {id(r) for r in rows}
        rest = [r for r in every if id(r) not in taken]
        rows = random.Random(seed + 1).sample(rest, min(negatives, len(rest)))
        groups["OpenSanctions negatives, held sample"] = [Query(r["full_name"], "person") for r in rows]
        taken |= {id(r) for r in rows}
        rest = [r for r in every if id(r) not in taken]
        third = random.Random(seed + 2).sample(rest, min(10_000, len(rest)))
        groups["OpenSanctions negatives, third (read)"] = [Query(r["full_name"], "person") for r in third]
        # drawn on 2026-12-03 for the common-names rule: a fourth sample of 20,000 to read, and every negative
        # left (10,000) as a fifth, held apart and counted only
        taken |= {id(r) for r in third}
        rest = [r for r in every if id(r) not in taken]
        fourth = random.Random(seed + 3).sample(rest, min(20_000, len(rest)))
        groups["OpenSanctions negatives, fourth (read)"] = [Query(r["full_name"], "person") for r in fourth]
        taken |= {id(r) for r in fourth}
        groups["OpenSanctions negatives, fifth held"] = [Query(r["full_name"], "person") for r in every
                                                         if id(r) not in taken]
        # the other file of ordinary people (mostly Western names), never read for alerts before: drawn on
        # 2026-12-03 (sixteenth round) when the global file was used up; names the global file also has
        # are left out, so both samples are fresh. 10,000 to read, the rest held apart and counted only
        known = {r["full_name"] for r in every}
        us = list(dict.fromkeys(r["full_name"] for r in read_csv("opensanctions_fixtures/negatives_us.csv")
                                if r["full_name"] not in known))
        us_read = set(random.Random(seed + 4).sample(us, min(10_000, len(us))))
        groups["OpenSanctions US negatives (read)"] = [Query(n, "person") for n in us if n in us_read]
        groups["OpenSanctions US negatives, held"] = [Query(n, "person") for n in us if n not in us_read]
        # surnames and given names none of which the tuned file has, written 2026-12-01 before the
        # katakana ジ rule was measured against them
        with open(data / "ordinary_jp_people_held.csv", encoding="utf-8", newline="") as fh:
            others = list(csv.DictReader(fh))
        for script, column in (("kanji", "name_kanji"), ("katakana", "name_katakana"), ("romaji", "name_romaji")):
            groups[f"Japanese people, {script}, held"] = [Query(p[column], "person") for p in others]
        # Chinese firms built as the tuned ones are, from 69 other trade names (brands by sound among them:
        # 澳柯玛, 科沃斯, 泉峰), written on 2026-12-02 with the tuned set and never read
        with open(data / "ordinary_cn_companies_held.csv", encoding="utf-8", newline="") as fh:
            groups["Chinese firms, simplified, held"] = [Query(f["name_zh"], "organization") for f in csv.DictReader(fh)]
    return groups


def arabic_negatives(lists: dict[str, list[ListEntry]], shown: int = 0) -> None:
    """Alerts on every ordinary name written in Arabic script (name only, all lists), split into
    halves A / B by a CRC of the name: tune on A (its alerts may be printed), report both."""
    from benchmarks.screening.data import read_csv
    from mamoru.screening.policy import NONE

    screener = Screener.build([e for v in lists.values() for e in v] + mof_as_list(load_pairs()))
    names = [r["full_name"] for r in read_csv("opensanctions_fixtures/negatives_global.csv")
             if any("\u0600" <= ch <= "\u06ff" for ch in r["full_name"])]
    print(f"\n== false alerts on Arabic-script negatives, name only, all lists ({len(names)} names) ==")
    print(f"{'half':6} {'n':>6} {'alerts':>6} {'per 1,000':>9}")
    for half in ("A", "B"):
        queries = [n for n in names if "AB"[zlib.crc32(n.encode()) % 2] == half]
        alerts = []
        for name in queries:
            hits = [h for h in screener.screen(Query(name, "person"), 3) if h.outcome != NONE]
            if hits:
                alerts.append(f"{name} → {hits[0].matched_name} ({hits[0].score:.2f} {hits[0].comparison.path})")
        print(f"{half:6} {len(queries):6d} {len(alerts):6d} {len(alerts) * 1000 / len(queries):9.2f}")
        if half == "A":
            for a in alerts[:shown]:
                print("   e.g. " + a)
