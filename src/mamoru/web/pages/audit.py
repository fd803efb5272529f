"""The audit log viewer and the "verify chain" button."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from sqlalchemy import func, select

from mamoru.audit import chain
from mamoru.i18n import t as tr
from mamoru.store.models import AuditEntry
from mamoru.web.auth import allowed
from mamoru.web.context import Auth, lang_of, reading, render
from mamoru.web.pages.common import PAGE_SIZE, listing

router = APIRouter(include_in_schema=False)


@router.get("/audit")
def audit_log(request: Request, auth: Auth = Depends(allowed("audit"))):
    lang = lang_of(request)
    params = request.query_params
    try:
        page = max(1, int(params.get("page", "1")))
    except ValueError:
        page = 1
    with reading(request) as ctx:
        query = select(AuditEntry).order_by(AuditEntry.seq.desc())
        count = select(func.count()).select_from(AuditEntry)
        for key, column in (("actor", AuditEntry.actor), ("entity_type", AuditEntry.entity_type)):
            if params.get(key):
                query, count = query.where(column == params[key]), count.where(column == params[key])
        if params.get("q"):
            like = f"%{params['q']}%"
            cond = AuditEntry.entity_id.ilike(like) | AuditEntry.action.ilike(like)
            query, count = query.where(cond), count.where(cond)
        total = ctx.session.execute(count).scalar_one()
        rows = [{"seq": e.seq, "at": e.at.strftime("%Y-%m-%d %H:%M:%S"), "actor": e.actor, "action": e.action,
                 "entity": f"{e.entity_type}:{e.entity_id}", "hash": e.hash[:12]}
                for e in ctx.session.execute(query.limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).scalars()]
        actors = sorted(set(ctx.session.execute(select(AuditEntry.actor).distinct()).scalars()))
        types = sorted(set(ctx.session.execute(select(AuditEntry.entity_type).distinct()).scalars()))
    columns = [("seq", "#"), ("at", tr("web.f.at_utc", lang)), ("actor", tr("web.f.actor", lang)),
               ("action", tr("web.f.action", lang)), ("entity", tr("web.f.entity", lang)), ("hash", "hash")]
    return listing(request, auth, tr("web.nav.audit", lang), columns, rows, total=total, paged=True,
                   filters=[{"name": "actor", "label": tr("web.f.actor", lang), "options": [(a, a) for a in actors]},
                            {"name": "entity_type", "label": tr("web.f.entity", lang), "options": [(x, x) for x in types]}],
                   actions=[{"href": "/audit/verify", "text": tr("web.verify_chain", lang)}])


@router.get("/audit/verify")
def audit_verify(request: Request, auth: Auth = Depends(allowed("audit"))):
    with reading(request) as ctx:
        verdict = chain.verify(ctx.session)
    return render(request, "verify.html", auth, verdict=verdict)
