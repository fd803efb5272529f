"""Benchmark: ingest through the real broker (mosquitto → `mamoru telemetry consume` process → database).

Publishes N points (10 channels of one asset, 500 points per message, QoS 1) as fast as the
broker takes them, while the consumer runs as its own process; reports sustained points/s from
first publish to last point stored, with count in == count stored checked, and publish-to-stored
latency (p50/p99, per message: from its publish to the moment the stored count covers it).
Baseline in the same run: the same points through the ingest service directly (no broker, no
consumer process), which is the database floor.

Usage:
  .venv/bin/python benchmarks/telemetry/ingest.py [--n 200000] [--backend sqlite|postgresql|both]
PostgreSQL from MAMORU_TEST_DATABASE_URL (default postgresql+psycopg://postgres@127.0.0.1:5432/test),
in a throw-away schema.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import create_engine, func, select, text

from mamoru.config import load_policy
from mamoru.services.telemetry import register as reg
from mamoru.services.telemetry.ingest import ingest_messages
from mamoru.services.uow import unit_of_work
from mamoru.store.db import make_engine, migrate
from mamoru.store.models import Point
from mamoru.telemetry import broker as mosquitto
from mamoru.telemetry.mqtt import Publisher

CHANNELS = [f"ch{i}" for i in range(10)]
PER_MESSAGE = 500
PG = os.environ.get("MAMORU_TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def messages(n: int, t0: datetime, asset: str = "bench1"):
    rows_per_msg = PER_MESSAGE // len(CHANNELS)
    for start in range(0, n // len(CHANNELS), rows_per_msg):
        pts = [{"channel": ch, "ts": (t0 + timedelta(seconds=s)).isoformat(), "value": (s % 100) / 10 + i}
               for s in range(start, start + rows_per_msg) for i, ch in enumerate(CHANNELS)]
        yield f"mamoru/site/line/{asset}", json.dumps({"points": pts}).encode(), len(pts)


def database(backend: str, tmp: Path):
    if backend == "sqlite":
        url = f"sqlite:///{tmp / 'bench.sqlite'}"
        engine = make_engine(url)
        cleanup = lambda: None  # noqa: E731
    else:
        schema = f"bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(PG)
        with admin.begin() as c:
            c.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = PG + ("&" if "?" in PG else "?") + f"options=-csearch_path%3D{schema}"
        engine = make_engine(PG, connect_args={"options": f"-csearch_path={schema}"})

        def cleanup():
            with admin.begin() as c:
                c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    migrate(engine)
    with unit_of_work(engine, "bench") as ctx:
        for asset in ("bench1", "base1"):
            reg.add_asset(ctx, asset, asset, "site", "line")
            for ch in CHANNELS:
                reg.add_channel(ctx, asset, ch, ch, "u", None, None, 1.0)
    return url, engine, cleanup


def stored(engine) -> int:
    with engine.connect() as c:
        return c.execute(select(func.count()).select_from(Point)).scalar_one()


def run(backend: str, n: int) -> None:
    tmp = Path(tempfile.mkdtemp())
    url, engine, cleanup = database(backend, tmp)
    broker = mosquitto.start(tmp / "mosquitto")
    t0 = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(days=2)
    try:
        # baseline: the service directly
        base = list(messages(n, t0, "base1"))
        policy = load_policy()
        started = time.perf_counter()
        for i in range(0, len(base), 10):
            with unit_of_work(engine, "bench", policy=policy) as ctx:
                ingest_messages(ctx, [(t, p) for t, p, _ in base[i:i + 10]], "mamoru")
        base_rate = n / (time.perf_counter() - started)
        before = stored(engine)

        consumer = subprocess.Popen([sys.executable, "-m", "mamoru.cli.main", "--db", url, "telemetry", "consume",
                                     "--url", broker.url, "--client-id", "bench", "--batch", "20"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        pub = Publisher(broker.url)
        for _ in range(100):  # the consumer's session exists once this probe point is stored
            pub.publish("mamoru/site/line/bench1/ch0", json.dumps({"ts": t0.isoformat(), "value": 0.0}).encode())
            if stored(engine) > before:
                break
            time.sleep(0.2)
        before = stored(engine)
        sent: list[tuple[float, int]] = []
        seen: list[tuple[float, int]] = []
        done = threading.Event()

        def watch():
            while not done.is_set():
                seen.append((time.perf_counter(), stored(engine) - before))
                time.sleep(0.02)

        watcher = threading.Thread(target=watch)
        watcher.start()
        started = time.perf_counter()
        total = 0
        for topic, payload, count in messages(n, t0 + timedelta(seconds=1), "bench1"):
            pub.publish(topic, payload, wait=False)
            total += count
            sent.append((time.perf_counter(), total))
        deadline = time.monotonic() + 600
        while stored(engine) - before < total and time.monotonic() < deadline:
            time.sleep(0.05)
        finished = time.perf_counter()
        done.set()
        watcher.join()
        got = stored(engine) - before
        pub.close()
        consumer.send_signal(signal.SIGTERM)
        consumer.wait(30)
        latencies = []
        j = 0
        for t_pub, cum in sent:
            while j < len(seen) and seen[j][1] < cum:
                j += 1
            if j < len(seen):
                latencies.append(seen[j][0] - t_pub)
        latencies.sort()
        p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000  # noqa: E731
        print(f"{backend:10s} broker→consumer→db: {total / (finished - started):9,.0f} points/s  "
              f"in={total:,} stored={got:,} {'OK' if got == total else 'LOST'}  "
              f"publish→stored p50 {p(0.5):7.0f} ms  p99 {p(0.99):7.0f} ms  | baseline service only: "
              f"{base_rate:9,.0f} points/s")
    finally:
        broker.stop()
        engine.dispose()
        cleanup()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--backend", default="both", choices=["sqlite", "postgresql", "both"])
    args = parser.parse_args()
    for backend in (["sqlite", "postgresql"] if args.backend == "both" else [args.backend]):
        run(backend, args.n)


if __name__ == "__main__":
    main()
