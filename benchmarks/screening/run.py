"""Screening benchmark: accuracy, alias recall, false alerts, throughput — one run, side by side.

    .venv/bin/python -m benchmarks.screening.run            # everything (about 10 minutes on 2 cores)
    .venv/bin/python -m benchmarks.screening.run --quick    # samples, for a smoke run

Figures are printed; nothing is asserted. See docs/benchmarks.md for recorded runs.
"""

from __future__ import annotations

import argparse
import random
import resource
import time

from benchmarks.screening import dev, eu_style, multiscript, perturbed, sections
from benchmarks.screening.data import load_lists


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="sample the large sections")
    ap.add_argument("--negatives", type=int, default=None, help="negatives to query (default all 50,000)")
    ap.add_argument("--big", type=int, default=1_000_000, help="names in the large index (0 = skip)")
    ap.add_argument("--only", default="", help="comma list: names,dev,devneg,arabicneg,multiscript,eu,perturbed,aliasalerts,aliases,negatives,throughput,big")
    ap.add_argument("--misses", type=int, default=0, help="print this many dev-half misses")
    ap.add_argument("--held-negatives", action="store_true",
                    help="devneg: also count alerts on a second, disjoint sample of negatives (held apart, not printed)")
    args = ap.parse_args()
    only = set(filter(None, args.only.split(",")))
    want = lambda s: not only or s in only  # noqa: E731
    random.seed(20261123)
    t0 = time.perf_counter()
    lists = load_lists()
    print(f"lists parsed in {time.perf_counter() - t0:.1f}s: " + ", ".join(f"{k} {len(v)}" for k, v in lists.items()))
    if want("names"):
        sections.name_pairs()
    if want("dev"):
        dev.run(lists, args.misses)
    if want("devneg"):
        dev.false_alerts(lists, args.negatives or (2000 if args.quick else 5000), held=args.held_negatives)
    if want("arabicneg"):
        dev.arabic_negatives(lists, args.misses)
    if want("multiscript"):
        multiscript.run(lists, args.misses)
    if want("eu"):
        eu_style.run(lists, args.misses)
    if want("perturbed"):
        perturbed.run(lists, args.misses)
    if want("aliasalerts"):
        sections.alias_alerts(lists)
    if only and not only & {"aliases", "negatives", "throughput", "big"}:
        return
    screener = sections.build_all(lists)
    if want("aliases"):
        sections.alias_recall(lists, sample=300 if args.quick else None)
    if want("negatives"):
        sections.false_alerts(screener, args.negatives or (2000 if args.quick else None))
    if want("throughput"):
        sections.throughput(screener, "all lists", 1000 if args.quick else 3000)
    if want("big") and args.big:
        del screener
        sections.big_index(lists, 100_000 if args.quick else args.big)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nmemory peak (max RSS) {peak:.0f} MiB; total {time.perf_counter() - t0:.0f}s")


if __name__ == "__main__":
    main()
