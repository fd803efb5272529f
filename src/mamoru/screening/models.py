"""Screening tables: list versions and their entries, the candidate keys, results and reviews.

Nothing is deleted: a new list version supersedes the previous one of the same
source, a result is closed by review (confirmed / dismissed) or withdrawn when
its entry leaves the list. Entries are stored whole (``data``) per version, so
any version can be diffed or re-indexed later.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mamoru.store.base import Base, utcnow

ID = BigInteger().with_variant(Integer(), "sqlite")


class ListVersion(Base):
    """One import of one list file; the newest of a source is in force."""

    __tablename__ = "screening_list_versions"
    __table_args__ = (
        UniqueConstraint("source", "version_no", name="uq_screening_list_versions_source_no"),
        UniqueConstraint("source", "file_hash", name="uq_screening_list_versions_source_hash"),
    )

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    source: Mapped[str] = mapped_column(String(80), index=True)
    version_no: Mapped[int]
    format: Mapped[str] = mapped_column(String(20))
    file_name: Mapped[str] = mapped_column(String(300))
    file_hash: Mapped[str] = mapped_column(String(64))
    published: Mapped[str] = mapped_column(String(20), default="")
    entry_count: Mapped[int]
    name_count: Mapped[int]
    status: Mapped[str] = mapped_column(String(20), default="in_force", index=True)  # in_force / superseded
    # the scheme of the blocking keys written for it (keys.KEYS_VERSION): keys written by an older
    # mamoru are rewritten, and not used for retrieval until they are
    keys_version: Mapped[str] = mapped_column(String(40), default="", server_default="")
    imported_by: Mapped[str] = mapped_column(String(100))
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)


class ListEntryRow(Base):
    """An entry as published in one list version."""

    __tablename__ = "screening_entries"
    __table_args__ = (UniqueConstraint("version_id", "entry_id"),)

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("screening_list_versions.id"), index=True)
    entry_id: Mapped[str] = mapped_column(String(200), index=True)
    primary_name: Mapped[str] = mapped_column(Text)
    entity_type: Mapped[str] = mapped_column(String(20))
    content_hash: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict]

    version: Mapped[ListVersion] = relationship()


class NameRow(Base):
    """Every searchable name of an entry (primary and aliases), in index order."""

    __tablename__ = "screening_names"
    # On PostgreSQL a pg_trgm GIN index for fuzzy look-ups (plain index elsewhere); see 0002_screening
    __table_args__ = (
        Index("ix_screening_names_search_trgm", "search_text", postgresql_using="gin",
              postgresql_ops={"search_text": "gin_trgm_ops"}),
    )

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("screening_list_versions.id"), index=True)
    entry_row_id: Mapped[int] = mapped_column(ForeignKey("screening_entries.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    search_text: Mapped[str] = mapped_column(Text)  # folded form; trigram-indexed on PostgreSQL
    kind: Mapped[str] = mapped_column(String(20))


class NameKey(Base):
    """Blocking key → name, for the database candidate backend (same keys as the embedded index)."""

    __tablename__ = "screening_name_keys"
    __table_args__ = (Index("ix_screening_name_keys_key_hash", "key_hash", "name_id"),)

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    key_hash: Mapped[int] = mapped_column(BigInteger)  # the 64-bit key hash, as a signed integer
    name_id: Mapped[int] = mapped_column(ForeignKey("screening_names.id"))
    version_id: Mapped[int] = mapped_column(ForeignKey("screening_list_versions.id"), index=True)


class ScreeningResult(Base):
    """A list entry that resembled a partner or one of its related parties, and what became of it.

    status: open (awaiting review), confirmed (→ partner event list_hit), dismissed (with a
    reason; not raised again while the entry is unchanged), withdrawn (entry left the list
    or no longer resembles the name).
    """

    __tablename__ = "screening_results"

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partners.id"), index=True)
    subject: Mapped[str] = mapped_column(String(40))  # partner, name_kana, name_en, parent, shareholder, officer
    subject_name: Mapped[str] = mapped_column(String(300))
    entry_row_id: Mapped[int] = mapped_column(ForeignKey("screening_entries.id"))
    source: Mapped[str] = mapped_column(String(80))
    entry_id: Mapped[str] = mapped_column(String(200), index=True)
    entry_content_hash: Mapped[str] = mapped_column(String(64))
    matched_name: Mapped[str] = mapped_column(Text)
    score: Mapped[float] = mapped_column(Float)
    outcome: Mapped[str] = mapped_column(String(20))  # match / possible
    explanation: Mapped[dict]
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("screening_runs.id"))
    reviewed_by: Mapped[str | None] = mapped_column(String(100))
    reviewed_at: Mapped[datetime | None]
    review_reason: Mapped[str] = mapped_column(Text, default="")
    event_id: Mapped[int | None] = mapped_column(ForeignKey("partner_events.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    partner = relationship("Partner")


class ScreeningRun(Base):
    """One pass over partners (by hand, or after a list import), with what changed."""

    __tablename__ = "screening_runs"

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    trigger: Mapped[str] = mapped_column(String(100))  # manual / list_version:<id>
    actor: Mapped[str] = mapped_column(String(100))
    partners: Mapped[int] = mapped_column(default=0)
    new_alerts: Mapped[int] = mapped_column(default=0)
    withdrawn: Mapped[int] = mapped_column(default=0)
    fingerprint: Mapped[str] = mapped_column(String(64), default="")
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
