"""Appending to and verifying the hash chain.

Each entry's hash covers its own fields and the previous entry's hash, so editing,
deleting or reordering any entry breaks the chain at that point. The head row names
the newest entry, so cutting entries off the end is caught too.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any, Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from mamoru.store.models import AuditEntry, AuditHead

GENESIS = "0" * 64


def canonical(value: Any) -> str | None:
    """Stable JSON for before/after snapshots (sorted keys, dates as ISO strings)."""
    if value is None:
        return None
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_default)


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"cannot audit value of type {type(value).__name__}")


def entry_hash(
    prev_hash: str,
    seq: int,
    at: datetime,
    actor: str,
    action: str,
    entity_type: str,
    entity_id: str,
    before: str | None,
    after: str | None,
) -> str:
    payload = json.dumps(
        [prev_hash, seq, at.astimezone(timezone.utc).isoformat(timespec="microseconds"), actor, action,
         entity_type, entity_id, before, after],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def append(
    session: Session,
    actor: str,
    action: str,
    entity_type: str,
    entity_id: Any,
    before: Any = None,
    after: Any = None,
    at: datetime | None = None,
) -> AuditEntry:
    """Append one entry inside the caller's transaction, holding the head lock."""
    head = session.execute(select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalar_one_or_none()
    if head is None:
        head = AuditHead(id=1, seq=0, hash=GENESIS)
        session.add(head)
        session.flush()
    at = at or datetime.now(timezone.utc)
    seq = head.seq + 1
    before_s, after_s = canonical(before), canonical(after)
    digest = entry_hash(head.hash, seq, at, actor, action, entity_type, str(entity_id), before_s, after_s)
    entry = AuditEntry(
        seq=seq, at=at, actor=actor, action=action, entity_type=entity_type, entity_id=str(entity_id),
        before=before_s, after=after_s, prev_hash=head.hash, hash=digest,
    )
    session.add(entry)
    head.seq, head.hash = seq, digest
    session.flush()
    return entry


@dataclass(frozen=True)
class Problem:
    """One break in the chain: where, and what kind (edited, missing, reordered, truncated)."""

    seq: int
    kind: str
    detail: str


@dataclass(frozen=True)
class Verdict:
    entries: int
    problems: list[Problem]
    head_seq: int
    head_hash: str

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(session: Session, batch: int = 5000, progress=None) -> Verdict:
    """Walk the whole chain in sequence order and name every entry that does not fit."""
    head = session.get(AuditHead, 1)
    problems: list[Problem] = []
    prev_hash, expected_seq, count = GENESIS, 1, 0
    for row in _rows(session, batch):
        count += 1
        if progress:
            progress(1)
        if row.seq != expected_seq:
            if row.seq > expected_seq:
                problems.append(Problem(expected_seq, "missing", f"{expected_seq}..{row.seq - 1}"))
            expected_seq = row.seq
        recomputed = entry_hash(row.prev_hash, row.seq, row.at, row.actor, row.action, row.entity_type,
                                row.entity_id, row.before, row.after)
        if recomputed != row.hash:
            problems.append(Problem(row.seq, "edited", "hash does not match content"))
        elif row.prev_hash != prev_hash:
            problems.append(Problem(row.seq, "broken_link", "previous-hash link does not match the entry before it"))
        prev_hash = row.hash
        expected_seq = row.seq + 1
    head_seq = head.seq if head else 0
    head_hash = head.hash if head else GENESIS
    if head_seq != expected_seq - 1:
        if head_seq > expected_seq - 1:
            problems.append(Problem(expected_seq, "truncated", f"head names entry {head_seq}"))
        else:
            problems.append(Problem(head_seq + 1, "beyond_head", f"entries after head {head_seq}"))
    elif head_seq and head_hash != prev_hash:
        problems.append(Problem(head_seq, "head_mismatch", "head hash differs from the newest entry"))
    return Verdict(entries=count, problems=problems, head_seq=head_seq, head_hash=head_hash)


def _rows(session: Session, batch: int) -> Iterator[AuditEntry]:
    last = 0
    while True:
        rows = session.execute(
            select(AuditEntry).where(AuditEntry.seq > last).order_by(AuditEntry.seq).limit(batch)
        ).scalars().all()
        if not rows:
            return
        yield from rows
        last = rows[-1].seq
        session.expunge_all()
