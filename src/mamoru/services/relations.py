"""A partner's other customers and competitors (相手方の他の取引先, guidance 3-1).

Knowing that a raw-material supplier also sells to our competitors is what case 1 lacked: the
gate then asks staff to say less (no development direction, no intended use), and the meeting
sheet says so.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from mamoru.domain import vocab
from mamoru.errors import Conflict
from mamoru.services import common as c
from mamoru.services.uow import Context
from mamoru.store.models import Partner, PartnerRelation


def add_relation(ctx: Context, partner: str, kind: str, name: str = "", related_partner: str = "",
                 our_competitor: Any = False, country: str = "", note: str = "") -> PartnerRelation:
    """Record that ``partner`` also deals with ``name`` (as its customer, or as its competitor).

    ``related_partner`` links one already in our registry (its name is used when ``name`` is empty);
    ``our_competitor`` marks a company that competes with us."""
    ctx.require("register_partner")
    owner = c.by_code(ctx, Partner, partner)
    kind = c.choice("relation_kind", kind, vocab.RELATION_KINDS)
    related = c.by_code(ctx, Partner, related_partner) if (related_partner or "").strip() else None
    name = c.require_text("name", name or (related.name if related else ""), 300)
    if ctx.session.execute(select(PartnerRelation.id).where(
            PartnerRelation.partner_id == owner.id, PartnerRelation.kind == kind,
            PartnerRelation.name == name)).first() is not None:
        raise Conflict("conflict.relation_exists", partner=owner.code, name=name)
    row = PartnerRelation(partner_id=owner.id, kind=kind, name=name,
                          related_partner_id=related.id if related else None,
                          our_competitor=c.flag(our_competitor, "our_competitor"),
                          country=c.country(country) if (country or "").strip() else "",
                          note=c.require_text("note", note, 2000, allow_empty=True), recorded_by=ctx.actor)
    ctx.session.add(row)
    ctx.session.flush()
    ctx.audit("partner.relation", "partner", owner.code, None, c.snapshot(row))
    return row


def relations(ctx: Context, partner: str) -> list[PartnerRelation]:
    ctx.require("read")
    owner = c.by_code(ctx, Partner, partner)
    return list(ctx.session.execute(select(PartnerRelation).where(PartnerRelation.partner_id == owner.id)
                                    .order_by(PartnerRelation.kind, PartnerRelation.name)).scalars())


_SERVED = (select(PartnerRelation.name).where(PartnerRelation.kind == "customer",
                                              PartnerRelation.our_competitor.is_(True))
           .order_by(PartnerRelation.name))


def competitors_served(ctx: Context, partner_id: int) -> list[str]:
    """Our competitors among this partner's customers (one query; the gate asks on every check)."""
    return list(ctx.session.execute(_SERVED.where(PartnerRelation.partner_id == partner_id)).scalars())
