"""Self-checks (自己点検): one row per check, one per answer; a finalised check is history."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mamoru.store.base import Base, utcnow


class SelfCheck(Base):
    __tablename__ = "self_checks"

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(String(20), default="draft")  # draft / final
    started_by: Mapped[str] = mapped_column(String(100))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finalised_by: Mapped[str | None] = mapped_column(String(100))
    finalised_at: Mapped[datetime | None]
    scores: Mapped[dict] = mapped_column(default=dict)  # area -> share, "overall" -> share (kept when final)

    answers: Mapped[list["SelfCheckAnswer"]] = relationship(back_populates="check", order_by="SelfCheckAnswer.id",
                                                             cascade="all, delete-orphan")


class SelfCheckAnswer(Base):
    """``source`` mamoru: filled from the records, with ``evidence``; user: the person's word."""

    __tablename__ = "self_check_answers"
    __table_args__ = (UniqueConstraint("check_id", "question", name="uq_self_check_answer"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    check_id: Mapped[int] = mapped_column(ForeignKey("self_checks.id"), index=True)
    question: Mapped[str] = mapped_column(String(120))
    level: Mapped[str | None] = mapped_column(String(10))
    source: Mapped[str] = mapped_column(String(10), default="user")
    evidence: Mapped[dict] = mapped_column(default=dict)  # {"code": message code, "params": {...}}
    note: Mapped[str] = mapped_column(Text, default="")
    answered_by: Mapped[str | None] = mapped_column(String(100))
    answered_at: Mapped[datetime | None]

    check: Mapped[SelfCheck] = relationship(back_populates="answers")
