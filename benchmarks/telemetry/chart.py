"""Benchmark: the 24 h chart of one 1 Hz channel with a year of history stored.

Stores a year of 1-minute and 1-hour rollups for the channel (what a year at 1 Hz leaves in the
rollup table: 525,600 + 8,760 rows) and the last ``--raw-days`` days of raw 1 Hz points, plus the
same for ``--channels - 1`` neighbour channels so the tables are not trivially one channel; then times the chart
read (``services.telemetry.series.read`` over 24 h, which picks 1-minute rollups: 1,440 values)
and the SVG drawing, p50/p99 over ``--queries`` random days. Baseline in the same run: one raw
1-hour range read (3,600 points) through the (channel, ts) key.

Usage: .venv/bin/python benchmarks/telemetry/chart.py [--backend sqlite|postgresql|both] [--raw-days 7]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).parent))
from ingest import CHANNELS, database  # noqa: E402

from mamoru.config import load_policy  # noqa: E402
from mamoru.services.telemetry import series  # noqa: E402
from mamoru.services.uow import read_only  # noqa: E402
from mamoru.store.models import Channel, Point  # noqa: E402
from mamoru.telemetry.chart import svg  # noqa: E402


def fill(engine, days_raw: int, end: datetime, channels: int) -> None:
    with engine.begin() as conn:
        ids = [cid for (cid,) in conn.execute(select(Channel.id).order_by(Channel.id)).all()][:channels]
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        pg = engine.dialect.name == "postgresql"
        if not pg:
            cur.execute("BEGIN")  # mamoru's SQLite connections run in autocommit mode outside a transaction
        fmt = (lambda ts: ts) if pg else (lambda ts: ts.strftime("%Y-%m-%d %H:%M:%S.%f"))
        start = end - timedelta(days=365)
        for cid in ids:
            rows = []
            for m in range(365 * 24 * 60):
                b = start + timedelta(minutes=m)
                rows.append((cid, 60, fmt(b), 1.0, 3.0, 120.0, 60))
            for h in range(365 * 24):
                rows.append((cid, 3600, fmt(start + timedelta(hours=h)), 1.0, 3.0, 7200.0, 3600))
            points = [(cid, fmt(end - timedelta(seconds=s)), float(s % 100), "good")
                      for s in range(1, days_raw * 86400 + 1)]
            if pg:
                with cur.copy("COPY telemetry_rollups (channel_id, period_s, bucket, vmin, vmax, vsum, count) FROM STDIN") as cp:
                    for r in rows:
                        cp.write_row(r)
                with cur.copy("COPY telemetry_points (channel_id, ts, value, quality) FROM STDIN") as cp:
                    for r in points:
                        cp.write_row(r)
            else:
                cur.executemany("INSERT INTO telemetry_rollups VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
                cur.executemany("INSERT INTO telemetry_points VALUES (?, ?, ?, ?)", points)
        raw.commit()
        if pg:
            cur.execute("ANALYZE")
            raw.commit()
    finally:
        raw.close()


def run(backend: str, raw_days: int, queries: int, channels: int) -> None:
    url, engine, cleanup = database(backend, Path(tempfile.mkdtemp()))
    end = datetime.now(timezone.utc).replace(second=0, microsecond=0)
    try:
        started = time.perf_counter()
        fill(engine, raw_days, end, channels)
        loaded = time.perf_counter() - started
        policy = load_policy()
        chart, raw_hour = [], []
        rng = random.Random(1)
        for _ in range(queries):
            day_end = end - timedelta(days=rng.randint(0, 360))
            t = time.perf_counter()
            with read_only(engine, policy=policy) as ctx:
                s = series.read(ctx, "bench1", "ch0", day_end - timedelta(hours=24), day_end)
                svg(s.buckets, s.start, s.end, None, None, "u", "bench")
                channel_id = s.channel.id
            chart.append(time.perf_counter() - t)
            assert s.resolution == "60" and len(s.buckets) == 1440
            hour_end = end - timedelta(seconds=rng.randint(3600, raw_days * 86400))
            t = time.perf_counter()
            with read_only(engine, policy=policy) as ctx:
                n = len(ctx.session.execute(select(Point.ts, Point.value).where(
                    Point.channel_id == channel_id, Point.ts >= hour_end - timedelta(hours=1),
                    Point.ts < hour_end)).all())
            raw_hour.append(time.perf_counter() - t)
        q = lambda xs, p: sorted(xs)[min(len(xs) - 1, int(p * len(xs)))] * 1000  # noqa: E731
        print(f"{backend:10s} loaded {channels} channels (a year of rollups, {raw_days} d raw) in {loaded:.0f} s; "
              f"24 h chart (1,440 one-minute values + SVG): p50 {q(chart, .5):.1f} ms p99 {q(chart, .99):.1f} ms | "
              f"baseline raw 1 h read ({n} points): p50 {q(raw_hour, .5):.1f} ms p99 {q(raw_hour, .99):.1f} ms")
    finally:
        engine.dispose()
        cleanup()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", default="both", choices=["sqlite", "postgresql", "both"])
    parser.add_argument("--raw-days", type=int, default=7)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--channels", type=int, default=3, help="channels given a year of rollups (1..10)")
    args = parser.parse_args()
    for backend in (["sqlite", "postgresql"] if args.backend == "both" else [args.backend]):
        run(backend, args.raw_days, args.queries, args.channels)


if __name__ == "__main__":
    main()
