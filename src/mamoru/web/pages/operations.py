"""Samples, events, obligations and external requests: the work that follows a disclosure."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from mamoru.domain import vocab
from mamoru.errors import MamoruError
from mamoru.i18n import display, local_time, field_label, label, registry_label
from mamoru.i18n import t as tr
from mamoru.services import events, lists, obligations, reads, requests, samples
from mamoru.web.auth import allowed
from mamoru.web.context import Auth, acting, lang_of, reading, render
from mamoru.web.pages.common import field_errors, fill, form_data, list_query, listing, redirect

router = APIRouter(include_in_schema=False)


def _lab(lang: str, kind: str, value) -> str:
    return label(kind, value, lang)


# Where an obligation's source lives, by source kind: the page and how it is named there.
_SOURCE_PAGES = {"sample": "/samples/{code}", "agreement": "/agreements/{code}", "event": "/events/{id}",
                 "external_request": "/requests/{id}", "supply_warning": "/supply/warnings/{id}",
                 "asset_event": "/telemetry/alarms"}
_DETAIL_LABELS = {"condition": "condition", "signal": "signal", "severity": "severity"}


def _source(o, codes: dict, lang: str) -> dict:
    """An obligation's source as a person reads it: サンプル S-2026-001, linked to its page."""
    code = codes.get((o.source, o.source_id))
    name = registry_label(o.source)
    text = f"{name[lang] if isinstance(name, dict) else o.source} {code or '#' + str(o.source_id)}"
    page = _SOURCE_PAGES.get(o.source)
    if page is None or ("{code}" in page and not code):
        return {"text": text}
    return {"text": text, "href": page.format(code=code, id=o.source_id)}


def _detail(detail: dict, lang: str) -> str:
    """An obligation's detail: field labels and value labels (返却時の状態：破損、返却遅延：はい)."""
    parts = []
    for key, value in (detail or {}).items():
        name = field_label(key)
        if key in _DETAIL_LABELS or (key == "event" and isinstance(value, str)):  # an event's kind, not its number
            shown = label(_DETAIL_LABELS.get(key, "event"), value, lang)
        elif key == "at":
            shown = local_time(value)
        else:
            shown = display(value, lang)
        parts.append(f"{name[lang] if isinstance(name, dict) else key}{'：' if lang == 'ja' else ': '}{shown or '-'}")
    return ("、" if lang == "ja" else ", ").join(parts)


# --- samples -------------------------------------------------------------------------------

@router.get("/samples")
def sample_list(request: Request, auth: Auth = Depends(allowed("read"))):
    lang = lang_of(request)
    query = list_query(request, ("status",))
    with reading(request, auth) as ctx:
        today = ctx.today
        page = lists.samples(ctx, **query.args)
        rows = [{"code": {"text": s.code, "href": f"/samples/{s.code}"}, "_code": s.code,
                 "partner": {"text": s.partner.code, "href": f"/partners/{s.partner.code}"}, "_partner": s.partner.code,
                 "description": s.description, "due": {"text": str(s.due_back), "cls": "overdue" if s.status == "out" and s.due_back < today else ""},
                 "_sort_due": str(s.due_back), "status": _lab(lang, "status", s.status), "_status": s.status,
                 "condition": _lab(lang, "condition", s.return_condition) if s.return_condition else ""}
                for s in page.items]
    columns = [("code", tr("web.f.code", lang)), ("partner", tr("web.f.partner", lang)),
               ("description", tr("web.f.description", lang)), ("due", tr("web.f.return_by", lang)),
               ("status", tr("web.f.status", lang)), ("condition", tr("web.f.condition", lang))]
    return listing(request, auth, tr("web.nav.samples", lang), columns, page, rows,
                   filters=[{"name": "status", "label": tr("web.f.status", lang),
                             "options": [(s, _lab(lang, "status", s)) for s in ("out", "returned")]}],
                   actions=[{"href": "/samples/new", "text": tr("workbench.sample_new", lang)}] if auth.viewer.may("disclose") else [])


def return_fields(lang: str) -> list[dict]:
    return [{"name": "condition", "label": tr("web.f.condition", lang), "type": "select", "required": True,
             "options": [(x, _lab(lang, "condition", x)) for x in vocab.SAMPLE_CONDITIONS]},
            {"name": "on", "label": tr("web.f.returned_on", lang), "type": "date"},
            {"name": "note", "label": tr("web.f.note", lang), "type": "textarea"}]


@router.get("/samples/{code}")
def sample_detail(request: Request, code: str, auth: Auth = Depends(allowed("read"))):
    lang = lang_of(request)
    with reading(request, auth) as ctx:
        s = reads.sample(ctx, code)
        facts = [(tr("web.f.code", lang), s.code), (tr("web.f.partner", lang), {"text": s.partner.code, "href": f"/partners/{s.partner.code}"}),
                 (tr("web.f.description", lang), s.description), (tr("web.f.lent_on", lang), s.lent_on),
                 (tr("web.f.return_by", lang), s.due_back), (tr("web.f.status", lang), _lab(lang, "status", s.status)),
                 (tr("web.f.returned_on", lang), s.returned_on), (tr("web.f.condition", lang), _lab(lang, "condition", s.return_condition) if s.return_condition else "-"),
                 (tr("web.f.note", lang), s.return_note)]
        if s.disclosure:
            facts.append((tr("web.nav.disclosures", lang), {"text": s.disclosure.number, "href": f"/disclosures/{s.disclosure.number}"}))
        out = s.status == "out"
    sections = []
    if out and auth.viewer.may("operate"):
        sections.append({"title": tr("web.record_return", lang), "form": {"action": f"/samples/{code}/return",
                         "submit": tr("web.record_return", lang), "fields": return_fields(lang)}})
    actions = [{"href": f"/samples/{code}/edit", "text": tr("web.edit", lang)}] if auth.viewer.may("operate") else []
    return render(request, "detail.html", auth, title=f"{tr('web.sample', lang)} {code}", facts=facts, sections=sections,
                  actions=actions)


@router.post("/samples/{code}/return")
async def sample_return(request: Request, code: str, auth: Auth = Depends(allowed("operate"))):
    lang = lang_of(request)
    data = await form_data(request)
    fields = fill(return_fields(lang), data)
    try:
        with acting(request, auth) as ctx:
            samples.return_sample(ctx, code, data.get("condition", ""), data.get("on") or None, data.get("note", ""))
    except MamoruError as exc:
        error = field_errors(exc, request, fields)
        return render(request, "form.html", auth, status_code=422 if exc.code != "conflict.sample_returned" else 409,
                      title=tr("web.record_return", lang), action=f"/samples/{code}/return", fields=fields, error=error,
                      cancel=f"/samples/{code}")
    return redirect(f"/samples/{code}")


# --- events ----------------------------------------------------------------------------------

def event_fields(lang: str, partner_options) -> list[dict]:
    return [{"name": "partner", "label": tr("web.f.partner", lang), "type": "select", "required": True, "options": partner_options},
            {"name": "kind", "label": tr("web.f.kind", lang), "type": "select", "required": True,
             "options": [(k, _lab(lang, "event", k)) for k in vocab.EVENT_KINDS]},
            {"name": "occurred_on", "label": tr("web.f.date", lang), "type": "date"},
            {"name": "description", "label": tr("web.f.description", lang), "type": "textarea"},
            {"name": "source", "label": tr("web.f.source", lang)}]


@router.get("/events")
def event_list(request: Request, auth: Auth = Depends(allowed("read"))):
    lang = lang_of(request)
    query = list_query(request, ("status", "kind"))
    with reading(request, auth) as ctx:
        page = lists.events(ctx, **query.args)
        rows = [{"id": {"text": f"#{e.id}", "href": f"/events/{e.id}"}, "_sort_id": f"{e.id:08d}",
                 "partner": {"text": e.partner.code, "href": f"/partners/{e.partner.code}"}, "_partner": e.partner.code,
                 "kind": _lab(lang, "event", e.kind), "_kind": e.kind, "on": str(e.occurred_on),
                 "status": _lab(lang, "status", e.status), "_status": e.status, "description": e.description}
                for e in page.items]
    columns = [("id", "#"), ("partner", tr("web.f.partner", lang)), ("kind", tr("web.f.kind", lang)),
               ("on", tr("web.f.date", lang)), ("status", tr("web.f.status", lang)), ("description", tr("web.f.description", lang))]
    actions = [{"href": "/events/new", "text": tr("web.new", lang)}] if auth.viewer.may("operate") else []
    return listing(request, auth, tr("web.nav.events", lang), columns, page, rows,
                   filters=[{"name": "status", "label": tr("web.f.status", lang), "options": [(s, _lab(lang, "status", s)) for s in ("open", "resolved")]},
                            {"name": "kind", "label": tr("web.f.kind", lang), "options": [(k, _lab(lang, "event", k)) for k in vocab.EVENT_KINDS]}],
                   actions=actions)


@router.get("/events/new")
def event_new(request: Request, auth: Auth = Depends(allowed("operate"))):
    lang = lang_of(request)
    with reading(request, auth) as ctx:
        fields = event_fields(lang, reads.partner_choices(ctx))
    return render(request, "form.html", auth, title=tr("web.new_event", lang), action="/events/new", fields=fill(
        fields, {"partner": request.query_params.get("partner", "")}), cancel="/events")


@router.post("/events/new")
async def event_create(request: Request, auth: Auth = Depends(allowed("operate"))):
    lang = lang_of(request)
    data = await form_data(request)
    try:
        with acting(request, auth) as ctx:
            event, _ = events.record_event(ctx, data.get("partner", ""), data.get("kind", ""), data.get("occurred_on") or None,
                                           data.get("description", ""), data.get("source", ""))
            event_id = event.id
    except MamoruError as exc:
        with reading(request, auth) as ctx:
            fields = fill(event_fields(lang, reads.partner_choices(ctx)), data)
        error = field_errors(exc, request, fields, {"occurred_on": "occurred_on"})
        return render(request, "form.html", auth, status_code=422, title=tr("web.new_event", lang), action="/events/new",
                      fields=fields, error=error, cancel="/events")
    return redirect(f"/events/{event_id}")


@router.get("/events/{event_id}")
def event_detail(request: Request, event_id: int, auth: Auth = Depends(allowed("read"))):
    lang = lang_of(request)
    with reading(request, auth) as ctx:
        e = events.get(ctx, event_id)
        facts = [("#", e.id), (tr("web.f.partner", lang), {"text": e.partner.code, "href": f"/partners/{e.partner.code}"}),
                 (tr("web.f.kind", lang), _lab(lang, "event", e.kind)), (tr("web.f.date", lang), e.occurred_on),
                 (tr("web.f.description", lang), e.description), (tr("web.f.source", lang), e.source),
                 (tr("web.f.status", lang), _lab(lang, "status", e.status)), (tr("web.f.resolution", lang), e.resolution)]
        obs = [{"id": {"text": f"#{o.id}", "href": f"/obligations/{o.id}"}, "kind": _lab(lang, "obligation", o.kind),
                "agreement": o.agreement.code if o.agreement else "", "due": str(o.due_on), "status": _lab(lang, "status", o.status)}
               for o in reads.event_obligations(ctx, e)]
        is_open = e.status == "open"
    sections = [{"title": tr("web.nav.obligations", lang), "columns": [("id", "#"), ("kind", tr("web.f.kind", lang)),
                 ("agreement", tr("web.f.agreement", lang)), ("due", tr("web.f.due", lang)), ("status", tr("web.f.status", lang))],
                 "rows": obs}]
    if is_open and auth.viewer.may("operate"):
        sections.append({"title": tr("web.resolve", lang), "form": {"action": f"/events/{event_id}/resolve", "submit": tr("web.resolve", lang),
                         "fields": [{"name": "resolution", "label": tr("web.f.resolution", lang), "type": "textarea", "required": True}]}})
    actions = [{"href": f"/events/{event_id}/edit", "text": tr("web.edit", lang)}] if auth.viewer.may("operate") else []
    return render(request, "detail.html", auth, title=f"{tr('web.event', lang)} #{event_id}", facts=facts, sections=sections,
                  actions=actions)


@router.post("/events/{event_id}/resolve")
async def event_resolve(request: Request, event_id: int, auth: Auth = Depends(allowed("operate"))):
    data = await form_data(request)
    with acting(request, auth) as ctx:
        events.resolve_event(ctx, event_id, data.get("resolution", ""))
    return redirect(f"/events/{event_id}")


# --- obligations ---------------------------------------------------------------------------

@router.get("/obligations")
def obligation_list(request: Request, auth: Auth = Depends(allowed("read"))):
    lang = lang_of(request)
    query = list_query(request, ("status",))
    if not query.filters["status"]:
        query.filters["status"] = "open"  # the work still to do, unless asked otherwise
    with reading(request, auth) as ctx:
        today = ctx.today
        page = lists.obligations(ctx, **query.args)
        codes = obligations.source_codes(ctx, page.items)
        rows = [{"id": {"text": f"#{o.id}", "href": f"/obligations/{o.id}"}, "_sort_id": f"{o.id:08d}",
                 "kind": _lab(lang, "obligation", o.kind), "_kind": o.kind,
                 "partner": {"text": o.partner.code, "href": f"/partners/{o.partner.code}"} if o.partner else "",
                 "_partner": o.partner.code if o.partner else "", "agreement": o.agreement.code if o.agreement else "",
                 "due": {"text": str(o.due_on), "cls": "overdue" if o.status == "open" and o.due_on < today else ""},
                 "_sort_due": str(o.due_on), "status": _lab(lang, "status", o.status), "_status": o.status,
                 "source": _source(o, codes, lang)}
                for o in page.items]
    columns = [("id", "#"), ("kind", tr("web.f.kind", lang)), ("partner", tr("web.f.partner", lang)),
               ("agreement", tr("web.f.agreement", lang)), ("due", tr("web.f.due", lang)), ("status", tr("web.f.status", lang)),
               ("source", tr("web.f.source", lang))]
    return listing(request, auth, tr("web.nav.obligations", lang), columns, page, rows,
                   filters=[{"name": "status", "label": tr("web.f.status", lang), "options": [(s, _lab(lang, "status", s)) for s in ("open", "closed")]}],
                   actions=[{"href": "/obligations/new", "text": tr("workbench.obligation_new", lang)}] if auth.viewer.may("operate") else [])


@router.get("/obligations/{obligation_id}")
def obligation_detail(request: Request, obligation_id: int, auth: Auth = Depends(allowed("read"))):
    lang = lang_of(request)
    with reading(request, auth) as ctx:
        o = obligations.get(ctx, obligation_id)
        codes = obligations.source_codes(ctx, [o])
        facts = [("#", o.id), (tr("web.f.kind", lang), _lab(lang, "obligation", o.kind)),
                 (tr("web.f.partner", lang), {"text": o.partner.code, "href": f"/partners/{o.partner.code}"} if o.partner else "-"),
                 (tr("web.f.agreement", lang), o.agreement.code if o.agreement else "-"), (tr("web.f.due", lang), o.due_on),
                 (tr("web.f.source", lang), _source(o, codes, lang)), (tr("web.f.detail", lang), _detail(o.detail, lang)),
                 (tr("web.f.status", lang), _lab(lang, "status", o.status)), (tr("web.f.evidence", lang), o.evidence),
                 (tr("web.f.closed_by", lang), f"{o.closed_by or ''} {local_time(o.closed_at) if o.closed_at else ''}")]
        if o.source == "manual":  # raised by hand (workbench): say who raised it, and show the note as written
            facts[5] = (tr("web.f.source", lang), tr("workbench.source_manual", lang, by=o.detail.get("raised_by", "")))
            facts[6] = (tr("web.f.detail", lang), o.detail.get("note", ""))
        is_open = o.status == "open"
    sections = []
    if is_open and auth.viewer.may("operate"):
        sections.append({"title": tr("web.close_obligation", lang), "form": {"action": f"/obligations/{obligation_id}/close",
                         "submit": tr("web.close_obligation", lang),
                         "fields": [{"name": "evidence", "label": tr("web.f.evidence", lang), "type": "textarea", "required": True,
                                     "help": tr("web.help.evidence", lang)}]}})
    return render(request, "detail.html", auth, title=f"{tr('web.obligation', lang)} #{obligation_id}", facts=facts, sections=sections)


@router.post("/obligations/{obligation_id}/close")
async def obligation_close(request: Request, obligation_id: int, auth: Auth = Depends(allowed("operate"))):
    lang = lang_of(request)
    data = await form_data(request)
    fields = [{"name": "evidence", "label": tr("web.f.evidence", lang), "type": "textarea", "required": True,
               "value": data.get("evidence", "")}]
    try:
        with acting(request, auth) as ctx:
            obligations.close(ctx, obligation_id, data.get("evidence", ""))
    except MamoruError as exc:
        fields[0]["error"] = exc.message(lang)
        return render(request, "form.html", auth, status_code=422, title=tr("web.close_obligation", lang),
                      action=f"/obligations/{obligation_id}/close", fields=fields, cancel=f"/obligations/{obligation_id}")
    return redirect(f"/obligations/{obligation_id}")


# --- external requests -----------------------------------------------------------------------

def request_fields(lang: str, partner_options) -> list[dict]:
    return [{"name": "requester", "label": tr("web.f.requester", lang), "required": True},
            {"name": "partner", "label": tr("web.f.partner", lang), "type": "select", "options": partner_options},
            {"name": "subject", "label": tr("web.f.subject", lang), "type": "textarea", "required": True},
            {"name": "requested_items", "label": tr("web.f.requested_items", lang), "type": "textarea"},
            {"name": "government_backed", "label": tr("web.f.government_backed", lang), "type": "checkbox"},
            {"name": "received_on", "label": tr("web.f.date", lang), "type": "date"}]


@router.get("/requests")
def request_list(request: Request, auth: Auth = Depends(allowed("read"))):
    lang = lang_of(request)
    query = list_query(request, ())
    with reading(request, auth) as ctx:
        page = lists.requests(ctx, **query.args)
        rows = [{"id": {"text": f"#{r.id}", "href": f"/requests/{r.id}"}, "_sort_id": f"{r.id:08d}", "requester": r.requester,
                 "partner": r.partner.code if r.partner else "", "subject": r.subject,
                 "gov": "✓" if r.government_backed else "", "status": _lab(lang, "status", r.status), "_status": r.status}
                for r in page.items]
    columns = [("id", "#"), ("requester", tr("web.f.requester", lang)), ("partner", tr("web.f.partner", lang)),
               ("subject", tr("web.f.subject", lang)), ("gov", tr("web.f.government_backed", lang)), ("status", tr("web.f.status", lang))]
    actions = [{"href": "/requests/new", "text": tr("web.new", lang)}] if auth.viewer.may("operate") else []
    return listing(request, auth, tr("web.nav.requests", lang), columns, page, rows,
                   actions=actions)


@router.get("/requests/new")
def request_new(request: Request, auth: Auth = Depends(allowed("operate"))):
    lang = lang_of(request)
    with reading(request, auth) as ctx:
        fields = request_fields(lang, reads.partner_choices(ctx))
    return render(request, "form.html", auth, title=tr("web.new_request", lang), action="/requests/new", fields=fields,
                  cancel="/requests")


@router.post("/requests/new")
async def request_create(request: Request, auth: Auth = Depends(allowed("operate"))):
    lang = lang_of(request)
    data = await form_data(request)
    try:
        with acting(request, auth) as ctx:
            req = requests.record_request(ctx, data.get("requester", ""), data.get("subject", ""), data.get("partner") or None,
                                          data.get("requested_items", ""), bool(data.get("government_backed")),
                                          data.get("received_on") or None)
            req_id = req.id
    except MamoruError as exc:
        with reading(request, auth) as ctx:
            fields = fill(request_fields(lang, reads.partner_choices(ctx)), data)
        error = field_errors(exc, request, fields)
        return render(request, "form.html", auth, status_code=422, title=tr("web.new_request", lang), action="/requests/new",
                      fields=fields, error=error, cancel="/requests")
    return redirect(f"/requests/{req_id}")


@router.get("/requests/{request_id}")
def request_detail(request: Request, request_id: int, auth: Auth = Depends(allowed("read"))):
    lang = lang_of(request)
    with reading(request, auth) as ctx:
        r = requests.get(ctx, request_id)
        facts = [("#", r.id), (tr("web.f.requester", lang), r.requester), (tr("web.f.partner", lang), r.partner.code if r.partner else "-"),
                 (tr("web.f.subject", lang), r.subject), (tr("web.f.requested_items", lang), r.requested_items),
                 (tr("web.f.government_backed", lang), "✓" if r.government_backed else "-"), (tr("web.f.date", lang), r.received_on),
                 (tr("web.f.status", lang), _lab(lang, "status", r.status)),
                 (tr("web.f.reasonable", lang), "-" if r.reasonable is None else ("✓" if r.reasonable else "✗")),
                 (tr("web.f.review_notes", lang), r.review_notes), (tr("web.f.escalated_to", lang), r.escalated_to),
                 (tr("web.f.note", lang), r.outcome_note)]
        status = r.status
    sections = []
    if auth.viewer.may("operate"):
        if status == "received":
            sections.append({"title": tr("web.review", lang), "form": {"action": f"/requests/{request_id}/review", "submit": tr("web.review", lang),
                             "fields": [{"name": "reasonable", "label": tr("web.f.reasonable", lang), "type": "checkbox"},
                                        {"name": "notes", "label": tr("web.f.review_notes", lang), "type": "textarea", "required": True}]}})
        if status in ("received", "reviewed"):
            sections.append({"title": tr("web.escalate", lang), "form": {"action": f"/requests/{request_id}/escalate", "submit": tr("web.escalate", lang),
                             "fields": [{"name": "to", "label": tr("web.f.escalated_to", lang), "value": "経済産業省 / METI", "required": True}]}})
        if status in ("reviewed", "escalated"):
            sections.append({"title": tr("web.close_request", lang), "form": {"action": f"/requests/{request_id}/close", "submit": tr("web.close_request", lang),
                             "fields": [{"name": "answered", "label": tr("web.f.answered", lang), "type": "checkbox"},
                                        {"name": "note", "label": tr("web.f.note", lang), "type": "textarea", "required": True}]}})
    actions = ([{"href": f"/requests/{request_id}/edit", "text": tr("web.edit", lang)}]
               if status == "received" and auth.viewer.may("operate") else [])
    return render(request, "detail.html", auth, title=f"{tr('web.request', lang)} #{request_id}", facts=facts, sections=sections,
                  actions=actions)


@router.post("/requests/{request_id}/review")
async def request_review(request: Request, request_id: int, auth: Auth = Depends(allowed("operate"))):
    data = await form_data(request)
    with acting(request, auth) as ctx:
        requests.review(ctx, request_id, bool(data.get("reasonable")), data.get("notes", ""))
    return redirect(f"/requests/{request_id}")


@router.post("/requests/{request_id}/escalate")
async def request_escalate(request: Request, request_id: int, auth: Auth = Depends(allowed("operate"))):
    data = await form_data(request)
    with acting(request, auth) as ctx:
        requests.escalate(ctx, request_id, data.get("to", ""))
    return redirect(f"/requests/{request_id}")


@router.post("/requests/{request_id}/close")
async def request_close(request: Request, request_id: int, auth: Auth = Depends(allowed("operate"))):
    data = await form_data(request)
    with acting(request, auth) as ctx:
        requests.close(ctx, request_id, bool(data.get("answered")), data.get("note", ""))
    return redirect(f"/requests/{request_id}")
