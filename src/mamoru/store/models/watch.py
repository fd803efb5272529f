"""Publication watch (公報・文献の監視): what was imported, and the alerts it raised."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mamoru.store.base import Base, utcnow


class WatchPublication(Base):
    """One imported publication (a gazette entry, a paper, a catalogue) and its text."""

    __tablename__ = "watch_publications"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(100), index=True)
    title: Mapped[str] = mapped_column(String(300))
    source_format: Mapped[str] = mapped_column(String(20))
    applicants: Mapped[list] = mapped_column(default=list)
    filed_on: Mapped[date | None]
    published_on: Mapped[date | None]
    file_name: Mapped[str] = mapped_column(String(300), default="")
    sha256: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    imported_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class WatchAlert(Base):
    """A publication passage that comes close to a protected element; a person confirms or dismisses it."""

    __tablename__ = "watch_alerts"
    __table_args__ = (UniqueConstraint("publication_id", "element_id", name="uq_watch_alert_pub_element"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    publication_id: Mapped[int] = mapped_column(ForeignKey("watch_publications.id"), index=True)
    element_id: Mapped[int] = mapped_column(ForeignKey("knowledge_elements.id"), index=True)
    technology_id: Mapped[int] = mapped_column(ForeignKey("technologies.id"), index=True)
    score: Mapped[float]
    evidence: Mapped[dict] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[datetime | None]
    event_ids: Mapped[list] = mapped_column(default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    publication: Mapped[WatchPublication] = relationship()
    element = relationship("KnowledgeElement")
