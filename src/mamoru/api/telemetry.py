"""Factory data over REST: assets, a channel's series, quality, the ledger; and the partner's own feed."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Optional

from fastapi import Depends, Header, Path, Query, Request

from mamoru.api.common import Auth, allowed, reading, router
from mamoru.services.access import Unauthenticated
from mamoru.services.telemetry import register, series, sharing
from mamoru.services.authz import Viewer
from mamoru.services.uow import unit_of_work

routes = router()
CODE = r"^[A-Za-z0-9_.\-]+$"


def Code():  # noqa: N802 - one Path per parameter (a shared instance would alias them)
    return Path(max_length=64, pattern=CODE)


@routes.get("/telemetry/assets", tags=["telemetry"], summary="Assets with live status and their visible channels")
def list_assets(request: Request, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        return {"items": [{"code": r["asset"].code, "name": r["asset"].name, "status": r["status"],
                           "open_alarms": r["open_alarms"], "hidden_channels": r["hidden"],
                           "channels": [{"code": ch.code, "unit": ch.unit, "low": ch.range_low, "high": ch.range_high,
                                         "sampling_hz": ch.sampling_hz, "status": s, "last_value": ch.last_value,
                                         "last_ts": ch.last_ts, "reveals": [e.code for e in ch.elements]}
                                        for ch, s in r["channels"]]} for r in register.list_assets(ctx)]}


@routes.get("/telemetry/assets/{asset}/channels/{channel}/series", tags=["telemetry"],
            summary="A channel over a period: raw points for short spans, 1-min or 1-h rollups for long ones")
def channel_series(request: Request, asset: str = Code(), channel: str = Code(), start: Optional[datetime] = None,
                   end: Optional[datetime] = None, auth: Auth = Depends(allowed("read"))):
    end = end or datetime.now(timezone.utc)
    start = start or end - timedelta(hours=24)
    with reading(request, auth) as ctx:
        s = series.read(ctx, asset, channel, start, end)
        return {"asset": asset, "channel": channel, "unit": s.channel.unit, "resolution": s.resolution,
                "items": [{"start": b.start, "min": b.vmin, "max": b.vmax, "avg": b.avg, "count": b.count}
                          for b in s.buckets]}


@routes.get("/telemetry/quality", tags=["telemetry"], summary="Data-quality findings, newest first")
def quality(request: Request, asset: Optional[str] = Query(None, max_length=64),
            auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        return {"items": [{"channel": f"{ch.asset.code}/{ch.code}", "kind": q.kind, "start": q.start_ts,
                           "end": q.end_ts, "points": q.points, "detail": q.detail}
                          for q, ch in register.quality(ctx, asset)]}


@routes.get("/telemetry/ledger", tags=["telemetry"], summary="What left for each partner, per day (data-use ledger)")
def ledger(request: Request, partner: Optional[str] = Query(None, max_length=64),
           auth: Auth = Depends(allowed("audit"))):
    with reading(request, auth) as ctx:
        return {"items": [{"day": r.day, "partner": r.partner.code, "agreement": r.agreement.code,
                           "channels": r.channels, "points": r.points, "deliveries": r.deliveries,
                           "sha256": r.sha256} for r in sharing.ledger(ctx, partner)]}


@routes.get("/feeds/{agreement}", tags=["feeds"],
            summary="The partner's feed under a data-use agreement (the partner's own feed token as Bearer)")
def feed(request: Request, agreement: str = Code(), since: Optional[datetime] = None,
         authorization: str = Header("", max_length=200)):
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Unauthenticated("auth.bad_token")
    # The partner is no user of ours: a viewer with no role and no technologies; the feed token and the
    # data-use agreement (checked by sharing.pull) are all it has.
    partner = Viewer(f"feed:{agreement}", "partner_feed", frozenset())
    with unit_of_work(request.app.state.engine, partner.username, policy=request.app.state.policy,
                      viewer=partner) as ctx:
        return sharing.pull(ctx, token.strip(), since, agreement=agreement)
