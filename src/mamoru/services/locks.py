"""Row locks for decisions: read what a decision depends on as it is committed, and hold it.

A use case that checks a state and then changes it ("is this request still pending?",
"does this partner's exposure stay under the threshold?") must not let another
transaction decide on the same state at the same time. On PostgreSQL (READ COMMITTED)
``lock`` issues ``SELECT ... FOR UPDATE``: a second transaction waits for the first to
commit and then reads the committed row, so it sees "approved" and answers Conflict.
On SQLite the unit of work already holds the write lock (``BEGIN IMMEDIATE``), so the
clause is ignored and the rule holds anyway.

Lock order, to stay free of deadlocks: partner, then the row being decided (disclosure,
event, sample, obligation, request), then the audit head (taken by the first
``ctx.audit``). So take every lock *before* the first audit entry of the use case.
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import select

from mamoru.services.uow import Context

T = TypeVar("T")


def lock(ctx: Context, model: type[T], *where: Any) -> T | None:
    """The one row matching ``where``, locked until commit and refreshed from the database (or None)."""
    query = (select(model).where(*where).with_for_update()
             .execution_options(populate_existing=True))
    return ctx.session.execute(query).scalar_one_or_none()


def lock_all(ctx: Context, model: type[T], *where: Any) -> list[T]:
    """Every row matching ``where``, locked and refreshed, in primary-key order (a stable lock order)."""
    key = model.__mapper__.primary_key[0]
    query = (select(model).where(*where).order_by(key).with_for_update()
             .execution_options(populate_existing=True))
    return list(ctx.session.execute(query).scalars())
