"""Factory-data commands: register assets and channels, run the consumer, import history, share, ledger."""

from __future__ import annotations

import os
import signal
import threading
from datetime import datetime
from pathlib import Path
from typing import List, Optional

import typer

from mamoru.cli.render import rows_table
from mamoru.cli.state import STATE

app = typer.Typer(help="Factory data: MQTT acquisition, alarms, data-use shares / 設備データ", no_args_is_help=True)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="telemetry")


def _mqtt_url(url: Optional[str]) -> str:
    return url or os.environ.get("MAMORU_MQTT_URL", "mqtt://127.0.0.1:1883")


@app.command("add-asset")
def add_asset(code: str, name: str, site: str, line: str, location: str = "", retention_days: int = 365) -> None:
    from mamoru.services.telemetry import register as reg

    with STATE.act() as ctx:
        asset = reg.add_asset(ctx, code, name, site, line, location, retention_days)
        STATE.emit({"asset": asset.code}, text=f"asset {asset.code}")


@app.command("add-channel")
def add_channel(asset: str, code: str, name: str = "", unit: str = "", low: Optional[float] = None,
                high: Optional[float] = None, hz: float = 1.0,
                reveals: List[str] = typer.Option([], "--reveals", help="knowledge element codes")) -> None:
    from mamoru.services.telemetry import register as reg

    with STATE.act() as ctx:
        ch = reg.add_channel(ctx, asset, code, name, unit, low, high, hz, reveals)
        STATE.emit({"channel": f"{asset}/{ch.code}"}, text=f"channel {asset}/{ch.code}")


@app.command("assets")
def assets() -> None:
    from mamoru.services.telemetry import register as reg

    with STATE.read() as ctx:
        rows = reg.list_assets(ctx)
        data = [{"asset": r["asset"].code, "status": r["status"], "alarms": r["open_alarms"],
                 "channels": {ch.code: {"status": s, "last": ch.last_value} for ch, s in r["channels"]}}
                for r in rows]
    STATE.emit(data, rows_table("assets", ["asset", "status", "alarms", "channels"],
                                [(d["asset"], d["status"], d["alarms"], ", ".join(d["channels"])) for d in data]))


@app.command("consume")
def consume(url: Optional[str] = typer.Option(None, help="broker, e.g. mqtt://127.0.0.1:1883 (MAMORU_MQTT_URL)"),
            client_id: str = "mamoru-consumer", prefix: str = "mamoru", batch: int = 2000,
            idle_exit: Optional[float] = typer.Option(None, help="stop after this many idle seconds")) -> None:
    """Consume the broker into the database until interrupted (store, then acknowledge)."""
    from mamoru.telemetry.consumer import Consumer

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    consumer = Consumer(STATE.engine(), _mqtt_url(url), client_id=client_id, prefix=prefix, batch_size=batch)
    try:
        totals = consumer.run(stop, idle_exit=idle_exit)
    except KeyboardInterrupt:
        totals = consumer.totals
    STATE.emit(totals.__dict__, text=f"messages {totals.messages}, stored {totals.stored}, duplicates "
                                     f"{totals.duplicates}, quarantined {totals.quarantined}, alarms {totals.alarms}")


@app.command("import-csv")
def import_csv(asset: str, path: Path, tz: str = "UTC",
               map: List[str] = typer.Option([], "--map", help="COLUMN=channel")) -> None:
    """Import history from a CSV (SKAB layout: ';'-separated, 'datetime' first). All or nothing."""
    from mamoru.services.telemetry import history

    columns = dict(m.split("=", 1) for m in map) if map else None
    with STATE.act() as ctx:
        out = history.import_csv(ctx, asset, path.read_text(encoding="utf-8"), path.name, columns, tz)
    STATE.emit({"stored": out.stored, "duplicates": out.duplicates, "findings": out.findings},
               text=f"stored {out.stored}, duplicates {out.duplicates}, quality findings {out.findings}")


@app.command("fit")
def fit(asset: str, start: datetime, end: datetime, channel: List[str] = typer.Option([], "--channel")) -> None:
    """Fit the asset's anomaly model on a window you vouch is normal (times in UTC)."""
    from datetime import timezone

    from mamoru.services.telemetry import alarms

    with STATE.act() as ctx:
        m = alarms.fit(ctx, asset, start.replace(tzinfo=start.tzinfo or timezone.utc),
                       end.replace(tzinfo=end.tzinfo or timezone.utc), channel or None)
        STATE.emit({"model": m.id, "rows": m.rows, "threshold": m.threshold},
                   text=f"model {m.id}: {m.rows} rows, threshold {m.threshold:.4g}")


@app.command("quality")
def quality(asset: Optional[str] = None, limit: int = 50) -> None:
    from mamoru.services.telemetry import register as reg

    with STATE.read() as ctx:
        data = [{"channel": f"{ch.asset.code}/{ch.code}", "kind": q.kind, "from": q.start_ts, "to": q.end_ts,
                 "points": q.points} for q, ch in reg.quality(ctx, asset, limit)]
    STATE.emit(data, rows_table("quality", ["channel", "kind", "from", "to", "points"],
                                [tuple(d.values()) for d in data]))


@app.command("quarantine")
def quarantine(limit: int = 20) -> None:
    from mamoru.services.telemetry import register as reg

    with STATE.read() as ctx:
        counts, rows = reg.quarantine(ctx, limit)
        data = {"counts": counts, "messages": [{"id": r.id, "topic": r.topic, "reason": r.reason,
                                                "payload": r.payload[:200]} for r in rows]}
    STATE.emit(data, rows_table("quarantine", ["id", "topic", "reason", "payload"],
                                [tuple(m.values()) for m in data["messages"]]))


share_app = typer.Typer(help="Data-use agreements: terms, channels, tokens, bridge / データ利用契約", no_args_is_help=True)
app.add_typer(share_app, name="share")


@share_app.command("terms")
def share_terms(agreement: str, purpose: str, retention_days: int, topic_prefix: str = "") -> None:
    from mamoru.services.telemetry import sharing

    with STATE.act() as ctx:
        sharing.set_terms(ctx, agreement, purpose, retention_days, topic_prefix)
        STATE.emit(sharing.describe(ctx, agreement))


@share_app.command("channel")
def share_channel(agreement: str, asset: str, channel: str, level: str, minutes: int = 0) -> None:
    """Ask for a channel at a level (raw, aggregated, health, withheld); the gate answers with reasons."""
    from mamoru.services.telemetry import sharing

    with STATE.act() as ctx:
        d = sharing.request_channel(ctx, agreement, asset, channel, level, minutes)
    data = {"level": d.level, "minutes": d.minutes, "reasons": [STATE.t(r.code, **r.params) for r in d.reasons]}
    STATE.emit(data, text=f"{asset}/{channel}: {d.level}" + "".join(f"\n  ✗ {r}" for r in data["reasons"]))


@share_app.command("suspend")
def share_suspend(agreement: str, resume: bool = False) -> None:
    from mamoru.services.telemetry import sharing

    with STATE.act() as ctx:
        sharing.suspend(ctx, agreement, not resume)
    STATE.emit({"suspended": not resume}, text="resumed" if resume else "suspended")


@share_app.command("token")
def share_token(agreement: str) -> None:
    """A token for the partner's feed client (shown once)."""
    from mamoru.services.telemetry import sharing

    with STATE.act() as ctx:
        token = sharing.issue_token(ctx, agreement)
    STATE.emit({"token": token}, text=token)


@share_app.command("bridge")
def share_bridge(agreement: str, url: Optional[str] = typer.Option(None, help="the partner's broker"),
                 every: float = 60.0, once: bool = False) -> None:
    """Republish the agreed share to the partner's topics (QoS 1), every ``every`` seconds."""
    from mamoru.services.telemetry import sharing
    from mamoru.telemetry.mqtt import Publisher

    publisher = Publisher(_mqtt_url(url))
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while True:
            with STATE.act() as ctx:
                sent = sharing.bridge_once(ctx, agreement, lambda topic, body: publisher.publish(topic, body))
            STATE.err.print(f"sent {sent} points")
            if once or stop.wait(every):
                break
    finally:
        publisher.close()


@app.command("ledger")
def ledger(partner: Optional[str] = None) -> None:
    from mamoru.services.telemetry import sharing

    with STATE.read() as ctx:
        data = [{"day": r.day, "partner": r.partner.code, "agreement": r.agreement.code, "channels": r.channels,
                 "points": r.points, "deliveries": r.deliveries, "sha256": r.sha256}
                for r in sharing.ledger(ctx, partner)]
    STATE.emit(data, rows_table("ledger", ["day", "partner", "agreement", "channels", "points", "sha256"],
                                [(d["day"], d["partner"], d["agreement"],
                                  ", ".join(f"{k} {v['level']} {v['points']}" for k, v in d["channels"].items()),
                                  d["points"], d["sha256"][:16]) for d in data]))


@app.command("prune")
def prune() -> None:
    """Remove raw points past each asset's retention (rollups stay); run daily from cron."""
    from mamoru.services.telemetry import retention

    with STATE.act() as ctx:
        removed = retention.prune(ctx)
    STATE.emit(removed, text=", ".join(f"{k}: {v}" for k, v in removed.items()) or "nothing to remove")


@app.command("set-range")
def set_range(asset: str, channel: str, low: Optional[float] = None, high: Optional[float] = None) -> None:
    """Change a channel's normal range (its thresholds for out-of-range flags and health)."""
    from mamoru.services.telemetry import register as reg

    with STATE.act() as ctx:
        ch = reg.set_range(ctx, asset, channel, low, high)
    STATE.emit({"low": ch.range_low, "high": ch.range_high}, text=f"{asset}/{channel}: {ch.range_low} – {ch.range_high}")
