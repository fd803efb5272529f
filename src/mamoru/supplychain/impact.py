"""What a disruption puts at risk: items, products, customers, days of cover (the what-if).

A ``Disruption`` says what stops: a country's exports of a material, a supplier, or a supplier
whose lead time grows past the stock held for it. ``impact`` walks the map and returns what
stops with it, with the paths that explain each figure. Nothing is recorded here.

Days of cover (until stock runs out): for a tier-1 source that stops, the safety stock held
for it; when the stop is deeper (a tier-2 material), the tier-1 supplier's pipeline still
delivers for one lead time, so its lead time is added.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mamoru.supplychain.graph import US, Path, Source, SupplyMap, loss


@dataclass(frozen=True)
class Disruption:
    kind: str  # export_restriction | supplier_stop | lead_time_change
    country: str | None = None
    item: str | None = None
    supplier: str | None = None
    lead_time_days: int | None = None  # lead_time_change: the new lead time

    def hit(self, s: Source) -> bool:
        if self.item and s.item != self.item:
            return False
        if self.kind == "export_restriction":
            return s.country == self.country
        if self.kind == "lead_time_change":
            return s.supplier == self.supplier and (self.lead_time_days or 0) > s.safety_stock_days
        return s.supplier == self.supplier

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass(frozen=True)
class ItemImpact:
    item: str
    loss: float
    days_of_cover: int | None
    products: tuple[str, ...]
    paths: tuple[Path, ...]

    def as_dict(self) -> dict:
        return {"item": self.item, "loss": round(self.loss, 4), "days_of_cover": self.days_of_cover,
                "products": list(self.products), "paths": [p.as_dict() for p in self.paths]}


@dataclass(frozen=True)
class ProductImpact:
    product: str
    loss: float
    days_of_cover: int | None
    items: tuple[str, ...]
    customers: tuple[str, ...]

    def as_dict(self) -> dict:
        return {"product": self.product, "loss": round(self.loss, 4), "days_of_cover": self.days_of_cover,
                "items": list(self.items), "customers": list(self.customers)}


@dataclass
class Impact:
    disruption: Disruption
    items: list[ItemImpact] = field(default_factory=list)
    products: list[ProductImpact] = field(default_factory=list)

    @property
    def customers(self) -> list[str]:
        return sorted({c for p in self.products for c in p.customers})

    @property
    def worst_loss(self) -> float:
        return max((p.loss for p in self.products), default=max((i.loss for i in self.items), default=0.0))

    @property
    def days_of_cover(self) -> int | None:
        days = [i.days_of_cover for i in self.items if i.days_of_cover is not None]
        return min(days) if days else None

    def as_dict(self) -> dict:
        return {"disruption": self.disruption.as_dict(), "items": [i.as_dict() for i in self.items],
                "products": [p.as_dict() for p in self.products], "customers": self.customers,
                "worst_loss": round(self.worst_loss, 4), "days_of_cover": self.days_of_cover}


def impact(smap: SupplyMap, disruption: Disruption, path_limit: int = 10,
           items: list[str] | None = None) -> Impact:
    """Everything the disruption stops; ``items`` limits the walk to candidates (an index may supply them)."""
    walk = loss(smap, disruption.hit)
    result = Impact(disruption)
    by_item: dict[str, ItemImpact] = {}
    for code in (items if items is not None else smap.items):
        value, paths = walk((US, code))
        if value <= 0:
            continue
        days = []
        for s in smap.tier1(code):
            if disruption.hit(s):
                days.append(s.safety_stock_days)
            elif walk(s.child, 2)[0] > 0:
                days.append(s.safety_stock_days + s.lead_time_days)
        by_item[code] = ItemImpact(code, value, min(days) if days else None, tuple(smap.products_of(code)),
                                   tuple(paths[:path_limit]))
    result.items = sorted(by_item.values(), key=lambda i: (-i.loss, i.item))
    for product in smap.products.values():
        hit = [by_item[i] for i, _ in product.items if i in by_item]
        if not hit:
            continue
        days = [i.days_of_cover for i in hit if i.days_of_cover is not None]
        result.products.append(ProductImpact(product.code, max(i.loss for i in hit), min(days) if days else None,
                                             tuple(i.item for i in hit), product.customers))
    result.products.sort(key=lambda p: (-p.loss, p.product))
    return result


def severity(loss_share: float, days_of_cover: int | None, critical: bool, rules: list[dict],
             critical_goods_raise: bool = True, levels: tuple[str, ...] = ("low", "medium", "high", "critical")) -> str:
    """The first policy rule that matches (``min_loss``, optional ``max_days_of_cover``); designated
    critical goods lift it one level when the policy says so."""
    chosen = levels[0]
    for rule in rules:
        if loss_share + 1e-9 < float(rule.get("min_loss", 0)):
            continue
        limit = rule.get("max_days_of_cover")
        if limit is not None and (days_of_cover is None or days_of_cover > int(limit)):
            continue
        chosen = rule["severity"]
        break
    if critical and critical_goods_raise and chosen != levels[-1]:
        chosen = levels[levels.index(chosen) + 1]
    return chosen
