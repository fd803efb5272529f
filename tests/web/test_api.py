"""The REST API as a script writer meets it, on SQLite and PostgreSQL: tokens, paging, the gate,
approvals, need-to-know, and bad input refused as problem JSON with nothing written."""

from __future__ import annotations

V1 = "/api/v1"


def audit_total(api) -> int:
    return api("auditor").get(f"{V1}/audit?limit=1").json()["total"]


def test_token_authenticates_and_a_revoked_token_is_refused(client, api, people):
    anonymous = client.get(f"{V1}/technologies")
    assert anonymous.status_code == 401
    assert anonymous.headers["content-type"].startswith("application/problem+json")
    assert anonymous.json()["code"] == "auth.unauthenticated"
    assert client.get(f"{V1}/me", headers={"Authorization": "Bearer mmr_not-a-token"}).status_code == 401

    made = api("staff").post(f"{V1}/tokens", json={"name": "nightly script"})
    assert made.status_code == 201
    secret = made.json()["token"]
    me = client.get(f"{V1}/me", headers={"Authorization": f"Bearer {secret}"})
    assert me.json() == {"username": "sato", "role": "staff", "technologies": 1,
                         "actions": ["disclose", "operate", "own_tokens", "read", "record_signal", "register_partner",
                                     "report_contact", "screen"]}
    listed = api("staff").get(f"{V1}/tokens").json()
    assert [t["name"] for t in listed["items"]] == ["tests", "nightly script"]
    assert all("token" not in t for t in listed["items"])  # the secret is shown once only

    revoked = api("staff").post(f"{V1}/tokens/{made.json()['id']}/revoke")
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    assert client.get(f"{V1}/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    assert api("staff").post(f"{V1}/tokens/{made.json()['id']}/revoke").status_code == 409
    # someone else's token is not yours to revoke
    assert api("auditor").post(f"{V1}/tokens/{made.json()['id']}/revoke").status_code == 404


def test_lists_are_paged(api, people):
    first = api("auditor").get(f"{V1}/partners?limit=2").json()
    assert (first["total"], first["limit"], first["offset"]) == (3, 2, 0)
    assert [p["code"] for p in first["items"]] == ["P-FAR", "P-NEW"]
    rest = api("auditor").get(f"{V1}/partners?limit=2&offset=2").json()
    assert [p["code"] for p in rest["items"]] == ["P-OK"]
    too_big = api("auditor").get(f"{V1}/partners?limit=100000")
    assert too_big.status_code == 422 and too_big.json()["params"]["fields"] == "limit"


def test_staff_register_a_partner(api, people):
    before = audit_total(api)
    made = api("staff").post(f"{V1}/partners", json={
        "code": "P-100", "name": "東海精機", "kind": "equipment_maker", "country": "JP",
        "officers": ["山田 太郎"], "certification_expiry": "2027-03-31"})
    assert made.status_code == 201, made.text
    got = api("auditor").get(f"{V1}/partners/P-100").json()
    assert (got["name"], got["officers"], got["risk_tier"], got["assessments"]) == ("東海精機", ["山田 太郎"], None, [])
    entry = api("auditor").get(f"{V1}/audit?entity_type=partner&entity_id=P-100").json()["items"][0]
    assert (entry["actor"], entry["action"]) == ("sato", "partner.create")
    assert audit_total(api) == before + 1

    again = api("staff").post(f"{V1}/partners", json={"code": "P-100", "name": "x", "kind": "supplier",
                                                      "country": "JP"})
    assert again.status_code == 409 and again.json()["code"] == "conflict.duplicate_code"
    assert api("staff").post(f"{V1}/partners/P-100/due-diligence", json={"factors": {
        "business_overlap": "low", "financial_condition": "low", "leadership_attitude": "low",
        "board_foreign_duty": "low", "reputation": "low"}}).status_code == 403
    assessed = api("tech_manager").post(f"{V1}/partners/P-100/due-diligence", json={"factors": {
        "business_overlap": "low", "financial_condition": "medium", "leadership_attitude": "low",
        "board_foreign_duty": "low", "reputation": "low"}, "comment": "初回評価"})
    assert assessed.status_code == 201 and assessed.json()["tier"] in ("low", "medium")


def test_a_denied_gate_check_gives_every_reason_in_japanese_and_english(api, people):
    asked = {"partner": "P-NEW", "elements": ["A-2"], "channel": "document"}
    check = api("staff").post(f"{V1}/gate/check", json=asked)
    assert check.status_code == 200
    decision = check.json()
    assert decision["outcome"] == "deny"
    codes = [r["code"] for r in decision["reasons"] if r["effect"] == "deny"]
    assert codes == ["gate.no_agreement", "gate.partner_unassessed"]
    for reason in decision["reasons"]:
        assert reason["message"]["ja"] and reason["message"]["en"]
        assert reason["message"]["ja"] != reason["message"]["en"]

    before = audit_total(api)
    recorded = api("staff").post(f"{V1}/disclosures", json={**asked, "purpose": "見積り", "accept_conditions": True})
    assert recorded.status_code == 422
    body = recorded.json()
    assert body["code"] == "disclosure.denied" and body["decision"]["outcome"] == "deny"
    assert body["message"]["ja"] and body["message"]["en"]
    assert audit_total(api) == before
    assert api("staff").get(f"{V1}/disclosures").json()["total"] == 0


def test_approval_round_trip_between_staff_and_technology_manager(api, people):
    request = {"partner": "P-OK", "elements": ["A-3"], "channel": "document", "purpose": "共同評価",
               "accept_conditions": True, "staged_plan": "第1段階: 条件範囲のみ"}
    assert api("staff").post(f"{V1}/gate/check", json=request | {"purpose": None}).status_code == 422  # GateIn is strict
    filed = api("staff").post(f"{V1}/disclosures", json=request)
    assert filed.status_code == 201, filed.text
    number = filed.json()["number"]
    assert (filed.json()["status"], filed.json()["outcome"]) == ("pending_approval", "needs_approval")
    pending = api("tech_manager").get(f"{V1}/disclosures?status=pending_approval").json()
    assert [d["number"] for d in pending["items"]] == [number]

    denied = api("staff").post(f"{V1}/disclosures/{number}/approve", json={})
    assert denied.status_code == 403 and denied.json()["code"] == "auth.forbidden"
    approved = api("tech_manager").post(f"{V1}/disclosures/{number}/approve", json={"comment": "段階開示で可"})
    assert approved.status_code == 200, approved.text
    assert (approved.json()["status"], approved.json()["decided_by"]) == ("approved", "tanaka")
    assert api("tech_manager").post(f"{V1}/disclosures/{number}/approve", json={}).status_code == 409
    cells = api("auditor").get(f"{V1}/exposure?partner=P-OK").json()["cells"]
    assert [(c["technology"], c["received"]) for c in cells] == [("T-A", ["A-3"])]

    second = api("staff").post(f"{V1}/disclosures", json=request).json()["number"]
    assert api("tech_manager").post(f"{V1}/disclosures/{second}/reject", json={}).status_code == 422
    rejected = api("tech_manager").post(f"{V1}/disclosures/{second}/reject", json={"comment": "時期尚早"})
    assert rejected.json()["status"] == "rejected"


def test_staff_see_only_assigned_technologies_and_no_restricted_details(api, people):
    staff, manager = api("staff"), api("tech_manager")
    assert [t["code"] for t in staff.get(f"{V1}/technologies").json()["items"]] == ["T-A"]
    hidden = staff.get(f"{V1}/technologies/T-B")
    assert hidden.status_code == 404 and hidden.json()["code"] == "notfound.technology"
    check = staff.post(f"{V1}/gate/check", json={"partner": "P-OK", "elements": ["B-1"], "channel": "oral"})
    assert check.status_code == 404 and check.json()["code"] == "notfound.element"

    mine = {e["code"]: e for e in staff.get(f"{V1}/technologies/T-A").json()["elements"]}
    assert mine["A-2"]["title"] and not mine["A-2"]["restricted"]
    assert mine["A-3"]["restricted"] and mine["A-3"]["title"] is None and mine["A-3"]["description"] is None
    theirs = {e["code"]: e for e in manager.get(f"{V1}/technologies/T-A").json()["elements"]}
    assert theirs["A-3"]["description"] == "secret detail T-A 3"
    assert staff.get(f"{V1}/agreements/NDA-1").json()["technologies"] == ["T-A"]

    other = manager.post(f"{V1}/disclosures", json={"partner": "P-OK", "elements": ["B-1"], "channel": "oral",
                                                   "purpose": "打合せ", "accept_conditions": True})
    assert other.status_code == 201, other.text
    assert staff.get(f"{V1}/disclosures").json()["total"] == 0
    assert staff.get(f"{V1}/disclosures/{other.json()['number']}").status_code == 404
    assert staff.get(f"{V1}/exposure").json()["cells"] == []
    assert manager.get(f"{V1}/exposure").json()["cells"][0]["technology"] == "T-B"


def test_bad_input_is_a_422_problem_naming_the_field_and_writes_nothing(api, people):
    before = audit_total(api)
    schema_error = api("tech_manager").post(f"{V1}/technologies/T-A/elements",
                                            json={"code": "A-9", "title": "new", "rank": 7})
    assert schema_error.status_code == 422
    assert schema_error.headers["content-type"].startswith("application/problem+json")
    problem = schema_error.json()
    assert problem["code"] == "api.invalid_request" and problem["params"]["fields"] == "rank"
    assert "rank" in problem["message"]["ja"] and "rank" in problem["message"]["en"]

    rule_error = api("tech_manager").post(f"{V1}/technologies", json={"code": "T-C", "name": "   ",
                                                                     "domain": "external_dependence"})
    assert rule_error.status_code == 422
    assert (rule_error.json()["code"], rule_error.json()["params"]["field"]) == ("input.required", "name")
    unknown = api("staff").post(f"{V1}/partners", json={"code": "P-9", "name": "n", "kind": "customer",
                                                        "country": "JP", "colour": "red"})
    assert unknown.status_code == 422 and unknown.json()["params"]["fields"] == "colour"
    assert audit_total(api) == before
    assert api("tech_manager").get(f"{V1}/technologies/T-C").status_code == 404


def test_openapi_document_describes_the_api(client):
    doc = client.get(f"{V1}/openapi.json").json()
    assert f"{V1}/gate/check" in doc["paths"]
    gate = doc["components"]["schemas"]["GateIn"]["properties"]
    assert gate["channel"]["enum"] == ["document", "oral", "sample", "process_audit", "equipment_spec"]


def test_unknown_api_paths_answer_in_problem_json(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code in (401, 404)
    assert response.headers["content-type"].startswith("application/problem+json")


def test_no_page_loads_assets_from_elsewhere(client):
    """Closed factory networks: mamoru serves every asset itself (no CDN, no Swagger UI)."""
    assert client.get("/api/v1/docs").status_code in (401, 404)
    assert "https://" not in client.get("/login").text
