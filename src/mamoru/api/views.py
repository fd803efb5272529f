"""Records as JSON, as the asking viewer may see them (need-to-know applied here, by the service's rules).

Element details go through ``services.access.element_view``; technologies a staff member is not
assigned to are left out of every answer, as if they did not exist.
"""

from __future__ import annotations

import json
from typing import Any

from mamoru.api.common import columns
from mamoru.errors import NotFound
from mamoru.services import access
from mamoru.services.access import Viewer


def element(e: Any, who: Viewer) -> dict[str, Any]:
    return {**access.element_view(e, who), "status": e.status}


def technology(t: Any, who: Viewer, detail: bool = False) -> dict[str, Any]:
    out = columns(t, "code", "name", "description", "domain", "export_controlled", "priority_control",
                  "owner_department", "code_name", "importance", "suggested_tier", "confirmed_tier", "status")
    out["element_count"] = len(t.elements)
    if detail:
        out["elements"] = [element(e, who) for e in t.elements]
    return out


def visible_technology(t: Any, who: Viewer) -> Any:
    if not who.sees_technology(t.id):
        raise NotFound("notfound.technology", code=t.code)
    return t


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


def agreement(a: Any, who: Viewer, gaps: list[str] | None = None) -> dict[str, Any]:
    out = columns(a, "code", "kind", "title", "valid_from", "valid_to", "status", "ended_on", "end_reason")
    out["partner"] = a.partner.code
    out["technologies"] = [t.code for t in a.technologies if who.sees_technology(t.id)]
    out["elements"] = [element(e, who) for e in a.elements if who.sees_technology(e.technology_id)]
    out["clauses"] = [clause(cl) for cl in a.clauses]
    if gaps is not None:
        out["gaps"] = gaps
    return out


def sees_disclosure(d: Any, who: Viewer) -> bool:
    return all(who.sees_technology(item.element.technology_id) for item in d.items)


def disclosure(d: Any, who: Viewer) -> dict[str, Any]:
    out = columns(d, "number", "purpose", "channel", "form", "outcome", "reasons", "conditions", "status",
                  "staged_plan", "requested_by", "decided_by", "decided_at", "decision_comment", "disclosed_on",
                  "document_sha256", "note", "sample_request")
    out["partner"] = d.partner.code
    out["agreement"] = d.agreement.code if d.agreement else None
    out["elements"] = [{**element(i.element, who), "rank_when_disclosed": i.rank}
                       for i in sorted(d.items, key=lambda i: i.element.code)]
    return out


def visible_disclosure(d: Any, who: Viewer) -> Any:
    if not sees_disclosure(d, who):
        raise NotFound("notfound.disclosure", number=d.number)
    return d


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
