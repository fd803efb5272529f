"""The supply-chain map, its figures, what-if, signals and warnings, over the API (``/api/v1/supply``)."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path as FilePath
from typing import Annotated, Literal, Optional

from fastapi import Body, Depends, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from mamoru import limits
from mamoru.api.common import MAX_ID, Auth, Paging, acting, allowed, reading, router
from mamoru.services import supplychain as supply
from mamoru.services import supplychain_signals as signals
from mamoru.services import supplychain_tabular as tab

routes = router(prefix="/supply", tags=["supply chain"])
IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]
Code = Annotated[str, Field(min_length=1, max_length=64)]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SignalIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: Literal["export_restriction", "supplier_stop", "lead_time_change"]
    country: Optional[Annotated[str, Field(min_length=2, max_length=2)]] = None
    item: Optional[Code] = None
    supplier: Optional[Code] = None
    lead_time_days: Optional[Annotated[int, Field(ge=0, le=3650)]] = None
    occurred_on: Optional[date] = None
    description: Annotated[str, Field(max_length=5000)] = ""
    reference: Annotated[str, Field(max_length=300)] = ""


def _warning(w) -> dict:
    return {"id": w.id, "severity": w.severity, "status": w.status, "loss": w.loss, "days_of_cover": w.days_of_cover,
            "signal": {"id": w.signal.id, "kind": w.signal.kind, "country": w.signal.country,
                       "item": w.signal.item.code if w.signal.item else None,
                       "supplier": w.signal.supplier.code if w.signal.supplier else None,
                       "occurred_on": w.signal.occurred_on.isoformat()},
            "affected": w.affected, "reasons": w.reasons, "policy_version": w.policy_version,
            "created_at": w.created_at.isoformat()}


@routes.get("/analysis", summary="Concentration (HHI) per product, item and overall; single sources; choke points; "
                                 "coverage; dependence on countries of concern, each with its paths")
def analysis(request: Request, concern: Annotated[Optional[str], Query(max_length=200)] = None,
             limit: Annotated[int, Query(ge=1, le=10000)] = 100, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        view = supply.overview(ctx, concern)
    fig = view.figures
    return {
        "overall": fig.overall.as_dict() if fig.overall else None,
        "products": [c.as_dict() for c in fig.products.values()],
        "items": [c.as_dict() for c in list(fig.items.values())[:limit]],
        "single_sources": [{**s.__dict__, "via": list(s.via), "products": list(s.products)}
                           for s in view.single_sources[:limit]],
        "concern": {"countries": view.concern_countries,
                    "products": [{"product": d.subject, "share": round(d.share, 4),
                                  "paths": [p.as_dict() for p in d.paths]} for d in view.concern["products"]],
                    "items": [{"item": d.subject, "share": round(d.share, 4), "paths": [p.as_dict() for p in d.paths]}
                              for d in view.concern["items"][:limit]]},
        "choke_points": [{**c.__dict__, "products": list(c.products), "items": list(c.items)}
                         for c in view.choke_points[:limit]],
        "coverage": [{"item": c.item, "stock_days": c.stock_days, "lead_time_days": c.lead_time_days, "gap": c.gap,
                      "covered": c.covered} for c in view.coverage[:limit]],
    }


@routes.get("/what-if", summary="What a disruption would stop (products, customers, days of cover); records nothing")
def what_if(request: Request, kind: Literal["export_restriction", "supplier_stop", "lead_time_change"],
            country: Annotated[Optional[str], Query(max_length=2)] = None,
            item: Annotated[Optional[str], Query(max_length=64)] = None,
            supplier: Annotated[Optional[str], Query(max_length=64)] = None,
            lead_time_days: Annotated[Optional[int], Query(ge=0, le=3650)] = None,
            auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        return supply.what_if(ctx, kind, country=country, item=item, supplier=supplier,
                              lead_time_days=lead_time_days).as_dict()


@routes.post("/signals", status_code=201, summary="Record a signal; the policy may raise a warning and obligations")
def record_signal(request: Request, body: SignalIn, auth: Auth = Depends(allowed("record_signal"))):
    with acting(request, auth) as ctx:
        sig, warning = signals.record_signal(ctx, body.kind, country=body.country, item=body.item,
                                             supplier=body.supplier, lead_time_days=body.lead_time_days,
                                             occurred_on=body.occurred_on, description=body.description,
                                             reference=body.reference)
        return {"signal": sig.id, "warning": _warning(warning) if warning else None,
                "obligations": [{"id": o.id, "kind": o.kind, "due_on": o.due_on.isoformat()}
                                for o in (signals.obligations_of(ctx, warning) if warning else [])]}


@routes.post("/sync", summary="Bring open partner events and list hits on suppliers in as signals (once each)")
def sync(request: Request, auth: Auth = Depends(allowed("record_signal"))):
    with acting(request, auth) as ctx:
        made = signals.sync_partner_events(ctx)
        return {"signals": [s.id for s, _ in made], "warnings": [w.id for _, w in made if w]}


@routes.get("/warnings", summary="Warnings, newest first")
def list_warnings(request: Request, paging: Paging = Depends(),
                  status: Literal["open", "closed", "all"] = "open", auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        rows, total = signals.list_warnings(ctx, None if status == "all" else status, paging.limit, paging.offset)
        return {"items": [_warning(w) for w in rows], "total": total, "limit": paging.limit,
                "offset": paging.offset}


@routes.get("/warnings/{warning_id}", summary="One warning with its reasons and obligations")
def get_warning(request: Request, warning_id: IdPath, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        row = signals.get_warning(ctx, warning_id)
        return {**_warning(row), "obligations": [{"id": o.id, "kind": o.kind, "due_on": o.due_on.isoformat(),
                                                  "status": o.status} for o in signals.obligations_of(ctx, row)]}


@routes.get("/export.xlsx", summary="The map as a workbook that imports back",
            response_class=Response, responses={200: {"content": {XLSX: {}}}})
def export(request: Request, auth: Auth = Depends(allowed("read"))):
    with tempfile.TemporaryDirectory() as folder:
        path = FilePath(folder) / "mamoru-supply.xlsx"
        with reading(request, auth) as ctx:
            tab.export_map(ctx, path)
        return Response(path.read_bytes(), media_type=XLSX,
                        headers={"Content-Disposition": 'attachment; filename="mamoru-supply.xlsx"'})


MAX_MAP = 20 * limits.MB


@routes.post("/import", summary="Import a supply-map workbook (body: the .xlsx bytes), all or nothing")
def import_map(request: Request, body: Annotated[bytes, Body(media_type="application/octet-stream")] = b"",
               preview: bool = False, auth: Auth = Depends(allowed("manage_supply"))):
    with tempfile.TemporaryDirectory() as folder:
        path = FilePath(folder) / "upload.xlsx"
        limits.check_size("upload.xlsx", len(body), MAX_MAP)  # refused whole, never cut short
        path.write_bytes(body)
        with acting(request, auth) as ctx:
            result = tab.import_map(ctx, path, preview=preview)
        return {"counts": result.counts, "preview": preview,
                "warnings": [{k: v for k, v in w.__dict__.items()} for w in result.warnings]}
