"""The supply map as a use case: load it as plain data, figure it, ask what-if, read products and items.

Loading turns the stored map into ``supplychain.graph.SupplyMap`` (codes, not ids) in three
queries; every figure is computed from that, so the pure functions are what is tested.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from mamoru.domain import supplychain as vocab
from mamoru.errors import InvalidInput, NotFound
from mamoru.services import common as c
from mamoru.services.uow import Context
from mamoru.store.models import Partner
from mamoru.store.models.supplychain import BomLine, Item, Product, Site, Source, product_customers
from mamoru.supplychain import analysis, graph
from mamoru.domain.countries import is_country
from mamoru.supplychain.impact import Disruption, Impact, impact


def load_map(ctx: Context) -> graph.SupplyMap:
    """The whole active map as plain data (read-only; callers need ``read``)."""
    ctx.require("read")
    s = ctx.session
    items = {row.code: graph.Item(row.code, row.name, row.kind, row.critical_good, row.domain, row.export_controlled)
             for row in s.execute(select(Item.code, Item.name, Item.kind, Item.critical_good, Item.domain,
                                         Item.export_controlled))}
    customers: dict[int, list[str]] = {}
    for pid, code in s.execute(select(product_customers.c.product_id, Partner.code)
                               .join(Partner, Partner.id == product_customers.c.partner_id)
                               .order_by(Partner.code)):
        customers.setdefault(pid, []).append(code)
    lines: dict[int, list[tuple[str, float]]] = {}
    for pid, code, qty in s.execute(select(BomLine.product_id, Item.code, BomLine.quantity)
                                    .join(Item, Item.id == BomLine.item_id).order_by(BomLine.id)):
        lines.setdefault(pid, []).append((code, qty))
    products = {code: graph.Product(code, name, tuple(customers.get(pid, ())), tuple(lines.get(pid, ())))
                for pid, code, name in s.execute(select(Product.id, Product.code, Product.name))}
    supplier, buyer = aliased(Partner), aliased(Partner)
    item, for_item = aliased(Item), aliased(Item)
    query = (select(Source.id, item.code, supplier.code, supplier.country, Site.code, Site.country, Source.share,
                    buyer.code, for_item.code, Source.lead_time_days, Source.safety_stock_days, Source.price)
             .join(item, item.id == Source.item_id).join(supplier, supplier.id == Source.supplier_id)
             .outerjoin(Site, Site.id == Source.site_id).outerjoin(buyer, buyer.id == Source.buyer_id)
             .outerjoin(for_item, for_item.id == Source.for_item_id)
             .where(Source.status == "active").order_by(Source.id))
    sources = [graph.Source(i, sup, site_country or sup_country, share, b, f, site or "", lead, stock, price, key=sid)
               for sid, i, sup, sup_country, site, site_country, share, b, f, lead, stock, price in s.execute(query)]
    return graph.SupplyMap(items, products, sources)


def concern_countries(ctx: Context, extra: Any = None) -> list[str]:
    """Countries of concern: the policy's, plus any the person adds (``"CN, RU"``)."""
    chosen = list(ctx.policy.section("supply")["concern_countries"])
    for code in c.names(extra.replace(",", ";") if isinstance(extra, str) else extra, "concern"):
        code = str(code).strip().upper()
        if not is_country(code):
            raise InvalidInput("supply.unknown_country", country=code, field="concern")
        if code not in chosen:
            chosen.append(code)
    return chosen


@dataclass
class Overview:
    """Everything the analysis page shows, from one load of the map."""

    smap: graph.SupplyMap
    figures: analysis.Figures
    single_sources: list[analysis.SingleSource]
    concern: dict[str, list[analysis.Dependence]]
    concern_countries: list[str]
    choke_points: list[analysis.ChokePoint]
    coverage: list[analysis.Coverage]


def overview(ctx: Context, concern: Any = None, smap: graph.SupplyMap | None = None) -> Overview:
    cfg = ctx.policy.section("supply")
    smap = smap or load_map(ctx)
    countries = concern_countries(ctx, concern)
    return Overview(smap, analysis.concentration(smap),
                    analysis.single_sources(smap, float(cfg["single_source_share"])),
                    analysis.concern(smap, countries), countries,
                    analysis.choke_points(smap, int(cfg["choke_point_products"]), limit=50), analysis.coverage(smap))


def disruption(ctx: Context, kind: str, country: Any = None, item: Any = None, supplier: Any = None,
               lead_time_days: Any = None) -> Disruption:
    """A checked what-if: the country is ISO, the item and supplier exist."""
    kind = c.choice("kind", kind, ("export_restriction", "supplier_stop", "lead_time_change"))
    if kind == "export_restriction":
        country = (country or "").strip().upper()
        if not is_country(country):
            raise InvalidInput("supply.unknown_country", country=country or "-", field="country")
    else:
        country = None
    item_code = None
    if item:
        item_code = c.require_text("item", item, 64)
        if ctx.session.execute(select(Item.id).where(Item.code == item_code)).first() is None:
            raise NotFound("supply.item_not_found", code=item_code)
    supplier_code = None
    if kind != "export_restriction":
        supplier_code = c.by_code(ctx, Partner, supplier or "").code
    days = None
    if kind == "lead_time_change":
        days = _days(lead_time_days, "lead_time_days")
    return Disruption(kind, country, item_code, supplier_code, days)


def what_if(ctx: Context, kind: str, **params: Any) -> Impact:
    """The impact of a disruption on the current map; nothing is recorded."""
    ctx.require("read")
    return impact_of(ctx, disruption(ctx, kind, **params))


def impact_of(ctx: Context, what: Disruption) -> Impact:
    """The impact of one disruption, loading only the part of the map it touches.

    Walks up from the sources it hits to our own items (a few indexed queries per tier); the
    whole map is never loaded, so one signal costs what it touches (benchmarks/supplychain.py).
    """
    ctx.require("read")
    sub, items = _affected_map(ctx, what)
    return impact(sub, what, items=items)


_ITEM, _FOR, _SUPPLIER, _BUYER = aliased(Item), aliased(Item), aliased(Partner), aliased(Partner)
_COLUMNS = (Source.id, Source.item_id, Source.supplier_id, Source.buyer_id, Source.for_item_id, _ITEM.code,
            _SUPPLIER.code, _SUPPLIER.country, Site.code, Site.country, Source.share, _BUYER.code, _FOR.code,
            Source.lead_time_days, Source.safety_stock_days, Source.price)


def _sources(ctx: Context, *where: Any) -> list[Any]:
    query = (select(*_COLUMNS).join(_ITEM, _ITEM.id == Source.item_id).join(_SUPPLIER, _SUPPLIER.id == Source.supplier_id)
             .outerjoin(Site, Site.id == Source.site_id).outerjoin(_BUYER, _BUYER.id == Source.buyer_id)
             .outerjoin(_FOR, _FOR.id == Source.for_item_id).where(Source.status == "active", *where))
    return list(ctx.session.execute(query))


def _chunks(values: set, size: int = 900):
    ordered = sorted(values)
    for start in range(0, len(ordered), size):
        yield ordered[start:start + size]


def _affected_map(ctx: Context, what: Disruption) -> tuple[graph.SupplyMap, list[str]]:
    """The sources on some path from one of our items down to a source the disruption hits.

    A source whose supplier's inputs nothing hits contributes nothing to a loss, so only the
    hit sources and their ancestors are needed: one query for the hits, then one per tier up.
    """
    if what.kind == "export_restriction":
        hit_where = [func.coalesce(Site.country, _SUPPLIER.country) == what.country]
    else:
        hit_where = [_SUPPLIER.code == what.supplier]
    if what.item:
        hit_where.append(_ITEM.code == what.item)
    found = {r.id: r for r in _sources(ctx, *hit_where)}
    nodes = {(r.buyer_id, r.for_item_id or r.item_id) for r in found.values()}
    items: set[int] = set()
    seen: set[tuple] = set()
    while nodes:
        seen |= nodes
        items |= {i for b, i in nodes if b is None}
        upper = {(b, i) for b, i in nodes if b is not None}
        nodes = set()
        for chunk in _chunks({b for b, _ in upper}):
            for r in _sources(ctx, Source.supplier_id.in_(chunk), Source.item_id.in_(sorted({i for _, i in upper}))):
                if (r.supplier_id, r.item_id) in upper:
                    found[r.id] = r
                    node = (r.buyer_id, r.for_item_id or r.item_id)
                    if node not in seen:
                        nodes.add(node)
    sources = [graph.Source(r[5], r[6], r[9] or r[7], r.share, r[11], r[12], r[8] or "", r.lead_time_days,
                            r.safety_stock_days, r.price, key=r.id) for r in found.values()]
    codes = dict(ctx.session.execute(select(Item.id, Item.code).where(Item.id.in_(items))).all()) if items else {}
    products = _products_using(ctx, set(codes))
    smap = graph.SupplyMap({c: graph.Item(c) for c in codes.values()}, products, sources)
    return smap, sorted(codes.values())


def _products_using(ctx: Context, item_ids: set[int]) -> dict[str, graph.Product]:
    lines: dict[int, list[tuple[str, float]]] = {}
    for chunk in _chunks(item_ids):
        for pid, code, qty in ctx.session.execute(select(BomLine.product_id, Item.code, BomLine.quantity)
                                                  .join(Item, Item.id == BomLine.item_id)
                                                  .where(BomLine.item_id.in_(chunk))):
            lines.setdefault(pid, []).append((code, qty))
    if not lines:
        return {}
    customers: dict[int, list[str]] = {}
    for pid, code in ctx.session.execute(select(product_customers.c.product_id, Partner.code)
                                         .join(Partner, Partner.id == product_customers.c.partner_id)
                                         .where(product_customers.c.product_id.in_(list(lines)))
                                         .order_by(Partner.code)):
        customers.setdefault(pid, []).append(code)
    return {code: graph.Product(code, "", tuple(customers.get(pid, ())), tuple(lines[pid]))
            for pid, code in ctx.session.execute(select(Product.id, Product.code).where(Product.id.in_(list(lines))))}


def _days(value: Any, field: str) -> int:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise InvalidInput("supply.invalid_number", field=field, value=value) from None
    if not 0 <= number <= 3650:
        raise InvalidInput("supply.invalid_number", field=field, value=value)
    return number


def item_labels(ctx: Context) -> dict[str, str]:
    return dict(ctx.session.execute(select(Item.code, Item.name)).all())


def product_labels(ctx: Context) -> dict[str, str]:
    return dict(ctx.session.execute(select(Product.code, Product.name)).all())


def critical_items(smap: graph.SupplyMap) -> set[str]:
    return {code for code, item in smap.items.items() if item.critical_good}


CRITICAL_GOODS = vocab.CRITICAL_GOODS
