"""Sites abroad in the browser: the list, a new site, and one site's page with its forms
(allowances, stage, internal decision, advance report, visits, the teaching check)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from mamoru.domain import vocab
from mamoru.errors import Conflict, MamoruError
from mamoru.services import sites
from mamoru.web.auth import allowed
from mamoru.web.context import Auth, acting, lang_of, reading, render
from mamoru.web.pages.common import field_values, form_data, list_query, listing, options, redirect, submit_form

router = APIRouter(include_in_schema=False)


def _kit(request: Request):
    from mamoru.i18n import label, t

    lang = lang_of(request)
    return (lambda kind, v: label(kind, v, lang)), (lambda key, **kw: t(key, lang, **kw))


@router.get("/sites")
def site_list(request: Request, auth: Auth = Depends(allowed("read"))):
    lab, t = _kit(request)
    query = list_query(request, ("stage",))
    with reading(request, auth) as ctx:
        page = sites.list_sites(ctx, **query.args)
        rows = [{"code": {"text": s.code, "href": f"/sites/{s.code}"}, "name": s.name, "country": s.country,
                 "stage": lab("site_stage", s.stage), "stage_on": s.stage_on.isoformat(),
                 "partner": {"text": s.partner.code, "href": f"/partners/{s.partner.code}"} if s.partner else "-"}
                for s in page.items]
    columns = [("code", t("web.f.code")), ("name", t("web.f.name")), ("country", t("web.f.country")),
               ("stage", t("abroad.f.stage")), ("stage_on", t("abroad.f.stage_on")), ("partner", t("web.f.partner"))]
    actions = [{"href": "/sites/new", "text": t("abroad.new")}] if auth.viewer.may("manage_abroad") else []
    return listing(request, auth, t("abroad.title"), columns, page, rows, actions=actions,
                   filters=[{"name": "stage", "label": t("abroad.f.stage"),
                             "options": options(vocab.SITE_STAGES, lambda v: lab("site_stage", v))}])


def _new_fields(request: Request) -> list[dict]:
    _, t = _kit(request)
    return [{"name": "code", "label": t("web.f.code"), "required": True},
            {"name": "name", "label": t("web.f.name"), "required": True},
            {"name": "country", "label": t("web.f.country"), "required": True, "help": "TH, VN, ..."},
            {"name": "partner", "label": t("web.f.partner")},
            {"name": "local_entity", "label": t("abroad.f.local_entity")},
            {"name": "planned_on", "label": t("abroad.f.stage_on"), "type": "date"},
            {"name": "note", "label": t("web.f.note"), "type": "textarea"}]


@router.get("/sites/new")
def site_new(request: Request, auth: Auth = Depends(allowed("manage_abroad"))):
    _, t = _kit(request)
    return render(request, "form.html", auth, title=t("abroad.new"), action="/sites/new", fields=_new_fields(request),
                  cancel="/sites")


@router.post("/sites/new")
async def site_create(request: Request, auth: Auth = Depends(allowed("manage_abroad"))):
    _, t = _kit(request)
    fields = _new_fields(request)

    def apply(data):
        with acting(request, auth) as ctx:
            sites.add_site(ctx, **field_values(fields, data))

    return await submit_form(request, auth, fields, t("abroad.new"), "/sites/new", "/sites", apply,
                             lambda data: f"/sites/{str(data.get('code', '')).strip()}")


def _site_page(request: Request, auth: Auth, code: str, status_code: int = 200, **extra):
    """Rendered while the read lasts: the page reads the site's rows as it is built."""
    with reading(request, auth) as ctx:
        return _site_body(request, auth, sites.site_view(ctx, sites.get(ctx, code)), status_code, **extra)


def _site_body(request: Request, auth: Auth, view: dict, status_code: int, **extra):
    lab, t = _kit(request)
    may_manage, may_operate = auth.viewer.may("manage_abroad"), auth.viewer.may("operate")
    site = view["site"]
    facts = [(t("web.f.code"), site.code), (t("web.f.name"), site.name), (t("web.f.country"), site.country),
             (t("web.f.partner"), {"text": view["partner"], "href": f"/partners/{view['partner']}"} if view["partner"] else "-"),
             (t("abroad.f.local_entity"), site.local_entity or "-"),
             (t("abroad.f.stage"), {"text": lab("site_stage", site.stage), "cls": f"stage-{site.stage}"}),
             (t("abroad.f.stage_on"), site.stage_on.isoformat()),
             (t("abroad.f.internal_decision_on"), site.internal_decision_on.isoformat() if site.internal_decision_on else "-"),
             (t("web.f.note"), site.note or "-")]
    allowance_opts = options(vocab.SITE_ALLOWANCES, lambda v: lab("site_allowance", v))
    later = [s for s in vocab.SITE_STAGES if vocab.SITE_STAGES.index(s) > vocab.SITE_STAGES.index(site.stage)]
    sections = [
        {"id": "allowances", "title": t("abroad.allowances"),
         "columns": [("element", t("web.f.elements")), ("title", t("web.f.title")), ("rank", t("web.f.rank")),
                     ("allowance", t("abroad.f.allowance")), ("note", t("web.f.note"))],
         "rows": [{"element": a["element"]["code"], "title": a["element"]["title"] or t("web.restricted"),
                   "rank": lab("rank", a["element"]["rank"]),
                   "allowance": {"text": lab("site_allowance", a["allowance"]), "cls": f"allow-{a['allowance']}"},
                   "note": a["note"]} for a in view["allowances"]],
         "form": {"action": f"/sites/{site.code}/allowances", "submit": t("abroad.set_allowance"), "fields": [
             {"name": "element", "label": t("web.f.elements"), "required": True},
             {"name": "allowance", "label": t("abroad.f.allowance"), "type": "select", "required": True,
              "options": allowance_opts},
             {"name": "note", "label": t("web.f.note")}]} if may_manage else None},
        {"id": "reports", "title": t("abroad.reports"),
         "columns": [("technology", t("web.f.technologies")), ("status", t("web.f.status")), ("due", t("web.f.due")),
                     ("evidence", t("web.f.evidence"))],
         "rows": [{"technology": r["technology"],
                   "status": {"text": t("abroad.f.filed") if r["status"] == "closed" else t("abroad.f.open"),
                              "cls": "ok" if r["status"] == "closed" else "warn"},
                   "due": r["due_on"].isoformat() if r["due_on"] else "-", "evidence": r["evidence"] or "-"}
                  for r in view["reports"]],
         "form": {"action": f"/sites/{site.code}/advance-reports", "submit": t("abroad.file_report"), "fields": [
             {"name": "technology", "label": t("web.f.technologies"), "type": "select", "required": True,
              "options": [(r["technology"], r["technology"]) for r in view["reports"] if r["status"] == "open"]},
             {"name": "evidence", "label": t("abroad.f.evidence"), "required": True}]}
         if may_manage and any(r["status"] == "open" for r in view["reports"]) else None},
        {"id": "teach", "title": t("abroad.teach"),
         "form": {"action": f"/sites/{site.code}/check", "submit": t("abroad.teach"), "fields": [
             {"name": "elements", "label": t("abroad.f.elements"), "required": True}]}
         if auth.viewer.may("disclose") else None},
        {"id": "stages", "title": t("abroad.stages"),
         "columns": [("stage", t("abroad.f.stage")), ("on", t("web.f.date")), ("by", t("web.f.by")), ("note", t("web.f.note"))],
         "rows": [{"stage": lab("site_stage", s["stage"]), "on": s["changed_on"].isoformat(), "by": s["actor"],
                   "note": s["note"]} for s in view["stages"]],
         "form": {"action": f"/sites/{site.code}/stage", "submit": t("abroad.move"), "fields": [
             {"name": "stage", "label": t("abroad.f.stage"), "type": "select", "required": True,
              "options": options(later, lambda v: lab("site_stage", v))},
             {"name": "on", "label": t("web.f.date"), "type": "date", "required": True},
             {"name": "note", "label": t("web.f.note")}]} if may_manage and later else None},
        {"id": "internal-decision", "title": t("abroad.decision"),
         "form": {"action": f"/sites/{site.code}/internal-decision", "submit": t("abroad.decision"), "fields": [
             {"name": "on", "label": t("web.f.date"), "type": "date", "required": True}]}
         if may_manage and site.internal_decision_on is None else None},
        {"id": "visits", "title": t("abroad.visits"),
         "columns": [("kind", t("web.f.kind")), ("period", t("abroad.f.period")), ("visitors", t("abroad.f.visitors")),
                     ("shown", t("abroad.f.shown")), ("purpose", t("web.f.purpose"))],
         "rows": [{"kind": lab("visit_kind", v["kind"]), "period": f"{v['starts_on']} – {v['ends_on']}",
                   "visitors": "、".join(v["visitors"]), "shown": ", ".join(v["shown"]) or "-", "purpose": v["purpose"]}
                  for v in view["visits"]],
         "form": {"action": f"/sites/{site.code}/visits", "submit": t("abroad.record_visit"), "fields": [
             {"name": "kind", "label": t("web.f.kind"), "type": "select", "required": True,
              "options": options(vocab.VISIT_KINDS, lambda v: lab("visit_kind", v))},
             {"name": "starts_on", "label": t("web.f.valid_from"), "type": "date", "required": True},
             {"name": "ends_on", "label": t("web.f.valid_to"), "type": "date"},
             {"name": "visitors", "label": t("abroad.f.visitors"), "required": True},
             {"name": "shown", "label": t("abroad.f.shown")},
             {"name": "purpose", "label": t("web.f.purpose")}]} if may_operate else None},
        {"id": "obligations", "title": t("abroad.obligations"),
         "columns": [("id", "#"), ("kind", t("web.f.kind")), ("due", t("web.f.due")), ("status", t("web.f.status"))],
         "rows": [{"id": {"text": str(o.id), "href": "/obligations"}, "kind": lab("obligation", o.kind),
                   "due": o.due_on.isoformat(), "status": lab("status", o.status)} for o in view["obligations"]]},
    ]
    return render(request, "abroad_detail.html", auth, status_code=status_code,
                  title=f"{t('abroad.title')}: {site.code} {site.name}", facts=facts, sections=sections, **extra)


@router.get("/sites/{code}")
def site_page(request: Request, code: str, auth: Auth = Depends(allowed("read"))):
    return _site_page(request, auth, code, flash=request.query_params.get("flash"))


async def _act_on(request: Request, auth: Auth, code: str, anchor: str, apply):
    data = await form_data(request)
    try:
        with acting(request, auth) as ctx:
            apply(ctx, data)
    except MamoruError as exc:
        if exc.code == "notfound.site":
            raise
        status = 409 if isinstance(exc, Conflict) else 422
        return _site_page(request, auth, code, status_code=status, flash=exc.message(lang_of(request)),
                          flash_kind="error")
    _, t = _kit(request)
    from urllib.parse import quote

    return redirect(f"/sites/{code}?flash={quote(t('abroad.saved'))}#{anchor}")


@router.post("/sites/{code}/allowances")
async def site_allowance(request: Request, code: str, auth: Auth = Depends(allowed("manage_abroad"))):
    return await _act_on(request, auth, code, "allowances", lambda ctx, d: sites.set_allowance(
        ctx, code, d.get("element", ""), d.get("allowance", ""), d.get("note", "")))


@router.post("/sites/{code}/stage")
async def site_stage(request: Request, code: str, auth: Auth = Depends(allowed("manage_abroad"))):
    return await _act_on(request, auth, code, "stages", lambda ctx, d: sites.change_stage(
        ctx, code, d.get("stage", ""), d.get("on", ""), d.get("note", "")))


@router.post("/sites/{code}/internal-decision")
async def site_decision(request: Request, code: str, auth: Auth = Depends(allowed("manage_abroad"))):
    return await _act_on(request, auth, code, "internal-decision",
                         lambda ctx, d: sites.record_internal_decision(ctx, code, d.get("on", "")))


@router.post("/sites/{code}/advance-reports")
async def site_report(request: Request, code: str, auth: Auth = Depends(allowed("manage_abroad"))):
    return await _act_on(request, auth, code, "reports", lambda ctx, d: sites.file_advance_report(
        ctx, code, d.get("technology", ""), d.get("evidence", "")))


@router.post("/sites/{code}/visits")
async def site_visit(request: Request, code: str, auth: Auth = Depends(allowed("operate"))):
    return await _act_on(request, auth, code, "visits", lambda ctx, d: sites.record_visit(
        ctx, code, d.get("kind", ""), d.get("starts_on", ""), d.get("ends_on", ""), d.get("visitors", ""),
        d.get("purpose", ""), d.get("shown", "")))


@router.post("/sites/{code}/check")
async def site_check(request: Request, code: str, auth: Auth = Depends(allowed("disclose"))):
    """Records nothing: the answer is shown on the site's page."""
    data = await form_data(request)
    from mamoru.services.common import names

    try:
        with reading(request, auth) as ctx:
            decision = sites.teaching_check(ctx, code, names(data.get("elements", ""), "elements"))
    except MamoruError as exc:
        if exc.code == "notfound.site":
            raise
        return _site_page(request, auth, code, status_code=422, flash=exc.message(lang_of(request)),
                          flash_kind="error")
    return _site_page(request, auth, code, decision=decision)
