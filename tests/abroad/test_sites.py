"""Sites abroad, on SQLite and PostgreSQL: stages in order, the country required, per-element
allowances, visits, the FEFTA advance report the gate waits for, and what withdrawal calls for."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from mamoru.errors import Conflict, InvalidInput, NotFound
from mamoru.services import disclosures, obligations, sites
from mamoru.services.authz import Forbidden, Viewer
from mamoru.store.models import AuditEntry, Obligation
from mamoru.store.models.abroad import OverseasSite, SiteStageChange
from tests.abroad.setup import company


@pytest.fixture
def plant(act):
    with act() as ctx:
        company(ctx)
        sites.add_site(ctx, "TH-1", "タイ工場", "th", partner="TH-LOCAL", planned_on="2026-03-20")
    return act


def _count(ctx, model) -> int:
    return ctx.session.execute(select(func.count()).select_from(model)).scalar_one()


def test_a_site_needs_a_real_country_and_nothing_is_half_saved(act):
    with act() as ctx:
        company(ctx)
    for country in ("", None, "XX", "Thailand"):
        with pytest.raises(InvalidInput) as err, act() as ctx:
            sites.add_site(ctx, "VN-1", "ベトナム工場", country)
        assert err.value.code in ("input.required", "input.invalid_country")
    with act() as ctx:
        assert _count(ctx, OverseasSite) == 0 and _count(ctx, SiteStageChange) == 0
        assert not ctx.session.execute(select(AuditEntry).where(AuditEntry.action == "site.add")).first()
        site = sites.add_site(ctx, "VN-1", "ベトナム工場", "vn")
        assert (site.country, site.stage, site.stage_on.isoformat()) == ("VN", "planning", "2026-04-01")


def test_stages_move_forward_only_and_never_dated_before_the_last(plant):
    with plant() as ctx:
        sites.change_stage(ctx, "TH-1", "contract", "2026-03-25")
    with pytest.raises(Conflict) as back, plant() as ctx:
        sites.change_stage(ctx, "TH-1", "planning", "2026-03-30")
    assert back.value.code == "site.stage_backwards"
    assert "契約" in back.value.message("ja")  # the stage's label, not its code
    with pytest.raises(InvalidInput) as early, plant() as ctx:
        sites.change_stage(ctx, "TH-1", "operating", "2026-03-24")
    assert early.value.code == "site.stage_date_order"
    with plant() as ctx:
        site = sites.change_stage(ctx, "TH-1", "operating", "2026-03-25")
        assert [s.stage for s in site.stages] == ["planning", "contract", "operating"]
        actions = ctx.session.execute(select(AuditEntry.action).where(AuditEntry.entity_id == "TH-1")
                                      .order_by(AuditEntry.seq)).scalars().all()
        assert actions == ["site.add", "site.stage", "site.stage"]


def test_core_elements_cannot_be_taught_abroad(plant):
    with pytest.raises(InvalidInput) as err, plant() as ctx:
        sites.set_allowance(ctx, "TH-1", "SINTER-CORE", "may_teach")
    assert err.value.code == "site.core_stays_in_japan"
    with plant() as ctx:
        assert sites.set_allowance(ctx, "TH-1", "SINTER-CORE", "stays_in_japan").allowance == "stays_in_japan"


def test_a_designated_technology_waits_for_its_advance_report(plant):
    with plant() as ctx:
        sites.set_allowance(ctx, "TH-1", "SINTER-GEN", "may_teach")
        sites.set_allowance(ctx, "TH-1", "COAT-GEN", "may_teach")  # not designated: no report
        reports = ctx.session.execute(select(Obligation).where(Obligation.kind == "fefta_advance_report")).scalars().all()
        assert [(o.detail["technology"], o.due_on.isoformat(), o.status) for o in reports] == \
            [("SINTER", "2026-05-01", "open")]
        before = sites.teaching_check(ctx, "TH-1", ["SINTER-GEN", "COAT-GEN"])
        assert before.outcome == "deny"
        denied = [r for r in before.reasons if r.code == "gate.fefta_advance_report_open"]
        assert [r.params["element"] for r in denied] == ["SINTER-GEN"]
        assert "外為法第55条の8" in denied[0].messages()["ja"] and "FEFTA art. 55-8" in denied[0].messages()["en"]
        # the gate says the same for the site's partner, whatever door asks
        gate = disclosures.evaluate(ctx, "TH-LOCAL", ["SINTER-GEN"], "oral")
        assert "gate.fefta_advance_report_open" in {r.code for r in gate.reasons}
    # neither the contract nor the internal decision may come first
    with pytest.raises(Conflict) as contract, plant() as ctx:
        sites.change_stage(ctx, "TH-1", "contract", "2026-03-30")
    assert contract.value.code == "site.fefta_report_open"
    with pytest.raises(Conflict), plant() as ctx:
        sites.record_internal_decision(ctx, "TH-1", "2026-03-30")
    with pytest.raises(InvalidInput) as no_evidence, plant() as ctx:
        sites.file_advance_report(ctx, "TH-1", "SINTER", " ")
    assert no_evidence.value.code == "input.evidence_required"
    with plant() as ctx:
        sites.file_advance_report(ctx, "TH-1", "SINTER", "経済産業省 受付番号 2026-0331-001")
        after = sites.teaching_check(ctx, "TH-1", ["SINTER-GEN"])
        assert "gate.fefta_advance_report_open" not in {r.code for r in after.reasons}
        assert after.outcome != "deny"
        sites.record_internal_decision(ctx, "TH-1", "2026-03-31")
        sites.change_stage(ctx, "TH-1", "contract", "2026-04-01")
        actions = set(ctx.session.execute(select(AuditEntry.action)).scalars())
        assert {"site.advance_report.open", "site.advance_report.file", "obligation.close",
                "site.internal_decision"} <= actions


def test_what_stays_in_japan_or_is_black_boxed_is_not_taught(plant):
    with plant() as ctx:
        sites.set_allowance(ctx, "TH-1", "SINTER-CORE", "stays_in_japan")
        sites.set_allowance(ctx, "TH-1", "SINTER-NDA", "black_boxed")
        decision = sites.teaching_check(ctx, "TH-1", ["SINTER-CORE", "SINTER-NDA", "COAT-GEN"])
        codes = {(r.code, r.params.get("element")) for r in decision.reasons}
        assert {("site.stays_in_japan", "SINTER-CORE"), ("site.black_boxed", "SINTER-NDA"),
                ("site.not_decided", "COAT-GEN")} <= codes


def test_a_visit_shows_only_what_may_be_taught_and_dates_in_order(plant):
    with plant() as ctx:
        sites.set_allowance(ctx, "TH-1", "COAT-GEN", "may_teach")
        sites.set_allowance(ctx, "TH-1", "SINTER-CORE", "stays_in_japan")
    with pytest.raises(InvalidInput) as shown, plant() as ctx:
        sites.record_visit(ctx, "TH-1", "plant_tour", "2026-03-28", visitors="Somchai; Niran",
                           shown="COAT-GEN; SINTER-CORE")
    assert shown.value.code == "site.visit_shows_restricted" and shown.value.params["elements"] == ["SINTER-CORE"]
    with pytest.raises(InvalidInput) as order, plant() as ctx:
        sites.record_visit(ctx, "TH-1", "visit", "2026-03-28", "2026-03-27", visitors="Somchai")
    assert order.value.code == "input.dates_out_of_order"
    with plant() as ctx:
        visit = sites.record_visit(ctx, "TH-1", "plant_tour", "2026-03-28", visitors="Somchai; Niran",
                                   shown="COAT-GEN")
        assert visit.visitors == ["Somchai", "Niran"] and visit.shown == ["COAT-GEN"]
        assert len(sites.get(ctx, "TH-1").visits) == 1


def test_withdrawal_opens_the_policy_obligations(plant):
    with plant() as ctx:
        sites.change_stage(ctx, "TH-1", "withdrawal", "2026-03-31", note="撤退決定")
        made = ctx.session.execute(select(Obligation).where(Obligation.source == "site")
                                   .order_by(Obligation.id)).scalars().all()
        assert [(o.kind, o.due_on.isoformat()) for o in made] == [
            ("recover_equipment_moulds_drawings", "2026-05-30"), ("wipe_data", "2026-04-30"),
            ("remind_local_staff", "2026-04-14")]
        assert all(o.partner.code == "TH-LOCAL" for o in made)
        view = sites.site_view(ctx, sites.get(ctx, "TH-1"))
        assert len(view["obligations"]) == 3
        obligations.close(ctx, made[0].id, "金型12面・図面一式回収 2026-04-20")


def test_staff_see_only_their_technologies_and_may_not_manage_sites(plant, engine, policy, now):
    from mamoru.services.uow import unit_of_work
    from mamoru.store.models import Technology

    with plant() as ctx:
        sites.set_allowance(ctx, "TH-1", "SINTER-GEN", "may_teach")
        sites.set_allowance(ctx, "TH-1", "COAT-GEN", "may_teach")
        coat_id = ctx.session.execute(select(Technology.id).where(Technology.code == "COAT")).scalar_one()
    staff = Viewer("sato", "staff", frozenset({coat_id}))
    with unit_of_work(engine, "sato", policy=policy, now=now, viewer=staff) as ctx:
        view = sites.site_view(ctx, sites.get(ctx, "TH-1"))
        assert [a["element"]["code"] for a in view["allowances"]] == ["COAT-GEN"]
        assert view["reports"] == []  # the designated technology is not sato's
        with pytest.raises(NotFound):
            sites.teaching_check(ctx, "TH-1", ["SINTER-GEN"])
        with pytest.raises(Forbidden):
            sites.add_site(ctx, "VN-9", "x", "VN")
        with pytest.raises(Forbidden):
            sites.change_stage(ctx, "TH-1", "contract", "2026-03-30")
