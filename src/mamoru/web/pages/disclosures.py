"""The disclosure wizard (live gate decision), the approval queue, the ledger and transmittal notes."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from mamoru.errors import InvalidInput, MamoruError
from mamoru.i18n import t as tr
from mamoru.services import disclosures, ledger, lists, reads
from mamoru.web.auth import allowed
from mamoru.web.context import Auth, acting, lang_of, reading, render
from mamoru.web.pages.common import form_data, list_query, listing, redirect

router = APIRouter(include_in_schema=False)


def _as_list(value) -> list[str]:
    return value if isinstance(value, list) else ([value] if value else [])


def _wizard_context(ctx) -> dict:
    return {"partners": reads.partner_choices(ctx), "elements": reads.element_choices(ctx)}


@router.get("/disclose")
def wizard(request: Request, auth: Auth = Depends(allowed("disclose"))):
    with reading(request, auth) as ctx:
        context = _wizard_context(ctx)
    return render(request, "wizard.html", auth, values={"channel": "document", "form": "plain",
                                                         "partner": request.query_params.get("partner", "")},
                  **context)


def _decide(request: Request, auth: Auth, data: dict):
    elements = _as_list(data.get("elements"))
    partner = data.get("partner") or ""
    if not partner or not elements:
        return None
    with reading(request, auth) as ctx:
        reads.check_elements(ctx, elements)
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
            reads.check_elements(ctx, elements)
            record = disclosures.disclose(
                ctx, data.get("partner", ""), elements, data.get("purpose", ""), data.get("channel", "document"),
                data.get("form", "plain"), accept_conditions=bool(data.get("accept_conditions")),
                staged_plan=data.get("staged_plan", ""), sample=sample, note=data.get("note", ""))
            number = record.number
    except MamoruError as exc:
        with reading(request, auth) as ctx:
            context = _wizard_context(ctx)
        try:
            decision = _decide(request, auth, data)
        except MamoruError:
            decision = None
        return render(request, "wizard.html", auth, status_code=422, values={**data, "elements": elements},
                      error=exc.message(lang_of(request)), error_code=exc.code, decision=decision, **context)
    return redirect(f"/disclosures/{number}")


@router.get("/disclosures")
def ledger_page(request: Request, auth: Auth = Depends(allowed("read"))):
    lang = lang_of(request)
    query = list_query(request, ("status",))
    with reading(request, auth) as ctx:
        page = lists.disclosures(ctx, **query.args)
        rows = []
        for d in page.items:
            items = ledger.items(ctx, d)
            rows.append({"number": {"text": d.number, "href": f"/disclosures/{d.number}"},
                         "partner": {"text": d.partner.code, "href": f"/partners/{d.partner.code}"},
                         "elements": ", ".join(f"{i['code']}({i['rank_when_disclosed']})" for i in items),
                         "channel": tr(f"channel.{d.channel}", lang), "outcome": {"text": tr(f"outcome.{d.outcome}", lang), "cls": f"o-{d.outcome}"},
                         "status": tr(f"status.{d.status}", lang), "on": str(d.disclosed_on or d.created_at.date())})
    columns = [("number", tr("web.f.number", lang)), ("partner", tr("web.f.partner", lang)),
               ("elements", tr("web.f.elements", lang)), ("channel", tr("web.f.channel", lang)),
               ("outcome", tr("web.f.outcome", lang)), ("status", tr("web.f.status", lang)), ("on", tr("web.f.date", lang))]
    return listing(request, auth, tr("web.nav.disclosures", lang), columns, page, rows,
                   filters=[{"name": "status", "label": tr("web.f.status", lang),
                             "options": [(s, tr(f"status.{s}", lang)) for s in lists.DISCLOSURE_STATUSES]}],
                   actions=[{"href": "/disclose", "text": tr("web.nav.disclose", lang)}] if auth.viewer.may("disclose") else [])


def _detail_context(ctx, number: str) -> dict:
    """One disclosure as the viewer may see it: one they may not see is not found (as in the API)."""
    d = ledger.get(ctx, number)
    items = [{**i, "rank": i["rank_when_disclosed"]} for i in ledger.items(ctx, d)]
    return {"d": d, "items": items, "reasons": ledger.reasons(d),
            "sample": d.sample_request, "partner": d.partner, "agreement": d.agreement,
            "plan": disclosures.plan_of(ctx, d), "lacks_return": disclosures.lacks_return_clause(d)}


@router.get("/disclosures/{number}")
def disclosure_detail(request: Request, number: str, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        return render(request, "disclosure.html", auth, **_detail_context(ctx, number))


@router.get("/disclosures/{number}/transmittal")
def transmittal(request: Request, number: str, auth: Auth = Depends(allowed("read"))):
    """The partner-facing note with the confidentiality marking; only a recorded disclosure prints."""
    with reading(request, auth) as ctx:
        note = ledger.transmittal(ctx, number)
    return render(request, "transmittal.html", auth, note=note)


@router.get("/approvals")
def approvals(request: Request, auth: Auth = Depends(allowed("approve"))):
    with reading(request, auth) as ctx:
        pending = [_detail_context(ctx, d.number) for d in ledger.pending(ctx)]
        return render(request, "approvals.html", auth, pending=pending)


@router.post("/disclosures/{number}/approve")
async def approve(request: Request, number: str, auth: Auth = Depends(allowed("approve"))):
    data = await form_data(request)
    try:
        with acting(request, auth) as ctx:
            disclosures.approve(ctx, number, data.get("comment", ""), data.get("override_reason", ""))
    except InvalidInput as exc:  # e.g. the override reason a missing return/destroy clause asks for: say so on the page
        with reading(request, auth) as ctx:
            return render(request, "disclosure.html", auth, status_code=422, error=exc.message(lang_of(request)),
                          error_code=exc.code, values=data, **_detail_context(ctx, number))
    return redirect(f"/disclosures/{number}")


@router.post("/disclosures/{number}/reject")
async def reject(request: Request, number: str, auth: Auth = Depends(allowed("approve"))):
    data = await form_data(request)
    with acting(request, auth) as ctx:
        disclosures.reject(ctx, number, data.get("comment", ""))
    return redirect(f"/disclosures/{number}")

