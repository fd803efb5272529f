"""The disclosure flow over the API: ask the gate, record or request, approve or reject; samples."""

from __future__ import annotations

from typing import Annotated, Literal, Optional

from fastapi import Depends, Path, Request

from mamoru.api import queries, views
from mamoru.api.common import Paging, router
from mamoru.api.schemas import ApproveIn, DisclosureIn, GateIn, RejectIn, SampleReturnIn
from mamoru.services import access, disclosures, samples
from mamoru.services import common as c
from mamoru.store.models import Sample
from mamoru.web.auth import allowed
from mamoru.web.context import Auth, acting, reading

NumberPath = Annotated[str, Path(min_length=1, max_length=40, pattern=r"^[^\x00]+$")]
CodePath = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[^\x00]+$")]
DisclosureStatus = Literal["pending_approval", "recorded", "approved", "rejected"]
routes = router()


@routes.post("/gate/check", tags=["disclosures"],
             summary="The gate's decision for a disclosure, with every reason in Japanese and English; writes nothing")
def gate_check(request: Request, body: GateIn, auth: Auth = Depends(allowed("disclose"))):
    with reading(request) as ctx:
        access.check_elements_visible(ctx, auth.viewer, body.elements)
        decision = disclosures.evaluate(ctx, body.partner, body.elements, body.channel, body.form)
        return decision.as_dict()


@routes.get("/disclosures", tags=["disclosures"], summary="The ledger, newest first")
def list_disclosures(request: Request, paging: Paging = Depends(), status: Optional[DisclosureStatus] = None,
                     auth: Auth = Depends(allowed("read"))):
    with reading(request) as ctx:
        rows, total = queries.disclosure_page(ctx, auth.viewer, status, paging.limit, paging.offset)
        return paging.page(rows, lambda d: views.disclosure(d, auth.viewer), total=total, sliced=True)


@routes.post("/disclosures", status_code=201, tags=["disclosures"],
             summary="Record a disclosure the gate allows, or file one that needs approval (denied: 422, nothing written)")
def create_disclosure(request: Request, body: DisclosureIn, auth: Auth = Depends(allowed("disclose"))):
    with acting(request, auth) as ctx:
        access.check_elements_visible(ctx, auth.viewer, body.elements)
        sample = body.sample.model_dump(exclude_none=True) if body.sample else None
        record = disclosures.disclose(ctx, body.partner, body.elements, body.purpose, body.channel, body.form,
                                      accept_conditions=body.accept_conditions, staged_plan=body.staged_plan,
                                      sample=sample, document_sha256=body.document_sha256, note=body.note)
        return views.disclosure(record, auth.viewer)


@routes.get("/disclosures/{number}", tags=["disclosures"], summary="One disclosure")
def get_disclosure(request: Request, number: NumberPath, auth: Auth = Depends(allowed("read"))):
    with reading(request) as ctx:
        return views.disclosure(views.visible_disclosure(disclosures.get(ctx, number), auth.viewer), auth.viewer)


@routes.post("/disclosures/{number}/approve", tags=["disclosures"],
             summary="Approve a pending disclosure (the gate is asked again)")
def approve(request: Request, number: NumberPath, body: ApproveIn, auth: Auth = Depends(allowed("approve"))):
    with acting(request, auth) as ctx:
        return views.disclosure(disclosures.approve(ctx, number, body.comment), auth.viewer)


@routes.post("/disclosures/{number}/reject", tags=["disclosures"], summary="Reject a pending disclosure")
def reject(request: Request, number: NumberPath, body: RejectIn, auth: Auth = Depends(allowed("approve"))):
    with acting(request, auth) as ctx:
        return views.disclosure(disclosures.reject(ctx, number, body.comment), auth.viewer)


@routes.get("/samples", tags=["samples"], summary="Samples lent to partners")
def list_samples(request: Request, paging: Paging = Depends(), overdue: bool = False,
                 auth: Auth = Depends(allowed("read"))):
    with reading(request) as ctx:
        rows = samples.overdue(ctx) if overdue else samples.list_samples(ctx)
        return paging.page(rows, views.sample)


@routes.get("/samples/{code}", tags=["samples"], summary="One sample")
def get_sample(request: Request, code: CodePath, auth: Auth = Depends(allowed("read"))):
    with reading(request) as ctx:
        return views.sample(c.by_code(ctx, Sample, code))


@routes.post("/samples/{code}/return", tags=["samples"],
             summary="Record a sample's return; anything but intact opens an investigation and a review")
def return_sample(request: Request, code: CodePath, body: SampleReturnIn, auth: Auth = Depends(allowed("operate"))):
    with acting(request, auth) as ctx:
        sample, made = samples.return_sample(ctx, code, body.condition, body.on, body.note)
        return {**views.sample(sample), "obligations": [views.obligation(ob) for ob in made]}
