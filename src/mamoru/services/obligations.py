"""Obligations: created by events, samples and agreements; closed only with evidence."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError, OperationalError

from mamoru.domain.policy import Policy
from mamoru.errors import Conflict, InvalidInput, NotFound
from mamoru.services import common as c
from mamoru.services import locks
from mamoru.services.uow import Context, unit_of_work
from mamoru.store.models import Agreement, Obligation, Partner, Sample, Setting

SWEPT_ON = "obligations.swept_on"  # settings row: the last day the scheduled sweep ran (and its lock)


def create(ctx: Context, kind: str, source: str, source_id: int, due_on: date, partner_id: int | None,
           agreement_id: int | None = None, detail: dict[str, Any] | None = None) -> Obligation | None:
    """Create an obligation unless the same one (kind, source, agreement) already exists."""
    existing = ctx.session.execute(
        select(Obligation).where(Obligation.kind == kind, Obligation.source == source,
                                 Obligation.source_id == source_id,
                                 Obligation.agreement_id.is_(None) if agreement_id is None
                                 else Obligation.agreement_id == agreement_id)
    ).scalar_one_or_none()
    if existing is not None:
        return None
    ob = Obligation(kind=kind, source=source, source_id=source_id, due_on=due_on, partner_id=partner_id,
                    agreement_id=agreement_id, detail=detail or {})
    ctx.session.add(ob)
    ctx.session.flush()
    ctx.audit("obligation.create", "obligation", ob.id, None, c.snapshot(ob))
    return ob


def get(ctx: Context, obligation_id: Any) -> Obligation:
    try:
        key = int(obligation_id)
    except (TypeError, ValueError):
        raise NotFound("notfound.obligation", id=obligation_id) from None
    ob = ctx.session.get(Obligation, key)
    if ob is None or (ob.source == "incident" and ob.source_id in _hidden_incidents(ctx)):
        raise NotFound("notfound.obligation", id=obligation_id)
    return ob


def _hidden_incidents(ctx: Context) -> list[int]:
    from mamoru.services import incidents  # incidents create obligations through this module

    return incidents.hidden_ids(ctx)


def close(ctx: Context, obligation_id: Any, evidence: str) -> Obligation:
    """Close with evidence text (e.g. "destruction certificate no. 123 received 2026-05-01").

    The obligation is locked first, so closing it twice at once closes it once."""
    ob = get(ctx, obligation_id)
    ob = locks.lock(ctx, Obligation, Obligation.id == ob.id)
    if ob.status != "open":
        raise Conflict("conflict.obligation_closed", id=ob.id)
    if not isinstance(evidence, str) or not evidence.strip():
        raise InvalidInput("input.evidence_required", id=ob.id)
    evidence = c.require_text("evidence", evidence, 5000)
    before = c.snapshot(ob)
    ob.status, ob.evidence, ob.closed_by, ob.closed_at = "closed", evidence, ctx.actor, ctx.now
    ctx.session.flush()
    ctx.audit("obligation.close", "obligation", ob.id, before, c.snapshot(ob))
    return ob


def for_ended_agreement(ctx: Context, agreement: Agreement, ended_on: date) -> list[Obligation]:
    """An agreement that ends: get the information back or destroyed.

    With a return/destroy clause the contract backs the demand (return, destruction, certificate);
    without one there is still something to ask for, so ``demand_return_or_destruction`` is created
    all the same (2-2 ②: ending alone does not reduce the risk; case 3)."""
    due = ended_on + timedelta(days=int(ctx.policy.section("agreements")["return_days"]))
    made = []
    has_clause = any(cl.kind == "return_destroy" for cl in agreement.clauses)
    kinds = (("demand_return", "demand_destruction", "collect_destruction_certificate") if has_clause
             else ("demand_return_or_destruction",))
    for kind in kinds:
        ob = create(ctx, kind, "agreement", agreement.id, due, agreement.partner_id, agreement.id,
                    {"agreement": agreement.code, "ended_on": ended_on.isoformat()})
        if ob:
            made.append(ob)
    return made


def sweep(ctx: Context) -> list[Obligation]:
    """Turn what time has made due into obligations: overdue samples, agreements past their end.

    Idempotent: running it twice creates nothing new. The server runs it at start and
    daily (``run_scheduled``); the dashboard's button and ``mamoru obligations sweep``
    run it on demand (``run_now``).
    """
    made: list[Obligation] = []
    cfg = ctx.policy.section("samples")
    # Locked (PostgreSQL): a manual sweep and the server's daily one at the same moment must not
    # both expire an agreement or both create its obligations.
    overdue = locks.lock_all(ctx, Sample, Sample.status == "out", Sample.due_back < ctx.today)
    for sample in overdue:
        ob = create(ctx, "recover_sample", "sample", sample.id,
                    sample.due_back + timedelta(days=int(cfg["recovery_days"])), sample.partner_id,
                    detail={"sample": sample.code, "due_back": sample.due_back.isoformat()})
        if ob:
            made.append(ob)
    expired = locks.lock_all(ctx, Agreement, Agreement.status == "active", Agreement.valid_to < ctx.today)
    for agreement in expired:
        before = {"status": agreement.status}
        agreement.status = "expired"
        agreement.ended_on = agreement.valid_to
        ctx.session.flush()
        ctx.audit("agreement.expire", "agreement", agreement.code, before, {"status": "expired"})
        made.extend(for_ended_agreement(ctx, agreement, agreement.valid_to))
    return made


def run_now(ctx: Context) -> list[Obligation]:
    """Someone asked for the sweep now (dashboard button, CLI): their role must allow it; audited."""
    ctx.require("sweep")
    made = sweep(ctx)
    ctx.audit("obligations.sweep", "obligations", "sweep", None,
              {"trigger": "manual", "created": sorted(ob.id for ob in made)})
    return made


def run_scheduled(engine: Engine, policy: Policy | None = None, now: datetime | None = None,
                  attempts: int = 3) -> int | None:
    """The server's own daily sweep; returns how many obligations it made, or None if today's ran already.

    Safe with several workers and several servers: the ``obligations.swept_on`` settings row
    is locked (``FOR UPDATE`` on PostgreSQL; SQLite's write lock is taken at BEGIN), so one
    worker sweeps and the others see today's date and skip. Two workers creating the row at
    the very first start collide on its primary key: the loser retries and skips.
    """
    for attempt in range(attempts):
        try:
            with unit_of_work(engine, "system", policy=policy, now=now) as ctx:
                row = ctx.session.execute(select(Setting).where(Setting.key == SWEPT_ON)
                                          .with_for_update()).scalar_one_or_none()
                today = ctx.today.isoformat()
                if row is not None and row.value >= today:
                    return None
                if row is None:
                    ctx.session.add(Setting(key=SWEPT_ON, value=today))
                else:
                    row.value = today
                ctx.session.flush()
                made = sweep(ctx)
                if made:
                    ctx.audit("obligations.sweep", "obligations", "sweep", None,
                              {"trigger": "schedule", "created": sorted(ob.id for ob in made)})
                return len(made)
        except (IntegrityError, OperationalError):  # another worker got there first (or a lock timed out)
            if attempt == attempts - 1:
                raise
    return None


def open_obligations(ctx: Context) -> list[Obligation]:
    return list(ctx.session.execute(
        select(Obligation).where(Obligation.status == "open").order_by(Obligation.due_on, Obligation.id)
    ).scalars())


def all_obligations(ctx: Context) -> list[Obligation]:
    return list(ctx.session.execute(select(Obligation).order_by(Obligation.due_on, Obligation.id)).scalars())


MANUAL = "manual"  # source of an obligation a person raised by hand


def raise_manual(ctx: Context, kind: str, due_on: Any, detail: str = "", partner: str | None = None) -> Obligation:
    """Raise an obligation by hand (consult METI, the police or a lawyer, preserve evidence, a review ...):
    what no event or rule created but a person knows must be done, with a due date, on the record."""
    from mamoru.domain import vocab

    ctx.require("operate")
    kind = c.choice("kind", kind, vocab.MANUAL_OBLIGATION_KINDS)
    due = c.day(due_on, "due_on")
    if due < ctx.today:
        raise InvalidInput("workbench.due_in_past", field="due_on", value=due, today=ctx.today)
    text = c.require_text("detail", detail, 5000, allow_empty=True)
    owner_id = None
    if partner:
        owner = locks.lock(ctx, Partner, Partner.code == str(partner).strip()) or c.by_code(ctx, Partner, partner)
        owner_id = owner.id
    last = ctx.session.execute(select(func.max(Obligation.source_id)).where(Obligation.source == MANUAL)).scalar()
    ob = Obligation(kind=kind, source=MANUAL, source_id=(last or 0) + 1, due_on=due, partner_id=owner_id,
                    detail={"note": text, "raised_by": ctx.actor} if text else {"raised_by": ctx.actor})
    ctx.session.add(ob)
    ctx.session.flush()
    ctx.audit("obligation.create", "obligation", ob.id, None, {**c.snapshot(ob), "manual": True})
    return ob
def source_codes(ctx: Context, items: list[Obligation]) -> dict[tuple[str, int], str]:
    """The code people know each obligation's source by (a sample's S-2026-001, an agreement's code);
    sources known by number (events, requests, warnings) are not listed."""
    out: dict[tuple[str, int], str] = {}
    for source, model in (("sample", Sample), ("agreement", Agreement)):
        ids = {o.source_id for o in items if o.source == source}
        if ids:
            for row_id, code in ctx.session.execute(select(model.id, model.code).where(model.id.in_(ids))):
                out[(source, row_id)] = code
    return out
