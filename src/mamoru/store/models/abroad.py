"""Sites abroad (海外拠点): stage, what each element may do there, visits, the FEFTA advance report.

A site moves through planning → contract → operating → withdrawal; each move is a dated
row. Per element a site has one allowance (may be taught there, black-boxed, stays in Japan).
A designated technology (priority control) involved at a site has one advance-report row,
tied to the obligation that tracks its filing. Nothing is deleted.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mamoru.store.base import Base, utcnow


class OverseasSite(Base):
    __tablename__ = "overseas_sites"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    country: Mapped[str] = mapped_column(String(2))
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partners.id"), index=True)
    local_entity: Mapped[str] = mapped_column(String(300), default="")
    stage: Mapped[str] = mapped_column(String(20), default="planning")
    stage_on: Mapped[date]
    internal_decision_on: Mapped[date | None]
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    partner = relationship("Partner")
    stages: Mapped[list[SiteStageChange]] = relationship(back_populates="site", order_by="SiteStageChange.id")
    allowances: Mapped[list[SiteAllowance]] = relationship(back_populates="site", order_by="SiteAllowance.id")
    visits: Mapped[list[SiteVisit]] = relationship(back_populates="site", order_by="SiteVisit.id")
    reports: Mapped[list[SiteAdvanceReport]] = relationship(back_populates="site", order_by="SiteAdvanceReport.id")


class SiteStageChange(Base):
    __tablename__ = "site_stage_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("overseas_sites.id"), index=True)
    stage: Mapped[str] = mapped_column(String(20))
    changed_on: Mapped[date]
    note: Mapped[str] = mapped_column(Text, default="")
    actor: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    site: Mapped[OverseasSite] = relationship(back_populates="stages")


class SiteAllowance(Base):
    """May this element be taught at the site, go only as a black box, or stay in Japan?"""

    __tablename__ = "site_allowances"
    __table_args__ = (UniqueConstraint("site_id", "element_id", name="uq_site_allowance"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("overseas_sites.id"), index=True)
    element_id: Mapped[int] = mapped_column(ForeignKey("knowledge_elements.id"))
    allowance: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    site: Mapped[OverseasSite] = relationship(back_populates="allowances")
    element = relationship("KnowledgeElement")


class SiteVisit(Base):
    """A visit or plant tour, and the elements it showed (each one allowed to be taught there)."""

    __tablename__ = "site_visits"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("overseas_sites.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    visitors: Mapped[list] = mapped_column(default=list)
    purpose: Mapped[str] = mapped_column(Text, default="")
    shown: Mapped[list] = mapped_column(default=list)
    recorded_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    site: Mapped[OverseasSite] = relationship(back_populates="visits")


class SiteAdvanceReport(Base):
    """One designated technology at one site: its advance report is filed when the obligation closes."""

    __tablename__ = "site_advance_reports"
    __table_args__ = (UniqueConstraint("site_id", "technology_id", name="uq_site_advance_report"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("overseas_sites.id"), index=True)
    technology_id: Mapped[int] = mapped_column(ForeignKey("technologies.id"))
    obligation_id: Mapped[int | None] = mapped_column(ForeignKey("obligations.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    site: Mapped[OverseasSite] = relationship(back_populates="reports")
    technology = relationship("Technology")
    obligation = relationship("Obligation")
