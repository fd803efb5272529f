"""Appending to and verifying the hash chain.

Each entry's hash covers its own fields and the previous entry's hash, so editing,
deleting or reordering any entry breaks the chain at that point. The head row names
the newest entry, so cutting entries off the end is caught too.

Two things outside the database make the chain hold against someone who can write it:

- entries are sealed with HMAC-SHA256 under a key the database never holds
  (``audit/keys.py``), so rewritten or appended entries cannot be given valid seals;
  entries written before keys existed (``key_id`` NULL) keep their plain SHA-256 and
  still verify, but no unkeyed entry may follow a keyed one;
- after each commit the new head is appended to the anchor file (``audit/anchor.py``),
  so a deleted tail with the head row reset, an emptied log or a rolled-back database
  is caught.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any, Iterator

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from mamoru.audit import anchor, keys
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
    key: keys.AuditKey | None = None,
) -> str:
    """The entry's seal: HMAC-SHA256 under ``key`` (its id included), or plain SHA-256 without one (legacy)."""
    fields: list[Any] = [prev_hash, seq, at.astimezone(timezone.utc).isoformat(timespec="microseconds"), actor, action,
                         entity_type, entity_id, before, after]
    if key is not None:
        fields.append(key.id)
    payload = json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if key is None:
        return hashlib.sha256(payload).hexdigest()
    return key.seal(payload)


PENDING = "mamoru_audit_pending_head"


def append(
    session: Session,
    actor: str,
    action: str,
    entity_type: str,
    entity_id: Any,
    before: Any = None,
    after: Any = None,
    at: datetime | None = None,
    key: keys.AuditKey | None = None,
) -> AuditEntry:
    """Append one sealed entry inside the caller's transaction, holding the head lock.

    The new head is remembered on the session and written to the anchor once the
    transaction commits (never for a transaction that rolls back)."""
    key = key or keys.current()
    head = session.execute(select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalar_one_or_none()
    if head is None:
        head = AuditHead(id=1, seq=0, hash=GENESIS)
        session.add(head)
        session.flush()
    at = at or datetime.now(timezone.utc)
    seq = head.seq + 1
    before_s, after_s = canonical(before), canonical(after)
    digest = entry_hash(head.hash, seq, at, actor, action, entity_type, str(entity_id), before_s, after_s, key)
    entry = AuditEntry(
        seq=seq, at=at, actor=actor, action=action, entity_type=entity_type, entity_id=str(entity_id),
        before=before_s, after=after_s, prev_hash=head.hash, hash=digest, key_id=key.id,
    )
    session.add(entry)
    head.seq, head.hash = seq, digest
    session.flush()
    session.info[PENDING] = (anchor.identity(session), seq, digest)
    return entry


@event.listens_for(Session, "before_commit")
def _read_head_before_commit(session: Session) -> None:
    """Take the head as it will commit (a savepoint rolled back after an append leaves the older head)."""
    pending = session.info.get(PENDING)
    if pending:
        row = session.execute(select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == 1)).one_or_none()
        session.info[PENDING] = (pending[0], row.seq, row.hash) if row else None


@event.listens_for(Session, "after_commit")
def _anchor_after_commit(session: Session) -> None:
    pending = session.info.pop(PENDING, None)
    if pending and pending[0]:
        try:
            anchor.write(*pending)
        except OSError:  # committed already: never fail after commit, but say so loudly
            anchor.log.exception("could not write the audit anchor for %s (head %d)", pending[0], pending[1])


@event.listens_for(Session, "after_soft_rollback")
def _forget_after_rollback(session: Session, _previous_transaction) -> None:
    if not session.in_transaction():
        session.info.pop(PENDING, None)


@dataclass(frozen=True)
class Problem:
    """One break in the chain: where, and what kind.

    Kinds: ``edited`` (content or seal does not match), ``missing``, ``broken_link``,
    ``truncated`` / ``beyond_head`` / ``head_mismatch`` (the head row disagrees),
    ``behind_anchor`` (the anchor names newer entries than the database holds: a deleted
    tail with the head reset, an emptied log, a restored backup), ``anchor_mismatch``
    (an anchored entry's hash changed: history rewritten), ``unkeyed_after_keyed`` (a
    plain-hash entry after sealing began: forged), ``key_unknown`` (sealed with a key
    this installation does not have, so it cannot vouch for them).
    """

    seq: int
    kind: str
    detail: str

    def message(self, lang: str | None = None) -> str:
        from mamoru.i18n import t

        return t("audit.problem." + self.kind, lang, seq=self.seq, detail=self.detail)


@dataclass(frozen=True)
class AnchorState:
    """What the anchor said: where it lives, how many head records, the newest one (seq 0: none)."""

    path: str | None
    exists: bool
    records: int = 0
    seq: int = 0
    at: str | None = None
    unreadable: int = 0


@dataclass(frozen=True)
class Verdict:
    entries: int
    problems: list[Problem]
    head_seq: int
    head_hash: str
    anchor: AnchorState | None = None
    key_id: str | None = None  # the key this installation seals with (None: no key here)
    keyed_from: int | None = None  # first sealed entry (None: none sealed)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def anchored(self) -> bool:
        return bool(self.anchor and self.anchor.exists and self.anchor.records)

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok, "entries": self.entries, "head_seq": self.head_seq, "head_hash": self.head_hash,
            "problems": [{"seq": p.seq, "kind": p.kind, "detail": p.detail} for p in self.problems],
            "anchor": None if self.anchor is None else {
                "path": self.anchor.path, "exists": self.anchor.exists, "records": self.anchor.records,
                "seq": self.anchor.seq, "at": self.anchor.at, "unreadable": self.anchor.unreadable},
            "key_id": self.key_id, "keyed_from": self.keyed_from,
        }


def verify(session: Session, batch: int = 5000, progress=None, key: keys.AuditKey | None = None) -> Verdict:
    """Walk the whole chain in sequence order and name every entry that does not fit.

    Checks each entry's seal (HMAC under this installation's key, or the legacy plain
    hash), the links between entries, the head row, and the anchor outside the database.
    """
    key = key or keys.current(create=False)
    ident = anchor.identity(session)
    witness = anchor.read(ident)
    anchored = witness.hashes() if witness else {}
    head = session.get(AuditHead, 1)
    problems: list[Problem] = []
    prev_hash, expected_seq, count = GENESIS, 1, 0
    keyed_from: int | None = None
    foreign_key: tuple[int, str, int] | None = None  # first seq, key id, count
    for row in _rows(session, batch):
        count += 1
        if progress:
            progress(1)
        if row.seq != expected_seq:
            if row.seq > expected_seq:
                problems.append(Problem(expected_seq, "missing", f"{expected_seq}..{row.seq - 1}"))
            expected_seq = row.seq
        checkable = True
        if row.key_id is None:
            if keyed_from is not None:
                problems.append(Problem(row.seq, "unkeyed_after_keyed",
                                        f"plain hash after sealed entries (sealed from {keyed_from})"))
                checkable = False
            recomputed = _recompute(row, None)
        else:
            keyed_from = row.seq if keyed_from is None else keyed_from
            if key is None or row.key_id != key.id:
                checkable = False
                foreign_key = (foreign_key[0], foreign_key[1], foreign_key[2] + 1) if foreign_key else (
                    row.seq, row.key_id, 1)
                recomputed = row.hash
            else:
                recomputed = _recompute(row, key)
        if checkable and recomputed != row.hash:
            problems.append(Problem(row.seq, "edited", "hash does not match content"))
        elif row.prev_hash != prev_hash:
            problems.append(Problem(row.seq, "broken_link", "previous-hash link does not match the entry before it"))
        if row.seq in anchored and anchored[row.seq] != {row.hash}:  # two hashes for one seq: the chain forked
            problems.append(Problem(row.seq, "anchor_mismatch", "hash differs from the one the anchor recorded"))
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
    if foreign_key:
        first, kid, n = foreign_key
        problems.append(Problem(first, "key_unknown",
                                f"{n} entries sealed with key {kid}; this installation's key is "
                                f"{key.id if key else 'missing'}"))
    newest = witness.newest if witness else None
    if newest and newest.seq > head_seq:
        problems.append(Problem(head_seq + 1, "behind_anchor",
                                f"the anchor recorded entry {newest.seq} at {newest.at}; the database ends at {head_seq}"))
    state = None
    if witness is not None:
        state = AnchorState(path=str(witness.path), exists=witness.exists, records=len(witness.records),
                            seq=newest.seq if newest else 0, at=newest.at if newest else None,
                            unreadable=witness.unreadable)
    return Verdict(entries=count, problems=problems, head_seq=head_seq, head_hash=head_hash, anchor=state,
                   key_id=key.id if key else None, keyed_from=keyed_from)


def _recompute(row: AuditEntry, key: keys.AuditKey | None) -> str:
    return entry_hash(row.prev_hash, row.seq, row.at, row.actor, row.action, row.entity_type, row.entity_id,
                      row.before, row.after, key)


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
