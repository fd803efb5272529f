"""Factory data through the doors: need-to-know on channels, charts from rollups, the partner's feed by token."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone

from mamoru.services.telemetry import register as reg
from mamoru.services.telemetry import sharing
from mamoru.services.telemetry.ingest import ingest_messages
from mamoru.services.uow import unit_of_work
from tests.web.conftest import bearer

END = datetime.now(timezone.utc).replace(second=0, microsecond=0)


def _plant(engine, hours=6):
    with unit_of_work(engine, "setup") as ctx:
        reg.add_asset(ctx, "furnace1", "焼成炉", "kyoto", "line1")
        reg.add_channel(ctx, "furnace1", "temp", "炉内温度", "°C", 20, 1300, 1.0, ["B-4"])  # T-B: not staff's
        reg.add_asset(ctx, "pump1", "ポンプ", "kyoto", "line1")
        reg.add_channel(ctx, "pump1", "current", "電流", "A", 0, 5, 1.0, ["A-1"])
        start = END - timedelta(hours=hours)
        for ch, asset, base in (("current", "pump1", 2.0), ("temp", "furnace1", 900.0)):
            pts = [{"channel": ch, "ts": (start + timedelta(seconds=s)).isoformat(), "value": base + (s % 60) / 60}
                   for s in range(hours * 3600)]
            ingest_messages(ctx, [(f"mamoru/kyoto/line1/{asset}", json.dumps({"points": pts[i:i + 3600]}).encode())
                                  for i in range(0, len(pts), 3600)])


def test_staff_do_not_see_channels_revealing_technologies_they_are_not_assigned(engine, api):
    _plant(engine, 1)
    mine = api("staff").get("/api/v1/telemetry/assets").json()["items"]
    assert {a["code"]: [c["code"] for c in a["channels"]] for a in mine} == {"furnace1": [], "pump1": ["current"]}
    assert api("staff").get("/api/v1/telemetry/assets/furnace1/channels/temp/series").status_code == 404
    manager = api("tech_manager").get("/api/v1/telemetry/assets").json()["items"]
    assert [c["code"] for c in manager[0]["channels"]] == ["temp"]


def test_a_long_chart_is_drawn_from_rollups_not_raw_points(engine, api):
    _plant(engine, 6)
    body = api("staff").get("/api/v1/telemetry/assets/pump1/channels/current/series",
                            params={"start": (END - timedelta(hours=6)).isoformat(), "end": END.isoformat()}).json()
    assert body.get("resolution") == "60", body
    assert len(body["items"]) == 360, (len(body["items"]), body["items"][:2])  # not 21,600 points
    assert sum(i["count"] for i in body["items"]) == 6 * 3600
    svg = api("staff").get("/telemetry/chart/pump1/current.svg", params={"hours": 6, "end": END.isoformat()})
    assert svg.headers["content-type"].startswith("image/svg+xml")
    mean = re.search(r'class="mean" points="([^"]+)"', svg.text).group(1)
    assert len(mean.split()) == 360 and "<script" not in svg.text
    page = api("staff").get("/telemetry/assets/pump1")
    assert page.status_code == 200 and "/telemetry/chart/pump1/current.svg" in page.text


def test_the_partner_pulls_its_feed_with_its_own_token_only(engine, client, people):
    from mamoru.services import agreements, partners

    _plant(engine, 1)
    today = END.date()
    with unit_of_work(engine, "setup", now=END) as ctx:
        partners.add_partner(ctx, "MAKER", name="装置メーカー", kind="equipment_maker", country="JP")
        agreements.add_agreement(ctx, "DUA-9", "MAKER", "data_use", today - timedelta(days=1),
                                 today + timedelta(days=30), technologies=["T-A"],
                                 clauses=["confidentiality", "purpose_limitation", "no_patent_filing",
                                          "no_third_party", "return_destroy"])
        sharing.set_terms(ctx, "DUA-9", "remote_maintenance", 30)
        sharing.request_channel(ctx, "DUA-9", "pump1", "current", "aggregated", 10)
        token = sharing.issue_token(ctx, "DUA-9")
    since = (END - timedelta(hours=2)).isoformat()
    got = client.get("/api/v1/feeds/DUA-9", params={"since": since}, headers=bearer(token))
    assert got.status_code == 200, got.text
    rows = got.json()["channels"]["pump1/current"]["data"]
    assert got.json()["channels"].keys() == {"pump1/current"}
    assert 5 <= len(rows) <= 8 and max(r[4] for r in rows) == 600  # 10-minute buckets of the hour streamed
    assert sum(r[4] for r in rows) <= 3600
    assert client.get("/api/v1/feeds/DUA-9", headers=bearer(people["admin"]["token"])).status_code == 401
    assert client.get("/api/v1/feeds/DUA-9").status_code == 401
    ledger = client.get("/api/v1/telemetry/ledger", headers=bearer(people["auditor"]["token"])).json()["items"]
    assert ledger[0]["points"] == len(rows) and ledger[0]["partner"] == "MAKER"


def test_an_asset_that_stopped_sending_is_charted_up_to_its_last_point(engine, api):
    """History imported from last week (or a pump switched off) must not show an empty 'last 24 h'."""
    with unit_of_work(engine, "setup") as ctx:
        reg.add_asset(ctx, "pump1", "ポンプ", "kyoto", "line1")
        reg.add_channel(ctx, "pump1", "current", "電流", "A", 0, 5, 1.0, ["A-1"])
        last = END - timedelta(days=3)
        pts = [{"channel": "current", "ts": (last - timedelta(seconds=s)).isoformat(), "value": 2.0} for s in range(600)]
        ingest_messages(ctx, [("mamoru/kyoto/line1/pump1", json.dumps({"points": pts}).encode())])
    page = api("staff").get("/telemetry/assets/pump1", params={"hours": 24})
    src = re.search(r'src="(/telemetry/chart/pump1/current\.svg[^"]*)"', page.text).group(1).replace("&amp;", "&")
    assert "end=" in src, src
    svg = api("staff").get(src)
    assert int(re.search(r"\b(\d+) values", svg.text).group(1)) > 0, svg.text[-300:]
