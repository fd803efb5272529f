"""The benchmark sections; each prints a small table."""

from __future__ import annotations

import random
import resource
import time
from collections import defaultdict

from benchmarks.screening.data import read_csv
from mamoru.screening.compare import compare_names
from mamoru.screening.engine import Query, Screener
from mamoru.screening.entries import ListEntry
from mamoru.screening.names import name_form
from mamoru.screening.parsers._common import country_code
from mamoru.screening.policy import DEFAULT_THRESHOLDS, NONE
from mamoru.screening.text import main_script, script_label

SCHEMA_KIND = {"Person": "person", "Company": "organization", "Organization": "organization"}


def _prf(pred: list[bool], gold: list[bool]) -> tuple[float, float, float]:
    tp = sum(p and g for p, g in zip(pred, gold))
    fp = sum(p and not g for p, g in zip(pred, gold))
    fn = sum(g and not p for p, g in zip(pred, gold))
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def name_pairs() -> None:
    """Labelled pairs: ours at the default 'possible' threshold, the peer's frozen scores, nomenklatura live."""
    cases = read_csv("nomenklatura/name_bench_cases.csv")
    frozen = read_csv("nomenklatura/logicv2_frozen_scores.csv")
    t = time.perf_counter()
    ours = [
        compare_names(name_form(c["name1"], SCHEMA_KIND.get(c["schema"], "unknown")),
                      name_form(c["name2"], SCHEMA_KIND.get(c["schema"], "unknown"))).score
        for c in cases
    ]
    ours_s = time.perf_counter() - t
    gold = [c["is_match"] == "true" for c in cases]
    key = lambda r: (r["schema"], r["name1"], r["name2"])  # noqa: E731
    our_by_key = {key(c): s for c, s in zip(cases, ours)}
    f_gold = [r["is_match"] == "true" for r in frozen]
    f_pred = [r["predicted_match"] == "true" for r in frozen]
    f_ours = [our_by_key.get(key(r), 0.0) >= DEFAULT_THRESHOLDS.possible for r in frozen]
    print("\n== name pairs (nomenklatura/name_bench_cases.csv) ==")
    print(f"{'matcher':44} {'pairs':>5} {'prec':>6} {'recall':>6} {'F1':>6}")
    th = DEFAULT_THRESHOLDS
    for label, pred, g in [
        (f"mamoru, possible >= {th.possible}", [s >= th.possible for s in ours], gold),
        (f"mamoru, match >= {th.match}", [s >= th.match for s in ours], gold),
        (f"mamoru on the peer's {len(frozen)} pairs", f_ours, f_gold),
        ("peer logic-v2 frozen scores (>= 0.7)", f_pred, f_gold),
    ]:
        p, r, f = _prf(pred, g)
        print(f"{label:44} {len(g):5d} {p:6.3f} {r:6.3f} {f:6.3f}")
    try:
        live, live_s = _nomenklatura_live(cases)
        p, r, f = _prf([s >= 0.7 for s in live], gold)
        print(f"{'nomenklatura LogicV2 in-process (>= 0.7)':44} {len(gold):5d} {p:6.3f} {r:6.3f} {f:6.3f}")
        print(f"pair scoring time: mamoru {ours_s * 1000 / len(cases):.2f} ms/pair, LogicV2 {live_s * 1000 / len(cases):.2f} ms/pair")
    except Exception as exc:  # the comparison must not stop the rest of the run
        print(f"nomenklatura LogicV2 in-process: not run ({exc.__class__.__name__}: {exc})")
    by_group: dict[str, list] = defaultdict(list)
    for c, s, g in zip(cases, ours, gold):
        by_group[c["case_group"]].append((s >= th.possible, g))
    print("mamoru F1 by case group: " + ", ".join(
        f"{k} {_prf([p for p, _ in v], [g for _, g in v])[2]:.3f} (n={len(v)})" for k, v in sorted(by_group.items())))


def _nomenklatura_live(cases: list[dict]) -> tuple[list[float], float]:
    from followthemoney import model
    from nomenklatura.matching import LogicV2
    from nomenklatura.matching.types import ScoringConfig

    config = ScoringConfig.defaults()
    scores = []
    t = time.perf_counter()
    for i, c in enumerate(cases):
        schema = c["schema"] if c["schema"] in ("Person", "Company", "Organization", "LegalEntity", "Vessel") else "LegalEntity"
        left = model.make_entity(schema)
        left.id = f"l{i}"
        left.add("name", c["name1"])
        right = model.make_entity(schema)
        right.id = f"r{i}"
        right.add("name", c["name2"])
        scores.append(LogicV2.compare(left, right, config).score)
    return scores, time.perf_counter() - t


def build_all(lists: dict[str, list[ListEntry]]) -> Screener:
    entries = [e for v in lists.values() for e in v]
    t = time.perf_counter()
    screener = Screener.build(entries)
    print(f"\n== index of all lists: {len(entries)} entries, {len(screener.index.names)} names, "
          f"{len(screener.index.keys)} keys, built in {time.perf_counter() - t:.1f}s ==")
    return screener


def alias_recall(lists: dict[str, list[ListEntry]], sample: int | None) -> None:
    """Query every alias against its own list; is its entry first / in the top 10?

    Against its own list, because the same person or company is on several lists
    (UN and OFAC), where a tie between two lists' entries is not an error.
    """
    print("\n== alias recall (each alias of entries that have aliases, against its own list) ==")
    print(f"{'list':10} {'script':10} {'aliases':>7} {'R@1':>6} {'R@10':>6} {'R@1 loo':>8} {'R@10 loo':>8}")
    for label, entries in lists.items():
        if not any(e.aliases for e in entries):
            continue
        screener = Screener.build(entries)
        # index name number of every (entry, alias text) so it can be left out
        numbers: dict[tuple[int, str], int] = {}
        for n, item in enumerate(screener.index.names):
            numbers.setdefault((item.entry, item.text), n)
        groups: dict[str, list] = defaultdict(list)
        for i, entry in enumerate(entries):
            for a in entry.aliases:
                groups[script_label(a.name)].append((i, entry, a.name))
        for script, items in sorted(groups.items(), key=lambda kv: -len(kv[1])):
            if sample and len(items) > sample:
                items = random.sample(items, sample)
            r1 = r10 = l1 = l10 = 0
            for number, entry, text in items:
                q = Query(text, entry.entity_type if entry.entity_type in ("person", "organization") else "unknown")
                hits = screener.screen(q, 10)
                r1 += bool(hits) and hits[0].entry_number == number
                r10 += any(h.entry_number == number for h in hits)
                hits = screener.screen(q, 10, exclude=frozenset({numbers[(number, text)]}))
                l1 += bool(hits) and hits[0].entry_number == number
                l10 += any(h.entry_number == number for h in hits)
            n = len(items)
            print(f"{label:10} {script:10} {n:7d} {r1 / n:6.3f} {r10 / n:6.3f} {l1 / n:8.3f} {l10 / n:8.3f}")
    print("loo = leave-one-out: the queried alias itself is removed from the candidates, so the entry must be\n"
          "found through its other names (a much harder test; cross-script aliases often have no other bridge).")


def alias_alerts(lists: dict[str, list[ListEntry]]) -> None:
    """Each Latin name of a person entry against the entry's other Latin names, on the name alone:
    does it alert through one of them? What a rule that scores namesakes lower costs the lists'
    own variants (a middle name used alone, a second surname dropped)."""
    pairs = alerting = names = through_other = 0
    for entries in lists.values():
        for entry in entries:
            if entry.entity_type != "person":
                continue
            latin = list(dict.fromkeys(n for n, script in entry.names() if script == "Latin" and n.strip()))
            for a in latin:
                scores = [compare_names(name_form(a, "person"), name_form(b, "person")).score for b in latin if b != a]
                if not scores:
                    continue
                found = [s >= DEFAULT_THRESHOLDS.possible for s in scores]
                pairs, alerting = pairs + len(scores), alerting + sum(found)
                names, through_other = names + 1, through_other + any(found)
    print("\n== the lists' own person aliases, name only: alerts against the entry's other Latin names ==")
    print(f"names {names}, alerting through another name of their entry {through_other}; "
          f"pairs {pairs}, alerting {alerting}")


def false_alerts(screener: Screener, limit: int | None) -> None:
    rows = read_csv("opensanctions_fixtures/negatives_global.csv")
    if limit and limit < len(rows):
        rows = random.sample(rows, limit)
    print(f"\n== false alerts over {len(rows)} negatives (opensanctions_fixtures/negatives_global.csv) ==")
    print("(script CJK = Han, kana or Hangul, as in the fixture's 10,263 CJK names)")
    print(f"{'query carries':28} {'script':8} {'queries':>7} {'alerts':>6} {'per 1,000':>9} {'of which match':>14}")
    examples = []
    for mode in ("name only", "name + DOB + nationality"):
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for r in rows:
            if mode == "name only":
                q = Query(r["full_name"], "person")
            else:
                q = Query(r["full_name"], "person", (country_code(r["nationality"]),), (r["date_of_birth"],))
            hits = [h for h in screener.screen(q, 3) if h.outcome != NONE]
            group = "CJK" if main_script(r["full_name"]) in ("Han", "Kana", "Hangul") else "other"
            for g in (group, "all"):
                counts[g][0] += 1
                counts[g][1] += bool(hits)
                counts[g][2] += bool(hits) and hits[0].outcome == "match"
            if hits and mode != "name only" and len(examples) < 8:
                examples.append(f"{r['full_name']} → {hits[0].matched_name} ({hits[0].score:.2f}, {hits[0].comparison.path})")
        for g in ("all", "CJK", "other"):
            n, a, m = counts[g]
            if n:
                print(f"{mode:28} {g:8} {n:7d} {a:6d} {a * 1000 / n:9.2f} {m:14d}")
    for e in examples:
        print("   e.g. " + e)


def _queries(n: int) -> list[Query]:
    rows = read_csv("opensanctions_fixtures/negatives_us.csv")
    rows = random.sample(rows, n)
    return [Query(r["full_name"], "person", (country_code(r["nationality"]),), (r["date_of_birth"],)) for r in rows]


def throughput(screener: Screener, label: str, n: int) -> None:
    queries = _queries(n)
    screener.screen(queries[0])
    t = time.perf_counter()
    for q in queries:
        screener.screen(q, 10)
    dt = time.perf_counter() - t
    print(f"\n== throughput against {label} ({len(screener.index.names)} names): "
          f"{n / dt:.0f} queries/s, {dt * 1000 / n:.2f} ms/query (single process, {n} queries from negatives_us.csv) ==")


def big_index(lists: dict[str, list[ListEntry]], size: int) -> None:
    """All lists + both negatives files + recombined negative names, up to ``size`` names."""
    entries = [e for v in lists.values() for e in v]
    people = read_csv("opensanctions_fixtures/negatives_global.csv") + read_csv("opensanctions_fixtures/negatives_us.csv")
    for i, r in enumerate(people):
        entries.append(ListEntry(f"neg:{i}", r["full_name"], "person", birth_dates=(r["date_of_birth"],)))
    firsts = [r["first_name"] for r in people if r["first_name"]]
    lasts = [r["last_name"] for r in people if r["last_name"]]
    rng = random.Random(7)
    names_so_far = sum(1 + len(e.aliases) for e in entries)
    i = 0
    while names_so_far < size:
        entries.append(ListEntry(f"syn:{i}", f"{rng.choice(firsts)} {rng.choice(lasts)}", "person"))
        names_so_far += 1
        i += 1
    t = time.perf_counter()
    screener = Screener.build(entries)
    build = time.perf_counter() - t
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n== large index: {len(screener.index.names)} names ({len(entries)} entries), "
          f"{len(screener.index.keys)} keys, built in {build:.0f}s, max RSS so far {rss:.0f} MiB ==")
    throughput(screener, "the large index", 2000)
