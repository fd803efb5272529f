"""The map as a server-side SVG: products → items → suppliers (one column per tier) → countries.

No JavaScript and nothing from a CDN: plain SVG markup the page embeds (and the PDF report
draws). Line width follows the share; countries of concern and single sources are marked red.
Large maps are cut to the first ``max_products`` products (the page says so).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from mamoru.supplychain.graph import US, SupplyMap

COL_W, NODE_W, NODE_H, GAP, TOP = 210, 160, 22, 6, 34
RED, INK, MUTED = "#b3261e", "#1d2430", "#5b6575"


@dataclass
class Drawn:
    svg: str
    products_shown: int
    products_total: int


def _short(text: str, n: int = 22) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def draw(smap: SupplyMap, labels: dict[str, str] | None = None, concern: set[str] = frozenset(),
         headers: tuple[str, str, str, str] = ("products", "items", "tier {n}", "countries"),
         max_products: int = 25, single_share: float = 0.999) -> Drawn:
    labels = labels or {}
    products = sorted(smap.products.values(), key=lambda p: p.code)
    shown = products[:max_products]
    items: list[str] = []
    edges: list[tuple[tuple[int, str], tuple[int, str], float, bool]] = []
    for p in shown:
        for code, _qty in p.items:
            if code not in items:
                items.append(code)
            edges.append(((0, p.code), (1, code), 1.0, False))
    tier_of: dict[str, int] = {}
    supplier_edges: list[tuple[str | None, str, str, float, bool]] = []  # (buyer or None, item, supplier, ...)
    countries: dict[str, float] = {}
    stack = [((US, code), 1, code) for code in items]
    seen: set[tuple] = set()
    while stack:
        node, tier, item = stack.pop(0)
        if node in seen:
            continue
        seen.add(node)
        for sources in smap.groups.get(node, {}).values():
            single = len({s.supplier for s in sources}) == 1 or max(s.share for s in sources) >= single_share
            for s in sources:
                tier_of[s.supplier] = min(tier_of.get(s.supplier, tier), tier)
                supplier_edges.append((node[0], item, s.supplier, s.share, single))
                countries[s.country] = countries.get(s.country, 0.0) + 0
                stack.append((s.child, tier + 1, item))
    tiers = max(tier_of.values(), default=1)
    columns: list[list[str]] = [[p.code for p in shown], items]
    for n in range(1, tiers + 1):
        columns.append(sorted(code for code, t in tier_of.items() if t == n))
    country_col = len(columns)
    columns.append(sorted(countries))
    where: dict[tuple[int, str], tuple[float, float]] = {}
    for col, names in enumerate(columns):
        for row, name in enumerate(names):
            where[(col, name)] = (10 + col * COL_W, TOP + row * (NODE_H + GAP))
    for buyer, item, supplier, share, single in supplier_edges:
        src = (1, item) if buyer is US else (1 + tier_of[buyer], buyer)
        edges.append((src, (1 + tier_of[supplier], supplier), share, single))
    for s in smap.sources:
        if s.supplier in tier_of:
            edges.append(((1 + tier_of[s.supplier], s.supplier), (country_col, s.country), 0.0, False))
    height = TOP + max((len(c) for c in columns), default=1) * (NODE_H + GAP) + 10
    width = 10 + len(columns) * COL_W
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="supply-map" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img" font-family="Hiragino Sans, Yu Gothic UI, Meiryo, Noto Sans CJK JP, IPAexGothic, MamoruJP, sans-serif" font-size="11">']
    titles = [headers[0], headers[1]] + [headers[2].format(n=n) for n in range(1, tiers + 1)] + [headers[3]]
    for col, title in enumerate(titles):
        out.append(f'<text x="{10 + col * COL_W}" y="18" font-weight="bold" fill="{INK}">{escape(title)}</text>')
    drawn: set[tuple] = set()
    for src, dst, share, single in edges:
        if src not in where or dst not in where or (src, dst) in drawn:
            continue
        drawn.add((src, dst))
        x1, y1 = where[src][0] + NODE_W, where[src][1] + NODE_H / 2
        x2, y2 = where[dst][0], where[dst][1] + NODE_H / 2
        mid = (x1 + x2) / 2
        color = RED if single or (dst[0] == country_col and dst[1] in concern) else "#7a8aa6"
        width_ = 1 + 5 * share if share else 1
        out.append(f'<path d="M{x1:.0f},{y1:.0f} C{mid:.0f},{y1:.0f} {mid:.0f},{y2:.0f} {x2:.0f},{y2:.0f}" '
                   f'fill="none" stroke="{color}" stroke-opacity="0.55" stroke-width="{width_:.1f}">'
                   f'<title>{escape(src[1])} → {escape(dst[1])}{f" {share * 100:.0f}%" if share else ""}</title></path>')
    for (col, name), (x, y) in where.items():
        text = name if col == country_col else f"{name} {labels.get(name, '')}".strip()
        stroke = RED if (col == country_col and name in concern) else MUTED
        fill = "#fde8e6" if (col == country_col and name in concern) else "#ffffff"
        out.append(f'<g class="node"><rect x="{x}" y="{y}" width="{NODE_W}" height="{NODE_H}" rx="4" fill="{fill}" '
                   f'stroke="{stroke}"/><text x="{x + 6}" y="{y + 15}" fill="{INK}">{escape(_short(text))}'
                   f'<title>{escape(text)}</title></text></g>')
    out.append("</svg>")
    return Drawn("".join(out), len(shown), len(products))
