"""The dashboard: what needs doing, what is overdue, who knows how much."""

from __future__ import annotations

from collections import Counter

from fastapi import APIRouter, Depends, Request

from mamoru.services import agreements, disclosures, exposure, obligations, partners, samples
from mamoru.web.auth import allowed
from mamoru.web.context import Auth, reading, render

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
def dashboard(request: Request, auth: Auth = Depends(allowed("read"))):
    who = auth.viewer
    with reading(request, auth) as ctx:
        today = ctx.today
        open_obs = obligations.open_obligations(ctx)[:15]
        ob_rows = [{"id": o.id, "kind": o.kind, "partner": o.partner.code if o.partner else "", "due": o.due_on,
                    "overdue": o.due_on < today} for o in open_obs]
        overdue = [{"code": s.code, "partner": s.partner.code, "due": s.due_back} for s in samples.overdue(ctx)]
        tiers = Counter(p.risk_tier for p in partners.list_partners(ctx))
        ending = [{"code": a.code, "partner": a.partner.code, "valid_to": a.valid_to}
                  for a in agreements.ending_soon(ctx)]
        recent = []
        for d in disclosures.list_disclosures(ctx, limit=10):
            if who.sees_disclosure(d):
                recent.append({"number": d.number, "partner": d.partner.code, "outcome": d.outcome, "status": d.status,
                               "on": d.disclosed_on or d.created_at.date()})
        cells = exposure.matrix(ctx)  # only technologies the viewer may see
        heat = heatmap(cells, sorted({c.technology for c in cells}), sorted({c.partner for c in cells}),
                       ctx.policy.exposure_threshold)
        pending = len(disclosures.list_disclosures(ctx, status="pending_approval")) if who.may("approve") else 0
    return render(request, "dashboard.html", auth, obligations=ob_rows, overdue=overdue, tiers=tiers, ending=ending,
                  recent=recent, heat=heat, pending=pending, today=today)
