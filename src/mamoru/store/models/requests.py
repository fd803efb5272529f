"""External disclosure requests (開示要求), e.g. backed by a foreign government (guidance 3-1, 3-2)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mamoru.store.base import Base, utcnow


class ExternalRequest(Base):
    __tablename__ = "external_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partners.id"), index=True)
    requester: Mapped[str] = mapped_column(String(300))
    received_on: Mapped[date]
    subject: Mapped[str] = mapped_column(Text)
    requested_items: Mapped[str] = mapped_column(Text, default="")
    government_backed: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(20), default="received", index=True)
    reasonable: Mapped[bool | None]
    review_notes: Mapped[str] = mapped_column(Text, default="")
    reviewed_by: Mapped[str | None] = mapped_column(String(100))
    escalated_to: Mapped[str] = mapped_column(String(200), default="")
    outcome_note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    partner = relationship("Partner")
