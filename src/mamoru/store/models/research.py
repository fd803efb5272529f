"""Joint research (共同研究): projects with a research partner, and pre-publication reviews.

A project names its partner (kind research_partner), its joint-development agreement and
the terms that matter for leakage: who owns improvements, how long before publication a
paper is reviewed and who approves, and what each side brings. Each review keeps what the
scan found and the reviewer's result; a new version of a paper is a new review.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mamoru.store.base import Base, utcnow


class ResearchProject(Base):
    __tablename__ = "research_projects"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"), index=True)
    agreement_id: Mapped[int | None] = mapped_column(ForeignKey("agreements.id"))
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    improvements: Mapped[str] = mapped_column(String(20))
    review_days: Mapped[int]
    approver: Mapped[str] = mapped_column(String(200))
    our_elements: Mapped[list] = mapped_column(default=list)  # element codes we bring (background)
    their_contribution: Mapped[str] = mapped_column(Text, default="")
    foreign_funding_share: Mapped[float] = mapped_column(default=0.0)
    foreign_funding_source: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[str] = mapped_column(String(20), default="active")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    partner = relationship("Partner")
    agreement = relationship("Agreement")
    reviews: Mapped[list[PublicationReview]] = relationship(back_populates="project",
                                                            order_by="PublicationReview.id")


class PublicationReview(Base):
    __tablename__ = "publication_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("research_projects.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))
    venue: Mapped[str] = mapped_column(String(300), default="")
    submitted_on: Mapped[date]
    planned_on: Mapped[date]
    file_name: Mapped[str] = mapped_column(String(300))
    file_sha256: Mapped[str] = mapped_column(String(64))
    findings: Mapped[list] = mapped_column(default=list)
    suggested: Mapped[str] = mapped_column(String(20))
    result: Mapped[str | None] = mapped_column(String(20))
    reviewer: Mapped[str | None] = mapped_column(String(100))
    reviewed_on: Mapped[date | None]
    comment: Mapped[str] = mapped_column(Text, default="")
    published_on: Mapped[date | None]
    warnings: Mapped[list] = mapped_column(default=list)
    submitted_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    project: Mapped[ResearchProject] = relationship(back_populates="reviews")
