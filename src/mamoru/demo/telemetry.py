"""Demo, factory data: the furnace and the pump stream over MQTT, the pump's bearing fails, the furnace
maker gets what remote maintenance needs and is refused the firing curve, the ledger shows what left.

Runs through a real mosquitto when Debian's package is installed (scripts/demo installs it);
without one, the same messages go through the same ingest service directly, and it says so.
"""

from __future__ import annotations

import json
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable

from sqlalchemy import Engine

from mamoru.services import agreements
from mamoru.services.telemetry import alarms, sharing
from mamoru.services.telemetry import register as reg
from mamoru.services.telemetry.ingest import ingest_messages
from mamoru.services.uow import unit_of_work
from mamoru.telemetry import broker as mosquitto

DAY = "2026-07-20"
START = datetime(2026, 7, 19, 23, 0, tzinfo=timezone.utc)  # 08:00 Tokyo; the story's clock reads 10:00
NORMAL_S, FAILING_S = 1200, 900


def _messages():
    """One batch per asset per minute: furnace temperature, pump vibration and motor current at 1 Hz."""
    for minute in range((NORMAL_S + FAILING_S) // 60):
        furnace, pump = [], []
        for s in range(minute * 60, minute * 60 + 60):
            ts = (START + timedelta(seconds=s)).isoformat()
            wear = max(0, s - NORMAL_S - 120) * 0.004  # the bearing starts to fail two minutes into the second part
            furnace.append({"channel": "temp", "ts": ts, "value": round(850 + 400 * min(s / 1800, 1) + (s % 9) * 0.3, 2)})
            pump.append({"channel": "vibration", "ts": ts, "value": round(0.21 + (s % 7) * 0.004 + wear, 4)})
            pump.append({"channel": "current", "ts": ts, "value": round(3.1 + (s % 5) * 0.02 + wear * 0.5, 3)})
        yield "mamoru/kyoto/line1/furnace1", json.dumps({"points": furnace}).encode()
        yield "mamoru/kyoto/line1/pump1", json.dumps({"points": pump}).encode()


def _split(messages: list, seconds: int) -> tuple[list, list]:
    n = seconds // 60 * 2
    return messages[:n], messages[n:]


def _anomaly_available() -> bool:
    try:
        alarms._anomaly()
        return True
    except ImportError:
        return False


def run(engine: Engine, say: Callable[[str, Any], None], policy, at: Callable[[str], datetime]) -> dict:
    def act(actor: str):
        return unit_of_work(engine, actor, policy=policy, now=at(DAY))

    out: dict[str, Any] = {}
    with act("tanaka") as ctx:
        reg.add_asset(ctx, "furnace1", "連続焼成炉1号", "kyoto", "line1", "第1工場 焼成棟", 730)
        reg.add_channel(ctx, "furnace1", "temp", "炉内温度", "°C", 20, 1350, 1.0, ["E-SIN-01"])
        reg.add_asset(ctx, "pump1", "冷却水循環ポンプ", "kyoto", "line1", "第1工場 焼成棟", 365)
        reg.add_channel(ctx, "pump1", "vibration", "軸受振動（RMS）", "g", 0, 1.0, 1.0)
        reg.add_channel(ctx, "pump1", "current", "モーター電流", "A", 0, 6.0, 1.0)
    messages = list(_messages())
    normal, failing = _split(messages, NORMAL_S)
    with tempfile.TemporaryDirectory() as tmp:
        broker = mosquitto.start(Path(tmp)) if mosquitto.executable() else None
        say("demo.telemetry.stream", {"via": broker.url if broker else "ingest (no mosquitto)",
                                      "points": 3 * (NORMAL_S + FAILING_S)})
        try:
            _ingest(engine, policy, broker, normal)
            if _anomaly_available():
                with act("tanaka") as ctx:
                    model = alarms.fit(ctx, "pump1", START, START + timedelta(seconds=NORMAL_S))
                say("demo.telemetry.fitted", {"rows": model.rows, "channels": ", ".join(model.channels)})
            else:
                say("demo.telemetry.no_model", {})
            _ingest(engine, policy, broker, failing)
        finally:
            if broker:
                broker.stop()
    with act("tanaka") as ctx:
        raised = alarms.open_alarms(ctx)
        out["alarm_obligations"] = [o.kind for _, obs in raised for o in obs]
        if raised:
            event = raised[0][0]
            say("demo.telemetry.alarm", {"asset": event.asset.code, "at": event.occurred_at.isoformat(timespec="seconds"),
                                         "obligations": ", ".join(out["alarm_obligations"])})
    with act("tanaka") as ctx:
        agreements.add_agreement(ctx, "DUA-FURNACE-01", "P-FURNACE", "data_use", "2026-07-01", "2027-06-30",
                                 title="焼成ライン遠隔保守のためのデータ利用契約", elements=["E-SIN-04"],
                                 clauses=["confidentiality", "purpose_limitation", "no_patent_filing",
                                          "no_third_party", "return_destroy"])
        sharing.set_terms(ctx, "DUA-FURNACE-01", "remote_maintenance", 90, "partners/brenner",
                          "ポンプの予知保全と遠隔保守に限る")
        out["levels"] = {}
        for asset, channel, level, minutes in (("pump1", "vibration", "raw", 0), ("pump1", "current", "health", 0),
                                               ("furnace1", "temp", "aggregated", 10)):
            decision = sharing.request_channel(ctx, "DUA-FURNACE-01", asset, channel, level, minutes)
            out["levels"][f"{asset}/{channel}"] = decision.level
            from mamoru.i18n import t

            say("demo.telemetry.share", {"channel": f"{asset}/{channel}", "requested": level,
                                         "granted": decision.level,
                                         "reasons": " / ".join(t(r.code, None, **r.params) for r in decision.reasons)
                                         or "-"})
        token = sharing.issue_token(ctx, "DUA-FURNACE-01")
    with unit_of_work(engine, "feed:P-FURNACE", policy=policy, now=at(DAY)) as ctx:
        body = sharing.pull(ctx, token, START)
    with act("tanaka") as ctx:
        rows = sharing.ledger(ctx, "P-FURNACE")
        out["ledger"] = [(r.day.isoformat(), r.points, r.sha256) for r in rows]
        out["sent_channels"] = sorted(body["channels"])
        for r in rows:
            say("demo.telemetry.ledger", {"partner": r.partner.code, "day": r.day.isoformat(), "points": r.points,
                                          "channels": ", ".join(f"{k} ({v['level']})" for k, v in r.channels.items()),
                                          "sha": r.sha256[:16]})
    return out


def _ingest(engine: Engine, policy, broker, messages: list) -> None:
    if broker is None:
        watch = alarms.Watch()
        for i in range(0, len(messages), 10):
            with unit_of_work(engine, "mqtt-consumer", policy=policy) as ctx:
                result = ingest_messages(ctx, messages[i:i + 10])
                watch.evaluate(ctx, result.points)
        return
    from mamoru.telemetry.consumer import Consumer
    from mamoru.telemetry.mqtt import Publisher

    consumer = Consumer(engine, broker.url, client_id="mamoru-demo", policy=policy)
    consumer.subscription.subscribed.wait(10)
    publisher = Publisher(broker.url)
    try:
        for topic, payload in messages:
            publisher.publish(topic, payload)
    finally:
        publisher.close()
    consumer.run(idle_exit=1.0)
