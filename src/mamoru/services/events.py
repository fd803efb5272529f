"""Partner events: record what happened, put the partner on hold, create what the agreements call for."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from mamoru.domain import vocab
from mamoru.errors import Conflict, NotFound
from mamoru.services import common as c
from mamoru.services import locks, obligations
from mamoru.services.uow import Context
from mamoru.store.models import Agreement, Obligation, Partner, PartnerEvent


def record_event(ctx: Context, partner: str, kind: str, occurred_on: Any = None, description: str = "",
                 source: str = "") -> tuple[PartnerEvent, list[Obligation]]:
    """Record an event and derive its obligations from every active agreement's clauses.

    Always: review the partner (re-run due diligence). Change of control (capital change,
    M&A): seek approval or verify the notice, as the clause says. An event that matches a
    termination trigger: decide termination and demand return / destruction of what was
    given, then collect the certificate.
    """
    # Locked before the first audit entry: the hold below changes the partner (lock order: see services/locks.py).
    owner = locks.lock(ctx, Partner, Partner.code == (partner or "").strip()) or c.by_code(ctx, Partner, partner)
    kind = c.choice("kind", kind, vocab.EVENT_KINDS)
    event = PartnerEvent(partner_id=owner.id, kind=kind, occurred_on=c.not_after_tomorrow(
                             ctx, c.day(occurred_on, "occurred_on", required=False) or ctx.today, "occurred_on"),
                         description=c.require_text("description", description, 5000, allow_empty=True),
                         source=c.require_text("source", source, 100, allow_empty=True), recorded_by=ctx.actor)
    ctx.session.add(event)
    ctx.session.flush()
    ctx.audit("event.record", "event", event.id, None, {**c.snapshot(event), "partner": owner.code})
    _hold(ctx, owner, kind)
    return event, _obligations_for(ctx, owner, event)


def _hold(ctx: Context, partner: Partner, kind: str) -> None:
    if kind in ctx.policy.gate["hold_event_kinds"] and partner.status == "active":
        before = c.snapshot(partner)
        partner.status = "on_hold"
        ctx.session.flush()
        ctx.audit("partner.hold", "partner", partner.code, before, c.snapshot(partner))


def _obligations_for(ctx: Context, partner: Partner, event: PartnerEvent) -> list[Obligation]:
    cfg = ctx.policy.section("events")
    due = {k: event.occurred_on + timedelta(days=int(v)) for k, v in cfg["due_days"].items()}
    wanted: list[tuple[str, Agreement | None]] = [("review", None)]
    if event.kind == "list_hit":
        wanted.append(("consult_authority", None))
    trigger = cfg["trigger_of_event"].get(event.kind)
    agreements = ctx.session.execute(
        select(Agreement).where(Agreement.partner_id == partner.id, Agreement.status == "active")
        .order_by(Agreement.code)
    ).scalars()
    for agreement in agreements:
        for clause in agreement.clauses:
            if clause.kind == "change_of_control" and event.kind in cfg["change_of_control_kinds"]:
                wanted.extend((k, agreement) for k in cfg["clause_obligations"]["change_of_control"][clause.mode])
            if clause.kind == "termination_triggers" and trigger in clause.triggers:
                wanted.extend((k, agreement) for k in cfg["clause_obligations"]["termination_triggers"])
    made = []
    for kind, agreement in wanted:
        ob = obligations.create(
            ctx, kind, "event", event.id, due.get(kind, event.occurred_on + timedelta(days=14)), partner.id,
            agreement.id if agreement else None,
            {"event": event.kind, "partner": partner.code, **({"agreement": agreement.code} if agreement else {})},
        )
        if ob:
            made.append(ob)
    return made


def get(ctx: Context, event_id: Any) -> PartnerEvent:
    try:
        event = ctx.session.get(PartnerEvent, int(event_id))
    except (TypeError, ValueError):
        event = None
    if event is None:
        raise NotFound("notfound.event", id=event_id)
    return event


def resolve_event(ctx: Context, event_id: Any, resolution: str) -> PartnerEvent:
    """Resolve an event; when no hold-worthy event stays open the partner is active again.

    The partner and then the event are locked, so two people resolving the same event
    at once resolve it once, and two resolving the partner's last two events release it.
    """
    event = get(ctx, event_id)
    locks.lock(ctx, Partner, Partner.id == event.partner_id)
    event = locks.lock(ctx, PartnerEvent, PartnerEvent.id == event.id)
    if event.status != "open":
        raise Conflict("conflict.event_resolved", id=event.id)
    before = c.snapshot(event)
    event.status, event.resolution = "resolved", c.require_text("resolution", resolution, 5000)
    event.resolved_by, event.resolved_at = ctx.actor, ctx.now
    ctx.session.flush()
    ctx.audit("event.resolve", "event", event.id, before, c.snapshot(event))
    partner = event.partner
    if partner.status == "on_hold" and not hold_kinds(ctx, partner.id):
        p_before = c.snapshot(partner)
        partner.status = "active"
        ctx.session.flush()
        ctx.audit("partner.release", "partner", partner.code, p_before, c.snapshot(partner))
    return event


def hold_kinds(ctx: Context, partner_id: int) -> list[str]:
    """Kinds of this partner's open events that hold disclosures."""
    kinds = ctx.session.execute(
        select(PartnerEvent.kind).where(PartnerEvent.partner_id == partner_id, PartnerEvent.status == "open")
    ).scalars()
    return sorted({k for k in kinds if k in ctx.policy.gate["hold_event_kinds"]})


def list_events(ctx: Context, open_only: bool = False) -> list[PartnerEvent]:
    query = select(PartnerEvent).order_by(PartnerEvent.id)
    if open_only:
        query = query.where(PartnerEvent.status == "open")
    return list(ctx.session.execute(query).scalars())


EVENT_EDIT_FIELDS = ("occurred_on", "description", "source", "kind")


def update_event(ctx: Context, event_id: Any, **changes: Any) -> PartnerEvent:
    """Correct an event's date, description or source (same checks as recording it; one audit entry).

    Its kind decided which obligations were created and whether the partner was put on hold, so once
    obligations exist the kind cannot change: resolve the event and record the right one instead.
    Due dates of obligations already created stay as they were."""
    from mamoru.errors import InvalidInput

    ctx.require("operate")
    unknown = set(changes) - set(EVENT_EDIT_FIELDS)
    if unknown:
        raise InvalidInput("input.unknown_fields", fields=sorted(unknown))
    found = get(ctx, event_id)
    locks.lock(ctx, Partner, Partner.id == found.partner_id)
    event = locks.lock(ctx, PartnerEvent, PartnerEvent.id == found.id)
    before = c.snapshot(event)
    if "kind" in changes and changes["kind"] not in (None, "", event.kind):
        kind = c.choice("kind", changes["kind"], vocab.EVENT_KINDS)
        derived = ctx.session.execute(select(Obligation.id).where(Obligation.source == "event",
                                                                  Obligation.source_id == event.id)).first()
        if derived is not None:
            raise Conflict("workbench.event_kind_locked", field="kind", id=event.id)
        event.kind = kind
    if "occurred_on" in changes:
        event.occurred_on = c.not_after_tomorrow(ctx, c.day(changes["occurred_on"], "occurred_on"), "occurred_on")
    if "description" in changes:
        event.description = c.require_text("description", changes["description"], 5000, allow_empty=True)
    if "source" in changes:
        event.source = c.require_text("source", changes["source"], 100, allow_empty=True)
    after = c.snapshot(event)
    if after != before:
        ctx.session.flush()
        ctx.audit("event.update", "event", event.id, before, {**after, "partner": event.partner.code})
    return event
