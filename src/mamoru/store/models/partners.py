"""Partners (取引先) and their due-diligence assessments (取引先リスク評価)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mamoru.store.base import Base, utcnow


class Partner(Base):
    __tablename__ = "partners"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    name_kana: Mapped[str] = mapped_column(String(300), default="")
    name_en: Mapped[str] = mapped_column(String(300), default="")
    kind: Mapped[str] = mapped_column(String(40))
    country: Mapped[str] = mapped_column(String(2))
    listed: Mapped[bool] = mapped_column(default=False)
    industry: Mapped[str] = mapped_column(String(200), default="")
    parent_company: Mapped[str] = mapped_column(String(300), default="")
    major_shareholders: Mapped[list] = mapped_column(default=list)
    officers: Mapped[list] = mapped_column(default=list)
    certification: Mapped[str] = mapped_column(String(100), default="")
    certification_expiry: Mapped[date | None]
    risk_tier: Mapped[str | None] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default="active")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    assessments: Mapped[list[DueDiligence]] = relationship(
        back_populates="partner", order_by="DueDiligence.id"
    )


class DueDiligence(Base):
    """One assessment of the five factors of guidance 1-1; the newest one is in force."""

    __tablename__ = "due_diligences"

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"), index=True)
    assessed_on: Mapped[date]
    assessor: Mapped[str] = mapped_column(String(100))
    factors: Mapped[dict]
    notes: Mapped[dict] = mapped_column(default=dict)
    foreign_government_duty: Mapped[bool] = mapped_column(default=False)
    score: Mapped[float]
    tier: Mapped[str] = mapped_column(String(20))
    explanation: Mapped[list]
    policy_version: Mapped[str] = mapped_column(String(40))
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    partner: Mapped[Partner] = relationship(back_populates="assessments")
