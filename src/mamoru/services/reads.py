"""Getting one record, and what hangs off it, as the viewer may see it.

The doors render what these return; they never look records up themselves. A technology a
staff member is not assigned to does not exist for them (``NotFound``), and what refers to
one (an agreement's scope, a partner's received elements) is shown without it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from mamoru.errors import NotFound
from mamoru.services import common as c
from mamoru.services.uow import Context
from mamoru.store.models import (Agreement, ApiToken, KnowledgeElement, Obligation, Partner, PartnerEvent, ReceivedElement,
                                 Sample, Technology)


def technology(ctx: Context, code: str) -> Technology:
    ctx.require("read")
    tech = c.by_code(ctx, Technology, code)
    if not ctx.viewer.sees_technology(tech.id):
        raise NotFound("notfound.technology", code=tech.code)
    return tech


def technologies(ctx: Context) -> list[Technology]:
    """Every technology the viewer may see, by code (for choices in forms and reports)."""
    ctx.require("read")
    query = select(Technology).where(ctx.viewer.technology_filter(Technology.id)).order_by(Technology.code)
    return list(ctx.session.execute(query).scalars())


def elements(ctx: Context, tech: Technology) -> list[dict[str, Any]]:
    """A visible technology's elements, with restricted details withheld, plus their status."""
    return [{**ctx.viewer.element_view(e), "status": e.status} for e in tech.elements]


def element_choices(ctx: Context) -> list[dict[str, Any]]:
    """Every element the viewer may ask the gate about (assigned technologies only)."""
    return [view for tech in technologies(ctx) for view in elements(ctx, tech)]


def check_elements(ctx: Context, codes: Any) -> None:
    """Staff may only ask about elements of technologies they are assigned: others do not exist."""
    for code in codes or ():
        element = c.by_code(ctx, KnowledgeElement, code)
        if not ctx.viewer.sees_technology(element.technology_id):
            raise NotFound("notfound.element", code=code)


def partner(ctx: Context, code: str) -> Partner:
    ctx.require("read")
    return c.by_code(ctx, Partner, code)


def partner_choices(ctx: Context) -> list[tuple[str, str]]:
    ctx.require("read")
    rows = ctx.session.execute(select(Partner.code, Partner.name).order_by(Partner.code))
    return [(code, f"{code} {name}") for code, name in rows]


def received(ctx: Context, owner: Partner) -> list[str]:
    """Codes of the elements a partner has received, of technologies the viewer may see."""
    query = (select(KnowledgeElement.code)
             .join(ReceivedElement, ReceivedElement.element_id == KnowledgeElement.id)
             .where(ReceivedElement.partner_id == owner.id,
                    ctx.viewer.technology_filter(KnowledgeElement.technology_id))
             .order_by(KnowledgeElement.code))
    return list(ctx.session.execute(query).scalars())


def partner_agreements(ctx: Context, owner: Partner) -> list[Agreement]:
    return list(ctx.session.execute(select(Agreement).where(Agreement.partner_id == owner.id)
                                    .order_by(Agreement.code)).scalars())


def partner_events(ctx: Context, owner: Partner) -> list[PartnerEvent]:
    return list(ctx.session.execute(select(PartnerEvent).where(PartnerEvent.partner_id == owner.id)
                                    .order_by(PartnerEvent.id)).scalars())


def agreement(ctx: Context, code: str) -> Agreement:
    ctx.require("read")
    return c.by_code(ctx, Agreement, code)


def scope(ctx: Context, a: Agreement) -> dict[str, list[Any]]:
    """What an agreement covers, as the viewer may see it: technology codes and element views."""
    return {"technologies": [t.code for t in a.technologies if ctx.viewer.sees_technology(t.id)],
            "elements": [{**ctx.viewer.element_view(e), "status": e.status}
                         for e in a.elements if ctx.viewer.sees_technology(e.technology_id)]}


def sample(ctx: Context, code: str) -> Sample:
    """One sample; one lent with a disclosure the viewer may not see does not exist for them."""
    ctx.require("read")
    row = ctx.session.execute(select(Sample).where(Sample.code == (code or "").strip(),
                                                   ctx.viewer.sample_filter(Sample.disclosure_id))).scalar_one_or_none()
    if row is None:
        raise NotFound("notfound.sample", code=code)
    return row


def event_obligations(ctx: Context, event: PartnerEvent) -> list[Obligation]:
    return list(ctx.session.execute(select(Obligation).where(Obligation.source == "event",
                                                             Obligation.source_id == event.id)
                                    .order_by(Obligation.due_on, Obligation.id)).scalars())


def token(ctx: Context, token_id: int) -> ApiToken:
    """An API token's record (never its secret), after ``access.revoke_token`` checked who may touch it."""
    row = ctx.session.get(ApiToken, int(token_id))
    if row is None:
        raise NotFound("notfound.token", id=token_id)
    return row


def element(ctx: Context, code: str) -> KnowledgeElement:
    """One element; one of a technology the viewer is not assigned does not exist for them."""
    ctx.require("read")
    row = c.by_code(ctx, KnowledgeElement, code)
    if not ctx.viewer.sees_technology(row.technology_id):
        raise NotFound("notfound.element", code=row.code)
    return row


def disclosure_samples(ctx: Context, disclosure_id: int) -> list[Sample]:
    """The samples lent with one disclosure (as the viewer may see them)."""
    ctx.require("read")
    return list(ctx.session.execute(select(Sample).where(Sample.disclosure_id == disclosure_id,
                                                         ctx.viewer.sample_filter(Sample.disclosure_id))
                                    .order_by(Sample.code)).scalars())
