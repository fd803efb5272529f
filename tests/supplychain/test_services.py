"""The supply map through the services, on SQLite and PostgreSQL: import, export, signals, warnings."""

from __future__ import annotations

import copy

import pytest
from sqlalchemy import func, select

from mamoru.services import supplychain as supply
from mamoru.services import supplychain_signals as signals
from mamoru.services import supplychain_tabular as tab
from mamoru.services.authz import Forbidden, Viewer
from mamoru.services.tabular import ImportFailed
from mamoru.store.models import AuditEntry, Obligation, PartnerEvent
from mamoru.store.models.supplychain import Item, Source
from tests.supplychain import workbook


@pytest.fixture
def mapped(act, tmp_path):
    with act() as ctx:
        workbook.add_partners(ctx)
        tab.import_map(ctx, workbook.write(tmp_path / "map.xlsx"))
    return act


def test_import_builds_the_map_with_every_tier(mapped):
    with mapped() as ctx:
        smap = supply.load_map(ctx)
        assert sorted(smap.products) == ["PWR", "RF1"]
        assert smap.products["RF1"].customers == ("C-AUTO", "C-TEL")
        assert smap.items["GA"].critical_good == "critical_minerals" and smap.items["WAFER"].export_controlled
        figures = supply.overview(ctx).figures
        assert figures.items["WAFER"].by_country["CN"] == pytest.approx(0.85)


def _error_rows(exc):
    return {(e.sheet, e.row, e.column, e.code) for e in exc.errors}


def test_bad_rows_are_all_reported_in_both_languages_and_nothing_is_written(act, tmp_path):
    sheets = copy.deepcopy(workbook.SHEETS)
    sheets["拠点"].append(("S-GA-CN", "XX1", "どこか", "ZZ"))          # unknown country
    sheets["調達先"][2] = ("WAFER", "S-TW", "HSC", 20, 20, 10, 11000, "", "")  # 70 + 20 = 90 %
    # a cycle: the refiner says it buys its gallium from the wafer maker, which says the reverse
    sheets["調達先"].append(("GA", "S-WAFER", "", 100, 5, 0, None, "S-GA-CN", "GA"))
    sheets["調達先"].append(("GA", "S-GA-CN", "", 100, 5, 0, None, "S-WAFER", "GA"))
    with act() as ctx:
        workbook.add_partners(ctx)
    with act() as ctx:
        with pytest.raises(ImportFailed) as caught:
            tab.import_map(ctx, workbook.write(tmp_path / "bad.xlsx", sheets))
    assert ("拠点", 5, "country", "supply.unknown_country") in _error_rows(caught.value)  # the sheet as named
    # the row-level error stops before the whole-map check; fix it and the map-level ones show
    sheets["拠点"].pop()
    with act() as ctx:
        with pytest.raises(ImportFailed) as caught:
            tab.import_map(ctx, workbook.write(tmp_path / "bad.xlsx", sheets))
    codes = {e.code for e in caught.value.errors}
    assert {"supply.shares_do_not_add_up", "supply.cycle"} <= codes
    shares = next(e for e in caught.value.errors if e.code == "supply.shares_do_not_add_up")
    assert shares.sheet == "調達先" and shares.column == "share"
    assert "90" in shares.message["ja"] and "add up to 90" in shares.message["en"]
    assert "行" in caught.value.errors[0].text("ja") or "row" in caught.value.errors[0].text("en")
    with act() as ctx:
        assert ctx.session.execute(select(func.count(Item.id))).scalar_one() == 0
        assert ctx.session.execute(select(func.count(Source.id))).scalar_one() == 0


def test_a_supplier_that_buys_the_product_is_a_warning_in_the_preview(act, tmp_path):
    sheets = copy.deepcopy(workbook.SHEETS)
    sheets["製品"][2] = ("PWR", "パワーモジュール", "C-AUTO; S-CAP")  # S-CAP buys PWR and sells ... CAP (not in PWR)
    sheets["製品"][1] = ("RF1", "高周波モジュール", "C-AUTO; S-CAP")  # RF1 uses CAP: S-CAP supplies and buys it
    with act() as ctx:
        workbook.add_partners(ctx)
    with act() as ctx:
        preview = tab.import_map(ctx, workbook.write(tmp_path / "w.xlsx", sheets), preview=True)
    codes = {(w.sheet, w.code) for w in preview.warnings}
    assert ("調達先", "supply.supplier_is_customer") in codes
    assert ("製品", "supply.customer_not_customer") in codes
    with act() as ctx:  # a preview writes nothing
        assert ctx.session.execute(select(func.count(Item.id))).scalar_one() == 0


def test_export_reimports_to_the_same_map(mapped, tmp_path):
    with mapped() as ctx:
        before = supply.load_map(ctx)
        tab.export_map(ctx, tmp_path / "out.xlsx")
    with mapped() as ctx:
        tab.import_map(ctx, tmp_path / "out.xlsx")
    with mapped() as ctx:
        after = supply.load_map(ctx)
        superseded = ctx.session.execute(select(func.count(Source.id)).where(Source.status == "superseded"))
        assert superseded.scalar_one() == len(before.sources)  # nothing deleted, old rows superseded

    def plain(smap):
        return (smap.items, smap.products,
                sorted((s.item, s.supplier, s.country, round(s.share, 6), s.buyer, s.for_item, s.site,
                        s.lead_time_days, s.safety_stock_days, s.price) for s in smap.sources))

    assert plain(after) == plain(before)


def test_export_restriction_raises_a_warning_with_products_customers_days_and_obligations(mapped):
    with mapped() as ctx:
        signal, warning = signals.record_signal(ctx, "export_restriction", country="CN", item="GA",
                                                description="ガリウム輸出許可制", reference="MOFCOM 2023/23")
    assert warning is not None
    assert warning.severity == "critical"  # 85 % stops, 30 days of cover; critical goods inside
    assert warning.days_of_cover == 30
    assert warning.affected["customers"] == ["C-AUTO", "C-TEL"]
    assert {p["product"] for p in warning.affected["products"]} == {"RF1", "PWR"}
    assert any("S-GA-CN" in r["message"]["ja"] for r in warning.reasons)
    with mapped() as ctx:
        made = ctx.session.execute(select(Obligation.kind).where(Obligation.source == "supply_warning")).scalars()
        assert sorted(made) == ["find_second_source", "notify_customer", "raise_stock"]
        actions = set(ctx.session.execute(select(AuditEntry.action)).scalars())
        assert {"supply.signal.record", "supply.warning.raise", "obligation.create"} <= actions


def test_what_if_records_nothing(mapped):
    with mapped() as ctx:
        result = supply.what_if(ctx, "supplier_stop", supplier="S-CAP")
        assert [(p.product, p.loss) for p in result.products] == [("RF1", 1.0)]
    with mapped() as ctx:
        assert signals.list_warnings(ctx)[1] == 0


def test_lead_time_change_updates_sources_and_warns_past_the_stock(mapped):
    with mapped() as ctx:
        _, small = signals.record_signal(ctx, "lead_time_change", supplier="S-CAP", lead_time_days=14)
        assert small is None  # 4 more days: under the policy's 7
        _, warning = signals.record_signal(ctx, "lead_time_change", supplier="S-CAP", lead_time_days=45)
        assert warning is not None and warning.affected["customers"] == ["C-AUTO", "C-TEL"]
        lead = ctx.session.execute(select(Source.lead_time_days).join(Item, Item.id == Source.item_id)
                                   .where(Item.code == "CAP", Source.status == "active")).scalar_one()
        assert lead == 45


def test_partner_events_on_suppliers_become_signals_once(mapped):
    from mamoru.services import events

    with mapped() as ctx:
        events.record_event(ctx, "S-GA-CN", "list_hit", description="entity list")
        events.record_event(ctx, "C-TEL", "list_hit")  # a customer: not a supply signal
    with mapped() as ctx:
        made = signals.sync_partner_events(ctx)
        assert [(s.kind, w.severity if w else None) for s, w in made] == [("list_hit", "critical")]
    with mapped() as ctx:
        assert signals.sync_partner_events(ctx) == []
        assert ctx.session.execute(select(func.count(PartnerEvent.id))).scalar_one() == 2


def test_signals_from_csv_are_all_or_nothing(mapped, tmp_path):
    bad = tmp_path / "signals.csv"
    bad.write_text("種類,国,品目,説明\nexport_restriction,CN,GA,ガリウム\nexport_restriction,QQ,GA,?\n",
                   encoding="utf-8")
    with mapped() as ctx:
        with pytest.raises(ImportFailed) as caught:
            signals.import_signals(ctx, bad)
    assert [(e.row, e.column, e.code) for e in caught.value.errors] == [(3, "country", "supply.unknown_country")]
    with mapped() as ctx:
        assert signals.list_signals(ctx) == []
        bad.write_text("種類,国,品目,説明\nexport_restriction,CN,GA,ガリウム\n", encoding="utf-8")
        made = signals.import_signals(ctx, bad)
        assert made[0][1] is not None


def test_only_managers_import_and_staff_may_report_signals(mapped, engine, policy, tmp_path):
    from mamoru.services.uow import unit_of_work

    staff = Viewer("sato", "staff", frozenset())
    with unit_of_work(engine, "sato", policy=policy, viewer=staff) as ctx:
        with pytest.raises(Forbidden):
            tab.import_map(ctx, workbook.write(tmp_path / "m.xlsx"))
        signal, _ = signals.record_signal(ctx, "supplier_stop", supplier="S-TW")
        assert signal.recorded_by == "sato"
    auditor = Viewer("kato", "auditor", None)
    with unit_of_work(engine, "kato", policy=policy, viewer=auditor) as ctx:
        with pytest.raises(Forbidden):
            signals.record_signal(ctx, "supplier_stop", supplier="S-TW")


def test_one_signal_loads_only_what_it_touches_and_gets_the_same_answer_as_the_whole_map(mapped):
    from mamoru.supplychain.impact import Disruption, impact

    cases = [Disruption("export_restriction", country="CN", item="GA"), Disruption("export_restriction", country="JP"),
             Disruption("supplier_stop", supplier="S-GA-DE"), Disruption("supplier_stop", supplier="S-WAFER"),
             Disruption("lead_time_change", supplier="S-TW", lead_time_days=11),
             Disruption("export_restriction", country="DE", item="SUB")]
    with mapped() as ctx:
        whole = supply.load_map(ctx)
        for case in cases:
            assert supply.impact_of(ctx, case).as_dict() == impact(whole, case).as_dict(), case
