"""Figures over the map: single sources, concentration (HHI), concern countries, choke points, coverage.

Every figure can say where it comes from: ``explain_*`` return the paths through the map that
make it (see ``graph.loss``). Shares multiply down the tiers; across the inputs a supplier
needs, the worst input decides (``graph`` explains why).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Hashable, Iterable

from mamoru.supplychain.graph import US, Path, Source, SupplyMap, dependence, hhi, loss


@dataclass(frozen=True)
class Concentration:
    """HHI by supplier and by country; ``tier1_*`` from our own purchases, ``deep_*`` through every tier."""

    subject: str
    tier1_supplier_hhi: float
    tier1_country_hhi: float
    deep_supplier_hhi: float
    deep_country_hhi: float
    by_country: dict[str, float]   # share of volume that stops if the country stops, through every tier
    by_supplier: dict[str, float]

    @property
    def top_country(self) -> tuple[str, float] | None:
        return max(self.by_country.items(), key=lambda kv: kv[1]) if self.by_country else None

    def as_dict(self) -> dict:
        return {"subject": self.subject, "tier1_supplier_hhi": self.tier1_supplier_hhi,
                "tier1_country_hhi": self.tier1_country_hhi, "deep_supplier_hhi": self.deep_supplier_hhi,
                "deep_country_hhi": self.deep_country_hhi,
                "by_country": {k: round(v, 4) for k, v in sorted(self.by_country.items(), key=lambda kv: -kv[1])},
                "by_supplier": {k: round(v, 4) for k, v in sorted(self.by_supplier.items(), key=lambda kv: -kv[1])}}


@dataclass
class Figures:
    """Every concentration figure of a map: per item, per product, and overall."""

    items: dict[str, Concentration] = field(default_factory=dict)
    products: dict[str, Concentration] = field(default_factory=dict)
    overall: Concentration | None = None


def _tier1(sources: list[Source], key) -> dict[Hashable, float]:
    out: dict[Hashable, float] = {}
    for s in sources:
        out[key(s)] = out.get(key(s), 0.0) + s.share
    return out


def _combine(vectors: Iterable[dict], how: str) -> dict:
    vectors = list(vectors)
    out: dict = {}
    for vec in vectors:
        for k, v in vec.items():
            out[k] = max(out.get(k, 0.0), v) if how == "max" else out.get(k, 0.0) + v / len(vectors)
    return out


def concentration(smap: SupplyMap) -> Figures:
    """All concentration figures in one pass per key (memoised walks)."""
    by_country = dependence(smap, lambda s: s.country)
    by_supplier = dependence(smap, lambda s: s.supplier)
    figures = Figures()
    item_vectors: dict[str, tuple[dict, dict, dict, dict]] = {}
    for code in smap.items:
        t1 = smap.tier1(code)
        if not t1:
            continue
        vc, vs = by_country((US, code)), by_supplier((US, code))
        tc, ts = _tier1(t1, lambda s: s.country), _tier1(t1, lambda s: s.supplier)
        item_vectors[code] = (vc, vs, tc, ts)
        figures.items[code] = Concentration(code, hhi(ts.values()), hhi(tc.values()), hhi(vs.values()),
                                            hhi(vc.values()), vc, vs)
    for product in smap.products.values():
        vecs = [item_vectors[i] for i, _ in product.items if i in item_vectors]
        if not vecs:
            continue
        vc, vs = _combine((v[0] for v in vecs), "max"), _combine((v[1] for v in vecs), "max")
        tc, ts = _combine((v[2] for v in vecs), "max"), _combine((v[3] for v in vecs), "max")
        figures.products[product.code] = Concentration(product.code, hhi(ts.values()), hhi(tc.values()),
                                                       hhi(vs.values()), hhi(vc.values()), vc, vs)
    if figures.products:
        prods = list(figures.products.values())
        vc = _combine((p.by_country for p in prods), "mean")
        vs = _combine((p.by_supplier for p in prods), "mean")
        figures.overall = Concentration("*", 0.0, 0.0, hhi(vs.values()), hhi(vc.values()), vc, vs)
    return figures


def explain_item(smap: SupplyMap, item: str, country: str | None = None, supplier: str | None = None,
                 limit: int = 20) -> tuple[float, list[Path]]:
    """The share of an item that stops with one country (or supplier), and the paths that make it."""
    if country is not None:
        walk = loss(smap, lambda s: s.country == country)
    else:
        walk = loss(smap, lambda s: s.supplier == supplier)
    value, paths = walk((US, item))
    return value, paths[:limit]


# --- single sources ------------------------------------------------------------------------

@dataclass(frozen=True)
class SingleSource:
    item: str
    supplier: str
    tier: int
    via: tuple[str, ...]  # the suppliers above it (empty at tier 1)
    products: tuple[str, ...]


class _Reach:
    """For every node: the shallowest tier its sources sit at, the products and our items it feeds.

    Walks the declared tiers backwards once (memoised), so questions about "what does this
    feed" cost one pass over the sources, not one walk per item.
    """

    def __init__(self, smap: SupplyMap) -> None:
        self.smap = smap
        self.parents: dict[tuple, set[tuple]] = {}
        for s in smap.sources:
            self.parents.setdefault(s.child, set()).add(s.node)
        self.memo: dict[tuple, tuple[int, frozenset[str], frozenset[str]]] = {}

    def __call__(self, node: tuple, trail: frozenset = frozenset()) -> tuple[int, frozenset[str], frozenset[str]]:
        if node in self.memo:
            return self.memo[node]
        if node[0] is US:
            self.memo[node] = (1, frozenset(self.smap.products_of(node[1])), frozenset({node[1]}))
            return self.memo[node]
        tier, products, items = 10**6, set(), set()
        for parent in self.parents.get(node, ()):
            if parent in trail:
                continue
            t, p, i = self(parent, trail | {node})
            tier, products, items = min(tier, t + 1), products | p, items | i
        self.memo[node] = (tier, frozenset(products), frozenset(items))
        return self.memo[node]


def single_sources(smap: SupplyMap, share: float = 0.999) -> list[SingleSource]:
    """Inputs bought from one supplier only, at any tier, each once, with every product they reach.

    ``via`` is the buyer that declared it (empty at tier 1); ``tier`` the shallowest it occurs at.
    """
    reach = _Reach(smap)
    found: list[SingleSource] = []
    for node, by_item in smap.groups.items():
        tier, products, _items = reach(node)
        if tier >= 10**6:
            continue
        for input_item, sources in sorted(by_item.items()):
            suppliers = _tier1(sources, lambda s: s.supplier)
            top = max(suppliers.items(), key=lambda kv: kv[1])
            if top[1] >= share:
                via = () if node[0] is US else (node[0],)
                found.append(SingleSource(input_item, top[0], tier, via, tuple(sorted(products))))
    return sorted(found, key=lambda s: (s.tier, -len(s.products), s.item, s.supplier))


# --- countries of concern ------------------------------------------------------------------

@dataclass(frozen=True)
class Dependence:
    subject: str
    share: float
    paths: tuple[Path, ...]


def concern(smap: SupplyMap, countries: Iterable[str], limit: int = 20) -> dict[str, list[Dependence]]:
    """Per item and per product: the share of volume that passes through a country of concern."""
    wanted = {c.upper() for c in countries}
    walk = loss(smap, lambda s: s.country in wanted)
    items: list[Dependence] = []
    by_item: dict[str, Dependence] = {}
    for code in smap.items:
        value, paths = walk((US, code))
        if value > 0:
            by_item[code] = Dependence(code, value, tuple(paths[:limit]))
            items.append(by_item[code])
    products = []
    for product in smap.products.values():
        worst = max((by_item[i] for i, _ in product.items if i in by_item), key=lambda d: d.share, default=None)
        if worst is not None:
            products.append(Dependence(product.code, worst.share, worst.paths))
    return {"items": sorted(items, key=lambda d: (-d.share, d.subject)),
            "products": sorted(products, key=lambda d: (-d.share, d.subject))}


# --- choke points --------------------------------------------------------------------------

@dataclass(frozen=True)
class ChokePoint:
    kind: str  # supplier | site | country
    name: str
    products: tuple[str, ...]
    items: tuple[str, ...]
    worst_share: float


def choke_points(smap: SupplyMap, minimum: int = 2, limit: int = 100) -> list[ChokePoint]:
    """Suppliers, sites and countries that feed ``minimum`` or more products (through any tier).

    Which products a node feeds comes from one backward pass (``_Reach``); the worst share of an
    item that stops with it is walked only for the ``limit`` nodes feeding the most products.
    """
    reach = _Reach(smap)
    keys = {"supplier": lambda s: s.supplier, "site": lambda s: f"{s.supplier}/{s.site}" if s.site else None,
            "country": lambda s: s.country}
    feeds: dict[tuple[str, str], tuple[set[str], set[str]]] = {}
    for s in smap.sources:
        tier, products, items = reach(s.node)
        if tier >= 10**6:
            continue
        for kind, key in keys.items():
            k = key(s)
            if k is None:
                continue
            entry = feeds.setdefault((kind, k), (set(), set()))
            entry[0].update(products)
            entry[1].update(items)
    ranked = sorted(((kind, k, p, i) for (kind, k), (p, i) in feeds.items() if len(p) >= minimum),
                    key=lambda e: (-len(e[2]), e[0], e[1]))[:limit]
    out = []
    for kind, k, products, items in ranked:
        walk = loss(smap, lambda s, kind=kind, k=k: keys[kind](s) == k)
        worst = max((walk((US, code))[0] for code in items), default=0.0)
        out.append(ChokePoint(kind, str(k), tuple(sorted(products)), tuple(sorted(items)), worst))
    return sorted(out, key=lambda c: (-len(c.products), -c.worst_share, c.kind, c.name))


# --- coverage ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Coverage:
    """Stock days against lead time for one of our items; ``gap`` < 0: stock runs out before a new order arrives."""

    item: str
    stock_days: int
    lead_time_days: int
    gap: int
    sources: tuple[tuple[str, int, int], ...]  # (supplier, safety stock days, lead time days)

    @property
    def covered(self) -> bool:
        return self.gap >= 0


def coverage(smap: SupplyMap) -> list[Coverage]:
    out = []
    for code in smap.items:
        t1 = smap.tier1(code)
        if not t1:
            continue
        rows = tuple((s.supplier, s.safety_stock_days, s.lead_time_days) for s in t1)
        worst = min(rows, key=lambda r: r[1] - r[2])
        out.append(Coverage(code, worst[1], worst[2], worst[1] - worst[2], rows))
    return sorted(out, key=lambda c: (c.gap, c.item))
