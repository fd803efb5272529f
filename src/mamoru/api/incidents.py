"""Leak incidents over the API: open, read, move on, link, attach a trace result, build the evidence package."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path as FilePath
from typing import Annotated, Any, Literal, Optional

from fastapi import Depends, Path, Request
from fastapi.responses import Response
from pydantic import Field, StringConstraints

from mamoru.api.common import Auth, acting, allowed, reading, router
from mamoru.api.schemas import NO_NUL, Body, Code, Long, Many, Name
from mamoru.services import evidence, incidents

routes = router()
Number = Annotated[str, Path(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_.-]+$")]
Codes = Annotated[list[Code], Field(max_length=Many)]


class IncidentIn(Body):
    title: Annotated[str, StringConstraints(min_length=1, max_length=300, pattern=NO_NUL)]
    discovered_on: date
    status: Literal["suspected", "confirmed"] = "suspected"
    found: Long = ""
    found_where: Name = ""
    leak_from: Optional[date] = None
    partners: Codes = []
    customers: Codes = []
    technologies: Codes = []
    elements: Codes = []
    disclosures: Codes = []


class LinkIn(Body):
    partners: Codes = []
    customers: Codes = []
    technologies: Codes = []
    elements: Codes = []
    disclosures: Codes = []


class StatusIn(Body):
    to: Literal["confirmed", "closed"]
    on: Optional[date] = None
    note: Long = ""


class TraceIn(Body):
    source_name: Name
    result: dict[str, Any]


def _view(ctx, incident) -> dict[str, Any]:
    data = incidents.describe(incident)
    data["elements"] = incidents.elements_view(ctx, incident)
    data["obligations"] = [{"id": o.id, "kind": o.kind, "partner": o.partner.code if o.partner else None,
                            "due_on": o.due_on, "status": o.status, "why": o.detail.get("why")}
                           for o in incidents.obligations_of(ctx, incident)]
    return data


@routes.get("/incidents", tags=["incidents"], summary="Leak incidents the caller may see, newest first")
def list_incidents(request: Request, status: Optional[Literal["suspected", "confirmed", "closed"]] = None,
                   auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        items = [incidents.describe(i) for i in incidents.list_incidents(ctx, status)]
        return {"items": items, "total": len(items)}


@routes.post("/incidents", status_code=201, tags=["incidents"],
             summary="Open an incident; its obligations follow from the policy")
def open_incident(request: Request, body: IncidentIn, auth: Auth = Depends(allowed("operate"))):
    with acting(request, auth) as ctx:
        incident, _ = incidents.open_incident(ctx, **body.model_dump())
        return _view(ctx, incident)


@routes.get("/incidents/{number}", tags=["incidents"], summary="One incident with its obligations")
def get_incident(request: Request, number: Number, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        return _view(ctx, incidents.get(ctx, number))


@routes.post("/incidents/{number}/status", tags=["incidents"], summary="Confirm or close an incident")
def change_status(request: Request, number: Number, body: StatusIn, auth: Auth = Depends(allowed("handle_incident"))):
    with acting(request, auth) as ctx:
        incident, _ = incidents.change_status(ctx, number, body.to, body.on, body.note)
        return _view(ctx, incident)


@routes.post("/incidents/{number}/links", tags=["incidents"], summary="Link more partners, elements, disclosures")
def link(request: Request, number: Number, body: LinkIn, auth: Auth = Depends(allowed("handle_incident"))):
    with acting(request, auth) as ctx:
        incident, _ = incidents.link(ctx, number, **body.model_dump())
        return _view(ctx, incident)


@routes.post("/incidents/{number}/traces", status_code=201, tags=["incidents"],
             summary="Attach a trace result (JSON object) as it came")
def attach_trace(request: Request, number: Number, body: TraceIn, auth: Auth = Depends(allowed("handle_incident"))):
    with acting(request, auth) as ctx:
        row = incidents.attach_trace(ctx, number, body.result, body.source_name)
        return {"id": row.id, "sha256": row.sha256, "verdict": row.verdict, "source_name": row.source_name}


@routes.post("/incidents/{number}/package", tags=["incidents"],
             summary="Build the evidence package (zip); admins, technology managers and auditors only",
             response_class=Response, responses={200: {"content": {"application/zip": {}}}})
def package(request: Request, number: Number, auth: Auth = Depends(allowed("audit"))):
    with tempfile.TemporaryDirectory() as folder, acting(request, auth) as ctx:
        built = evidence.build(ctx, number, FilePath(folder))
        body = built.zip_path.read_bytes()
        name = built.zip_path.name
    return Response(body, media_type="application/zip", headers={"Content-Disposition": f'attachment; filename="{name}"',
                                                                 "X-Manifest-SHA256": built.manifest_sha256})
