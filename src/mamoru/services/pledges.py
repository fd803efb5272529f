"""Pledges, non-competes and declarations of the people register, and the review of a declaration.

A pledge or a declaration for someone not in the register is refused (``notfound.person``); dates
out of order are refused with the field named; nothing is half-saved (one unit of work each).
"""

from __future__ import annotations

from typing import Any, Iterable

from sqlalchemy import select

from mamoru.domain import people as rules
from mamoru.domain import vocab
from mamoru.errors import Conflict, InvalidInput, NotFound
from mamoru.services import common as c
from mamoru.services import locks, obligations
from mamoru.services import people
from mamoru.services.authz import Forbidden
from mamoru.services.uow import Context
from mamoru.store.models import Obligation
from mamoru.store.models.people import Declaration, NonCompete, Pledge


def add_pledge(ctx: Context, person: str, kind: str, signed_on: Any, document: str,
               technologies: Iterable[str] | str | None = None, explained_in_meeting_on: Any = None,
               note: str = "") -> Pledge:
    """Record a signed pledge. An exit pledge names the day it was explained in its own meeting (on or
    before signing); signing it closes the exit's "hold the exit-pledge meeting" obligation."""
    ctx.require("manage_people")
    owner = people.get(ctx, person)
    kind = c.choice("kind", kind, vocab.PLEDGE_KINDS)
    signed = c.not_after_tomorrow(ctx, c.day(signed_on, "signed_on"), "signed_on")
    meeting = c.day(explained_in_meeting_on, "explained_in_meeting_on", required=False)
    if kind == "exit" and meeting is None:
        raise InvalidInput("people.exit_meeting_required", field="explained_in_meeting_on")
    if kind != "exit" and meeting is not None:
        raise InvalidInput("people.meeting_only_for_exit", field="explained_in_meeting_on")
    if meeting is not None and meeting > signed:
        raise InvalidInput("people.meeting_after_signing", field="explained_in_meeting_on", meeting=meeting,
                           signed_on=signed)
    if kind != "hiring" and signed < owner.joined_on:
        raise InvalidInput("people.pledge_before_joining", field="signed_on", signed_on=signed,
                           joined_on=owner.joined_on)
    if owner.left_on is not None and signed > owner.left_on and kind != "exit":
        raise InvalidInput("people.pledge_after_leaving", field="signed_on", signed_on=signed, left_on=owner.left_on)
    pledge = Pledge(person_id=owner.id, kind=kind, signed_on=signed, explained_in_meeting_on=meeting,
                    document=c.require_text("document", document, 300),
                    note=c.require_text("note", note, 5000, allow_empty=True), recorded_by=ctx.actor)
    pledge.technologies = people.technology_rows(ctx, technologies)
    ctx.session.add(pledge)
    ctx.session.flush()
    ctx.audit("pledge.add", "pledge", pledge.id, None,
              {**c.snapshot(pledge), "person": owner.code, "technologies": [t.code for t in pledge.technologies]})
    if kind == "exit":
        _close_meeting_obligation(ctx, owner.id, pledge)
    return pledge


def _close_meeting_obligation(ctx: Context, person_id: int, pledge: Pledge) -> None:
    ob = ctx.session.execute(select(Obligation).where(
        Obligation.source == people.SOURCE_EXIT, Obligation.source_id == person_id,
        Obligation.kind == "exit_pledge_meeting", Obligation.status == "open")).scalar_one_or_none()
    if ob is not None:
        obligations.close(ctx, ob.id, f"{pledge.document} ({pledge.explained_in_meeting_on} / {pledge.signed_on})")


def add_non_compete(ctx: Context, person: str, agreed_on: Any, until: Any, scope: str, document: str = "") -> NonCompete:
    ctx.require("manage_people")
    owner = people.get(ctx, person)
    agreed = c.not_after_tomorrow(ctx, c.day(agreed_on, "agreed_on"), "agreed_on")
    end = c.day(until, "until")
    if end < agreed:
        raise InvalidInput("people.until_before_agreed", field="until", until=end, agreed_on=agreed)
    row = NonCompete(person_id=owner.id, agreed_on=agreed, until=end, scope=c.require_text("scope", scope, 5000),
                     document=c.require_text("document", document, 300, allow_empty=True), recorded_by=ctx.actor)
    ctx.session.add(row)
    ctx.session.flush()
    ctx.audit("person.non_compete", "non_compete", row.id, None, {**c.snapshot(row), "person": owner.code})
    return row


def _answer(name: str, value: Any) -> str:
    if value is None or value == "":
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return c.choice(name, value, vocab.ANSWERS)


def _share(value: Any) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(str(value).strip().rstrip("%"))
    except ValueError:
        number = -1.0
    if not 0 <= number <= 100:
        raise InvalidInput("people.invalid_share", field="income_share", value=value)
    return number


def declare(ctx: Context, person: str, declared_on: Any = None, side_jobs: str = "", foreign_funding: str = "",
            foreign_contract: Any = None, foreign_direction: Any = None, income_share: Any = None,
            significant_benefit: Any = None, foreign_instructions: Any = None) -> Declaration:
    """File a declaration as the person gave it; the rule suggests yes / no / unclear until a review decides.

    The person themself (through their linked account) or a manager of the register may file it."""
    owner = people.get(ctx, person)
    if not ctx.viewer.may_declare_for(owner):
        raise Forbidden("auth.forbidden", user=ctx.viewer.username, role=ctx.viewer.role, action="declare")
    declared = c.not_after_tomorrow(ctx, c.day(declared_on, "declared_on", required=False) or ctx.today, "declared_on")
    if declared < owner.joined_on:
        raise InvalidInput("people.declaration_before_joining", field="declared_on", declared_on=declared,
                           joined_on=owner.joined_on)
    answers: dict[str, Any] = {q: _answer(q, v) for q, v in (
        ("foreign_contract", foreign_contract), ("foreign_direction", foreign_direction),
        ("significant_benefit", significant_benefit), ("foreign_instructions", foreign_instructions))}
    answers["income_share"] = _share(income_share)
    if answers["foreign_contract"] == "no" and answers["foreign_direction"] == "unknown":
        answers["foreign_direction"] = "no"  # no contract, so no direction under one
    verdict = rules.determine(answers, ctx.policy)
    row = Declaration(person_id=owner.id, declared_on=declared,
                      side_jobs=c.require_text("side_jobs", side_jobs, 5000, allow_empty=True),
                      foreign_funding=c.require_text("foreign_funding", foreign_funding, 5000, allow_empty=True),
                      answers=answers, suggested=verdict.result,
                      suggestion_reasons=[{"code": r.code, "params": r.params} for r in verdict.reasons],
                      declared_by=ctx.actor)
    ctx.session.add(row)
    ctx.session.flush()
    ctx.audit("person.declare", "declaration", row.id, None, {**c.snapshot(row), "person": owner.code})
    return row


def pending_declaration(ctx: Context, person: str) -> Declaration:
    owner = people.get(ctx, person)
    row = ctx.session.execute(select(Declaration).where(Declaration.person_id == owner.id, Declaration.result.is_(None))
                              .order_by(Declaration.declared_on.desc(), Declaration.id.desc())).scalars().first()
    if row is None:
        raise NotFound("people.no_pending_declaration", code=owner.code)
    return row


def review(ctx: Context, person: str, result: str, note: str = "", reviewed_on: Any = None) -> Declaration:
    """Decide the newest unreviewed declaration: falls under the specific categories yes / no / unclear.
    The result is what the oral gate uses; a result other than the rule's suggestion needs a note."""
    ctx.require("manage_people")
    row = pending_declaration(ctx, person)
    row = locks.lock(ctx, Declaration, Declaration.id == row.id)
    if row.result is not None:
        raise Conflict("people.declaration_reviewed", id=row.id)
    result = c.choice("result", result, vocab.CATEGORY_RESULTS)
    note = c.require_text("note", note, 5000, allow_empty=True)
    if result != row.suggested and not note:
        raise InvalidInput("people.review_note_required", field="note", suggested=row.suggested, result=result)
    day = c.day(reviewed_on, "reviewed_on", required=False) or ctx.today
    if day < row.declared_on:
        raise InvalidInput("people.review_before_declaration", field="reviewed_on", reviewed_on=day,
                           declared_on=row.declared_on)
    before = c.snapshot(row)
    row.result, row.review_note, row.reviewed_by, row.reviewed_on = result, note, ctx.actor, day
    ctx.session.flush()
    ctx.audit("person.review", "declaration", row.id, before, c.snapshot(row))
    return row
