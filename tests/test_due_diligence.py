"""Due diligence: five factors of guidance 1-1 give a tier, with the reasons written out."""

import pytest

from mamoru.domain.due_diligence import assess
from mamoru.errors import InvalidInput

LOW = dict(business_overlap="low", financial_condition="low", leadership_attitude="low", board_foreign_duty="low",
           reputation="low")


@pytest.mark.parametrize("change,tier", [
    ({}, "low"),
    ({"business_overlap": "medium", "financial_condition": "medium"}, "low"),
    ({"business_overlap": "high", "financial_condition": "medium"}, "medium"),
    ({"business_overlap": "high", "financial_condition": "high", "leadership_attitude": "high"}, "high"),
    ({"board_foreign_duty": "high"}, "high"),  # duties to a foreign government lift the tier alone
    ({"reputation": "high"}, "medium"),
    ({k: "high" for k in LOW}, "prohibited"),
])
def test_tiers(change, tier, policy):
    result = assess({**LOW, **change}, policy)
    assert result.tier == tier
    codes = [r.code for r in result.explanation]
    assert codes.count("dd.factor") == 5 and "dd.score" in codes


def test_missing_or_bad_factor_is_refused(policy):
    with pytest.raises(InvalidInput) as err:
        assess({"business_overlap": "low"}, policy)
    assert err.value.code == "dd.factor_missing"
    with pytest.raises(InvalidInput) as err:
        assess({**LOW, "reputation": "terrible"}, policy)
    assert err.value.code == "dd.level_invalid"
