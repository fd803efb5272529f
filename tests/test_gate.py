"""The disclosure gate, as a table: one request changed in one way per row, and what the gate must say.

The base request is a low-risk domestic customer asking for a rank-2 element under a valid
NDA with every expected clause: the gate allows it with only the "mark confidential" condition.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from mamoru.domain.gate import AgreementView, ElementView, GateRequest, PartnerView, decide

DAY = date(2026, 4, 1)
ALL_CLAUSES = frozenset({"confidentiality", "purpose_limitation", "no_third_party", "no_copying", "return_destroy",
                         "subcontracting", "change_of_control", "termination_triggers"})
NDA = AgreementView(code="A-1", valid_from=date(2026, 1, 1), valid_to=date(2026, 12, 31),
                    technologies=frozenset({"T"}), clauses=ALL_CLAUSES)
CUSTOMER = PartnerView(code="P", kind="customer", country="JP", risk_tier="low")
E2 = ElementView(code="E2", rank=2, technology="T")
RANKS = {"E0": 0, "E1": 1, "E2": 2, "E2b": 2, "E2c": 2, "E3": 3, "E4": 4}
BASE = GateRequest(partner=CUSTOMER, elements=(E2,), channel="document", form="plain", on=DAY, agreements=(NDA,),
                   technology_ranks={"T": RANKS})


def el(code: str, rank: int, **kw) -> ElementView:
    return ElementView(code=code, rank=rank, technology="T", **kw)


CASES = [
    # name, change, outcome, reason codes that must be present
    ("baseline", {}, "allow_with_conditions", {"cond.mark_confidential"}),
    ("public element needs nothing", {"elements": (el("E0", 0),)}, "allow", set()),
    ("rank 1 needs no agreement", {"elements": (el("E1", 1),), "agreements": ()}, "allow", set()),
    ("no agreement -> deny", {"agreements": ()}, "deny", {"gate.no_agreement"}),
    ("expired agreement -> deny", {"agreements": (replace(NDA, valid_to=date(2026, 3, 31)),)}, "deny",
     {"gate.agreement_not_valid"}),
    ("not yet valid -> deny", {"agreements": (replace(NDA, valid_from=date(2026, 4, 2)),)}, "deny",
     {"gate.agreement_not_valid"}),
    ("terminated agreement -> deny", {"agreements": (replace(NDA, status="terminated"),)}, "deny",
     {"gate.agreement_not_valid"}),
    ("agreement without confidentiality -> deny",
     {"agreements": (replace(NDA, clauses=ALL_CLAUSES - {"confidentiality"}),)}, "deny",
     {"gate.agreement_lacks_confidentiality"}),
    ("agreement covering another technology -> deny",
     {"agreements": (replace(NDA, technologies=frozenset({"OTHER"})),)}, "deny", {"gate.no_agreement"}),
    ("agreement covering the element itself", {"agreements": (replace(NDA, technologies=frozenset(),
                                                                      elements=frozenset({"E2"})),)},
     "allow_with_conditions", {"cond.mark_confidential"}),
    ("rank 4 -> deny always", {"elements": (el("E4", 4),), "form": "black_boxed"}, "deny",
     {"gate.core_never_leaves"}),
    ("rank 3 -> approval and staged plan", {"elements": (el("E3", 3),)}, "needs_approval",
     {"gate.approval_required", "gate.staged_plan_required"}),
    ("high tier caps at rank 1", {"partner": replace(CUSTOMER, risk_tier="high")}, "deny",
     {"gate.rank_above_tier_cap"}),
    ("high tier may still receive rank 1", {"partner": replace(CUSTOMER, risk_tier="high"),
                                            "elements": (el("E1", 1),)}, "allow", set()),
    ("medium tier may not receive rank 4 either", {"partner": replace(CUSTOMER, risk_tier="medium"),
                                                   "elements": (el("E4", 4),)}, "deny", {"gate.core_never_leaves"}),
    ("prohibited partner -> deny", {"partner": replace(CUSTOMER, risk_tier="prohibited"),
                                    "elements": (el("E0", 0),)}, "deny", {"gate.partner_prohibited"}),
    ("unassessed partner capped", {"partner": replace(CUSTOMER, risk_tier=None)}, "deny",
     {"gate.partner_unassessed"}),
    ("open list hit -> hold", {"partner": replace(CUSTOMER, hold_events=("list_hit",))}, "deny",
     {"gate.partner_on_hold"}),
    ("open capital change -> hold", {"partner": replace(CUSTOMER, hold_events=("capital_change",))}, "deny",
     {"gate.partner_on_hold"}),
    ("litigation alone does not hold", {"partner": replace(CUSTOMER, hold_events=("litigation",))},
     "allow_with_conditions", {"cond.mark_confidential"}),
    ("terminated partner -> deny", {"partner": replace(CUSTOMER, status="terminated")}, "deny",
     {"gate.partner_terminated"}),
    ("supplier: do not reveal intended use", {"partner": replace(CUSTOMER, kind="supplier")},
     "allow_with_conditions", {"cond.supplier_no_intended_use"}),
    ("equipment maker: operating data", {"partner": replace(CUSTOMER, kind="equipment_maker", certified=True)},
     "allow_with_conditions", {"cond.equipment_operating_data"}),
    ("uncertified equipment maker: confirm information management",
     {"partner": replace(CUSTOMER, kind="equipment_maker")}, "allow_with_conditions",
     {"cond.confirm_information_management"}),
    ("proper nouns in plain form: code names", {"elements": (el("E2", 2, proper_nouns=True),)},
     "allow_with_conditions", {"cond.use_code_names"}),
    ("proper nouns already code-named: no such condition",
     {"elements": (el("E1", 1, proper_nouns=True),), "form": "code_named"}, "allow", set()),
    ("sample: return condition", {"channel": "sample"}, "allow_with_conditions", {"cond.sample_return"}),
    ("process audit: agree scope", {"channel": "process_audit"}, "allow_with_conditions",
     {"cond.process_audit_scope"}),
    ("oral: brief attendees", {"channel": "oral"}, "allow_with_conditions", {"cond.oral_scope_briefing"}),
    ("priority-control technology abroad: prior report",
     {"partner": replace(CUSTOMER, country="SG"), "elements": (el("E2", 2, priority_control=True),)},
     "needs_approval", {"gate.priority_control_prior_report"}),
    ("priority-control technology at home: no report",
     {"elements": (el("E2", 2, priority_control=True),)}, "allow_with_conditions", {"cond.mark_confidential"}),
    ("list-controlled technology abroad: licence check",
     {"partner": replace(CUSTOMER, country="CN"), "elements": (el("E2", 2, export_controlled=True),)},
     "needs_approval", {"gate.export_licence_check"}),
    ("exposure pushed over the threshold",
     {"elements": (el("E2b", 2), el("E2c", 2)), "already_received": frozenset({"E2", "E1"}),
      "technology_ranks": {"T": {"E1": 1, "E2": 2, "E2b": 2, "E2c": 2}}},
     "needs_approval", {"gate.exposure_over_threshold"}),
    ("missing rank-2 clauses: a condition", {"agreements": (replace(NDA, clauses=frozenset({"confidentiality"})),)},
     "allow_with_conditions", {"gate.clause_gap"}),
    ("missing rank-3 clauses: approval", {"elements": (el("E3", 3),),
                                          "agreements": (replace(NDA, clauses=ALL_CLAUSES - {"change_of_control"}),)},
     "needs_approval", {"gate.clause_gap", "gate.approval_required"}),
]


@pytest.mark.parametrize("name,change,outcome,codes", CASES, ids=[c[0] for c in CASES])
def test_gate_policy_table(name, change, outcome, codes, policy):
    decision = decide(replace(BASE, **change), policy)
    found = {r.code for r in decision.reasons}
    assert decision.outcome == outcome, (name, [r.code for r in decision.reasons])
    assert codes <= found, (name, found)


def test_every_reason_explains_itself_in_both_languages(policy):
    request = replace(BASE, partner=replace(CUSTOMER, kind="supplier", country="SG", risk_tier="high",
                                            hold_events=("list_hit",)),
                      elements=(el("E4", 4), el("E3", 3, proper_nouns=True, priority_control=True,
                                                export_controlled=True)), agreements=())
    decision = decide(request, policy)
    assert decision.outcome == "deny"
    for reason in decision.reasons:
        messages = reason.messages()
        assert messages["ja"] != reason.code and messages["en"] != reason.code
        assert "{" not in messages["ja"] + messages["en"], reason.code


def test_denial_lists_every_reason_not_just_the_first(policy):
    decision = decide(replace(BASE, partner=replace(CUSTOMER, risk_tier="high"), agreements=()), policy)
    assert {"gate.no_agreement", "gate.rank_above_tier_cap"} <= {r.code for r in decision.reasons}


def test_a_stricter_policy_changes_the_answer(policy):
    from mamoru.domain.policy import Policy, merge

    strict = Policy.from_mapping(merge(policy.data, {"gate": {"tier_rank_cap": {"low": 1}}}))
    assert decide(BASE, policy).outcome == "allow_with_conditions"
    assert decide(BASE, strict).outcome == "deny"


def test_coverage_names_the_agreement_used(policy):
    decision = decide(BASE, policy)
    assert decision.agreement == "A-1"
    assert decision.coverage == {"E2": "A-1"}
