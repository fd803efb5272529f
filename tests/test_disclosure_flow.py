"""Asking, recording, approving: the ledger of what went where, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlalchemy import func, select

from mamoru.errors import Conflict, InvalidInput, MamoruError, NotFound
from mamoru.services import agreements, disclosures, events, exposure, obligations, partners, samples, technologies, users
from mamoru.services.disclosures import Denied
from mamoru.services.uow import read_only
from mamoru.store.models import AuditEntry, Disclosure, Obligation, Sample

LOW = dict(business_overlap="low", financial_condition="low", leadership_attitude="low", board_foreign_duty="low",
           reputation="low")
FULL = ["confidentiality", "purpose_limitation", "no_third_party", "no_copying", "return_destroy",
        "subcontracting:approval", "change_of_control:approval", "termination_triggers:capital_change+list_hit"]


def at(day: str) -> datetime:
    return datetime.fromisoformat(day + "T01:00:00+00:00").astimezone(timezone.utc)


@pytest.fixture
def company(act):
    """One technology with five elements, three partners, two users, one NDA."""
    with act("admin") as ctx:
        users.add_user(ctx, "tanaka", "tech_manager")
        users.add_user(ctx, "sato", "staff")
        technologies.add_technology(ctx, "T-SIN", name="焼結", domain="technological_superiority")
        for code, rank, nouns in (("E0", 0, False), ("E1", 1, False), ("E2", 2, True), ("E3", 3, False),
                                  ("E4", 4, False)):
            technologies.add_element(ctx, "T-SIN", code, title=f"要素{code}", rank=rank, proper_nouns=nouns)
        partners.add_partner(ctx, "P-CUST", name="顧客株式会社", kind="customer", country="JP")
        partners.add_partner(ctx, "P-SUP", name="原料株式会社", kind="supplier", country="JP")
        partners.add_partner(ctx, "P-EQ", name="装置株式会社", kind="equipment_maker", country="JP")
        for code in ("P-CUST", "P-SUP", "P-EQ"):
            partners.assess(ctx, code, LOW)
        agreements.add_agreement(ctx, "A-CUST", "P-CUST", "nda", "2026-01-01", "2026-12-31",
                                 technologies=["T-SIN"], clauses=FULL)
        agreements.add_agreement(ctx, "A-SUP", "P-SUP", "master_sales", "2026-01-01", "2026-12-31",
                                 technologies=["T-SIN"], clauses=["confidentiality"])
    return act


def count(engine, model) -> int:
    with read_only(engine) as ctx:
        return ctx.session.execute(select(func.count()).select_from(model)).scalar_one()


def test_denied_disclosure_writes_nothing_and_gives_every_reason(company, engine):
    before = count(engine, AuditEntry)
    with pytest.raises(Denied) as err, company("sato") as ctx:
        disclosures.disclose(ctx, "P-CUST", ["E4"], "見積", "document")
    assert err.value.decision.outcome == "deny"
    assert "gate.core_never_leaves" in {r.code for r in err.value.decision.reasons}
    assert "コア" in err.value.message("ja") and "core" in err.value.message("en")
    assert count(engine, Disclosure) == 0 and count(engine, AuditEntry) == before


def test_conditions_must_be_accepted_then_the_disclosure_is_recorded(company, engine):
    with pytest.raises(InvalidInput) as err, company("sato") as ctx:
        disclosures.disclose(ctx, "P-SUP", ["E2"], "購買仕様", "document")
    assert err.value.code == "disclosure.conditions_not_accepted"
    assert count(engine, Disclosure) == 0
    with company("sato") as ctx:
        record = disclosures.disclose(ctx, "P-SUP", ["E2"], "購買仕様", "document", accept_conditions=True)
    assert record.status == "recorded" and record.number.startswith("D-2026-")
    codes = {c["code"] for c in record.conditions}
    assert {"cond.supplier_no_intended_use", "cond.use_code_names", "cond.mark_confidential"} <= codes
    with read_only(engine) as ctx:
        stored = disclosures.get(ctx, record.number)
        assert stored.agreement.code == "A-SUP" and stored.requested_by == "sato"
        assert [(i.element.code, i.rank) for i in stored.items] == [("E2", 2)]


def test_rank_three_goes_through_a_technology_manager(company, engine):
    with pytest.raises(InvalidInput) as err, company("sato") as ctx:
        disclosures.disclose(ctx, "P-CUST", ["E3"], "共同開発", "document", accept_conditions=True)
    assert err.value.code == "disclosure.staged_plan_missing"
    with company("sato") as ctx:
        record = disclosures.disclose(ctx, "P-CUST", ["E3"], "共同開発", "document", accept_conditions=True,
                                      staged_plan="第1段階のみ")
    assert record.status == "pending_approval" and record.disclosed_on is None
    with pytest.raises(MamoruError) as err, company("sato") as ctx:
        disclosures.approve(ctx, record.number)
    assert err.value.code == "auth.approver_role_required"
    with company("tanaka") as ctx:
        approved = disclosures.approve(ctx, record.number, "段階1のみ")
    assert approved.status == "approved" and approved.decided_by == "tanaka"
    with pytest.raises(Conflict), company("tanaka") as ctx:
        disclosures.approve(ctx, record.number)


def test_a_manager_cannot_approve_their_own_request(company):
    with company("tanaka") as ctx:
        record = disclosures.disclose(ctx, "P-CUST", ["E3"], "x", "document", accept_conditions=True,
                                      staged_plan="plan")
    with pytest.raises(MamoruError) as err, company("tanaka") as ctx:
        disclosures.approve(ctx, record.number)
    assert err.value.code == "auth.no_self_approval"


def test_approval_asks_the_gate_again(company):
    with company("sato") as ctx:
        record = disclosures.disclose(ctx, "P-CUST", ["E3"], "x", "document", accept_conditions=True,
                                      staged_plan="plan")
    with company("admin") as ctx:
        events.record_event(ctx, "P-CUST", "list_hit", description="END USER LIST")
    with pytest.raises(Denied) as err, company("tanaka") as ctx:
        disclosures.approve(ctx, record.number)
    assert "gate.partner_on_hold" in {r.code for r in err.value.decision.reasons}


def test_overdue_sample_becomes_an_obligation_once(company, engine):
    with company("sato", at("2026-04-01")) as ctx:
        disclosures.disclose(ctx, "P-CUST", ["E1"], "評価", "sample", accept_conditions=True,
                             sample={"code": "S-1", "description": "基板10枚", "return_by": "2026-05-15"})
    with company("system", at("2026-05-15")) as ctx:
        assert obligations.sweep(ctx) == []
    with company("system", at("2026-05-16")) as ctx:
        made = obligations.sweep(ctx)
        assert [o.kind for o in made] == ["recover_sample"]
    with company("system", at("2026-05-17")) as ctx:
        assert obligations.sweep(ctx) == []
    with company("sato", at("2026-06-01")) as ctx:
        sample, made = samples.return_sample(ctx, "S-1", "damaged", note="割れ")
        assert {o.kind for o in made} == {"investigate_sample", "review"}
    with read_only(engine) as ctx:
        recover = ctx.session.execute(select(Obligation).where(Obligation.kind == "recover_sample")).scalar_one()
        assert recover.status == "closed" and "2026-06-01" in recover.evidence


def test_returning_a_sample_twice_is_refused_and_changes_nothing(company, engine):
    with company("sato") as ctx:
        disclosures.disclose(ctx, "P-CUST", ["E1"], "評価", "sample", accept_conditions=True,
                             sample={"code": "S-2", "description": "粉末", "return_by": "2026-05-15"})
    with company("sato") as ctx:
        samples.return_sample(ctx, "S-2", "intact")
    audit_before = count(engine, AuditEntry)
    with pytest.raises(Conflict) as err, company("sato") as ctx:
        samples.return_sample(ctx, "S-2", "damaged")
    assert err.value.code == "conflict.sample_returned"
    assert count(engine, AuditEntry) == audit_before
    with read_only(engine) as ctx:
        assert ctx.session.execute(select(Sample.return_condition)).scalar_one() == "intact"


def test_sample_disclosure_needs_sample_details(company):
    with pytest.raises(InvalidInput) as err, company("sato") as ctx:
        disclosures.disclose(ctx, "P-CUST", ["E1"], "評価", "sample", accept_conditions=True)
    assert err.value.code == "disclosure.sample_details_required"


def test_change_of_control_creates_what_the_agreement_calls_for(company, engine):
    with company("admin", at("2026-06-01")) as ctx:
        event, made = events.record_event(ctx, "P-CUST", "capital_change", "2026-05-30", "買収")
    kinds = sorted(o.kind for o in made)
    assert kinds == sorted(["review", "seek_approval", "terminate", "demand_return", "demand_destruction",
                            "collect_destruction_certificate"])
    assert all(o.due_on > event.occurred_on for o in made)
    with read_only(engine, now=at("2026-06-02")) as ctx:
        assert disclosures.evaluate(ctx, "P-CUST", ["E1"], "document").outcome == "deny"
    with company("admin") as ctx:
        events.resolve_event(ctx, event.id, "新株主を確認、懸念なし")
    with read_only(engine, now=at("2026-06-02")) as ctx:
        assert disclosures.evaluate(ctx, "P-CUST", ["E1"], "document").outcome != "deny"


def test_an_event_on_a_partner_without_such_clauses_still_asks_for_review(company):
    with company("admin") as ctx:
        _, made = events.record_event(ctx, "P-SUP", "capital_change")
    assert [o.kind for o in made] == ["review"]


def test_closing_an_obligation_needs_evidence_and_happens_once(company, engine):
    with company("admin") as ctx:
        _, made = events.record_event(ctx, "P-SUP", "litigation")
    ob_id = made[0].id
    for evidence in ("", "   "):
        with pytest.raises(InvalidInput) as err, company("admin") as ctx:
            obligations.close(ctx, ob_id, evidence)
        assert err.value.code == "input.evidence_required"
    with company("admin") as ctx:
        obligations.close(ctx, ob_id, "再評価済み（DD #2）")
    with pytest.raises(Conflict), company("admin") as ctx:
        obligations.close(ctx, ob_id, "again")
    with pytest.raises(NotFound), company("admin") as ctx:
        obligations.close(ctx, 99999, "x")


def test_ending_an_agreement_demands_return_and_destruction(company):
    with company("admin") as ctx:
        agreements.end_agreement(ctx, "A-CUST", "取引終了")
    with company("admin") as ctx:
        kinds = sorted(o.kind for o in obligations.open_obligations(ctx))
    assert kinds == ["collect_destruction_certificate", "demand_destruction", "demand_return"]


def test_exposure_is_weighted_and_flagged(company, engine):
    with company("sato") as ctx:
        disclosures.disclose(ctx, "P-EQ", ["E1"], "仕様", "document", accept_conditions=True)
    with read_only(engine) as ctx:
        [cell] = exposure.matrix(ctx)
    # weights 0,1,2,4,8 -> 1/15
    assert cell.partner == "P-EQ" and abs(cell.share - 1 / 15) < 1e-9 and not cell.flagged


def test_unknown_partner_or_element_is_a_clear_error(company):
    with pytest.raises(NotFound) as err, company("sato") as ctx:
        disclosures.evaluate(ctx, "P-NOPE", ["E1"], "document")
    assert err.value.code == "notfound.partner" and "P-NOPE" in err.value.message("en")
    with pytest.raises(NotFound) as err, company("sato") as ctx:
        disclosures.evaluate(ctx, "P-CUST", ["E9"], "document")
    assert err.value.code == "notfound.element"
    with pytest.raises(InvalidInput) as err, company("sato") as ctx:
        disclosures.evaluate(ctx, "P-CUST", ["E1"], "carrier-pigeon")
    assert err.value.code == "input.invalid_choice"
