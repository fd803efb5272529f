"""The guidance's three cases, walked through the services, on SQLite and PostgreSQL.

Case 1: what was said in a meeting is in the ledger; a supplier that also serves our competitors
makes the gate say "say less"; the sheet tells sales staff before the meeting what may be said.
Case 2: a sample returned damaged by an overseas customer opens an investigation and a consultation.
Case 3: no return/destroy clause means approving is an explicit override; a staged plan keeps later
stages back; destruction after delivery and the end of the agreement leave obligations behind.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from mamoru.errors import Conflict, InvalidInput
from mamoru.services import (agreements, disclosures, meetings, obligations, partners, relations, samples,
                             technologies, users)
from mamoru.services.disclosures import Denied
from mamoru.services.uow import read_only, unit_of_work
from mamoru.store.models import AuditEntry, Meeting, Obligation

LOW = dict(business_overlap="low", financial_condition="low", leadership_attitude="low", board_foreign_duty="low",
           reputation="low")
FULL = ["confidentiality", "purpose_limitation", "no_third_party", "no_copying", "return_destroy",
        "subcontracting:approval", "change_of_control:approval", "termination_triggers:capital_change+list_hit"]


def at(day: str) -> datetime:
    return datetime.fromisoformat(day + "T01:00:00+00:00").astimezone(timezone.utc)


@pytest.fixture
def company(act):
    with act("admin") as ctx:
        users.add_user(ctx, "tanaka", "tech_manager")
        users.add_user(ctx, "sato", "staff")
        technologies.add_technology(ctx, "T-SIN", name="焼結", domain="technological_superiority")
        for code, rank, nouns in (("E1", 1, False), ("E2", 2, True), ("E3", 3, False), ("E4", 4, False),
                                  ("E3b", 3, False), ("E2b", 2, False)):
            technologies.add_element(ctx, "T-SIN", code, title=f"要素{code}", rank=rank, proper_nouns=nouns)
        partners.add_partner(ctx, "P-SUP", name="原料株式会社", kind="supplier", country="JP")
        partners.add_partner(ctx, "P-EQ", name="装置株式会社", kind="equipment_maker", country="JP")
        partners.add_partner(ctx, "P-SG", name="Overseas Pte", kind="customer", country="SG")
        partners.add_partner(ctx, "P-JP", name="国内顧客", kind="customer", country="JP")
        for code in ("P-SUP", "P-EQ", "P-SG", "P-JP"):
            partners.assess(ctx, code, LOW)
        agreements.add_agreement(ctx, "A-SUP", "P-SUP", "nda", "2026-01-01", "2026-12-31", technologies=["T-SIN"],
                                 clauses=FULL)
        agreements.add_agreement(ctx, "A-EQ", "P-EQ", "master_processing", "2026-01-01", "2026-12-31",
                                 technologies=["T-SIN"], clauses=["confidentiality", "purpose_limitation",
                                                                  "no_third_party"])
        agreements.add_agreement(ctx, "A-SG", "P-SG", "nda", "2026-01-01", "2026-12-31", technologies=["T-SIN"],
                                 clauses=FULL)
        agreements.add_agreement(ctx, "A-JP", "P-JP", "nda", "2026-01-01", "2026-12-31", technologies=["T-SIN"],
                                 clauses=FULL)
    return act


def kinds(engine, **where) -> list[str]:
    with read_only(engine) as ctx:
        query = select(Obligation).order_by(Obligation.id)
        for key, value in where.items():
            query = query.where(getattr(Obligation, key) == value)
        return [o.kind for o in ctx.session.execute(query).scalars()]


# --- case 1 -----------------------------------------------------------------------------------


def test_a_supplier_that_also_serves_our_competitors_gets_a_say_less_condition(company, engine, policy):
    with read_only(engine, policy=policy, now=at("2026-04-01")) as ctx:
        before = disclosures.evaluate(ctx, "P-SUP", ["E2"], "oral", "code_named")
    assert not any(r.code.endswith("serves_competitors") for r in before.reasons)
    with company("sato") as ctx:
        relations.add_relation(ctx, "P-SUP", "customer", "競合セラミックス", our_competitor=True)
        relations.add_relation(ctx, "P-SUP", "customer", "無関係商事")  # a customer, not our competitor
    with read_only(engine, policy=policy, now=at("2026-04-01")) as ctx:
        after = disclosures.evaluate(ctx, "P-SUP", ["E2"], "oral", "code_named")
    reason = next(r for r in after.reasons if r.code == "cond.supplier_serves_competitors")
    assert reason.effect == "allow_with_conditions" and reason.params["competitors"] == ["競合セラミックス"]
    assert "3-①" in reason.messages()["ja"] and "guidance 3-1" in reason.messages()["en"]
    assert "無関係商事" not in reason.messages()["ja"]


def test_a_relation_is_recorded_once_audited_and_checked(company, engine):
    with company("sato") as ctx:
        relations.add_relation(ctx, "P-SUP", "customer", "", related_partner="P-JP", country="JP")
    with pytest.raises(Conflict), company("sato") as ctx:
        relations.add_relation(ctx, "P-SUP", "customer", "国内顧客")
    with pytest.raises(InvalidInput), company("sato") as ctx:
        relations.add_relation(ctx, "P-SUP", "friend", "誰か")
    with read_only(engine) as ctx:
        rows = relations.relations(ctx, "P-SUP")
        assert [(r.name, r.related_partner.code) for r in rows] == [("国内顧客", "P-JP")]
        assert ctx.session.execute(select(AuditEntry).where(AuditEntry.action == "partner.relation")).scalars().all()


def test_what_was_said_in_a_meeting_joins_the_ledger_as_an_oral_disclosure(company, engine):
    with company("sato") as ctx:
        meeting = meetings.record_meeting(
            ctx, "P-SUP", "2026-03-30", "購買仕様の説明", place="先方会議室", our_attendees="佐藤; 伊藤",
            their_attendees=["営業部長"], said="粒径の要求値をコード名で説明", elements=["E1", "E2"],
            form="code_named", accept_conditions=True)
        number = meeting.disclosure.number
    with read_only(engine) as ctx:
        record = disclosures.get(ctx, number)
        assert record.channel == "oral" and record.status == "recorded"
        assert record.disclosed_on.isoformat() == "2026-03-30"  # the meeting's day, not the day it was typed in
        assert disclosures.received_elements(ctx, record.partner_id) == {"E1", "E2"}
        assert "cond.oral_scope_briefing" in {c["code"] for c in record.conditions}
        shown = meetings.meetings(ctx, "P-SUP")
        assert [m.our_attendees for m in shown] == [["佐藤", "伊藤"]] and shown[0].disclosure.number == number


def test_a_meeting_whose_talk_the_gate_denies_is_refused_and_nothing_is_saved(company, engine):
    with pytest.raises(Denied), company("sato") as ctx:
        meetings.record_meeting(ctx, "P-SUP", "2026-03-30", "雑談", our_attendees="佐藤", elements=["E4"])
    with pytest.raises(InvalidInput) as err, company("sato") as ctx:
        meetings.record_meeting(ctx, "P-SUP", "2026-03-30", "打合せ", our_attendees="", elements=[])
    assert err.value.code == "input.required"
    with read_only(engine) as ctx:
        assert ctx.session.execute(select(Meeting)).scalars().all() == []


def test_the_sheet_separates_what_may_be_said_from_what_must_not(company, engine):
    with company("sato") as ctx:
        relations.add_relation(ctx, "P-SUP", "customer", "競合セラミックス", our_competitor=True)
    with read_only(engine) as ctx:
        sheet = meetings.briefing(ctx, "P-SUP", ["E1", "E2", "E3", "E4"], "oral", "plain")
    assert [line.element["code"] for line in sheet.may_say] == ["E1", "E2"]
    assert [(line.element["code"], line.outcome) for line in sheet.must_not] == [("E3", "needs_approval"),
                                                                                 ("E4", "deny")]
    assert "cond.use_code_names" in {r.code for r in sheet.may_say[1].reasons}
    assert {"cond.supplier_no_intended_use", "cond.supplier_serves_competitors",
            "cond.oral_scope_briefing"} <= {r.code for r in sheet.reminders}
    assert sheet.competitors == ["競合セラミックス"] and sheet.agreements[0]["code"] == "A-SUP"


# --- case 2 -----------------------------------------------------------------------------------


def _lend(company, partner: str, code: str) -> None:
    with company("sato") as ctx:
        disclosures.disclose(ctx, partner, ["E1"], "評価用", "sample", accept_conditions=True,
                             sample={"code": code, "description": "基板10枚", "return_by": "2026-04-15"})


def test_a_sample_returned_damaged_from_abroad_also_means_consulting_the_authorities(company, engine):
    _lend(company, "P-SG", "S-SG")
    _lend(company, "P-JP", "S-JP")
    with company("sato") as ctx:
        samples.return_sample(ctx, "S-SG", "destroyed", note="断面研磨の痕跡")
        samples.return_sample(ctx, "S-JP", "damaged")
    with read_only(engine) as ctx:
        by_sample = {}
        for ob in ctx.session.execute(select(Obligation).where(Obligation.source == "sample")).scalars():
            by_sample.setdefault(ob.detail["sample"], set()).add(ob.kind)
    assert by_sample["S-SG"] == {"investigate_sample", "review", "consult_authority"}
    assert by_sample["S-JP"] == {"investigate_sample", "review"}


# --- case 3 -----------------------------------------------------------------------------------


def _request(company, **extra):
    with company("sato") as ctx:
        return disclosures.disclose(ctx, "P-EQ", ["E2", "E3", "E2b"], "装置カスタマイズ", "equipment_spec",
                                    "code_named", accept_conditions=True, staged_plan="段階的に", **extra).number


def test_approving_without_a_return_clause_needs_an_override_reason(company, engine):
    number = _request(company)
    with pytest.raises(InvalidInput) as err, company("tanaka") as ctx:
        disclosures.approve(ctx, number, "可")
    assert err.value.code == "disclosure.override_required"
    assert "A-EQ" in err.value.message("ja") and "返却・破棄" in err.value.message("ja")
    with read_only(engine) as ctx:
        assert disclosures.get(ctx, number).status == "pending_approval"
    with company("tanaka") as ctx:
        disclosures.approve(ctx, number, "可", override_reason="発注期限のため、覚書で条項を追補予定")
    with read_only(engine) as ctx:
        record = disclosures.get(ctx, number)
        assert record.status == "approved"
        assert disclosures.plan_of(ctx, record)["override_reason"].startswith("発注期限")
        entry = ctx.session.execute(select(AuditEntry).where(AuditEntry.action == "disclosure.approve")).scalar_one()
        after = json.loads(entry.after)
        assert after["override_reason"].startswith("発注期限") and after["overridden_by"] == "tanaka"


def test_with_a_return_clause_no_override_is_asked(company, engine):
    with company("sato") as ctx:
        number = disclosures.disclose(ctx, "P-SUP", ["E3"], "仕様", "document", "code_named",
                                      accept_conditions=True, staged_plan="段階1").number
    with company("tanaka") as ctx:
        assert disclosures.approve(ctx, number, "可").status == "approved"


def test_later_stages_are_not_disclosed_on_day_one_but_become_dated_obligations(company, engine):
    number = _request(company, stages=[{"elements": ["E3"], "due_on": "2026-05-20", "note": "試運転時"},
                                       {"elements": ["E2b"], "due_on": "2026-06-30"}],
                      destroy_after="2026-09-30")
    with company("tanaka") as ctx:
        disclosures.approve(ctx, number, "可", override_reason="期限のため")
    with read_only(engine) as ctx:
        partner_id = disclosures.get(ctx, number).partner_id
        assert disclosures.received_elements(ctx, partner_id) == {"E2"}
        obs = {o.kind + str(o.detail.get("stage", "")): (o.id, o.due_on.isoformat(), o.detail.get("elements"))
               for o in ctx.session.execute(select(Obligation)).scalars()}
    assert obs["disclose_stage2"][1:] == ("2026-05-20", ["E3"]) and obs["disclose_stage3"][1:] == ("2026-06-30", ["E2b"])
    assert obs["confirm_destruction"][1] == "2026-09-30"
    with unit_of_work(engine, "sato", now=at("2026-05-20")) as ctx:
        disclosures.disclose_stage(ctx, number, 2, "試運転で説明")
    with read_only(engine) as ctx:
        assert disclosures.received_elements(ctx, partner_id) == {"E2", "E3"}
        assert ctx.session.get(Obligation, obs["disclose_stage2"][0]).status == "closed"
    with pytest.raises(Conflict), unit_of_work(engine, "sato", now=at("2026-05-21")) as ctx:
        disclosures.disclose_stage(ctx, number, 2)


def test_a_staged_plan_must_make_sense(company):
    for stages, code in (([{"elements": ["E1"], "due_on": "2026-05-01"}], "disclosure.stage_element_not_requested"),
                         ([{"elements": ["E3"], "due_on": "2026-03-01"}], "disclosure.stage_due_past"),
                         ([{"elements": ["E2", "E3", "E2b"], "due_on": "2026-05-01"}], "disclosure.first_stage_empty"),
                         ([{"elements": ["E3"], "due_on": "2026-05-01"}, {"elements": ["E3"], "due_on": "2026-06-01"}],
                          "disclosure.stage_element_twice")):
        with pytest.raises(InvalidInput) as err:
            _request(company, stages=stages)
        assert err.value.code == code


def test_a_later_stage_is_caught_by_the_gate_if_the_partner_went_bad(company, engine):
    number = _request(company, stages=[{"elements": ["E3"], "due_on": "2026-05-20"}])
    with company("tanaka") as ctx:
        disclosures.approve(ctx, number, "可", override_reason="期限のため")
    with company("admin") as ctx:
        from mamoru.services import events
        events.record_event(ctx, "P-EQ", "list_hit", "2026-04-01", "リスト掲載", "官報")
    with pytest.raises(Denied), unit_of_work(engine, "sato", now=at("2026-05-20")) as ctx:
        disclosures.disclose_stage(ctx, number, 2)


def test_ending_an_agreement_without_the_clause_still_demands_return_or_destruction(company, engine):
    with company("admin") as ctx:
        agreements.end_agreement(ctx, "A-EQ", "装置納品完了")
        agreements.end_agreement(ctx, "A-SUP", "取引終了")
    with read_only(engine) as ctx:
        eq = ctx.session.execute(select(Obligation).where(Obligation.partner_id == partners_id(ctx, "P-EQ"))).scalars()
        assert [o.kind for o in eq] == ["demand_return_or_destruction"]
        sup = ctx.session.execute(select(Obligation).where(Obligation.partner_id == partners_id(ctx, "P-SUP"))).scalars()
        assert sorted(o.kind for o in sup) == ["collect_destruction_certificate", "demand_destruction", "demand_return"]


def partners_id(ctx, code: str) -> int:
    from mamoru.services import reads
    return reads.partner(ctx, code).id


def test_a_meeting_about_a_technology_staff_are_not_assigned_is_not_shown_to_them(company, engine):
    from mamoru.errors import NotFound
    from mamoru.services.authz import Viewer

    with company("sato") as ctx:
        talk = meetings.record_meeting(ctx, "P-SUP", "2026-03-30", "説明", our_attendees="佐藤", elements=["E1"],
                                       accept_conditions=True).id
        chat = meetings.record_meeting(ctx, "P-SUP", "2026-03-31", "挨拶のみ", our_attendees="佐藤").id
    outsider = Viewer("ito", "staff", frozenset())
    with read_only(engine, viewer=outsider) as ctx:
        assert [m.id for m in meetings.meetings(ctx)] == [chat]  # nothing technical: visible
        with pytest.raises(NotFound):
            meetings.meeting(ctx, talk)
