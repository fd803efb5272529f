"""Reading a channel over a period: raw points for short spans, rollups for long ones.

The resolution is chosen so that a chart never needs more than about 1,500 values: 24 h at
1 Hz (86,400 points) is drawn from 1,440 one-minute rollups, a year from 8,760 hourly ones
thinned to the same budget.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from mamoru.errors import InvalidInput
from mamoru.services.telemetry.register import get_channel
from mamoru.services.uow import Context
from mamoru.store.models import Channel, Point, Rollup

MAX_SPAN = timedelta(days=3660)
BUDGET = 1500


@dataclass(frozen=True)
class Bucket:
    start: datetime
    vmin: float
    vmax: float
    avg: float
    count: int


@dataclass(frozen=True)
class Series:
    channel: Channel
    start: datetime
    end: datetime
    resolution: str  # raw, 60 or 3600 seconds
    buckets: list[Bucket]


def resolution_for(channel: Channel, span: timedelta) -> int:
    """0 (raw) when the raw points fit the budget, else the finest rollup that does."""
    if span.total_seconds() * channel.sampling_hz <= BUDGET:
        return 0
    return 60 if span.total_seconds() / 60 <= BUDGET else 3600


def chart_end(ctx: Context, channels: list[Channel], hours: int) -> datetime | None:
    """Where a chart of the last ``hours`` should end: None (now) unless every channel went quiet
    before the period began; then at the newest point, so an asset that stopped sending (or history
    imported from last year) is not charted as an empty "now"."""
    seen = [ch.last_ts for ch in channels if ch.last_ts is not None]
    if not seen:
        return None
    newest = max(seen)
    if newest.tzinfo is None:
        newest = newest.replace(tzinfo=timezone.utc)
    return newest if newest < ctx.now - timedelta(hours=hours) else None


def read(ctx: Context, asset: str, channel: str, start: datetime, end: datetime) -> Series:
    ctx.require("read")
    ch = get_channel(ctx, asset, channel)
    if start.tzinfo is None or end.tzinfo is None:
        raise InvalidInput("telemetry.naive_time")
    if end <= start or end - start > MAX_SPAN:
        raise InvalidInput("telemetry.bad_period", start=start.isoformat(), end=end.isoformat())
    period = resolution_for(ch, end - start)
    if period == 0:
        rows = ctx.session.execute(select(Point.ts, Point.value).where(
            Point.channel_id == ch.id, Point.ts >= start, Point.ts < end).order_by(Point.ts)).all()
        buckets = [Bucket(ts, v, v, v, 1) for ts, v in rows]
    else:
        rows = ctx.session.execute(select(Rollup.bucket, Rollup.vmin, Rollup.vmax, Rollup.vsum, Rollup.count).where(
            Rollup.channel_id == ch.id, Rollup.period_s == period, Rollup.bucket >= start, Rollup.bucket < end)
            .order_by(Rollup.bucket)).all()
        buckets = [Bucket(b, lo, hi, s / n, n) for b, lo, hi, s, n in rows if n]
        buckets = thin(buckets)
    return Series(ch, start, end, "raw" if period == 0 else str(period), buckets)


def thin(buckets: list[Bucket], budget: int = BUDGET) -> list[Bucket]:
    """Merge neighbours until at most ``budget`` remain (min of mins, max of maxes, weighted mean)."""
    if len(buckets) <= budget:
        return buckets
    step = -(-len(buckets) // budget)
    out = []
    for i in range(0, len(buckets), step):
        group = buckets[i:i + step]
        n = sum(b.count for b in group)
        out.append(Bucket(group[0].start, min(b.vmin for b in group), max(b.vmax for b in group),
                          sum(b.avg * b.count for b in group) / n, n))
    return out
