"""Case 1 replayed to its end: a competitor's document shows what only the raw-material maker was told;
the incident is opened against it, the trace of that document is attached, and the evidence package is
written for the lawyer.

The trace is the "leak" chapter's (``services.trace`` on the competitor's retyped excerpt). Run on its
own, without that chapter, the chapter builds a stand-in from the ledger and says so in the result.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any, Callable

from sqlalchemy import Engine

from mamoru.domain.policy import Policy
from mamoru.i18n import label
from mamoru.services import evidence, incidents, obligations
from mamoru.services.uow import unit_of_work


def evidence_folder(engine: Engine) -> Path:
    """Next to the demo database (SQLite); a fresh temporary folder for any other database."""
    database = engine.url.database if engine.url.get_backend_name() == "sqlite" else None
    if database and database != ":memory:":
        return Path(database).resolve().parent / "demo-evidence"
    return Path(tempfile.mkdtemp(prefix="mamoru-evidence-"))


def hand_built_trace(ctx, number: str) -> dict[str, Any]:
    """Stands in for the trace module's result: P-RAW is the one recipient of the code-named copy."""
    incident = incidents.get(ctx, number)
    records = evidence.related_disclosures(ctx, incident)
    copies = [g for g in evidence.copies_sent(ctx, incident, records) if g.partner.code == "P-RAW"]
    made_at = evidence.sealed_times(ctx, "guard_redaction", [g.control_number for g in copies])
    items = [{"kind": "code_name", "control_number": g.control_number,
              "disclosure": g.disclosure.number if g.disclosure else "",
              "when": made_at.get(g.control_number, g.created_at).isoformat()} for g in copies]
    items += [{"kind": "element", "element": i.element.code, "disclosure": d.number, "when": str(d.disclosed_on)}
              for d in records if d.partner.code == "P-RAW" for i in d.items]
    return {"verdict": "hand_built", "document": "competitor-catalogue-2026-08.pdf",
            "candidates": [{"partner": "P-RAW", "score": 1.0, "evidence": items}],
            "note": "hand-built from the ledger; replace with services.trace"}


def run(engine: Engine, policy: Policy, at: Callable, day: Callable, say: Callable,
        chapters: dict[str, Any] | None = None) -> dict[str, Any]:
    def act(actor: str, story_day: str):
        return unit_of_work(engine, actor, policy=policy, now=at(story_day))

    leak = (chapters or {}).get("leak")
    with act("tanaka", "2026-09-15") as ctx:
        incident, made = incidents.open_incident(
            ctx, "競合他社の技術資料に当社の開発メモと同じ記載", day("2026-09-15"), status="suspected",
            found="競合C社の技術資料（抜粋）：次期基板グレードの焼結条件・原料仕様が当社の開発メモと一致",
            found_where="展示会（東京ビッグサイト）で入手", leak_from=day("2026-04-03"), partners=["P-RAW"],
            elements=["E-SIN-03"], customers=["P-AUTO"])
        number = incident.number
        opened = sorted(o.kind for o in made)
    say("incident.opened", {"number": number, "count": len(opened)})
    with act("tanaka", "2026-09-15") as ctx:
        result = leak["trace"] if leak else hand_built_trace(ctx, number)
        trace = incidents.attach_trace(ctx, number, result, "trace-competitor-document.json")
        sha = trace.sha256
    say("incident.trace_attached", {"sha256": sha[:16]})
    with act("tanaka", "2026-09-16") as ctx:
        for ob in incidents.obligations_of(ctx, incidents.get(ctx, number)):
            if ob.kind == "preserve_evidence":
                obligations.close(ctx, ob.id, "カタログ原本・入手経緯メモ・展示会の写真を保全（金庫保管、写しは監査ログに記録）")
    with act("tanaka", "2026-09-22") as ctx:
        _, more = incidents.change_status(ctx, number, "confirmed", day("2026-09-22"),
                                          "原料メーカーの営業資料経由で競合に渡ったことを確認")
        confirmed = [o.kind for o in more]
    say("incident.status_changed", {"number": number, "status": label("incident_status", "confirmed")})
    with act("yamada", "2026-09-25") as ctx:
        package = evidence.build(ctx, number, evidence_folder(engine))
    say("incident.package_written", {"zip": str(package.zip_path), "pdf": str(package.pdf_path),
                                     "files": len(package.files), "sha256": package.manifest_sha256[:16]})
    return {"number": number, "opened": opened, "confirmed": confirmed, "trace_sha256": sha,
            "trace": "leak chapter" if leak else "stand-in from the ledger",
            "zip": str(package.zip_path), "pdf": str(package.pdf_path), "manifest_sha256": package.manifest_sha256}
