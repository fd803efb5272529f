"""Records as JSON. What a viewer may see was decided by the services that returned them
(``services.reads``, ``services.ledger``, ``services.lists``); these only shape the answer."""

from __future__ import annotations

import json
from typing import Any

from mamoru.api.common import columns
from mamoru.services import ledger, reads


def technology(ctx: Any, t: Any, detail: bool = False) -> dict[str, Any]:
    out = columns(t, "code", "name", "description", "domain", "export_controlled", "priority_control",
                  "owner_department", "code_name", "importance", "suggested_tier", "confirmed_tier", "status")
    out["element_count"] = len(t.elements)
    if detail:
        out["elements"] = reads.elements(ctx, t)
    return out


def assessment(d: Any) -> dict[str, Any]:
    return columns(d, "assessed_on", "assessor", "factors", "notes", "foreign_government_duty", "score", "tier",
                   "explanation", "policy_version", "comment")


def partner(p: Any, detail: bool = False) -> dict[str, Any]:
    out = columns(p, "code", "name", "name_kana", "name_en", "kind", "country", "listed", "industry",
                  "parent_company", "major_shareholders", "officers", "certification", "certification_expiry",
                  "risk_tier", "status")
    if detail:
        out["assessments"] = [assessment(d) for d in p.assessments]
    return out


def clause(cl: Any) -> dict[str, Any]:
    return columns(cl, "kind", "mode", "triggers", "text")


def agreement(ctx: Any, a: Any, gaps: list[str] | None = None) -> dict[str, Any]:
    out = columns(a, "code", "kind", "title", "valid_from", "valid_to", "status", "ended_on", "end_reason")
    out["partner"] = a.partner.code
    out.update(reads.scope(ctx, a))
    out["clauses"] = [clause(cl) for cl in a.clauses]
    if gaps is not None:
        out["gaps"] = gaps
    return out


def disclosure(ctx: Any, d: Any) -> dict[str, Any]:
    out = columns(d, "number", "purpose", "channel", "form", "outcome", "reasons", "conditions", "status",
                  "staged_plan", "requested_by", "decided_by", "decided_at", "decision_comment", "disclosed_on",
                  "document_sha256", "note", "sample_request")
    out["partner"] = d.partner.code
    out["agreement"] = d.agreement.code if d.agreement else None
    out["elements"] = ledger.items(ctx, d)
    return out


def sample(s: Any) -> dict[str, Any]:
    out = columns(s, "code", "description", "lent_on", "due_back", "returned_on", "return_condition", "return_note",
                  "status")
    out["partner"] = s.partner.code
    out["disclosure"] = s.disclosure.number if s.disclosure else None
    return out


def event(ev: Any) -> dict[str, Any]:
    out = columns(ev, "id", "kind", "occurred_on", "description", "source", "status", "recorded_by", "resolved_by",
                  "resolved_at", "resolution")
    out["partner"] = ev.partner.code
    return out


def obligation(ob: Any) -> dict[str, Any]:
    out = columns(ob, "id", "kind", "source", "source_id", "due_on", "status", "detail", "closed_by", "closed_at",
                  "evidence")
    out["partner"] = ob.partner.code if ob.partner else None
    out["agreement"] = ob.agreement.code if ob.agreement else None
    return out


def external_request(r: Any) -> dict[str, Any]:
    out = columns(r, "id", "requester", "received_on", "subject", "requested_items", "government_backed", "status",
                  "reasonable", "review_notes", "reviewed_by", "escalated_to", "outcome_note", "recorded_by")
    out["partner"] = r.partner.code if r.partner else None
    return out


def audit_entry(a: Any) -> dict[str, Any]:
    out = columns(a, "seq", "at", "actor", "action", "entity_type", "entity_id", "prev_hash", "hash")
    out["before"] = json.loads(a.before) if a.before else None
    out["after"] = json.loads(a.after) if a.after else None
    return out


def token(tk: Any) -> dict[str, Any]:
    return columns(tk, "id", "name", "created_at", "last_used_at", "revoked_at")
