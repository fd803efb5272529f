"""The people rules, as tables: who falls under the specific categories, and what may be told to whom."""

from __future__ import annotations

import pytest

from mamoru.config import load_policy
from mamoru.domain.people import PersonView, SpokenElement, decide_oral, determine

POLICY = load_policy()
NO = dict(foreign_contract="no", foreign_direction="no", significant_benefit="no", foreign_instructions="no",
          income_share=None)


@pytest.mark.parametrize("answers,result,code", [
    (NO, "no", "people.category.none"),
    ({**NO, "income_share": 25}, "yes", "people.category.income_share"),  # a quarter of annual income
    ({**NO, "income_share": 24.9}, "unclear", "people.category.income_share_near"),
    ({**NO, "income_share": 9}, "no", "people.category.none"),
    ({**NO, "foreign_contract": "yes", "foreign_direction": "yes"}, "yes", "people.category.contract"),
    ({**NO, "foreign_contract": "yes", "foreign_direction": "no"}, "unclear", "people.category.contract_unclear"),
    ({**NO, "significant_benefit": "yes"}, "yes", "people.category.benefit"),
    ({**NO, "foreign_instructions": "yes"}, "yes", "people.category.instructions"),
    ({**NO, "foreign_instructions": "unknown"}, "unclear", "people.category.unanswered"),
    # a yes wins over an unknown answer elsewhere
    ({**NO, "significant_benefit": "yes", "foreign_instructions": "unknown"}, "yes", "people.category.benefit"),
])
def test_specific_category_suggestion(answers, result, code):
    verdict = determine(answers, POLICY)
    assert verdict.result == result
    assert code in {r.code for r in verdict.reasons}
    assert all(r.messages()["ja"] and r.messages()["en"] for r in verdict.reasons)


CORE = SpokenElement("E-4", 4, "T-A")
RESTRICTED = SpokenElement("E-3", 3, "T-A")
NDA = SpokenElement("E-2", 2, "T-A")
CONTROLLED = SpokenElement("E-C", 2, "T-X", export_controlled=True)
STAFF = dict(code="P", technologies=frozenset({"T-A", "T-X"}), pledged_all=True)


@pytest.mark.parametrize("person,element,outcome,code", [
    (PersonView(standing="no", **STAFF), CORE, "allow_with_conditions", "cond.oral_scope_briefing"),
    (PersonView(standing="yes", **STAFF), CORE, "deny", "people.oral.core_to_specific_category"),
    (PersonView(standing="yes", **STAFF), RESTRICTED, "needs_approval", "people.oral.deemed_export_licence"),
    (PersonView(standing="yes", **STAFF), CONTROLLED, "needs_approval", "people.oral.deemed_export_licence"),
    (PersonView(standing="yes", **STAFF), NDA, "allow_with_conditions", "cond.oral_scope_briefing"),
    (PersonView(standing="unclear", **STAFF), RESTRICTED, "needs_approval", "people.oral.standing_unclear"),
    (PersonView(standing="undeclared", **STAFF), RESTRICTED, "allow_with_conditions", "people.oral.no_declaration"),
    (PersonView(code="P", standing="no", technologies=frozenset({"T-A"})), NDA, "allow_with_conditions",
     "people.oral.no_pledge"),
    (PersonView(code="P", standing="no", technologies=frozenset({"T-A"}), pledged=frozenset({"T-A"})), NDA,
     "allow_with_conditions", "cond.oral_scope_briefing"),
    (PersonView(code="P", standing="no", technologies=frozenset({"T-B"}), pledged_all=True), NDA,
     "allow_with_conditions", "people.oral.need_to_know"),
    (PersonView(standing="no", former=True, **STAFF), NDA, "deny", "people.oral.former"),
])
def test_oral_gate(person, element, outcome, code):
    decision = decide_oral(person, (element,), POLICY)
    assert decision.outcome == outcome
    assert code in {r.code for r in decision.reasons}
    for reason in decision.reasons:
        texts = reason.messages()
        assert texts["ja"] != reason.code and texts["en"] != reason.code


def test_a_pledged_person_who_works_on_the_technology_gets_only_the_briefing():
    decision = decide_oral(PersonView(standing="no", **STAFF), (NDA,), POLICY)
    assert [r.code for r in decision.reasons] == ["cond.oral_scope_briefing"]
