"""Corrections over the API (PATCH: only the fields given change), obligations raised by hand, and the
five-axis importance judgement. Each calls the same use case as the web form and the CLI."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal, Optional

from fastapi import Depends, Path, Request
from pydantic import Field

from mamoru.api import views
from mamoru.api.common import MAX_ID, Auth, acting, allowed, router
from mamoru.api.schemas import (AgreementKind, Body, ClauseIn, Code, Condition, ElementKind, EventKind, Level, Long, Many,
                                Name, Required)
from mamoru.domain import vocab
from mamoru.services import agreements, events, obligations, requests, samples, technologies

CodePath = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[^\x00]+$")]
IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]
routes = router()


class AgreementPatch(Body):
    """The clause list, when given, replaces the one on record."""

    title: Optional[Name] = None
    kind: Optional[AgreementKind] = None
    valid_from: Optional[date] = None
    valid_to: Optional[date] = None
    technologies: Optional[list[Code]] = Field(None, max_length=Many)
    elements: Optional[list[Code]] = Field(None, max_length=Many)
    clauses: Optional[list[ClauseIn]] = Field(None, max_length=len(vocab.CLAUSE_KINDS))


class ElementPatch(Body):
    title: Optional[Name] = None
    description: Optional[Long] = None
    kind: Optional[ElementKind] = None
    rank: Optional[Annotated[int, Field(ge=0, le=4)]] = None
    proper_nouns: Optional[bool] = None


class SamplePatch(Body):
    description: Optional[Required] = None
    lent_on: Optional[date] = None
    return_by: Optional[date] = None
    returned_on: Optional[date] = None
    condition: Optional[Condition] = None
    note: Optional[Long] = None


class EventPatch(Body):
    kind: Optional[EventKind] = None
    occurred_on: Optional[date] = None
    description: Optional[Long] = None
    source: Optional[Annotated[str, Field(max_length=100, pattern=r"^[^\x00]*$")]] = None


class RequestPatch(Body):
    requester: Optional[Name] = None
    subject: Optional[Required] = None
    partner: Optional[Code] = None
    requested_items: Optional[Long] = None
    government_backed: Optional[bool] = None
    received_on: Optional[date] = None


class ObligationIn(Body):
    kind: Literal[vocab.MANUAL_OBLIGATION_KINDS]
    due_on: date
    detail: Long = ""
    partner: Optional[Code] = None


class ImportanceIn(Body):
    advantage: Level
    irreplaceability: Level
    leak_impact: Level
    security_relevance: Level
    secrecy: Level


class TierIn(Body):
    tier: Literal[vocab.TECH_TIERS]


def _given(body: Body) -> dict:
    return {k: v for k, v in body.model_dump(exclude_unset=True).items() if v is not None}


@routes.patch("/agreements/{code}", tags=["agreements"], summary="Correct an active agreement (only the fields given)")
def update_agreement(request: Request, code: CodePath, body: AgreementPatch,
                     auth: Auth = Depends(allowed("register_agreement"))):
    with acting(request, auth) as ctx:
        changes = _given(body)
        if "clauses" in changes:
            changes["clauses"] = [cl.model_dump() for cl in body.clauses or []]
        made = agreements.update_agreement(ctx, code, **changes)
        return views.agreement(ctx, made, agreements.gaps(ctx, code))


@routes.patch("/elements/{code}", tags=["technologies"], summary="Correct a knowledge element (only the fields given)")
def update_element(request: Request, code: CodePath, body: ElementPatch,
                   auth: Auth = Depends(allowed("register_technology"))):
    with acting(request, auth) as ctx:
        made = technologies.update_element(ctx, code, **_given(body))
        return {**ctx.viewer.element_view(made), "status": made.status}


@routes.patch("/samples/{code}", tags=["samples"], summary="Correct a sample's record (only the fields given)")
def update_sample(request: Request, code: CodePath, body: SamplePatch, auth: Auth = Depends(allowed("operate"))):
    with acting(request, auth) as ctx:
        return views.sample(samples.update_sample(ctx, code, **_given(body)))


@routes.patch("/events/{event_id}", tags=["events"],
              summary="Correct an event's date, description or source (its kind only while no obligation exists)")
def update_event(request: Request, event_id: IdPath, body: EventPatch, auth: Auth = Depends(allowed("operate"))):
    with acting(request, auth) as ctx:
        return views.event(events.update_event(ctx, event_id, **_given(body)))


@routes.patch("/requests/{request_id}", tags=["requests"], summary="Correct an external request before its review")
def update_request(request: Request, request_id: IdPath, body: RequestPatch, auth: Auth = Depends(allowed("operate"))):
    with acting(request, auth) as ctx:
        return views.external_request(requests.update_request(ctx, request_id, **_given(body)))


@routes.post("/obligations", status_code=201, tags=["obligations"],
             summary="Raise an obligation by hand (consult METI, the police or a lawyer, preserve evidence ...)")
def raise_obligation(request: Request, body: ObligationIn, auth: Auth = Depends(allowed("operate"))):
    with acting(request, auth) as ctx:
        return views.obligation(obligations.raise_manual(ctx, body.kind, body.due_on, body.detail, body.partner))


@routes.post("/technologies/{code}/importance", tags=["technologies"],
             summary="Record the five-axis importance judgement; answers the suggested tier and why")
def assess_importance(request: Request, code: CodePath, body: ImportanceIn,
                      auth: Auth = Depends(allowed("register_technology"))):
    with acting(request, auth) as ctx:
        axes = body.model_dump()
        technologies.assess_importance(ctx, code, axes)
        return {"technology": code, "axes": axes, **technologies.explain_importance(ctx, axes)}


@routes.post("/technologies/{code}/tier", tags=["technologies"], summary="Confirm a technology's protection tier")
def confirm_tier(request: Request, code: CodePath, body: TierIn, auth: Auth = Depends(allowed("register_technology"))):
    with acting(request, auth) as ctx:
        return views.technology(ctx, technologies.confirm_tier(ctx, code, body.tier), detail=True)
