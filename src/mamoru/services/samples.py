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
         due_back: Any) -> Sample:
    sample = Sample(code=c.ensure_new_code(ctx, Sample, code), partner_id=partner_id, disclosure_id=disclosure_id,
                    description=c.require_text("sample_description", description, 2000), lent_on=ctx.today,
                    due_back=c.day(due_back, "return_by"))
    if sample.due_back < ctx.today:
        raise InvalidInput("input.return_date_past", return_by=sample.due_back)
    ctx.session.add(sample)
    ctx.session.flush()
    ctx.audit("sample.lend", "sample", sample.code, None, c.snapshot(sample))
    return sample


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
