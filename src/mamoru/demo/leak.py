"""Demo chapter "leak" (guidance case 1, seed 002): a memo turns up at a competitor; whose copy was it?

In the guidance's case 1 the leak is found late and "there is no proof that it was the
raw-material maker". Here the guard writes the development memo for two raw-material
suppliers, each copy with its own code names and invisible marks. Weeks later a
competitor's document quotes the memo, retyped (so no invisible mark survives); the trace
still names P-RAW, from the code names only P-RAW received, and shows the disclosure
record and the control number of that copy.
"""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path
from typing import Any

from mamoru.demo import company
from mamoru.services import agreements, guard, trace
from mamoru.services.uow import unit_of_work
from mamoru.trace import marks

RECIPIENTS = ("P-RAW", "P-RAW2")
MEMO = """開発メモ（次期基板グレード）
新グレードでは AKP-50 を主原料とし、東邦原料工業 の微粒品および国内品を比較します。
粒径の揃った原料で、反りの低減を狙います。
評価の進め方はすでに社内で合意済みです。詳細は次回の打合せでご説明いたします。
"""


def _codebook(ctx) -> None:
    """The codebook of the guard chapter, if that chapter did not run."""
    present = {row.term for row in guard.list_terms(ctx, "T-SINTER")}
    for term, element, category in company.CODEBOOK:
        if term not in present:
            guard.add_term(ctx, "T-SINTER", term, element, category=category)


def _retyped_excerpt(copy: str) -> str:
    """What the competitor's document holds: two lines of the copy, typed again (no invisible marks)."""
    body = copy.split("\n\n", 1)[1].splitlines()
    quoted = unicodedata.normalize("NFKC", marks.strip("\n".join(body[1:3])))
    return "競合他社 技術資料（抜粋）\n当社調査によれば、" + quoted + "\n以上の情報を基に当社も試作を計画する。"


def run(engine, policy, at, day, say) -> dict[str, Any]:
    with unit_of_work(engine, "suzuki", policy=policy, now=at("2026-07-21")) as ctx:
        agreements.add_agreement(ctx, "A-NDA-RAW2", "P-RAW2", "nda", day("2026-07-21"), day("2028-07-20"),
                                 title="秘密保持契約（原料の複数購買）", technologies=["T-SINTER"],
                                 clauses=company.FULL)
        _codebook(ctx)
    controls: dict[str, str] = {}
    copies: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as folder:
        memo = Path(folder) / "開発メモ.txt"
        memo.write_text(MEMO, encoding="utf-8")
        for partner in RECIPIENTS:
            out = Path(folder) / f"開発メモ-{partner}.txt"
            with unit_of_work(engine, "tanaka", policy=policy, now=at("2026-07-22")) as ctx:
                row = guard.redact(ctx, memo, partner, out, "原料評価の依頼（複数購買）", accept_conditions=True)
            controls[partner], copies[partner] = row.control_number, out.read_text(encoding="utf-8")
    say("demo.leak.copies", {"partners": ", ".join(RECIPIENTS), "controls": ", ".join(controls.values())})
    found = _retyped_excerpt(copies["P-RAW"])
    say("demo.leak.found", {"day": day("2026-09-14")})
    with unit_of_work(engine, "tanaka", policy=policy, now=at("2026-09-14")) as ctx:
        result = trace.trace_text(ctx, found, "競合他社資料（抜粋）").as_dict()
    top = result["candidates"][0] if result["candidates"] else None
    if result["verdict"] == "source":
        names = sorted({e["value"] for e in top["evidence"] if e["kind"] == "code_name"})
        say("demo.leak.traced", {"partner": top["partner"], "name": top["partner_name"], "names": ", ".join(names),
                                 "control": top["evidence"][0]["control_number"] or "-",
                                 "disclosure": top["evidence"][0]["disclosure"] or "-"})
    else:
        say("demo.leak.untraced", {"reason": result["reason"]})
    return {"controls": controls, "found": found, "trace": result}
