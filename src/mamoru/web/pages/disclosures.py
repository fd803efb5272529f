"""The disclosure wizard (live gate decision), the approval queue, the ledger and transmittal notes."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from sqlalchemy import func, select


from mamoru.errors import MamoruError
from mamoru.i18n import t as tr
from mamoru.services import access, disclosures, partners
from mamoru.store.models import Disclosure, Partner
from mamoru.web.auth import allowed
from mamoru.web.context import Auth, acting, lang_of, reading, render
from mamoru.web.pages.common import PAGE_SIZE, form_data, listing, redirect

router = APIRouter(include_in_schema=False)


def _as_list(value) -> list[str]:
    return value if isinstance(value, list) else ([value] if value else [])


def _wizard_context(ctx, auth: Auth) -> dict:
    elements = []
    for tech in access.visible_technologies(ctx, auth.viewer):
        for e in tech.elements:
            view = access.element_view(e, auth.viewer)
            elements.append({"code": e.code, "technology": tech.code, "rank": e.rank,
                             "title": view["title"], "restricted": view["restricted"]})
    return {"partners": [(p.code, f"{p.code} {p.name}") for p in partners.list_partners(ctx)], "elements": elements}


@router.get("/disclose")
def wizard(request: Request, auth: Auth = Depends(allowed("disclose"))):
    with reading(request) as ctx:
        context = _wizard_context(ctx, auth)
    return render(request, "wizard.html", auth, values={"channel": "document", "form": "plain",
                                                         "partner": request.query_params.get("partner", "")},
                  **context)


def _decide(request: Request, auth: Auth, data: dict):
    elements = _as_list(data.get("elements"))
    partner = data.get("partner") or ""
    if not partner or not elements:
        return None
    with reading(request) as ctx:
        access.check_elements_visible(ctx, auth.viewer, elements)
        return disclosures.evaluate(ctx, partner, elements, data.get("channel") or "document", data.get("form") or "plain")


@router.post("/disclose/decision")
async def wizard_decision(request: Request, auth: Auth = Depends(allowed("disclose"))):
    """htmx: the gate's answer for the choices so far (writes nothing)."""
    data = await form_data(request)
    try:
        decision = _decide(request, auth, data)
        error = None
    except MamoruError as exc:
        decision, error = None, exc.message(lang_of(request))
    return render(request, "_decision.html", auth, decision=decision, error=error)


@router.post("/disclose")
async def wizard_submit(request: Request, auth: Auth = Depends(allowed("disclose"))):
    data = await form_data(request)
    elements = _as_list(data.get("elements"))
    sample = None
    if data.get("channel") == "sample" or data.get("sample_description") or data.get("return_by"):
        sample = {"description": data.get("sample_description", ""), "return_by": data.get("return_by", "")}
    try:
        with acting(request, auth) as ctx:
            access.check_elements_visible(ctx, auth.viewer, elements)
            record = disclosures.disclose(
                ctx, data.get("partner", ""), elements, data.get("purpose", ""), data.get("channel", "document"),
                data.get("form", "plain"), accept_conditions=bool(data.get("accept_conditions")),
                staged_plan=data.get("staged_plan", ""), sample=sample, note=data.get("note", ""))
            number = record.number
    except MamoruError as exc:
        with reading(request) as ctx:
            context = _wizard_context(ctx, auth)
        try:
            decision = _decide(request, auth, data)
        except MamoruError:
            decision = None
        return render(request, "wizard.html", auth, status_code=422, values={**data, "elements": elements},
                      error=exc.message(lang_of(request)), error_code=exc.code, decision=decision, **context)
    return redirect(f"/disclosures/{number}")


@router.get("/disclosures")
def ledger(request: Request, auth: Auth = Depends(allowed("read"))):
    lang = lang_of(request)
    status = request.query_params.get("status") or None
    q = (request.query_params.get("q") or "").strip()
    try:
        page = max(1, int(request.query_params.get("page", "1")))
    except ValueError:
        page = 1
    with reading(request) as ctx:
        query = select(Disclosure).order_by(Disclosure.id.desc())
        count = select(func.count()).select_from(Disclosure)
        if status:
            query, count = query.where(Disclosure.status == status), count.where(Disclosure.status == status)
        if q:
            match = Disclosure.partner_id.in_(select(Partner.id).where(Partner.code.ilike(f"%{q}%")))
            query, count = query.where(match | Disclosure.number.ilike(f"%{q}%")), count.where(match | Disclosure.number.ilike(f"%{q}%"))
        total = ctx.session.execute(count).scalar_one()
        rows = []
        for d in ctx.session.execute(query.limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).scalars():
            items = [i for i in d.items if auth.viewer.sees_technology(i.element.technology_id)]
            rows.append({"number": {"text": d.number, "href": f"/disclosures/{d.number}"},
                         "partner": {"text": d.partner.code, "href": f"/partners/{d.partner.code}"},
                         "elements": ", ".join(f"{i.element.code}({i.rank})" for i in items) or tr("web.restricted", lang),
                         "channel": tr(f"channel.{d.channel}", lang), "outcome": {"text": tr(f"outcome.{d.outcome}", lang), "cls": f"o-{d.outcome}"},
                         "status": tr(f"status.{d.status}", lang), "on": str(d.disclosed_on or d.created_at.date())})
    columns = [("number", tr("web.f.number", lang)), ("partner", tr("web.f.partner", lang)),
               ("elements", tr("web.f.elements", lang)), ("channel", tr("web.f.channel", lang)),
               ("outcome", tr("web.f.outcome", lang)), ("status", tr("web.f.status", lang)), ("on", tr("web.f.date", lang))]
    return listing(request, auth, tr("web.nav.disclosures", lang), columns, rows, total=total, paged=True,
                   filters=[{"name": "status", "label": tr("web.f.status", lang),
                             "options": [(s, tr(f"status.{s}", lang)) for s in ("recorded", "pending_approval", "approved", "rejected")]}],
                   actions=[{"href": "/disclose", "text": tr("web.nav.disclose", lang)}] if auth.viewer.may("disclose") else [])


def _detail_context(ctx, auth: Auth, number: str) -> dict:
    d = disclosures.get(ctx, number)
    items = []
    for i in d.items:
        view = access.element_view(i.element, auth.viewer)
        if auth.viewer.sees_technology(i.element.technology_id):
            items.append({**view, "rank": i.rank})
    return {"d": d, "items": items, "reasons": disclosures.reasons_of(d),
            "sample": d.sample_request, "partner": d.partner, "agreement": d.agreement}


@router.get("/disclosures/{number}")
def disclosure_detail(request: Request, number: str, auth: Auth = Depends(allowed("read"))):
    with reading(request) as ctx:
        return render(request, "disclosure.html", auth, **_detail_context(ctx, auth, number))


@router.get("/disclosures/{number}/transmittal")
def transmittal(request: Request, number: str, auth: Auth = Depends(allowed("read"))):
    """A one-page transmittal note with the confidentiality marking, to print and send along."""
    with reading(request) as ctx:
        return render(request, "transmittal.html", auth, **_detail_context(ctx, auth, number))


@router.get("/approvals")
def approvals(request: Request, auth: Auth = Depends(allowed("approve"))):
    with reading(request) as ctx:
        pending = [_detail_context(ctx, auth, d.number) for d in disclosures.list_disclosures(ctx, status="pending_approval")]
        return render(request, "approvals.html", auth, pending=pending)


@router.post("/disclosures/{number}/approve")
async def approve(request: Request, number: str, auth: Auth = Depends(allowed("approve"))):
    data = await form_data(request)
    with acting(request, auth) as ctx:
        disclosures.approve(ctx, number, data.get("comment", ""))
    return redirect(f"/disclosures/{number}")


@router.post("/disclosures/{number}/reject")
async def reject(request: Request, number: str, auth: Auth = Depends(allowed("approve"))):
    data = await form_data(request)
    with acting(request, auth) as ctx:
        disclosures.reject(ctx, number, data.get("comment", ""))
    return redirect(f"/disclosures/{number}")

