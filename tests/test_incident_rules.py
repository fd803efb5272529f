"""The incident rules as a table: when the police / METI must be told, and how the status may move."""

from __future__ import annotations

from datetime import date

import pytest

from mamoru.config import load_policy
from mamoru.domain import incidents as rules

CFG = load_policy().section("incidents")


def facts(status="suspected", rank=2, priority=False, export=False, partners=(), customers=()):
    return rules.Facts(status, rank, priority, export, tuple(partners), tuple(customers))


@pytest.mark.parametrize("case, expected", [
    (facts(), []),
    (facts(status="confirmed"), ["incident.why.confirmed"]),
    (facts(rank=3), ["incident.why.rank"]),
    (facts(rank=4, status="confirmed"), ["incident.why.confirmed", "incident.why.rank"]),
    (facts(priority=True), ["incident.why.priority_control"]),
    (facts(export=True), ["incident.why.export_controlled"]),
    (facts(rank=-1), []),  # nothing linked yet
])
def test_when_the_authorities_must_be_told(case, expected):
    assert rules.report_reasons(case, CFG) == expected


def test_a_company_may_report_every_suspicion_or_only_proven_leaks():
    strict = {**CFG, "report_authority": {**CFG["report_authority"], "from_rank": 2}}
    assert rules.report_reasons(facts(), strict) == ["incident.why.rank"]
    lenient = {**CFG, "report_authority": {"when_confirmed": False, "from_rank": 5, "priority_control": False,
                                           "export_controlled": False}}
    assert rules.report_reasons(facts(status="confirmed", rank=4, priority=True), lenient) == []


def test_due_dates_count_from_the_day_it_is_handled_never_before_discovery():
    wanted = rules.obligations(facts(partners=["P-RAW"], customers=["P-AUTO"]), CFG, date(2026, 8, 3), date(2026, 8, 4))
    assert [(w.kind, w.partner, w.due_on.isoformat()) for w in wanted] == [
        ("preserve_evidence", None, "2026-08-04"), ("consult_lawyer", None, "2026-08-11"),
        ("review_partner", "P-RAW", "2026-08-18"), ("notify_customer", "P-AUTO", "2026-08-18")]


@pytest.mark.parametrize("current, to, allowed", [
    ("suspected", "confirmed", True), ("suspected", "closed", True), ("confirmed", "closed", True),
    ("confirmed", "suspected", False), ("closed", "suspected", False), ("closed", "confirmed", False),
    ("suspected", "suspected", False),
])
def test_status_moves_forward_only(current, to, allowed):
    assert rules.may_move(current, to) is allowed
