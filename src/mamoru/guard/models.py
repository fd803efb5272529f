"""Guard tables: codebooks (one per technology), their terms, per-partner code names,
and the record of every sanitised copy. The mapping back from code names lives here
only, never in a document that leaves."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mamoru.store.base import Base, utcnow
from mamoru.store.models import Disclosure, KnowledgeElement, Partner, Technology

CATEGORIES = ("material", "supplier", "equipment", "process", "jargon", "other")
PREFIXES = {"material": "M", "supplier": "S", "equipment": "E", "process": "P", "jargon": "J", "other": "X"}
SCOPES = ("global", "partner")


class GuardCodebook(Base):
    """A technology's codebook. ``revision`` changes on every edit: it keys the matcher cache."""

    __tablename__ = "guard_codebooks"

    id: Mapped[int] = mapped_column(primary_key=True)
    technology_id: Mapped[int] = mapped_column(ForeignKey("technologies.id"), unique=True)
    code_name_scope: Mapped[str] = mapped_column(String(20), default="global")
    version: Mapped[int] = mapped_column(default=1)
    revision: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    technology: Mapped[Technology] = relationship()
    terms: Mapped[list[GuardTerm]] = relationship(back_populates="codebook", order_by="GuardTerm.id")


class GuardTerm(Base):
    """A word that gives the technology away, tied to the element (and so the rank) it reveals."""

    __tablename__ = "guard_terms"

    id: Mapped[int] = mapped_column(primary_key=True)
    codebook_id: Mapped[int] = mapped_column(ForeignKey("guard_codebooks.id"), index=True)
    term: Mapped[str] = mapped_column(String(300))
    folded: Mapped[str] = mapped_column(String(300), index=True)
    category: Mapped[str] = mapped_column(String(20), default="other")
    element_id: Mapped[int] = mapped_column(ForeignKey("knowledge_elements.id"), index=True)
    code_name: Mapped[str] = mapped_column(String(32), unique=True)
    status: Mapped[str] = mapped_column(String(20), default="active")
    created_by: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    retired_at: Mapped[datetime | None]

    codebook: Mapped[GuardCodebook] = relationship(back_populates="terms")
    element: Mapped[KnowledgeElement] = relationship()


class GuardPartnerCodeName(Base):
    """A code name valid for one partner only (codebooks with scope "partner")."""

    __tablename__ = "guard_partner_code_names"
    __table_args__ = (
        UniqueConstraint("term_id", "partner_id", name="uq_guard_partner_code_names_term_partner"),
        UniqueConstraint("partner_id", "code_name", name="uq_guard_partner_code_names_partner_name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("guard_terms.id"), index=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"), index=True)
    code_name: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class GuardRedaction(Base):
    """One sanitised copy: for whom, from which file, its fingerprint and control number."""

    __tablename__ = "guard_redactions"

    id: Mapped[int] = mapped_column(primary_key=True)
    control_number: Mapped[str] = mapped_column(String(40), unique=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"), index=True)
    disclosure_id: Mapped[int | None] = mapped_column(ForeignKey("disclosures.id"), index=True)
    source_name: Mapped[str] = mapped_column(String(300))
    source_sha256: Mapped[str] = mapped_column(String(64))
    output_sha256: Mapped[str] = mapped_column(String(64))
    file_format: Mapped[str] = mapped_column(String(20))
    condition_mode: Mapped[str] = mapped_column(String(20))
    summary: Mapped[dict]
    actor: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    partner: Mapped[Partner] = relationship()
    disclosure: Mapped[Disclosure | None] = relationship()
