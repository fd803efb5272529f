"""The audit record: any single edit, deletion or swap of entries is caught, and named."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, text, update
from sqlalchemy.orm import Session

from mamoru.audit import chain, keys
from mamoru.store.models import AuditEntry, AuditHead

N = 12
T0 = datetime(2026, 4, 1, tzinfo=timezone.utc)


def _fill(engine) -> None:
    with Session(engine) as session:
        for i in range(N):
            chain.append(session, f"user{i % 3}", "thing.update", "thing", f"T-{i}", {"v": i}, {"v": i + 1, "ja": "守る"},
                         at=T0 + timedelta(minutes=i))
        session.commit()


@pytest.fixture
def filled(engine):
    _fill(engine)
    return engine


def test_untouched_chain_verifies(filled):
    with Session(filled) as session:
        verdict = chain.verify(session)
    assert verdict.ok and verdict.entries == N and verdict.head_seq == N


FIELDS = ["actor", "action", "entity_type", "entity_id", "before", "after", "at"]


def _tampered(engine, mutate) -> chain.Verdict:
    """Apply ``mutate`` inside a transaction, verify, and roll it back.

    On PostgreSQL the table refuses UPDATE and DELETE (migration 0004); the tamperer here
    is a superuser who steps past the triggers, which is what the chain must still catch.
    """
    with engine.connect() as conn:
        trans = conn.begin()
        if conn.dialect.name == "postgresql":
            conn.execute(text("SET LOCAL session_replication_role = replica"))
        session = Session(bind=conn)
        mutate(session)
        session.flush()
        verdict = chain.verify(session)
        session.close()
        trans.rollback()
    return verdict


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(["edit", "delete", "swap"]), seq=st.integers(1, N), other=st.integers(1, N),
       field=st.sampled_from(FIELDS))
def test_any_single_edit_delete_or_swap_is_detected(filled, kind, seq, other, field):
    if kind == "edit":
        value = T0 - timedelta(days=1) if field == "at" else '{"v":-1}' if field in ("before", "after") else "x"

        def mutate(s):
            s.execute(update(AuditEntry).where(AuditEntry.seq == seq).values({field: value}))
    elif kind == "delete":
        def mutate(s):
            s.execute(delete(AuditEntry).where(AuditEntry.seq == seq))
    else:
        if other == seq:
            other = seq % N + 1

        def mutate(s):
            # swap the contents of two entries, keeping their positions (a reordering)
            a, b = s.get(AuditEntry, seq), s.get(AuditEntry, other)
            cols = ["at", "actor", "action", "entity_type", "entity_id", "before", "after", "prev_hash", "hash"]
            va, vb = {c: getattr(a, c) for c in cols}, {c: getattr(b, c) for c in cols}
            for c in cols:
                setattr(a, c, vb[c])
                setattr(b, c, va[c])
    verdict = _tampered(filled, mutate)
    assert not verdict.ok
    flagged = {p.seq for p in verdict.problems}
    if kind == "swap":
        assert {seq, other} & flagged
    else:
        assert seq in flagged or (kind == "delete" and seq == N and verdict.problems[0].kind == "truncated")


def test_deleting_the_newest_entry_is_caught_by_the_head(filled):
    verdict = _tampered(filled, lambda s: s.execute(delete(AuditEntry).where(AuditEntry.seq == N)))
    assert [p.kind for p in verdict.problems] == ["truncated"]


def test_rewriting_history_with_fresh_hashes_still_breaks_the_link(filled):
    """Even someone holding the sealing key who re-seals one entry breaks the next link."""
    def mutate(s):
        row = s.get(AuditEntry, 5)
        row.actor = "mallory"
        row.hash = chain.entry_hash(row.prev_hash, row.seq, row.at, row.actor, row.action, row.entity_type,
                                    row.entity_id, row.before, row.after, keys.current())
    verdict = _tampered(filled, mutate)
    assert [(p.seq, p.kind) for p in verdict.problems] == [(6, "broken_link")]


def test_appends_from_two_sessions_stay_one_chain(engine):
    """The head row serialises writers, so two transactions never fork the chain."""
    with Session(engine) as a:
        a.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
        chain.append(a, "a", "x", "thing", 1)
        a.commit()
    with Session(engine) as b:
        b.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
        chain.append(b, "b", "x", "thing", 2)
        b.commit()
    with Session(engine) as s:
        verdict = chain.verify(s)
        assert verdict.ok and verdict.entries == 2
        assert s.get(AuditHead, 1).seq == 2
