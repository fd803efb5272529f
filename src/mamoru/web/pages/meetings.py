"""Meetings (打合せ): the list, recording one, one meeting; a partner's other customers and competitors;
the sheet of what may be said in a meeting (HTML and PDF); releasing a later stage of a staged plan."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from mamoru.errors import MamoruError
from mamoru.services import disclosures, meetings, reads, relations
from mamoru.web.auth import allowed
from mamoru.web.context import Auth, acting, lang_of, reading, render
from mamoru.web.pages.common import form_data, redirect
from mamoru.web.pages.reports import _pdf

router = APIRouter(include_in_schema=False)


def _as_list(value) -> list[str]:
    return value if isinstance(value, list) else ([value] if value else [])


@router.get("/meetings")
def meeting_list(request: Request, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        rows = meetings.meetings(ctx, request.query_params.get("partner") or None)
        return render(request, "meetings.html", auth, meetings=rows)


def _form_context(ctx) -> dict:
    return {"partners": reads.partner_choices(ctx), "elements": reads.element_choices(ctx)}


@router.get("/meetings/new")
def meeting_form(request: Request, auth: Auth = Depends(allowed("disclose"))):
    with reading(request, auth) as ctx:
        context = _form_context(ctx)
    values = {"partner": request.query_params.get("partner", ""), "form": "code_named",
              "elements": request.query_params.getlist("elements")}
    return render(request, "meeting_form.html", auth, values=values, **context)


@router.post("/meetings/new")
async def meeting_submit(request: Request, auth: Auth = Depends(allowed("disclose"))):
    data = await form_data(request)
    elements = _as_list(data.get("elements"))
    try:
        with acting(request, auth) as ctx:
            reads.check_elements(ctx, elements)
            row = meetings.record_meeting(
                ctx, data.get("partner", ""), data.get("held_on", ""), data.get("purpose", ""),
                place=data.get("place", ""), our_attendees=data.get("our_attendees", ""),
                their_attendees=data.get("their_attendees", ""), said=data.get("said", ""), elements=elements,
                form=data.get("form") or "plain", accept_conditions=bool(data.get("accept_conditions")),
                staged_plan=data.get("staged_plan", ""))
            meeting_id = row.id
    except MamoruError as exc:
        with reading(request, auth) as ctx:
            context = _form_context(ctx)
        reasons = exc.params.get("reasons") or exc.params.get("conditions") or []
        return render(request, "meeting_form.html", auth, status_code=422, values={**data, "elements": elements},
                      error=exc.message(lang_of(request)), error_code=exc.code, reasons=reasons, **context)
    return redirect(f"/meetings/{meeting_id}")


@router.get("/meetings/sheet")
def sheet_form(request: Request, auth: Auth = Depends(allowed("read"))):
    """Choose the partner and the elements planned for the meeting; the sheet follows."""
    params = request.query_params
    partner, elements = params.get("partner", ""), params.getlist("elements")
    with reading(request, auth) as ctx:
        context = _form_context(ctx)
        sheet = meetings.briefing(ctx, partner, elements, "oral", params.get("form") or "plain") if partner and elements else None
        return render(request, "sheet_form.html", auth, values={"partner": partner, "elements": elements,
                                                                "form": params.get("form") or "plain"},
                      sheet=sheet, query=str(request.url.query), **context)


def _sheet(request: Request, auth: Auth, pdf: bool):
    params = request.query_params
    with reading(request, auth) as ctx:
        sheet = meetings.briefing(ctx, params.get("partner", ""), params.getlist("elements"), "oral",
                                  params.get("form") or "plain")
        if pdf:
            return _pdf(request, "sheet.html", auth, f"meeting-sheet-{sheet.partner.code}.pdf", sheet=sheet,
                        query=str(request.url.query))
        return render(request, "sheet.html", auth, sheet=sheet, query=str(request.url.query), pdf=False)


@router.get("/meetings/sheet/print")
def sheet_print(request: Request, auth: Auth = Depends(allowed("read"))):
    return _sheet(request, auth, pdf=False)


@router.get("/meetings/sheet.pdf")
def sheet_pdf(request: Request, auth: Auth = Depends(allowed("read"))):
    return _sheet(request, auth, pdf=True)


@router.get("/meetings/{meeting_id}")
def meeting_detail(request: Request, meeting_id: str, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        row = meetings.meeting(ctx, meeting_id)
        from mamoru.services import ledger

        items = ledger.items(ctx, row.disclosure) if row.disclosure else []
        reasons = ledger.reasons(row.disclosure) if row.disclosure else []
        return render(request, "meeting.html", auth, m=row, items=items, reasons=reasons)


@router.get("/partners/{code}/relations")
def relation_list(request: Request, code: str, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        partner = reads.partner(ctx, code)
        rows = relations.relations(ctx, code)
        return render(request, "relations.html", auth, partner=partner, relations=rows,
                      partners=reads.partner_choices(ctx), values={})


@router.post("/partners/{code}/relations")
async def relation_add(request: Request, code: str, auth: Auth = Depends(allowed("register_partner"))):
    data = await form_data(request)
    try:
        with acting(request, auth) as ctx:
            relations.add_relation(ctx, code, data.get("kind", ""), data.get("name", ""),
                                   related_partner=data.get("related_partner", ""),
                                   our_competitor=bool(data.get("our_competitor")), country=data.get("country", ""),
                                   note=data.get("note", ""))
    except MamoruError as exc:
        with reading(request, auth) as ctx:
            partner = reads.partner(ctx, code)
            rows = relations.relations(ctx, code)
            return render(request, "relations.html", auth, status_code=422, partner=partner, relations=rows,
                          partners=reads.partner_choices(ctx), values=data, error=exc.message(lang_of(request)))
    return redirect(f"/partners/{code}/relations")


@router.post("/disclosures/{number}/stages/{stage}")
async def stage_release(request: Request, number: str, stage: int, auth: Auth = Depends(allowed("disclose"))):
    data = await form_data(request)
    with acting(request, auth) as ctx:
        disclosures.disclose_stage(ctx, number, stage, data.get("evidence", ""))
    return redirect(f"/disclosures/{number}")
