"""The wire convention, parsed strictly: every malformed shape is a Rejected with a reason, never an exception."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from mamoru.telemetry.payload import Reading, Rejected, parse

TOPIC = "mamoru/kyoto/line1/pump1/current"


@pytest.mark.parametrize("topic,payload,reason", [
    (TOPIC, b"{", "telemetry.not_json"),
    (TOPIC, b"\xff", "telemetry.not_json"),
    (TOPIC, b'{"ts": "2026-04-01T00:00:00Z", "value": "3"}', "telemetry.bad_value"),
    (TOPIC, b'{"ts": "2026-04-01T00:00:00Z", "value": true}', "telemetry.bad_value"),
    (TOPIC, b'{"ts": "2026-04-01T00:00:00Z", "value": NaN}', "telemetry.not_finite"),
    (TOPIC, b'{"ts": "2026-04-01T00:00:00Z", "value": -Infinity}', "telemetry.not_finite"),
    (TOPIC, b'{"ts": "2026-04-01T00:00:00Z", "value": 1e999}', "telemetry.not_finite"),
    (TOPIC, b'{"ts": "2026-04-01T00:00:00", "value": 1}', "telemetry.bad_timestamp"),  # no zone: ambiguous
    (TOPIC, b'{"value": 1}', "telemetry.bad_timestamp"),
    (TOPIC, b'[1, 2]', "telemetry.bad_shape"),
    (TOPIC, b'{"points": []}', "telemetry.bad_shape"),
    ("mamoru/kyoto/line1/pump1", b'{"ts": 1775005200, "value": 1}', "telemetry.no_channel"),
    ("other/kyoto/line1/pump1/current", b'{"ts": 1775005200, "value": 1}', "telemetry.bad_topic"),
    ("mamoru/kyoto//pump1/current", b'{"ts": 1775005200, "value": 1}', "telemetry.bad_topic"),
])
def test_malformed_messages_are_rejected_with_a_reason(topic, payload, reason):
    [result] = parse(topic, payload)
    assert isinstance(result, Rejected) and result.reason == reason


def test_single_points_batches_and_epoch_times():
    [one] = parse(TOPIC, b'{"ts": "2026-04-01T09:00:00+09:00", "value": 3, "unit": "A", "quality": "uncertain"}')
    assert one == Reading("pump1", "current", datetime(2026, 4, 1, tzinfo=timezone.utc), 3.0, "A", "uncertain")
    batch = parse("mamoru/kyoto/line1/pump1", b'{"points": [{"channel": "current", "ts": 1775001600, "value": 1},'
                  b'{"channel": "vibration", "ts": 1775001600000, "value": 0.2}, {"channel": "x", "value": 1}]}')
    assert [type(r).__name__ for r in batch] == ["Reading", "Reading", "Rejected"]
    assert batch[0].ts == batch[1].ts == datetime(2026, 4, 1, tzinfo=timezone.utc)
