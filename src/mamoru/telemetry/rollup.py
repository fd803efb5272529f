"""Rollups: the buckets a point falls in, and a batch folded into per-bucket min/max/sum/count."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Iterable

PERIODS = (60, 3600)


def bucket(ts: datetime, period_s: int) -> datetime:
    epoch = int(ts.timestamp())
    return datetime.fromtimestamp(epoch - epoch % period_s, tz=timezone.utc)


def fold(points: Iterable[tuple[int, datetime, float]]) -> dict[tuple[int, int, datetime], list[float]]:
    """{(channel, period, bucket): [min, max, sum, count]} for a batch of (channel, ts, value)."""
    out: dict[tuple[int, int, int], list[float]] = {}
    for channel_id, ts, value in points:
        epoch = int(ts.timestamp())
        for period in PERIODS:
            key = (channel_id, period, epoch - epoch % period)
            agg = out.get(key)
            if agg is None:
                out[key] = [value, value, value, 1]
            else:
                if value < agg[0]:
                    agg[0] = value
                if value > agg[1]:
                    agg[1] = value
                agg[2] += value
                agg[3] += 1
    return {(cid, period, datetime.fromtimestamp(b, tz=timezone.utc)): agg for (cid, period, b), agg in out.items()}
