"""Reading the disclosure ledger as the viewer may see it: one rule for every door.

A disclosure is visible when every element in it belongs to a technology the viewer may see
(``Viewer.disclosure_filter``); one the viewer may not see does not exist for them (404), on
the web page, the transmittal note, the exposure report's history and the API alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from mamoru.domain.reasons import Reason
from mamoru.errors import Conflict, NotFound
from mamoru.services import common as c
from mamoru.services.uow import Context
from mamoru.store.models import Disclosure, Partner

PRINTABLE = ("recorded", "approved")  # what actually left: a transmittal note exists only for these
HISTORY_LIMIT = 50


def get(ctx: Context, number: str) -> Disclosure:
    """One disclosure, or ``NotFound`` when it does not exist or the viewer may not see it."""
    ctx.require("read")
    number = (number or "").strip()
    row = ctx.session.execute(select(Disclosure).where(
        Disclosure.number == number, ctx.viewer.disclosure_filter(Disclosure.id))).scalar_one_or_none()
    if row is None:
        raise NotFound("notfound.disclosure", number=number)
    return row


def items(ctx: Context, record: Disclosure) -> list[dict[str, Any]]:
    """The disclosed elements as the viewer may see them (restricted details withheld), by code.

    ``rank`` is the element's rank now, ``rank_when_disclosed`` the one the gate judged."""
    return [{**ctx.viewer.element_view(i.element), "status": i.element.status, "rank_when_disclosed": i.rank}
            for i in sorted(record.items, key=lambda i: i.element.code)]


def reasons(record: Disclosure) -> list[Reason]:
    return [Reason.from_dict(r) for r in (record.reasons + record.conditions)]


def pending(ctx: Context) -> list[Disclosure]:
    """Disclosures waiting for approval that the approver may see, newest first."""
    ctx.require("approve")
    query = (select(Disclosure).where(Disclosure.status == "pending_approval",
                                      ctx.viewer.disclosure_filter(Disclosure.id)).order_by(Disclosure.id.desc()))
    return list(ctx.session.execute(query).scalars())


def history(ctx: Context, partner: str, limit: int = HISTORY_LIMIT) -> list[Disclosure]:
    """A partner's disclosures that the viewer may see, newest first."""
    ctx.require("read")
    owner = c.by_code(ctx, Partner, partner)
    query = (select(Disclosure).where(Disclosure.partner_id == owner.id, ctx.viewer.disclosure_filter(Disclosure.id))
             .order_by(Disclosure.id.desc()).limit(limit))
    return list(ctx.session.execute(query).scalars())


@dataclass(frozen=True)
class Transmittal:
    """What the partner-facing note may carry: no internal conditions, reasons, plans or comments."""

    number: str
    on: date
    partner_name: str
    purpose: str
    agreement: str
    channel: str
    form: str
    elements: list[dict[str, Any]]
    sample: dict[str, Any] | None
    issued_by: str
    approved_by: str | None


def transmittal(ctx: Context, number: str) -> Transmittal:
    """The note that goes with a disclosure; only a disclosure that was recorded (or approved) prints.

    The approver is named only when someone approved it; the gate's conditions are our internal
    instructions and stay in the ledger."""
    record = get(ctx, number)
    if record.status not in PRINTABLE:
        raise Conflict("conflict.not_recorded", number=record.number, status=record.status)
    shown = []
    for item in items(ctx, record):
        plain = record.form == "plain" and not item["restricted"]
        shown.append({"code": item["code"], "title": item["title"] if plain else None})
    sample = record.sample_request or None
    return Transmittal(
        number=record.number, on=record.disclosed_on or record.created_at.date(),
        partner_name=record.partner.name, purpose=record.purpose,
        agreement=f"{record.agreement.code} {record.agreement.title}".strip() if record.agreement else "-",
        channel=record.channel, form=record.form, elements=shown,
        sample={"return_by": sample.get("return_by"), "description": sample.get("description")} if sample else None,
        issued_by=record.requested_by,
        approved_by=record.decided_by if record.status == "approved" else None)
