"""Disclosures (開示): what went to whom, why, how, under which agreement, approved by whom."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mamoru.store.base import Base, utcnow


class Disclosure(Base):
    __tablename__ = "disclosures"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"), index=True)
    agreement_id: Mapped[int | None] = mapped_column(ForeignKey("agreements.id"))
    purpose: Mapped[str] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(String(30))
    form: Mapped[str] = mapped_column(String(30))
    outcome: Mapped[str] = mapped_column(String(30))
    reasons: Mapped[list]
    conditions: Mapped[list]
    status: Mapped[str] = mapped_column(String(30), index=True)
    staged_plan: Mapped[str] = mapped_column(Text, default="")
    requested_by: Mapped[str] = mapped_column(String(100))
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[datetime | None]
    decision_comment: Mapped[str] = mapped_column(Text, default="")
    disclosed_on: Mapped[date | None]
    document_sha256: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")
    sample_request: Mapped[dict | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    partner = relationship("Partner")
    agreement = relationship("Agreement")
    items: Mapped[list[DisclosureElement]] = relationship(back_populates="disclosure")


class DisclosureElement(Base):
    """One element in a disclosure, with the rank it had when it left."""

    __tablename__ = "disclosure_elements"

    disclosure_id: Mapped[int] = mapped_column(ForeignKey("disclosures.id"), primary_key=True)
    element_id: Mapped[int] = mapped_column(ForeignKey("knowledge_elements.id"), primary_key=True, index=True)
    rank: Mapped[int]

    disclosure: Mapped[Disclosure] = relationship(back_populates="items")
    element = relationship("KnowledgeElement")


class ReceivedElement(Base):
    """What each partner has received so far: one row per (partner, element), kept with the ledger.

    The gate and exposure need "everything this partner already has" on every request; reading
    it from here stays fast however long the ledger grows.
    """

    __tablename__ = "received_elements"

    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"), primary_key=True)
    element_id: Mapped[int] = mapped_column(ForeignKey("knowledge_elements.id"), primary_key=True)
    first_disclosure_id: Mapped[int] = mapped_column(ForeignKey("disclosures.id"))
    first_on: Mapped[date]
