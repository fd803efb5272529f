"""The append-only, hash-chained audit record and its head (the lock that serialises appends)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mamoru.store.base import Base


class AuditEntry(Base):
    __tablename__ = "audit_entries"

    seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(80))
    entity_type: Mapped[str] = mapped_column(String(60), index=True)
    entity_id: Mapped[str] = mapped_column(String(100), index=True)
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # Fingerprint of the key that sealed this entry (HMAC-SHA256); NULL: a plain SHA-256 entry
    # written before keys existed (see audit/keys.py).
    key_id: Mapped[str | None] = mapped_column(String(16), default=None)


class AuditHead(Base):
    """A single row holding the newest sequence number and hash.

    Appending locks this row (SELECT ... FOR UPDATE on PostgreSQL; SQLite serialises
    writers), so the chain stays linear with many processes, and deleting the newest
    entries is caught because the head still names them.
    """

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
    hash: Mapped[str] = mapped_column(String(64))
