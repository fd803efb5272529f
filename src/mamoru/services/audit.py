"""Reading and verifying the audit record."""

from __future__ import annotations

from sqlalchemy import select

from mamoru.audit import chain
from mamoru.services.uow import Context
from mamoru.store.models import AuditEntry


def verify(ctx: Context, progress=None) -> chain.Verdict:
    ctx.require("audit")
    return chain.verify(ctx.session, progress=progress)


def entries(ctx: Context, entity_type: str | None = None, entity_id: str | None = None,
            limit: int = 50) -> list[AuditEntry]:
    query = select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(limit)
    if entity_type:
        query = query.where(AuditEntry.entity_type == entity_type)
    if entity_id:
        query = query.where(AuditEntry.entity_id == entity_id)
    return list(ctx.session.execute(query).scalars())
