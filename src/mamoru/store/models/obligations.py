"""Obligations (対応事項): tasks with due dates created by events, samples and agreements."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mamoru.store.base import Base, utcnow


class Obligation(Base):
    """``source`` and ``source_id`` name what created it; one obligation per kind and source."""

    __tablename__ = "obligations"
    __table_args__ = (UniqueConstraint("source", "source_id", "kind", "agreement_id", name="uq_obligation_origin"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partners.id"), index=True)
    agreement_id: Mapped[int | None] = mapped_column(ForeignKey("agreements.id"))
    kind: Mapped[str] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(String(30))
    source_id: Mapped[int]
    due_on: Mapped[date]
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    detail: Mapped[dict] = mapped_column(default=dict)
    closed_by: Mapped[str | None] = mapped_column(String(100))
    closed_at: Mapped[datetime | None]
    evidence: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    partner = relationship("Partner")
    agreement = relationship("Agreement")
