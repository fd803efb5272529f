"""The dashboard: what needs doing, what is overdue, who knows how much.

The summary comes from one service call (``services/dashboard.py``: aggregated in SQL, with
need-to-know applied there); this page only lays it out.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from mamoru.i18n import t
from mamoru.services import dashboard, obligations
from mamoru.web.auth import allowed
from mamoru.web.context import Auth, acting, lang_of, reading, render
from mamoru.web.pages.common import redirect

router = APIRouter(include_in_schema=False)


def heatmap(cells, technologies: list[str], partners_: list[str], threshold: float) -> dict:
    """Geometry for the exposure heat map (technology x partner), drawn as SVG in the template."""
    size, left, top = 44, 110, 90
    lookup = {(c.partner, c.technology): c for c in cells}
    squares = []
    for y, tech in enumerate(technologies):
        for x, partner in enumerate(partners_):
            cell = lookup.get((partner, tech))
            share = cell.share if cell else 0.0
            squares.append({"x": left + x * size, "y": top + y * size, "share": share, "partner": partner,
                            "technology": tech, "flagged": bool(cell and cell.flagged),
                            "fill": f"hsl({int(120 - 120 * min(share / max(threshold * 2, 0.01), 1))},70%,{92 - int(40 * share)}%)"})
    return {"size": size, "left": left, "top": top, "squares": squares, "technologies": technologies,
            "partners": partners_, "width": left + size * max(len(partners_), 1) + 10,
            "height": top + size * max(len(technologies), 1) + 10}


@router.get("/")
def dashboard_page(request: Request, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        s = dashboard.summary(ctx)
    swept = request.query_params.get("swept", "")
    flash = t("web.sweep_done", lang_of(request), count=int(swept)) if swept.isdigit() else None
    heat = heatmap(s.cells, sorted({c.technology for c in s.cells}), sorted({c.partner for c in s.cells}), s.threshold)
    return render(request, "dashboard.html", auth, obligations=s.obligations, overdue=s.overdue_samples,
                  tiers=s.tiers, ending=s.ending, recent=s.recent, heat=heat, pending=s.pending, today=s.today,
                  summary=s, flash=flash)


@router.post("/obligations/sweep")
def sweep_now(request: Request, auth: Auth = Depends(allowed("sweep"))):
    """The dashboard's "run the sweep now" button (CSRF-checked by ``allowed``; audited by the service)."""
    with acting(request, auth) as ctx:
        made = obligations.run_now(ctx)
    return redirect(f"/?swept={len(made)}")
