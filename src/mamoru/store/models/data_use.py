"""Data-use agreements (データ利用契約): which channels a partner receives, at what level, and the ledger.

The agreement itself is an ``Agreement`` of kind ``data_use`` (period, clauses, partner); these
tables add its terms (purpose, retention, suspension), the level per channel, the partner's
feed tokens, and one ledger record per partner, agreement and day of what left.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mamoru.store.base import Base, utcnow


class DataUseTerms(Base):
    __tablename__ = "data_use_terms"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"), unique=True)
    purpose: Mapped[str] = mapped_column(String(40))
    purpose_text: Mapped[str] = mapped_column(Text, default="")
    retention_days: Mapped[int]
    topic_prefix: Mapped[str] = mapped_column(String(200), default="")
    suspended: Mapped[bool] = mapped_column(default=False)
    bridge_cursor: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    agreement = relationship("Agreement")
    channels: Mapped[list[DataUseChannel]] = relationship(back_populates="terms", order_by="DataUseChannel.id")


class DataUseChannel(Base):
    """The level agreed for one channel: raw, aggregated to ``minutes``, health only, or withheld."""

    __tablename__ = "data_use_channels"
    __table_args__ = (UniqueConstraint("terms_id", "channel_id", name="uq_data_use_channels_terms_channel"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    terms_id: Mapped[int] = mapped_column(ForeignKey("data_use_terms.id"), index=True)
    channel_id: Mapped[int] = mapped_column(ForeignKey("telemetry_channels.id"))
    requested: Mapped[str] = mapped_column(String(20))
    level: Mapped[str] = mapped_column(String(20))
    minutes: Mapped[int] = mapped_column(default=0)
    reasons: Mapped[list] = mapped_column(default=list)

    terms: Mapped[DataUseTerms] = relationship(back_populates="channels")
    channel = relationship("Channel")


class FeedToken(Base):
    """A partner's own token for pulling its feed; only the SHA-256 is stored."""

    __tablename__ = "data_use_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    terms_id: Mapped[int] = mapped_column(ForeignKey("data_use_terms.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]


class ShareLedger(Base):
    """What left for one partner under one agreement on one day: channels, levels, points, SHA-256.

    ``sha256`` chains the digest of every delivery that day (sha256(previous + delivery)), so
    the record proves exactly which bytes were sent, in order.
    """

    __tablename__ = "data_share_ledger"
    __table_args__ = (UniqueConstraint("agreement_id", "day", name="uq_data_share_ledger_agreement_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"))
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"), index=True)
    day: Mapped[date]
    channels: Mapped[dict] = mapped_column(default=dict)
    points: Mapped[int] = mapped_column(default=0)
    deliveries: Mapped[int] = mapped_column(default=0)
    sha256: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    agreement = relationship("Agreement")
    partner = relationship("Partner")
