"""Ingest: a batch of MQTT messages (or CSV rows) into points, rollups and quality records, in one transaction.

Called by the consumer, which acknowledges the messages to the broker only after this
transaction commits: a crash before the commit means the broker delivers them again, and the
(channel, ts) key drops what was already stored. Nothing here raises on bad input: a message
that cannot be stored is quarantined with its reason, and the good ones go on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Iterable

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite

from mamoru.services.uow import Context
from mamoru.store.models import Asset, Channel, Point, QualityRecord, QuarantinedMessage, Rollup
from mamoru.telemetry import payload as wire
from mamoru.telemetry import quality as rules
from mamoru.telemetry.rollup import fold

MAX_KEPT_PAYLOAD = 8000


@dataclass
class Ingested:
    """What one batch did: points stored, duplicates dropped, messages quarantined, findings made."""

    stored: int = 0
    duplicates: int = 0
    quarantined: int = 0
    findings: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    points: list[tuple[int, datetime, float]] = field(default_factory=list)  # what was stored, for alarms


def _text(payload: bytes) -> str:
    """The payload as kept for inspection: UTF-8 text as it came, else ``base64:`` (PostgreSQL text holds no NUL)."""
    try:
        text = payload.decode("utf-8")
        if "\x00" not in text:
            return text[:MAX_KEPT_PAYLOAD]
    except UnicodeDecodeError:
        pass
    import base64

    return "base64:" + base64.b64encode(payload[:MAX_KEPT_PAYLOAD]).decode()


def _clean(text: str) -> str:
    return text.replace("\x00", "\\x00")


def _insert(ctx: Context, model):
    return (postgresql.insert if ctx.session.bind.dialect.name == "postgresql" else sqlite.insert)(model)


def _quarantine(ctx: Context, out: Ingested, topic: str, body: str, reason: str, detail: str) -> None:
    ctx.session.add(QuarantinedMessage(topic=_clean(topic)[:500], payload=body, reason=reason, detail=_clean(detail)[:2000],
                                       received_at=ctx.now))
    out.quarantined += 1
    out.rejected[reason] = out.rejected.get(reason, 0) + 1


def ingest_messages(ctx: Context, messages: Iterable[tuple[str, bytes]], prefix: str = "mamoru") -> Ingested:
    """Parse and store MQTT messages; a batch with some bad points stores the good ones."""
    out = Ingested()
    readings: list[wire.Reading] = []
    for topic, payload in messages:
        parsed = wire.parse(topic, payload, prefix)
        bad = [p for p in parsed if isinstance(p, wire.Rejected)]
        readings.extend(p for p in parsed if isinstance(p, wire.Reading))
        if bad:
            detail = "; ".join(sorted({f"{b.reason}: {b.detail}" for b in bad}))[:2000]
            _quarantine(ctx, out, topic, _text(payload), bad[0].reason,
                        f"{len(bad)} of {len(parsed)} points rejected; {detail}")
    store(ctx, readings, out)
    return out


def store(ctx: Context, readings: list[wire.Reading], out: Ingested | None = None) -> Ingested:
    """Store readings: resolve channels, drop duplicates, check quality, insert points and rollups."""
    out = out or Ingested()
    if not readings:
        return out
    assets = sorted({r.asset for r in readings})
    channels = {(ch.asset.code, ch.code): ch for ch in ctx.session.execute(
        select(Channel).join(Asset).where(Asset.code.in_(assets))).scalars()}
    known_assets = {a for a, _ in channels} | set(ctx.session.execute(
        select(Asset.code).where(Asset.code.in_(assets))).scalars())
    by_channel: dict[int, dict[datetime, wire.Reading]] = {}
    for r in readings:
        ch = channels.get((r.asset, r.channel))
        if ch is None:
            reason = "telemetry.unknown_channel" if r.asset in known_assets else "telemetry.unknown_asset"
            _quarantine(ctx, out, f"{r.asset}/{r.channel}",
                        f'{{"ts":"{r.ts.isoformat()}","value":{r.value}}}', reason, f"{r.asset}/{r.channel}")
            continue
        slot = by_channel.setdefault(ch.id, {})
        if r.ts in slot:
            out.duplicates += 1
        else:
            slot[r.ts] = r
    if not by_channel:
        return out
    existing = _existing(ctx, by_channel)
    rows, findings = [], []
    by_id = {ch.id: ch for ch in channels.values()}
    for channel_id, slot in by_channel.items():
        ch = by_id[channel_id]
        state = rules.ChannelState(ch.last_ts, ch.last_value, ch.same_count)
        for ts in sorted(slot):
            if (channel_id, ts) in existing:
                out.duplicates += 1
                continue
            r = slot[ts]
            checked = rules.check(state, ts, r.value, ch.sampling_hz, ch.range_low, ch.range_high, ctx.now, r.quality)
            rows.append({"channel_id": channel_id, "ts": ts, "value": r.value, "quality": checked.quality})
            findings.extend((channel_id, f) for f in checked.findings)
        ch.last_ts, ch.last_value, ch.same_count = state.last_ts, state.last_value, state.same_count
    stored = _insert_points(ctx, rows)
    out.duplicates += len(rows) - len(stored)
    out.stored += len(stored)
    out.points.extend(stored)
    _upsert_rollups(ctx, stored)
    out.findings += _record_findings(ctx, findings)
    ctx.session.flush()
    return out


def _existing(ctx: Context, by_channel: dict[int, dict[datetime, wire.Reading]]) -> set[tuple[int, datetime]]:
    """Keys already stored (a redelivery after a crash): one range query per batch."""
    lo = min(min(slot) for slot in by_channel.values())
    hi = max(max(slot) for slot in by_channel.values())
    found = ctx.session.execute(
        select(Point.channel_id, Point.ts).where(Point.channel_id.in_(list(by_channel)), Point.ts >= lo, Point.ts <= hi)
    ).all()
    return {(cid, ts) for cid, ts in found}


def _insert_points(ctx: Context, rows: list[dict]) -> list[tuple[int, datetime, float]]:
    """Insert, skipping keys another consumer stored meanwhile; returns what was inserted.

    PostgreSQL: COPY into a temporary table, then one INSERT … SELECT … ON CONFLICT DO NOTHING
    RETURNING (COPY is an order of magnitude faster than row-by-row parameters). SQLite: the
    transaction holds the database's write lock from its start (BEGIN IMMEDIATE), so the keys
    found absent by ``_existing`` are still absent and a plain executemany is exact.
    """
    if not rows:
        return []
    conn = ctx.session.connection()
    if conn.dialect.name == "postgresql":
        raw = conn.connection.driver_connection
        with raw.cursor() as cur:
            cur.execute("CREATE TEMP TABLE IF NOT EXISTS telemetry_incoming "
                        "(channel_id integer, ts timestamptz, value double precision, quality varchar(20)) "
                        "ON COMMIT DELETE ROWS")
            with cur.copy("COPY telemetry_incoming (channel_id, ts, value, quality) FROM STDIN") as copy:
                for r in rows:
                    copy.write_row((r["channel_id"], r["ts"], r["value"], r["quality"]))
            cur.execute("INSERT INTO telemetry_points (channel_id, ts, value, quality) "
                        "SELECT channel_id, ts, value, quality FROM telemetry_incoming "
                        "ON CONFLICT (channel_id, ts) DO NOTHING RETURNING channel_id, ts, value")
            stored = [(cid, ts.astimezone(timezone.utc), value) for cid, ts, value in cur.fetchall()]
            cur.execute("DELETE FROM telemetry_incoming")
        return stored
    raw = conn.connection.driver_connection
    raw.executemany("INSERT INTO telemetry_points (channel_id, ts, value, quality) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (channel_id, ts) DO NOTHING",
                    [(r["channel_id"], r["ts"].astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f"), r["value"],
                      r["quality"]) for r in rows])
    return [(r["channel_id"], r["ts"], r["value"]) for r in rows]


def _upsert_rollups(ctx: Context, points: list[tuple[int, datetime, float]]) -> None:
    if not points:
        return
    folded = fold(points)
    rows = [{"channel_id": cid, "period_s": period, "bucket": b, "vmin": a[0], "vmax": a[1], "vsum": a[2],
             "count": int(a[3])} for (cid, period, b), a in folded.items()]
    stmt = _insert(ctx, Rollup)
    pg = ctx.session.bind.dialect.name == "postgresql"
    lo, hi = (func.least, func.greatest) if pg else (func.min, func.max)
    stmt = stmt.on_conflict_do_update(
        index_elements=["channel_id", "period_s", "bucket"],
        set_={"vmin": lo(Rollup.vmin, stmt.excluded.vmin), "vmax": hi(Rollup.vmax, stmt.excluded.vmax),
              "vsum": Rollup.vsum + stmt.excluded.vsum, "count": Rollup.count + stmt.excluded.count})
    ctx.session.execute(stmt, rows)


def _record_findings(ctx: Context, findings: list[tuple[int, rules.Finding]]) -> int:
    """Quality records; consecutive out-of-range / skewed points of a channel merge into one span."""
    merged: list[list] = []
    for channel_id, f in findings:
        last = merged[-1] if merged else None
        if last and last[0] == channel_id and last[1].kind == f.kind and f.kind in ("out_of_range", "clock_skew"):
            last[1].end = f.end
            last[2] += 1
        else:
            merged.append([channel_id, f, 1])
    for channel_id, f, n in merged:
        ctx.session.add(QualityRecord(channel_id=channel_id, kind=f.kind, start_ts=f.start, end_ts=f.end, points=n,
                                      detail=f.detail, created_at=ctx.now))
    return len(merged)
