"""Samples: lent with a disclosure, returned in a recorded condition (guidance 3-2, case 2)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from mamoru.domain import vocab
from mamoru.domain.gate import HOME_COUNTRY
from mamoru.errors import Conflict, InvalidInput
from mamoru.services import common as c
from mamoru.services import locks, obligations
from mamoru.services.uow import Context
from mamoru.store.models import Obligation, Sample


def lend(ctx: Context, code: str, partner_id: int, disclosure_id: int | None, description: str,
         due_back: Any, lent_on: Any = None) -> Sample:
    """Lend a sample today, or on a chosen earlier day (a back-dated entry: audited as such)."""
    lent = check_loan_dates(ctx, lent_on, due_back)
    sample = Sample(code=c.ensure_new_code(ctx, Sample, code), partner_id=partner_id, disclosure_id=disclosure_id,
                    description=c.require_text("sample_description", description, 2000), lent_on=lent[0],
                    due_back=lent[1])
    ctx.session.add(sample)
    ctx.session.flush()
    after = c.snapshot(sample)
    if sample.lent_on < ctx.today:
        after = {**after, "backdated": True, "recorded_on": ctx.today}
    ctx.audit("sample.lend", "sample", sample.code, None, after)
    return sample


def check_loan_dates(ctx: Context, lent_on: Any, due_back: Any) -> tuple:
    """(lent_on, return_by): lent today or earlier, never later; back by today at the earliest for a loan
    made today, and never before the day it was lent for a back-dated one."""
    lent = c.day(lent_on, "lent_on", required=False) or ctx.today
    if lent > ctx.today:
        raise InvalidInput("workbench.lent_in_future", field="lent_on", value=lent, today=ctx.today)
    back = c.day(due_back, "return_by")
    if lent == ctx.today and back < ctx.today:
        raise InvalidInput("input.return_date_past", field="return_by", return_by=back)
    if back < lent:
        raise InvalidInput("workbench.return_before_lent", field="return_by", value=back, lent_on=lent)
    return lent, back


def return_sample(ctx: Context, code: str, condition: str, on: Any = None, note: str = "") -> tuple[Sample, list]:
    """Record the return; anything but intact opens an investigation and a partner review, and for a
    partner abroad a consultation with the authorities (case 2).

    The sample, then its open recovery obligations, are locked before anything is
    written (lock order: see services/locks.py), so a sample is returned once."""
    sample = c.by_code(ctx, Sample, code)
    sample = locks.lock(ctx, Sample, Sample.id == sample.id)
    if sample.status != "out":
        raise Conflict("conflict.sample_returned", code=sample.code, on=sample.returned_on)
    condition = c.choice("condition", condition, vocab.SAMPLE_CONDITIONS)
    returned_on = c.day(on, "on", required=False) or ctx.today
    if returned_on < sample.lent_on:
        raise InvalidInput("input.returned_before_lent", field="on", label=c.field_label("returned_on"),
                           value=returned_on, lent_on=sample.lent_on)
    c.not_after_tomorrow(ctx, returned_on, "on", label_of="returned_on")
    note = c.require_text("note", note, 5000, allow_empty=True)
    pending = locks.lock_all(ctx, Obligation, Obligation.source == "sample", Obligation.source_id == sample.id,
                             Obligation.kind == "recover_sample", Obligation.status == "open")
    before = c.snapshot(sample)
    sample.status, sample.returned_on, sample.return_condition = "returned", returned_on, condition
    sample.return_note = note
    ctx.session.flush()
    ctx.audit("sample.return", "sample", sample.code, before, c.snapshot(sample))
    made = []
    for ob in pending:
        obligations.close(ctx, ob.id, f"sample returned {returned_on.isoformat()} ({condition})")
    if condition != "intact":
        due = returned_on + timedelta(days=int(ctx.policy.section("samples")["investigate_days"]))
        detail = {"sample": sample.code, "condition": condition, "late": returned_on > sample.due_back,
                  "country": sample.partner.country}
        kinds = ["investigate_sample", "review"]
        if sample.partner.country.upper() != HOME_COUNTRY:
            # Case 2: an overseas customer returning it late and broken may be reverse engineering it;
            # the company in the case worked with the government afterwards (consult METI).
            kinds.append("consult_authority")
        for kind in kinds:
            ob = obligations.create(ctx, kind, "sample", sample.id, due, sample.partner_id, detail=detail)
            if ob:
                made.append(ob)
    return sample, made


def overdue(ctx: Context) -> list[Sample]:
    return list(ctx.session.execute(
        select(Sample).where(Sample.status == "out", Sample.due_back < ctx.today).order_by(Sample.due_back)
    ).scalars())


def list_samples(ctx: Context) -> list[Sample]:
    return list(ctx.session.execute(select(Sample).order_by(Sample.code)).scalars())


SAMPLE_EDIT_FIELDS = ("description", "lent_on", "return_by", "returned_on", "condition", "note")


def update_sample(ctx: Context, code: str, **changes: Any) -> Sample:
    """Correct a sample's record: what it is, when it was lent and is due back, and, once returned,
    the day and the condition recorded. The same checks as lending and returning; one audit entry.

    A condition corrected from intact to anything else opens the investigation and review that a
    damaged return opens (guidance case 2)."""
    from mamoru.services import reads

    ctx.require("operate")
    unknown = set(changes) - set(SAMPLE_EDIT_FIELDS)
    if unknown:
        raise InvalidInput("input.unknown_fields", fields=sorted(unknown))
    found = reads.sample(ctx, code)  # one the viewer may not see does not exist for them
    sample = locks.lock(ctx, Sample, Sample.id == found.id)
    before = c.snapshot(sample)
    if "description" in changes:
        sample.description = c.require_text("sample_description", changes["description"], 2000)
    if "lent_on" in changes or "return_by" in changes:
        lent = c.day(changes.get("lent_on", sample.lent_on), "lent_on")
        if lent > ctx.today:
            raise InvalidInput("workbench.lent_in_future", field="lent_on", value=lent, today=ctx.today)
        back = c.day(changes.get("return_by", sample.due_back), "return_by")
        if back < lent:
            raise InvalidInput("workbench.return_before_lent", field="return_by", value=back, lent_on=lent)
        sample.lent_on, sample.due_back = lent, back
    returned_fields = {"returned_on", "condition", "note"} & set(changes)
    if returned_fields and sample.status != "returned":
        raise Conflict("workbench.sample_not_returned", code=sample.code)
    if "returned_on" in changes:
        on = c.day(changes["returned_on"], "returned_on")
        c.not_after_tomorrow(ctx, on, "returned_on")
        sample.returned_on = on
    if sample.returned_on is not None and sample.returned_on < sample.lent_on:
        raise InvalidInput("input.returned_before_lent", field="returned_on", label=c.field_label("returned_on"),
                           value=sample.returned_on, lent_on=sample.lent_on)
    if "condition" in changes:
        sample.return_condition = c.choice("condition", changes["condition"], vocab.SAMPLE_CONDITIONS)
    if "note" in changes:
        sample.return_note = c.require_text("note", changes["note"], 5000, allow_empty=True)
    after = c.snapshot(sample)
    if after == before:
        return sample
    ctx.session.flush()
    if sample.lent_on < before["lent_on"]:
        after = {**after, "backdated": True, "recorded_on": ctx.today}
    ctx.audit("sample.update", "sample", sample.code, before, after)
    if before["return_condition"] == "intact" and sample.return_condition not in (None, "intact"):
        due = sample.returned_on + timedelta(days=int(ctx.policy.section("samples")["investigate_days"]))
        detail = {"sample": sample.code, "condition": sample.return_condition, "late": sample.returned_on > sample.due_back}
        for kind in ("investigate_sample", "review"):
            obligations.create(ctx, kind, "sample", sample.id, due, sample.partner_id, detail=detail)
    return sample
