"""May a marked copy go to this partner at all? The gate's partner-level rules, for a copy
that names no codebook element.

A sanitised copy carries a confidentiality marking and a control number ("for X only,
no other use"): that promise needs a partner in good standing (not terminated,
prohibited or on hold, as the gate says) and a valid agreement with a confidentiality
clause, even when the document holds no codebook term. Pure: no I/O.
"""

from __future__ import annotations

from mamoru.domain import gate
from mamoru.domain.policy import Policy
from mamoru.domain.reasons import Reason, strongest


def copy_standing(request: gate.GateRequest, policy: Policy) -> gate.Decision:
    reasons = list(gate.partner_standing(request, policy, {}))
    valid = [a for a in request.agreements if a.valid_on(request.on) and "confidentiality" in a.clauses]
    if not valid:
        reasons.append(Reason("guard.standing.no_agreement", "deny",
                              {"partner": request.partner.code, "on": request.on.isoformat()}))
    return gate.Decision(outcome=strongest(reasons), reasons=tuple(reasons), coverage={})
