"""Incidents (情報漏えい事案): a suspected or confirmed leak, what it touches, and the traces attached to it."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mamoru.store.base import Base, utcnow

incident_partners = Table(
    "incident_partners", Base.metadata,
    Column("incident_id", ForeignKey("incidents.id"), primary_key=True),
    Column("partner_id", ForeignKey("partners.id"), primary_key=True),
)
incident_customers = Table(
    "incident_customers", Base.metadata,
    Column("incident_id", ForeignKey("incidents.id"), primary_key=True),
    Column("partner_id", ForeignKey("partners.id"), primary_key=True),
)
incident_technologies = Table(
    "incident_technologies", Base.metadata,
    Column("incident_id", ForeignKey("incidents.id"), primary_key=True),
    Column("technology_id", ForeignKey("technologies.id"), primary_key=True),
)
incident_elements = Table(
    "incident_elements", Base.metadata,
    Column("incident_id", ForeignKey("incidents.id"), primary_key=True),
    Column("element_id", ForeignKey("knowledge_elements.id"), primary_key=True),
)
incident_disclosures = Table(
    "incident_disclosures", Base.metadata,
    Column("incident_id", ForeignKey("incidents.id"), primary_key=True),
    Column("disclosure_id", ForeignKey("disclosures.id"), primary_key=True),
)


class Incident(Base):
    """``found`` is what turned up (e.g. a competitor's document), ``found_where`` where; ``leak_from``
    the earliest day the leak may have started (optional, never after ``discovered_on``)."""

    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    status: Mapped[str] = mapped_column(String(20), index=True)
    title: Mapped[str] = mapped_column(String(300))
    found: Mapped[str] = mapped_column(Text, default="")
    found_where: Mapped[str] = mapped_column(String(300), default="")
    discovered_on: Mapped[date]
    leak_from: Mapped[date | None]
    opened_by: Mapped[str] = mapped_column(String(100))
    confirmed_on: Mapped[date | None]
    closed_on: Mapped[date | None]
    closed_by: Mapped[str | None] = mapped_column(String(100))
    resolution: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    partners = relationship("Partner", secondary=incident_partners, order_by="Partner.code")
    customers = relationship("Partner", secondary=incident_customers, order_by="Partner.code")
    technologies = relationship("Technology", secondary=incident_technologies, order_by="Technology.code")
    elements = relationship("KnowledgeElement", secondary=incident_elements, order_by="KnowledgeElement.code")
    disclosures = relationship("Disclosure", secondary=incident_disclosures, order_by="Disclosure.number")
    traces: Mapped[list[IncidentTrace]] = relationship(back_populates="incident", order_by="IncidentTrace.id")


class IncidentTrace(Base):
    """A trace result (流出元の推定) attached as it came: JSON, with its SHA-256 so the package can prove it."""

    __tablename__ = "incident_traces"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    source_name: Mapped[str] = mapped_column(String(300))
    verdict: Mapped[str] = mapped_column(String(60), default="")
    result: Mapped[dict]
    sha256: Mapped[str] = mapped_column(String(64))
    attached_by: Mapped[str] = mapped_column(String(100))
    attached_at: Mapped[datetime] = mapped_column(default=utcnow)

    incident: Mapped[Incident] = relationship(back_populates="traces")
