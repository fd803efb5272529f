"""Assets and channels (設備・計測項目): register them, say what each channel reveals, list with need-to-know.

A channel reveals knowledge elements (a furnace temperature curve reveals the firing profile).
A staff member sees a channel only if every element it reveals belongs to a technology they
are assigned; roles that see every technology see every channel.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any, Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from mamoru.errors import Conflict, InvalidInput, NotFound
from mamoru.services import common as c
from mamoru.services.uow import Context
from mamoru.store.models import Asset, AssetEvent, Channel, KnowledgeElement, QualityRecord, QuarantinedMessage

SEGMENT = r"^[A-Za-z0-9_.\-]+$"


def _segment(field: str, value: Any) -> str:
    """Codes that become MQTT topic levels: no '/', '+', '#' or spaces."""
    import re

    text = c.require_text(field, value, 64)
    if not re.match(SEGMENT, text):
        raise InvalidInput("telemetry.bad_code", field=field, value=text)
    return text


def _number(field: str, value: Any, required: bool = False) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InvalidInput("input.required", field=field)
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InvalidInput("telemetry.bad_number", field=field, value=value) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise InvalidInput("telemetry.bad_number", field=field, value=value)
    return number


def add_asset(ctx: Context, code: str, name: str, site: str, line: str, location: str = "",
              retention_days: Any = 365) -> Asset:
    ctx.require("register_technology")
    code = _segment("code", code)
    if ctx.session.execute(select(Asset.id).where(Asset.code == code)).first():
        raise Conflict("conflict.duplicate_code", kind="asset", code=code)
    days = _number("retention_days", retention_days, required=True)
    if days < 1 or days != int(days):
        raise InvalidInput("telemetry.bad_retention", value=retention_days)
    asset = Asset(code=code, name=c.require_text("name", name), site=_segment("site", site),
                  line=_segment("line", line), location=c.require_text("location", location, allow_empty=True),
                  retention_days=int(days))
    ctx.session.add(asset)
    ctx.session.flush()
    ctx.audit("asset.create", "asset", code, None, c.snapshot(asset))
    return asset


def get_asset(ctx: Context, code: str) -> Asset:
    asset = ctx.session.execute(select(Asset).where(Asset.code == (code or "").strip())).scalar_one_or_none()
    if asset is None:
        raise NotFound("notfound.asset", code=code)
    return asset


def add_channel(ctx: Context, asset: str, code: str, name: str = "", unit: str = "", low: Any = None,
                high: Any = None, sampling_hz: Any = 1.0, reveals: Iterable[str] = ()) -> Channel:
    """A channel and the elements its data reveals (codes of knowledge elements)."""
    ctx.require("register_technology")
    owner = get_asset(ctx, asset)
    code = _segment("code", code)
    if any(ch.code == code for ch in owner.channels):
        raise Conflict("conflict.duplicate_code", kind="channel", code=f"{owner.code}/{code}")
    lo, hi = _number("low", low), _number("high", high)
    if lo is not None and hi is not None and lo > hi:
        raise InvalidInput("telemetry.range_reversed", low=lo, high=hi)
    hz = _number("sampling_hz", sampling_hz, required=True)
    if hz <= 0:
        raise InvalidInput("telemetry.bad_number", field="sampling_hz", value=sampling_hz)
    elements = [c.by_code(ctx, KnowledgeElement, e) for e in dict.fromkeys(reveals)]
    channel = Channel(asset_id=owner.id, code=code, name=c.require_text("name", name, allow_empty=True),
                      unit=c.require_text("unit", unit, 20, allow_empty=True), range_low=lo, range_high=hi,
                      sampling_hz=hz, elements=elements)
    ctx.session.add(channel)
    ctx.session.flush()
    ctx.audit("channel.create", "channel", f"{owner.code}/{code}", None,
              {**c.snapshot(channel), "reveals": [e.code for e in elements]})
    return channel


def set_range(ctx: Context, asset: str, channel: str, low: Any, high: Any) -> Channel:
    """Change a channel's normal range (its thresholds)."""
    ctx.require("register_technology")
    ch = get_channel(ctx, asset, channel)
    lo, hi = _number("low", low), _number("high", high)
    if lo is not None and hi is not None and lo > hi:
        raise InvalidInput("telemetry.range_reversed", low=lo, high=hi)
    before = {"low": ch.range_low, "high": ch.range_high}
    ch.range_low, ch.range_high = lo, hi
    ctx.session.flush()
    ctx.audit("channel.set_range", "channel", f"{asset}/{channel}", before, {"low": lo, "high": hi})
    return ch


def visible(ctx: Context, channel: Channel) -> bool:
    return all(ctx.viewer.sees_element(e) for e in channel.elements)


def get_channel(ctx: Context, asset: str, channel: str) -> Channel:
    """One channel, or NotFound when it does not exist or the viewer may not see it (need-to-know)."""
    row = ctx.session.execute(
        select(Channel).join(Asset).where(Asset.code == asset, Channel.code == channel)
        .options(selectinload(Channel.elements))
    ).scalar_one_or_none()
    if row is None or not visible(ctx, row):
        raise NotFound("notfound.channel", code=f"{asset}/{channel}")
    return row


def status_of(ctx: Context, channel: Channel) -> str:
    """live (data within 3 sampling periods + 30 s), stale, or no_data."""
    if channel.last_ts is None:
        return "no_data"
    limit = timedelta(seconds=3.0 / max(channel.sampling_hz, 1e-6) + 30)
    return "live" if ctx.now - channel.last_ts <= limit else "stale"


def list_assets(ctx: Context) -> list[dict[str, Any]]:
    """Every asset with its visible channels, live status and open alarms (one query each)."""
    ctx.require("read")
    assets = ctx.session.execute(
        select(Asset).options(selectinload(Asset.channels).selectinload(Channel.elements)).order_by(Asset.code)
    ).scalars().all()
    alarms = dict(ctx.session.execute(
        select(AssetEvent.asset_id, func.count()).where(AssetEvent.status == "open").group_by(AssetEvent.asset_id)
    ).all())
    rows = []
    for asset in assets:
        channels = [ch for ch in asset.channels if visible(ctx, ch)]
        states = [status_of(ctx, ch) for ch in channels]
        status = "alarm" if alarms.get(asset.id) else ("live" if "live" in states else
                                                       ("stale" if "stale" in states else "no_data"))
        rows.append({"asset": asset, "channels": [(ch, s) for ch, s in zip(channels, states)], "status": status,
                     "open_alarms": alarms.get(asset.id, 0), "hidden": len(asset.channels) - len(channels)})
    return rows


def quality(ctx: Context, asset: str | None = None, limit: int = 200) -> list[tuple[QualityRecord, Channel]]:
    """Data-quality findings, newest first, on channels the viewer may see."""
    ctx.require("read")
    query = (select(QualityRecord, Channel).join(Channel, QualityRecord.channel_id == Channel.id)
             .options(selectinload(Channel.elements), selectinload(Channel.asset))
             .order_by(QualityRecord.start_ts.desc(), QualityRecord.id.desc()).limit(limit))
    if asset:
        query = query.join(Asset, Channel.asset_id == Asset.id).where(Asset.code == asset)
    return [(q, ch) for q, ch in ctx.session.execute(query).all() if visible(ctx, ch)]


def quarantine(ctx: Context, limit: int = 200) -> tuple[dict[str, int], list[QuarantinedMessage]]:
    """Counts by reason and the newest quarantined messages (payloads may name any asset: operators only)."""
    ctx.require("import")
    counts = dict(ctx.session.execute(
        select(QuarantinedMessage.reason, func.count()).group_by(QuarantinedMessage.reason)).all())
    rows = ctx.session.execute(select(QuarantinedMessage).order_by(QuarantinedMessage.id.desc()).limit(limit)).scalars()
    return counts, list(rows)
