"""Sites abroad (``/api/v1/sites``) and joint research (``/api/v1/research``): thin over the services."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path as FilePath
from typing import Annotated, Any, List, Optional

from fastapi import Depends, File, Form, Path, Request, UploadFile
from pydantic import BaseModel, ConfigDict, Field

from mamoru.api.common import MAX_ID, Auth, Paging, Search, acting, allowed, paged, reading, router
from mamoru.services import research, sites

routes = router(tags=["sites abroad", "joint research"])
Code = Annotated[str, Field(min_length=1, max_length=64)]
CodePath = Annotated[str, Path(min_length=1, max_length=64)]
IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]
Text = Annotated[str, Field(max_length=5000)]
MAX_PAPER = 20 * 1024 * 1024


class SiteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: Code
    name: Annotated[str, Field(max_length=300)]
    country: Optional[Annotated[str, Field(max_length=100)]] = None
    partner: Optional[Code] = None
    local_entity: Annotated[str, Field(max_length=300)] = ""
    planned_on: Optional[date] = None
    note: Text = ""


class AllowanceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    element: Code
    allowance: Annotated[str, Field(max_length=20)]
    note: Text = ""


class StageIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    stage: Annotated[str, Field(max_length=20)]
    on: date
    note: Text = ""


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    on: date


class ReportIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    technology: Code
    evidence: Text


class VisitIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: Annotated[str, Field(max_length=20)] = "visit"
    starts_on: date
    ends_on: Optional[date] = None
    visitors: Annotated[List[Annotated[str, Field(max_length=200)]], Field(max_length=100)]
    purpose: Text = ""
    shown: Annotated[List[Code], Field(max_length=500)] = []


class TeachIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    elements: Annotated[List[Code], Field(min_length=1, max_length=500)]


class ProjectIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: Code
    title: Annotated[str, Field(max_length=300)]
    partner: Code
    starts_on: date
    ends_on: date
    improvements: Annotated[str, Field(max_length=20)]
    approver: Annotated[str, Field(max_length=200)]
    agreement: Optional[Code] = None
    review_days: Optional[Annotated[int, Field(ge=0, le=365)]] = None
    our_elements: Annotated[List[Code], Field(max_length=500)] = []
    their_contribution: Text = ""
    foreign_funding_share: Annotated[float, Field(ge=0, le=1)] = 0.0
    foreign_funding_source: Annotated[str, Field(max_length=300)] = ""


class ResultIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    result: Annotated[str, Field(max_length=20)]
    comment: Text = ""


class PublishedIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    published_on: date


def _site(ctx, site) -> dict[str, Any]:
    view = sites.site_view(ctx, site)
    return {**sites.describe(site), "stages": view["stages"], "allowances": view["allowances"],
            "visits": view["visits"], "advance_reports": view["reports"],
            "obligations": [{"id": o.id, "kind": o.kind, "due_on": o.due_on, "status": o.status}
                            for o in view["obligations"]]}


@routes.get("/sites", summary="List sites abroad")
def list_sites(request: Request, paging: Paging = Depends(), search: Search = Depends(),
               auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        return paged(sites.list_sites(ctx, {}, search.q, search.sort, paging.limit, paging.offset), sites.describe)


@routes.post("/sites", status_code=201, summary="Register a site abroad (in planning)")
def create_site(request: Request, body: SiteIn, auth: Auth = Depends(allowed("manage_abroad"))):
    with acting(request, auth) as ctx:
        return _site(ctx, sites.add_site(ctx, **body.model_dump()))


@routes.get("/sites/{code}", summary="A site with its stages, allowances, visits, advance reports and obligations")
def get_site(request: Request, code: CodePath, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        return _site(ctx, sites.get(ctx, code))


@routes.post("/sites/{code}/allowances", summary="Decide what an element may do at the site")
def set_allowance(request: Request, code: CodePath, body: AllowanceIn, auth: Auth = Depends(allowed("manage_abroad"))):
    with acting(request, auth) as ctx:
        sites.set_allowance(ctx, code, body.element, body.allowance, body.note)
        return _site(ctx, sites.get(ctx, code))


@routes.post("/sites/{code}/stage", summary="Move the site forward (contract waits for the FEFTA advance reports)")
def change_stage(request: Request, code: CodePath, body: StageIn, auth: Auth = Depends(allowed("manage_abroad"))):
    with acting(request, auth) as ctx:
        return _site(ctx, sites.change_stage(ctx, code, body.stage, body.on, body.note))


@routes.post("/sites/{code}/internal-decision", summary="Record the internal decision (waits for the advance reports)")
def internal_decision(request: Request, code: CodePath, body: DecisionIn,
                      auth: Auth = Depends(allowed("manage_abroad"))):
    with acting(request, auth) as ctx:
        return _site(ctx, sites.record_internal_decision(ctx, code, body.on))


@routes.post("/sites/{code}/advance-reports", summary="The FEFTA art. 55-8 advance report was filed (with evidence)")
def advance_report(request: Request, code: CodePath, body: ReportIn, auth: Auth = Depends(allowed("manage_abroad"))):
    with acting(request, auth) as ctx:
        sites.file_advance_report(ctx, code, body.technology, body.evidence)
        return _site(ctx, sites.get(ctx, code))


@routes.post("/sites/{code}/visits", status_code=201, summary="Record a visit or plant tour")
def visit(request: Request, code: CodePath, body: VisitIn, auth: Auth = Depends(allowed("operate"))):
    with acting(request, auth) as ctx:
        made = sites.record_visit(ctx, code, body.kind, body.starts_on, body.ends_on, body.visitors, body.purpose,
                                  body.shown)
        return {"id": made.id, "site": code, "kind": made.kind, "starts_on": made.starts_on, "ends_on": made.ends_on,
                "visitors": made.visitors, "shown": made.shown}


@routes.post("/sites/{code}/teaching-check", summary="May these elements be taught at the site? Writes nothing")
def teaching_check(request: Request, code: CodePath, body: TeachIn, auth: Auth = Depends(allowed("disclose"))):
    with reading(request, auth) as ctx:
        return sites.teaching_check(ctx, code, body.elements).as_dict()


# --- joint research -----------------------------------------------------------------------


def _review(ctx, review) -> dict[str, Any]:
    shown, withheld = research.findings_view(ctx, review)
    return {"id": review.id, "project": review.project.code, "title": review.title, "kind": review.kind,
            "venue": review.venue, "submitted_on": review.submitted_on, "planned_on": review.planned_on,
            "file_name": review.file_name, "file_sha256": review.file_sha256, "findings": shown,
            "withheld": withheld, "suggested": review.suggested, "result": review.result,
            "reviewer": review.reviewer, "reviewed_on": review.reviewed_on, "comment": review.comment,
            "published_on": review.published_on, "warnings": review.warnings}


def _project(ctx, project) -> dict[str, Any]:
    view = research.project_view(ctx, project)
    return {**research.describe(project), "our_elements": view["elements"], "readiness": view["readiness"],
            "reviews": [_review(ctx, r) for r in view["reviews"]]}


@routes.get("/research", summary="List joint research projects")
def list_projects(request: Request, paging: Paging = Depends(), search: Search = Depends(),
                  auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        return paged(research.list_projects(ctx, {}, search.q, search.sort, paging.limit, paging.offset),
                     lambda project: research.describe_for(ctx, project))


@routes.post("/research", status_code=201, summary="Register a joint research project")
def create_project(request: Request, body: ProjectIn, auth: Auth = Depends(allowed("manage_abroad"))):
    with acting(request, auth) as ctx:
        return _project(ctx, research.add_project(ctx, **body.model_dump()))


@routes.get("/research/{code}", summary="A project with its terms, readiness and reviews")
def get_project(request: Request, code: CodePath, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        return _project(ctx, research.get(ctx, code))


@routes.post("/research/{code}/reviews", status_code=201,
             summary="Submit a paper or presentation (pdf, docx, txt) for the pre-publication review")
async def submit_review(request: Request, code: CodePath, file: UploadFile = File(...),
                        title: str = Form(..., max_length=300), planned_on: str = Form(..., max_length=20),
                        kind: str = Form("paper", max_length=20), venue: str = Form("", max_length=300),
                        auth: Auth = Depends(allowed("disclose"))):
    from starlette.concurrency import run_in_threadpool

    from mamoru import limits

    data = await file.read(MAX_PAPER + 1)
    limits.check_size(file.filename or "upload", len(data), MAX_PAPER)
    suffix = FilePath(file.filename or "").suffix.lower()[:10]
    with tempfile.TemporaryDirectory(prefix="mamoru-review-") as folder:
        path = FilePath(folder) / f"paper{suffix}"
        path.write_bytes(data)

        def work():
            with acting(request, auth) as ctx:
                return _review(ctx, research.review_publication(ctx, code, path, title, kind, planned_on, venue,
                                                                file_name=file.filename))
        return await run_in_threadpool(work)


@routes.get("/research/reviews/{review_id}", summary="One pre-publication review with its findings")
def get_review(request: Request, review_id: IdPath, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        return _review(ctx, research.get_review(ctx, review_id))


@routes.post("/research/reviews/{review_id}/result", summary="Record the reviewer's result")
def decide(request: Request, review_id: IdPath, body: ResultIn, auth: Auth = Depends(allowed("review_publication"))):
    with acting(request, auth) as ctx:
        return _review(ctx, research.decide_review(ctx, review_id, body.result, body.comment))


@routes.post("/research/reviews/{review_id}/published", summary="Record publication (warnings when early or not clear)")
def published(request: Request, review_id: IdPath, body: PublishedIn, auth: Auth = Depends(allowed("disclose"))):
    with acting(request, auth) as ctx:
        return _review(ctx, research.record_publication(ctx, review_id, body.published_on))
