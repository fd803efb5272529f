"""The figures of the supply map, as tables: shares multiply down the tiers, the worst input decides."""

from __future__ import annotations

import pytest

from mamoru.supplychain import analysis
from mamoru.supplychain.graph import Item, Product, Source, SupplyMap
from mamoru.supplychain.impact import Disruption, impact, severity
from mamoru.supplychain.validate import check


def gan_map() -> SupplyMap:
    """Two products on a GaN wafer; gallium at tier 2 comes mostly from one country."""
    return SupplyMap(
        items={c: Item(c, kind=k) for c, k in
               (("WAFER", "part"), ("GA", "material"), ("SUB", "material"), ("CAP", "part"))},
        products={"RF1": Product("RF1", customers=("C1", "C2"), items=(("WAFER", 1), ("CAP", 4))),
                  "PWR": Product("PWR", customers=("C3",), items=(("WAFER", 2),))},
        sources=[
            Source("WAFER", "A", "JP", 0.7, lead_time_days=30, safety_stock_days=20, site="A1"),
            Source("WAFER", "B", "TW", 0.3, lead_time_days=20, safety_stock_days=10, site="B1"),
            Source("CAP", "D", "JP", 1.0, lead_time_days=10, safety_stock_days=30),
            Source("GA", "G1", "CN", 1.0, buyer="A", for_item="WAFER"),
            Source("SUB", "S1", "JP", 1.0, buyer="A", for_item="WAFER"),
            Source("GA", "G1", "CN", 0.5, buyer="B", for_item="WAFER"),
            Source("GA", "G2", "DE", 0.5, buyer="B", for_item="WAFER"),
        ])


@pytest.mark.parametrize("subject,country,share", [
    ("WAFER", "CN", 0.85),   # 0.7 × 1.0 via A + 0.3 × 0.5 via B
    ("WAFER", "JP", 0.7),    # A itself is in Japan; its Japanese substrate adds nothing more
    ("WAFER", "TW", 0.3),
    ("WAFER", "DE", 0.15),
    ("CAP", "JP", 1.0),
])
def test_dependence_on_a_country_multiplies_shares_down_the_tiers(subject, country, share):
    figures = analysis.concentration(gan_map())
    assert figures.items[subject].by_country[country] == pytest.approx(share)


def test_hhi_tier1_and_through_the_tiers():
    item = analysis.concentration(gan_map()).items["WAFER"]
    assert item.tier1_supplier_hhi == pytest.approx(5800)
    assert item.tier1_country_hhi == pytest.approx(5800)
    assert item.deep_country_hhi == pytest.approx(3312.5)


def test_a_product_is_as_exposed_as_its_worst_item_and_overall_is_the_mean():
    figures = analysis.concentration(gan_map())
    assert figures.products["RF1"].by_country["JP"] == pytest.approx(1.0)  # the capacitor
    assert figures.products["PWR"].by_country["CN"] == pytest.approx(0.85)
    assert figures.overall.by_country["CN"] == pytest.approx(0.85)
    assert figures.overall.by_country["JP"] == pytest.approx(0.85)


def test_each_figure_names_the_paths_that_make_it():
    value, paths = analysis.explain_item(gan_map(), "WAFER", country="CN")
    assert value == pytest.approx(0.85)
    assert [(round(p.weight, 2), [s.supplier for s in p.steps]) for p in paths] == [
        (0.7, ["A", "G1"]), (0.15, ["B", "G1"])]
    assert [s.tier for s in paths[0].steps] == [1, 2]


def test_single_sources_at_every_tier():
    found = {(s.item, s.supplier, s.tier, s.via) for s in analysis.single_sources(gan_map())}
    assert found == {("CAP", "D", 1, ()), ("GA", "G1", 2, ("A",)), ("SUB", "S1", 2, ("A",))}


def test_countries_of_concern():
    result = analysis.concern(gan_map(), ["cn"])
    assert [(d.subject, round(d.share, 2)) for d in result["products"]] == [("PWR", 0.85), ("RF1", 0.85)]


def test_choke_points_feed_several_products():
    points = {(c.kind, c.name): c.products for c in analysis.choke_points(gan_map())}
    assert points[("supplier", "G1")] == ("PWR", "RF1")
    assert points[("country", "CN")] == ("PWR", "RF1")
    assert ("supplier", "D") not in points  # the capacitor maker feeds one product only


def test_coverage_compares_stock_days_with_lead_time():
    rows = {c.item: (c.stock_days, c.lead_time_days, c.covered) for c in analysis.coverage(gan_map())}
    assert rows == {"WAFER": (20, 30, False), "CAP": (30, 10, True)}


def test_export_restriction_what_if_names_products_customers_and_days_of_cover():
    result = impact(gan_map(), Disruption("export_restriction", country="CN", item="GA"))
    assert [(p.product, round(p.loss, 2), p.days_of_cover) for p in result.products] == [
        ("PWR", 0.85, 30), ("RF1", 0.85, 30)]
    assert result.customers == ["C1", "C2", "C3"]
    # B: 10 days of stock + 20 days of pipeline; A: 20 + 30
    assert result.items[0].days_of_cover == 30


@pytest.mark.parametrize("disruption,loss", [
    (Disruption("supplier_stop", supplier="D"), {"RF1": 1.0}),
    (Disruption("supplier_stop", supplier="G2"), {"RF1": 0.15, "PWR": 0.15}),
    (Disruption("export_restriction", country="CN", item="SUB"), {}),
    (Disruption("lead_time_change", supplier="A", lead_time_days=25), {"RF1": 0.7, "PWR": 0.7}),
    (Disruption("lead_time_change", supplier="A", lead_time_days=15), {}),  # still within 20 days of stock
])
def test_what_if_table(disruption, loss):
    result = impact(gan_map(), disruption)
    assert {p.product: round(p.loss, 2) for p in result.products} == loss


RULES = [{"severity": "critical", "min_loss": 0.5, "max_days_of_cover": 30},
         {"severity": "high", "min_loss": 0.5}, {"severity": "medium", "min_loss": 0.2},
         {"severity": "low", "min_loss": 0}]


@pytest.mark.parametrize("loss,days,critical,expected", [
    (0.85, 30, False, "critical"), (0.85, 31, False, "high"), (0.3, 5, False, "medium"),
    (0.1, None, False, "low"), (0.1, None, True, "medium"), (0.85, 10, True, "critical"),
])
def test_severity_follows_the_policy_rules(loss, days, critical, expected):
    assert severity(loss, days, critical, RULES) == expected


def test_validation_finds_cycles_bad_shares_unknown_countries_and_supplier_customers():
    smap = gan_map()
    smap.sources += [
        Source("GA", "A", "XX", 1.0, buyer="G1", for_item="GA", key=("sources", 9)),
        Source("WAFER", "A", "JP", 1.0, buyer="G1", for_item="GA", key=("sources", 10)),  # G1 ← A ← G1
        Source("CAP", "C1", "JP", 0.2, key=("sources", 11)),  # CAP now adds up to 120 %; C1 buys RF1
    ]
    smap.reindex()
    issues = check(smap)
    found = {(i.level, i.code, i.row) for i in issues}
    assert ("error", "supply.unknown_country", 9) in found
    assert ("warning", "supply.supplier_is_customer", 11) in found
    shares = [i for i in issues if i.code == "supply.shares_do_not_add_up"]
    assert [(i.params["item"], i.params["total"]) for i in shares] == [("CAP", 120.0)]
    cycles = [i for i in issues if i.code == "supply.cycle"]
    assert len(cycles) == 1 and "G1:GA" in cycles[0].params["chain"] and "A:WAFER" in cycles[0].params["chain"]


def test_a_clean_map_has_no_issues():
    assert check(gan_map()) == []
