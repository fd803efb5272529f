"""Lending a sample on its own (it goes through the gate as a sample disclosure) and raising an obligation by hand."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from mamoru.domain import vocab
from mamoru.errors import MamoruError
from mamoru.i18n import label
from mamoru.i18n import t as tr
from mamoru.services import disclosures, obligations, reads
from mamoru.web.auth import allowed
from mamoru.web.context import Auth, acting, lang_of, reading, render
from mamoru.web.pages.common import field_errors, fill, form_data, redirect
from mamoru.web.pages.workbench import as_list

router = APIRouter(include_in_schema=False)

SAMPLE_FIELDS = ("code", "sample_description", "lent_on", "return_by")


def _sample_page(request: Request, auth: Auth, values: dict, status_code: int = 200, error: str | None = None,
                 error_code: str = "", errors: dict | None = None, decision=None):
    with reading(request, auth) as ctx:
        context = {"partners": reads.partner_choices(ctx), "elements": reads.element_choices(ctx),
                   "today": ctx.today.isoformat()}
    return render(request, "sample_new.html", auth, status_code=status_code, values=values, error=error,
                  error_code=error_code, errors=errors or {}, decision=decision, **context)


@router.get("/samples/new")
def sample_new(request: Request, auth: Auth = Depends(allowed("disclose"))):
    with reading(request, auth) as ctx:
        today = ctx.today.isoformat()
    return _sample_page(request, auth, {"form": "plain", "lent_on": today,
                                        "partner": request.query_params.get("partner", "")})


@router.post("/samples/new")
async def sample_lend(request: Request, auth: Auth = Depends(allowed("disclose"))):
    """A sample loan is a sample disclosure: the gate decides, the ledger records it, the sample follows."""
    data = await form_data(request)
    elements = as_list(data.get("elements"))
    sample = {"code": data.get("code", ""), "description": data.get("sample_description", ""),
              "return_by": data.get("return_by", ""), "lent_on": data.get("lent_on", "")}
    try:
        with acting(request, auth) as ctx:
            reads.check_elements(ctx, elements)
            record = disclosures.disclose(
                ctx, data.get("partner", ""), elements, data.get("purpose", ""), "sample", data.get("form", "plain"),
                accept_conditions=bool(data.get("accept_conditions")), staged_plan=data.get("staged_plan", ""),
                sample=sample)
            number, status = record.number, record.status
            lent = [s.code for s in reads.disclosure_samples(ctx, record.id)]
    except MamoruError as exc:
        lang = lang_of(request)
        name = exc.params.get("field")
        name = {"description": "sample_description", "code": "code"}.get(name, name)
        errors = {name: exc.message(lang)} if name in SAMPLE_FIELDS else {}
        decision = None
        if data.get("partner") and elements:
            try:
                with reading(request, auth) as ctx:
                    decision = disclosures.evaluate(ctx, data["partner"], elements, "sample", data.get("form") or "plain")
            except MamoruError:
                decision = None
        return _sample_page(request, auth, {**data, "elements": elements}, 422, None if errors else exc.message(lang),
                            exc.code, errors, decision)
    return redirect(f"/samples/{lent[0]}" if status == "recorded" and lent else f"/disclosures/{number}")


# --- obligations raised by hand -----------------------------------------------------------------

def obligation_fields(lang: str, ctx) -> list[dict]:
    return [{"name": "kind", "label": tr("web.f.kind", lang), "type": "select", "required": True,
             "options": [(k, label("obligation", k, lang)) for k in vocab.MANUAL_OBLIGATION_KINDS]},
            {"name": "partner", "label": tr("web.f.partner", lang), "type": "select", "options": reads.partner_choices(ctx),
             "help": tr("workbench.help.obligation_partner", lang)},
            {"name": "due_on", "label": tr("web.f.due", lang), "type": "date", "required": True},
            {"name": "detail", "label": tr("web.f.detail", lang), "type": "textarea",
             "help": tr("workbench.help.obligation_detail", lang)}]


@router.get("/obligations/new")
def obligation_new(request: Request, auth: Auth = Depends(allowed("operate"))):
    lang = lang_of(request)
    with reading(request, auth) as ctx:
        fields = fill(obligation_fields(lang, ctx), {"partner": request.query_params.get("partner", ""),
                                                     "kind": request.query_params.get("kind", "")})
    return render(request, "form.html", auth, title=tr("workbench.obligation_new", lang), action="/obligations/new",
                  fields=fields, cancel="/obligations", submit=tr("workbench.raise", lang))


@router.post("/obligations/new")
async def obligation_raise(request: Request, auth: Auth = Depends(allowed("operate"))):
    lang = lang_of(request)
    data = await form_data(request)
    try:
        with acting(request, auth) as ctx:
            ob = obligations.raise_manual(ctx, data.get("kind", ""), data.get("due_on", ""), data.get("detail", ""),
                                          data.get("partner") or None)
            ob_id = ob.id
    except MamoruError as exc:
        with reading(request, auth) as ctx:
            fields = fill(obligation_fields(lang, ctx), data)
        error = field_errors(exc, request, fields)
        return render(request, "form.html", auth, status_code=422, title=tr("workbench.obligation_new", lang),
                      action="/obligations/new", fields=fields, error=error, cancel="/obligations",
                      submit=tr("workbench.raise", lang))
    return redirect(f"/obligations/{ob_id}")
