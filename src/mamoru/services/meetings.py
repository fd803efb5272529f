"""Meetings and what may be said in them (商談・打合せ, guidance 1-2, 3-1, 3-2; case 1).

What was said in a meeting is an oral disclosure like any other: the elements discussed go
through the gate with channel ``oral`` and join the ledger as one disclosure linked to the
meeting, dated the meeting's day. A meeting whose talk the gate denies is not recorded as if
nothing happened: recording fails with every reason, and the person records an information
incident instead (``event record --kind information_incident``). A meeting with no elements
(nothing technical said) is recorded without a disclosure.

Before a meeting, ``briefing`` builds the one-page sheet for the attendees: what may be said (and
how), what must not, the reminders and the agreement's clauses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from sqlalchemy import select

from mamoru.domain.reasons import Reason
from mamoru.errors import InvalidInput, NotFound
from mamoru.services import common as c
from mamoru.services import disclosures
from mamoru.services import relations as relations_service
from mamoru.services.uow import Context
from mamoru.store.models import Agreement, Meeting, Partner


def record_meeting(ctx: Context, partner: str, held_on: Any, purpose: str, place: str = "",
                   our_attendees: Any = None, their_attendees: Any = None, said: str = "",
                   elements: Iterable[str] = (), form: str = "plain", accept_conditions: bool = False,
                   staged_plan: str = "") -> Meeting:
    """Record a meeting; the elements discussed become its oral disclosure (through the gate)."""
    ctx.require("disclose")
    owner = c.by_code(ctx, Partner, partner)
    day = c.not_after_tomorrow(ctx, c.day(held_on, "held_on"), "held_on")
    purpose = c.require_text("purpose", purpose, 2000)
    ours = [c.require_text("our_attendees", n, 200) for n in c.names(our_attendees, "our_attendees")]
    theirs = [c.require_text("their_attendees", n, 200) for n in c.names(their_attendees, "their_attendees")]
    if not ours:
        raise InvalidInput("input.required", field="our_attendees")
    codes = [code for code in elements or () if code and str(code).strip()]
    record = None
    if codes:
        record = disclosures.disclose(ctx, owner.code, codes, purpose, "oral", form,
                                      accept_conditions=accept_conditions, staged_plan=staged_plan,
                                      note=c.require_text("said", said, 10000, allow_empty=True), on=day)
    meeting = Meeting(partner_id=owner.id, held_on=day, place=c.require_text("place", place, 300, allow_empty=True),
                      our_attendees=ours, their_attendees=theirs, purpose=purpose,
                      said=c.require_text("said", said, 10000, allow_empty=True),
                      disclosure_id=record.id if record else None, recorded_by=ctx.actor)
    ctx.session.add(meeting)
    ctx.session.flush()
    ctx.audit("meeting.record", "meeting", meeting.id, None,
              {**c.snapshot(meeting), "partner": owner.code, "disclosure": record.number if record else None})
    return meeting


def meetings(ctx: Context, partner: str | None = None) -> list[Meeting]:
    """Meetings the viewer may see (one whose disclosure they may not see is hidden), newest first."""
    ctx.require("read")
    query = select(Meeting).where(ctx.viewer.sample_filter(Meeting.disclosure_id))
    if partner:
        query = query.where(Meeting.partner_id == c.by_code(ctx, Partner, partner).id)
    return list(ctx.session.execute(query.order_by(Meeting.held_on.desc(), Meeting.id.desc())).scalars())


def meeting(ctx: Context, meeting_id: Any) -> Meeting:
    ctx.require("read")
    try:
        key = int(meeting_id)
    except (TypeError, ValueError):
        raise NotFound("notfound.meeting", id=meeting_id) from None
    row = ctx.session.execute(select(Meeting).where(Meeting.id == key, ctx.viewer.sample_filter(Meeting.disclosure_id))
                              ).scalar_one_or_none()
    if row is None:
        raise NotFound("notfound.meeting", id=meeting_id)
    return row


# --- the sheet: what may be said in this meeting ------------------------------------------------


@dataclass
class SheetLine:
    element: dict[str, Any]
    outcome: str
    reasons: list[Reason]


@dataclass
class Sheet:
    partner: Partner
    channel: str
    form: str
    may_say: list[SheetLine] = field(default_factory=list)
    must_not: list[SheetLine] = field(default_factory=list)
    reminders: list[Reason] = field(default_factory=list)
    agreements: list[dict[str, Any]] = field(default_factory=list)
    competitors: list[str] = field(default_factory=list)
    on: Any = None


# Reminders that hold for the meeting as a whole, not for one element (shown once, at the top).
_MEETING_WIDE = ("cond.supplier_no_intended_use", "cond.supplier_serves_competitors", "cond.partner_serves_competitors",
                 "cond.oral_scope_briefing", "cond.equipment_operating_data", "cond.limit_to_service_need",
                 "cond.confirm_information_management")


def briefing(ctx: Context, partner: str, elements: Iterable[str], channel: str = "oral", form: str = "plain") -> Sheet:
    """The sheet for the attendees of a meeting with ``partner`` about ``elements`` (writes nothing).

    Each element is put to the gate alone, so one element that may not be said does not hide the
    others that may; the reminders that hold for the whole meeting are listed once."""
    ctx.require("read")
    owner = c.by_code(ctx, Partner, partner)
    codes = list(dict.fromkeys(code.strip() for code in elements or () if code and code.strip()))
    sheet = Sheet(partner=owner, channel=channel, form=form, on=ctx.today,
                  competitors=relations_service.competitors_served(ctx, owner.id))
    seen: dict[str, Reason] = {}
    for code in codes:
        decision = disclosures.evaluate(ctx, owner.code, [code], channel, form)
        element = disclosures._elements(ctx, [code])[0]
        view = ctx.viewer.element_view(element)
        own = [r for r in decision.reasons if r.code not in _MEETING_WIDE]
        for r in decision.reasons:
            if r.code in _MEETING_WIDE:
                seen.setdefault(r.code, r)
        line = SheetLine(view, decision.outcome, own)
        (sheet.may_say if decision.outcome in ("allow", "allow_with_conditions") else sheet.must_not).append(line)
    sheet.reminders = list(seen.values())
    for a in ctx.session.execute(select(Agreement).where(Agreement.partner_id == owner.id)
                                 .order_by(Agreement.code)).scalars():
        if a.valid_from <= ctx.today <= a.valid_to and a.status == "active":
            kinds = [cl.kind for cl in a.clauses]
            sheet.agreements.append({"code": a.code, "title": a.title, "valid_to": a.valid_to, "clauses": kinds,
                                     "lacks_return": "return_destroy" not in kinds})
    return sheet

