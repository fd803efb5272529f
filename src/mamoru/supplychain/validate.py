"""Checks on a whole map before anything is written: the import's preview shows every issue.

Errors stop the import (nothing is written); warnings are shown and the import may go ahead.
Each issue names the sheet, the row and the column (``Source.key`` is ``(sheet, row)``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mamoru.domain.countries import is_country
from mamoru.supplychain.graph import US, SupplyMap


@dataclass(frozen=True)
class Issue:
    level: str  # error | warning
    sheet: str
    row: int
    column: str | None
    code: str
    params: dict[str, Any] = field(default_factory=dict)


def check(smap: SupplyMap, tolerance: float = 0.01) -> list[Issue]:
    issues: list[Issue] = []
    issues += _countries(smap)
    issues += _shares(smap, tolerance)
    issues += _cycles(smap)
    issues += _supplier_is_customer(smap)
    return issues


def _where(source) -> tuple[str, int]:
    key = source.key if isinstance(source.key, tuple) else ("sources", 0)
    return key[0], int(key[1])


def _countries(smap: SupplyMap) -> list[Issue]:
    out = []
    for s in smap.sources:
        if not is_country(s.country):
            sheet, row = _where(s)
            out.append(Issue("error", sheet, row, "country", "supply.unknown_country", {"country": s.country}))
    return out


def _shares(smap: SupplyMap, tolerance: float) -> list[Issue]:
    out = []
    for (buyer, for_item), by_item in smap.groups.items():
        for item, sources in by_item.items():
            total = sum(s.share for s in sources)
            if abs(total - 1.0) > tolerance:
                sheet, row = _where(sources[0])
                rows = sorted(_where(s)[1] for s in sources)
                out.append(Issue("error", sheet, row, "share", "supply.shares_do_not_add_up",
                                 {"item": item, "buyer": buyer or "-", "total": round(total * 100, 2),
                                  "rows": rows}))
    return out


def _cycles(smap: SupplyMap) -> list[Issue]:
    """Declared tiers that lead back to themselves (A buys from B for X, B from A for X)."""
    edges: dict[tuple, list] = {}
    for s in smap.sources:
        edges.setdefault(s.node, []).append(s)
    state: dict[tuple, int] = {}  # 1 on the stack, 2 done
    out: list[Issue] = []
    for start in list(edges):
        if state.get(start):
            continue
        stack: list[tuple[tuple, int]] = [(start, 0)]
        trail: list[tuple] = []
        state[start] = 1
        trail.append(start)
        while stack:
            node, index = stack.pop()
            children = edges.get(node, [])
            if index < len(children):
                stack.append((node, index + 1))
                source = children[index]
                child = source.child
                if state.get(child) == 1:
                    cycle = trail[trail.index(child):] + [child]
                    sheet, row = _where(source)
                    chain = " → ".join(f"{b or 'us'}:{i}" for b, i in cycle)
                    out.append(Issue("error", sheet, row, "supplier", "supply.cycle", {"chain": chain}))
                elif not state.get(child):
                    state[child] = 1
                    trail.append(child)
                    stack.append((child, 0))
            else:
                state[node] = 2
                trail.pop()
    return out[:20]


def _supplier_is_customer(smap: SupplyMap) -> list[Issue]:
    out = []
    for s in smap.sources:
        if s.buyer is not US:
            continue
        buyers = {c for p in smap.products.values() if any(i == s.item for i, _ in p.items) for c in p.customers}
        if s.supplier in buyers:
            sheet, row = _where(s)
            out.append(Issue("warning", sheet, row, "supplier", "supply.supplier_is_customer",
                             {"supplier": s.supplier, "item": s.item}))
    return out
