"""Lending a sample through the REST API: the disclosure is recorded and the sample is lent, on both backends."""

from __future__ import annotations

from datetime import date, timedelta

V1 = "/api/v1"


def test_a_sample_disclosure_through_the_api_records_the_disclosure_and_lends_the_sample(api, people):
    return_by = (date.today() + timedelta(days=30)).isoformat()
    made = api("staff").post(f"{V1}/disclosures", json={
        "partner": "P-OK", "elements": ["A-1"], "channel": "sample", "purpose": "評価用サンプル",
        "accept_conditions": True, "sample": {"code": "S-API-1", "description": "焼結体 5個", "return_by": return_by}})
    assert made.status_code == 201, made.text
    body = made.json()
    assert body["status"] == "recorded"
    assert body["sample_request"] == {"code": "S-API-1", "description": "焼結体 5個", "return_by": return_by}
    lent = api("auditor").get(f"{V1}/samples/S-API-1")
    assert lent.status_code == 200, lent.text
    assert (lent.json()["due_back"], lent.json()["disclosure"], lent.json()["status"]) == (
        return_by, body["number"], "out")


def test_a_pending_sample_disclosure_lends_the_sample_when_approved(api, people):
    return_by = (date.today() + timedelta(days=14)).isoformat()
    filed = api("staff").post(f"{V1}/disclosures", json={
        "partner": "P-OK", "elements": ["A-3"], "channel": "sample", "purpose": "共同評価",
        "accept_conditions": True, "staged_plan": "第1段階のみ",
        "sample": {"description": "試作品", "return_by": return_by}})
    assert filed.status_code == 201, filed.text
    number = filed.json()["number"]
    assert filed.json()["status"] == "pending_approval"
    assert api("auditor").get(f"{V1}/samples").json()["total"] == 0
    approved = api("tech_manager").post(f"{V1}/disclosures/{number}/approve", json={"comment": "可"})
    assert approved.status_code == 200, approved.text
    [sample] = api("auditor").get(f"{V1}/samples").json()["items"]
    assert (sample["due_back"], sample["disclosure"]) == (return_by, number)


def test_a_sample_due_back_in_the_past_is_refused_and_nothing_is_recorded(api, people):
    before = api("auditor").get(f"{V1}/audit?limit=1").json()["total"]
    refused = api("staff").post(f"{V1}/disclosures", json={
        "partner": "P-OK", "elements": ["A-1"], "channel": "sample", "purpose": "評価",
        "accept_conditions": True, "sample": {"description": "焼結体", "return_by": "2001-01-01"}})
    assert refused.status_code == 422
    assert refused.json()["code"] == "input.return_date_past"
    assert refused.json()["message"]["ja"] and refused.json()["message"]["en"]
    assert api("auditor").get(f"{V1}/disclosures").json()["total"] == 0
    assert api("auditor").get(f"{V1}/audit?limit=1").json()["total"] == before
