"""Meetings, a partner's other customers and competitors, the meeting sheet, and later stages, over the API."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Depends, Path, Query, Request
from pydantic import Field

from mamoru.api import views
from mamoru.api.common import MAX_ID, Auth, acting, allowed, reading, router
from mamoru.api.schemas import Body, Code, Long, Name, Short
from mamoru.services import disclosures, ledger, meetings, reads, relations

routes = router()
CodePath = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[^\x00]+$")]
NumberPath = Annotated[str, Path(min_length=1, max_length=40, pattern=r"^[^\x00]+$")]


class MeetingIn(Body):
    partner: Code
    held_on: str = Field(max_length=10)
    purpose: Annotated[str, Field(min_length=1, max_length=2000)]
    place: Name = ""
    our_attendees: list[Short] = Field(min_length=1, max_length=50)
    their_attendees: list[Short] = Field(default_factory=list, max_length=50)
    said: Annotated[str, Field(max_length=10000)] = ""
    elements: list[Code] = Field(default_factory=list, max_length=200)
    form: Literal["plain", "code_named", "black_boxed"] = "plain"
    accept_conditions: bool = False
    staged_plan: Long = ""


class RelationIn(Body):
    kind: Literal["customer", "competitor"]
    name: Name = ""
    related_partner: Annotated[str, Field(max_length=64)] = ""
    our_competitor: bool = False
    country: Annotated[str, Field(max_length=2)] = ""
    note: Long = ""


class StageIn(Body):
    evidence: Long = ""


def meeting_view(ctx: Any, m: Any) -> dict[str, Any]:
    return {"id": m.id, "partner": m.partner.code, "held_on": m.held_on.isoformat(), "place": m.place,
            "our_attendees": m.our_attendees, "their_attendees": m.their_attendees, "purpose": m.purpose,
            "said": m.said, "recorded_by": m.recorded_by,
            "disclosure": views.disclosure(ctx, m.disclosure) if m.disclosure else None}


@routes.get("/meetings", tags=["meetings"], summary="Meetings, newest first (optionally of one partner)")
def list_meetings(request: Request, partner: Annotated[str, Query(max_length=64)] = "",
                  auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        return {"items": [meeting_view(ctx, m) for m in meetings.meetings(ctx, partner or None)]}


@routes.post("/meetings", status_code=201, tags=["meetings"],
             summary="Record a meeting; the elements discussed join the ledger as an oral disclosure (through the gate)")
def create_meeting(request: Request, body: MeetingIn, auth: Auth = Depends(allowed("disclose"))):
    with acting(request, auth) as ctx:
        reads.check_elements(ctx, body.elements)
        row = meetings.record_meeting(ctx, body.partner, body.held_on, body.purpose, place=body.place,
                                      our_attendees=body.our_attendees, their_attendees=body.their_attendees,
                                      said=body.said, elements=body.elements, form=body.form,
                                      accept_conditions=body.accept_conditions, staged_plan=body.staged_plan)
        return meeting_view(ctx, row)


@routes.get("/meetings/sheet", tags=["meetings"],
            summary="What may and may not be said in a meeting with a partner about these elements (writes nothing)")
def sheet(request: Request, partner: Annotated[str, Query(min_length=1, max_length=64)],
          elements: Annotated[list[str], Query(min_length=1, max_length=200)],
          form: Literal["plain", "code_named", "black_boxed"] = "plain", auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        reads.check_elements(ctx, elements)
        s = meetings.briefing(ctx, partner, elements, "oral", form)
        line = lambda item: {"element": item.element, "outcome": item.outcome,  # noqa: E731
                             "reasons": [r.as_dict() for r in item.reasons]}
        return {"partner": s.partner.code, "on": s.on.isoformat(), "may_say": [line(i) for i in s.may_say],
                "must_not": [line(i) for i in s.must_not], "reminders": [r.as_dict() for r in s.reminders],
                "agreements": [{**a, "valid_to": a["valid_to"].isoformat()} for a in s.agreements],
                "competitors": s.competitors}


@routes.get("/meetings/{meeting_id}", tags=["meetings"], summary="One meeting")
def get_meeting(request: Request, meeting_id: Annotated[int, Path(ge=1, le=MAX_ID)], auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        return meeting_view(ctx, meetings.meeting(ctx, meeting_id))


@routes.get("/partners/{code}/relations", tags=["partners"], summary="A partner's other customers and competitors")
def list_relations(request: Request, code: CodePath, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        return {"items": [{"kind": r.kind, "name": r.name, "our_competitor": r.our_competitor, "country": r.country,
                           "related_partner": r.related_partner.code if r.related_partner else None, "note": r.note}
                          for r in relations.relations(ctx, code)]}


@routes.post("/partners/{code}/relations", status_code=201, tags=["partners"],
             summary="Record another customer or a competitor of a partner (3-1)")
def add_relation(request: Request, code: CodePath, body: RelationIn, auth: Auth = Depends(allowed("register_partner"))):
    with acting(request, auth) as ctx:
        r = relations.add_relation(ctx, code, body.kind, body.name, related_partner=body.related_partner,
                                   our_competitor=body.our_competitor, country=body.country, note=body.note)
        return {"kind": r.kind, "name": r.name, "our_competitor": r.our_competitor}


@routes.post("/disclosures/{number}/stages/{stage}", tags=["disclosures"],
             summary="Disclose a later stage of a staged plan (the gate is asked again)")
def release_stage(request: Request, number: NumberPath, stage: Annotated[int, Path(ge=2, le=50)], body: StageIn,
                  auth: Auth = Depends(allowed("disclose"))):
    with acting(request, auth) as ctx:
        disclosures.disclose_stage(ctx, number, stage, body.evidence)
        return views.disclosure(ctx, ledger.get(ctx, number))
