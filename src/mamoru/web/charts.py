"""Small server-side SVG charts for pages and PDFs (no JavaScript, works in WeasyPrint)."""

from __future__ import annotations

import math
from html import escape


def radar(labels: list[str], values: list[float | None], size: int = 460) -> str:
    """A radar chart of shares 0..1, one spoke per label; an unanswered area (None) sits at the centre, dashed."""
    n = len(labels)
    cx = cy = size / 2
    r = size / 2 - 120  # room for the labels (Japanese area names run long)
    parts = [f'<svg class="radar" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="{size}" '
             f'height="{size}" role="img" aria-label="radar">']

    def point(i: int, share: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        return cx + r * share * math.cos(angle), cy + r * share * math.sin(angle)

    for ring in (0.25, 0.5, 0.75, 1.0):
        ring_points = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, ring) for i in range(n)))
        parts.append(f'<polygon points="{ring_points}" fill="none" stroke="#d0d5dd" stroke-width="1"/>')
    for i, label in enumerate(labels):
        x, y = point(i, 1.0)
        parts.append(f'<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" stroke="#d0d5dd"/>')
        lx, ly = point(i, 1.18)
        anchor = "middle" if abs(lx - cx) < 10 else ("start" if lx > cx else "end")
        share = values[i]
        shown = "-" if share is None else f"{share * 100:.0f}%"
        parts.append(f'<text x="{lx:.1f}" y="{ly:.1f}" font-size="11" text-anchor="{anchor}" '
                     f'dominant-baseline="middle">{escape(label)} {shown}</text>')
    shape = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, v or 0.0) for i, v in enumerate(values)))
    parts.append(f'<polygon points="{shape}" fill="rgba(30,90,170,0.25)" stroke="#1e5aaa" stroke-width="2"/>')
    parts.append("</svg>")
    return "".join(parts)


def trend(points: list[tuple[str, float | None]], width: int = 480, height: int = 160) -> str:
    """Overall score over time: (label, share) in order; a gap where a share is missing."""
    left, right, top, bottom = 40, 10, 10, 30
    parts = [f'<svg class="trend" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
             f'height="{height}" role="img" aria-label="trend">']
    plot_w, plot_h = width - left - right, height - top - bottom
    for share in (0, 0.5, 1.0):
        y = top + plot_h * (1 - share)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#e3e6ea"/>'
                     f'<text x="{left - 4}" y="{y:.1f}" font-size="10" text-anchor="end" '
                     f'dominant-baseline="middle">{share * 100:.0f}%</text>')
    step = plot_w / max(1, len(points) - 1)
    coords = []
    for i, (label, share) in enumerate(points):
        x = left + (step * i if len(points) > 1 else plot_w / 2)
        parts.append(f'<text x="{x:.1f}" y="{height - 10}" font-size="10" text-anchor="middle">{escape(label)}</text>')
        if share is not None:
            y = top + plot_h * (1 - share)
            coords.append(f"{x:.1f},{y:.1f}")
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#1e5aaa"/>')
    if len(coords) > 1:
        parts.append(f'<polyline points="{" ".join(coords)}" fill="none" stroke="#1e5aaa" stroke-width="2"/>')
    parts.append("</svg>")
    return "".join(parts)
