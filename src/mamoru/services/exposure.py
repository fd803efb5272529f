"""Exposure per partner and technology, from the ledger."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from mamoru.domain import exposure as rules
from mamoru.services.uow import Context
from mamoru.store.models import KnowledgeElement, Partner, ReceivedElement, Technology


@dataclass(frozen=True)
class Cell:
    partner: str
    technology: str
    share: float
    flagged: bool
    received: tuple[str, ...]


def matrix(ctx: Context, partner: str | None = None, technology: str | None = None) -> list[Cell]:
    """Every (partner, technology) pair with anything received, with its weighted share.

    Only technologies the viewer may see appear."""
    ranks: dict[str, dict[str, int]] = {}
    for tech_code, element_code, rank in ctx.session.execute(
        select(Technology.code, KnowledgeElement.code, KnowledgeElement.rank)
        .join(KnowledgeElement, KnowledgeElement.technology_id == Technology.id)
        .where(KnowledgeElement.status == "active")
    ):
        ranks.setdefault(tech_code, {})[element_code] = rank
    query = (
        select(Partner.code, Technology.code, KnowledgeElement.code)
        .join(ReceivedElement, ReceivedElement.partner_id == Partner.id)
        .join(KnowledgeElement, KnowledgeElement.id == ReceivedElement.element_id)
        .join(Technology, Technology.id == KnowledgeElement.technology_id)
    )
    query = query.where(ctx.viewer.technology_filter(Technology.id))  # need-to-know
    if partner:
        query = query.where(Partner.code == partner)
    if technology:
        query = query.where(Technology.code == technology)
    received: dict[tuple[str, str], set[str]] = {}
    for p_code, t_code, e_code in ctx.session.execute(query):
        received.setdefault((p_code, t_code), set()).add(e_code)
    cells = []
    for (p_code, t_code), got in sorted(received.items()):
        value = rules.share(ranks.get(t_code, {}), got, ctx.policy)
        cells.append(Cell(p_code, t_code, value, rules.flagged(value, ctx.policy), tuple(sorted(got))))
    return cells
