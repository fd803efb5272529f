"""Fixtures for factory data: a real mosquitto (its own config in tmp, persistence on) and a small plant."""

from __future__ import annotations

import os

import pytest

from mamoru.services import agreements, partners, technologies
from mamoru.services.telemetry import register as reg
from mamoru.telemetry import broker as mosquitto


def _no_broker(reason: str):
    """Without mosquitto the MQTT tests skip loudly; under CI (CI=true) the run fails instead."""
    if os.environ.get("CI") == "true":
        pytest.fail("mosquitto is required under CI: " + reason, pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def mqtt_broker(tmp_path_factory):
    """The broker scripts/test started (MAMORU_TEST_MQTT_URL), else a mosquitto of this session's own
    on a free loopback port (config in tmp, persistence on), stopped at the end."""
    shared = os.environ.get("MAMORU_TEST_MQTT_URL")
    if shared:
        from mamoru.telemetry.mqtt import address

        yield mosquitto.Broker(tmp_path_factory.mktemp("shared-broker"), address(shared)[1])
        return
    if mosquitto.executable() is None:
        _no_broker("mosquitto is not installed (apt-get install mosquitto; scripts/test installs it)")
    running = mosquitto.start(tmp_path_factory.mktemp("mosquitto"))
    yield running
    running.stop()


@pytest.fixture
def own_broker(tmp_path):
    """A private broker a test may stop and restart."""
    if mosquitto.executable() is None:
        _no_broker("mosquitto is not installed")
    running = mosquitto.start(tmp_path / "mosquitto")
    yield running
    running.stop()


def build_plant(ctx, partner: bool = True) -> None:
    """A furnace whose temperature reveals the firing profile (rank 4), a pump whose signals reveal little."""
    technologies.add_technology(ctx, "T-SINTER", name="低温焼結", domain="technological_superiority")
    technologies.add_element(ctx, "T-SINTER", "E-PROFILE", title="焼成温度プロファイル", rank=4, kind="condition")
    technologies.add_technology(ctx, "T-PUMP", name="冷却水循環", domain="external_dependence")
    technologies.add_element(ctx, "T-PUMP", "E-PUMPLOAD", title="ポンプ負荷", rank=1, kind="data")
    reg.add_asset(ctx, "furnace1", "焼成炉1号", "kyoto", "line1", "棟A")
    reg.add_channel(ctx, "furnace1", "temp", "炉内温度", "°C", 20, 1300, 1.0, ["E-PROFILE"])
    reg.add_asset(ctx, "pump1", "冷却水ポンプ", "kyoto", "line1", "棟A")
    reg.add_channel(ctx, "pump1", "vibration", "振動", "g", 0, 1.0, 1.0, ["E-PUMPLOAD"])
    reg.add_channel(ctx, "pump1", "current", "電流", "A", 0, 5.0, 1.0, ["E-PUMPLOAD"])
    if partner:
        partners.add_partner(ctx, "MAKER", name="装置メーカー", kind="equipment_maker", country="JP")
        agreements.add_agreement(ctx, "DUA-1", "MAKER", "data_use", "2026-01-01", "2027-12-31",
                                 title="遠隔保守データ利用契約", technologies=["T-PUMP"],
                                 clauses=["confidentiality", "purpose_limitation", "no_patent_filing",
                                          "no_third_party", "return_destroy"])
