"""The people register: pledges, declarations, contacts, exits and the oral gate, on both backends.

Bad input gets a clear error and writes nothing; every change leaves an audit entry; personal data is
shown to those who need it and to the person themself, no one else.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from mamoru.errors import Conflict, InvalidInput, NotFound
from mamoru.services import lists, people, pledges, technologies, users
from mamoru.services.authz import Forbidden, Viewer
from mamoru.services.uow import read_only, unit_of_work
from mamoru.store.models import AuditEntry, Obligation
from mamoru.store.models.people import Declaration, OralCheck, Person, PersonEvent, Pledge


def count(engine, model) -> int:
    with read_only(engine) as ctx:
        return ctx.session.execute(select(func.count()).select_from(model)).scalar_one()


def actions(engine) -> list[str]:
    with read_only(engine) as ctx:
        return list(ctx.session.execute(select(AuditEntry.action).order_by(AuditEntry.seq)).scalars())


@pytest.fixture
def world(act):
    """Two technologies; engineer E-1 (linked to staff account "ito") on T-S with a hiring pledge."""
    with act() as ctx:
        technologies.add_technology(ctx, "T-S", name="焼結", domain="technological_superiority")
        technologies.add_technology(ctx, "T-C", name="触媒", domain="disruptive_innovation", export_controlled=True)
        technologies.add_element(ctx, "T-S", "S-4", title="焼成プロファイル", rank=4)
        technologies.add_element(ctx, "T-S", "S-2", title="原料仕様", rank=2)
        technologies.add_element(ctx, "T-C", "C-2", title="評価データ", rank=2)
        users.add_user(ctx, "ito", "staff")
        users.add_user(ctx, "sato", "staff")
        people.add_person(ctx, "E-1", "加藤 健一", "employee", "2015-04-01", "材料開発部", ["T-S"], user="ito")
        people.add_person(ctx, "R-1", "李 明", "employee", "2024-04-01", "触媒研究室", ["T-C"])
        pledges.add_pledge(ctx, "E-1", "hiring", "2015-04-01", "誓約書 2015-004")
    return act


def test_a_person_is_registered_with_technologies_and_audited(world, engine):
    with read_only(engine) as ctx:
        view = people.detail(ctx, "E-1")
    assert view.technologies == ["T-S"] and view.status == "current" and view.standing == "undeclared"
    assert view.pledges[0]["document"] == "誓約書 2015-004"
    assert {"person.add", "pledge.add"} <= set(actions(engine))


@pytest.mark.parametrize("call,code", [
    (lambda ctx: people.add_person(ctx, "E-9", "x", "employee", "2026-03-01", left_on="2026-02-01"),
     "people.left_before_joining"),
    (lambda ctx: people.add_person(ctx, "E-1", "dup", "employee", "2026-03-01"), "conflict.duplicate_code"),
    (lambda ctx: people.add_person(ctx, "E-9", "x", "employee", "0215-04-01"), "input.invalid_date"),
    (lambda ctx: people.add_person(ctx, "E-9", "x", "contractor", "2026-03-01"), "input.invalid_choice"),
    (lambda ctx: people.add_person(ctx, "E-9", "x", "employee", "2026-03-01", technologies=["T-NONE"]),
     "notfound.technology"),
    (lambda ctx: people.add_person(ctx, "E-9", "x", "employee", "2026-03-01", user="ito"), "people.user_already_linked"),
    (lambda ctx: pledges.add_pledge(ctx, "NOBODY", "hiring", "2026-03-01", "doc"), "notfound.person"),
    (lambda ctx: pledges.add_pledge(ctx, "E-1", "project", "2014-01-01", "doc"), "people.pledge_before_joining"),
    (lambda ctx: pledges.add_pledge(ctx, "E-1", "exit", "2026-03-01", "doc"), "people.exit_meeting_required"),
    (lambda ctx: pledges.add_pledge(ctx, "E-1", "exit", "2026-03-01", "doc", explained_in_meeting_on="2026-03-05"),
     "people.meeting_after_signing"),
    (lambda ctx: pledges.add_pledge(ctx, "E-1", "project", "2026-03-01", "doc", explained_in_meeting_on="2026-03-01"),
     "people.meeting_only_for_exit"),
    (lambda ctx: pledges.add_pledge(ctx, "E-1", "project", "2026-03-01", "  "), "input.required"),
    (lambda ctx: pledges.add_pledge(ctx, "E-1", "project", "2062-03-01", "doc"), "input.date_in_future"),
    (lambda ctx: pledges.add_non_compete(ctx, "E-1", "2026-03-01", "2026-02-01", "焼結"), "people.until_before_agreed"),
    (lambda ctx: pledges.declare(ctx, "E-1", "2026-03-01", income_share="130"), "people.invalid_share"),
    (lambda ctx: pledges.declare(ctx, "E-1", "2026-03-01", foreign_contract="maybe"), "input.invalid_choice"),
    (lambda ctx: pledges.declare(ctx, "E-1", "2010-03-01"), "people.declaration_before_joining"),
    (lambda ctx: pledges.review(ctx, "E-1", "yes"), "people.no_pending_declaration"),
    (lambda ctx: people.record_exit(ctx, "E-1", "2014-03-31"), "people.exit_before_joining"),
    (lambda ctx: people.record_exit(ctx, "NOBODY", "2026-03-31"), "notfound.person"),
    (lambda ctx: people.report_contact(ctx, "E-1", "trade_show", "2010-01-01"), "people.contact_before_joining"),
    (lambda ctx: people.report_contact(ctx, "E-1", "party", "2026-03-01"), "input.invalid_choice"),
    (lambda ctx: people.check_oral(ctx, "E-1", ["NO-SUCH"]), "notfound.element"),
])
def test_bad_input_is_refused_clearly_and_nothing_is_written(world, engine, call, code):
    before = {m: count(engine, m) for m in (AuditEntry, Person, Pledge, Declaration, PersonEvent, Obligation, OralCheck)}
    with pytest.raises((InvalidInput, NotFound, Conflict)) as caught:
        with world() as ctx:
            call(ctx)
    assert caught.value.code == code
    assert caught.value.message("ja") != code and caught.value.message("en") != code
    assert {m: count(engine, m) for m in before} == before


def test_an_exit_creates_its_obligations_with_dates_and_the_person_stays(world, engine, now):
    with world("suzuki") as ctx:
        person, made = people.record_exit(ctx, "E-1", "2026-04-30", "転職")
    due = {o.kind: o.due_on for o in made}
    assert due == {"exit_pledge_meeting": date(2026, 4, 27), "cut_access": date(2026, 4, 30),
                   "change_shared_passwords": date(2026, 4, 30), "collect_equipment_media": date(2026, 4, 30),
                   "keep_logs": date(2026, 4, 30)}
    assert "person.exit" in actions(engine) and actions(engine).count("obligation.create") == 5
    with read_only(engine, now=now) as ctx:  # today is 2026-04-01: leaving, still listed
        assert people.detail(ctx, "E-1").status == "leaving"
        assert [p.code for p in lists.people(ctx, {"status": "leaving"}).items] == ["E-1"]
    with read_only(engine, now=now.replace(month=5, day=2)) as ctx:
        assert people.detail(ctx, "E-1").status == "former"
        assert [p.code for p in lists.people(ctx, {"status": "former"}).items] == ["E-1"]
    with pytest.raises(Conflict) as caught:
        with world() as ctx:
            people.record_exit(ctx, "E-1", "2026-05-31")
    assert caught.value.code == "people.already_left"


def test_the_exit_pledge_explained_in_its_meeting_closes_the_meeting_obligation(world, engine):
    with world("suzuki") as ctx:
        people.record_exit(ctx, "E-1", "2026-04-30")
    with world("suzuki", ctx.now.replace(day=25)) as ctx:
        pledges.add_pledge(ctx, "E-1", "exit", "2026-04-25", "退職時誓約書 E-05", ["T-S"],
                           explained_in_meeting_on="2026-04-24")
    with read_only(engine) as ctx:
        open_kinds = {o.kind for o in people.detail(ctx, "E-1").obligations if o.status == "open"}
        closed = [(o.kind, o.evidence) for o in people.detail(ctx, "E-1").obligations if o.status == "closed"]
    assert "exit_pledge_meeting" not in open_kinds and "cut_access" in open_kinds
    assert closed[0][0] == "exit_pledge_meeting" and "退職時誓約書 E-05" in closed[0][1]


def test_a_reported_contact_is_an_event_with_a_review(world, engine):
    with world("sato") as ctx:
        event, ob = people.report_contact(ctx, "E-1", "trade_show", "2026-03-30", "競合の採用担当", "転職の打診")
    assert ob.kind == "review_contact" and ob.due_on == date(2026, 4, 6) and ob.partner_id is None
    assert "person.contact" in actions(engine)
    with read_only(engine) as ctx:
        view = people.detail(ctx, "E-1")
        assert [e.counterpart for e in view.contacts] == ["競合の採用担当"]
        assert [o.kind for o in view.obligations] == ["review_contact"]


def test_a_researcher_reviewed_as_falling_under_the_categories_may_not_be_told_a_core_element(world, engine):
    with world("tanaka") as ctx:
        row = pledges.declare(ctx, "R-1", "2026-03-30", foreign_funding="外国政府系プログラム", foreign_contract="no",
                              income_share="30", significant_benefit="no", foreign_instructions="no")
        pledges.add_pledge(ctx, "R-1", "hiring", "2024-04-01", "誓約書 2024-011")
    assert row.suggested == "yes"
    with world("tanaka") as ctx:  # a pending "yes" already holds sensitive elements back
        assert people.evaluate_oral(ctx, "R-1", ["S-4"]).outcome == "needs_approval"
    with pytest.raises(InvalidInput) as caught:  # against the suggestion, a note is needed
        with world("tanaka") as ctx:
            pledges.review(ctx, "R-1", "no")
    assert caught.value.code == "people.review_note_required"
    with world("tanaka") as ctx:
        pledges.review(ctx, "R-1", "yes", "年収の3割")
        decision, check = people.check_oral(ctx, "R-1", ["S-4"], "打合せ")
        controlled = people.evaluate_oral(ctx, "R-1", ["C-2"])
    assert decision.outcome == "deny"
    assert "people.oral.core_to_specific_category" in {r.code for r in decision.reasons}
    assert controlled.outcome == "needs_approval"  # T-C is export-controlled: licence check
    assert {"person.declare", "person.review", "person.oral_check"} <= set(actions(engine))
    with read_only(engine) as ctx:
        kept = [(k.id, k.outcome, k.elements) for k in people.detail(ctx, "R-1").oral_checks]
    assert kept == [(check.id, "deny", ["S-4"])]


def test_a_staff_member_sees_their_own_declarations_and_no_one_elses(world, engine):
    with world("tanaka") as ctx:
        pledges.declare(ctx, "R-1", "2026-03-30", side_jobs="大学の非常勤講師", foreign_contract="no", income_share=0,
                        significant_benefit="no", foreign_instructions="no")
    own = Viewer("ito", "staff", frozenset())
    other = Viewer("sato", "staff", frozenset())
    with unit_of_work(engine, "ito", viewer=own) as ctx:  # ito files his own declaration
        pledges.declare(ctx, "E-1", "2026-03-31", side_jobs="なし", foreign_contract="no", income_share=0,
                        significant_benefit="no", foreign_instructions="no")
    with pytest.raises(Forbidden):
        with unit_of_work(engine, "sato", viewer=other) as ctx:
            pledges.declare(ctx, "E-1", "2026-03-31", side_jobs="嘘の申告")
    with read_only(engine, viewer=own) as ctx:
        mine, theirs = people.detail(ctx, "E-1"), people.detail(ctx, "R-1")
        assert mine.personal and [d.side_jobs for d in mine.declarations] == ["なし"]
    assert mine.pledges[0]["document"] == "誓約書 2015-004"
    assert not theirs.personal and theirs.declarations == [] and theirs.standing == ""
    with read_only(engine, viewer=other) as ctx:
        seen = people.detail(ctx, "E-1")
    assert not seen.personal and seen.declarations == [] and seen.pledges[0]["document"] is None
    with read_only(engine, viewer=Viewer("yamada", "auditor", None)) as ctx:
        assert people.detail(ctx, "R-1").declarations[0].side_jobs == "大学の非常勤講師"


def test_staff_may_not_manage_the_register(world, engine):
    with pytest.raises(Forbidden):
        with unit_of_work(engine, "ito", viewer=Viewer("ito", "staff", frozenset())) as ctx:
            people.record_exit(ctx, "E-1", "2026-04-30")
    assert count(engine, Obligation) == 0


def test_pledge_coverage_counts_current_staff_on_protected_technologies(world, engine, now):
    with read_only(engine, now=now) as ctx:
        assert people.pledge_coverage(ctx) == (1, 2)  # R-1 has no pledge yet
    with world() as ctx:
        pledges.add_pledge(ctx, "R-1", "project", "2024-05-01", "PJ 誓約", ["T-C"])
    with read_only(engine, now=now) as ctx:
        assert people.pledge_coverage(ctx) == (2, 2)


def test_the_list_filters_by_kind_technology_and_search(world, engine, now):
    with read_only(engine, now=now) as ctx:
        assert [p.code for p in lists.people(ctx, {"technology": "T-C"}).items] == ["R-1"]
        assert [p.code for p in lists.people(ctx, search="触媒").items] == ["R-1"]
        assert [p.code for p in lists.people(ctx, {"status": "current"}).items] == ["E-1", "R-1"]
        with pytest.raises(InvalidInput):
            lists.people(ctx, {"kind": "robot"})
