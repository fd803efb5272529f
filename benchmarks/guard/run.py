"""Benchmark: guard scan and redact throughput, and recall, against two baselines.

Workload (see ``corpus.py``): >= 50 MB of Japanese technical prose built from
../shared/seeds/*.txt, a 10,000-term codebook, and labelled sentences (terms in
listed / full-width / half-width-kana spellings, operating conditions in Japanese and
English spellings) every ~1.5 KB, plus negative sentences (dates, prices, pages).

Side by side in one run:
- mamoru guard: fold + Aho-Corasick (pyahocorasick) + condition patterns;
- baseline 1: one compiled regular-expression alternation of all 10,000 terms
  (case-insensitive, longest first) over the raw text, on a sample because it is slow;
- baseline 2 (optional, ``--presidio-python``): Microsoft Presidio's analyzer with a
  deny-list recognizer and pattern recognizers, no NLP model, in its own venv.

Usage:
  .venv/bin/python benchmarks/guard/run.py [--mb 50] [--terms 10000] [--regex-mb 1]
      [--docx-mb 2] [--presidio-python /tmp/presidio-venv/bin/python --presidio-mb 1] [--json out.json]
Prints a Markdown table; timings are wall-clock on whatever machine runs it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from bisect import bisect_left
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1] / "src"))

import corpus as corpus_mod  # noqa: E402

from mamoru.guard.conditions import find_conditions  # noqa: E402
from mamoru.guard.engine import Guard  # noqa: E402
from mamoru.guard.findings import Location  # noqa: E402
from mamoru.guard.marking import Marking  # noqa: E402
from mamoru.guard.normalize import fold  # noqa: E402
from mamoru.guard.policy import RedactionPolicy, apply  # noqa: E402
from mamoru.guard.scanner import Scanner  # noqa: E402
from mamoru.guard.terms import Term, TermMatcher, matcher_for  # noqa: E402


class Seconds(float):
    """Wall-clock seconds that also carry the CPU seconds of this process (``.cpu``).

    The benchmark machine may be shared; CPU time shows the work itself, wall time what
    a user waited.
    """

    cpu: float = 0.0


def timed(fn):
    w0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    seconds = Seconds(time.perf_counter() - w0)
    seconds.cpu = time.process_time() - c0
    return out, seconds


def table_row(name: str, nbytes: int, seconds: Seconds, digits: int = 1) -> tuple[str, ...]:
    cpu = getattr(seconds, "cpu", seconds)
    return (name, f"{nbytes / 1e6:.2f}", f"{seconds:.2f}", f"{cpu:.2f}", f"{mbps(nbytes, cpu):.{digits}f}",
            f"{mbps(nbytes, seconds):.{digits}f}")


def mbps(nbytes: int, seconds: float) -> float:
    return nbytes / 1e6 / seconds if seconds > 0 else float("inf")


def recall(labels, spans) -> dict[str, float]:
    """A label counts as found when one span of the same kind covers it entirely."""
    by_kind: dict[str, list[tuple[int, int]]] = {}
    for start, end, kind in spans:
        by_kind.setdefault(kind, []).append((start, end))
    for v in by_kind.values():
        v.sort()
    out: dict[str, float] = {}
    for kind in ("term", "condition"):
        wanted = [lab for lab in labels if lab.kind == kind]
        have = by_kind.get(kind, [])
        starts = [s for s, _ in have]
        hit = 0
        for lab in wanted:
            i = bisect_left(starts, lab.start + 1) - 1
            while i >= 0 and have[i][1] > lab.start - 200:
                if have[i][0] <= lab.start and have[i][1] >= lab.end:
                    hit += 1
                    break
                i -= 1
        out[kind] = hit / len(wanted) if wanted else float("nan")
        out[kind + "_n"] = len(wanted)
    return out


def survivors(text: str, needles: set[str]) -> int:
    """How many labelled term spellings still occur in ``text`` (one pass, not one per label)."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for needle in needles:
        automaton.add_word(needle, needle)
    automaton.make_automaton()
    return sum(1 for _ in automaton.iter(text))


def false_positives(negatives, spans) -> int:
    """Findings inside sentences that hold no condition and no term."""
    neg = sorted(negatives)
    starts = [s for s, _ in neg]
    count = 0
    for start, end, _ in spans:
        i = bisect_left(starts, start + 1) - 1
        if i >= 0 and neg[i][0] <= start and end <= neg[i][1]:
            count += 1
    return count


def engine_spans(findings):
    out = []
    for f in findings:
        kind = "term" if f.kind == "term" else "condition"
        out.append((f.start, f.end, kind))
        if f.kind != "term" and f.terms:
            out.append((f.start, f.end, "term"))
    return out


def sample_of(c: corpus_mod.Corpus, mb: float):
    """The leading part of the corpus (whole lines) and its labels."""
    limit = int(mb * 1e6)
    text = c.text.encode("utf-8")[:limit].decode("utf-8", "ignore")
    text = text[: text.rfind("\n") + 1]
    n = len(text)
    return text, [lab for lab in c.labels if lab.end <= n], [(s, e) for s, e in c.negatives if e <= n]


def run_regex(text: str, terms: list[str]):
    pattern, build = timed(lambda: re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)),
                                              re.IGNORECASE))
    spans, seconds = timed(lambda: [(m.start(), m.end(), "term") for m in pattern.finditer(text)])
    return spans, build, seconds


def run_presidio(python: str, text: str, terms: list[str]):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        json.dump({"text": text, "terms": terms}, fh, ensure_ascii=False)
        name = fh.name
    try:
        proc = subprocess.run([python, str(HERE / "presidio_runner.py"), name], capture_output=True, text=True,
                              timeout=1800)
    finally:
        os.unlink(name)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    data = json.loads(proc.stdout)
    scan = Seconds(data["scan_s"])
    scan.cpu = data["scan_cpu_s"]
    return [tuple(s) for s in data["spans"]], data["build_s"], scan


def make_docx(path: Path, text: str) -> None:
    import docx

    d = docx.Document()
    for line in text.splitlines():
        d.add_paragraph(line)
    d.save(str(path))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=50)
    ap.add_argument("--terms", type=int, default=10_000)
    ap.add_argument("--regex-mb", type=float, default=1)
    ap.add_argument("--docx-mb", type=float, default=2)
    ap.add_argument("--presidio-python")
    ap.add_argument("--presidio-mb", type=float, default=1)
    ap.add_argument("--seeds", default=str(HERE.parents[2] / "shared" / "seeds"))
    ap.add_argument("--json")
    args = ap.parse_args()

    rows: list[tuple[str, str, str, str]] = []
    results: dict[str, object] = {"args": vars(args)}

    c, t_corpus = timed(lambda: corpus_mod.build(int(args.mb * 1e6), args.terms, Path(args.seeds)))
    nbytes = len(c.text.encode("utf-8"))
    print(f"corpus: {nbytes / 1e6:.1f} MB, {len(c.text):,} chars, {len(c.labels):,} labels, "
          f"{len(c.terms):,} terms, built in {t_corpus:.1f} s", flush=True)

    terms = [Term(i + 1, t, f"E{i + 1}", 3, cat, "BENCH", f"{cat[0].upper()}-{i + 1:05d}")
             for i, (t, cat) in enumerate(c.terms)]
    matcher, t_build = timed(lambda: TermMatcher(terms))
    _, t_cached = timed(lambda: matcher_for(("bench", 1), lambda: terms))
    _, t_hit = timed(lambda: matcher_for(("bench", 1), lambda: terms))
    scanner = Scanner(matcher)
    policy = RedactionPolicy()
    code_names = {t.term_id: t.code_name for t in terms}
    results["automaton_build_s"] = t_build
    results["cache_hit_s"] = t_hit
    print(f"automaton: built in {t_build * 1000:.0f} ms (cache miss {t_cached * 1000:.0f} ms, "
          f"hit {t_hit * 1e6:.0f} µs)", flush=True)

    folded, t_fold = timed(lambda: fold(c.text))
    _, t_terms = timed(lambda: matcher.find(folded.text))
    _, t_cond = timed(lambda: find_conditions(folded.text))
    findings, t_scan = timed(lambda: scanner.scan_text(c.text, Location("text")))
    redacted, t_apply = timed(lambda: apply(c.text, findings, lambda f: policy.replacement(f, code_names)))
    spans = engine_spans(findings)
    rec_full = recall(c.labels, spans)
    fp_full = false_positives(c.negatives, spans)
    left = survivors(redacted, {lab.text for lab in c.labels if lab.kind == "term"})
    both = Seconds(t_scan + t_apply)
    both.cpu = t_scan.cpu + t_apply.cpu
    rows += [
        table_row("mamoru: fold (NFKC, width, case) + offset map", nbytes, t_fold),
        table_row("mamoru: terms only (Aho-Corasick, folded text)", nbytes, t_terms),
        table_row("mamoru: conditions only (patterns, folded text)", nbytes, t_cond),
        table_row("mamoru: scan (fold + terms + conditions)", nbytes, t_scan),
        table_row("mamoru: redact in memory (scan + replace)", nbytes, both),
    ]
    results.update(fold_s=t_fold, terms_s=t_terms, conditions_s=t_cond, scan_s=t_scan, apply_s=t_apply,
                   recall_full=rec_full, false_positives_full=fp_full, findings_full=len(findings),
                   labelled_terms_left_after_redaction=left)
    print(f"scan: {len(findings):,} findings; recall terms {rec_full['term']:.4f} conditions "
          f"{rec_full['condition']:.4f}; false positives in negatives {fp_full}", flush=True)
    del folded, redacted

    guard = Guard(scanner, policy)
    marking = Marking("ベンチマーク株式会社", "MG-BENCH-000001")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "corpus.txt"
        src.write_text(c.text, encoding="utf-8")
        _, t_fscan = timed(lambda: guard.scan_file(src))
        _, t_fredact = timed(lambda: guard.redact_file(src, Path(tmp) / "out.txt", marking, code_names))
        rows += [
            table_row("mamoru: `scan_file` .txt (read + decode + scan)", nbytes, t_fscan),
            table_row("mamoru: `redact_file` .txt (scan, settle, write, re-scan to verify)", nbytes, t_fredact),
        ]
        results.update(scan_file_s=t_fscan, redact_file_s=t_fredact)
        if args.docx_mb:
            dtext, _, _ = sample_of(c, args.docx_mb)
            dbytes = len(dtext.encode("utf-8"))
            dsrc = Path(tmp) / "corpus.docx"
            make_docx(dsrc, dtext)
            _, t_dscan = timed(lambda: guard.scan_file(dsrc))
            _, t_dredact = timed(lambda: guard.redact_file(dsrc, Path(tmp) / "out.docx", marking, code_names))
            paragraphs = dtext.count("\n")
            rows += [
                table_row(f"mamoru: `scan_file` .docx ({paragraphs:,} paragraphs)", dbytes, t_dscan, 2),
                table_row("mamoru: `redact_file` .docx (scan, settle, write, re-scan)", dbytes, t_dredact, 2),
            ]
            results.update(docx_mb=dbytes / 1e6, docx_scan_s=t_dscan, docx_redact_s=t_dredact)
        print("files done", flush=True)

    # Baselines and recall on the same labelled sample.
    sample_mb = max(args.regex_mb, args.presidio_mb if args.presidio_python else 0)
    text, labels, negatives = sample_of(c, sample_mb)
    sbytes = len(text.encode("utf-8"))
    ours, t_ours = timed(lambda: scanner.scan_text(text, Location("text")))
    rec_ours = recall(labels, engine_spans(ours))
    recall_rows = [("mamoru guard", f"{sbytes / 1e6:.2f}", rec_ours, false_positives(negatives, engine_spans(ours)))]

    rtext, rlabels, rneg = sample_of(c, args.regex_mb)
    rbytes = len(rtext.encode("utf-8"))
    rspans, r_build, r_scan = run_regex(rtext, [t for t, _ in c.terms])
    rows.append(table_row(f"baseline: one regex alternation, {len(c.terms):,} terms (compile {r_build:.1f} s)",
                    rbytes, r_scan, 3))
    recall_rows.append(("regex alternation (terms only)", f"{rbytes / 1e6:.2f}", recall(rlabels, rspans),
                        false_positives(rneg, rspans)))
    results.update(regex_mb=rbytes / 1e6, regex_compile_s=r_build, regex_scan_s=r_scan)
    print("regex done", flush=True)

    if args.presidio_python:
        ptext, plabels, pneg = sample_of(c, args.presidio_mb)
        pbytes = len(ptext.encode("utf-8"))
        try:
            pspans, p_build, p_scan = run_presidio(args.presidio_python, ptext, [t for t, _ in c.terms])
            rows.append(table_row(f"baseline: Presidio deny-list + patterns (setup {p_build:.1f} s)", pbytes, p_scan, 3))
            recall_rows.append(("Presidio deny-list + patterns", f"{pbytes / 1e6:.2f}", recall(plabels, pspans),
                                false_positives(pneg, pspans)))
            results.update(presidio_mb=pbytes / 1e6, presidio_build_s=p_build, presidio_scan_s=p_scan)
        except Exception as exc:  # report, do not hide
            print(f"presidio failed: {exc}", flush=True)
            results["presidio_error"] = str(exc)

    print()
    print("| step | MB | wall s | CPU s | MB/s (CPU) | MB/s (wall) |")
    print("|---|---:|---:|---:|---:|---:|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()
    print("| recall on the labelled sample | sample MB | terms | conditions | false positives in negative sentences |")
    print("|---|---:|---:|---:|---:|")
    for name, mb, rec, fp in recall_rows:
        print(f"| {name} | {mb} | {rec['term']:.3f} (n={rec['term_n']}) | "
              f"{rec['condition']:.3f} (n={rec['condition_n']}) | {fp} |")
    print()
    print(f"whole corpus, mamoru: term recall {rec_full['term']:.4f} (n={rec_full['term_n']}), condition recall "
          f"{rec_full['condition']:.4f} (n={rec_full['condition_n']}), false positives in "
          f"{len(c.negatives):,} negative sentences: {fp_full}; labelled terms still in the redacted text: {left}")
    results["recall_sample"] = {name: rec for name, _, rec, _ in recall_rows}
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=2, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
