"""Register pages: technologies and elements, partners and due diligence, agreements and clauses."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from mamoru.domain import vocab
from mamoru.errors import MamoruError
from mamoru.services import agreements, lists, partners, reads, technologies
from mamoru.services import common as c
from mamoru.web.auth import allowed
from mamoru.web.context import Auth, acting, lang_of, reading, render
from mamoru.web.pages.common import (field_errors, field_values, fill, form_data, list_query, listing, options,
                                     redirect, submit_form)

router = APIRouter(include_in_schema=False)


def _labels(request: Request):
    """(``lab(kind)(value)`` for vocabulary labels, ``t(key, **params)``) in the request's language."""
    from mamoru.i18n import label, t

    lang = lang_of(request)
    return (lambda kind: (lambda v: label(kind, v, lang))), (lambda key, **kw: t(key, lang, **kw))


# --- technologies -----------------------------------------------------------------------

def tech_fields(request: Request, new: bool) -> list[dict]:
    lab, t = _labels(request)
    fields = [
        {"name": "code", "label": t("web.f.code"), "required": True},
        {"name": "name", "label": t("web.f.name"), "required": True},
        {"name": "domain", "label": t("web.f.domain"), "type": "select", "required": True,
         "options": options(vocab.DOMAINS, lab("domain"))},
        {"name": "description", "label": t("web.f.description"), "type": "textarea"},
        {"name": "owner_department", "label": t("web.f.owner_department")},
        {"name": "code_name", "label": t("web.f.code_name")},
        {"name": "export_controlled", "label": t("web.f.export_controlled"), "type": "checkbox"},
        {"name": "priority_control", "label": t("web.f.priority_control"), "type": "checkbox"},
    ]
    return fields if new else fields[1:]


@router.get("/technologies")
def technology_list(request: Request, auth: Auth = Depends(allowed("read"))):
    lab, t = _labels(request)
    query = list_query(request, ("domain",))
    with reading(request, auth) as ctx:
        page = lists.technologies(ctx, **query.args)
        rows = [{"code": {"text": x.code, "href": f"/technologies/{x.code}"}, "_code": x.code, "name": x.name,
                 "domain": lab("domain")(x.domain), "_domain": x.domain, "code_name": x.code_name or "",
                 "elements": len(x.elements), "tier": lab("techtier")(x.confirmed_tier) if x.confirmed_tier else "",
                 "flags": " ".join(f for f, on in ((t("web.f.export_controlled"), x.export_controlled),
                                                   (t("web.f.priority_control"), x.priority_control)) if on)}
                for x in page.items]
    columns = [("code", t("web.f.code")), ("name", t("web.f.name")), ("domain", t("web.f.domain")),
               ("code_name", t("web.f.code_name")), ("tier", t("web.f.tier")), ("elements", t("web.f.elements")),
               ("flags", t("web.f.flags"))]
    actions = [{"href": "/technologies/new", "text": t("web.new")}] if auth.viewer.may("register_technology") else []
    return listing(request, auth, t("web.nav.technologies"), columns, page, rows,
                   filters=[{"name": "domain", "label": t("web.f.domain"), "options": options(vocab.DOMAINS, lab("domain"))}],
                   actions=actions, export="/export/technologies.xlsx")


@router.get("/technologies/new")
def technology_new(request: Request, auth: Auth = Depends(allowed("register_technology"))):
    _, t = _labels(request)
    return render(request, "form.html", auth, title=t("web.new_technology"), action="/technologies/new",
                  fields=tech_fields(request, True), cancel="/technologies")


@router.post("/technologies/new")
async def technology_create(request: Request, auth: Auth = Depends(allowed("register_technology"))):
    _, t = _labels(request)
    fields = tech_fields(request, True)

    def apply(data):
        with acting(request, auth) as ctx:
            technologies.add_technology(ctx, **field_values(fields, data))

    return await submit_form(request, auth, fields, t("web.new_technology"), "/technologies/new", "/technologies",
                             apply, lambda data: f"/technologies/{data.get('code', '').strip()}")


@router.get("/technologies/{code}")
def technology_detail(request: Request, code: str, auth: Auth = Depends(allowed("read"))):
    lab, t = _labels(request)
    with reading(request, auth) as ctx:
        tech = reads.technology(ctx, code)
        rows = []
        for view in reads.elements(ctx, tech):
            rows.append({"code": {"text": view["code"], "href": f"/elements/{view['code']}/edit"}
                         if auth.viewer.may("register_technology") else view["code"], "rank": lab("rank")(view["rank"]),
                         "title": view["title"] if not view["restricted"] else {"text": t("web.restricted"), "cls": "restricted"},
                         "kind": lab("element_kind")(view["kind"]) if view["kind"] else "",
                         "proper_nouns": "✓" if view["proper_nouns"] else ""})
        facts = [(t("web.f.code"), tech.code), (t("web.f.name"), tech.name), (t("web.f.domain"), lab("domain")(tech.domain)),
                 (t("web.f.description"), tech.description), (t("web.f.owner_department"), tech.owner_department),
                 (t("web.f.code_name"), tech.code_name), (t("web.f.export_controlled"), "✓" if tech.export_controlled else "-"),
                 (t("web.f.priority_control"), "✓" if tech.priority_control else "-"),
                 (t("web.f.tier"), f"{lab('techtier')(tech.suggested_tier) if tech.suggested_tier else '-'} → "
                                    f"{lab('techtier')(tech.confirmed_tier) if tech.confirmed_tier else '-'}")]
        title = f"{tech.code} {tech.name}"
    sections = [{"title": t("web.f.elements"), "columns": [("code", t("web.f.code")), ("rank", t("web.f.rank")),
                                                           ("title", t("web.f.title")), ("kind", t("web.f.kind")),
                                                           ("proper_nouns", t("web.f.proper_nouns"))], "rows": rows}]
    if auth.viewer.may("register_technology"):
        sections.append({"title": t("web.add_element"), "form": {"action": f"/technologies/{code}/elements",
                         "submit": t("web.add"), "fields": element_fields(request)}})
    actions = [{"href": f"/technologies/{code}/edit", "text": t("web.edit")}] if auth.viewer.may("register_technology") else []
    if auth.viewer.may("register_technology"):
        actions.append({"href": f"/technologies/{code}/importance", "text": t("workbench.importance.title")})
    return render(request, "detail.html", auth, title=title, facts=facts, sections=sections,
                  actions=actions)


def element_fields(request: Request) -> list[dict]:
    lab, t = _labels(request)
    return [{"name": "code", "label": t("web.f.code"), "required": True},
            {"name": "title", "label": t("web.f.title"), "required": True},
            {"name": "rank", "label": t("web.f.rank"), "type": "select", "required": True,
             "options": [(str(r), lab("rank")(r)) for r in vocab.RANKS]},
            {"name": "kind", "label": t("web.f.kind"), "type": "select", "options": options(vocab.ELEMENT_KINDS, lab("element_kind"))},
            {"name": "description", "label": t("web.f.description"), "type": "textarea"},
            {"name": "proper_nouns", "label": t("web.f.proper_nouns"), "type": "checkbox"}]


@router.post("/technologies/{code}/elements")
async def element_create(request: Request, code: str, auth: Auth = Depends(allowed("register_technology"))):
    _, t = _labels(request)
    fields = element_fields(request)

    def apply(data):
        values = field_values(fields, data)
        with acting(request, auth) as ctx:
            technologies.add_element(ctx, code, values.pop("code"), **{**values, "kind": values["kind"] or "other"})

    return await submit_form(request, auth, fields, t("web.add_element"), f"/technologies/{code}/elements",
                             f"/technologies/{code}", apply, lambda data: f"/technologies/{code}")


@router.get("/technologies/{code}/edit")
def technology_edit(request: Request, code: str, auth: Auth = Depends(allowed("register_technology"))):
    _, t = _labels(request)
    with reading(request, auth) as ctx:
        values = c.snapshot(reads.technology(ctx, code))
    return render(request, "form.html", auth, title=f"{t('web.edit')} {code}", action=f"/technologies/{code}/edit",
                  fields=fill(tech_fields(request, False), values), cancel=f"/technologies/{code}")


@router.post("/technologies/{code}/edit")
async def technology_update(request: Request, code: str, auth: Auth = Depends(allowed("register_technology"))):
    _, t = _labels(request)
    fields = tech_fields(request, False)

    def apply(data):
        with acting(request, auth) as ctx:
            technologies.update_technology(ctx, code, **field_values(fields, data))

    return await submit_form(request, auth, fields, f"{t('web.edit')} {code}", f"/technologies/{code}/edit",
                             f"/technologies/{code}", apply, lambda data: f"/technologies/{code}")


# --- partners -----------------------------------------------------------------------------

def partner_fields(request: Request, new: bool) -> list[dict]:
    lab, t = _labels(request)
    fields = [
        {"name": "code", "label": t("web.f.code"), "required": True},
        {"name": "name", "label": t("web.f.name"), "required": True},
        {"name": "name_kana", "label": t("web.f.name_kana")},
        {"name": "name_en", "label": t("web.f.name_en")},
        {"name": "kind", "label": t("web.f.partner_kind"), "type": "select", "required": True,
         "options": options(vocab.PARTNER_KINDS, lab("partner_kind"))},
        {"name": "country", "label": t("web.f.country"), "required": True, "help": t("web.help.country")},
        {"name": "listed", "label": t("web.f.listed"), "type": "checkbox"},
        {"name": "industry", "label": t("web.f.industry")},
        {"name": "parent_company", "label": t("web.f.parent_company")},
        {"name": "major_shareholders", "label": t("web.f.major_shareholders"), "help": t("web.help.semicolons")},
        {"name": "officers", "label": t("web.f.officers"), "help": t("web.help.semicolons")},
        {"name": "certification", "label": t("web.f.certification")},
        {"name": "certification_expiry", "label": t("web.f.certification_expiry"), "type": "date"},
    ]
    return fields if new else fields[1:]


@router.get("/partners")
def partner_list(request: Request, auth: Auth = Depends(allowed("read"))):
    lab, t = _labels(request)
    query = list_query(request, ("kind", "tier", "status"))
    with reading(request, auth) as ctx:
        page = lists.partners(ctx, **query.args)
        rows = [{"code": {"text": p.code, "href": f"/partners/{p.code}"}, "_code": p.code, "name": p.name,
                 "_name_en": p.name_en, "kind": lab("partner_kind")(p.kind), "_kind": p.kind, "country": p.country,
                 "tier": {"text": lab("tier")(p.risk_tier or "none"), "cls": f"tier-{p.risk_tier}"},
                 "_tier": p.risk_tier or "none", "_sort_tier": vocab.RISK_TIERS.index(p.risk_tier) if p.risk_tier else -1,
                 "status": lab("status")(p.status), "_status": p.status}
                for p in page.items]
    columns = [("code", t("web.f.code")), ("name", t("web.f.name")), ("kind", t("web.f.partner_kind")),
               ("country", t("web.f.country")), ("tier", t("web.f.tier")), ("status", t("web.f.status"))]
    actions = [{"href": "/partners/new", "text": t("web.new")}] if auth.viewer.may("register_partner") else []
    return listing(request, auth, t("web.nav.partners"), columns, page, rows,
                   filters=[{"name": "kind", "label": t("web.f.partner_kind"), "options": options(vocab.PARTNER_KINDS, lab("partner_kind"))},
                            {"name": "tier", "label": t("web.f.tier"), "options": options(list(vocab.RISK_TIERS) + ["none"], lab("tier"))},
                            {"name": "status", "label": t("web.f.status"), "options": options(vocab.PARTNER_STATUSES, lab("status"))}],
                   actions=actions, export="/export/partners.xlsx")


@router.get("/partners/new")
def partner_new(request: Request, auth: Auth = Depends(allowed("register_partner"))):
    _, t = _labels(request)
    return render(request, "form.html", auth, title=t("web.new_partner"), action="/partners/new",
                  fields=partner_fields(request, True), cancel="/partners")


@router.post("/partners/new")
async def partner_create(request: Request, auth: Auth = Depends(allowed("register_partner"))):
    _, t = _labels(request)
    fields = partner_fields(request, True)

    def apply(data):
        with acting(request, auth) as ctx:
            partners.add_partner(ctx, **field_values(fields, data))

    return await submit_form(request, auth, fields, t("web.new_partner"), "/partners/new", "/partners", apply,
                             lambda data: f"/partners/{data.get('code', '').strip()}")


@router.get("/partners/{code}/edit")
def partner_edit(request: Request, code: str, auth: Auth = Depends(allowed("register_partner"))):
    _, t = _labels(request)
    with reading(request, auth) as ctx:
        p = reads.partner(ctx, code)
        values = {**c.snapshot(p), "major_shareholders": "; ".join(map(str, p.major_shareholders)),
                  "officers": "; ".join(map(str, p.officers))}
    return render(request, "form.html", auth, title=f"{t('web.edit')} {code}", action=f"/partners/{code}/edit",
                  fields=fill(partner_fields(request, False), values), cancel=f"/partners/{code}")


@router.post("/partners/{code}/edit")
async def partner_update(request: Request, code: str, auth: Auth = Depends(allowed("register_partner"))):
    _, t = _labels(request)
    fields = partner_fields(request, False)

    def apply(data):
        with acting(request, auth) as ctx:
            partners.update_partner(ctx, code, **field_values(fields, data))

    return await submit_form(request, auth, fields, f"{t('web.edit')} {code}", f"/partners/{code}/edit",
                             f"/partners/{code}", apply, lambda data: f"/partners/{code}")


def dd_fields(request: Request) -> list[dict]:
    lab, t = _labels(request)
    fields = [{"name": f, "label": t(f"dd.label.{f}"), "type": "select", "required": True,
               "options": options(vocab.DD_LEVELS, lab("tier"))} for f in vocab.DD_FACTORS]
    return fields + [{"name": "comment", "label": t("web.f.comment"), "type": "textarea"}]


@router.get("/partners/{code}")
def partner_detail(request: Request, code: str, auth: Auth = Depends(allowed("read"))):
    lab, t = _labels(request)
    lang = lang_of(request)
    with reading(request, auth) as ctx:
        p = reads.partner(ctx, code)
        facts = [(t("web.f.code"), p.code), (t("web.f.name"), p.name), (t("web.f.name_kana"), p.name_kana),
                 (t("web.f.name_en"), p.name_en), (t("web.f.partner_kind"), lab("partner_kind")(p.kind)),
                 (t("web.f.country"), p.country), (t("web.f.listed"), "✓" if p.listed else "-"),
                 (t("web.f.industry"), p.industry), (t("web.f.parent_company"), p.parent_company),
                 (t("web.f.major_shareholders"), "; ".join(map(str, p.major_shareholders))),
                 (t("web.f.officers"), "; ".join(map(str, p.officers))),
                 (t("web.f.certification"), f"{p.certification} {p.certification_expiry or ''}".strip()),
                 (t("web.f.tier"), lab("tier")(p.risk_tier or "none")), (t("web.f.status"), lab("status")(p.status))]
        dd_rows = [{"on": d.assessed_on, "by": d.assessor, "tier": lab("tier")(d.tier), "score": d.score,
                    "why": " / ".join(r["message"][lang] for r in d.explanation)} for d in reversed(p.assessments)]
        agreement_rows = [{"code": {"text": a.code, "href": f"/agreements/{a.code}"}, "kind": lab("agreement_kind")(a.kind),
                           "period": f"{a.valid_from} – {a.valid_to}", "status": lab("status")(a.status)}
                          for a in reads.partner_agreements(ctx, p)]
        event_rows = [{"id": e.id, "kind": lab("event")(e.kind), "on": e.occurred_on, "status": lab("status")(e.status),
                       "description": e.description} for e in reads.partner_events(ctx, p)]
        received = reads.received(ctx, p)
        title = f"{p.code} {p.name}"
    sections = [
        {"title": t("web.due_diligence"), "columns": [("on", t("web.f.date")), ("by", t("web.f.by")), ("tier", t("web.f.tier")),
                                                     ("score", t("web.f.score")), ("why", t("web.f.explanation"))],
         "rows": dd_rows},
        {"title": t("web.nav.agreements"), "columns": [("code", t("web.f.code")), ("kind", t("web.f.kind")),
                                                       ("period", t("web.f.period")), ("status", t("web.f.status"))],
         "rows": agreement_rows},
        {"title": t("web.nav.events"), "columns": [("id", "#"), ("kind", t("web.f.kind")), ("on", t("web.f.date")),
                                                   ("status", t("web.f.status")), ("description", t("web.f.description"))],
         "rows": event_rows},
        {"title": t("web.received"), "note": ", ".join(received) or t("web.empty")},
    ]
    if auth.viewer.may("assess_partner"):
        sections.insert(1, {"title": t("web.assess"), "form": {"action": f"/partners/{code}/assess",
                                                                "submit": t("web.assess"), "fields": dd_fields(request)}})
    actions = [{"href": f"/partners/{code}/edit", "text": t("web.edit")}] if auth.viewer.may("register_partner") else []
    actions.append({"href": f"/reports/exposure/{code}", "text": t("web.exposure_report")})
    actions += [{"href": f"/partners/{code}/relations", "text": t("polish.partner.relations")},
                {"href": f"/meetings?partner={code}", "text": t("polish.partner.meetings")},
                {"href": f"/partners/{code}/screening", "text": t("polish.partner.screening")}]
    return render(request, "detail.html", auth, title=title, facts=facts, sections=sections,
                  actions=actions)


@router.post("/partners/{code}/assess")
async def partner_assess(request: Request, code: str, auth: Auth = Depends(allowed("assess_partner"))):
    _, t = _labels(request)

    def apply(data):
        with acting(request, auth) as ctx:
            partners.assess(ctx, code, {f: data.get(f, "") for f in vocab.DD_FACTORS}, comment=data.get("comment", ""))

    return await submit_form(request, auth, dd_fields(request), t("web.assess"), f"/partners/{code}/assess",
                             f"/partners/{code}", apply, lambda data: f"/partners/{code}", {"factor": None})


# --- agreements ---------------------------------------------------------------------------

def agreement_fields(request: Request, ctx) -> list[dict]:
    lab, t = _labels(request)
    techs = [(x.code, f"{x.code} {x.name}") for x in reads.technologies(ctx)]
    return [
        {"name": "code", "label": t("web.f.code"), "required": True},
        {"name": "partner", "label": t("web.f.partner"), "type": "select", "required": True,
         "options": reads.partner_choices(ctx)},
        {"name": "kind", "label": t("web.f.kind"), "type": "select", "required": True,
         "options": options(vocab.AGREEMENT_KINDS, lab("agreement_kind"))},
        {"name": "title", "label": t("web.f.title")},
        {"name": "valid_from", "label": t("web.f.valid_from"), "type": "date", "required": True},
        {"name": "valid_to", "label": t("web.f.valid_to"), "type": "date", "required": True},
        {"name": "technologies", "label": t("web.f.technologies"), "type": "multi", "options": techs},
        {"name": "clauses", "label": t("web.f.clauses"), "type": "multi",
         "options": [(k, lab("clause")(k)) for k in ("confidentiality", "purpose_limitation", "no_third_party", "no_copying",
                                                      "return_destroy", "subcontracting:approval", "subcontracting:notice",
                                                      "change_of_control:approval", "change_of_control:notice")]},
        {"name": "triggers", "label": t("web.f.triggers"), "type": "multi", "options": options(vocab.TRIGGERS, lab("trigger"))},
    ]


@router.get("/agreements")
def agreement_list(request: Request, auth: Auth = Depends(allowed("read"))):
    lab, t = _labels(request)
    query = list_query(request, ("status",))
    with reading(request, auth) as ctx:
        page = lists.agreements(ctx, **query.args)
        rows = []
        for a in page.items:
            missing = agreements.gaps(ctx, a.code)
            rows.append({"code": {"text": a.code, "href": f"/agreements/{a.code}"}, "_code": a.code,
                         "partner": {"text": a.partner.code, "href": f"/partners/{a.partner.code}"}, "_partner": a.partner.code,
                         "kind": lab("agreement_kind")(a.kind), "_kind": a.kind, "period": f"{a.valid_from} – {a.valid_to}",
                         "_sort_period": str(a.valid_to), "status": lab("status")(a.status), "_status": a.status,
                         "gaps": {"text": ", ".join(lab("clause")(m) for m in missing), "cls": "overdue" if missing else ""}})
    columns = [("code", t("web.f.code")), ("partner", t("web.f.partner")), ("kind", t("web.f.kind")),
               ("period", t("web.f.period")), ("status", t("web.f.status")), ("gaps", t("web.f.gaps"))]
    actions = [{"href": "/agreements/new", "text": t("web.new")}] if auth.viewer.may("register_agreement") else []
    return listing(request, auth, t("web.nav.agreements"), columns, page, rows,
                   filters=[{"name": "status", "label": t("web.f.status"),
                             "options": options(("active", "expired", "terminated"), lab("status"))}],
                   actions=actions, export="/export/agreements.xlsx")


@router.get("/agreements/new")
def agreement_new(request: Request, auth: Auth = Depends(allowed("register_agreement"))):
    _, t = _labels(request)
    with reading(request, auth) as ctx:
        fields = agreement_fields(request, ctx)
    return render(request, "form.html", auth, title=t("web.new_agreement"), action="/agreements/new", fields=fields,
                  cancel="/agreements")


@router.post("/agreements/new")
async def agreement_create(request: Request, auth: Auth = Depends(allowed("register_agreement"))):
    _, t = _labels(request)
    data = await form_data(request)

    def as_list(v):
        return v if isinstance(v, list) else ([v] if v else [])

    clauses = as_list(data.get("clauses"))
    if data.get("triggers"):
        clauses.append("termination_triggers:" + "+".join(as_list(data["triggers"])))
    try:
        with acting(request, auth) as ctx:
            fields = fill(agreement_fields(request, ctx), data)
            agreements.add_agreement(ctx, data.get("code", ""), data.get("partner", ""), data.get("kind", ""),
                                     data.get("valid_from"), data.get("valid_to"), title=data.get("title", ""),
                                     technologies=as_list(data.get("technologies")), clauses=clauses)
    except MamoruError as exc:
        with reading(request, auth) as ctx:
            fields = fill(agreement_fields(request, ctx), data)
        error = field_errors(exc, request, fields, {"clause": "clauses", "trigger": "triggers"})
        if exc.code == "input.agreement_scope_required":
            error = None
            fields[6]["error"] = exc.message(lang_of(request))
        return render(request, "form.html", auth, status_code=422, title=t("web.new_agreement"), action="/agreements/new",
                      fields=fields, error=error, cancel="/agreements")
    return redirect(f"/agreements/{data.get('code', '').strip()}")


_CHECK_MARK = {"present": "✓ ", "missing": "✗ ", "not_required": "– "}


@router.get("/agreements/{code}")
def agreement_detail(request: Request, code: str, auth: Auth = Depends(allowed("read"))):
    lab, t = _labels(request)
    with reading(request, auth) as ctx:
        a = reads.agreement(ctx, code)
        covered = reads.scope(ctx, a)
        missing = agreements.gaps(ctx, code)
        states = agreements.checklist(ctx, code)
        facts = [(t("web.f.code"), a.code), (t("web.f.partner"), {"text": a.partner.code, "href": f"/partners/{a.partner.code}"}),
                 (t("web.f.kind"), lab("agreement_kind")(a.kind)), (t("web.f.title"), a.title),
                 (t("web.f.period"), f"{a.valid_from} – {a.valid_to}"), (t("web.f.status"), lab("status")(a.status)),
                 (t("web.f.technologies"), ", ".join(covered["technologies"])),
                 (t("web.f.elements"), ", ".join(e["code"] for e in covered["elements"]))]
        clause_rows = [{"kind": lab("clause")(cl.kind), "mode": lab("clause_mode")(cl.mode) if cl.mode else "", "triggers": ", ".join(lab("trigger")(x) for x in cl.triggers)}
                       for cl in a.clauses]
        active = a.status == "active"
        title = f"{a.code} {a.title}"
    checklist = [{"kind": lab("clause")(k), "state": {"text": _CHECK_MARK[state] + t(f"web.clause_state.{state}"),
                                                       "cls": "overdue" if state == "missing" else ""}}
                 for k, state in states]
    sections = [{"title": t("web.f.clauses"), "columns": [("kind", t("web.f.kind")), ("mode", t("web.f.mode")),
                                                          ("triggers", t("web.f.triggers"))], "rows": clause_rows},
                {"title": t("web.clause_checklist"), "columns": [("kind", t("web.f.kind")), ("state", t("web.f.status"))],
                 "rows": checklist, "note": t("gate.clause_gap", agreement=code, clauses=[lab("clause")(m) for m in missing]) if missing else None,
                 "note_cls": "overdue"}]
    if active and auth.viewer.may("register_agreement") and missing:
        sections.append({"title": t("web.add_clause"), "form": {"action": f"/agreements/{code}/clauses",
                         "submit": t("web.add"), "fields": [
                             {"name": "clause", "label": t("web.f.clauses"), "type": "select", "required": True,
                              "options": [(m if m not in ("subcontracting", "change_of_control") else f"{m}:approval",
                                           lab("clause")(m)) for m in missing if m != "termination_triggers"]
                              + ([(f"{m}:notice", lab("clause")(f"{m}:notice")) for m in missing
                                  if m in ("subcontracting", "change_of_control")])}]}})
    if active and auth.viewer.may("register_agreement"):
        sections.append({"title": t("web.end_agreement"), "form": {"action": f"/agreements/{code}/end", "submit": t("web.end_agreement"),
                         "cls": "danger", "fields": [{"name": "reason", "label": t("web.f.reason"), "type": "textarea", "required": True}]}})
    actions = [{"href": f"/agreements/{code}/edit", "text": t("web.edit")}] if active and auth.viewer.may("register_agreement") else []
    return render(request, "detail.html", auth, title=title, facts=facts, sections=sections, actions=actions)


@router.post("/agreements/{code}/clauses")
async def agreement_clause(request: Request, code: str, auth: Auth = Depends(allowed("register_agreement"))):
    data = await form_data(request)
    with acting(request, auth) as ctx:
        agreements.add_clause(ctx, code, data.get("clause", ""))
    return redirect(f"/agreements/{code}")


@router.post("/agreements/{code}/end")
async def agreement_end(request: Request, code: str, auth: Auth = Depends(allowed("register_agreement"))):
    data = await form_data(request)
    with acting(request, auth) as ctx:
        agreements.end_agreement(ctx, code, data.get("reason", ""))
    return redirect(f"/agreements/{code}")

