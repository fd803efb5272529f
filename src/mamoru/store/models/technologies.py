"""Technologies (重点的に守るべき技術) and their knowledge elements (技術情報の要素)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mamoru.store.base import Base, utcnow


class Technology(Base):
    __tablename__ = "technologies"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    domain: Mapped[str] = mapped_column(String(40))
    export_controlled: Mapped[bool] = mapped_column(default=False)
    priority_control: Mapped[bool] = mapped_column(default=False)
    owner_department: Mapped[str] = mapped_column(String(200), default="")
    code_name: Mapped[str | None] = mapped_column(String(64), unique=True)
    importance: Mapped[dict | None] = mapped_column(default=None)
    suggested_tier: Mapped[str | None] = mapped_column(String(20))
    confirmed_tier: Mapped[str | None] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default="active")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    elements: Mapped[list[KnowledgeElement]] = relationship(
        back_populates="technology", order_by="KnowledgeElement.code"
    )


class KnowledgeElement(Base):
    __tablename__ = "knowledge_elements"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    technology_id: Mapped[int] = mapped_column(ForeignKey("technologies.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(40), default="other")
    rank: Mapped[int]
    proper_nouns: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(20), default="active")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    technology: Mapped[Technology] = relationship(back_populates="elements")
