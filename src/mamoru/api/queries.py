"""Paged reads of the two tables that grow without bound (the ledger and the audit record).

The services list everything, which is right for registers of hundreds of rows but not for
100,000 disclosures; these count and slice in SQL. Candidates to move into the services.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import exists, func, select

from mamoru.services.access import Viewer
from mamoru.services.uow import Context
from mamoru.store.models import AuditEntry, Disclosure, DisclosureElement, KnowledgeElement


def disclosure_page(ctx: Context, who: Viewer, status: str | None, limit: int,
                    offset: int) -> tuple[list[Disclosure], int]:
    """Newest first; staff see only disclosures whose every element is of a technology they are assigned."""
    query = select(Disclosure)
    if status:
        query = query.where(Disclosure.status == status)
    if who.technology_ids is not None:
        hidden = (select(DisclosureElement.disclosure_id)
                  .join(KnowledgeElement, KnowledgeElement.id == DisclosureElement.element_id)
                  .where(DisclosureElement.disclosure_id == Disclosure.id,
                         KnowledgeElement.technology_id.not_in(who.technology_ids or {-1})))
        query = query.where(~exists(hidden))
    total = ctx.session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    rows = ctx.session.execute(query.order_by(Disclosure.id.desc()).limit(limit).offset(offset)).scalars()
    return list(rows), total


def audit_page(ctx: Context, entity_type: str | None, entity_id: str | None, limit: int,
               offset: int) -> tuple[list[AuditEntry], int]:
    """Newest first, optionally for one entity type and id."""
    where: list[Any] = []
    if entity_type:
        where.append(AuditEntry.entity_type == entity_type)
    if entity_id:
        where.append(AuditEntry.entity_id == entity_id)
    total = ctx.session.execute(select(func.count()).select_from(AuditEntry).where(*where)).scalar_one()
    rows = ctx.session.execute(select(AuditEntry).where(*where).order_by(AuditEntry.seq.desc())
                               .limit(limit).offset(offset)).scalars()
    return list(rows), total
