"""paho-mqtt clients: a publisher (gateways, the demo, the partner bridge) and the consumer's connection.

QoS 1 everywhere. The consumer connects with a fixed client id and ``clean_session=False`` so the
broker keeps its subscription and queues messages while it is away, and with ``manual_ack`` so
a message is acknowledged only after the database transaction that stores it has committed.
"""

from __future__ import annotations

import queue
import threading
from dataclasses import dataclass
from urllib.parse import urlparse

import paho.mqtt.client as paho
from paho.mqtt.enums import CallbackAPIVersion


def address(url: str) -> tuple[str, int]:
    parsed = urlparse(url if "://" in url else f"mqtt://{url}")
    if parsed.scheme not in ("mqtt", "tcp"):
        raise ValueError(f"unsupported MQTT URL {url!r} (mqtt://host:port)")
    return parsed.hostname or "127.0.0.1", parsed.port or 1883


class Publisher:
    """Publishes with QoS 1 and waits for the broker's PUBACK (so a returned publish is on the broker)."""

    def __init__(self, url: str, client_id: str = "") -> None:
        host, port = address(url)
        self.client = paho.Client(CallbackAPIVersion.VERSION2, client_id=client_id, protocol=paho.MQTTv311)
        self.client.max_inflight_messages_set(1000)
        self.client.max_queued_messages_set(0)
        self.client.connect(host, port, keepalive=30)
        self.client.loop_start()

    def publish(self, topic: str, payload: bytes, wait: bool = True) -> paho.MQTTMessageInfo:
        info = self.client.publish(topic, payload, qos=1)
        if wait:
            info.wait_for_publish(timeout=30)
        return info

    def close(self) -> None:
        self.client.loop_stop()
        self.client.disconnect()


@dataclass
class Received:
    mid: int
    topic: str
    payload: bytes


class Subscription:
    """A persistent-session subscriber whose messages wait in a queue until ``ack``-ed."""

    def __init__(self, url: str, client_id: str, topics: list[str], clean: bool = False) -> None:
        host, port = address(url)
        self.inbox: queue.Queue[Received] = queue.Queue()
        self.connected = threading.Event()
        self.subscribed = threading.Event()
        self.topics = topics
        self.client = paho.Client(CallbackAPIVersion.VERSION2, client_id=client_id, clean_session=clean,
                                  protocol=paho.MQTTv311, manual_ack=True)
        self.client.max_inflight_messages_set(1000)
        self.client.on_connect = self._on_connect
        self.client.on_disconnect = lambda *a: self.connected.clear()
        self.client.on_subscribe = lambda *a: self.subscribed.set()
        self.client.on_message = lambda _c, _u, msg: self.inbox.put(Received(msg.mid, msg.topic, msg.payload))
        self.client.reconnect_delay_set(0.2, 5)
        self.client.connect(host, port, keepalive=30)
        self.client.loop_start()

    def _on_connect(self, client, _userdata, _flags, reason_code, _props) -> None:
        if not reason_code.is_failure:
            client.subscribe([(t, 1) for t in self.topics])
            self.connected.set()

    def ack(self, messages: list[Received]) -> None:
        for m in messages:
            self.client.ack(m.mid, 1)

    def close(self) -> None:
        self.client.loop_stop()
        self.client.disconnect()
