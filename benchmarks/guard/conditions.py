"""Recall of manufacturing-environment conditions, false findings in plain prose, and what survives
``redact`` (issue 9, section 5), for the current patterns beside the old ones in the same run.

The corpus is described in ``conditions_corpus.py``. The baseline is ``conditions_baseline.py``:
``mamoru.guard.conditions`` copied verbatim from commit ca7fe31 (before this work), swapped into
``mamoru.guard.scanner`` while it is measured. Everything else (folding, scanner, redaction engine,
.txt and .docx formats, settle rounds, verification re-scan) is the real guard.

- recall: a planted item counts as found when one condition finding covers its value-and-unit span.
- false findings: condition findings on pages with nothing planted, per page of ~1,000 characters
  (three page sets, see the corpus docstring; the ordinary-number pages are the meaningful one, since
  the seed prose itself holds almost no numbers).
- survived redact: each planted document is written as .txt and .docx and run through
  ``Guard.redact_file`` (mask mode); an item survives when any of its digits is still in its line
  (paragraph) of the copy, i.e. the copy has more digits in that line than the line had outside the item.

    .venv/bin/python benchmarks/guard/conditions.py [--per-kind 300] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import conditions_baseline  # noqa: E402
import conditions_corpus as corpus_mod  # noqa: E402

import mamoru.guard.scanner as scanner_mod  # noqa: E402
from mamoru.guard import conditions as current  # noqa: E402
from mamoru.guard.engine import Guard  # noqa: E402
from mamoru.guard.findings import Location  # noqa: E402
from mamoru.guard.marking import Marking  # noqa: E402
from mamoru.guard.normalize import fold  # noqa: E402
from mamoru.guard.policy import RedactionPolicy  # noqa: E402
from mamoru.guard.scanner import Scanner  # noqa: E402
from mamoru.guard.terms import TermMatcher  # noqa: E402

ENGINES = {"current": current.find_conditions, "baseline (ca7fe31)": conditions_baseline.find_conditions}


@contextmanager
def patterns(find):
    saved = scanner_mod.find_conditions
    scanner_mod.find_conditions = find
    try:
        yield
    finally:
        scanner_mod.find_conditions = saved


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in fold(text).text)


def measure(split: corpus_mod.Split, guard: Guard, scanner: Scanner, tmp: Path) -> dict:
    found = {k: 0 for k in corpus_mod.KINDS}
    total = {k: 0 for k in corpus_mod.KINDS}
    missed: list[str] = []
    for doc in split.documents:
        spans = [(f.start, f.end) for f in scanner.scan_text(doc.text, Location("text"))]
        for p in doc.planted:
            total[p.kind] += 1
            if any(s <= p.start and p.end <= e for s, e in spans):
                found[p.kind] += 1
            else:
                missed.append(f"{p.kind}: {p.text}")
    false = sum(len(scanner.scan_text(page, Location("text"))) for page in split.plain_pages)
    false_numeric = sum(len(scanner.scan_text(page, Location("text"))) for page in split.numeric_pages)
    ordinary_findings = [f.text for page in split.ordinary_pages for f in scanner.scan_text(page, Location("text"))]
    survived = {"txt": 0, "docx": 0}
    errors = {"txt": 0, "docx": 0}
    marking = Marking("ベンチマーク株式会社", "MG-BENCH-000001")
    for i, doc in enumerate(split.documents):
        lines = doc.text.split("\n")[:-1]
        for fmt in ("txt", "docx"):
            src, out = tmp / f"{split.name}-{i}.{fmt}", tmp / f"{split.name}-{i}-out.{fmt}"
            if fmt == "txt":
                src.write_text(doc.text, encoding="utf-8")
            else:
                import docx

                d = docx.Document()
                for line in lines:
                    d.add_paragraph(line)
                d.save(str(src))
            try:
                guard.redact_file(src, out, marking, {}, overwrite=True)
            except Exception:  # a refused copy (residual) leaks nothing, but say so
                errors[fmt] += 1
                continue
            if fmt == "txt":
                copied = out.read_text(encoding="utf-8").split("\n")
                copied = [c for c in copied if c][-len(lines):]
            else:
                import docx

                copied = [p.text for p in docx.Document(str(out)).paragraphs][-len(lines):]
            for line, new, p in zip(lines, copied, doc.planted, strict=True):
                if _digits(new) > _digits(line) - _digits(p.text):
                    survived[fmt] += 1
    n = sum(total.values())
    return {
        "recall_by_kind": {k: found[k] / total[k] for k in corpus_mod.KINDS},
        "n_by_kind": total,
        "recall": sum(found.values()) / n,
        "planted": n,
        "false_per_page": false / len(split.plain_pages),
        "pages": len(split.plain_pages),
        "false_per_numeric_page": false_numeric / len(split.numeric_pages),
        "numeric_pages": len(split.numeric_pages),
        "false_per_ordinary_page": len(ordinary_findings) / len(split.ordinary_pages),
        "ordinary_pages": len(split.ordinary_pages),
        "ordinary_false_examples": sorted(set(ordinary_findings))[:10],
        "survived": survived,
        "redact_refused": errors,
        "missed_examples": missed[:15],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--per-kind", type=int, default=300)
    ap.add_argument("--seeds", default=str(HERE.parents[2] / "shared" / "seeds"))
    ap.add_argument("--json")
    args = ap.parse_args()
    seeds = Path(args.seeds)
    if not seeds.is_dir():
        seeds = Path("/work/shared/seeds")
    results: dict = {}
    scanner = Scanner(TermMatcher([]))
    guard = Guard(scanner, RedactionPolicy())
    for split_name in ("dev", "held"):
        split = corpus_mod.build(split_name, seeds, per_kind=args.per_kind)
        for engine, find in ENGINES.items():
            t0 = time.perf_counter()
            with patterns(find), tempfile.TemporaryDirectory() as tmp:
                r = measure(split, guard, scanner, Path(tmp))
            r["seconds"] = time.perf_counter() - t0
            results[f"{split_name} / {engine}"] = r
    kinds = corpus_mod.KINDS
    print("| split / patterns | " + " | ".join(kinds) + " | recall | false/page (000-002) | false/page (003-004) "
          "| false/page (ordinary numbers) | survived .txt | survived .docx |")
    print("|---" * (len(kinds) + 7) + "|")
    for name, r in results.items():
        cells = [f"{r['recall_by_kind'][k]:.3f}" for k in kinds]
        print(f"| {name} | " + " | ".join(cells) + f" | {r['recall']:.4f} (n={r['planted']}) "
              f"| {r['false_per_page']:.2f} ({r['pages']} pages) | {r['false_per_numeric_page']:.2f} "
              f"({r['numeric_pages']} pages) | {r['false_per_ordinary_page']:.2f} ({r['ordinary_pages']} pages) "
              f"| {r['survived']['txt']} ({r['survived']['txt'] / r['planted']:.1%}) "
              f"| {r['survived']['docx']} ({r['survived']['docx'] / r['planted']:.1%}) |")
    for name, r in results.items():
        if r["redact_refused"]["txt"] or r["redact_refused"]["docx"]:
            print(f"{name}: redact refused (residual) for {r['redact_refused']} documents")
        print(f"{name}: missed e.g. {r['missed_examples'][:8]}")
        print(f"{name}: false findings on ordinary-number pages e.g. {r['ordinary_false_examples']}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
