"""Records can be corrected: the same checks as creating them, one audit entry with before and after,
nothing half-saved, refused for the roles that may not create them; samples may be lent on an earlier day."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from mamoru.errors import Conflict, InvalidInput, MamoruError, NotFound
from mamoru.services import agreements, disclosures, events, obligations, partners, requests, samples, technologies
from mamoru.services.authz import Forbidden, Viewer
from mamoru.services.uow import read_only, unit_of_work
from mamoru.store.models import AuditEntry, Obligation, Sample

LOW = dict(business_overlap="low", financial_condition="low", leadership_attitude="low", board_foreign_duty="low",
           reputation="low")


def audit_trail(engine, action: str) -> list[SimpleNamespace]:
    """The entries of one action, oldest first, as (before, after)."""
    with read_only(engine) as ctx:
        rows = ctx.session.execute(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq))
        return [SimpleNamespace(before=json.loads(e.before or "null"), after=json.loads(e.after or "null"))
                for e in rows.scalars()]


def audit_count(engine) -> int:
    with read_only(engine) as ctx:
        return ctx.session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()


@pytest.fixture
def company(act):
    with act() as ctx:
        technologies.add_technology(ctx, "T-1", name="焼結", domain="technological_superiority")
        technologies.add_technology(ctx, "T-2", name="塗装", domain="technological_superiority")
        technologies.add_element(ctx, "T-1", "E-2", title="条件", rank=2, kind="condition")
        technologies.add_element(ctx, "T-1", "E-3", title="配合", rank=3, kind="recipe")
        technologies.add_element(ctx, "T-2", "F-1", title="塗料", rank=1)
        partners.add_partner(ctx, "P-1", name="株式会社テスト", kind="customer", country="JP")
        partners.assess(ctx, "P-1", LOW)
        agreements.add_agreement(ctx, "NDA-1", "P-1", "nda", "2026-01-01", "2026-12-31", title="秘密保持契約",
                                 technologies=["T-1"], clauses=["confidentiality", "purpose_limitation",
                                                                "subcontracting:approval"])
    return act


def as_role(engine, policy, now, role: str, technology_ids=frozenset()):
    viewer = Viewer("sato" if role == "staff" else role, role, None if role != "staff" else frozenset(technology_ids))
    return unit_of_work(engine, viewer.username, policy=policy, now=now, viewer=viewer)


# --- agreements ------------------------------------------------------------------------------

def test_an_agreement_is_corrected_clauses_added_removed_and_changed_with_one_audit_entry(company, engine):
    with company() as ctx:
        agreements.update_agreement(ctx, "NDA-1", title="秘密保持契約（改定）", valid_to="2027-03-31",
                                    clauses=["confidentiality", "no_copying", "subcontracting:notice",
                                             "termination_triggers:list_hit+capital_change"])
    with read_only(engine) as ctx:
        described = agreements.describe(agreements.c.by_code(ctx, agreements.Agreement, "NDA-1"))
    assert described["title"] == "秘密保持契約（改定）" and str(described["valid_to"]) == "2027-03-31"
    assert sorted(described["clauses"]) == ["confidentiality", "no_copying", "subcontracting:notice",
                                            "termination_triggers:list_hit+capital_change"]
    [entry] = audit_trail(engine, "agreement.update")
    assert "purpose_limitation" in entry.before["clauses"] and "purpose_limitation" not in entry.after["clauses"]
    assert "subcontracting:approval" in entry.before["clauses"] and "subcontracting:notice" in entry.after["clauses"]


@pytest.mark.parametrize("changes, code", [
    ({"valid_from": "2027-01-01", "valid_to": "2026-12-31"}, "input.period_reversed"),
    ({"technologies": [], "elements": []}, "input.agreement_scope_required"),
    ({"clauses": ["confidentiality", "confidentiality"]}, "input.duplicate_clause"),
    ({"clauses": ["termination_triggers:"]}, "input.triggers_required"),
    ({"clauses": ["confidentiality:approval"]}, "input.clause_mode_unexpected"),
    ({"kind": "handshake"}, "input.invalid_choice"),
    ({"status": "terminated"}, "input.unknown_fields"),
])
def test_a_wrong_agreement_correction_is_refused_and_nothing_changes(company, engine, changes, code):
    before = audit_count(engine)
    with pytest.raises(InvalidInput) as err, company() as ctx:
        agreements.update_agreement(ctx, "NDA-1", title="変更されないはず", **changes)
    assert err.value.code == code
    assert audit_count(engine) == before
    with read_only(engine) as ctx:
        kept = agreements.describe(agreements.c.by_code(ctx, agreements.Agreement, "NDA-1"))
    assert kept["title"] == "秘密保持契約" and len(kept["clauses"]) == 3


def test_an_ended_agreement_is_not_edited_and_staff_may_not_edit_one(company, engine, policy, now):
    with pytest.raises(Forbidden), as_role(engine, policy, now, "staff") as ctx:
        agreements.update_agreement(ctx, "NDA-1", title="x")
    with company() as ctx:
        agreements.end_agreement(ctx, "NDA-1", "取引終了")
    with pytest.raises(Conflict) as err, company() as ctx:
        agreements.update_agreement(ctx, "NDA-1", title="x")
    assert err.value.code == "conflict.agreement_not_active"


# --- elements --------------------------------------------------------------------------------

def test_an_element_is_corrected_and_staff_may_not_and_an_unassigned_one_does_not_exist(company, engine, policy, now):
    with company() as ctx:
        technologies.update_element(ctx, "E-2", title="焼成条件", rank=3, kind="recipe", proper_nouns=True)
    [entry] = audit_trail(engine, "element.update")
    assert (entry.before["rank"], entry.after["rank"]) == (2, 3) and entry.after["proper_nouns"] is True
    with pytest.raises(InvalidInput) as err, company() as ctx:
        technologies.update_element(ctx, "E-2", rank=7)
    assert err.value.code == "input.invalid_rank"
    with pytest.raises(Forbidden), as_role(engine, policy, now, "staff") as ctx:
        technologies.update_element(ctx, "E-2", title="x")


# --- samples ---------------------------------------------------------------------------------

def test_a_sample_lent_on_an_earlier_day_is_recorded_as_back_dated_and_can_be_overdue(company, engine):
    with company() as ctx:  # today is 2026-04-01 (fixture time)
        samples.lend(ctx, "S-OLD", 1, None, "試作品（後日入力）", "2026-03-20", lent_on="2026-03-01")
    with company() as ctx:
        assert [s.code for s in samples.overdue(ctx)] == ["S-OLD"]
    [entry] = audit_trail(engine, "sample.lend")
    assert entry.after["backdated"] is True and entry.after["lent_on"] == "2026-03-01"


@pytest.mark.parametrize("lent_on, return_by, code", [
    ("2026-04-02", "2026-05-01", "workbench.lent_in_future"),
    ("2026-03-01", "2026-02-28", "workbench.return_before_lent"),
    ("", "2026-03-31", "input.return_date_past"),
])
def test_impossible_loan_dates_are_refused(company, engine, lent_on, return_by, code):
    with pytest.raises(InvalidInput) as err, company() as ctx:
        samples.lend(ctx, "S-1", 1, None, "試作品", return_by, lent_on=lent_on or None)
    assert err.value.code == code
    with read_only(engine) as ctx:
        assert ctx.session.execute(select(func.count()).select_from(Sample)).scalar_one() == 0


def test_a_sample_loan_on_its_own_goes_through_the_gate_as_a_sample_disclosure(company, engine):
    with company() as ctx:
        record = disclosures.disclose(ctx, "P-1", ["E-2"], "評価用", "sample", accept_conditions=True,
                                      sample={"description": "焼結体 3個", "return_by": "2026-03-25",
                                              "lent_on": "2026-03-10", "code": "S-BACK"})
        assert record.status == "recorded"
    with read_only(engine) as ctx:
        sample = ctx.session.execute(select(Sample).where(Sample.code == "S-BACK")).scalar_one()
        assert (str(sample.lent_on), str(sample.due_back), sample.disclosure_id) == ("2026-03-10", "2026-03-25",
                                                                                      record.id)
    with pytest.raises(MamoruError) as err, company() as ctx:  # no agreement covers T-2 at rank 1 — fine; rank 4 is not
        disclosures.disclose(ctx, "P-1", ["E-2"], "評価用", "sample", accept_conditions=True,
                             sample={"description": "x", "return_by": "2026-05-01", "lent_on": "2026-04-05"})
    assert err.value.code == "workbench.lent_in_future"


def test_a_returned_sample_is_corrected_and_a_damaged_condition_opens_the_investigation(company, engine):
    with company() as ctx:
        samples.lend(ctx, "S-1", 1, None, "試作品", "2026-04-20")
    with pytest.raises(Conflict) as err, company() as ctx:  # not back yet: no condition to correct
        samples.update_sample(ctx, "S-1", condition="damaged")
    assert err.value.code == "workbench.sample_not_returned"
    with company() as ctx:
        samples.return_sample(ctx, "S-1", "intact", "2026-04-01")
    with company() as ctx:
        samples.update_sample(ctx, "S-1", condition="damaged", note="外装に開封痕", lent_on="2026-03-28")
    [entry] = audit_trail(engine, "sample.update")
    assert entry.before["return_condition"] == "intact" and entry.after["return_condition"] == "damaged"
    assert entry.after["backdated"] is True
    with read_only(engine) as ctx:
        kinds = sorted(ctx.session.execute(select(Obligation.kind).where(Obligation.source == "sample")).scalars())
    assert kinds == ["investigate_sample", "review"]
    with pytest.raises(InvalidInput) as err, company() as ctx:
        samples.update_sample(ctx, "S-1", returned_on="2026-03-01")
    assert err.value.code == "input.returned_before_lent"


def test_staff_cannot_correct_a_sample_lent_with_a_disclosure_they_may_not_see(company, engine, policy, now):
    with company() as ctx:
        disclosures.disclose(ctx, "P-1", ["E-2"], "評価用", "sample", accept_conditions=True,
                             sample={"description": "焼結体", "return_by": "2026-04-20", "code": "S-T1"})
    with pytest.raises(NotFound), as_role(engine, policy, now, "staff") as ctx:
        samples.update_sample(ctx, "S-T1", description="x")


# --- events ----------------------------------------------------------------------------------

def test_an_event_date_and_description_are_corrected_but_not_its_kind_once_obligations_exist(company, engine):
    with company() as ctx:
        event, made = events.record_event(ctx, "P-1", "capital_change", "2026-03-30", "増資")
        event_id = event.id
    assert made
    with company() as ctx:
        events.update_event(ctx, event_id, occurred_on="2026-03-29", description="第三者割当増資", source="官報")
    [entry] = audit_trail(engine, "event.update")
    assert (entry.before["occurred_on"], entry.after["occurred_on"]) == ("2026-03-30", "2026-03-29")
    with pytest.raises(Conflict) as err, company() as ctx:
        events.update_event(ctx, event_id, kind="litigation")
    assert err.value.code == "workbench.event_kind_locked"
    assert "解決" in err.value.message("ja") and "resolve" in err.value.message("en")
    with pytest.raises(InvalidInput) as err, company() as ctx:
        events.update_event(ctx, event_id, occurred_on="2062-03-29")
    assert err.value.code == "input.date_in_future"


# --- requests --------------------------------------------------------------------------------

def test_a_request_is_corrected_before_review_and_not_after(company, engine):
    with company() as ctx:
        req = requests.record_request(ctx, "某国政府系機関", "焼結条件の開示要求", partner="P-1")
        req_id = req.id
    with company() as ctx:
        requests.update_request(ctx, req_id, subject="焼結条件と配合の開示要求", government_backed=True, partner="")
    [entry] = audit_trail(engine, "request.update")
    assert entry.after["government_backed"] is True and entry.after["partner_id"] is None
    with company() as ctx:
        requests.review(ctx, req_id, False, "合理性なし")
    with pytest.raises(Conflict) as err, company() as ctx:
        requests.update_request(ctx, req_id, subject="x")
    assert err.value.code == "workbench.request_reviewed"


# --- obligations raised by hand ----------------------------------------------------------------

def test_an_obligation_is_raised_by_hand_audited_and_refused_with_a_past_due_date(company, engine, policy, now):
    with company() as ctx:
        first = obligations.raise_manual(ctx, "report_police", "2026-04-03", "不正持ち出しの疑い", partner="P-1")
        second = obligations.raise_manual(ctx, "preserve_evidence", "2026-04-02")
        assert (first.source, second.source) == ("manual", "manual")
        assert first.source_id != second.source_id
    created = audit_trail(engine, "obligation.create")
    assert [e.after["manual"] for e in created] == [True, True]
    with pytest.raises(InvalidInput) as err, company() as ctx:
        obligations.raise_manual(ctx, "consult_lawyer", "2026-03-31")
    assert err.value.code == "workbench.due_in_past" and err.value.params["field"] == "due_on"
    with pytest.raises(InvalidInput) as err, company() as ctx:
        obligations.raise_manual(ctx, "terminate", "2026-04-30")
    assert err.value.code == "input.invalid_choice"
    with pytest.raises(Forbidden), as_role(engine, policy, now, "auditor") as ctx:
        obligations.raise_manual(ctx, "consult_lawyer", "2026-04-30")


# --- importance ------------------------------------------------------------------------------

def test_the_importance_explanation_says_why_and_security_lifts_to_top_priority(company):
    axes = dict(advantage="low", irreplaceability="low", leak_impact="low", security_relevance="high", secrecy="low")
    with company() as ctx:
        why = technologies.explain_importance(ctx, axes)
    assert why["tier"] == "top_priority" and why["security_lift"] is True and why["total"] == 7
    with company() as ctx:
        why = technologies.explain_importance(ctx, {**axes, "security_relevance": "medium", "advantage": "high", "leak_impact": "medium"})
    assert why["tier"] == "important" and why["security_lift"] is False and why["max_rank"] == 3
