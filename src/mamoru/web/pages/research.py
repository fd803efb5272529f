"""Joint research in the browser: projects, a new project, a project's page with the review upload,
and one review with its findings, the reviewer's result and the publication record."""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from starlette.datastructures import UploadFile
from starlette.concurrency import run_in_threadpool

from mamoru.domain import vocab
from mamoru.errors import Conflict, InvalidInput, MamoruError
from mamoru.services import research
from mamoru.web.auth import allowed
from mamoru.web.context import Auth, acting, lang_of, reading, render
from mamoru.web.pages.common import field_values, form_data, list_query, listing, options, redirect, submit_form
from mamoru.web.pages.uploads import receive

router = APIRouter(include_in_schema=False)
MAX_PAPER = 20 * 1024 * 1024


def _kit(request: Request):
    from mamoru.i18n import label, t

    lang = lang_of(request)
    return (lambda kind, v: label(kind, v, lang)), (lambda key, **kw: t(key, lang, **kw))


def _message(request: Request, item: dict) -> str:
    lab, t = _kit(request)
    params = {k: lab("review_result", v) if k == "result" else v for k, v in item["params"].items()}
    return t(item["code"], **params)


@router.get("/research")
def project_list(request: Request, auth: Auth = Depends(allowed("read"))):
    _, t = _kit(request)
    query = list_query(request)
    with reading(request, auth) as ctx:
        page = research.list_projects(ctx, **query.args)
        rows = [{"code": {"text": p.code, "href": f"/research/{p.code}"}, "title": p.title,
                 "partner": {"text": p.partner.code, "href": f"/partners/{p.partner.code}"},
                 "period": f"{p.starts_on} – {p.ends_on}"} for p in page.items]
    columns = [("code", t("web.f.code")), ("title", t("web.f.title")), ("partner", t("web.f.partner")),
               ("period", t("web.f.period"))]
    actions = [{"href": "/research/new", "text": t("research.new")}] if auth.viewer.may("manage_abroad") else []
    return listing(request, auth, t("research.title"), columns, page, rows, actions=actions)


def _new_fields(request: Request) -> list[dict]:
    lab, t = _kit(request)
    return [{"name": "code", "label": t("web.f.code"), "required": True},
            {"name": "title", "label": t("web.f.title"), "required": True},
            {"name": "partner", "label": t("web.f.partner"), "required": True},
            {"name": "agreement", "label": t("web.f.agreement")},
            {"name": "starts_on", "label": t("web.f.valid_from"), "type": "date", "required": True},
            {"name": "ends_on", "label": t("web.f.valid_to"), "type": "date", "required": True},
            {"name": "improvements", "label": t("research.f.improvements"), "type": "select", "required": True,
             "options": options(vocab.IMPROVEMENT_OWNERSHIP, lambda v: lab("improvements", v))},
            {"name": "review_days", "label": t("research.f.review_days")},
            {"name": "approver", "label": t("research.f.approver"), "required": True},
            {"name": "our_elements", "label": t("research.f.our_elements")},
            {"name": "their_contribution", "label": t("research.f.their_contribution"), "type": "textarea"},
            {"name": "foreign_funding_share", "label": t("research.f.foreign_funding_share")},
            {"name": "foreign_funding_source", "label": t("research.f.foreign_funding_source")}]


@router.get("/research/new")
def project_new(request: Request, auth: Auth = Depends(allowed("manage_abroad"))):
    _, t = _kit(request)
    return render(request, "form.html", auth, title=t("research.new"), action="/research/new",
                  fields=_new_fields(request), cancel="/research")


@router.post("/research/new")
async def project_create(request: Request, auth: Auth = Depends(allowed("manage_abroad"))):
    _, t = _kit(request)
    fields = _new_fields(request)

    def apply(data):
        with acting(request, auth) as ctx:
            research.add_project(ctx, **field_values(fields, data))

    return await submit_form(request, auth, fields, t("research.new"), "/research/new", "/research", apply,
                             lambda data: f"/research/{str(data.get('code', '')).strip()}")


def _project_page(request: Request, auth: Auth, code: str, status_code: int = 200, **extra):
    """Rendered while the read lasts: the page reads the project's rows as it is built."""
    with reading(request, auth) as ctx:
        return _project_body(request, auth, research.project_view(ctx, research.get(ctx, code)), status_code,
                             **extra)


def _project_body(request: Request, auth: Auth, view: dict, status_code: int, **extra):
    lab, t = _kit(request)
    p = view["project"]
    facts = [(t("web.f.code"), p.code), (t("web.f.title"), p.title),
             (t("web.f.partner"), {"text": f"{p.partner.code} {p.partner.name}", "href": f"/partners/{p.partner.code}"}),
             (t("web.f.agreement"), {"text": p.agreement.code, "href": f"/agreements/{p.agreement.code}"}
              if p.agreement else "-"),
             (t("web.f.period"), f"{p.starts_on} – {p.ends_on}"),
             (t("research.f.improvements"), lab("improvements", p.improvements)),
             (t("research.f.review_days"), str(p.review_days)), (t("research.f.approver"), p.approver),
             (t("research.f.our_elements"), ", ".join(f"{e['code']} {e['title'] or t('web.restricted')}"
                                                      for e in view["elements"]) or "-"),
             (t("research.f.their_contribution"), p.their_contribution or "-"),
             (t("research.f.foreign_funding_share"), f"{p.foreign_funding_share:.0%}"
              + (f"（{p.foreign_funding_source}）" if p.foreign_funding_source else ""))]
    sections = [
        {"title": t("research.readiness"), "note": None if view["readiness"] else "✓",
         "columns": [("text", t("research.readiness"))] if view["readiness"] else None,
         "rows": [{"text": {"text": _message(request, r), "cls": "warn"}} for r in view["readiness"]]},
        {"id": "reviews", "title": t("research.reviews"),
         "columns": [("id", "#"), ("title", t("web.f.title")), ("kind", t("research.f.kind")),
                     ("submitted", t("research.f.submitted_on")), ("planned", t("research.f.planned_on")),
                     ("findings", t("research.findings")), ("result", t("research.f.result"))],
         "rows": [{"id": {"text": str(r.id), "href": f"/research/reviews/{r.id}"}, "title": r.title,
                   "kind": lab("publication_kind", r.kind), "submitted": r.submitted_on.isoformat(),
                   "planned": r.planned_on.isoformat(), "findings": str(len(r.findings)),
                   "result": {"text": lab("review_result", r.result or "pending"),
                              "cls": f"result-{r.result or 'pending'}"}} for r in view["reviews"]],
         "form": {"action": f"/research/{p.code}/reviews", "submit": t("research.submit"), "upload": True, "fields": [
             {"name": "file", "label": t("research.f.file"), "type": "file", "required": True},
             {"name": "title", "label": t("web.f.title"), "required": True},
             {"name": "kind", "label": t("research.f.kind"), "type": "select", "required": True,
              "options": options(vocab.PUBLICATION_KINDS, lambda v: lab("publication_kind", v))},
             {"name": "venue", "label": t("research.f.venue")},
             {"name": "planned_on", "label": t("research.f.planned_on"), "type": "date", "required": True}]}
         if auth.viewer.may("disclose") else None},
    ]
    return render(request, "abroad_detail.html", auth, status_code=status_code,
                  title=f"{t('research.title')}: {p.code} {p.title}", facts=facts, sections=sections, **extra)


@router.get("/research/{code}")
def project_page(request: Request, code: str, auth: Auth = Depends(allowed("read"))):
    return _project_page(request, auth, code, flash=request.query_params.get("flash"))


@router.post("/research/{code}/reviews")
async def submit_review(request: Request, code: str, auth: Auth = Depends(allowed("disclose"))):
    form = await request.form()
    upload = form.get("file")
    try:
        if not isinstance(upload, UploadFile) or not upload.filename:
            from mamoru.i18n import both

            raise InvalidInput("input.required", field=both("research.f.file"))
        with tempfile.TemporaryDirectory(prefix="mamoru-review-") as folder:
            path = await receive(upload, Path(folder), MAX_PAPER)

            def work():
                with acting(request, auth) as ctx:
                    return research.review_publication(
                        ctx, code, path, str(form.get("title") or ""), str(form.get("kind") or "paper"),
                        str(form.get("planned_on") or ""), str(form.get("venue") or ""), file_name=upload.filename).id
            review_id = await run_in_threadpool(work)
    except MamoruError as exc:
        if exc.code == "notfound.research_project":
            raise
        return _project_page(request, auth, code, status_code=422, flash=exc.message(lang_of(request)),
                             flash_kind="error")
    return redirect(f"/research/reviews/{review_id}")


def _review_page(request: Request, auth: Auth, review_id: str, status_code: int = 200, **extra):
    """Rendered while the read lasts."""
    with reading(request, auth) as ctx:
        r = research.get_review(ctx, review_id)
        shown, withheld = research.findings_view(ctx, r)
        return _review_body(request, auth, r, shown, withheld, status_code, **extra)


def _review_body(request: Request, auth: Auth, r, shown: list, withheld: int, status_code: int, **extra):
    lab, t = _kit(request)
    lang = lang_of(request)
    project = r.project
    facts = [(t("research.title"), {"text": f"{project.code} {project.title}", "href": f"/research/{project.code}"}),
             (t("web.f.title"), r.title), (t("research.f.kind"), lab("publication_kind", r.kind)),
             (t("research.f.venue"), r.venue or "-"), (t("web.f.file"), r.file_name),
             (t("research.f.submitted_on"), f"{r.submitted_on}（{r.submitted_by}）"),
             (t("research.f.planned_on"), r.planned_on.isoformat()),
             (t("research.suggested"), {"text": lab("review_result", r.suggested), "cls": f"result-{r.suggested}"}),
             (t("research.f.result"), {"text": lab("review_result", r.result or "pending"),
                                       "cls": f"result-{r.result or 'pending'}"}),
             (t("research.f.reviewer"), f"{r.reviewer}（{r.reviewed_on}）" if r.reviewer else "-"),
             (t("web.f.comment"), r.comment or "-"),
             (t("research.f.published_on"), r.published_on.isoformat() if r.published_on else "-")]
    note = t("research.withheld", count=withheld) if withheld else (None if shown else t("research.no_findings"))
    sections = [
        {"id": "findings", "title": f"{t('research.findings')}（{len(shown)}）", "note": note,
         "note_cls": "warn" if withheld else "ok",
         "columns": [("kind", t("research.f.kind")), ("location", t("research.f.location")),
                     ("text", t("research.f.text")), ("elements", t("web.f.elements")), ("rank", t("web.f.rank"))]
         if shown else None,
         "rows": [{"kind": lab("finding_kind", f["kind"]),
                   "location": f["location"] if lang == "ja" else f["location_en"], "text": f["text"],
                   "elements": ", ".join(f["elements"]),
                   "rank": lab("rank", f["rank"]) if f["rank"] is not None else "-"} for f in shown]},
    ]
    if r.warnings:
        sections.append({"title": t("research.f.warnings"), "columns": [("text", t("research.f.warnings"))],
                         "rows": [{"text": {"text": _message(request, w), "cls": "warn"}} for w in r.warnings]})
    if r.result is None and auth.viewer.may("review_publication"):
        sections.append({"id": "decide", "title": t("research.decide"), "form": {
            "action": f"/research/reviews/{r.id}/result", "submit": t("research.decide"), "fields": [
                {"name": "result", "label": t("research.f.result"), "type": "select", "required": True,
                 "value": r.suggested, "options": options(vocab.REVIEW_RESULTS, lambda v: lab("review_result", v))},
                {"name": "comment", "label": t("web.f.comment"), "type": "textarea"}]}})
    if r.published_on is None and auth.viewer.may("disclose"):
        sections.append({"id": "publish", "title": t("research.publish"), "form": {
            "action": f"/research/reviews/{r.id}/published", "submit": t("research.publish"), "cls": "secondary",
            "fields": [{"name": "published_on", "label": t("research.f.published_on"), "type": "date",
                        "required": True}]}})
    return render(request, "abroad_detail.html", auth, status_code=status_code,
                  title=f"{t('research.reviews')} #{r.id}", facts=facts, sections=sections, **extra)


@router.get("/research/reviews/{review_id}")
def review_page(request: Request, review_id: str, auth: Auth = Depends(allowed("read"))):
    return _review_page(request, auth, review_id, flash=request.query_params.get("flash"))


async def _act_on(request: Request, auth: Auth, review_id: str, apply):
    data = await form_data(request)
    try:
        with acting(request, auth) as ctx:
            apply(ctx, data)
    except MamoruError as exc:
        if exc.code == "notfound.publication_review":
            raise
        return _review_page(request, auth, review_id, status_code=409 if isinstance(exc, Conflict) else 422,
                            flash=exc.message(lang_of(request)), flash_kind="error")
    _, t = _kit(request)
    return redirect(f"/research/reviews/{review_id}?flash={quote(t('abroad.saved'))}")


@router.post("/research/reviews/{review_id}/result")
async def review_result(request: Request, review_id: str, auth: Auth = Depends(allowed("review_publication"))):
    return await _act_on(request, auth, review_id, lambda ctx, d: research.decide_review(
        ctx, review_id, d.get("result", ""), d.get("comment", "")))


@router.post("/research/reviews/{review_id}/published")
async def review_published(request: Request, review_id: str, auth: Auth = Depends(allowed("disclose"))):
    return await _act_on(request, auth, review_id, lambda ctx, d: research.record_publication(
        ctx, review_id, d.get("published_on", "")))
