"""The watch as a use case, on both backends: import, alert, who received it, confirm → event → obligations."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from sqlalchemy import func, select

from mamoru.demo.company import LOW
from mamoru.demo.watch import DESCRIPTIONS, GAZETTE
from mamoru.domain.policy import Policy, merge
from mamoru.errors import Conflict, InvalidInput, NotFound
from mamoru.services import agreements, disclosures, guard, obligations, partners, technologies, watch
from mamoru.services.authz import Forbidden, Viewer
from mamoru.services.uow import unit_of_work
from mamoru.store.models import AuditEntry, Obligation, PartnerEvent, WatchAlert, WatchPublication

NOW = datetime(2026, 8, 24, 1, 0, tzinfo=timezone.utc)


@pytest.fixture
def company(engine, policy):
    """T-ELEC with two elements (kneading rank 3, drying rank 2), a second technology, P-EQ who received both."""
    at = datetime(2026, 4, 10, 1, 0, tzinfo=timezone.utc)
    with unit_of_work(engine, "setup", policy=policy, now=at) as ctx:
        technologies.add_technology(ctx, "T-ELEC", name="電極スラリー混練・塗工", domain="external_dependence")
        technologies.add_technology(ctx, "T-OTHER", name="触媒", domain="disruptive_innovation")
        technologies.add_element(ctx, "T-ELEC", "E-KNEAD", title="混練条件", rank=3, kind="condition",
                                 description=DESCRIPTIONS["E-ELE-01"])
        technologies.add_element(ctx, "T-ELEC", "E-DRY", title="塗工速度と乾燥条件", rank=2, kind="condition",
                                 description=DESCRIPTIONS["E-ELE-02"])
        technologies.add_element(ctx, "T-OTHER", "E-CAT", title="担持条件", rank=2, kind="condition",
                                 description=DESCRIPTIONS["E-CAT-01"])
        guard.add_term(ctx, "T-ELEC", "二軸プラネタリミキサ", "E-KNEAD", category="equipment")
        partners.add_partner(ctx, "P-EQ", name="三葉エンジニアリング株式会社", kind="equipment_maker", country="JP")
        partners.assess(ctx, "P-EQ", LOW)
        agreements.add_agreement(ctx, "NDA-EQ", "P-EQ", "nda", date(2026, 1, 1), date(2027, 12, 31),
                                 title="秘密保持契約", technologies=["T-ELEC"],
                                 clauses=["confidentiality", "purpose_limitation", "no_third_party", "no_copying",
                                          "return_destroy", "termination_triggers:capital_change"])
        record = disclosures.disclose(ctx, "P-EQ", ["E-DRY"], "装置仕様の協議", "document", accept_conditions=True)
        assert record.status == "recorded"
    return {"disclosure": record.number}


def _gazette(tmp_path):
    path = tmp_path / "JP2026145321A.xml"
    path.write_text(GAZETTE, encoding="utf-8")
    return path


def _import(engine, policy, tmp_path, viewer=None):
    with unit_of_work(engine, "tanaka", policy=policy, now=NOW, viewer=viewer) as ctx:
        return watch.import_publications(ctx, _gazette(tmp_path))


def _count(engine, model) -> int:
    with unit_of_work(engine, "check") as ctx:
        return ctx.session.execute(select(func.count()).select_from(model)).scalar_one()


def test_a_gazette_raises_alerts_naming_the_element_and_who_received_it_when(engine, policy, company, tmp_path):
    result = _import(engine, policy, tmp_path)
    assert [p.number for p in result.publications] == ["JP2026145321A"]
    with unit_of_work(engine, "tanaka", policy=policy, now=NOW) as ctx:
        alerts = {a.element["code"]: a for a in watch.list_alerts(ctx, "open")}
    assert set(alerts) == {"E-KNEAD", "E-DRY"}  # the catalyst element is not in this gazette
    dry = alerts["E-DRY"]
    assert dry.publication["applicants"] == ["三葉エンジニアリング株式会社"]
    assert [(r["partner"], r["first_on"]) for r in dry.recipients] == [("P-EQ", date(2026, 4, 10))]
    assert dry.recipients[0]["disclosures"][0]["number"] == company["disclosure"]
    assert alerts["E-KNEAD"].recipients == []  # never disclosed
    assert "二軸プラネタリミキサ" in alerts["E-KNEAD"].evidence["terms"]
    assert dry.evidence["conditions"] and dry.score >= policy.section("watch")["alert_threshold"]


def test_confirming_records_an_event_for_each_recipient_with_its_obligations(engine, policy, company, tmp_path):
    _import(engine, policy, tmp_path)
    with unit_of_work(engine, "tanaka", policy=policy, now=NOW) as ctx:
        alert = next(a for a in watch.list_alerts(ctx) if a.element["code"] == "E-DRY")
        row, made_events, made = watch.confirm(ctx, alert.id, "請求項2は当社の乾燥条件と同一")
        partner_of_event = made_events[0].partner.code
    assert partner_of_event == "P-EQ"
    assert row.status == "confirmed" and row.decided_by == "tanaka"
    (event,) = made_events
    assert event.kind == "publication_match"
    assert event.occurred_on == date(2026, 8, 20)  # the day the gazette was published
    assert {"review", "consult_lawyer", "preserve_evidence"} <= {o.kind for o in made}
    with unit_of_work(engine, "tanaka", policy=policy, now=NOW) as ctx:
        assert watch.get_alert(ctx, alert.id).event_ids == [event.id]
        open_kinds = {o.kind for o in ctx.session.execute(select(Obligation)).scalars() if o.status == "open"}
        actions = set(ctx.session.execute(select(AuditEntry.action)).scalars())
        with pytest.raises(Conflict):
            watch.confirm(ctx, alert.id, "もう一度")
    assert {"consult_lawyer", "preserve_evidence"} <= open_kinds
    assert {"watch.import", "watch.alert", "watch.confirm", "event.record", "obligation.create"} <= actions


def test_confirming_an_alert_nobody_received_keeps_the_obligations_on_the_alert(engine, policy, company, tmp_path):
    _import(engine, policy, tmp_path)
    with unit_of_work(engine, "tanaka", policy=policy, now=NOW) as ctx:
        alert = next(a for a in watch.list_alerts(ctx) if a.element["code"] == "E-KNEAD")
        _, made_events, made = watch.confirm(ctx, alert.id, "出願人に開示した記録はないが当社条件と同一")
    assert made_events == []
    assert {(o.kind, o.source) for o in made} == {("consult_lawyer", "watch_alert"), ("preserve_evidence", "watch_alert")}


def test_dismissing_needs_a_reason_and_keeps_it(engine, policy, company, tmp_path):
    _import(engine, policy, tmp_path)
    with unit_of_work(engine, "tanaka", policy=policy, now=NOW) as ctx:
        alert_id = watch.list_alerts(ctx)[0].id
    with pytest.raises(InvalidInput) as err:
        with unit_of_work(engine, "tanaka", policy=policy, now=NOW) as ctx:
            watch.dismiss(ctx, alert_id, "  ")
    assert err.value.code == "watch.reason_required"
    with unit_of_work(engine, "tanaka", policy=policy, now=NOW) as ctx:
        assert watch.get_alert(ctx, alert_id).status == "open"
        watch.dismiss(ctx, alert_id, "一般的な公知技術")
    with unit_of_work(engine, "tanaka", policy=policy, now=NOW) as ctx:
        view = watch.get_alert(ctx, alert_id)
    assert (view.status, view.reason) == ("dismissed", "一般的な公知技術")
    assert _count(engine, PartnerEvent) == 0


def test_the_threshold_comes_from_the_policy(engine, company, tmp_path):
    from mamoru.config import load_policy

    strict = Policy.from_mapping(merge(load_policy().data, {"watch": {"alert_threshold": 0.99}}))
    result = _import(engine, strict, tmp_path)
    assert len(result.publications) == 1 and result.alerts == []


def test_the_same_publication_twice_is_refused_and_nothing_is_half_saved(engine, policy, company, tmp_path):
    _import(engine, policy, tmp_path)
    before = (_count(engine, WatchPublication), _count(engine, WatchAlert), _count(engine, AuditEntry))
    with pytest.raises(Conflict) as err:
        _import(engine, policy, tmp_path)
    assert err.value.code == "watch.duplicate"
    assert (_count(engine, WatchPublication), _count(engine, WatchAlert), _count(engine, AuditEntry)) == before


def test_a_bad_file_stores_nothing(engine, policy, company, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("公開番号,発明の名称,要約\n", encoding="utf-8")
    with pytest.raises(InvalidInput):
        with unit_of_work(engine, "tanaka", policy=policy, now=NOW) as ctx:
            watch.import_publications(ctx, path)
    assert _count(engine, WatchPublication) == 0


def _tech_id(engine, code):
    from mamoru.store.models import Technology

    with unit_of_work(engine, "check") as ctx:
        return ctx.session.execute(select(Technology.id).where(Technology.code == code)).scalar_one()


def test_staff_see_no_alert_on_a_technology_they_are_not_assigned(engine, policy, company, tmp_path):
    _import(engine, policy, tmp_path)
    elsewhere = Viewer("ito", "staff", frozenset({_tech_id(engine, "T-OTHER")}))
    with unit_of_work(engine, "tanaka", policy=policy, now=NOW) as ctx:
        alert_id = watch.list_alerts(ctx)[0].id
    with unit_of_work(engine, "ito", policy=policy, now=NOW, viewer=elsewhere) as ctx:
        assert watch.list_alerts(ctx) == []
        with pytest.raises(NotFound):
            watch.get_alert(ctx, alert_id)


def test_staff_on_the_technology_see_the_alert_but_not_restricted_evidence(engine, policy, company, tmp_path):
    _import(engine, policy, tmp_path)
    staff = Viewer("sato", "staff", frozenset({_tech_id(engine, "T-ELEC")}))
    with unit_of_work(engine, "sato", policy=policy, now=NOW, viewer=staff) as ctx:
        alerts = {a.element["code"]: a for a in watch.list_alerts(ctx)}
        assert alerts["E-KNEAD"].element["restricted"] and alerts["E-KNEAD"].evidence is None  # rank 3
        assert alerts["E-DRY"].evidence is not None  # rank 2
        with pytest.raises(Forbidden):
            watch.confirm(ctx, alerts["E-DRY"].id, "staff may not decide")
        with pytest.raises(Forbidden):
            watch.import_publications(ctx, _gazette(tmp_path))


def test_an_importer_who_may_not_see_a_technology_still_raises_its_alert_without_seeing_it(
        engine, policy, company, tmp_path):
    narrow = Viewer("yamada", "tech_manager", frozenset({_tech_id(engine, "T-OTHER")}))
    result = _import(engine, policy, tmp_path, viewer=narrow)
    assert result.alerts == [] and result.hidden_alerts == 2
    assert _count(engine, WatchAlert) == 2


def test_preview_stores_nothing(engine, policy, company, tmp_path):
    with unit_of_work(engine, "tanaka", policy=policy, now=NOW) as ctx:
        (item,) = watch.preview(ctx, _gazette(tmp_path))
    assert {m["element"]["code"] for m in item.matches if m["alert"]} == {"E-KNEAD", "E-DRY"}
    assert _count(engine, WatchPublication) == 0


@pytest.mark.parametrize("override", [
    {"alert_threshold": 0}, {"event_kind": "rumour"}, {"obligations": ["pray"]},
])
def test_a_policy_with_a_bad_watch_section_is_refused(override):
    from mamoru.config import load_policy

    with pytest.raises(InvalidInput) as err:
        Policy.from_mapping(merge(load_policy().data, {"watch": override}))
    assert err.value.code == "policy.invalid"
