"""Registers: bad input gets a clear bilingual error and writes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from mamoru.errors import Conflict, InvalidInput, NotFound
from mamoru.services import agreements, partners, technologies
from mamoru.services.uow import read_only
from mamoru.store.models import AuditEntry, Technology


def audit_count(engine) -> int:
    with read_only(engine) as ctx:
        return ctx.session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()


@pytest.fixture
def tech(act):
    with act() as ctx:
        technologies.add_technology(ctx, "T-1", name="焼結", domain="technological_superiority", code_name="PJ-1")
        technologies.add_element(ctx, "T-1", "E-1", title="条件", rank=3)
        partners.add_partner(ctx, "P-1", name="株式会社テスト", kind="customer", country="jp")
    return act


@pytest.mark.parametrize("call,code", [
    (lambda ctx: technologies.add_technology(ctx, "T-1", name="dup", domain="external_dependence"),
     "conflict.duplicate_code"),
    (lambda ctx: technologies.add_technology(ctx, "T-2", name="x", domain="space"), "input.invalid_choice"),
    (lambda ctx: technologies.add_technology(ctx, "T-2", name="  ", domain="external_dependence"), "input.required"),
    (lambda ctx: technologies.add_technology(ctx, "T-2", name="x", domain="external_dependence", code_name="PJ-1"),
     "conflict.duplicate_code_name"),
    (lambda ctx: technologies.add_element(ctx, "T-1", "E-2", title="x", rank=5), "input.invalid_rank"),
    (lambda ctx: technologies.add_element(ctx, "T-1", "E-2", title="x", rank="2.5"), "input.invalid_rank"),
    (lambda ctx: technologies.add_element(ctx, "T-9", "E-2", title="x", rank=1), "notfound.technology"),
    (lambda ctx: technologies.add_element(ctx, "T-1", "E-2", title="x", rank=1, colour="red"),
     "input.unknown_fields"),
    (lambda ctx: partners.add_partner(ctx, "P-2", name="x", kind="customer", country="Japan"),
     "input.invalid_country"),
    (lambda ctx: partners.add_partner(ctx, "P-2", name="x", kind="friend", country="JP"), "input.invalid_choice"),
    (lambda ctx: partners.add_partner(ctx, "P-2", name="x", kind="customer", country="JP", listed="maybe"),
     "input.invalid_flag"),
    (lambda ctx: partners.add_partner(ctx, "P-2", name="x", kind="customer", country="JP",
                                      certification_expiry="31/12/2026"), "input.invalid_date"),
    (lambda ctx: agreements.add_agreement(ctx, "A-1", "P-1", "nda", "2026-12-31", "2026-01-01", technologies=["T-1"]),
     "input.period_reversed"),
    (lambda ctx: agreements.add_agreement(ctx, "A-1", "P-1", "nda", "2026-01-01", "2026-12-31"),
     "input.agreement_scope_required"),
    (lambda ctx: agreements.add_agreement(ctx, "A-1", "P-1", "nda", "2026-01-01", "2026-12-31", technologies=["T-1"],
                                          clauses=["confidentiality", "confidentiality"]), "input.duplicate_clause"),
    (lambda ctx: agreements.add_agreement(ctx, "A-1", "P-1", "nda", "2026-01-01", "2026-12-31", technologies=["T-1"],
                                          clauses=["termination_triggers"]), "input.triggers_required"),
    (lambda ctx: agreements.add_agreement(ctx, "A-1", "P-1", "nda", "2026-01-01", "2026-12-31", technologies=["T-1"],
                                          clauses=["change_of_control:maybe"]), "input.invalid_choice"),
    (lambda ctx: partners.assess(ctx, "P-9", {}), "notfound.partner"),
])
def test_bad_input_is_refused_clearly_and_writes_nothing(tech, engine, call, code):
    before = audit_count(engine)
    with pytest.raises((InvalidInput, Conflict, NotFound)) as err, tech() as ctx:
        call(ctx)
    assert err.value.code == code
    ja, en = err.value.message("ja"), err.value.message("en")
    assert ja != en and code not in (ja, en)
    assert audit_count(engine) == before


def test_country_is_normalised_and_changes_are_audited_with_before_and_after(tech, engine):
    with tech("sato") as ctx:
        partners.update_partner(ctx, "P-1", name="株式会社テスト２")
    with read_only(engine) as ctx:
        entry = ctx.session.execute(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).scalar_one()
        assert entry.actor == "sato" and entry.action == "partner.update"
        assert '"country":"JP"' in entry.after and "テスト２" in entry.after and "テスト２" not in entry.before


def test_agreement_gaps_follow_the_ranks_it_covers(tech):
    with tech() as ctx:
        agreements.add_agreement(ctx, "A-1", "P-1", "nda", "2026-01-01", "2026-12-31", technologies=["T-1"],
                                 clauses=["confidentiality", "purpose_limitation"])
        missing = agreements.gaps(ctx, "A-1")
    assert missing == ["no_third_party", "no_copying", "return_destroy", "subcontracting", "change_of_control",
                       "termination_triggers"]
    with tech() as ctx:
        agreements.add_clause(ctx, "A-1", "change_of_control:notice")
        assert "change_of_control" not in agreements.gaps(ctx, "A-1")
    with pytest.raises(Conflict), tech() as ctx:
        agreements.add_clause(ctx, "A-1", "change_of_control:approval")


def test_importance_suggests_a_tier_and_a_person_confirms(tech, engine):
    with tech("tanaka") as ctx:
        s = technologies.assess_importance(ctx, "T-1", dict(advantage="high", irreplaceability="high",
                                                             leak_impact="high", security_relevance="low",
                                                             secrecy="high"))
        assert s.tier == "top_priority" and s.max_rank == 4
        technologies.confirm_tier(ctx, "T-1", "important")
    with read_only(engine) as ctx:
        t = ctx.session.execute(select(Technology)).scalar_one()
        assert (t.suggested_tier, t.confirmed_tier) == ("top_priority", "important")
