"""The people register over the API: people, pledges, non-competes, declarations and their review,
exits, reported contacts and the oral-disclosure gate. Personal data is withheld by the services."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal, Optional

from fastapi import Depends, Path, Request
from pydantic import Field

from mamoru.api.common import Auth, Paging, Search, acting, allowed, paged, reading, router
from mamoru.api.schemas import Body, Code, Long, Name, Short
from mamoru.domain import vocab
from mamoru.i18n import local_time
from mamoru.services import lists, people, pledges

CodePath = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[^\x00]+$")]
Codes = Annotated[list[Code], Field(max_length=200)]
Answer = Optional[Literal[vocab.ANSWERS]]
routes = router()


class PersonIn(Body):
    code: Code
    name: Name
    kind: Literal[vocab.PERSON_KINDS]
    joined_on: date
    department: Short = ""
    technologies: Codes = []
    user: Optional[Short] = None


class PledgeIn(Body):
    kind: Literal[vocab.PLEDGE_KINDS]
    signed_on: date
    document: Name
    technologies: Codes = []
    explained_in_meeting_on: Optional[date] = None
    note: Long = ""


class NonCompeteIn(Body):
    agreed_on: date
    until: date
    scope: Long
    document: Name = ""


class DeclarationIn(Body):
    declared_on: Optional[date] = None
    side_jobs: Long = ""
    foreign_funding: Long = ""
    foreign_contract: Answer = None
    foreign_direction: Answer = None
    income_share: Optional[float] = Field(None, ge=0, le=100)
    significant_benefit: Answer = None
    foreign_instructions: Answer = None


class ReviewIn(Body):
    result: Literal[vocab.CATEGORY_RESULTS]
    note: Long = ""


class ExitIn(Body):
    last_day: date
    note: Long = ""


class ContactIn(Body):
    kind: Literal[vocab.CONTACT_KINDS]
    occurred_on: Optional[date] = None
    counterpart: Name = ""
    description: Long = ""


class OralIn(Body):
    elements: Annotated[list[Code], Field(min_length=1, max_length=200)]
    purpose: Long = ""


def _person(ctx, p, today) -> dict[str, Any]:
    return {"code": p.code, "name": p.name, "kind": p.kind, "department": p.department,
            "joined_on": p.joined_on, "left_on": p.left_on, "status": people.status_of(p, today),
            "technologies": [t.code for t in p.technologies if ctx.viewer.sees_technology(t.id)]}


def _detail(ctx, view: people.PersonDetail) -> dict[str, Any]:
    out = {**_person(ctx, view.person, ctx.today), "personal": view.personal, "pledges": view.pledges,
           "obligations": [{"id": o.id, "kind": o.kind, "due_on": o.due_on, "status": o.status}
                           for o in view.obligations]}
    if view.personal:
        out["specific_categories"] = view.standing
        out["declarations"] = [{"id": d.id, "declared_on": d.declared_on, "side_jobs": d.side_jobs,
                                "foreign_funding": d.foreign_funding, "answers": d.answers, "suggested": d.suggested,
                                "result": d.result, "reviewed_by": d.reviewed_by, "reviewed_on": d.reviewed_on,
                                "review_note": d.review_note} for d in view.declarations]
        out["non_competes"] = [{"agreed_on": n.agreed_on, "until": n.until, "scope": n.scope, "document": n.document}
                               for n in view.non_competes]
        out["contacts"] = [{"id": e.id, "kind": e.kind, "occurred_on": e.occurred_on, "counterpart": e.counterpart,
                            "description": e.description} for e in view.contacts]
        out["oral_checks"] = [{"id": o.id, "elements": o.elements, "outcome": o.outcome,
                               "checked_by": o.checked_by, "checked_at": local_time(o.checked_at)}
                              for o in view.oral_checks]
    return out


@routes.get("/people", tags=["people"], summary="The people register (personal data only in a person's detail)")
def list_people(request: Request, paging: Paging = Depends(), search: Search = Depends(),
                kind: Optional[Literal[vocab.PERSON_KINDS]] = None,
                status: Optional[Literal[vocab.PERSON_STATUSES]] = None,
                technology: Optional[Code] = None, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        page = lists.people(ctx, {"kind": kind, "status": status, "technology": technology}, search.q, search.sort,
                            paging.limit, paging.offset)
        return paged(page, lambda p: _person(ctx, p, ctx.today))


@routes.post("/people", status_code=201, tags=["people"], summary="Register a person")
def create_person(request: Request, body: PersonIn, auth: Auth = Depends(allowed("manage_people"))):
    with acting(request, auth) as ctx:
        values = body.model_dump(exclude={"code", "name", "kind", "joined_on"})
        made = people.add_person(ctx, body.code, body.name, body.kind, body.joined_on, **values)
        return _person(ctx, made, ctx.today)


@routes.get("/people/{code}", tags=["people"],
            summary="A person with pledges and obligations; declarations, non-competes and contacts for those who may see them")
def get_person(request: Request, code: CodePath, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        return _detail(ctx, people.detail(ctx, code))


@routes.post("/people/{code}/pledges", status_code=201, tags=["people"], summary="Record a signed pledge")
def create_pledge(request: Request, code: CodePath, body: PledgeIn, auth: Auth = Depends(allowed("manage_people"))):
    with acting(request, auth) as ctx:
        made = pledges.add_pledge(ctx, code, **body.model_dump())
        return {"id": made.id, "kind": made.kind, "signed_on": made.signed_on}


@routes.post("/people/{code}/non-competes", status_code=201, tags=["people"], summary="Record a non-compete")
def create_non_compete(request: Request, code: CodePath, body: NonCompeteIn,
                       auth: Auth = Depends(allowed("manage_people"))):
    with acting(request, auth) as ctx:
        made = pledges.add_non_compete(ctx, code, **body.model_dump())
        return {"id": made.id, "until": made.until}


@routes.post("/people/{code}/declarations", status_code=201, tags=["people"],
             summary="File a declaration (the person themself, or a manager of the register)")
def create_declaration(request: Request, code: CodePath, body: DeclarationIn,
                       auth: Auth = Depends(allowed("report_contact"))):
    with acting(request, auth) as ctx:
        made = pledges.declare(ctx, code, **body.model_dump())
        return {"id": made.id, "suggested": made.suggested, "reasons": made.suggestion_reasons}


@routes.post("/people/{code}/review", tags=["people"],
             summary="Review the newest unreviewed declaration: falls under the specific categories or not")
def review_declaration(request: Request, code: CodePath, body: ReviewIn,
                       auth: Auth = Depends(allowed("manage_people"))):
    with acting(request, auth) as ctx:
        made = pledges.review(ctx, code, body.result, body.note)
        return {"id": made.id, "result": made.result, "reviewed_by": made.reviewed_by}


@routes.post("/people/{code}/exit", tags=["people"], summary="Record an exit; creates the exit obligations")
def record_exit(request: Request, code: CodePath, body: ExitIn, auth: Auth = Depends(allowed("manage_people"))):
    with acting(request, auth) as ctx:
        person, made = people.record_exit(ctx, code, body.last_day, body.note)
        return {"code": person.code, "left_on": person.left_on,
                "obligations": [{"id": o.id, "kind": o.kind, "due_on": o.due_on} for o in made]}


@routes.post("/people/{code}/contacts", status_code=201, tags=["people"],
             summary="Report a contact (an approach at a conference, trade show, job site)")
def report_contact(request: Request, code: CodePath, body: ContactIn, auth: Auth = Depends(allowed("report_contact"))):
    with acting(request, auth) as ctx:
        event, ob = people.report_contact(ctx, code, **body.model_dump())
        return {"id": event.id, "kind": event.kind, "obligation": ob.id if ob else None}


@routes.post("/people/{code}/oral-check", tags=["people"],
             summary="The gate's decision for telling these elements to this person; the check is kept")
def oral_check(request: Request, code: CodePath, body: OralIn, auth: Auth = Depends(allowed("disclose"))):
    with acting(request, auth) as ctx:
        decision, row = people.check_oral(ctx, code, body.elements, body.purpose)
        return {**decision.as_dict(), "check": row.id}
