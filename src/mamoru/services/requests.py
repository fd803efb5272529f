"""External disclosure requests: record, review for reasonableness, escalate, close (3-1, 3-2)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from mamoru.errors import Conflict, NotFound
from mamoru.services import common as c
from mamoru.services import locks, obligations
from mamoru.services.uow import Context
from mamoru.store.models import ExternalRequest, Partner


def record_request(ctx: Context, requester: str, subject: str, partner: str | None = None,
                   requested_items: str = "", government_backed: Any = False,
                   received_on: Any = None) -> ExternalRequest:
    """Record a request; a government-backed one gets a review obligation straight away."""
    owner = c.by_code(ctx, Partner, partner) if partner else None
    req = ExternalRequest(
        partner_id=owner.id if owner else None, requester=c.require_text("requester", requester),
        subject=c.require_text("subject", subject, 5000),
        requested_items=c.require_text("requested_items", requested_items, 5000, allow_empty=True),
        government_backed=c.flag(government_backed, "government_backed"),
        received_on=c.day(received_on, "received_on", required=False) or ctx.today, recorded_by=ctx.actor,
    )
    ctx.session.add(req)
    ctx.session.flush()
    ctx.audit("request.record", "external_request", req.id, None, c.snapshot(req))
    days = int(ctx.policy.section("external_requests")["review_days"])
    obligations.create(ctx, "review", "external_request", req.id, req.received_on + timedelta(days=days),
                       req.partner_id, detail={"requester": req.requester, "government_backed": req.government_backed})
    return req


def get(ctx: Context, request_id: Any) -> ExternalRequest:
    try:
        req = ctx.session.get(ExternalRequest, int(request_id))
    except (TypeError, ValueError):
        req = None
    if req is None:
        raise NotFound("notfound.request", id=request_id)
    return req


def _locked(ctx: Context, request_id: Any) -> ExternalRequest:
    """The request, locked and re-read: two people moving it at once move it once."""
    req = get(ctx, request_id)
    return locks.lock(ctx, ExternalRequest, ExternalRequest.id == req.id)


def _move(ctx: Context, req: ExternalRequest, allowed: tuple[str, ...], to: str, action: str, **changes) -> None:
    if req.status not in allowed:
        raise Conflict("conflict.request_state", id=req.id, status=req.status, to=to)
    before = c.snapshot(req)
    req.status = to
    for key, value in changes.items():
        setattr(req, key, value)
    ctx.session.flush()
    ctx.audit(action, "external_request", req.id, before, c.snapshot(req))


def review(ctx: Context, request_id: Any, reasonable: Any, notes: str) -> ExternalRequest:
    req = _locked(ctx, request_id)
    _move(ctx, req, ("received",), "reviewed", "request.review", reasonable=c.flag(reasonable, "reasonable"),
          review_notes=c.require_text("notes", notes, 5000), reviewed_by=ctx.actor)
    return req


def escalate(ctx: Context, request_id: Any, to: str) -> ExternalRequest:
    """Escalate (e.g. consult METI); creates the consultation obligation."""
    req = _locked(ctx, request_id)
    _move(ctx, req, ("received", "reviewed"), "escalated", "request.escalate",
          escalated_to=c.require_text("to", to, 200))
    days = int(ctx.policy.section("external_requests")["consult_days"])
    obligations.create(ctx, "consult_authority", "external_request", req.id, ctx.today + timedelta(days=days),
                       req.partner_id, detail={"to": req.escalated_to})
    return req


def close(ctx: Context, request_id: Any, answered: bool, note: str) -> ExternalRequest:
    req = _locked(ctx, request_id)
    _move(ctx, req, ("reviewed", "escalated"), "answered" if answered else "refused", "request.close",
          outcome_note=c.require_text("note", note, 5000))
    return req


def list_requests(ctx: Context) -> list[ExternalRequest]:
    return list(ctx.session.execute(select(ExternalRequest).order_by(ExternalRequest.id)).scalars())


REQUEST_EDIT_FIELDS = ("requester", "subject", "partner", "requested_items", "government_backed", "received_on")


def update_request(ctx: Context, request_id: Any, **changes: Any) -> ExternalRequest:
    """Correct a request before it is reviewed (after that, the review was made on what it said)."""
    from mamoru.errors import InvalidInput

    ctx.require("operate")
    unknown = set(changes) - set(REQUEST_EDIT_FIELDS)
    if unknown:
        raise InvalidInput("input.unknown_fields", fields=sorted(unknown))
    req = _locked(ctx, request_id)
    if req.status != "received":
        raise Conflict("workbench.request_reviewed", id=req.id, status=req.status)
    before = c.snapshot(req)
    if "requester" in changes:
        req.requester = c.require_text("requester", changes["requester"])
    if "subject" in changes:
        req.subject = c.require_text("subject", changes["subject"], 5000)
    if "requested_items" in changes:
        req.requested_items = c.require_text("requested_items", changes["requested_items"], 5000, allow_empty=True)
    if "government_backed" in changes:
        req.government_backed = c.flag(changes["government_backed"], "government_backed")
    if "partner" in changes:
        req.partner_id = c.by_code(ctx, Partner, changes["partner"]).id if changes["partner"] else None
    if "received_on" in changes:
        req.received_on = c.not_after_tomorrow(ctx, c.day(changes["received_on"], "received_on"), "received_on")
    after = c.snapshot(req)
    if after != before:
        ctx.session.flush()
        ctx.audit("request.update", "external_request", req.id, before, after)
    return req
