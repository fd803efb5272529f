"""The factory-data demo tells the truth (with the stand-in anomaly model until the real one is merged)."""

from __future__ import annotations

from mamoru.demo import story
from mamoru.services.telemetry import alarms


def test_demo_pump_alarm_share_and_refusal(engine, tmp_path, monkeypatch):
    said = []
    out = story.run(engine, lambda key, payload: said.append(key), guard_dir=tmp_path)
    tele = out.telemetry
    assert sorted(tele["alarm_obligations"]) == ["inspect", "repair"]
    assert tele["levels"] == {"pump1/vibration": "raw", "pump1/current": "health", "furnace1/temp": "withheld"}
    assert tele["sent_channels"] == ["pump1/current", "pump1/vibration"]  # the firing curve never left
    assert tele["ledger"] and tele["ledger"][0][1] > 2000
    assert out.audit_ok
    assert "demo.telemetry.alarm" in said
