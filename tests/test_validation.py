"""What a person gets wrong is refused with a bilingual error naming the field, and nothing is written."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from mamoru.errors import InvalidInput
from mamoru.services import agreements, events, partners, samples, technologies, users
from mamoru.services.uow import read_only
from mamoru.store.models import AuditEntry, Partner, PartnerEvent, Sample, Technology, User


def audit_count(engine) -> int:
    with read_only(engine) as ctx:
        return ctx.session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()


@pytest.fixture
def company(act):
    with act() as ctx:
        technologies.add_technology(ctx, "T-1", name="焼結", domain="technological_superiority")
        technologies.add_element(ctx, "T-1", "E-2", title="条件", rank=2)
        technologies.add_element(ctx, "T-1", "E-4", title="核心", rank=4)
        partners.add_partner(ctx, "P-1", name="株式会社テスト", kind="customer", country="JP")
    return act


def refused(engine, act, call, code: str) -> InvalidInput:
    before = audit_count(engine)
    with pytest.raises(InvalidInput) as err, act() as ctx:
        call(ctx)
    assert err.value.code == code
    assert audit_count(engine) == before
    return err.value


@pytest.mark.parametrize("bad", ["T/1", "../T-1", ".T1", "T1.", "T 1", "焼結", "T?1", "T#1", "T%2F1", "x" * 65])
def test_a_code_no_page_could_reach_is_refused_for_every_registry(company, engine, bad):
    calls = [
        (Technology, lambda ctx: technologies.add_technology(ctx, bad, name="x", domain="external_dependence")),
        (None, lambda ctx: technologies.add_element(ctx, "T-1", bad, title="x", rank=1)),
        (Partner, lambda ctx: partners.add_partner(ctx, bad, name="x", kind="customer", country="JP")),
        (None, lambda ctx: agreements.add_agreement(ctx, bad, "P-1", "nda", "2026-01-01", "2026-12-31",
                                                    technologies=["T-1"])),
        (Sample, lambda ctx: samples.lend(ctx, bad, 1, None, "試作品", "2026-05-01")),
    ]
    for _model, call in calls:
        err = refused(engine, company, call, "input.invalid_code")
        assert err.params["field"] == "code"
        ja, en = err.message("ja"), err.message("en")
        assert "コード" in ja and "Code" in en and ja != en


@pytest.mark.parametrize("good", ["T-1x", "E_2.b", "A-2026.001", "S", "x" * 64])
def test_safe_codes_are_accepted(company, good):
    with company() as ctx:
        assert technologies.add_technology(ctx, good, name="x", domain="external_dependence").code == good


def test_a_return_before_the_lend_date_is_refused_and_the_sample_stays_out(company, engine, now):
    with company() as ctx:
        sample = samples.lend(ctx, "S-1", 1, None, "試作品", "2026-05-01")
        assert sample.lent_on.isoformat() == "2026-04-01"
    err = refused(engine, company, lambda ctx: samples.return_sample(ctx, "S-1", "intact", "2026-03-31"),
                  "input.returned_before_lent")
    assert err.params["field"] == "on"
    assert "返却日" in err.message("ja") and "2026-04-01" in err.message("ja")
    assert "Returned on" in err.message("en")
    with read_only(engine) as ctx:
        assert ctx.session.execute(select(Sample.status)).scalar_one() == "out"
    with company() as ctx:  # the same day is a return, and the sample comes back
        returned, _ = samples.return_sample(ctx, "S-1", "intact", "2026-04-01")
        assert returned.status == "returned"


def test_an_event_far_in_the_future_is_refused_and_tomorrow_in_tokyo_is_not(company, engine, now):
    today = now.date()  # 2026-04-01 in Tokyo at the fixture's time
    err = refused(engine, company,
                  lambda ctx: events.record_event(ctx, "P-1", "capital_change", "2062-04-01", "typo for 2026"),
                  "input.date_in_future")
    assert err.params["field"] == "occurred_on"
    assert "発生日" in err.message("ja") and "Occurred on" in err.message("en")
    refused(engine, company, lambda ctx: events.record_event(ctx, "P-1", "capital_change",
                                                             today + timedelta(days=2)), "input.date_in_future")
    with read_only(engine) as ctx:
        assert ctx.session.execute(select(func.count()).select_from(PartnerEvent)).scalar_one() == 0
    with company() as ctx:  # a partner a zone ahead may report tomorrow's date; the past is fine
        events.record_event(ctx, "P-1", "capital_change", today + timedelta(days=1))
        events.record_event(ctx, "P-1", "litigation", "2020-01-01")


@pytest.mark.parametrize("bad", ["XX", "ZZ", "EU", "Japan", "J1"])
def test_a_country_that_is_not_iso_3166_is_refused(company, engine, bad):
    err = refused(engine, company, lambda ctx: partners.add_partner(ctx, "P-2", name="x", kind="customer",
                                                                   country=bad), "input.invalid_country")
    assert err.params["field"] == "country"
    assert "国" in err.message("ja") and "Country" in err.message("en")
    refused(engine, company, lambda ctx: partners.update_partner(ctx, "P-1", country=bad), "input.invalid_country")
    with read_only(engine) as ctx:
        assert ctx.session.execute(select(Partner.country)).scalars().all() == ["JP"]


def test_a_new_user_without_a_role_gets_the_least_role(engine, act):
    with act() as ctx:
        users.add_user(ctx, "newbie")
        users.add_user(ctx, "blank", "  ")
        users.add_user(ctx, "boss", "admin")
    with read_only(engine) as ctx:
        roles = dict(ctx.session.execute(select(User.username, User.role)).all())
    assert roles == {"newbie": "staff", "blank": "staff", "boss": "admin"}


def test_checklist_says_not_required_for_an_absent_clause_the_rank_does_not_need(company):
    with company() as ctx:
        agreements.add_agreement(ctx, "NDA-2", "P-1", "nda", "2026-01-01", "2026-12-31", elements=["E-2"],
                                 clauses=["confidentiality", "purpose_limitation", "no_third_party", "no_copying"])
        states = dict(agreements.checklist(ctx, "NDA-2"))
        agreements.add_agreement(ctx, "NDA-4", "P-1", "nda", "2026-01-01", "2026-12-31", elements=["E-4"],
                                 clauses=["confidentiality"])
        high = dict(agreements.checklist(ctx, "NDA-4"))
    assert states["confidentiality"] == "present"
    assert states["return_destroy"] == "missing"
    assert states["subcontracting"] == states["change_of_control"] == "not_required"
    assert high["subcontracting"] == high["return_destroy"] == "missing"
