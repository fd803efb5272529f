"""Leak-trace benchmark: can the trace name the right partner after ordinary handling of a copy?

Builds documents from two seed texts (``000_*``: development set, the one looked at while
building the trace; ``001_*``: held apart), plants codebook terms of rank 2 in them, has
the guard write a copy for each of N partners (through the services, on a fresh SQLite
database), then hands the trace what might turn up outside:

- ``verbatim``: the copy's body (its marking lines cut off, as a leaker would);
- ``retyped``: the same, typed again: zero-width characters gone, NFKC, spaces normalised;
- ``quoted``: three consecutive sentences of the copy, copied and pasted;
- ``partial``: the same three sentences, retyped;
- ``pdf``: the copy printed to PDF (WeasyPrint, as mamoru's reports) and read back by the trace;
- ``merged``: the first half of one partner's copy and the second half of another's;
- ``unrelated``: a part of the seed text that went to nobody.

For the first four the right answer is the recipient ("named right"); for ``merged`` and
``unrelated`` it is not naming anybody ("rightly cannot tell"). Beside the trace, a baseline
ranks by per-partner code names only (no invisible marks, wordings or document ids).

    .venv/bin/python benchmarks/trace/run.py [--partners 6] [--docs 5] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import unicodedata
from collections import defaultdict
from dataclasses import fields
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from mamoru.services import agreements, guard, partners, technologies, trace  # noqa: E402
from mamoru.services.authz import Viewer  # noqa: E402
from mamoru.services.uow import unit_of_work  # noqa: E402
from mamoru.store.db import make_engine, migrate  # noqa: E402
from mamoru.trace import marks  # noqa: E402
from mamoru.trace.rank import Evidence, rank  # noqa: E402

SEEDS = Path("/work/shared/seeds")
LOW = dict(business_overlap="low", financial_condition="low", leadership_attitude="low", board_foreign_duty="low",
           reputation="low")
FULL = ["confidentiality", "purpose_limitation", "no_third_party", "no_copying", "return_destroy",
        "subcontracting:approval", "change_of_control:approval", "termination_triggers:capital_change+list_hit"]
TERMS = [("アルミナAX-200", "material"), ("フラックスNF-7", "material"), ("東邦セラミック", "supplier"),
         ("ロータリーキルンRK-3", "equipment"), ("二液混合法B", "process")]
ATTRIBUTABLE = ("verbatim", "retyped", "quoted", "partial", "pdf")
NOBODY = ("merged", "unrelated")


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。．])", text) if s.strip()]


def seed_documents(path: Path, count: int, rng: random.Random) -> tuple[list[str], list[str]]:
    """``count`` documents of about 1,200 characters with planted terms, and unplanted parts."""
    text = re.sub(r"[#*]", "", path.read_text(encoding="utf-8"))
    parts = [p for p in (text[i:i + 1200] for i in range(0, len(text), 1200)) if len(p) > 600]
    rng.shuffle(parts)
    docs = []
    for part in parts[:count]:
        pieces = sentences(part)
        for term, _ in rng.sample(TERMS, 3):
            at = rng.randrange(len(pieces))
            pieces[at] = pieces[at].rstrip("。．") + f"（{term}を使用）。"
        docs.append("".join(pieces))
    return docs, parts[count:count + 4]


def setup(engine, n_partners: int) -> list[str]:
    codes = [f"P-{i:02d}" for i in range(1, n_partners + 1)]
    with unit_of_work(engine, "bench") as ctx:
        technologies.add_technology(ctx, "T-B", name="評価用技術", domain="technological_superiority")
        for i in range(1, 21):
            technologies.add_element(ctx, "T-B", f"B-{i:02d}", title=f"要素{i}", rank=2, proper_nouns=True)
        for code in codes:
            partners.add_partner(ctx, code, name=f"取引先{code}", kind="customer", country="JP")
            partners.assess(ctx, code, LOW)
            agreements.add_agreement(ctx, f"A-{code}", code, "nda", "2026-01-01", "2027-12-31",
                                     technologies=["T-B"], clauses=FULL)
        for i, (term, category) in enumerate(TERMS, start=1):
            guard.add_term(ctx, "T-B", term, f"B-{i:02d}", category)
    return codes


def write_copy(engine, folder: Path, doc: str, name: str, partner: str) -> str:
    src = folder / f"{name}.txt"
    src.write_text(doc, encoding="utf-8")
    out = folder / f"{name}-{partner}.txt"
    with unit_of_work(engine, "bench") as ctx:
        guard.redact(ctx, src, partner, out, "評価", accept_conditions=True)
    return out.read_text(encoding="utf-8").split("\n\n", 1)[1]  # the marking lines cut off


def retype(text: str) -> str:
    return re.sub(r"[ \t\u3000]+", " ", unicodedata.normalize("NFKC", marks.strip(text)))


def to_pdf(text: str, path: Path) -> Path:
    from html import escape

    from weasyprint import HTML

    from mamoru.web.pages.reports import font_uri

    font = font_uri()
    style = f"@font-face {{ font-family: jp; src: url('{font}'); }} body {{ font-family: jp; }}" if font else ""
    body = "".join(f"<p>{escape(line)}</p>" for line in text.splitlines())
    HTML(string=f"<html><head><style>{style}</style></head><body>{body}</body></html>").write_pdf(str(path))
    return path


def cases(engine, folder: Path, docs: list[str], unrelated: str, codes: list[str], rng: random.Random, tag: str):
    """(kind, truth or None, text or Path)."""
    for d, doc in enumerate(docs):
        copies = {p: write_copy(engine, folder, doc, f"{tag}{d}", p) for p in codes}
        for p, copy in copies.items():
            yield "verbatim", p, copy
            yield "retyped", p, retype(copy)
            sents = sentences(copy)
            start = rng.randrange(max(1, len(sents) - 3))
            yield "quoted", p, "".join(sents[start:start + 3])
            yield "partial", p, retype("".join(sents[start:start + 3]))
            yield "pdf", p, to_pdf(copy, folder / f"{tag}{d}-{p}.pdf")
        for _ in range(3):
            a, b = rng.sample(codes, 2)
            half_a, half_b = sentences(copies[a]), sentences(copies[b])
            yield "merged", None, "".join(half_a[: len(half_a) // 2] + half_b[len(half_b) // 2:])
    for part in unrelated:
        yield "unrelated", None, part


def code_names_only(result: dict) -> dict:
    """The baseline: the same evidence, but only per-partner code names count."""
    names = {f.name for f in fields(Evidence)}
    kept = [Evidence(**{k: v for k, v in e.items() if k in names}) for c in result["candidates"]
            for e in c["evidence"] if e["kind"] == "code_name"]
    return rank(result["source_name"], kept).as_dict()


def judge(result: dict, truth: str | None) -> str:
    named = result["candidates"][0]["partner"] if result["verdict"] == "source" else None
    if truth is None:
        return "right" if named is None else "wrong"
    return "right" if named == truth else ("wrong" if named else "cannot_tell")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--partners", type=int, default=6)
    parser.add_argument("--docs", type=int, default=4)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    viewer = Viewer("bench", "tech_manager", None)
    tally: dict[tuple[str, str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        engine = make_engine(f"sqlite:///{folder / 'bench.sqlite'}")
        migrate(engine)
        codes = setup(engine, args.partners)
        for tag, pattern in (("development (000)", "000_*"), ("held apart (001)", "001_*")):
            docs, unrelated = seed_documents(next(SEEDS.glob(pattern)), args.docs, rng)
            for kind, truth, found in cases(engine, folder, docs, unrelated, codes, rng, tag[:3]):
                with unit_of_work(engine, "bench", viewer=viewer) as ctx:
                    if isinstance(found, Path):
                        result = trace.trace_file(ctx, found).as_dict()
                    else:
                        result = trace.trace_text(ctx, found, kind).as_dict()
                for method, answer in (("trace", result), ("code names only", code_names_only(result))):
                    tally[(tag, kind, method)][judge(answer, truth)] += 1
    print(f"partners {args.partners}, documents per seed {args.docs}, random seed {args.seed}")
    print(f"{'set':<18} {'case':<10} {'method':<16} {'n':>4} {'right':>7} {'wrong':>6} {'cannot tell':>11}")
    for (tag, kind, method), counts in sorted(tally.items(), key=lambda x: (x[0][0], (ATTRIBUTABLE + NOBODY).index(x[0][1]), x[0][2] != "trace")):
        n = sum(counts.values())
        print(f"{tag:<18} {kind:<10} {method:<16} {n:>4} {counts['right'] / n:>7.0%} {counts['wrong'] / n:>6.0%} "
              f"{counts['cannot_tell'] / n:>11.0%}")
    for tag in sorted({k[0] for k in tally}):
        for method in ("trace", "code names only"):
            att = [tally[(tag, k, method)] for k in ATTRIBUTABLE]
            nob = [tally[(tag, k, method)] for k in NOBODY]
            n_att, n_nob = sum(sum(c.values()) for c in att), sum(sum(c.values()) for c in nob)
            print(f"{tag:<18} {method:<16} accuracy at rank 1 (attributable) "
                  f"{sum(c['right'] for c in att) / n_att:.0%} of {n_att}; rightly cannot tell (merged, unrelated) "
                  f"{sum(c['right'] for c in nob) / n_nob:.0%} of {n_nob}; wrongly named "
                  f"{sum(c['wrong'] for c in att + nob)}")


if __name__ == "__main__":
    main()
