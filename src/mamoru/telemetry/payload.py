"""The topic and payload convention, parsed strictly: a bad message is a ``Rejected``, never an exception.

Topic: ``<prefix>/<site>/<line>/<asset>/<channel>`` (prefix ``mamoru`` by default), or
``<prefix>/<site>/<line>/<asset>`` for a batch that names each point's channel.
Payload (UTF-8 JSON), one point::

    {"ts": "2026-04-01T01:00:00.000Z", "value": 41.7, "unit": "°C", "quality": "good"}

or a batch::

    {"points": [{"ts": ..., "value": ..., "channel": "temp"}, ...]}

``ts`` is ISO 8601 with a zone, or epoch seconds/milliseconds as a number. ``unit`` and
``quality`` are optional; a ``quality`` other than ``good`` from the gateway is kept.
"""

from __future__ import annotations

import json
import math
from typing import NamedTuple
from datetime import datetime, timezone

MAX_BATCH = 10_000


class Reading(NamedTuple):
    """One measurement as it arrived: which asset and channel, when, what (a tuple: cheap at 20,000/s)."""

    asset: str
    channel: str
    ts: datetime
    value: float
    unit: str = ""
    quality: str = "good"


class Rejected(NamedTuple):
    """A message (or one point of a batch) that cannot be stored, with a reason code."""

    reason: str
    detail: str = ""


def topic_for(prefix: str, site: str, line: str, asset: str, channel: str | None = None) -> str:
    parts = [prefix, site, line, asset] + ([channel] if channel else [])
    return "/".join(parts)


def parse_ts(raw) -> datetime | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, (int, float)):
        if not math.isfinite(raw):
            return None
        seconds = raw / 1000.0 if raw > 1e11 else float(raw)
        try:
            return datetime.fromtimestamp(seconds, tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(raw, str):
        try:
            ts = datetime.fromisoformat(raw.strip())  # Python 3.11 reads "Z" and fractional seconds
        except ValueError:
            return None
        if ts.tzinfo is None:
            return None
        return ts.astimezone(timezone.utc)
    return None


def _point(asset: str, channel: str | None, raw) -> Reading | Rejected:
    if not isinstance(raw, dict):
        return Rejected("telemetry.bad_shape", "a point must be a JSON object")
    channel = raw.get("channel", channel)
    if not isinstance(channel, str) or not channel or "/" in channel:
        return Rejected("telemetry.no_channel", f"channel={channel!r}")
    ts = parse_ts(raw.get("ts", raw.get("timestamp")))
    if ts is None:
        return Rejected("telemetry.bad_timestamp", f"ts={raw.get('ts', raw.get('timestamp'))!r}")
    value = raw.get("value")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return Rejected("telemetry.bad_value", f"value={value!r}")
    value = float(value)
    if not math.isfinite(value):
        return Rejected("telemetry.not_finite", f"value={value!r}")
    unit, quality = raw.get("unit", ""), raw.get("quality", "good")
    if not isinstance(unit, str) or not isinstance(quality, str):
        return Rejected("telemetry.bad_shape", "unit and quality must be text")
    return Reading(asset, channel, ts, value, unit[:20], (quality or "good")[:20])


def parse(topic: str, payload: bytes, prefix: str = "mamoru") -> list[Reading | Rejected]:
    """Every point of a message, each a ``Reading`` or a ``Rejected`` (a batch may mix both)."""
    parts = topic.split("/")
    if len(parts) not in (4, 5) or parts[0] != prefix or not all(parts):
        return [Rejected("telemetry.bad_topic", topic)]
    asset, channel = parts[3], (parts[4] if len(parts) == 5 else None)
    try:
        body = json.loads(payload.decode("utf-8"), parse_constant=lambda name: float("nan"))
    except (UnicodeDecodeError, ValueError) as exc:
        return [Rejected("telemetry.not_json", str(exc)[:200])]
    if isinstance(body, dict) and "points" in body:
        points = body["points"]
        if not isinstance(points, list) or not points:
            return [Rejected("telemetry.bad_shape", "points must be a non-empty list")]
        if len(points) > MAX_BATCH:
            return [Rejected("telemetry.batch_too_large", f"{len(points)} > {MAX_BATCH}")]
        return [_point(asset, channel, p) for p in points]
    if channel is None:
        return [Rejected("telemetry.no_channel", "single point on an asset topic")]
    return [_point(asset, channel, body)]


def encode(points: list[dict]) -> bytes:
    """A batch payload (what a gateway or the demo publishes)."""
    return json.dumps({"points": points}, separators=(",", ":")).encode()
