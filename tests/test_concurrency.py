"""Decisions taken at the same moment by several people: one outcome, the record agrees, on both backends.

Each test starts real threads, each with its own unit of work (its own connection and
transaction), released together by a barrier, the way several web workers would act.
SQLite serialises writers (BEGIN IMMEDIATE); on PostgreSQL the services lock the row a
decision depends on (SELECT ... FOR UPDATE), so the loser sees the winner's commit.
"""

from __future__ import annotations

import threading
from collections import Counter
from datetime import datetime, timezone

import pytest
from sqlalchemy import func, select

from mamoru.domain import exposure as exposure_rules
from mamoru.errors import Conflict
from mamoru.services import (agreements, disclosures, events, obligations, partners, requests, samples,
                             technologies, users)
from mamoru.services.uow import read_only, unit_of_work
from mamoru.services import common as c
from mamoru.store.models import AuditEntry, Disclosure, Partner, ReceivedElement

NOW = datetime(2026, 4, 1, 1, 0, tzinfo=timezone.utc)
LOW = dict(business_overlap="low", financial_condition="low", leadership_attitude="low", board_foreign_duty="low",
           reputation="low")


def race(engine, policy, jobs) -> list[tuple[str, object]]:
    """Run each ``(actor, fn)`` in its own thread and transaction at once; ("ok", value) or ("error", exc)."""
    barrier = threading.Barrier(len(jobs))
    results: list[tuple[str, object]] = [("missing", None)] * len(jobs)

    def run(i, actor, fn):
        try:
            barrier.wait(timeout=30)
            with unit_of_work(engine, actor, policy=policy, now=NOW) as ctx:
                value = fn(ctx)
            results[i] = ("ok", value)
        except Exception as exc:  # noqa: BLE001 - every outcome is collected and asserted below
            results[i] = ("error", exc)

    threads = [threading.Thread(target=run, args=(i, actor, fn)) for i, (actor, fn) in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a thread hung (deadlock?)"
    return results


def outcomes(results) -> Counter:
    return Counter("ok" if kind == "ok" else type(value).__name__ + ":" + getattr(value, "code", str(value))
                   for kind, value in results)


@pytest.fixture
def company(engine, policy):
    with unit_of_work(engine, "admin", policy=policy, now=NOW) as ctx:
        users.add_user(ctx, "tanaka", "tech_manager")
        users.add_user(ctx, "suzuki", "tech_manager")
        users.add_user(ctx, "sato", "staff")
        technologies.add_technology(ctx, "T-SIN", name="焼結", domain="technological_superiority")
        technologies.add_technology(ctx, "T-COAT", name="コーティング", domain="technological_superiority")
        for code in ("E1", "E2", "E3", "E4"):
            technologies.add_element(ctx, "T-SIN", code, title=f"要素{code}", rank=1)
        technologies.add_element(ctx, "T-COAT", "E-R3", title="要素R3", rank=3)
        partners.add_partner(ctx, "P-CUST", name="顧客株式会社", kind="customer", country="JP")
        partners.assess(ctx, "P-CUST", LOW)
        agreements.add_agreement(ctx, "A-CUST", "P-CUST", "nda", "2026-01-01", "2026-12-31", technologies=["T-SIN", "T-COAT"],
                                 clauses=["confidentiality", "purpose_limitation", "no_third_party", "no_copying",
                                          "return_destroy"])
    return engine


def _pending(engine, policy) -> str:
    with unit_of_work(engine, "sato", policy=policy, now=NOW) as ctx:
        record = disclosures.disclose(ctx, "P-CUST", ["E-R3"], "共同開発", "document", accept_conditions=True,
                                      staged_plan="第1段階のみ")
        assert record.status == "pending_approval"
        return record.number


def _audit_actions(engine, entity_id: str) -> Counter:
    with read_only(engine) as ctx:
        return Counter(ctx.session.execute(select(AuditEntry.action).where(AuditEntry.entity_id == entity_id)).scalars())


def test_twenty_concurrent_approvals_one_succeeds_the_others_get_a_conflict(company, policy):
    number = _pending(company, policy)
    results = race(company, policy, [("tanaka", lambda ctx: disclosures.approve(ctx, number).status)] * 20)
    counts = outcomes(results)
    assert counts == Counter({"ok": 1, "Conflict:conflict.not_pending": 19}), counts
    assert _audit_actions(company, number)["disclosure.approve"] == 1
    with read_only(company) as ctx:
        assert disclosures.get(ctx, number).status == "approved"


def test_approvals_and_rejections_at_once_give_one_outcome_that_the_audit_log_agrees_with(company, policy):
    number = _pending(company, policy)
    jobs = []
    for i in range(10):
        jobs.append(("tanaka", lambda ctx: disclosures.approve(ctx, number).status))
        jobs.append(("suzuki", lambda ctx, i=i: disclosures.reject(ctx, number, f"見送り {i}").status))
    results = race(company, policy, jobs)
    winners = [value for kind, value in results if kind == "ok"]
    assert len(winners) == 1, outcomes(results)
    assert all(isinstance(v, Conflict) for kind, v in results if kind == "error"), outcomes(results)
    with read_only(company) as ctx:
        final = disclosures.get(ctx, number).status
    assert final == winners[0]
    actions = _audit_actions(company, number)
    assert actions["disclosure.approve"] + actions["disclosure.reject"] == 1
    assert actions["disclosure." + ("approve" if final == "approved" else "reject")] == 1


def test_an_event_resolved_twice_at_once_is_resolved_once(company, policy):
    with unit_of_work(company, "admin", policy=policy, now=NOW) as ctx:
        event, _ = events.record_event(ctx, "P-CUST", "list_hit", description="END USER LIST")
        event_id = event.id
    results = race(company, policy, [("admin", lambda ctx, i=i: events.resolve_event(ctx, event_id, f"確認 {i}").status)
                                     for i in range(8)])
    assert outcomes(results) == Counter({"ok": 1, "Conflict:conflict.event_resolved": 7})
    actions = _audit_actions(company, str(event_id))
    assert actions["event.resolve"] == 1
    with read_only(company) as ctx:
        assert c.by_code(ctx, Partner, "P-CUST").status == "active"
    assert _audit_actions(company, "P-CUST")["partner.release"] == 1


def test_four_concurrent_disclosures_to_a_fresh_partner_honour_the_exposure_rule(company, policy):
    """Four rank-1 elements of equal weight: two may go (50 %), the third would pass 50 % and needs approval."""
    jobs = [("sato", lambda ctx, code=code: disclosures.disclose(ctx, "P-CUST", [code], "評価", "document",
                                                                 accept_conditions=True).status)
            for code in ("E1", "E2", "E3", "E4")]
    results = race(company, policy, jobs)
    assert all(kind == "ok" for kind, _ in results), outcomes(results)
    assert Counter(v for _, v in results) == Counter({"recorded": 2, "pending_approval": 2})
    with read_only(company, policy=policy) as ctx:
        received = ctx.session.execute(select(func.count()).select_from(ReceivedElement)).scalar_one()
        ranks = {e: 1 for e in ("E1", "E2", "E3", "E4")}
        got = disclosures.received_elements(ctx, c.by_code(ctx, Partner, "P-CUST").id)
        share = exposure_rules.share(ranks, got, policy)
    assert received == 2 and not exposure_rules.flagged(share, policy)


def test_an_obligation_closed_twice_at_once_is_closed_once(company, policy):
    with unit_of_work(company, "admin", policy=policy, now=NOW) as ctx:
        _, made = events.record_event(ctx, "P-CUST", "litigation")
        ob_id = made[0].id
    results = race(company, policy, [("admin", lambda ctx, i=i: obligations.close(ctx, ob_id, f"証跡 {i}").status)
                                     for i in range(8)])
    assert outcomes(results) == Counter({"ok": 1, "Conflict:conflict.obligation_closed": 7})
    assert _audit_actions(company, str(ob_id))["obligation.close"] == 1


def test_a_sample_returned_twice_at_once_is_returned_once(company, policy):
    with unit_of_work(company, "sato", policy=policy, now=NOW) as ctx:
        disclosures.disclose(ctx, "P-CUST", ["E1"], "評価", "sample", accept_conditions=True,
                             sample={"code": "S-1", "description": "基板10枚", "return_by": "2026-05-15"})
    conditions = ["intact", "damaged", "destroyed", "intact", "damaged", "intact"]
    results = race(company, policy, [("sato", lambda ctx, c=c: samples.return_sample(ctx, "S-1", c)[0].return_condition)
                                     for c in conditions])
    assert outcomes(results) == Counter({"ok": 1, "Conflict:conflict.sample_returned": 5})
    assert _audit_actions(company, "S-1")["sample.return"] == 1
    winner = next(v for kind, v in results if kind == "ok")
    with read_only(company) as ctx:
        kinds = Counter(o.kind for o in obligations.all_obligations(ctx))
    # a damaged or destroyed return opens one investigation, never one per racer
    assert kinds["investigate_sample"] == (0 if winner == "intact" else 1)


def test_a_request_moved_twice_at_once_moves_once(company, policy):
    with unit_of_work(company, "admin", policy=policy, now=NOW) as ctx:
        req_id = requests.record_request(ctx, "経済産業省", "技術資料の提出依頼", government_backed=True).id
    jobs = [("admin", lambda ctx, i=i: requests.review(ctx, req_id, True, f"妥当 {i}").status) for i in range(4)]
    jobs += [("admin", lambda ctx: requests.escalate(ctx, req_id, "METI").status) for _ in range(4)]
    results = race(company, policy, jobs)
    audit = _audit_actions(company, str(req_id))
    with read_only(company) as ctx:
        final = requests.get(ctx, req_id).status
    # review then escalate is a legal path; two reviews or two escalations are not
    assert audit["request.review"] <= 1 and audit["request.escalate"] <= 1
    assert final in ("reviewed", "escalated")
    assert sum(1 for kind, _ in results if kind == "ok") == audit["request.review"] + audit["request.escalate"]
    assert all(isinstance(v, Conflict) for kind, v in results if kind == "error"), outcomes(results)


def test_disclosure_numbers_stay_unique_when_recorded_at_once(company, policy):
    jobs = [("sato", lambda ctx, i=i: disclosures.disclose(ctx, "P-CUST", ["E1"], f"評価 {i}", "oral",
                                                           accept_conditions=True).number) for i in range(6)]
    results = race(company, policy, jobs)
    assert all(kind == "ok" for kind, _ in results), outcomes(results)
    assert len({v for _, v in results}) == 6
    with read_only(company) as ctx:
        assert ctx.session.execute(select(func.count()).select_from(Disclosure)).scalar_one() == 6
