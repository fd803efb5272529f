"""Agreements (契約: NDA, master sales / processing agreements) and their clauses (条項)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mamoru.store.base import Base, utcnow

agreement_technologies = Table(
    "agreement_technologies",
    Base.metadata,
    Column("agreement_id", ForeignKey("agreements.id"), primary_key=True),
    Column("technology_id", ForeignKey("technologies.id"), primary_key=True),
)

agreement_elements = Table(
    "agreement_elements",
    Base.metadata,
    Column("agreement_id", ForeignKey("agreements.id"), primary_key=True),
    Column("element_id", ForeignKey("knowledge_elements.id"), primary_key=True),
)


class Agreement(Base):
    __tablename__ = "agreements"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(300), default="")
    valid_from: Mapped[date]
    valid_to: Mapped[date]
    status: Mapped[str] = mapped_column(String(20), default="active")
    ended_on: Mapped[date | None]
    end_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    partner = relationship("Partner")
    technologies = relationship("Technology", secondary=agreement_technologies, order_by="Technology.code")
    elements = relationship("KnowledgeElement", secondary=agreement_elements, order_by="KnowledgeElement.code")
    clauses: Mapped[list[AgreementClause]] = relationship(
        back_populates="agreement", order_by="AgreementClause.kind"
    )


class AgreementClause(Base):
    """A clause; ``mode`` says approval or notice where the clause has both forms."""

    __tablename__ = "agreement_clauses"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    mode: Mapped[str] = mapped_column(String(20), default="")
    triggers: Mapped[list] = mapped_column(default=list)
    text: Mapped[str] = mapped_column(Text, default="")

    agreement: Mapped[Agreement] = relationship(back_populates="clauses")
