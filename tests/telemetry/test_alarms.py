"""Predictive maintenance through the real broker: a bearing starts to fail, an alarm, obligations to inspect and repair."""

from __future__ import annotations

import json
import threading
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from mamoru.services.telemetry import alarms
from mamoru.store.models import AssetEvent, Obligation
from mamoru.telemetry.consumer import Consumer
from mamoru.telemetry.mqtt import Publisher
from tests.telemetry.conftest import build_plant

T0 = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(hours=3)


def _rows(start, seconds, vibration):
    for s in range(start, start + seconds):
        ts = (T0 + timedelta(seconds=s)).isoformat()
        yield [{"channel": "vibration", "ts": ts, "value": vibration(s)},
               {"channel": "current", "ts": ts, "value": 2.0 + (s % 5) / 100}]


def _publish(url, rows):
    pub = Publisher(url)
    try:
        batch = []
        for row in rows:
            batch.extend(row)
            if len(batch) >= 100:
                pub.publish("mamoru/kyoto/line1/pump1", json.dumps({"points": batch}).encode())
                batch = []
        if batch:
            pub.publish("mamoru/kyoto/line1/pump1", json.dumps({"points": batch}).encode())
    finally:
        pub.close()


def test_a_failing_bearing_raises_one_alarm_with_obligations(engine, act, mqtt_broker):
    with act() as ctx:
        build_plant(ctx, partner=False)
    consumer = Consumer(engine, mqtt_broker.url, client_id=f"alarms-{engine.dialect.name}-{id(engine)}",
                        prefix="mamoru")
    assert consumer.subscription.subscribed.wait(10)
    normal = lambda s: 0.2 + (s % 7) / 100  # noqa: E731
    _publish(mqtt_broker.url, _rows(0, 600, normal))
    consumer.run(idle_exit=1.5)
    with act(at=datetime.now(timezone.utc)) as ctx:
        model = alarms.fit(ctx, "pump1", T0, T0 + timedelta(seconds=600))
    assert model.rows == 600 and model.channels == ["current", "vibration"]

    consumer = Consumer(engine, mqtt_broker.url, client_id=f"alarms-{engine.dialect.name}-{id(engine)}")
    assert consumer.subscription.subscribed.wait(10)
    failing = lambda s: 0.2 + (s % 7) / 100 + max(0, s - 700) * 0.01  # noqa: E731  the bearing wears from s=700
    _publish(mqtt_broker.url, _rows(600, 300, failing))
    totals = consumer.run(idle_exit=1.5)
    assert totals.alarms == 1  # one alarm, not one per anomalous second
    with Session(engine) as s:
        event = s.execute(select(AssetEvent)).scalar_one()
        obs = s.execute(select(Obligation).where(Obligation.source == "asset_event")).scalars().all()
    assert event.kind == "anomaly_alarm" and event.status == "open"
    assert T0 + timedelta(seconds=700) < event.occurred_at < T0 + timedelta(seconds=900)
    assert sorted(o.kind for o in obs) == ["inspect", "repair"] and all(o.partner_id is None for o in obs)
    with act() as ctx:
        alarms.resolve(ctx, event.id, "bearing replaced")
        assert alarms.open_alarms(ctx) == []
