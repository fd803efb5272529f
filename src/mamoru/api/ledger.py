"""The disclosure flow over the API: ask the gate, record or request, approve or reject; samples."""

from __future__ import annotations

from typing import Annotated, Literal, Optional

from fastapi import Depends, Path, Request

from mamoru.api import views
from mamoru.api.common import Auth, Paging, Search, acting, allowed, paged, reading, router
from mamoru.api.schemas import ApproveIn, DisclosureIn, GateIn, RejectIn, SampleReturnIn
from mamoru.services import disclosures, ledger, lists, reads, samples

NumberPath = Annotated[str, Path(min_length=1, max_length=40, pattern=r"^[^\x00]+$")]
CodePath = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[^\x00]+$")]
DisclosureStatus = Literal["pending_approval", "recorded", "approved", "rejected"]
routes = router()


@routes.post("/gate/check", tags=["disclosures"],
             summary="The gate's decision for a disclosure, with every reason in Japanese and English; writes nothing")
def gate_check(request: Request, body: GateIn, auth: Auth = Depends(allowed("disclose"))):
    with reading(request, auth) as ctx:
        reads.check_elements(ctx, body.elements)
        decision = disclosures.evaluate(ctx, body.partner, body.elements, body.channel, body.form)
        return decision.as_dict()


@routes.get("/disclosures", tags=["disclosures"], summary="The ledger, newest first")
def list_disclosures(request: Request, paging: Paging = Depends(), search: Search = Depends(),
                     status: Optional[DisclosureStatus] = None, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        page = lists.disclosures(ctx, {"status": status}, search.q, search.sort, paging.limit, paging.offset)
        return paged(page, lambda d: views.disclosure(ctx, d))


@routes.post("/disclosures", status_code=201, tags=["disclosures"],
             summary="Record a disclosure the gate allows, or file one that needs approval (denied: 422, nothing written)")
def create_disclosure(request: Request, body: DisclosureIn, auth: Auth = Depends(allowed("disclose"))):
    with acting(request, auth) as ctx:
        reads.check_elements(ctx, body.elements)
        sample = body.sample.model_dump(exclude_none=True) if body.sample else None
        record = disclosures.disclose(ctx, body.partner, body.elements, body.purpose, body.channel, body.form,
                                      accept_conditions=body.accept_conditions, staged_plan=body.staged_plan,
                                      sample=sample, document_sha256=body.document_sha256, note=body.note)
        return views.disclosure(ctx, record)


@routes.get("/disclosures/{number}", tags=["disclosures"], summary="One disclosure")
def get_disclosure(request: Request, number: NumberPath, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        return views.disclosure(ctx, ledger.get(ctx, number))


@routes.post("/disclosures/{number}/approve", tags=["disclosures"],
             summary="Approve a pending disclosure (the gate is asked again)")
def approve(request: Request, number: NumberPath, body: ApproveIn, auth: Auth = Depends(allowed("approve"))):
    with acting(request, auth) as ctx:
        return views.disclosure(ctx, disclosures.approve(ctx, number, body.comment, body.override_reason))


@routes.post("/disclosures/{number}/reject", tags=["disclosures"], summary="Reject a pending disclosure")
def reject(request: Request, number: NumberPath, body: RejectIn, auth: Auth = Depends(allowed("approve"))):
    with acting(request, auth) as ctx:
        return views.disclosure(ctx, disclosures.reject(ctx, number, body.comment))


@routes.get("/samples", tags=["samples"], summary="Samples lent to partners")
def list_samples(request: Request, paging: Paging = Depends(), search: Search = Depends(), overdue: bool = False,
                 auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        page = lists.samples(ctx, search=search.q, sort=search.sort or ("due" if overdue else None),
                             limit=paging.limit, offset=paging.offset, overdue=overdue)
        return paged(page, views.sample)


@routes.get("/samples/{code}", tags=["samples"], summary="One sample")
def get_sample(request: Request, code: CodePath, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        return views.sample(reads.sample(ctx, code))


@routes.post("/samples/{code}/return", tags=["samples"],
             summary="Record a sample's return; anything but intact opens an investigation and a review")
def return_sample(request: Request, code: CodePath, body: SampleReturnIn, auth: Auth = Depends(allowed("operate"))):
    with acting(request, auth) as ctx:
        sample, made = samples.return_sample(ctx, code, body.condition, body.on, body.note)
        return {**views.sample(sample), "obligations": [views.obligation(ob) for ob in made]}
