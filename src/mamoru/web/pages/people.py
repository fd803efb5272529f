"""People pages: the register (list, filters), a person with pledges, declarations, contacts and
obligations, and the forms to register, pledge, declare, review, record an exit, report a contact and
check an oral disclosure. What personal data a viewer sees is decided in the services."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from mamoru.domain import vocab
from mamoru.errors import MamoruError
from mamoru.services import lists, people, pledges
from mamoru.services.authz import Forbidden
from mamoru.web.auth import allowed
from mamoru.web.context import Auth, acting, lang_of, reading, render
from mamoru.web.pages.common import field_values, list_query, listing, options, submit_form

router = APIRouter(include_in_schema=False)
ANSWER_FIELDS = ("foreign_contract", "foreign_direction", "significant_benefit", "foreign_instructions")


def _labels(request: Request):
    from mamoru.i18n import label, t

    lang = lang_of(request)
    return (lambda kind: (lambda v: label(kind, v, lang))), (lambda key, **kw: t(key, lang, **kw))


def person_fields(request: Request) -> list[dict]:
    lab, t = _labels(request)
    return [{"name": "code", "label": t("web.f.code"), "required": True},
            {"name": "name", "label": t("web.f.name"), "required": True},
            {"name": "kind", "label": t("web.f.person_kind"), "type": "select", "required": True,
             "options": options(vocab.PERSON_KINDS, lab("person_kind"))},
            {"name": "department", "label": t("web.f.department")},
            {"name": "joined_on", "label": t("web.f.joined_on"), "type": "date", "required": True},
            {"name": "technologies", "label": t("web.f.technologies"), "help": t("people.technologies_help")},
            {"name": "user", "label": t("web.f.user")}]


def pledge_fields(request: Request) -> list[dict]:
    lab, t = _labels(request)
    return [{"name": "kind", "label": t("web.f.pledge_kind"), "type": "select", "required": True,
             "options": options(vocab.PLEDGE_KINDS, lab("pledge_kind"))},
            {"name": "signed_on", "label": t("web.f.signed_on"), "type": "date", "required": True},
            {"name": "document", "label": t("web.f.document"), "required": True},
            {"name": "technologies", "label": t("web.f.technologies"), "help": t("people.technologies_help")},
            {"name": "explained_in_meeting_on", "label": t("web.f.explained_in_meeting_on"), "type": "date"},
            {"name": "note", "label": t("web.f.note"), "type": "textarea"}]


def non_compete_fields(request: Request) -> list[dict]:
    _, t = _labels(request)
    return [{"name": "agreed_on", "label": t("web.f.agreed_on"), "type": "date", "required": True},
            {"name": "until", "label": t("web.f.until"), "type": "date", "required": True},
            {"name": "scope", "label": t("web.f.scope"), "type": "textarea", "required": True},
            {"name": "document", "label": t("web.f.document")}]


def declaration_fields(request: Request) -> list[dict]:
    lab, t = _labels(request)
    answers = options(vocab.ANSWERS, lab("answer"))
    return ([{"name": "declared_on", "label": t("web.f.declared_on"), "type": "date"},
             {"name": "side_jobs", "label": t("web.f.side_jobs"), "type": "textarea"},
             {"name": "foreign_funding", "label": t("web.f.foreign_funding"), "type": "textarea"}]
            + [{"name": name, "label": t(f"web.f.{name}"), "type": "select", "options": answers, "value": "unknown"}
               for name in ANSWER_FIELDS[:2]]
            + [{"name": "income_share", "label": t("web.f.income_share"), "type": "number"}]
            + [{"name": name, "label": t(f"web.f.{name}"), "type": "select", "options": answers, "value": "unknown"}
               for name in ANSWER_FIELDS[2:]])


def review_fields(request: Request) -> list[dict]:
    lab, t = _labels(request)
    return [{"name": "result", "label": t("web.f.result"), "type": "select", "required": True,
             "options": options(vocab.CATEGORY_RESULTS, lab("category"))},
            {"name": "note", "label": t("web.f.note"), "type": "textarea"}]


def exit_fields(request: Request) -> list[dict]:
    _, t = _labels(request)
    return [{"name": "last_day", "label": t("web.f.last_day"), "type": "date", "required": True},
            {"name": "note", "label": t("web.f.note"), "type": "textarea"}]


def contact_fields(request: Request) -> list[dict]:
    lab, t = _labels(request)
    return [{"name": "kind", "label": t("web.f.contact_kind"), "type": "select", "required": True,
             "options": options(vocab.CONTACT_KINDS, lab("contact_kind"))},
            {"name": "occurred_on", "label": t("web.f.occurred_on"), "type": "date"},
            {"name": "counterpart", "label": t("web.f.counterpart")},
            {"name": "description", "label": t("web.f.description"), "type": "textarea"}]


def oral_fields(request: Request) -> list[dict]:
    _, t = _labels(request)
    return [{"name": "elements", "label": t("web.f.elements"), "required": True, "help": t("people.elements_help")},
            {"name": "purpose", "label": t("web.f.purpose")}]


# --- list and register ------------------------------------------------------------------------

@router.get("/people")
def person_list(request: Request, auth: Auth = Depends(allowed("read"))):
    lab, t = _labels(request)
    query = list_query(request, ("kind", "status", "technology", "department"))
    with reading(request, auth) as ctx:
        page = lists.people(ctx, **query.args)
        today = ctx.today
        rows = [{"code": {"text": p.code, "href": f"/people/{p.code}"}, "name": p.name,
                 "kind": lab("person_kind")(p.kind), "department": p.department, "joined": str(p.joined_on),
                 "status": lab("person_status")(people.status_of(p, today)),
                 "technologies": " ".join(x.code for x in p.technologies if ctx.viewer.sees_technology(x.id))}
                for p in page.items]
    columns = [("code", t("web.f.code")), ("name", t("web.f.name")), ("kind", t("web.f.person_kind")),
               ("department", t("web.f.department")), ("joined", t("web.f.joined_on")),
               ("status", t("web.f.status")), ("technologies", t("web.f.technologies"))]
    actions = [{"href": "/people/new", "text": t("people.new")}] if auth.viewer.may("manage_people") else []
    return listing(request, auth, t("people.title"), columns, page, rows,
                   filters=[{"name": "kind", "label": t("web.f.person_kind"),
                             "options": options(vocab.PERSON_KINDS, lab("person_kind"))},
                            {"name": "status", "label": t("web.f.status"),
                             "options": options(vocab.PERSON_STATUSES, lab("person_status"))}],
                   actions=actions)


@router.get("/people/new")
def person_new(request: Request, auth: Auth = Depends(allowed("manage_people"))):
    _, t = _labels(request)
    return render(request, "form.html", auth, title=t("people.new"), action="/people/new",
                  fields=person_fields(request), cancel="/people")


@router.post("/people/new")
async def person_create(request: Request, auth: Auth = Depends(allowed("manage_people"))):
    _, t = _labels(request)
    fields = person_fields(request)

    def apply(data):
        values = field_values(fields, data)
        with acting(request, auth) as ctx:
            people.add_person(ctx, values.pop("code"), values.pop("name"), values.pop("kind"), values.pop("joined_on"),
                              **{**values, "user": values["user"] or None})

    return await submit_form(request, auth, fields, t("people.new"), "/people/new", "/people", apply,
                             lambda data: f"/people/{data.get('code', '').strip()}")


# --- one person ----------------------------------------------------------------------------------

def _facts(request: Request, view: people.PersonDetail) -> list[tuple[str, object]]:
    lab, t = _labels(request)
    p = view.person
    facts = [(t("web.f.code"), p.code), (t("web.f.name"), p.name), (t("web.f.person_kind"), lab("person_kind")(p.kind)),
             (t("web.f.department"), p.department or "-"), (t("web.f.joined_on"), str(p.joined_on)),
             (t("web.f.left_on"), str(p.left_on) if p.left_on else "-"),
             (t("web.f.status"), lab("person_status")(view.status)),
             (t("web.f.technologies"), " ".join(view.technologies) or "-")]
    if view.personal:
        facts.append((t("web.f.category"), lab("category")(view.standing)))
    return facts


def _sections(request: Request, auth: Auth, view: people.PersonDetail) -> list[dict]:
    lab, t = _labels(request)
    from mamoru.i18n import local_time

    code = view.person.code
    withheld = {"text": t("web.f.withheld"), "cls": "restricted"}
    sections = [{"title": t("people.pledges"),
                 "columns": [("kind", t("web.f.pledge_kind")), ("signed_on", t("web.f.signed_on")),
                             ("document", t("web.f.document")),
                             ("meeting", t("web.f.explained_in_meeting_on")), ("technologies", t("web.f.technologies"))],
                 "rows": [{"kind": lab("pledge_kind")(p["kind"]), "signed_on": str(p["signed_on"]),
                           "document": p["document"] if view.personal else withheld,
                           "meeting": str(p["explained_in_meeting_on"] or "-"),
                           "technologies": t("people.all_technologies") if p["covers_all"]
                           else " ".join(p["technologies"]) or "-"}
                          for p in view.pledges]}]
    if view.personal:
        sections.append({"title": t("people.declarations"),
                         "columns": [("on", t("web.f.declared_on")), ("side_jobs", t("web.f.side_jobs")),
                                     ("funding", t("web.f.foreign_funding")), ("share", t("web.f.income_share")),
                                     ("suggested", t("web.f.suggested")), ("result", t("web.f.result")),
                                     ("by", t("web.f.reviewed_by"))],
                         "rows": [{"on": str(d.declared_on), "side_jobs": d.side_jobs or "-",
                                   "funding": d.foreign_funding or "-",
                                   "share": "-" if d.answers.get("income_share") is None
                                   else f"{d.answers['income_share']:g}%",
                                   "suggested": lab("category")(d.suggested),
                                   "result": lab("category")(d.result) if d.result else "-",
                                   "by": f"{d.reviewed_by} {d.reviewed_on}" if d.reviewed_by else "-"}
                                  for d in view.declarations]})
        sections.append({"title": t("people.non_competes"),
                         "columns": [("agreed", t("web.f.agreed_on")), ("until", t("web.f.until")),
                                     ("scope", t("web.f.scope")), ("document", t("web.f.document"))],
                         "rows": [{"agreed": str(n.agreed_on), "until": str(n.until), "scope": n.scope,
                                   "document": n.document} for n in view.non_competes]})
        sections.append({"title": t("people.contacts"),
                         "columns": [("on", t("web.f.occurred_on")), ("kind", t("web.f.contact_kind")),
                                     ("who", t("web.f.counterpart")), ("text", t("web.f.description"))],
                         "rows": [{"on": str(e.occurred_on), "kind": lab("contact_kind")(e.kind), "who": e.counterpart,
                                   "text": e.description} for e in view.contacts]})
        sections.append({"title": t("people.oral_checks"),
                         "columns": [("at", t("web.f.date")), ("elements", t("web.f.elements")),
                                     ("outcome", t("web.f.outcome")), ("by", t("web.f.by"))],
                         "rows": [{"at": local_time(o.checked_at), "elements": " ".join(o.elements),
                                   "outcome": lab("outcome")(o.outcome), "by": o.checked_by} for o in view.oral_checks]})
    else:
        sections[0]["note"] = t("people.personal_hidden")
    sections.append({"title": t("people.obligations"),
                     "columns": [("id", "#"), ("kind", t("web.f.kind")), ("due", t("web.f.due")),
                                 ("status", t("web.f.status"))],
                     "rows": [{"id": {"text": f"#{o.id}", "href": f"/obligations/{o.id}"},
                               "kind": lab("obligation")(o.kind), "due": str(o.due_on),
                               "status": lab("status")(o.status)} for o in view.obligations]})
    viewer = auth.viewer
    forms = []
    if viewer.may("disclose"):
        forms.append(("people.oral_check", "oral-check", oral_fields(request)))
    if viewer.may("manage_people"):
        forms.append(("people.add_pledge", "pledges", pledge_fields(request)))
    if viewer.may_declare_for(view.person):
        forms.append(("people.declare", "declarations", declaration_fields(request)))
    if viewer.may("manage_people") and any(d.result is None for d in view.declarations):
        forms.append(("people.review", "review", review_fields(request)))
    if viewer.may("manage_people"):
        forms.append(("people.add_non_compete", "non-competes", non_compete_fields(request)))
    if viewer.may("report_contact"):
        forms.append(("people.report_contact", "contacts", contact_fields(request)))
    if viewer.may("manage_people") and view.status == "current":
        forms.append(("people.exit", "exit", exit_fields(request)))
    for title, path, fields in forms:
        sections.append({"title": t(title), "form": {"action": f"/people/{code}/{path}", "submit": t(title),
                                                     "fields": fields}})
    return sections


@router.get("/people/{code}")
def person_detail(request: Request, code: str, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        view = people.detail(ctx, code)
        facts = _facts(request, view)
        sections = _sections(request, auth, view)
        title = f"{view.person.code} {view.person.name}"
    return render(request, "detail.html", auth, title=title, facts=facts, sections=sections)


class _Refused(Exception):
    def __init__(self, forbidden: Forbidden) -> None:
        self.forbidden = forbidden


def _post(path: str, action: str, title: str, fields_of, use):
    """A form on a person's page: apply ``use(ctx, code, values)`` in a unit of work, back to the person."""

    async def endpoint(request: Request, code: str, auth: Auth = Depends(allowed(action))):
        _, t = _labels(request)
        fields = fields_of(request)

        def apply(data):
            try:
                with acting(request, auth) as ctx:
                    use(ctx, code, field_values(fields, data))
            except Forbidden as exc:  # not a form error: answered as a refusal (403), like the route's own check
                raise _Refused(exc) from exc

        try:
            return await submit_form(request, auth, fields, t(title), f"/people/{code}/{path}", f"/people/{code}",
                                     apply, lambda data: f"/people/{code}")
        except _Refused as refused:
            raise refused.forbidden from None

    endpoint.__name__ = f"person_{path.replace('-', '_')}"
    router.post(f"/people/{{code}}/{path}")(endpoint)


_post("pledges", "manage_people", "people.add_pledge", pledge_fields,
      lambda ctx, code, v: pledges.add_pledge(ctx, code, **{**v, "explained_in_meeting_on": v["explained_in_meeting_on"] or None}))
_post("non-competes", "manage_people", "people.add_non_compete", non_compete_fields,
      lambda ctx, code, v: pledges.add_non_compete(ctx, code, **v))
_post("declarations", "report_contact", "people.declare", declaration_fields,
      lambda ctx, code, v: pledges.declare(ctx, code, **v))
_post("review", "manage_people", "people.review", review_fields,
      lambda ctx, code, v: pledges.review(ctx, code, v["result"], v["note"]))
_post("exit", "manage_people", "people.exit", exit_fields,
      lambda ctx, code, v: people.record_exit(ctx, code, v["last_day"], v["note"]))
_post("contacts", "report_contact", "people.report_contact", contact_fields,
      lambda ctx, code, v: people.report_contact(ctx, code, **v))


@router.post("/people/{code}/oral-check")
async def oral_check(request: Request, code: str, auth: Auth = Depends(allowed("disclose"))):
    form = await request.form()
    lang = lang_of(request)
    decision, error, record = None, None, None
    try:
        with acting(request, auth) as ctx:
            decision, row = people.check_oral(ctx, code, str(form.get("elements") or ""), str(form.get("purpose") or ""))
            record = row.id
    except MamoruError as exc:
        error = exc.message(lang)
    return render(request, "people_oral.html", auth, status_code=422 if error else 200, code=code,
                  decision=decision, error=error, record=record)
