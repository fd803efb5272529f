"""The supply map as plain data, and the one walk every figure is made of.

A *source* is one supplier (at one site, hence one country) of one item to one buyer, with a
share of that buyer's volume. Our own purchases have ``buyer=None`` (tier 1). A supplier may
declare its own sources: rows with ``buyer`` = that supplier and ``for_item`` = the item it
makes for us with them (tier 2, and so on down). A *node* is ``(buyer, for_item)``: what one
buyer needs to make one item; its sources are grouped by the input item.

Losses combine the way production does (a bottleneck): within one input, shares add; across
the different inputs a buyer needs, the worst input decides (you cannot make a wafer without
gallium, however much substrate you have).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Hashable, Iterable

US = None  # the buyer of tier-1 sources


@dataclass(frozen=True)
class Item:
    code: str
    name: str = ""
    kind: str = "part"
    critical_good: str | None = None
    domain: str | None = None
    export_controlled: bool = False


@dataclass(frozen=True)
class Product:
    code: str
    name: str = ""
    customers: tuple[str, ...] = ()
    items: tuple[tuple[str, float], ...] = ()  # (item code, quantity per product)


@dataclass(frozen=True)
class Source:
    item: str
    supplier: str
    country: str
    share: float
    buyer: str | None = US
    for_item: str | None = None  # None: the item itself (tier 1, or a trader passing it on)
    site: str = ""
    lead_time_days: int = 0
    safety_stock_days: int = 0
    price: float | None = None
    key: Hashable = None

    @property
    def made_for(self) -> str:
        return self.for_item or self.item

    @property
    def node(self) -> tuple[str | None, str]:
        """The node this source feeds."""
        return (self.buyer, self.made_for)

    @property
    def child(self) -> tuple[str, str]:
        """The node of the supplier's own inputs for this item."""
        return (self.supplier, self.item)


@dataclass(frozen=True)
class Step:
    """One hop of a path: tier n, ``supplier`` at ``site`` in ``country`` supplies ``item`` with ``share``."""

    tier: int
    item: str
    supplier: str
    site: str
    country: str
    share: float

    def as_dict(self) -> dict:
        return {"tier": self.tier, "item": self.item, "supplier": self.supplier, "site": self.site,
                "country": self.country, "share": round(self.share, 4)}


@dataclass(frozen=True)
class Path:
    """A chain of sources from one of our items down to where a disruption hits; ``weight`` = product of shares."""

    weight: float
    steps: tuple[Step, ...]

    def as_dict(self) -> dict:
        return {"weight": round(self.weight, 4), "steps": [s.as_dict() for s in self.steps]}


@dataclass
class SupplyMap:
    items: dict[str, Item] = field(default_factory=dict)
    products: dict[str, Product] = field(default_factory=dict)
    sources: list[Source] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.reindex()

    def reindex(self) -> None:
        groups: dict[tuple, dict[str, list[Source]]] = defaultdict(lambda: defaultdict(list))
        for s in self.sources:
            groups[s.node][s.item].append(s)
        self.groups = {node: dict(by_item) for node, by_item in groups.items()}
        users: dict[str, list[str]] = defaultdict(list)
        for product in self.products.values():
            for code, _qty in product.items:
                if not users[code] or users[code][-1] != product.code:
                    users[code].append(product.code)
        self._products_of = dict(users)

    def tier1(self, item: str) -> list[Source]:
        return self.groups.get((US, item), {}).get(item, [])

    def products_of(self, item: str) -> list[str]:
        """The products whose bill of materials lists ``item`` (indexed; call ``reindex`` after changes)."""
        return self._products_of.get(item, [])


# --- the walk -------------------------------------------------------------------------------

Key = Callable[[Source], Hashable]


def dependence(smap: SupplyMap, key: Key) -> Callable[[tuple], dict[Hashable, float]]:
    """``vector(node)``: for each key value (a country, a supplier…), the share of the node's
    volume that stops if everything with that key stops, through every tier.

    Memoised per node, so a whole map costs one pass per key function.
    """
    memo: dict[tuple, dict[Hashable, float]] = {}

    def vector(node: tuple, trail: frozenset = frozenset()) -> dict[Hashable, float]:
        if node in memo:
            return memo[node]
        if node in trail:  # a declared cycle: stop here (validation reports it)
            return {}
        trail = trail | {node}
        best: dict[Hashable, float] = {}
        for sources in smap.groups.get(node, {}).values():
            vec: dict[Hashable, float] = defaultdict(float)
            for s in sources:
                k = key(s)
                vec[k] += s.share
                for ck, cv in vector(s.child, trail).items():
                    if ck != k:
                        vec[ck] += s.share * cv
            for k, v in vec.items():
                if v > best.get(k, 0.0):
                    best[k] = min(v, 1.0)
        memo[node] = best
        return best

    return vector


Hit = Callable[[Source], bool]


def loss(smap: SupplyMap, hit: Hit) -> Callable[[tuple], tuple[float, list[Path]]]:
    """``walk(node)``: the share of the node's volume a disruption stops, and the paths that make it."""
    memo: dict[tuple, tuple[float, list[Path], int]] = {}

    def walk(node: tuple, depth: int = 1, trail: frozenset = frozenset()) -> tuple[float, list[Path]]:
        cached = memo.get(node)
        if cached is not None and cached[2] == depth:
            return cached[0], cached[1]
        if node in trail:
            return 0.0, []
        trail = trail | {node}
        best, best_paths = 0.0, []
        for sources in smap.groups.get(node, {}).values():
            total, paths = 0.0, []
            for s in sources:
                step = Step(depth, s.item, s.supplier, s.site, s.country, s.share)
                if hit(s):
                    total += s.share
                    paths.append(Path(s.share, (step,)))
                    continue
                sub, sub_paths = walk(s.child, depth + 1, trail)
                if sub > 0:
                    total += s.share * sub
                    paths.extend(Path(s.share * p.weight, (step,) + p.steps) for p in sub_paths)
            if total > best:
                best, best_paths = total, paths
        result = (min(best, 1.0), sorted(best_paths, key=lambda p: -p.weight))
        memo[node] = (result[0], result[1], depth)
        return result

    return walk


def hhi(weights: Iterable[float]) -> float:
    """Herfindahl-Hirschman index on the 0..10,000 scale over the normalised weights."""
    values = [w for w in weights if w > 0]
    total = sum(values)
    if total <= 0:
        return 0.0
    return round(sum((w / total * 100) ** 2 for w in values), 1)


def reachable(smap: SupplyMap, item: str) -> Iterable[Source]:
    """Every source under one of our items, at any tier (each once)."""
    seen: set[tuple] = set()
    stack = [(US, item)]
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        for sources in smap.groups.get(node, {}).values():
            for s in sources:
                yield s
                stack.append(s.child)
