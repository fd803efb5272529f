"""The publication watch over the API (``/api/v1/watch``): import, preview, alerts, confirm, dismiss."""

from __future__ import annotations

import tempfile
from pathlib import Path as FilePath
from typing import Annotated, Literal, Optional

from fastapi import Body, Depends, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from mamoru.api.common import MAX_ID, Auth, acting, allowed, reading, router
from mamoru.limits import check_size
from mamoru.services import watch
from mamoru.watch.sources import MAX_BYTES

routes = router(prefix="/watch", tags=["publication watch"])
IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]
FileName = Annotated[str, Query(min_length=5, max_length=200, pattern=r"^[^/\\\x00]+\.(?i:xml|csv|txt|md|pdf|docx)$",
                                description="the file's name; its suffix says the format (.xml ST.36, .csv, ...)")]


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: Annotated[str, Field(min_length=1, max_length=5000)]


def _save(folder: str, name: str, body: bytes) -> FilePath:
    check_size(name, len(body), MAX_BYTES)
    path = FilePath(folder) / FilePath(name).name
    path.write_bytes(body)
    return path


@routes.post("/preview", summary="What importing this file would raise (body: the file's bytes); stores nothing")
def preview(request: Request, name: FileName, body: Annotated[bytes, Body(media_type="application/octet-stream")] = b"",
            auth: Auth = Depends(allowed("import"))):
    with tempfile.TemporaryDirectory() as folder:
        path = _save(folder, name, body)
        with reading(request, auth) as ctx:
            items = watch.preview(ctx, path, name)
    return {"publications": [{"publication": i.publication, "matches": i.matches} for i in items]}


@routes.post("/import", status_code=201,
             summary="Import publications (ST.36 XML, J-PlatPat CSV, text, PDF, DOCX); alerts at the policy threshold")
def import_file(request: Request, name: FileName,
                body: Annotated[bytes, Body(media_type="application/octet-stream")] = b"",
                auth: Auth = Depends(allowed("import"))):
    with tempfile.TemporaryDirectory() as folder:
        path = _save(folder, name, body)
        with acting(request, auth) as ctx:
            result = watch.import_publications(ctx, path, name)
            out = {"publications": [{"id": p.id, "number": p.number, "title": p.title} for p in result.publications],
                   "alerts": [a.id for a in result.alerts], "hidden_alerts": result.hidden_alerts}
    return out


@routes.get("/alerts", summary="Alerts on technologies the caller may see, newest first")
def alerts(request: Request, status: Optional[Literal["open", "confirmed", "dismissed"]] = None,
           limit: Annotated[int, Query(ge=1, le=1000)] = 200, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        return {"items": [a.as_dict() for a in watch.list_alerts(ctx, status, limit)]}


@routes.get("/alerts/{alert_id}", summary="One alert: the element, the evidence, who received the element and when")
def alert(request: Request, alert_id: IdPath, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        return watch.get_alert(ctx, alert_id).as_dict()


@routes.post("/alerts/{alert_id}/confirm", summary="Confirm: an event per receiving partner, with obligations")
def confirm(request: Request, alert_id: IdPath, body: DecisionIn, auth: Auth = Depends(allowed("approve"))):
    with acting(request, auth) as ctx:
        row, made_events, made = watch.confirm(ctx, alert_id, body.reason)
        return {"id": row.id, "status": row.status, "events": [e.id for e in made_events],
                "obligations": [{"id": o.id, "kind": o.kind, "due_on": o.due_on.isoformat()} for o in made]}


@routes.post("/alerts/{alert_id}/dismiss", summary="Dismiss a false alarm, with the reason")
def dismiss(request: Request, alert_id: IdPath, body: DecisionIn, auth: Auth = Depends(allowed("approve"))):
    with acting(request, auth) as ctx:
        row = watch.dismiss(ctx, alert_id, body.reason)
        return {"id": row.id, "status": row.status}
