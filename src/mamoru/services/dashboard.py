"""The dashboard's summary: what needs doing, what is overdue, who knows how much.

Everyone signed in opens this page first and often, so it must cost the same few queries
however long the ledger grows: every figure is aggregated in SQL (counts, the exposure
shares per partner and technology), lists are limited in SQL, and need-to-know
(``ctx.viewer``) is part of the queries rather than a filter over loaded rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, case, exists, func, not_, select

from mamoru.domain import exposure as exposure_rules
from mamoru.domain import vocab
from mamoru.services.uow import Context
from mamoru.store.models import (Agreement, Disclosure, DisclosureElement, KnowledgeElement, Obligation, Partner,
                                 ReceivedElement, Sample, Technology)

OBLIGATIONS_SHOWN = 15
RECENT_SHOWN = 10
LIST_SHOWN = 15
HEATMAP_PARTNERS = 20  # the most exposed; the exposure report has every partner


@dataclass(frozen=True)
class ExposureCell:
    partner: str
    technology: str
    share: float
    flagged: bool


@dataclass
class Summary:
    today: date
    obligations: list[dict[str, Any]]
    obligations_total: int
    overdue_samples: list[dict[str, Any]]
    overdue_total: int
    tiers: dict[str | None, int]
    ending: list[dict[str, Any]]
    ending_total: int
    recent: list[dict[str, Any]]
    cells: list[ExposureCell]
    exposed_partners: int  # partners with anything received (the heat map shows the most exposed)
    pending: int  # pending approvals, for those who may approve (0 otherwise)
    threshold: float
    may_sweep: bool = False


def summary(ctx: Context) -> Summary:
    """Everything the dashboard shows, as this viewer may see it, in a fixed number of queries."""
    ctx.require("read")
    viewer, today, s = ctx.viewer, ctx.today, ctx.session

    open_obs = (select(Obligation.id, Obligation.kind, Obligation.due_on, Partner.code)
                .outerjoin(Partner, Partner.id == Obligation.partner_id)
                .where(Obligation.status == "open").order_by(Obligation.due_on, Obligation.id)
                .limit(OBLIGATIONS_SHOWN))
    obligations = [{"id": i, "kind": k, "partner": p or "", "due": d, "overdue": d < today}
                   for i, k, d, p in s.execute(open_obs)]

    late = (select(Sample.code, Partner.code, Sample.due_back).join(Partner, Partner.id == Sample.partner_id)
            .where(Sample.status == "out", Sample.due_back < today).order_by(Sample.due_back, Sample.code)
            .limit(LIST_SHOWN))
    overdue = [{"code": code, "partner": partner, "due": due} for code, partner, due in s.execute(late)]

    horizon = today + timedelta(days=int(ctx.policy.section("agreements")["ending_soon_days"]))
    ending_where = (Agreement.status == "active", Agreement.valid_to >= today, Agreement.valid_to <= horizon)

    # One query for the four counts and the tiers: scalar sub-selects beside a GROUP BY.
    ob_total = select(func.count()).select_from(Obligation).where(Obligation.status == "open").scalar_subquery()
    late_total = (select(func.count()).select_from(Sample)
                  .where(Sample.status == "out", Sample.due_back < today).scalar_subquery())
    pending_q = (select(func.count()).select_from(Disclosure).where(Disclosure.status == "pending_approval")
                 .scalar_subquery())
    ending_q = select(func.count()).select_from(Agreement).where(*ending_where).scalar_subquery()
    totals = (ob_total, late_total, pending_q, ending_q)
    tiers: dict[str | None, int] = {}
    counts = s.execute(select(Partner.risk_tier, func.count(), *totals).group_by(Partner.risk_tier)).all()
    if counts:
        obligations_total, overdue_total, pending, ending_total = counts[0][2:]
        tiers = {row[0]: row[1] for row in counts}
    else:  # no partners yet: the GROUP BY returns nothing, ask the counts alone
        obligations_total, overdue_total, pending, ending_total = s.execute(select(*totals)).one()

    ending = [{"code": code, "partner": partner, "valid_to": valid_to} for code, partner, valid_to in s.execute(
        select(Agreement.code, Partner.code, Agreement.valid_to).join(Partner, Partner.id == Agreement.partner_id)
        .where(*ending_where).order_by(Agreement.valid_to, Agreement.code).limit(LIST_SHOWN))]

    recent_q = (select(Disclosure.number, Partner.code, Disclosure.outcome, Disclosure.status,
                       Disclosure.disclosed_on, Disclosure.created_at)
                .join(Partner, Partner.id == Disclosure.partner_id)
                .order_by(Disclosure.id.desc()).limit(RECENT_SHOWN))
    if not viewer.sees_everything:  # a disclosure is visible when every element in it is
        hidden = (select(DisclosureElement.disclosure_id)
                  .join(KnowledgeElement, KnowledgeElement.id == DisclosureElement.element_id)
                  .where(DisclosureElement.disclosure_id == Disclosure.id,
                         not_(viewer.technology_filter(KnowledgeElement.technology_id))))
        recent_q = recent_q.where(~exists(hidden))
    recent = [{"number": n, "partner": p, "outcome": o, "status": st, "on": on or created.date()}
              for n, p, o, st, on, created in s.execute(recent_q)]

    cells, exposed = exposure_cells(ctx)
    return Summary(today=today, obligations=obligations, obligations_total=obligations_total,
                   overdue_samples=overdue, overdue_total=overdue_total, tiers=tiers, ending=ending,
                   ending_total=ending_total, recent=recent,
                   cells=cells, exposed_partners=exposed, pending=pending if viewer.may("approve") else 0,
                   threshold=ctx.policy.exposure_threshold, may_sweep=viewer.may("sweep"))


def _weight(ctx: Context):
    """The policy's rank weights as a SQL expression over ``KnowledgeElement.rank``."""
    return case({rank: ctx.policy.rank_weight(rank) for rank in vocab.RANKS}, value=KnowledgeElement.rank, else_=0.0)


def exposure_cells(ctx: Context, limit_partners: int = HEATMAP_PARTNERS) -> tuple[list[ExposureCell], int]:
    """Weighted exposure per (partner, technology) the viewer may see, summed in SQL.

    Returns the cells of the ``limit_partners`` partners with the highest exposure (flagged
    ones first) and how many partners have received anything at all. The share is the one
    ``domain.exposure.share`` computes: received active elements' weights over all active
    elements' weights of the technology.
    """
    visible = ctx.viewer.technology_filter(KnowledgeElement.technology_id)
    weight = _weight(ctx)
    totals = dict(ctx.session.execute(
        select(KnowledgeElement.technology_id, func.sum(weight))
        .where(KnowledgeElement.status == "active", visible).group_by(KnowledgeElement.technology_id)).all())
    got = ctx.session.execute(
        select(Partner.code, Technology.code, KnowledgeElement.technology_id, func.sum(weight))
        .select_from(ReceivedElement)
        .join(KnowledgeElement, and_(KnowledgeElement.id == ReceivedElement.element_id,
                                     KnowledgeElement.status == "active"))
        .join(Technology, Technology.id == KnowledgeElement.technology_id)
        .join(Partner, Partner.id == ReceivedElement.partner_id)
        .where(visible)
        .group_by(Partner.code, Technology.code, KnowledgeElement.technology_id)).all()
    cells: list[ExposureCell] = []
    for partner, technology, technology_id, weights in got:
        total = float(totals.get(technology_id) or 0)
        value = float(weights or 0) / total if total > 0 else 0.0
        cells.append(ExposureCell(partner, technology, value, exposure_rules.flagged(value, ctx.policy)))
    peak: dict[str, float] = {}
    for cell in cells:
        peak[cell.partner] = max(peak.get(cell.partner, 0.0), cell.share)
    shown = set(sorted(peak, key=lambda p: (-peak[p], p))[:limit_partners])
    return sorted((c for c in cells if c.partner in shown), key=lambda c: (c.partner, c.technology)), len(peak)
