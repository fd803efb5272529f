"""Case 1 replayed to its end: a competitor's catalogue shows our purchase specification; the incident is
opened against the raw-material maker, a trace result is attached, and the evidence package is written.

The trace result here is built by hand from the ledger (what only P-RAW received: the code-named
memo's control number and the disclosure it went with); the "leak" chapter's real trace replaces it.
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


def run(engine: Engine, policy: Policy, at: Callable, day: Callable, say: Callable) -> dict[str, Any]:
    def act(actor: str, story_day: str):
        return unit_of_work(engine, actor, policy=policy, now=at(story_day))

    with act("tanaka", "2026-08-03") as ctx:
        incident, made = incidents.open_incident(
            ctx, "競合他社の新製品カタログに当社の原料購買仕様と同じ記載", day("2026-08-03"), status="suspected",
            found="競合C社の新製品カタログ（原料粒径・純度の記載が当社の購買仕様と一致）", found_where="展示会（東京ビッグサイト）で入手",
            leak_from=day("2026-04-03"), partners=["P-RAW"], elements=["E-SIN-03"], customers=["P-AUTO"])
        number = incident.number
        opened = sorted(o.kind for o in made)
    say("incident.opened", {"number": number, "count": len(opened)})
    with act("tanaka", "2026-08-05") as ctx:
        trace = incidents.attach_trace(ctx, number, hand_built_trace(ctx, number), "trace-competitor-catalogue.json")
        sha = trace.sha256
    say("incident.trace_attached", {"sha256": sha[:16]})
    with act("tanaka", "2026-08-06") as ctx:
        for ob in incidents.obligations_of(ctx, incidents.get(ctx, number)):
            if ob.kind == "preserve_evidence":
                obligations.close(ctx, ob.id, "カタログ原本・入手経緯メモ・展示会の写真を保全（金庫保管、写しは監査ログに記録）")
    with act("tanaka", "2026-08-20") as ctx:
        _, more = incidents.change_status(ctx, number, "confirmed", day("2026-08-20"),
                                          "原料メーカーの営業資料経由で競合に渡ったことを確認")
        confirmed = [o.kind for o in more]
    say("incident.status_changed", {"number": number, "status": label("incident_status", "confirmed")})
    with act("yamada", "2026-09-01") as ctx:
        package = evidence.build(ctx, number, evidence_folder(engine))
    say("incident.package_written", {"zip": str(package.zip_path), "pdf": str(package.pdf_path),
                                     "files": len(package.files), "sha256": package.manifest_sha256[:16]})
    return {"number": number, "opened": opened, "confirmed": confirmed, "trace_sha256": sha,
            "zip": str(package.zip_path), "pdf": str(package.pdf_path), "manifest_sha256": package.manifest_sha256}
