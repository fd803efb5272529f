"""A channel's series as a self-contained SVG (server-side: no script, no CDN): mean line, min-max band, range."""

from __future__ import annotations

from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 900, 300, 60, 15, 15, 35


def svg(buckets, start: datetime, end: datetime, low: float | None, high: float | None, unit: str,
        title: str, zone: str = "Asia/Tokyo") -> str:
    w, h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    values = [b.vmin for b in buckets] + [b.vmax for b in buckets] + [v for v in (low, high) if v is not None]
    lo, hi = (min(values), max(values)) if values else (0.0, 1.0)
    if hi == lo:
        lo, hi = lo - 1, hi + 1
    pad = (hi - lo) * 0.05
    lo, hi = lo - pad, hi + pad
    span = (end - start).total_seconds()

    def x(ts: datetime) -> float:
        return LEFT + w * (ts - start).total_seconds() / span

    def y(v: float) -> float:
        return TOP + h * (1 - (v - lo) / (hi - lo))

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
             f'height="{HEIGHT}" role="img" aria-label="{escape(title)}" font-family="sans-serif" font-size="11">',
             f'<title>{escape(title)}</title>',
             f'<rect x="{LEFT}" y="{TOP}" width="{w}" height="{h}" fill="#fff" stroke="#999"/>']
    for v, label in ((low, "low"), (high, "high")):
        if v is not None:
            parts.append(f'<line class="threshold {label}" x1="{LEFT}" x2="{LEFT + w}" y1="{y(v):.1f}" '
                         f'y2="{y(v):.1f}" stroke="#c00" stroke-dasharray="4 3"/>')
    if buckets:
        band = [f"{x(b.start):.1f},{y(b.vmax):.1f}" for b in buckets] + \
               [f"{x(b.start):.1f},{y(b.vmin):.1f}" for b in reversed(buckets)]
        parts.append(f'<polygon class="band" points="{" ".join(band)}" fill="#9cf" fill-opacity="0.5"/>')
        line = " ".join(f"{x(b.start):.1f},{y(b.avg):.1f}" for b in buckets)
        parts.append(f'<polyline class="mean" points="{line}" fill="none" stroke="#036" stroke-width="1.2"/>')
    for i in range(5):
        v = lo + (hi - lo) * i / 4
        parts.append(f'<text x="{LEFT - 4}" y="{y(v) + 4:.1f}" text-anchor="end">{v:.4g}</text>')
    tz = ZoneInfo(zone)
    for i in range(5):
        ts = start + (end - start) * i / 4
        parts.append(f'<text x="{x(ts):.1f}" y="{HEIGHT - 15}" text-anchor="middle">'
                     f'{ts.astimezone(tz).strftime("%m-%d %H:%M")}</text>')
    parts.append(f'<text x="{LEFT}" y="{HEIGHT - 2}">{escape(unit)} · {len(buckets)} values</text></svg>')
    return "".join(parts)
