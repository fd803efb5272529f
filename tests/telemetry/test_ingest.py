"""Ingest on both backends: duplicates dropped by key, quality flagged, bad input quarantined, rollups kept."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from sqlalchemy import func, select

from mamoru.services.telemetry.ingest import ingest_messages
from mamoru.store.models import Point, QualityRecord, QuarantinedMessage, Rollup
from tests.telemetry.conftest import build_plant

T0 = datetime(2026, 4, 1, 0, 0, tzinfo=timezone.utc)


def msg(asset, channel, points):
    return (f"mamoru/kyoto/line1/{asset}", json.dumps({"points": [
        {"channel": channel, "ts": (T0 + timedelta(seconds=s)).isoformat(), "value": v} for s, v in points]}).encode())


def count(engine, model):
    from sqlalchemy.orm import Session

    with Session(engine) as s:
        return s.execute(select(func.count()).select_from(model)).scalar_one()


def test_duplicates_are_dropped_by_channel_and_time(engine, act, now):
    with act() as ctx:
        build_plant(ctx, partner=False)
    with act(at=T0 + timedelta(minutes=5)) as ctx:
        first = ingest_messages(ctx, [msg("pump1", "current", [(s, 2.0 + s / 100) for s in range(120)])])
    with act(at=T0 + timedelta(minutes=5)) as ctx:  # the broker redelivers half of it, and 10 new ones
        again = ingest_messages(ctx, [msg("pump1", "current", [(s, 2.0 + s / 100) for s in range(60, 130)])])
    assert (first.stored, again.stored, again.duplicates) == (120, 10, 60)
    assert count(engine, Point) == 130
    from sqlalchemy.orm import Session

    with Session(engine) as s:
        minute = s.execute(select(Rollup).where(Rollup.period_s == 60).order_by(Rollup.bucket)).scalars().all()
        hour = s.execute(select(Rollup).where(Rollup.period_s == 3600)).scalars().all()
    assert [r.count for r in minute] == [60, 60, 10]  # duplicates never counted twice
    assert hour[0].count == 130 and hour[0].vmin == 2.0 and abs(hour[0].vmax - 3.29) < 1e-9
    assert abs(hour[0].vsum / hour[0].count - sum(2.0 + s / 100 for s in range(130)) / 130) < 1e-9


def test_quality_is_flagged_not_stored_as_good(engine, act):
    with act() as ctx:
        build_plant(ctx, partner=False)
    values = [(s, 1.0 + (s % 7) / 10) for s in range(30)]          # fine
    values += [(s, 9.0) for s in range(30, 33)]                      # above 5 A: out of range
    values += [(s, 2.5) for s in range(100, 100 + 70)]               # a 67 s gap, then stuck at 2.5
    with act(at=T0 + timedelta(minutes=10)) as ctx:
        out = ingest_messages(ctx, [msg("pump1", "current", values)])
        skewed = ingest_messages(ctx, [msg("pump1", "current", [(3600, 1.5)])])  # an hour ahead of our clock
    assert out.stored == 103 and skewed.stored == 1
    from sqlalchemy.orm import Session

    with Session(engine) as s:
        kinds = sorted(s.execute(select(QualityRecord.kind)).scalars())
        oor = s.execute(select(QualityRecord).where(QualityRecord.kind == "out_of_range")).scalar_one()
        flagged = dict(s.execute(select(Point.quality, func.count()).group_by(Point.quality)).all())
    assert kinds == ["clock_skew", "gap", "gap", "out_of_range", "stuck"]  # the skewed point also follows a silence
    assert oor.points == 3  # one record for the span, not one per point
    assert flagged["out_of_range"] == 3 and flagged["clock_skew"] == 1 and flagged["stuck"] >= 10


def test_bad_messages_are_quarantined_and_good_ones_still_stored(engine, act):
    with act() as ctx:
        build_plant(ctx, partner=False)
    good = msg("pump1", "vibration", [(0, 0.1), (1, 0.2)])
    bad = [("mamoru/kyoto/line1/pump1/current", b"not json {"),
           ("mamoru/kyoto/line1/pump1/current", b'{"ts": "2026-04-01T00:00:00Z", "value": "high"}'),
           ("mamoru/kyoto/line1/pump1/current", b'{"ts": "2026-04-01T00:00:00Z", "value": NaN}'),
           ("mamoru/kyoto/line1/ghost/current", b'{"ts": "2026-04-01T00:00:00Z", "value": 1}'),
           ("mamoru/kyoto/line1/pump1/current", b'{"ts": "yesterday", "value": 1}'),
           ("mamoru/kyoto/line1/pump1/current", b"\xff\xfe\x00"),
           ("mamoru/kyoto/line1/pump1/current", b"\x00")]
    with act(at=T0) as ctx:
        out = ingest_messages(ctx, bad[:3] + [good] + bad[3:])
    assert out.stored == 2 and out.quarantined == 7
    assert out.rejected == {"telemetry.not_json": 3, "telemetry.bad_value": 1, "telemetry.not_finite": 1,
                            "telemetry.unknown_asset": 1, "telemetry.bad_timestamp": 1}
    assert count(engine, QuarantinedMessage) == 7
    from sqlalchemy.orm import Session

    with Session(engine) as s:
        kept = s.execute(select(QuarantinedMessage).where(QuarantinedMessage.reason == "telemetry.bad_value")).scalar_one()
        binary = sorted(s.execute(select(QuarantinedMessage.payload)
                                  .where(QuarantinedMessage.payload.like("base64:%"))).scalars())
    assert '"high"' in kept.payload  # kept as it came, for inspection
    assert binary == ["base64://4A", "base64:AA=="]  # bytes that are not text (NUL included) kept exactly, as base64


def test_retention_removes_old_raw_points_but_keeps_rollups(engine, act):
    from mamoru.services.telemetry import retention

    with act() as ctx:
        build_plant(ctx, partner=False)
    with act(at=T0) as ctx:
        ingest_messages(ctx, [msg("pump1", "current", [(s, 2.0) for s in range(0, 120, 1)])])
    with act(at=T0 + timedelta(days=366)) as ctx:
        assert retention.prune(ctx) == {"pump1": 120}
    assert count(engine, Point) == 0 and count(engine, Rollup) == 3  # two minutes and one hour remain
