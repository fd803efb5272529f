"""What the gate reads from a partner (country, kind, ownership, certification) is changed only by a
technology manager or an admin; staff still edit the harmless fields. Via the web and the API.

The defect: staff could set a foreign partner's country to JP, record a disclosure of
export-controlled technology without the licence check, and set it back.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

from sqlalchemy import func, select

from mamoru.services import common as c
from mamoru.services import technologies
from mamoru.services.uow import read_only, unit_of_work
from mamoru.store.models import AuditEntry, Partner


def signed_in(client, username: str, password: str) -> str:
    token = re.search(r'name="login_csrf" value="([^"]*)"', client.get("/login").text).group(1)
    client.post("/login", data={"username": username, "password": password, "login_csrf": token})
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get("/account").text).group(1)


def partner(engine, code: str) -> SimpleNamespace:
    with read_only(engine) as ctx:
        row = ctx.session.execute(select(Partner).where(Partner.code == code)).scalar_one()
        return SimpleNamespace(**c.snapshot(row))


def audit_count(engine) -> int:
    with read_only(engine) as ctx:
        return ctx.session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()


def export_reasons(api) -> set[str]:
    decision = api("tech_manager").post("/api/v1/gate/check", json={
        "partner": "P-FAR", "elements": ["A-1"], "channel": "document", "form": "code_named"}).json()
    return {r["code"] for r in decision["reasons"]} & {"gate.export_licence_check"}


def test_staff_cannot_move_a_partner_to_japan_to_skip_the_export_check_via_the_api(api, engine, seeded):
    with unit_of_work(engine, "setup") as ctx:
        technologies.update_technology(ctx, "T-A", export_controlled=True)
    assert export_reasons(api) == {"gate.export_licence_check"}
    before = audit_count(engine)
    for change in ({"country": "JP"}, {"kind": "customer"}, {"parent_company": "Holding Ltd"},
                   {"major_shareholders": ["X Fund"]}, {"certification": "TICS"}, {"listed": True}):
        refused = api("staff").request("PATCH", "/api/v1/partners/P-FAR", json=change)
        assert refused.status_code == 403, change
        body = refused.json()
        assert body["code"] == "auth.partner_standing_role"
        assert "技術管理責任者" in body["message"]["ja"] and "technology manager" in body["message"]["en"]
    after = partner(engine, "P-FAR")
    assert (after.country, after.kind, after.parent_company, after.certification) == ("SG", "supplier", "", "")
    assert audit_count(engine) == before
    assert export_reasons(api) == {"gate.export_licence_check"}  # nothing skipped


def test_staff_still_edit_harmless_fields_and_unchanged_standing_values_pass(api, engine, seeded):
    ok = api("staff").request("PATCH", "/api/v1/partners/P-FAR",
                              json={"industry": "精密機械", "name_en": "Far Trading Pte", "country": "sg"})
    assert ok.status_code == 200, ok.text  # "sg" normalises to the same SG: not a change
    assert (partner(engine, "P-FAR").industry, partner(engine, "P-FAR").name_en) == ("精密機械", "Far Trading Pte")


def test_a_manager_changes_the_country_and_the_gate_rechecks_at_once(api, engine, seeded):
    with unit_of_work(engine, "setup") as ctx:
        technologies.update_technology(ctx, "T-A", export_controlled=True)
    moved = api("tech_manager").request("PATCH", "/api/v1/partners/P-FAR", json={"country": "JP"})
    assert moved.status_code == 200 and partner(engine, "P-FAR").country == "JP"
    assert export_reasons(api) == set()
    with read_only(engine) as ctx:
        entry = ctx.session.execute(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).scalar_one()
        entry = SimpleNamespace(actor=entry.actor, action=entry.action, after=entry.after)
    assert entry.actor == "tanaka" and entry.action == "partner.update_standing" and "country" in entry.after
    assert api("admin").request("PATCH", "/api/v1/partners/P-FAR", json={"country": "SG"}).status_code == 200
    assert export_reasons(api) == {"gate.export_licence_check"}


def form(**changes) -> dict:
    values = {"name": "Far Trading", "name_kana": "", "name_en": "", "kind": "supplier", "country": "SG",
              "industry": "", "parent_company": "", "major_shareholders": "", "officers": "", "certification": "",
              "certification_expiry": ""}
    return {**values, **changes}


def test_the_edit_form_refuses_staff_standing_changes_in_place_and_accepts_the_rest(client, engine, people, seeded):
    csrf = signed_in(client, "sato", people["staff"]["password"])
    before = audit_count(engine)
    refused = client.post("/partners/P-FAR/edit", data={"csrf_token": csrf, **form(country="JP")})
    assert refused.status_code in (403, 422) and "技術管理責任者" in refused.text
    assert partner(engine, "P-FAR").country == "SG" and audit_count(engine) == before
    saved = client.post("/partners/P-FAR/edit", data={"csrf_token": csrf, **form(industry="商社")},
                        follow_redirects=False)
    assert saved.status_code == 303 and partner(engine, "P-FAR").industry == "商社"
    client.cookies.clear()
    csrf = signed_in(client, "tanaka", people["tech_manager"]["password"])
    moved = client.post("/partners/P-FAR/edit", data={"csrf_token": csrf, **form(country="JP", industry="商社")},
                        follow_redirects=False)
    assert moved.status_code == 303 and partner(engine, "P-FAR").country == "JP"
