"""The consumer (``mamoru telemetry consume``): broker → batch → one transaction → acknowledge.

Store-then-ack: messages are acknowledged to the broker only after the transaction holding
their points has committed. A consumer killed at any moment (kill -9 included) loses nothing:
what it had not acknowledged the broker delivers again to the same persistent session, and the
(channel, ts) key drops what it had already stored. A bad message is quarantined inside the
same transaction and acknowledged with the rest, so it never blocks the good ones behind it.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass, field

from sqlalchemy import Engine

from mamoru.services.telemetry import alarms
from mamoru.services.telemetry.ingest import ingest_messages
from mamoru.services.uow import unit_of_work
from mamoru.telemetry.mqtt import Received, Subscription

log = logging.getLogger("mamoru.telemetry")


@dataclass
class Totals:
    messages: int = 0
    stored: int = 0
    duplicates: int = 0
    quarantined: int = 0
    alarms: int = 0
    rejected: dict[str, int] = field(default_factory=dict)


class Consumer:
    def __init__(self, engine: Engine, url: str, client_id: str = "mamoru-consumer", prefix: str = "mamoru",
                 batch_size: int = 2000, max_wait: float = 0.2, policy=None) -> None:
        from mamoru.config import load_policy

        self.engine, self.prefix, self.policy = engine, prefix, policy or load_policy()  # parsed once, not per batch
        self.batch_size, self.max_wait = batch_size, max_wait
        self.totals = Totals()
        self.watch = alarms.Watch()
        self.subscription = Subscription(url, client_id, [f"{prefix}/#"])

    def _batch(self, stop: threading.Event) -> list[Received]:
        batch: list[Received] = []
        deadline = None
        while len(batch) < self.batch_size and not stop.is_set():
            timeout = self.max_wait if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                batch.append(self.subscription.inbox.get(timeout=timeout))
            except queue.Empty:
                break
            if deadline is None:
                deadline = time.monotonic() + self.max_wait
        return batch

    def step(self, batch: list[Received]) -> None:
        with unit_of_work(self.engine, "mqtt-consumer", policy=self.policy) as ctx:
            result = ingest_messages(ctx, [(m.topic, m.payload) for m in batch], self.prefix)
            raised = self.watch.evaluate(ctx, result.points)
            if result.quarantined:
                ctx.audit("telemetry.quarantine", "telemetry", "quarantine", None,
                          {"messages": result.quarantined, "reasons": result.rejected})
        self.subscription.ack(batch)  # only now: the points are committed
        t = self.totals
        t.messages += len(batch)
        t.stored += result.stored
        t.duplicates += result.duplicates
        t.quarantined += result.quarantined
        t.alarms += raised
        for reason, n in result.rejected.items():
            t.rejected[reason] = t.rejected.get(reason, 0) + n

    def run(self, stop: threading.Event | None = None, idle_exit: float | None = None) -> Totals:
        """Consume until ``stop`` is set (or, with ``idle_exit``, after that many idle seconds)."""
        stop = stop or threading.Event()
        idle_since = time.monotonic()
        try:
            while not stop.is_set():
                batch = self._batch(stop)
                if not batch:
                    if idle_exit is not None and time.monotonic() - idle_since > idle_exit:
                        break
                    continue
                idle_since = time.monotonic()
                self.step(batch)
        finally:
            self.subscription.close()
        return self.totals
