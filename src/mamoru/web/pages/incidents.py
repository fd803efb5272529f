"""Leak incidents in the browser: list, open, the detail with its obligations and traces, attach a
trace result (JSON upload), and download the evidence package. Thin over the services."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from mamoru import limits
from mamoru.domain import incidents as rules
from mamoru.errors import InvalidInput, MamoruError
from mamoru.i18n import label, local_time
from mamoru.i18n import t as tr
from mamoru.services import evidence, incidents, reads
from mamoru.web.auth import allowed
from mamoru.web.context import Auth, acting, lang_of, reading, render
from mamoru.web.pages.common import field_errors, fill, form_data, redirect
from mamoru.web.pages.uploads import attachment

router = APIRouter(include_in_schema=False)
MAX_TRACE = 2_000_000


def _new_fields(lang: str, partner_options, element_options) -> list[dict]:
    codes = tr("incident.help.codes", lang)
    return [{"name": "title", "label": tr("incident.f.title", lang), "required": True},
            {"name": "status", "label": tr("incident.f.status", lang), "type": "select", "required": True,
             "options": [(s, label("incident_status", s, lang)) for s in incidents.OPEN_STATUSES]},
            {"name": "found", "label": tr("incident.f.found", lang), "type": "textarea"},
            {"name": "found_where", "label": tr("incident.f.found_where", lang)},
            {"name": "discovered_on", "label": tr("incident.f.discovered_on", lang), "type": "date", "required": True},
            {"name": "leak_from", "label": tr("incident.f.leak_from", lang), "type": "date"},
            {"name": "partners", "label": tr("incident.f.partners", lang), "type": "multi", "options": partner_options},
            {"name": "elements", "label": tr("incident.f.elements", lang), "type": "multi", "options": element_options},
            {"name": "customers", "label": tr("incident.f.customers", lang), "help": codes},
            {"name": "disclosures", "label": tr("incident.f.disclosures", lang), "help": codes}]


def _choices(ctx, lang: str):
    partners = reads.partner_choices(ctx)
    elements = [(e["code"], f"{e['code']} {e['title'] or tr('web.restricted', lang)}") for e in reads.element_choices(ctx)]
    return partners, elements


def _as_list(value) -> list[str]:
    return value if isinstance(value, list) else ([value] if value else [])


@router.get("/incidents")
def incident_list(request: Request, auth: Auth = Depends(allowed("read"))):
    lang = lang_of(request)
    status = request.query_params.get("status") or None
    with reading(request, auth) as ctx:
        rows = [{"number": {"text": i.number, "href": f"/incidents/{i.number}"},
                 "status": label("incident_status", i.status, lang), "title": i.title,
                 "discovered_on": str(i.discovered_on), "partners": ", ".join(p.code for p in i.partners)}
                for i in incidents.list_incidents(ctx, status if status in rules.STATUSES else None)]
    columns = [("number", tr("incident.f.number", lang)), ("status", tr("incident.f.status", lang)),
               ("discovered_on", tr("incident.f.discovered_on", lang)), ("partners", tr("incident.f.partners", lang)),
               ("title", tr("incident.f.title", lang))]
    actions = [{"href": "/incidents/new", "text": tr("incident.new", lang)}] if auth.viewer.may("operate") else []
    return render(request, "incident.html", auth, title=tr("incident.title_list", lang), facts=[], actions=actions,
                  sections=[{"title": "", "columns": columns, "rows": rows}])


@router.get("/incidents/new")
def incident_new(request: Request, auth: Auth = Depends(allowed("operate"))):
    lang = lang_of(request)
    with reading(request, auth) as ctx:
        fields = _new_fields(lang, *_choices(ctx, lang))
    return render(request, "form.html", auth, title=tr("incident.new", lang), action="/incidents/new",
                  fields=fill(fields, {"status": "suspected"}), cancel="/incidents")


@router.post("/incidents/new")
async def incident_create(request: Request, auth: Auth = Depends(allowed("operate"))):
    lang = lang_of(request)
    data = await form_data(request)
    try:
        with acting(request, auth) as ctx:
            incident, _ = incidents.open_incident(
                ctx, data.get("title", ""), data.get("discovered_on", ""), data.get("status", "suspected"),
                data.get("found", ""), data.get("found_where", ""), data.get("leak_from") or None,
                _as_list(data.get("partners")), data.get("customers", ""), None, _as_list(data.get("elements")),
                data.get("disclosures", ""))
            number = incident.number
    except MamoruError as exc:
        with reading(request, auth) as ctx:
            fields = fill(_new_fields(lang, *_choices(ctx, lang)), data)
        error = field_errors(exc, request, fields)
        return render(request, "form.html", auth, status_code=404 if exc.code.startswith("notfound.") else 422,
                      title=tr("incident.new", lang), action="/incidents/new", fields=fields, error=error,
                      cancel="/incidents")
    return redirect(f"/incidents/{number}")


def _detail(request: Request, auth: Auth, number: str, status_code: int = 200, errors: dict | None = None):
    lang = lang_of(request)
    errors = errors or {}
    with reading(request, auth) as ctx:
        i = incidents.get(ctx, number)
        elements = incidents.elements_view(ctx, i)
        facts = [(tr("incident.f.number", lang), i.number),
                 (tr("incident.f.status", lang), label("incident_status", i.status, lang)),
                 (tr("incident.f.title", lang), i.title), (tr("incident.f.found", lang), i.found),
                 (tr("incident.f.found_where", lang), i.found_where),
                 (tr("incident.f.discovered_on", lang), i.discovered_on),
                 (tr("incident.f.leak_from", lang), i.leak_from or "-"),
                 (tr("incident.f.partners", lang), ", ".join(f"{p.code} {p.name}" for p in i.partners) or "-"),
                 (tr("incident.f.customers", lang), ", ".join(f"{p.code} {p.name}" for p in i.customers) or "-"),
                 (tr("incident.f.elements", lang), ", ".join(
                     f"{e['code']}（{label('rank', e['rank'], lang)}）{e['title'] or tr('web.restricted', lang)}"
                     for e in elements) or "-"),
                 (tr("incident.f.disclosures", lang), ", ".join(d.number for d in i.disclosures) or "-"),
                 (tr("incident.f.opened_by", lang), i.opened_by),
                 (tr("incident.f.confirmed_on", lang), i.confirmed_on or "-"),
                 (tr("incident.f.closed_on", lang), i.closed_on or "-"),
                 (tr("incident.f.resolution", lang), i.resolution or "-")]
        obs = [{"id": {"text": f"#{o.id}", "href": f"/obligations/{o.id}"}, "kind": label("obligation", o.kind, lang),
                "partner": o.partner.code if o.partner else "", "why": tr(o.detail.get("why", ""), lang) if o.detail.get("why") else "",
                "due": str(o.due_on), "status": label("status", o.status, lang)}
               for o in incidents.obligations_of(ctx, i)]
        traces = []
        for row in i.traces:
            cands = row.result.get("candidates") if isinstance(row.result.get("candidates"), list) else []
            top = cands[0].get("partner", "") if cands and isinstance(cands[0], dict) else "-"
            traces.append({"name": row.source_name, "verdict": label("trace_verdict", row.verdict, lang) if row.verdict else "-",
                           "candidates": tr("incident.trace_candidates", lang, count=len(cands),
                                            top=top if isinstance(top, str) else top.get("code", "")),
                           "when": local_time(row.attached_at),
                           "by": row.attached_by, "sha": {"text": row.sha256[:16] + "…", "cls": "muted"}})
        status = i.status
    sections = [
        {"title": tr("incident.obligations", lang), "rows": obs,
         "columns": [("id", "#"), ("kind", tr("web.f.kind", lang)), ("partner", tr("incident.f.partner", lang)),
                     ("why", tr("incident.f.why", lang)), ("due", tr("web.f.due", lang)),
                     ("status", tr("web.f.status", lang))]},
        {"title": tr("incident.traces", lang), "rows": traces,
         "columns": [("name", tr("incident.f.file", lang)), ("verdict", tr("evidence.pdf.verdict", lang)),
                     ("candidates", tr("incident.f.candidates", lang)), ("when", tr("evidence.pdf.when", lang)),
                     ("by", tr("incident.f.attached_by", lang)), ("sha", "SHA-256")]}]
    if auth.viewer.may("handle_incident") and status != "closed":
        moves = [(s, label("incident_status", s, lang)) for s in rules.TRANSITIONS[status]]
        sections.append({"title": tr("incident.change_status", lang), "form": {
            "action": f"/incidents/{number}/status", "submit": tr("incident.change_status", lang), "fields": [
                {"name": "to", "label": tr("incident.f.to", lang), "type": "select", "required": True, "options": moves},
                {"name": "on", "label": tr("incident.f.on", lang), "type": "date", "error": errors.get("on")},
                {"name": "note", "label": tr("incident.f.resolution", lang), "type": "textarea",
                 "error": errors.get("note")}]}})
        sections.append({"title": tr("incident.attach", lang), "form": {
            "action": f"/incidents/{number}/trace", "submit": tr("incident.attach", lang), "multipart": True,
            "fields": [{"name": "file", "label": tr("incident.f.file", lang), "type": "file", "required": True,
                        "accept": "application/json,.json", "error": errors.get("file")}]}})
    if auth.viewer.may("audit"):
        sections.append({"title": tr("incident.package", lang), "note": tr("incident.package_note", lang),
                         "form": {"action": f"/incidents/{number}/package", "submit": tr("incident.package", lang),
                                  "fields": []}})
    return render(request, "incident.html", auth, status_code=status_code,
                  title=tr("incident.detail", lang, number=number), facts=facts, sections=sections)


@router.get("/incidents/{number}")
def incident_detail(request: Request, number: str, auth: Auth = Depends(allowed("read"))):
    return _detail(request, auth, number)


@router.post("/incidents/{number}/status")
async def incident_status(request: Request, number: str, auth: Auth = Depends(allowed("handle_incident"))):
    data = await form_data(request)
    try:
        with acting(request, auth) as ctx:
            incidents.change_status(ctx, number, data.get("to", ""), data.get("on") or None, data.get("note", ""))
    except MamoruError as exc:
        if exc.code.startswith("notfound."):
            raise
        field = exc.params.get("field") if exc.params.get("field") in ("on", "note") else "note"
        return _detail(request, auth, number, 409 if exc.code.startswith("conflict.") else 422,
                       {field: exc.message(lang_of(request))})
    return redirect(f"/incidents/{number}")


@router.post("/incidents/{number}/trace")
async def incident_trace(request: Request, number: str, auth: Auth = Depends(allowed("handle_incident"))):
    form = await request.form()
    upload = form.get("file")
    try:
        if not upload or not getattr(upload, "filename", ""):
            raise InvalidInput("input.required", field="file")
        raw = await upload.read(MAX_TRACE + 1)
        limits.check_size(upload.filename, len(raw), MAX_TRACE)
        result = incidents.parse_trace(raw)
        with acting(request, auth) as ctx:
            incidents.attach_trace(ctx, number, result, upload.filename)
    except MamoruError as exc:
        if exc.code.startswith("notfound."):
            raise
        return _detail(request, auth, number, 422, {"file": exc.message(lang_of(request))})
    return redirect(f"/incidents/{number}")


def _package(request: Request, auth: Auth, number: str) -> tuple[bytes, str]:
    with tempfile.TemporaryDirectory() as folder, acting(request, auth) as ctx:
        built = evidence.build(ctx, number, Path(folder))
        return built.zip_path.read_bytes(), built.zip_path.name


@router.post("/incidents/{number}/package")
async def incident_package(request: Request, number: str, auth: Auth = Depends(allowed("audit"))):
    body, name = await run_in_threadpool(_package, request, auth, number)
    return Response(body, media_type="application/zip", headers={"Content-Disposition": attachment(name)})
