"""Which designated technologies still wait for their FEFTA art. 55-8 advance report at a site.

Read by the gate's request builder (``disclosures.build_request``) and by ``services/sites``;
kept apart so that the gate needs no import of the sites use cases.
"""

from __future__ import annotations

from typing import Iterable

from sqlalchemy import select

from mamoru.services.uow import Context
from mamoru.store.models import Obligation, Technology
from mamoru.store.models.abroad import OverseasSite, SiteAdvanceReport


def open_for_site(ctx: Context, site_id: int) -> frozenset[str]:
    rows = ctx.session.execute(
        select(Technology.code).join(SiteAdvanceReport, SiteAdvanceReport.technology_id == Technology.id)
        .join(Obligation, Obligation.id == SiteAdvanceReport.obligation_id)
        .where(SiteAdvanceReport.site_id == site_id, Obligation.status == "open")).scalars()
    return frozenset(rows)


def open_for_partner(ctx: Context, partner_id: int, elements: Iterable) -> frozenset[str]:
    """Open reports at the partner's sites, for the technologies of ``elements``.

    Only designated technologies can have one, so a request without them costs no query."""
    designated = {e.technology_id for e in elements if e.technology.priority_control}
    if not designated:
        return frozenset()
    rows = ctx.session.execute(
        select(Technology.code).join(SiteAdvanceReport, SiteAdvanceReport.technology_id == Technology.id)
        .join(OverseasSite, OverseasSite.id == SiteAdvanceReport.site_id)
        .join(Obligation, Obligation.id == SiteAdvanceReport.obligation_id)
        .where(OverseasSite.partner_id == partner_id, Obligation.status == "open",
               SiteAdvanceReport.technology_id.in_(sorted(designated)))).scalars()
    return frozenset(rows)
