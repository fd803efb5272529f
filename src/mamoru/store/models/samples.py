"""Samples (サンプル) lent to partners, which must come back by a date and in a known state."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mamoru.store.base import Base, utcnow


class Sample(Base):
    __tablename__ = "samples"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"), index=True)
    disclosure_id: Mapped[int | None] = mapped_column(ForeignKey("disclosures.id"))
    description: Mapped[str] = mapped_column(Text)
    lent_on: Mapped[date]
    due_back: Mapped[date]
    returned_on: Mapped[date | None]
    return_condition: Mapped[str | None] = mapped_column(String(20))
    return_note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="out")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    partner = relationship("Partner")
    disclosure = relationship("Disclosure")
