"""Events, the obligations they create, and external disclosure requests, over the API."""

from __future__ import annotations

from typing import Annotated, Literal, Optional

from fastapi import Depends, Path, Request

from mamoru.api import views
from mamoru.api.common import MAX_ID, Auth, Paging, Search, acting, allowed, paged, reading, router
from mamoru.api.schemas import CloseRequestIn, EscalateIn, EventIn, EvidenceIn, RequestIn, ResolveIn, ReviewIn
from mamoru.services import events, lists, obligations, requests

IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]
routes = router()


@routes.get("/events", tags=["events"], summary="Partner events")
def list_events(request: Request, paging: Paging = Depends(), search: Search = Depends(), open_only: bool = False,
                auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        page = lists.events(ctx, {"status": "open" if open_only else None}, search.q, search.sort or "id",
                            paging.limit, paging.offset)
        return paged(page, views.event)


@routes.post("/events", status_code=201, tags=["events"],
             summary="Record an event; the partner may go on hold and obligations follow from the agreements")
def record_event(request: Request, body: EventIn, auth: Auth = Depends(allowed("operate"))):
    with acting(request, auth) as ctx:
        event, made = events.record_event(ctx, body.partner, body.kind, body.occurred_on, body.description,
                                          body.source)
        return {**views.event(event), "obligations": [views.obligation(ob) for ob in made]}


@routes.post("/events/{event_id}/resolve", tags=["events"], summary="Resolve an event")
def resolve_event(request: Request, event_id: IdPath, body: ResolveIn, auth: Auth = Depends(allowed("operate"))):
    with acting(request, auth) as ctx:
        return views.event(events.resolve_event(ctx, event_id, body.resolution))


@routes.get("/obligations", tags=["obligations"], summary="Obligations by due date")
def list_obligations(request: Request, paging: Paging = Depends(), search: Search = Depends(),
                     status: Optional[Literal["open", "closed"]] = None,
                     auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        page = lists.obligations(ctx, {"status": status}, search.q, search.sort, paging.limit, paging.offset)
        return paged(page, views.obligation)


@routes.get("/obligations/{obligation_id}", tags=["obligations"], summary="One obligation")
def get_obligation(request: Request, obligation_id: IdPath, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        return views.obligation(obligations.get(ctx, obligation_id))


@routes.post("/obligations/{obligation_id}/close", tags=["obligations"], summary="Close an obligation with evidence")
def close_obligation(request: Request, obligation_id: IdPath, body: EvidenceIn,
                     auth: Auth = Depends(allowed("operate"))):
    with acting(request, auth) as ctx:
        return views.obligation(obligations.close(ctx, obligation_id, body.evidence))


@routes.get("/requests", tags=["requests"], summary="External disclosure requests")
def list_requests(request: Request, paging: Paging = Depends(), search: Search = Depends(),
                  auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        page = lists.requests(ctx, None, search.q, search.sort or "id", paging.limit, paging.offset)
        return paged(page, views.external_request)


@routes.post("/requests", status_code=201, tags=["requests"],
             summary="Record an external request; a review obligation follows")
def record_request(request: Request, body: RequestIn, auth: Auth = Depends(allowed("operate"))):
    with acting(request, auth) as ctx:
        return views.external_request(requests.record_request(ctx, **body.model_dump()))


@routes.get("/requests/{request_id}", tags=["requests"], summary="One external request")
def get_request(request: Request, request_id: IdPath, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        return views.external_request(requests.get(ctx, request_id))


@routes.post("/requests/{request_id}/review", tags=["requests"], summary="Review a request for reasonableness")
def review_request(request: Request, request_id: IdPath, body: ReviewIn, auth: Auth = Depends(allowed("operate"))):
    with acting(request, auth) as ctx:
        return views.external_request(requests.review(ctx, request_id, body.reasonable, body.notes))


@routes.post("/requests/{request_id}/escalate", tags=["requests"], summary="Escalate a request (e.g. consult METI)")
def escalate_request(request: Request, request_id: IdPath, body: EscalateIn, auth: Auth = Depends(allowed("operate"))):
    with acting(request, auth) as ctx:
        return views.external_request(requests.escalate(ctx, request_id, body.to))


@routes.post("/requests/{request_id}/close", tags=["requests"], summary="Close a request as answered or refused")
def close_request(request: Request, request_id: IdPath, body: CloseRequestIn,
                  auth: Auth = Depends(allowed("operate"))):
    with acting(request, auth) as ctx:
        return views.external_request(requests.close(ctx, request_id, body.answered, body.note))
