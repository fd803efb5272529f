"""Registers over the API: technologies and their elements, partners and due diligence, agreements."""

from __future__ import annotations

from typing import Annotated, Literal, Optional

from fastapi import Depends, Path, Query, Request

from mamoru.api import views
from mamoru.api.common import Auth, Paging, Search, acting, allowed, paged, reading, router
from mamoru.api.schemas import (AgreementIn, ClauseIn, DueDiligenceIn, ElementIn, EndAgreementIn, PartnerIn,
                                PartnerPatch, TechnologyIn, TechnologyPatch)
from mamoru.domain import vocab
from mamoru.services import agreements, lists, partners, reads, technologies

CodePath = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[^\x00]+$")]
routes = router()


# --- technologies -------------------------------------------------------------------------

@routes.get("/technologies", tags=["technologies"], summary="List technologies (staff: assigned only)")
def list_technologies(request: Request, paging: Paging = Depends(), search: Search = Depends(),
                      auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        page = lists.technologies(ctx, None, search.q, search.sort, paging.limit, paging.offset)
        return paged(page, lambda t: views.technology(ctx, t))


@routes.post("/technologies", status_code=201, tags=["technologies"], summary="Register a technology")
def create_technology(request: Request, body: TechnologyIn, auth: Auth = Depends(allowed("register_technology"))):
    with acting(request, auth) as ctx:
        values = body.model_dump(exclude={"code"})
        return views.technology(ctx, technologies.add_technology(ctx, body.code, **values), detail=True)


@routes.get("/technologies/{code}", tags=["technologies"], summary="A technology with its elements")
def get_technology(request: Request, code: CodePath, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        return views.technology(ctx, reads.technology(ctx, code), detail=True)


@routes.patch("/technologies/{code}", tags=["technologies"], summary="Change a technology (only the fields given)")
def update_technology(request: Request, code: CodePath, body: TechnologyPatch,
                      auth: Auth = Depends(allowed("register_technology"))):
    with acting(request, auth) as ctx:
        tech = technologies.update_technology(ctx, code, **body.model_dump(exclude_unset=True))
        return views.technology(ctx, tech, detail=True)


@routes.post("/technologies/{code}/elements", status_code=201, tags=["technologies"],
             summary="Add a knowledge element to a technology")
def create_element(request: Request, code: CodePath, body: ElementIn,
                   auth: Auth = Depends(allowed("register_technology"))):
    with acting(request, auth) as ctx:
        values = body.model_dump(exclude={"code"})
        made = technologies.add_element(ctx, code, body.code, **values)
        return {**ctx.viewer.element_view(made), "status": made.status}


# --- partners ------------------------------------------------------------------------------

@routes.get("/partners", tags=["partners"], summary="List partners")
def list_partners(request: Request, paging: Paging = Depends(), search: Search = Depends(),
                  status: Optional[Literal[vocab.PARTNER_STATUSES]] = None,
                  risk_tier: Optional[Literal[vocab.RISK_TIERS]] = None,
                  auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        page = lists.partners(ctx, {"status": status, "risk_tier": risk_tier}, search.q, search.sort,
                              paging.limit, paging.offset)
        return paged(page, views.partner)


@routes.post("/partners", status_code=201, tags=["partners"], summary="Register a partner")
def create_partner(request: Request, body: PartnerIn, auth: Auth = Depends(allowed("register_partner"))):
    with acting(request, auth) as ctx:
        return views.partner(partners.add_partner(ctx, body.code, **body.model_dump(exclude={"code"})), detail=True)


@routes.get("/partners/{code}", tags=["partners"], summary="A partner with its due-diligence history")
def get_partner(request: Request, code: CodePath, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        return views.partner(reads.partner(ctx, code), detail=True)


@routes.patch("/partners/{code}", tags=["partners"], summary="Change a partner (only the fields given)")
def update_partner(request: Request, code: CodePath, body: PartnerPatch, auth: Auth = Depends(allowed("register_partner"))):
    with acting(request, auth) as ctx:
        return views.partner(partners.update_partner(ctx, code, **body.model_dump(exclude_unset=True)), detail=True)


@routes.post("/partners/{code}/due-diligence", status_code=201, tags=["partners"],
             summary="Record a due-diligence assessment (sets the risk tier)")
def assess_partner(request: Request, code: CodePath, body: DueDiligenceIn,
                   auth: Auth = Depends(allowed("assess_partner"))):
    with acting(request, auth) as ctx:
        record = partners.assess(ctx, code, body.factors.model_dump(), dict(body.notes), body.comment)
        return views.assessment(record)


# --- agreements ----------------------------------------------------------------------------

@routes.get("/agreements", tags=["agreements"], summary="List agreements")
def list_agreements(request: Request, paging: Paging = Depends(), search: Search = Depends(),
                    partner: Annotated[Optional[str], Query(max_length=64, pattern=r"^[^\x00]*$")] = None,
                    auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        page = lists.agreements(ctx, {"partner": partner}, search.q, search.sort, paging.limit, paging.offset)
        return paged(page, lambda a: views.agreement(ctx, a))


@routes.post("/agreements", status_code=201, tags=["agreements"], summary="Register an agreement with its clauses")
def create_agreement(request: Request, body: AgreementIn, auth: Auth = Depends(allowed("register_agreement"))):
    with acting(request, auth) as ctx:
        values = body.model_dump(exclude={"code", "partner", "clauses"})
        made = agreements.add_agreement(ctx, body.code, body.partner, clauses=[cl.model_dump() for cl in body.clauses],
                                        **values)
        return views.agreement(ctx, made, agreements.gaps(ctx, made.code))


@routes.get("/agreements/{code}", tags=["agreements"], summary="An agreement with its clauses and missing clauses")
def get_agreement(request: Request, code: CodePath, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        return views.agreement(ctx, reads.agreement(ctx, code), agreements.gaps(ctx, code))


@routes.get("/agreements/{code}/gaps", tags=["agreements"],
            summary="Clauses the guidance expects for the highest rank covered, and the agreement lacks")
def agreement_gaps(request: Request, code: CodePath, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        return {"agreement": code, "gaps": agreements.gaps(ctx, code)}


@routes.post("/agreements/{code}/clauses", status_code=201, tags=["agreements"], summary="Add a clause")
def add_clause(request: Request, code: CodePath, body: ClauseIn, auth: Auth = Depends(allowed("register_agreement"))):
    with acting(request, auth) as ctx:
        made = agreements.add_clause(ctx, code, body.model_dump())
        return views.agreement(ctx, made, agreements.gaps(ctx, code))


@routes.post("/agreements/{code}/end", tags=["agreements"],
             summary="End an agreement early; return/destroy obligations follow")
def end_agreement(request: Request, code: CodePath, body: EndAgreementIn,
                  auth: Auth = Depends(allowed("register_agreement"))):
    with acting(request, auth) as ctx:
        ended = agreements.end_agreement(ctx, code, body.reason, body.on)
        return views.agreement(ctx, ended, agreements.gaps(ctx, code))
