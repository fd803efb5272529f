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

from sqlalchemy import Date, Float, and_, bindparam, case, exists, func, not_, select

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


# The statements are built once: building SQLAlchemy expressions costs more Python time per
# request than running them does. Dates and weights are bound per call; need-to-know adds a
# condition for viewers who do not see every technology.
TODAY, HORIZON = bindparam("today", type_=Date), bindparam("horizon", type_=Date)
_ENDING = (Agreement.status == "active", Agreement.valid_to >= TODAY, Agreement.valid_to <= HORIZON)
_OBLIGATIONS = (select(Obligation.id, Obligation.kind, Obligation.due_on, Partner.code)
                .outerjoin(Partner, Partner.id == Obligation.partner_id)
                .where(Obligation.status == "open").order_by(Obligation.due_on, Obligation.id)
                .limit(OBLIGATIONS_SHOWN))
_LATE = (select(Sample.code, Partner.code, Sample.due_back).join(Partner, Partner.id == Sample.partner_id)
         .where(Sample.status == "out", Sample.due_back < TODAY).order_by(Sample.due_back, Sample.code)
         .limit(LIST_SHOWN))
_TOTALS = (  # open obligations, overdue samples, pending approvals, agreements ending soon
    select(func.count()).select_from(Obligation).where(Obligation.status == "open").scalar_subquery(),
    select(func.count()).select_from(Sample).where(Sample.status == "out", Sample.due_back < TODAY)
    .scalar_subquery(),
    select(func.count()).select_from(Disclosure).where(Disclosure.status == "pending_approval").scalar_subquery(),
    select(func.count()).select_from(Agreement).where(*_ENDING).scalar_subquery(),
)
# One query for the four counts and the tiers: scalar sub-selects beside a GROUP BY.
_COUNTS = select(Partner.risk_tier, func.count(), *_TOTALS).group_by(Partner.risk_tier)
_COUNTS_ONLY = select(*_TOTALS)  # when there are no partners, the GROUP BY returns no row
_ENDING_SOON = (select(Agreement.code, Partner.code, Agreement.valid_to)
                .join(Partner, Partner.id == Agreement.partner_id)
                .where(*_ENDING).order_by(Agreement.valid_to, Agreement.code).limit(LIST_SHOWN))
_RECENT = (select(Disclosure.number, Partner.code, Disclosure.outcome, Disclosure.status, Disclosure.disclosed_on,
                  Disclosure.created_at)
           .join(Partner, Partner.id == Disclosure.partner_id).order_by(Disclosure.id.desc()).limit(RECENT_SHOWN))
# The policy's rank weights, bound per call, as a SQL expression over the element's rank.
_WEIGHT = case({rank: bindparam(f"w{rank}", type_=Float) for rank in vocab.RANKS}, value=KnowledgeElement.rank,
               else_=0.0)
_WEIGHT_TOTALS = (select(KnowledgeElement.technology_id, func.sum(_WEIGHT))
                  .where(KnowledgeElement.status == "active").group_by(KnowledgeElement.technology_id))
_RECEIVED = (select(Partner.code, Technology.code, KnowledgeElement.technology_id, func.sum(_WEIGHT))
             .select_from(ReceivedElement)
             .join(KnowledgeElement, and_(KnowledgeElement.id == ReceivedElement.element_id,
                                          KnowledgeElement.status == "active"))
             .join(Technology, Technology.id == KnowledgeElement.technology_id)
             .join(Partner, Partner.id == ReceivedElement.partner_id)
             .group_by(Partner.code, Technology.code, KnowledgeElement.technology_id))


def summary(ctx: Context) -> Summary:
    """Everything the dashboard shows, as this viewer may see it, in a fixed number of queries."""
    ctx.require("read")
    viewer, today, s = ctx.viewer, ctx.today, ctx.session
    horizon = today + timedelta(days=int(ctx.policy.section("agreements")["ending_soon_days"]))
    dates = {"today": today, "horizon": horizon}

    obligations = [{"id": i, "kind": k, "partner": p or "", "due": d, "overdue": d < today}
                   for i, k, d, p in s.execute(_OBLIGATIONS)]
    overdue = [{"code": code, "partner": partner, "due": due} for code, partner, due in s.execute(_LATE, dates)]
    tiers: dict[str | None, int] = {}
    counts = s.execute(_COUNTS, dates).all()
    if counts:
        obligations_total, overdue_total, pending, ending_total = counts[0][2:]
        tiers = {row[0]: row[1] for row in counts}
    else:
        obligations_total, overdue_total, pending, ending_total = s.execute(_COUNTS_ONLY, dates).one()
    ending = [{"code": code, "partner": partner, "valid_to": valid_to}
              for code, partner, valid_to in s.execute(_ENDING_SOON, dates)]

    recent_q = _RECENT
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


def exposure_cells(ctx: Context, limit_partners: int = HEATMAP_PARTNERS) -> tuple[list[ExposureCell], int]:
    """Weighted exposure per (partner, technology) the viewer may see, summed in SQL.

    Returns the cells of the ``limit_partners`` partners with the highest exposure (flagged
    ones first) and how many partners have received anything at all. The share is the one
    ``domain.exposure.share`` computes: received active elements' weights over all active
    elements' weights of the technology.
    """
    weights = {f"w{rank}": ctx.policy.rank_weight(rank) for rank in vocab.RANKS}
    totals_q, received_q = _WEIGHT_TOTALS, _RECEIVED
    if not ctx.viewer.sees_everything:
        visible = ctx.viewer.technology_filter(KnowledgeElement.technology_id)
        totals_q, received_q = totals_q.where(visible), received_q.where(visible)
    totals = dict(ctx.session.execute(totals_q, weights).all())
    cells: list[ExposureCell] = []
    for partner, technology, technology_id, received in ctx.session.execute(received_q, weights):
        total = float(totals.get(technology_id) or 0)
        value = float(received or 0) / total if total > 0 else 0.0
        cells.append(ExposureCell(partner, technology, value, exposure_rules.flagged(value, ctx.policy)))
    peak: dict[str, float] = {}
    for cell in cells:
        peak[cell.partner] = max(peak.get(cell.partner, 0.0), cell.share)
    shown = set(sorted(peak, key=lambda p: (-peak[p], p))[:limit_partners])
    return sorted((c for c in cells if c.partner in shown), key=lambda c: (c.partner, c.technology)), len(peak)
