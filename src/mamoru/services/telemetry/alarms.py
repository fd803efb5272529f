"""Predictive maintenance: fit a per-asset anomaly model on a normal window, score the stream, raise alarms.

An alarm is a partner-less asset event (設備イベント) with two obligations: inspect (due the
next day) and repair (due within a week). While an alarm is open the asset raises no second
one; resolving it (with what was found) re-arms the watch.

The model is ``mamoru.telemetry.anomaly`` (fit → Model with score/threshold/to_dict; a Detector
per asset for streaming). A stream row is the model's channels at one timestamp; the gateway
publishes an asset's channels together, so a row is complete within one batch.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import numpy as np
from sqlalchemy import select

from mamoru.errors import Conflict, InvalidInput, NotFound
from mamoru.services import obligations
from mamoru.services.telemetry.register import get_asset, get_channel
from mamoru.services.uow import Context
from mamoru.store.models import AnomalyModel, Asset, AssetEvent, Channel, Obligation, Point

INSPECT_DAYS, REPAIR_DAYS = 1, 7
MIN_ROWS = 30


def _anomaly():
    from mamoru.telemetry import anomaly

    return anomaly


def rows_between(ctx: Context, channel_ids: list[int], start: datetime, end: datetime) -> tuple[list[datetime], np.ndarray]:
    """Aligned rows: timestamps where every channel has a point, in time order."""
    data: dict[datetime, dict[int, float]] = {}
    for cid, ts, value in ctx.session.execute(
            select(Point.channel_id, Point.ts, Point.value)
            .where(Point.channel_id.in_(channel_ids), Point.ts >= start, Point.ts < end)):
        data.setdefault(ts, {})[cid] = value
    stamps = sorted(ts for ts, row in data.items() if len(row) == len(channel_ids))
    return stamps, np.array([[data[ts][cid] for cid in channel_ids] for ts in stamps], dtype=float)


def fit(ctx: Context, asset: str, start: datetime, end: datetime, channels: list[str] | None = None) -> AnomalyModel:
    """Fit on a window the operator vouches is normal; earlier models of the asset are retired."""
    ctx.require("register_technology")
    owner = get_asset(ctx, asset)
    chosen = [get_channel(ctx, asset, code) for code in channels] if channels else list(owner.channels)
    if not chosen:
        raise InvalidInput("telemetry.no_channels", asset=asset)
    stamps, X = rows_between(ctx, [ch.id for ch in chosen], start, end)
    if len(stamps) < MIN_ROWS:
        raise InvalidInput("telemetry.too_few_rows", asset=asset, rows=len(stamps), needed=MIN_ROWS)
    model = _anomaly().fit(X, [ch.code for ch in chosen])
    for old in ctx.session.execute(select(AnomalyModel).where(AnomalyModel.asset_id == owner.id,
                                                              AnomalyModel.active.is_(True))).scalars():
        old.active = False
    row = AnomalyModel(asset_id=owner.id, channels=[ch.code for ch in chosen], model=model.to_dict(),
                       threshold=float(model.threshold), window_start=start, window_end=end, rows=len(stamps),
                       fitted_by=ctx.actor, created_at=ctx.now)
    ctx.session.add(row)
    ctx.session.flush()
    ctx.audit("anomaly_model.fit", "asset", owner.code, None,
              {"model": row.id, "channels": row.channels, "rows": row.rows, "threshold": row.threshold,
               "window": [start.isoformat(), end.isoformat()]})
    return row


def raise_alarm(ctx: Context, asset: Asset, at: datetime, score: float, detail: dict[str, Any]) -> AssetEvent | None:
    """Record an alarm and its obligations, unless the asset already has an open one."""
    if ctx.session.execute(select(AssetEvent.id).where(AssetEvent.asset_id == asset.id,
                                                       AssetEvent.status == "open")).first():
        return None
    event = AssetEvent(asset_id=asset.id, kind="anomaly_alarm", occurred_at=at, score=float(score), detail=detail,
                       recorded_by=ctx.actor, created_at=ctx.now)
    ctx.session.add(event)
    ctx.session.flush()
    ctx.audit("asset_event.record", "asset", asset.code, None,
              {"event": event.id, "kind": event.kind, "at": at.isoformat(), "score": float(score), **detail})
    for kind, days in (("inspect", INSPECT_DAYS), ("repair", REPAIR_DAYS)):
        obligations.create(ctx, kind, "asset_event", event.id, ctx.today + timedelta(days=days), None,
                           detail={"asset": asset.code, "event": event.id, "at": at.isoformat()})
    return event


def resolve(ctx: Context, event_id: Any, resolution: str) -> AssetEvent:
    ctx.require("operate")
    try:
        event = ctx.session.get(AssetEvent, int(event_id))
    except (TypeError, ValueError):
        event = None
    if event is None:
        raise NotFound("notfound.asset_event", id=event_id)
    if event.status != "open":
        raise Conflict("telemetry.event_closed", id=event.id)
    if not isinstance(resolution, str) or not resolution.strip():
        raise InvalidInput("input.evidence_required", id=event.id)
    event.status = "resolved"
    event.detail = {**event.detail, "resolution": resolution.strip()[:2000], "resolved_by": ctx.actor}
    ctx.session.flush()
    ctx.audit("asset_event.resolve", "asset", event.asset.code, {"status": "open"},
              {"event": event.id, "status": "resolved", "resolution": resolution.strip()[:2000]})
    return event


def open_alarms(ctx: Context) -> list[tuple[AssetEvent, list[Obligation]]]:
    """Open alarms and their open obligations, for the dashboard."""
    events = ctx.session.execute(select(AssetEvent).where(AssetEvent.status == "open")
                                 .order_by(AssetEvent.occurred_at.desc())).scalars().all()
    obs = ctx.session.execute(select(Obligation).where(Obligation.source == "asset_event",
                                                       Obligation.source_id.in_([e.id for e in events] or [0]))
                              ).scalars().all()
    return [(e, [o for o in obs if o.source_id == e.id]) for e in events]


class Watch:
    """The consumer's streaming detectors, one per asset with an active model (reloaded every minute)."""

    RELOAD_S = 60.0

    def __init__(self) -> None:
        self.loaded_at: float | None = None
        self.detectors: dict[int, tuple[int, dict[int, int], Any, Asset]] = {}  # channel_id -> column

    def _load(self, ctx: Context) -> None:
        import time

        if self.loaded_at is not None and time.monotonic() - self.loaded_at < self.RELOAD_S:
            return
        self.loaded_at = time.monotonic()
        models = ctx.session.execute(select(AnomalyModel).where(AnomalyModel.active.is_(True))).scalars().all()
        if not models:
            self.detectors = {}
            return
        anomaly = _anomaly()
        fresh: dict[int, tuple[int, dict[int, int], Any, Asset]] = {}
        for m in models:
            kept = self.detectors.get(m.asset_id)
            if kept and kept[0] == m.id:
                fresh[m.asset_id] = kept
                continue
            ids = dict(ctx.session.execute(select(Channel.code, Channel.id).where(Channel.asset_id == m.asset_id)).all())
            if not all(code in ids for code in m.channels):
                continue
            asset = ctx.session.get(Asset, m.asset_id)
            columns = {ids[code]: i for i, code in enumerate(m.channels)}
            fresh[m.asset_id] = (m.id, columns, anomaly.Detector(anomaly.Model.from_dict(m.model)), asset)
        self.detectors = fresh

    def evaluate(self, ctx: Context, points: list[tuple[int, datetime, float]]) -> int:
        """Score complete rows among freshly stored points; returns how many alarms were raised."""
        if not points:
            return 0
        self._load(ctx)
        if not self.detectors:
            return 0
        raised = 0
        for _asset_id, (model_id, columns, detector, asset) in self.detectors.items():
            rows: dict[datetime, list[float | None]] = {}
            for cid, ts, value in points:
                col = columns.get(cid)
                if col is not None:
                    rows.setdefault(ts, [None] * len(columns))[col] = value
            for ts in sorted(rows):
                row = rows[ts]
                if any(v is None for v in row):
                    continue
                score, alarm = detector.update(np.array(row, dtype=float))
                if alarm and raise_alarm(ctx, ctx.session.merge(asset), ts, float(score), {"model": model_id}):
                    raised += 1
        return raised
