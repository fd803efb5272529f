"""A trace result as people read it (labels, local times), for the CLI and the web page alike."""

from __future__ import annotations

from typing import Any

from mamoru.i18n import local_time, t


def evidence_label(item: dict[str, Any], lang: str | None) -> str:
    return t(f"trace.kind.{item['kind']}", lang, agree=item.get("agree") or 0)


def view(result: dict[str, Any], lang: str | None) -> dict[str, Any]:
    """Verdict, reason and candidates with labelled evidence rows (plain strings only)."""
    candidates = []
    for position, c in enumerate(result["candidates"], start=1):
        rows = [{"kind": evidence_label(e, lang), "value": e["value"], "control": e.get("control_number") or "-",
                 "disclosure": e.get("disclosure"), "transmittal": e.get("transmittal"),
                 "when": local_time(e.get("when")) if e.get("when") else "-"} for e in c["evidence"]]
        candidates.append({"rank": position, "partner": c["partner"], "name": c["partner_name"],
                           "score": f"{c['score']:.1f}", "strength": t(f"trace.strong.{'yes' if c['strong'] else 'no'}",
                                                                         lang), "evidence": rows})
    return {"verdict": t(f"trace.verdict.{result['verdict']}", lang), "verdict_code": result["verdict"],
            "reason": t(result["reason"], lang), "source": result["source_name"],
            "characters": result["characters"], "candidates": candidates}
