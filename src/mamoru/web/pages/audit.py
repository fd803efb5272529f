"""The audit log viewer and the "verify chain" button."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from mamoru.i18n import label, local_time, registry_label, timezone_name
from mamoru.i18n import t as tr
from mamoru.services import audit, lists
from mamoru.web.auth import allowed
from mamoru.web.context import Auth, lang_of, reading, render
from mamoru.web.pages.common import list_query, listing

router = APIRouter(include_in_schema=False)


def _entity(entity_type: str, lang: str) -> str:
    """取引先 for ``partner``: the registry an audit entry is about, as people name it."""
    name = registry_label(entity_type)
    return name[lang] if isinstance(name, dict) else entity_type


@router.get("/audit")
def audit_log(request: Request, auth: Auth = Depends(allowed("audit"))):
    lang = lang_of(request)
    query = list_query(request, ("actor", "entity_type"))
    with reading(request, auth) as ctx:
        page = lists.audit(ctx, **query.args)
        rows = [{"seq": e.seq, "at": local_time(e.at), "actor": e.actor, "action": label("audit.action", e.action, lang),
                 "entity": f"{_entity(e.entity_type, lang)} {e.entity_id}", "hash": e.hash[:12]} for e in page.items]
        facets = lists.audit_facets(ctx)
        actors, types = facets["actor"], facets["entity_type"]
    columns = [("seq", "#"), ("at", tr("web.f.at_local", lang, zone=timezone_name())), ("actor", tr("web.f.actor", lang)),
               ("action", tr("web.f.action", lang)), ("entity", tr("web.f.entity", lang)), ("hash", tr("field.hash", lang))]
    return listing(request, auth, tr("web.nav.audit", lang), columns, page, rows,
                   filters=[{"name": "actor", "label": tr("web.f.actor", lang), "options": [(a, a) for a in actors]},
                            {"name": "entity_type", "label": tr("web.f.entity", lang), "options": [(x, _entity(x, lang)) for x in types]}],
                   actions=[{"href": "/audit/verify", "text": tr("web.verify_chain", lang)}])


@router.get("/audit/verify")
def audit_verify(request: Request, auth: Auth = Depends(allowed("audit"))):
    with reading(request, auth) as ctx:
        verdict = audit.verify(ctx)
    return render(request, "verify.html", auth, verdict=verdict)
