"""Factory data (設備・計測項目): assets, channels, time series, rollups, data quality, alarms.

Raw points are keyed by (channel, ts): the key drops duplicates from an at-least-once broker
and is the composite index that keeps a range query on one channel flat as data grows.
PostgreSQL adds a BRIN index on time (tiny, good for append-ordered data and retention).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, Float, ForeignKey, Index, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mamoru.store.base import Base, UTCDateTime, utcnow

channel_elements = Table(
    "telemetry_channel_elements",
    Base.metadata,
    Column("channel_id", ForeignKey("telemetry_channels.id"), primary_key=True),
    Column("element_id", ForeignKey("knowledge_elements.id"), primary_key=True),
)


class Asset(Base):
    """A machine (設備): a furnace, a pump. ``retention_days`` bounds how long raw points stay."""

    __tablename__ = "telemetry_assets"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    site: Mapped[str] = mapped_column(String(64))
    line: Mapped[str] = mapped_column(String(64))
    location: Mapped[str] = mapped_column(String(300), default="")
    retention_days: Mapped[int] = mapped_column(default=365)
    status: Mapped[str] = mapped_column(String(20), default="active")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    channels: Mapped[list[Channel]] = relationship(back_populates="asset", order_by="Channel.code")


class Channel(Base):
    """One sensor signal of an asset (計測項目), and what its data reveals (knowledge elements).

    ``last_*`` and ``same_count`` are the ingest's running state for the quality checks (gaps,
    stuck values), kept in the database so that they survive a restart of the consumer.
    """

    __tablename__ = "telemetry_channels"
    __table_args__ = (UniqueConstraint("asset_id", "code", name="uq_telemetry_channels_asset_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    asset_id: Mapped[int] = mapped_column(ForeignKey("telemetry_assets.id"), index=True)
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(300), default="")
    unit: Mapped[str] = mapped_column(String(20), default="")
    range_low: Mapped[float | None] = mapped_column(Float)
    range_high: Mapped[float | None] = mapped_column(Float)
    sampling_hz: Mapped[float] = mapped_column(Float, default=1.0)
    last_ts: Mapped[datetime | None]
    last_value: Mapped[float | None] = mapped_column(Float)
    same_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    asset: Mapped[Asset] = relationship(back_populates="channels")
    elements = relationship("KnowledgeElement", secondary=channel_elements, order_by="KnowledgeElement.code")


class Point(Base):
    """A raw measurement; ``quality`` is ``good`` or the first quality flag it carries."""

    __tablename__ = "telemetry_points"
    __table_args__ = (Index("ix_telemetry_points_ts_brin", "ts", postgresql_using="brin"),)

    channel_id: Mapped[int] = mapped_column(ForeignKey("telemetry_channels.id"), primary_key=True)
    ts: Mapped[datetime] = mapped_column(UTCDateTime(), primary_key=True)
    value: Mapped[float] = mapped_column(Float)
    quality: Mapped[str] = mapped_column(String(20), default="good")


class Rollup(Base):
    """min/max/sum/count of a channel per bucket of ``period_s`` seconds (60 and 3600), kept on ingest."""

    __tablename__ = "telemetry_rollups"

    channel_id: Mapped[int] = mapped_column(ForeignKey("telemetry_channels.id"), primary_key=True)
    period_s: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    bucket: Mapped[datetime] = mapped_column(UTCDateTime(), primary_key=True)
    vmin: Mapped[float] = mapped_column(Float)
    vmax: Mapped[float] = mapped_column(Float)
    vsum: Mapped[float] = mapped_column(Float)
    count: Mapped[int] = mapped_column(BigInteger)


class QualityRecord(Base):
    """A data-quality finding (gap, stuck value, out of range, clock skew) over a span of time."""

    __tablename__ = "telemetry_quality"
    __table_args__ = (Index("ix_telemetry_quality_channel_start", "channel_id", "start_ts"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel_id: Mapped[int] = mapped_column(ForeignKey("telemetry_channels.id"))
    kind: Mapped[str] = mapped_column(String(20))
    start_ts: Mapped[datetime]
    end_ts: Mapped[datetime]
    points: Mapped[int] = mapped_column(default=0)
    detail: Mapped[dict] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class QuarantinedMessage(Base):
    """A message that could not be stored (not JSON, wrong types, NaN, unknown asset), kept for inspection."""

    __tablename__ = "telemetry_quarantine"

    id: Mapped[int] = mapped_column(primary_key=True)
    topic: Mapped[str] = mapped_column(String(500))
    payload: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(String(40), index=True)
    detail: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[datetime] = mapped_column(default=utcnow)


class AnomalyModel(Base):
    """A per-asset anomaly model fitted on a normal window; the newest active one scores the stream."""

    __tablename__ = "telemetry_models"

    id: Mapped[int] = mapped_column(primary_key=True)
    asset_id: Mapped[int] = mapped_column(ForeignKey("telemetry_assets.id"), index=True)
    channels: Mapped[list]
    model: Mapped[dict]
    threshold: Mapped[float] = mapped_column(Float)
    window_start: Mapped[datetime]
    window_end: Mapped[datetime]
    rows: Mapped[int]
    fitted_by: Mapped[str] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AssetEvent(Base):
    """Something that happened to an asset (an anomaly alarm); partner-less, it creates obligations."""

    __tablename__ = "asset_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    asset_id: Mapped[int] = mapped_column(ForeignKey("telemetry_assets.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    occurred_at: Mapped[datetime]
    score: Mapped[float | None] = mapped_column(Float)
    detail: Mapped[dict] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    recorded_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    asset: Mapped[Asset] = relationship()
