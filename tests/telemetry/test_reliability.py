"""Nothing lost: real mosquitto, the real consumer process, kill -9 mid-stream, a broker restart."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta, timezone

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mamoru.services.uow import unit_of_work
from mamoru.store.db import make_engine, migrate
from mamoru.store.models import Point, QuarantinedMessage
from mamoru.telemetry.mqtt import Publisher
from tests.telemetry.conftest import build_plant

T0 = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(hours=2)


def _consumer(db: str, url: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "mamoru.cli.main", "--db", db, "telemetry", "consume",
                             "--url", url, "--client-id", "reliability", "--batch", "100"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ})


def _stored(engine) -> int:
    with Session(engine) as s:
        return s.execute(select(func.count()).select_from(Point)).scalar_one()


def _wait(engine, n: int, seconds: float = 90) -> int:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        got = _stored(engine)
        if got >= n:
            return got
        time.sleep(0.2)
    return _stored(engine)


def _publish(url: str, first: int, last: int, per_message: int = 10) -> None:
    pub = Publisher(url)
    try:
        for start in range(first, last, per_message):
            points = [{"channel": "current", "ts": (T0 + timedelta(seconds=s)).isoformat(), "value": 2.0 + (s % 50) / 100}
                      for s in range(start, min(start + per_message, last))]
            pub.publish("mamoru/kyoto/line1/pump1", json.dumps({"points": points}).encode())
    finally:
        pub.close()


def test_kill_9_of_the_consumer_and_a_broker_restart_lose_nothing(tmp_path, own_broker):
    path = tmp_path / "plant.sqlite"
    db = f"sqlite:///{path}"
    engine = make_engine(db)
    migrate(engine)
    with unit_of_work(engine, "alice") as ctx:
        build_plant(ctx, partner=False)
    consumer = _consumer(db, own_broker.url)
    try:
        for _ in range(60):  # until the consumer has subscribed (re-sending the same points is harmless)
            _publish(own_broker.url, 0, 10)
            if _wait(engine, 10, 1) == 10:
                break
        assert _stored(engine) == 10
        n = 4000
        feeder = threading.Thread(target=_publish, args=(own_broker.url, 10, n))
        feeder.start()
        deadline = time.monotonic() + 60
        while _stored(engine) < 500 and time.monotonic() < deadline:
            time.sleep(0.01)
        consumer.send_signal(signal.SIGKILL)  # mid-stream: some batches stored but not yet acknowledged
        consumer.wait()
        killed_at = _stored(engine)
        feeder.join()
        assert killed_at < n
        consumer = _consumer(db, own_broker.url)
        assert _wait(engine, n) == n
        time.sleep(1)
        assert _stored(engine) == n  # every point exactly once

        consumer.send_signal(signal.SIGTERM)  # now the broker: consumer away, messages queue, broker restarts
        consumer.wait(20)
        _publish(own_broker.url, n, n + 1000)
        own_broker.restart()
        consumer = _consumer(db, own_broker.url)
        assert _wait(engine, n + 1000) == n + 1000
        time.sleep(1)
        assert _stored(engine) == n + 1000
        with Session(engine) as s:
            assert s.execute(select(func.count()).select_from(QuarantinedMessage)).scalar_one() == 0
    finally:
        if consumer.poll() is None:
            consumer.send_signal(signal.SIGTERM)
            consumer.wait(20)
        engine.dispose()
