"""Meetings (商談・打合せ), a partner's other customers and competitors, and staged disclosure plans.

A meeting is where oral disclosures happen (guidance 1-2, case 1); what was said joins the ledger
as an oral disclosure linked to the meeting. A partner's other customers and competitors (3-1) let
the gate warn when a supplier also serves our competitors. A disclosure's plan holds what leaves
later (staged disclosure, 4-1) and what must be destroyed after delivery.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mamoru.store.base import Base, utcnow


class Meeting(Base):
    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"), index=True)
    held_on: Mapped[date]
    place: Mapped[str] = mapped_column(String(300), default="")
    our_attendees: Mapped[list] = mapped_column(default=list)
    their_attendees: Mapped[list] = mapped_column(default=list)
    purpose: Mapped[str] = mapped_column(Text)
    said: Mapped[str] = mapped_column(Text, default="")
    disclosure_id: Mapped[int | None] = mapped_column(ForeignKey("disclosures.id"))
    recorded_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    partner = relationship("Partner")
    disclosure = relationship("Disclosure")


class PartnerRelation(Base):
    """Another customer or a competitor of a partner; ``our_competitor`` marks one that competes with us."""

    __tablename__ = "partner_relations"
    __table_args__ = (UniqueConstraint("partner_id", "kind", "name", name="uq_partner_relation"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(300))
    related_partner_id: Mapped[int | None] = mapped_column(ForeignKey("partners.id"))
    our_competitor: Mapped[bool] = mapped_column(default=False)
    country: Mapped[str] = mapped_column(String(2), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    partner = relationship("Partner", foreign_keys=[partner_id])
    related_partner = relationship("Partner", foreign_keys=[related_partner_id])


class DisclosurePlan(Base):
    """What a disclosure leaves for later: destruction after delivery, and the override of a missing clause."""

    __tablename__ = "disclosure_plans"

    disclosure_id: Mapped[int] = mapped_column(ForeignKey("disclosures.id"), primary_key=True)
    destroy_after: Mapped[date | None]
    override_reason: Mapped[str] = mapped_column(Text, default="")
    overridden_by: Mapped[str | None] = mapped_column(String(100))


class DisclosureStage(Base):
    """A later stage of a staged disclosure: its elements leave on or after ``due_on``, not on day one."""

    __tablename__ = "disclosure_stages"
    __table_args__ = (UniqueConstraint("disclosure_id", "number", name="uq_disclosure_stage"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    disclosure_id: Mapped[int] = mapped_column(ForeignKey("disclosures.id"), index=True)
    number: Mapped[int]
    elements: Mapped[list]
    due_on: Mapped[date]
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="planned")
    disclosed_on: Mapped[date | None]

    disclosure = relationship("Disclosure")
