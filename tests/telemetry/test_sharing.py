"""Data-use sharing: the gate per channel, the partner's feed, the ledger, and a real MQTT subscriber as partner."""

from __future__ import annotations

import hashlib
import json
import queue
import time
from datetime import datetime, timedelta, timezone

import pytest

from mamoru.domain import data_sharing as gate
from mamoru.services import agreements, events
from mamoru.services.telemetry import sharing
from mamoru.services.telemetry.ingest import ingest_messages
from mamoru.telemetry.mqtt import Publisher, Subscription
from tests.telemetry.conftest import build_plant

NOW = datetime(2026, 4, 1, 1, 0, tzinfo=timezone.utc)
T0 = NOW - timedelta(minutes=40)


def _stream(ctx, seconds=1800):
    msgs = []
    for asset, ch, base in (("pump1", "vibration", 0.2), ("pump1", "current", 2.0), ("furnace1", "temp", 900.0)):
        pts = [{"channel": ch, "ts": (T0 + timedelta(seconds=s)).isoformat(), "value": base + (s % 10) / 100}
               for s in range(seconds)]
        msgs.append((f"mamoru/kyoto/line1/{asset}", json.dumps({"points": pts}).encode()))
    ingest_messages(ctx, msgs)


@pytest.mark.parametrize("ranks,level,minutes,granted", [
    ([4], "raw", 0, "withheld"), ([4], "aggregated", 60, "withheld"), ([4], "health", 0, "health"),
    ([3], "raw", 0, "withheld"), ([3], "aggregated", 5, "withheld"), ([3], "aggregated", 15, "aggregated"),
    ([1, 2], "raw", 0, "raw"), ([], "aggregated", 10, "aggregated"), ([1], "withheld", 0, "withheld"),
])
def test_the_gate_decides_per_channel_from_the_ranks_it_reveals(ranks, level, minutes, granted):
    d = gate.decide_channel("a/b", [(f"E{i}", r) for i, r in enumerate(ranks)], level, minutes,
                            frozenset(gate.REQUIRED_CLAUSES))
    assert d.level == granted
    assert d.refused == (granted != level)


def test_without_the_data_use_clauses_nothing_but_withheld():
    d = gate.decide_channel("a/b", [("E", 1)], "raw", 0, frozenset({"purpose_limitation"}))
    assert d.level == "withheld" and d.reasons[0].code == "share.clauses_missing"
    assert d.reasons[0].params["clauses"] == ["no_patent_filing", "no_third_party", "return_destroy"]


def _agreement(ctx):
    build_plant(ctx)
    sharing.set_terms(ctx, "DUA-1", "remote_maintenance", 90, "partners/maker")
    vib = sharing.request_channel(ctx, "DUA-1", "pump1", "vibration", "raw")
    cur = sharing.request_channel(ctx, "DUA-1", "pump1", "current", "health")
    temp = sharing.request_channel(ctx, "DUA-1", "furnace1", "temp", "aggregated", 10)
    return vib, cur, temp


def test_feed_delivers_exactly_what_the_agreement_allows_and_the_ledger_records_it(engine, act):
    with act(at=NOW) as ctx:
        vib, cur, temp = _agreement(ctx)
        _stream(ctx)
        token = sharing.issue_token(ctx, "DUA-1")
    assert (vib.level, cur.level, temp.level) == ("raw", "health", "withheld")
    assert temp.reasons[0].code == "share.core_channel" and temp.reasons[0].params["elements"] == ["E-PROFILE"]
    with act("feed", at=NOW) as ctx:
        body = sharing.pull(ctx, token, T0 - timedelta(seconds=1))
    assert set(body["channels"]) == {"pump1/vibration", "pump1/current"}  # the furnace never appears
    assert len(body["channels"]["pump1/vibration"]["data"]) == 1800
    health = body["channels"]["pump1/current"]
    assert health["level"] == "health" and health["unit"] == ""
    assert all(row[1] in ("normal", "warning", "alarm") and len(row) == 2 for row in health["data"])
    with act(at=NOW) as ctx:
        [row] = sharing.ledger(ctx, "MAKER")
    assert row.points == 1800 + len(health["data"]) and row.deliveries == 1
    assert row.channels["pump1/vibration"] == {"level": "raw", "minutes": 0, "points": 1800}
    sent = json.dumps({k: v for k, v in body.items() if k != "next_since"}, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode()
    assert row.sha256 == hashlib.sha256(("0" * 64 + hashlib.sha256(sent).hexdigest()).encode()).hexdigest()


def test_ending_suspending_or_a_hold_stops_the_feed_at_once(engine, act):
    with act(at=NOW) as ctx:
        _agreement(ctx)
        _stream(ctx, 60)
        token = sharing.issue_token(ctx, "DUA-1")
    with act(at=NOW) as ctx:
        sharing.suspend(ctx, "DUA-1")
    with act("feed", at=NOW) as ctx, pytest.raises(sharing.FeedClosed) as refused:
        sharing.pull(ctx, token, T0)
    assert refused.value.code == "share.suspended"
    with act(at=NOW) as ctx:
        sharing.suspend(ctx, "DUA-1", False)
        events.record_event(ctx, "MAKER", "capital_change", "2026-03-31", "bought by a foreign fund")
    with act("feed", at=NOW) as ctx, pytest.raises(sharing.FeedClosed) as refused:
        sharing.pull(ctx, token, T0)
    assert refused.value.code == "share.partner_not_active"
    with act(at=NOW) as ctx:
        agreements.end_agreement(ctx, "DUA-1", "maintenance contract ended")
    with act("feed", at=NOW) as ctx, pytest.raises(sharing.FeedClosed):
        sharing.pull(ctx, token, T0)
    with act("feed", at=NOW) as ctx, pytest.raises(sharing.Unauthenticated):
        sharing.pull(ctx, "mfeed_guess", T0)


def test_a_real_mqtt_subscriber_as_partner_receives_only_what_is_allowed(engine, act, mqtt_broker):
    with act(at=NOW) as ctx:
        _agreement(ctx)
        _stream(ctx)
    partner = Subscription(mqtt_broker.url, f"maker-{engine.dialect.name}-{time.monotonic_ns()}", ["partners/#"],
                           clean=True)
    assert partner.connected.wait(10)
    publisher = Publisher(mqtt_broker.url)
    try:
        with act(at=NOW) as ctx:
            ctx.session.execute  # bridge cursor starts an hour back: the whole 30 min stream
            sent = sharing.bridge_once(ctx, "DUA-1", lambda topic, body: publisher.publish(topic, body))
        got = {}
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and len(got) < 2:
            try:
                m = partner.inbox.get(timeout=0.5)
            except queue.Empty:
                continue
            got[m.topic] = json.loads(m.payload)
        time.sleep(0.5)
        while not partner.inbox.empty():
            m = partner.inbox.get()
            got.setdefault(m.topic + "#extra", json.loads(m.payload))
    finally:
        publisher.close()
        partner.close()
    assert set(got) == {"partners/maker/pump1/vibration", "partners/maker/pump1/current"}
    assert got["partners/maker/pump1/vibration"]["level"] == "raw"
    assert len(got["partners/maker/pump1/vibration"]["data"]) == 1800
    assert {row[1] for row in got["partners/maker/pump1/current"]["data"]} <= {"normal", "warning", "alarm"}
    assert sent == 1800 + len(got["partners/maker/pump1/current"]["data"])
