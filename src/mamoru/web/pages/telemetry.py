"""Factory-data pages: assets with live status, a channel's chart (server-side SVG), quality, alarms, ledger."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from mamoru.i18n import label, local_time
from mamoru.services.telemetry import alarms, register, series, sharing
from mamoru.telemetry.chart import svg
from mamoru.web.auth import allowed
from mamoru.web.context import Auth, lang_of, reading, render

router = APIRouter(include_in_schema=False)
TZ = ZoneInfo("Asia/Tokyo")
Hours = Query(24, ge=1, le=24 * 3660)


@router.get("/telemetry")
def assets(request: Request, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:  # rendered inside: the rows are live ORM objects
        return render(request, "telemetry/assets.html", auth, rows=register.list_assets(ctx))


@router.get("/telemetry/assets/{code}")
def asset(request: Request, code: str, hours: int = Hours, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        row = next((r for r in register.list_assets(ctx) if r["asset"].code == code), None)
        if row is None:
            register.get_asset(ctx, code)
        quality = register.quality(ctx, code, 50)
        end = series.chart_end(ctx, [ch for ch, _ in row["channels"]], hours) if row else None
        return render(request, "telemetry/asset.html", auth, asset=row["asset"], row=row, hours=hours,
                      quality=quality, tz=TZ, end=end.isoformat() if end else "")


@router.get("/telemetry/chart/{asset}/{channel}.svg")
def chart(request: Request, asset: str, channel: str, hours: int = Hours, end: datetime | None = None,
          auth: Auth = Depends(allowed("read"))):
    stop = (end or datetime.now(timezone.utc))
    stop = stop if stop.tzinfo else stop.replace(tzinfo=timezone.utc)
    with reading(request, auth) as ctx:
        s = series.read(ctx, asset, channel, stop - timedelta(hours=hours), stop)
        body = svg(s.buckets, s.start, s.end, s.channel.range_low, s.channel.range_high, s.channel.unit,
                   f"{asset}/{channel}")
    return Response(body, media_type="image/svg+xml", headers={"Cache-Control": "no-store"})


@router.get("/telemetry/alarms")
def alarm_fragment(request: Request, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        return render(request, "telemetry/_alarms.html", auth, alarms=alarms.open_alarms(ctx), tz=TZ)


@router.get("/telemetry/quality")
def quality(request: Request, auth: Auth = Depends(allowed("read"))):
    lang = lang_of(request)
    with reading(request, auth) as ctx:
        rows = [(f"{ch.asset.code}/{ch.code}", label("quality", q.kind, lang),
                 local_time(q.start_ts), local_time(q.end_ts), q.points)
                for q, ch in register.quality(ctx)]
    from mamoru.i18n import t

    return render(request, "telemetry/table.html", auth, title=t("telemetry.quality", lang), rows=rows,
                  headers=[t(k, lang) for k in ("telemetry.channels", "telemetry.kind", "telemetry.from",
                                                "telemetry.to", "telemetry.points")])


@router.get("/telemetry/ledger")
def ledger(request: Request, auth: Auth = Depends(allowed("audit"))):
    from mamoru.i18n import t

    lang = lang_of(request)
    with reading(request, auth) as ctx:
        rows = [(r.day, r.partner.code, r.agreement.code,
                 ", ".join(f"{k}: {label('share_level', v['level'], lang)} {v['points']}" for k, v in r.channels.items()),
                 r.points, r.sha256[:16]) for r in sharing.ledger(ctx)]
    return render(request, "telemetry/table.html", auth, title=t("telemetry.ledger", lang), rows=rows,
                  headers=[t(k, lang) for k in ("telemetry.day", "telemetry.partner", "telemetry.agreement",
                                                "telemetry.channels", "telemetry.points")] + ["SHA-256"])
