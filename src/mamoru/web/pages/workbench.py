"""Correcting records in the browser: edit forms for agreements, elements, samples, events and requests.

Each form is prefilled from the record, posts to the service's ``update_*`` (same checks as creating,
one audit entry with before and after) and shows an error next to the field it concerns.
"""

from __future__ import annotations

from typing import Any, Callable

from fastapi import APIRouter, Depends, Request

from mamoru.domain import vocab
from mamoru.errors import MamoruError
from mamoru.i18n import label
from mamoru.i18n import t as tr
from mamoru.services import agreements, events, reads, requests, samples, technologies
from mamoru.web.auth import allowed
from mamoru.web.context import Auth, acting, lang_of, reading, render
from mamoru.web.pages.common import field_errors, fill, form_data, redirect

router = APIRouter(include_in_schema=False)

CLAUSE_CHOICES = ("confidentiality", "purpose_limitation", "no_third_party", "no_copying", "return_destroy",
                  "no_patent_filing", "subcontracting:approval", "subcontracting:notice",
                  "change_of_control:approval", "change_of_control:notice")


def as_list(value: Any) -> list[str]:
    return value if isinstance(value, list) else ([value] if value else [])


async def edit_form(request: Request, auth: Auth, title: str, action: str, cancel: str,
                    fields_of: Callable[[Any], list[dict]], apply: Callable[[Any, dict], Any],
                    lists: tuple[str, ...] = ()):
    """POST of an edit form: apply in one unit of work and go back to the record, or show the form
    again with what was typed and the error next to its field."""
    data = await form_data(request)
    for name in lists:
        data[name] = as_list(data.get(name))
    try:
        with acting(request, auth) as ctx:
            apply(ctx, data)
    except MamoruError as exc:
        with reading(request, auth) as ctx:
            fields = fill(fields_of(ctx), data)
        error = field_errors(exc, request, fields, {"clause": "clauses", "trigger": "triggers", "on": "returned_on",
                                                    "sample_description": "description"})
        return render(request, "form.html", auth, status_code=409 if exc.code.startswith(("conflict.", "workbench.event_kind", "workbench.request", "workbench.sample")) else 422,
                      title=title, action=action, fields=fields, error=error, cancel=cancel)
    return redirect(cancel)


# --- agreements ------------------------------------------------------------------------------

def agreement_fields(lang: str, ctx) -> list[dict]:
    techs = [(x.code, f"{x.code} {x.name}") for x in reads.technologies(ctx)]
    elems = [(e["code"], f"{e['code']} {e['title'] or tr('web.restricted', lang)}") for e in reads.element_choices(ctx)]
    return [
        {"name": "title", "label": tr("web.f.title", lang)},
        {"name": "kind", "label": tr("web.f.kind", lang), "type": "select", "required": True,
         "options": [(k, label("agreement_kind", k, lang)) for k in vocab.AGREEMENT_KINDS]},
        {"name": "valid_from", "label": tr("web.f.valid_from", lang), "type": "date", "required": True},
        {"name": "valid_to", "label": tr("web.f.valid_to", lang), "type": "date", "required": True},
        {"name": "technologies", "label": tr("web.f.technologies", lang), "type": "multi", "options": techs},
        {"name": "elements", "label": tr("web.f.elements", lang), "type": "multi", "options": elems},
        {"name": "clauses", "label": tr("web.f.clauses", lang), "type": "multi",
         "options": [(k, label("clause", k, lang)) for k in CLAUSE_CHOICES]},
        {"name": "triggers", "label": tr("web.f.triggers", lang), "type": "multi",
         "options": [(k, label("trigger", k, lang)) for k in vocab.TRIGGERS],
         "help": tr("workbench.help.triggers", lang)},
    ]


def agreement_values(ctx, code: str) -> dict:
    a = reads.agreement(ctx, code)
    described = agreements.describe(a)
    clauses = [cl for cl in described["clauses"] if not cl.startswith("termination_triggers")]
    triggers = [t for cl in a.clauses if cl.kind == "termination_triggers" for t in cl.triggers]
    covered = reads.scope(ctx, a)
    return {"title": a.title, "kind": a.kind, "valid_from": str(a.valid_from), "valid_to": str(a.valid_to),
            "technologies": covered["technologies"], "elements": [e["code"] for e in covered["elements"]],
            "clauses": clauses, "triggers": triggers}


@router.get("/agreements/{code}/edit")
def agreement_edit(request: Request, code: str, auth: Auth = Depends(allowed("register_agreement"))):
    lang = lang_of(request)
    with reading(request, auth) as ctx:
        fields = fill(agreement_fields(lang, ctx), agreement_values(ctx, code))
    return render(request, "form.html", auth, title=f"{tr('web.edit', lang)} {code}", action=f"/agreements/{code}/edit",
                  fields=fields, cancel=f"/agreements/{code}")


@router.post("/agreements/{code}/edit")
async def agreement_update(request: Request, code: str, auth: Auth = Depends(allowed("register_agreement"))):
    lang = lang_of(request)

    def apply(ctx, data):
        clauses = list(data["clauses"])
        if data["triggers"]:
            clauses.append("termination_triggers:" + "+".join(data["triggers"]))
        agreements.update_agreement(ctx, code, title=data.get("title", ""), kind=data.get("kind", ""),
                                    valid_from=data.get("valid_from"), valid_to=data.get("valid_to"),
                                    technologies=data["technologies"], elements=data["elements"], clauses=clauses)

    return await edit_form(request, auth, f"{tr('web.edit', lang)} {code}", f"/agreements/{code}/edit",
                           f"/agreements/{code}", lambda ctx: agreement_fields(lang, ctx), apply,
                           ("technologies", "elements", "clauses", "triggers"))


# --- elements --------------------------------------------------------------------------------

def element_fields(lang: str) -> list[dict]:
    return [{"name": "title", "label": tr("web.f.title", lang), "required": True},
            {"name": "rank", "label": tr("web.f.rank", lang), "type": "select", "required": True,
             "options": [(str(r), label("rank", r, lang)) for r in vocab.RANKS]},
            {"name": "kind", "label": tr("web.f.kind", lang), "type": "select", "required": True,
             "options": [(k, label("element_kind", k, lang)) for k in vocab.ELEMENT_KINDS]},
            {"name": "description", "label": tr("web.f.description", lang), "type": "textarea"},
            {"name": "proper_nouns", "label": tr("web.f.proper_nouns", lang), "type": "checkbox"}]


@router.get("/elements/{code}/edit")
def element_edit(request: Request, code: str, auth: Auth = Depends(allowed("register_technology"))):
    lang = lang_of(request)
    with reading(request, auth) as ctx:
        element = reads.element(ctx, code)
        values = {"title": element.title, "rank": element.rank, "kind": element.kind,
                  "description": element.description, "proper_nouns": element.proper_nouns}
        back = f"/technologies/{element.technology.code}"
    return render(request, "form.html", auth, title=f"{tr('web.edit', lang)} {code}", action=f"/elements/{code}/edit",
                  fields=fill(element_fields(lang), values), cancel=back)


@router.post("/elements/{code}/edit")
async def element_update(request: Request, code: str, auth: Auth = Depends(allowed("register_technology"))):
    lang = lang_of(request)
    with reading(request, auth) as ctx:
        back = f"/technologies/{reads.element(ctx, code).technology.code}"

    def apply(ctx, data):
        technologies.update_element(ctx, code, title=data.get("title", ""), rank=data.get("rank", ""),
                                    kind=data.get("kind", ""), description=data.get("description", ""),
                                    proper_nouns=bool(data.get("proper_nouns")))

    return await edit_form(request, auth, f"{tr('web.edit', lang)} {code}", f"/elements/{code}/edit", back,
                           lambda ctx: element_fields(lang), apply)


# --- samples ---------------------------------------------------------------------------------

def sample_fields(lang: str, returned: bool) -> list[dict]:
    fields = [{"name": "description", "label": tr("web.f.sample_description", lang), "type": "textarea", "required": True},
              {"name": "lent_on", "label": tr("web.f.lent_on", lang), "type": "date", "required": True,
               "help": tr("workbench.help.lent_on", lang)},
              {"name": "return_by", "label": tr("web.f.return_by", lang), "type": "date", "required": True}]
    if returned:
        fields += [{"name": "returned_on", "label": tr("web.f.returned_on", lang), "type": "date", "required": True},
                   {"name": "condition", "label": tr("web.f.condition", lang), "type": "select", "required": True,
                    "options": [(x, label("condition", x, lang)) for x in vocab.SAMPLE_CONDITIONS]},
                   {"name": "note", "label": tr("web.f.note", lang), "type": "textarea"}]
    return fields


@router.get("/samples/{code}/edit")
def sample_edit(request: Request, code: str, auth: Auth = Depends(allowed("operate"))):
    lang = lang_of(request)
    with reading(request, auth) as ctx:
        s = reads.sample(ctx, code)
        values = {"description": s.description, "lent_on": str(s.lent_on), "return_by": str(s.due_back),
                  "returned_on": str(s.returned_on or ""), "condition": s.return_condition or "", "note": s.return_note}
        returned = s.status == "returned"
    return render(request, "form.html", auth, title=f"{tr('web.edit', lang)} {code}", action=f"/samples/{code}/edit",
                  fields=fill(sample_fields(lang, returned), values), cancel=f"/samples/{code}")


@router.post("/samples/{code}/edit")
async def sample_update(request: Request, code: str, auth: Auth = Depends(allowed("operate"))):
    lang = lang_of(request)
    with reading(request, auth) as ctx:
        returned = reads.sample(ctx, code).status == "returned"

    def apply(ctx, data):
        names = [f["name"] for f in sample_fields(lang, returned)]
        samples.update_sample(ctx, code, **{n: data.get(n, "") for n in names})

    return await edit_form(request, auth, f"{tr('web.edit', lang)} {code}", f"/samples/{code}/edit", f"/samples/{code}",
                           lambda ctx: sample_fields(lang, returned), apply)


# --- events ----------------------------------------------------------------------------------

def event_fields(lang: str) -> list[dict]:
    return [{"name": "kind", "label": tr("web.f.kind", lang), "type": "select", "required": True,
             "options": [(k, label("event", k, lang)) for k in vocab.EVENT_KINDS], "help": tr("workbench.help.event_kind", lang)},
            {"name": "occurred_on", "label": tr("web.f.date", lang), "type": "date", "required": True},
            {"name": "description", "label": tr("web.f.description", lang), "type": "textarea"},
            {"name": "source", "label": tr("web.f.source", lang)}]


@router.get("/events/{event_id}/edit")
def event_edit(request: Request, event_id: int, auth: Auth = Depends(allowed("operate"))):
    lang = lang_of(request)
    with reading(request, auth) as ctx:
        e = events.get(ctx, event_id)
        values = {"kind": e.kind, "occurred_on": str(e.occurred_on), "description": e.description, "source": e.source}
    return render(request, "form.html", auth, title=f"{tr('web.edit', lang)} {tr('web.event', lang)} #{event_id}",
                  action=f"/events/{event_id}/edit", fields=fill(event_fields(lang), values), cancel=f"/events/{event_id}")


@router.post("/events/{event_id}/edit")
async def event_update(request: Request, event_id: int, auth: Auth = Depends(allowed("operate"))):
    lang = lang_of(request)

    def apply(ctx, data):
        events.update_event(ctx, event_id, kind=data.get("kind", ""), occurred_on=data.get("occurred_on", ""),
                            description=data.get("description", ""), source=data.get("source", ""))

    return await edit_form(request, auth, f"{tr('web.edit', lang)} {tr('web.event', lang)} #{event_id}",
                           f"/events/{event_id}/edit", f"/events/{event_id}", lambda ctx: event_fields(lang), apply)


# --- external requests -----------------------------------------------------------------------

def request_fields(lang: str, ctx) -> list[dict]:
    return [{"name": "requester", "label": tr("web.f.requester", lang), "required": True},
            {"name": "partner", "label": tr("web.f.partner", lang), "type": "select", "options": reads.partner_choices(ctx)},
            {"name": "subject", "label": tr("web.f.subject", lang), "type": "textarea", "required": True},
            {"name": "requested_items", "label": tr("web.f.requested_items", lang), "type": "textarea"},
            {"name": "government_backed", "label": tr("web.f.government_backed", lang), "type": "checkbox"},
            {"name": "received_on", "label": tr("web.f.date", lang), "type": "date", "required": True}]


@router.get("/requests/{request_id}/edit")
def request_edit(request: Request, request_id: int, auth: Auth = Depends(allowed("operate"))):
    lang = lang_of(request)
    with reading(request, auth) as ctx:
        r = requests.get(ctx, request_id)
        values = {"requester": r.requester, "partner": r.partner.code if r.partner else "", "subject": r.subject,
                  "requested_items": r.requested_items, "government_backed": r.government_backed,
                  "received_on": str(r.received_on)}
        fields = fill(request_fields(lang, ctx), values)
    return render(request, "form.html", auth, title=f"{tr('web.edit', lang)} {tr('web.request', lang)} #{request_id}",
                  action=f"/requests/{request_id}/edit", fields=fields, cancel=f"/requests/{request_id}")


@router.post("/requests/{request_id}/edit")
async def request_update(request: Request, request_id: int, auth: Auth = Depends(allowed("operate"))):
    lang = lang_of(request)

    def apply(ctx, data):
        requests.update_request(ctx, request_id, requester=data.get("requester", ""), partner=data.get("partner") or None,
                                subject=data.get("subject", ""), requested_items=data.get("requested_items", ""),
                                government_backed=bool(data.get("government_backed")),
                                received_on=data.get("received_on", ""))

    return await edit_form(request, auth, f"{tr('web.edit', lang)} {tr('web.request', lang)} #{request_id}",
                           f"/requests/{request_id}/edit", f"/requests/{request_id}",
                           lambda ctx: request_fields(lang, ctx), apply)
