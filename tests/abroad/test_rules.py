"""The pure rules for sites abroad and joint research, as tables."""

from __future__ import annotations

from datetime import date

import pytest

from mamoru.domain import research, sites
from mamoru.errors import Conflict, InvalidInput

D = date.fromisoformat


@pytest.mark.parametrize("current, new, on, error", [
    ("planning", "contract", "2026-05-02", None),
    ("planning", "withdrawal", "2026-05-01", None),  # a plan abandoned
    ("contract", "operating", "2026-04-30", "site.stage_date_order"),
    ("operating", "contract", "2026-06-01", "site.stage_backwards"),
    ("planning", "planning", "2026-06-01", "site.stage_backwards"),
    ("withdrawal", "operating", "2026-06-01", "site.stage_backwards"),
])
def test_stages_move_forward_and_in_date_order(current, new, on, error):
    if error is None:
        sites.check_stage_move(current, D("2026-05-01"), new, D(on))
        return
    with pytest.raises((Conflict, InvalidInput)) as exc:
        sites.check_stage_move(current, D("2026-05-01"), new, D(on))
    assert exc.value.code == error


def E(code, allowance, rank=1, tech="T", designated=False):
    return sites.SiteElement(code=code, technology=tech, rank=rank, allowance=allowance, priority_control=designated)


@pytest.mark.parametrize("element, expected", [
    (E("a", "may_teach"), set()),
    (E("a", None), {"site.not_decided"}),
    (E("a", "stays_in_japan"), {"site.stays_in_japan"}),
    (E("a", "black_boxed"), {"site.black_boxed"}),
    (E("a", "may_teach", tech="T-D", designated=True), {"gate.fefta_advance_report_open"}),
])
def test_what_may_be_taught(element, expected):
    assert {r.code for r in sites.teaching_reasons([element], {"T-D"}, "S")} == expected


def test_only_designated_technologies_that_go_abroad_need_a_report():
    assert sites.needs_advance_report(E("a", "may_teach", designated=True))
    assert sites.needs_advance_report(E("a", "black_boxed", designated=True))
    assert not sites.needs_advance_report(E("a", "stays_in_japan", designated=True))
    assert not sites.needs_advance_report(E("a", "may_teach"))


def test_core_is_never_taught_abroad():
    with pytest.raises(InvalidInput):
        sites.allowance_for(4, "may_teach")
    assert sites.allowance_for(4, "black_boxed") == "black_boxed"
    with pytest.raises(InvalidInput):
        sites.allowance_for(1, "teach_a_little")


@pytest.mark.parametrize("ranks, expected", [
    ([], "clear"), ([None], "needs_changes"), ([1, 2], "needs_changes"), ([2, 3], "blocked"), ([4], "blocked"),
])
def test_suggested_result(ranks, expected):
    assert research.suggested_result([{"rank": r} for r in ranks]) == expected


@pytest.mark.parametrize("result, published, codes", [
    ("clear", "2026-05-31", []),
    ("clear", "2026-05-30", ["research.warn_review_period"]),
    (None, "2026-06-30", ["research.warn_not_reviewed"]),
    ("blocked", "2026-05-02", ["research.warn_not_clear", "research.warn_review_period"]),
])
def test_publication_warnings(result, published, codes):
    warnings = research.publication_warnings(result, D("2026-05-01"), D(published), 30)
    assert [w["code"] for w in warnings] == codes
