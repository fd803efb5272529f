"""The disclosure gate (開示判定): may these elements go to this partner, this way, today?

A pure function over plain data. Every rule runs, so the answer lists every reason,
not just the first; the outcome is the strongest effect among them:
deny > needs_approval > allow_with_conditions > allow.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Callable

from mamoru.domain import clauses as clause_rules
from mamoru.domain import exposure as exposure_rules
from mamoru.domain.policy import Policy
from mamoru.domain.reasons import Reason, strongest

HOME_COUNTRY = "JP"
OUTSIDE_SUPPLY_CHAIN = ("equipment_maker", "system_vendor", "consultant", "recycler")


@dataclass(frozen=True)
class PartnerView:
    code: str
    kind: str
    country: str
    status: str = "active"
    risk_tier: str | None = None
    hold_events: tuple[str, ...] = ()
    certified: bool = False
    # Our competitors this partner also deals with (its other customers, guidance 3-1).
    serves_competitors: tuple[str, ...] = ()


@dataclass(frozen=True)
class ElementView:
    code: str
    rank: int
    technology: str
    proper_nouns: bool = False
    export_controlled: bool = False
    priority_control: bool = False


@dataclass(frozen=True)
class AgreementView:
    code: str
    valid_from: date
    valid_to: date
    status: str = "active"
    technologies: frozenset[str] = frozenset()
    elements: frozenset[str] = frozenset()
    clauses: frozenset[str] = frozenset()

    def covers(self, element: ElementView) -> bool:
        return element.code in self.elements or element.technology in self.technologies

    def valid_on(self, day: date) -> bool:
        return self.status == "active" and self.valid_from <= day <= self.valid_to


@dataclass(frozen=True)
class GateRequest:
    partner: PartnerView
    elements: tuple[ElementView, ...]
    channel: str
    form: str
    on: date
    agreements: tuple[AgreementView, ...] = ()
    # Per technology: its element ranks, and what the partner already received.
    technology_ranks: dict[str, dict[str, int]] = field(default_factory=dict)
    already_received: frozenset[str] = frozenset()
    # Designated technologies whose FEFTA art. 55-8 advance report for a site of this partner is not filed.
    advance_reports_open: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Decision:
    outcome: str
    reasons: tuple[Reason, ...]
    coverage: dict[str, str]

    @property
    def conditions(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.effect == "allow_with_conditions")

    @property
    def agreement(self) -> str | None:
        """The agreement that covers most of the elements, recorded with the disclosure."""
        if not self.coverage:
            return None
        counts: dict[str, int] = {}
        for code in self.coverage.values():
            counts[code] = counts.get(code, 0) + 1
        return max(sorted(counts), key=lambda c: counts[c])

    def as_dict(self) -> dict:
        return {
            "outcome": self.outcome,
            "reasons": [r.as_dict() for r in self.reasons],
            "agreement": self.agreement,
            "coverage": self.coverage,
        }


Rule = Callable[[GateRequest, Policy, dict[str, str]], list[Reason]]


def decide(request: GateRequest, policy: Policy) -> Decision:
    coverage: dict[str, str] = {}
    reasons: list[Reason] = []
    for rule in RULES:
        reasons.extend(rule(request, policy, coverage))
    return Decision(outcome=strongest(reasons), reasons=tuple(reasons), coverage=coverage)


# --- rules, in the order their reasons are shown -----------------------------------------


def partner_standing(req: GateRequest, policy: Policy, _cov) -> list[Reason]:
    p = req.partner
    out: list[Reason] = []
    if p.status == "terminated":
        out.append(Reason("gate.partner_terminated", "deny", {"partner": p.code}))
    if p.risk_tier == "prohibited":
        out.append(Reason("gate.partner_prohibited", "deny", {"partner": p.code}))
    holds = sorted(set(k for k in p.hold_events if k in policy.gate["hold_event_kinds"]))
    if holds:
        out.append(Reason("gate.partner_on_hold", "deny", {"partner": p.code, "events": holds}))
    return out


def core_never_leaves(req: GateRequest, policy: Policy, _cov) -> list[Reason]:
    never = int(policy.gate["never_from_rank"])
    return [Reason("gate.core_never_leaves", "deny", {"element": e.code, "rank": e.rank})
            for e in req.elements if e.rank >= never]


def agreement_cover(req: GateRequest, policy: Policy, coverage: dict[str, str]) -> list[Reason]:
    """Elements from the NDA rank up need a valid agreement with a confidentiality clause."""
    needed = int(policy.gate["agreement_required_from_rank"])
    out: list[Reason] = []
    for e in req.elements:
        if e.rank < needed:
            continue
        candidates = [a for a in req.agreements if a.covers(e)]
        valid = [a for a in candidates if a.valid_on(req.on)]
        confidential = [a for a in valid if "confidentiality" in a.clauses]
        if confidential:
            coverage[e.code] = sorted(confidential, key=lambda a: (a.valid_to, a.code))[-1].code
        elif valid:
            out.append(Reason("gate.agreement_lacks_confidentiality", "deny",
                              {"element": e.code, "agreements": sorted(a.code for a in valid)}))
        elif candidates:
            out.append(Reason("gate.agreement_not_valid", "deny",
                              {"element": e.code, "agreements": sorted(a.code for a in candidates),
                               "on": req.on.isoformat()}))
        else:
            out.append(Reason("gate.no_agreement", "deny", {"element": e.code, "rank": e.rank}))
    return out


def tier_cap(req: GateRequest, policy: Policy, _cov) -> list[Reason]:
    tier = req.partner.risk_tier
    if tier == "prohibited":
        return []  # already denied by partner_standing
    cap = policy.rank_cap(tier)
    code = "gate.partner_unassessed" if tier is None else "gate.rank_above_tier_cap"
    never = int(policy.gate["never_from_rank"])
    return [Reason(code, "deny", {"element": e.code, "rank": e.rank, "tier": tier or "-", "cap": cap})
            for e in req.elements if cap < e.rank < never]


def approval(req: GateRequest, policy: Policy, _cov) -> list[Reason]:
    start, never = int(policy.gate["approval_from_rank"]), int(policy.gate["never_from_rank"])
    restricted = sorted(e.code for e in req.elements if start <= e.rank < never)
    if not restricted:
        return []
    return [Reason("gate.approval_required", "needs_approval", {"elements": restricted}),
            Reason("gate.staged_plan_required", "needs_approval", {"elements": restricted})]


def export_rules(req: GateRequest, policy: Policy, _cov) -> list[Reason]:
    if req.partner.country.upper() == HOME_COUNTRY:
        return []
    out: list[Reason] = []
    priority = sorted({e.technology for e in req.elements if e.priority_control and e.rank >= 1})
    if priority:
        out.append(Reason("gate.priority_control_prior_report", "needs_approval",
                          {"technologies": priority, "country": req.partner.country}))
    controlled = sorted({e.technology for e in req.elements if e.export_controlled and e.rank >= 1})
    if controlled:
        out.append(Reason("gate.export_licence_check", "needs_approval",
                          {"technologies": controlled, "country": req.partner.country}))
    return out


def advance_report_filed(req: GateRequest, policy: Policy, _cov) -> list[Reason]:
    """A designated technology goes to a site abroad only after its advance report is filed (55-8)."""
    return [Reason("gate.fefta_advance_report_open", "deny", {"technology": e.technology, "element": e.code})
            for e in req.elements if e.technology in req.advance_reports_open]


def exposure_limit(req: GateRequest, policy: Policy, _cov) -> list[Reason]:
    out: list[Reason] = []
    requested = {e.code for e in req.elements}
    for tech in sorted({e.technology for e in req.elements}):
        ranks = req.technology_ranks.get(tech)
        if not ranks:
            continue
        before = exposure_rules.share(ranks, req.already_received, policy)
        after = exposure_rules.share(ranks, req.already_received | requested, policy)
        if after > before and exposure_rules.flagged(after, policy):
            out.append(Reason("gate.exposure_over_threshold", "needs_approval",
                              {"technology": tech, "before": f"{before:.0%}", "after": f"{after:.0%}",
                               "threshold": f"{policy.exposure_threshold:.0%}"}))
    return out


def clause_gaps(req: GateRequest, policy: Policy, coverage: dict[str, str]) -> list[Reason]:
    out: list[Reason] = []
    by_code = {a.code: a for a in req.agreements}
    approval_from = int(policy.gate["clause_gap_approval_from_rank"])
    for agreement_code in sorted(set(coverage.values())):
        agreement = by_code[agreement_code]
        top = max(e.rank for e in req.elements if coverage.get(e.code) == agreement_code)
        missing = clause_rules.missing_clauses(agreement.clauses, top, policy)
        if missing:
            effect = "needs_approval" if top >= approval_from else "allow_with_conditions"
            out.append(Reason("gate.clause_gap", effect, {"agreement": agreement_code, "clauses": missing}))
    return out


def partner_kind_conditions(req: GateRequest, policy: Policy, _cov) -> list[Reason]:
    p = req.partner
    shared = [e for e in req.elements if e.rank >= 1]
    if not shared:
        return []
    out: list[Reason] = []
    if p.kind == "supplier":
        out.append(Reason("cond.supplier_no_intended_use", "allow_with_conditions", {}))
    if p.kind in ("equipment_maker", "system_vendor"):
        out.append(Reason("cond.equipment_operating_data", "allow_with_conditions", {}))
    if p.kind in ("consultant", "recycler"):
        out.append(Reason("cond.limit_to_service_need", "allow_with_conditions", {"kind": p.kind}))
    needed = int(policy.gate["agreement_required_from_rank"])
    if p.kind in OUTSIDE_SUPPLY_CHAIN and not p.certified and any(e.rank >= needed for e in shared):
        out.append(Reason("cond.confirm_information_management", "allow_with_conditions", {}))
    return out


def competitor_links(req: GateRequest, policy: Policy, _cov) -> list[Reason]:
    """A partner that also serves our competitors may pass on what it learns (case 1, 3-1): say less."""
    p = req.partner
    if not p.serves_competitors or not any(e.rank >= 1 for e in req.elements):
        return []
    code = "cond.supplier_serves_competitors" if p.kind == "supplier" else "cond.partner_serves_competitors"
    return [Reason(code, "allow_with_conditions", {"partner": p.code, "competitors": list(p.serves_competitors)})]


def form_and_channel(req: GateRequest, policy: Policy, _cov) -> list[Reason]:
    out: list[Reason] = []
    nouns = sorted(e.code for e in req.elements if e.proper_nouns)
    if nouns and req.form == "plain":
        out.append(Reason("cond.use_code_names", "allow_with_conditions", {"elements": nouns}))
    needed = int(policy.gate["agreement_required_from_rank"])
    if any(e.rank >= needed for e in req.elements) and req.channel in ("document", "equipment_spec"):
        out.append(Reason("cond.mark_confidential", "allow_with_conditions", {}))
    if req.channel == "sample":
        out.append(Reason("cond.sample_return", "allow_with_conditions", {}))
    if req.channel == "process_audit":
        out.append(Reason("cond.process_audit_scope", "allow_with_conditions", {}))
    if req.channel == "oral" and any(e.rank >= 1 for e in req.elements):
        out.append(Reason("cond.oral_scope_briefing", "allow_with_conditions", {}))
    return out


RULES: tuple[Rule, ...] = (
    partner_standing,
    core_never_leaves,
    agreement_cover,
    tier_cap,
    approval,
    export_rules,
    advance_report_filed,
    exposure_limit,
    clause_gaps,
    partner_kind_conditions,
    competitor_links,
    form_and_channel,
)
