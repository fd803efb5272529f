"""The workbench pages over HTTP: edit forms are prefilled, errors sit next to their field, CSRF and roles
hold, and each change leaves one audit entry; the API PATCH routes call the same use cases."""

from __future__ import annotations

import io
import json
import re
from datetime import date, timedelta

from openpyxl import Workbook
from sqlalchemy import select

from mamoru.services import events, requests, samples
from mamoru.services import common as c
from mamoru.services.uow import read_only, unit_of_work
from mamoru.store.models import AuditEntry, Obligation, Partner, Sample


def signed_in(client, username: str, password: str) -> str:
    token = re.search(r'name="login_csrf" value="([^"]*)"', client.get("/login").text).group(1)
    client.post("/login", data={"username": username, "password": password, "login_csrf": token})
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get("/account").text).group(1)


def audit_after(engine, action: str) -> list[dict]:
    with read_only(engine) as ctx:
        rows = ctx.session.execute(select(AuditEntry.after).where(AuditEntry.action == action).order_by(AuditEntry.seq))
        return [json.loads(a) for a in rows.scalars()]


def field_error(page: str, name: str) -> str:
    found = re.search(rf'data-field="{name}">([^<]+)<', page)
    return found.group(1) if found else ""


def test_the_agreement_edit_form_is_prefilled_and_saves_one_audited_change(client, people, engine):
    csrf = signed_in(client, "tanaka", people["tech_manager"]["password"])
    detail = client.get("/agreements/NDA-1").text
    assert 'href="/agreements/NDA-1/edit"' in detail and "編集" in detail
    form = client.get("/agreements/NDA-1/edit").text
    assert 'value="秘密保持契約"' in form and re.search(r'value="return_destroy" checked', form)
    valid_to = (date.today() + timedelta(days=700)).isoformat()
    saved = client.post("/agreements/NDA-1/edit", data={
        "csrf_token": csrf, "title": "秘密保持契約（改定）", "kind": "nda",
        "valid_from": (date.today() - timedelta(days=30)).isoformat(), "valid_to": valid_to,
        "technologies": ["T-A", "T-B"], "clauses": ["confidentiality", "no_copying", "change_of_control:notice"],
        "triggers": ["list_hit"]}, follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"] == "/agreements/NDA-1"
    page = client.get("/agreements/NDA-1").text
    assert "秘密保持契約（改定）" in page and valid_to in page
    [after] = audit_after(engine, "agreement.update")
    assert sorted(after["clauses"]) == ["change_of_control:notice", "confidentiality", "no_copying",
                                        "termination_triggers:list_hit"]


def test_a_reversed_period_is_shown_next_to_the_field_and_nothing_changes(client, people, engine):
    csrf = signed_in(client, "tanaka", people["tech_manager"]["password"])
    bad = client.post("/agreements/NDA-1/edit", data={
        "csrf_token": csrf, "title": "x", "kind": "nda", "valid_from": "2027-01-01", "valid_to": "2026-01-01",
        "technologies": "T-A", "clauses": "confidentiality"})
    assert bad.status_code == 422
    assert "終了日" in field_error(bad.text, "valid_to")
    assert re.search(r'value="T-A" checked', bad.text)  # what was typed stays
    assert audit_after(engine, "agreement.update") == []


def test_staff_may_not_edit_agreements_or_elements_and_a_post_without_csrf_is_refused(client, people, engine):
    csrf = signed_in(client, "sato", people["staff"]["password"])
    assert client.get("/agreements/NDA-1/edit", follow_redirects=False).status_code == 403
    assert client.get("/elements/A-2/edit", follow_redirects=False).status_code == 403
    assert 'href="/agreements/NDA-1/edit"' not in client.get("/agreements/NDA-1").text
    refused = client.post("/samples/new", data={"partner": "P-OK"}, follow_redirects=False)
    assert refused.status_code == 403
    assert csrf


def test_an_element_is_edited_from_the_technology_page(client, people, engine):
    csrf = signed_in(client, "tanaka", people["tech_manager"]["password"])
    assert 'href="/elements/A-2/edit"' in client.get("/technologies/T-A").text
    assert 'value="低温焼結プロセス rank 2"' in client.get("/elements/A-2/edit").text
    bad = client.post("/elements/A-2/edit", data={"csrf_token": csrf, "title": "", "rank": "2", "kind": "condition"})
    assert bad.status_code == 422 and field_error(bad.text, "title")
    ok = client.post("/elements/A-2/edit", data={"csrf_token": csrf, "title": "焼成温度", "rank": "3",
                                                 "kind": "condition", "proper_nouns": "1"}, follow_redirects=False)
    assert ok.status_code == 303 and ok.headers["location"] == "/technologies/T-A"
    [after] = audit_after(engine, "element.update")
    assert (after["title"], after["rank"], after["proper_nouns"]) == ("焼成温度", 3, True)


def test_a_sample_loan_on_its_own_is_back_dated_gated_and_audited(client, people, engine):
    csrf = signed_in(client, "tanaka", people["tech_manager"]["password"])
    assert 'href="/samples/new"' in client.get("/samples").text
    lent_on = (date.today() - timedelta(days=20)).isoformat()
    return_by = (date.today() - timedelta(days=5)).isoformat()
    form = {"csrf_token": csrf, "partner": "P-OK", "elements": "A-2", "purpose": "評価用", "form": "plain",
            "code": "S-BACK", "sample_description": "焼結体 3個", "lent_on": lent_on, "return_by": return_by}
    unaccepted = client.post("/samples/new", data=form)
    assert unaccepted.status_code == 422 and 'data-code="disclosure.conditions_not_accepted"' in unaccepted.text
    future = client.post("/samples/new", data={**form, "accept_conditions": "1",
                                               "lent_on": (date.today() + timedelta(days=3)).isoformat()})
    assert future.status_code == 422 and "未来" in field_error(future.text, "lent_on")
    made = client.post("/samples/new", data={**form, "accept_conditions": "1"}, follow_redirects=False)
    assert made.status_code == 303 and made.headers["location"] == "/samples/S-BACK"
    page = client.get("/samples/S-BACK").text
    assert lent_on in page and return_by in page
    [after] = audit_after(engine, "sample.lend")
    assert after["backdated"] is True and after["lent_on"] == lent_on
    assert "S-BACK" in client.get("/samples?status=out").text


def test_a_sample_edit_refuses_a_return_date_before_the_lend_date(client, people, engine):
    with unit_of_work(engine, "setup") as ctx:
        samples.lend(ctx, "S-1", c.by_code(ctx, Partner, "P-OK").id, None, "試作品", date.today() + timedelta(days=10))
    csrf = signed_in(client, "sato", people["staff"]["password"])
    assert 'href="/samples/S-1/edit"' in client.get("/samples/S-1").text
    bad = client.post("/samples/S-1/edit", data={"csrf_token": csrf, "description": "試作品",
                                                 "lent_on": date.today().isoformat(),
                                                 "return_by": (date.today() - timedelta(days=1)).isoformat()})
    assert bad.status_code == 422 and "貸出日" in field_error(bad.text, "return_by")
    ok = client.post("/samples/S-1/edit", data={"csrf_token": csrf, "description": "試作品 A",
                                                "lent_on": (date.today() - timedelta(days=2)).isoformat(),
                                                "return_by": date.today().isoformat()}, follow_redirects=False)
    assert ok.status_code == 303
    [after] = audit_after(engine, "sample.update")
    assert after["description"] == "試作品 A" and after["backdated"] is True


def test_an_event_kind_cannot_change_once_it_made_obligations_and_the_page_says_why(client, people, engine):
    with unit_of_work(engine, "setup") as ctx:
        event, _ = events.record_event(ctx, "P-OK", "capital_change", date.today(), "増資")
        event_id = event.id
    csrf = signed_in(client, "sato", people["staff"]["password"])
    form = {"csrf_token": csrf, "kind": "litigation", "occurred_on": date.today().isoformat(), "description": "増資"}
    refused = client.post(f"/events/{event_id}/edit", data=form)
    assert refused.status_code == 409 and "種類は変更できません" in field_error(refused.text, "kind")
    ok = client.post(f"/events/{event_id}/edit", data={**form, "kind": "capital_change", "source": "官報"},
                     follow_redirects=False)
    assert ok.status_code == 303
    assert "官報" in client.get(f"/events/{event_id}").text


def test_a_request_is_edited_only_before_its_review(client, people, engine):
    with unit_of_work(engine, "setup") as ctx:
        req_id = requests.record_request(ctx, "某機関", "開示要求").id
    csrf = signed_in(client, "sato", people["staff"]["password"])
    assert f'href="/requests/{req_id}/edit"' in client.get(f"/requests/{req_id}").text
    ok = client.post(f"/requests/{req_id}/edit", data={"csrf_token": csrf, "requester": "某国政府系機関",
                                                       "subject": "配合比の開示要求", "government_backed": "1",
                                                       "received_on": date.today().isoformat()}, follow_redirects=False)
    assert ok.status_code == 303
    with unit_of_work(engine, "setup") as ctx:
        requests.review(ctx, req_id, False, "合理性なし")
    assert f'href="/requests/{req_id}/edit"' not in client.get(f"/requests/{req_id}").text
    late = client.post(f"/requests/{req_id}/edit", data={"csrf_token": csrf, "requester": "x", "subject": "y",
                                                         "received_on": date.today().isoformat()})
    assert late.status_code == 409 and "審査済み" in late.text


def test_an_obligation_is_raised_by_hand_with_a_label_and_a_past_due_date_is_refused(client, people, engine):
    csrf = signed_in(client, "sato", people["staff"]["password"])
    assert 'href="/obligations/new"' in client.get("/obligations").text
    form = client.get("/obligations/new").text
    assert "警察への相談・被害届" in form and "弁護士への相談" in form and "証拠の保全" in form
    past = client.post("/obligations/new", data={"csrf_token": csrf, "kind": "preserve_evidence",
                                                 "due_on": (date.today() - timedelta(days=1)).isoformat()})
    assert past.status_code == 422 and "過去" in field_error(past.text, "due_on")
    made = client.post("/obligations/new", data={"csrf_token": csrf, "kind": "consult_authority", "partner": "P-FAR",
                                                 "due_on": (date.today() + timedelta(days=7)).isoformat(),
                                                 "detail": "リスト該当の疑い"}, follow_redirects=False)
    assert made.status_code == 303
    page = client.get(made.headers["location"]).text
    assert "経済産業省への相談" in page and "P-FAR" in page
    with read_only(engine) as ctx:
        [ob] = ctx.session.execute(select(Obligation).where(Obligation.source == "manual")).scalars().all()
        assert ob.kind == "consult_authority"
    auditor = signed_in(client, "yamada", people["auditor"]["password"])
    assert client.post("/obligations/new", data={"csrf_token": auditor, "kind": "review",
                                                 "due_on": date.today().isoformat()}).status_code == 403


def test_the_importance_page_suggests_live_records_and_confirms(client, people, engine):
    csrf = signed_in(client, "tanaka", people["tech_manager"]["password"])
    assert 'href="/technologies/T-A/importance"' in client.get("/technologies/T-A").text
    page = client.get("/technologies/T-A/importance").text
    assert "優位性" in page and "軍事転用可能性" in page and "まず判定を記録してください" in page
    axes = {"advantage": "low", "irreplaceability": "low", "leak_impact": "low", "security_relevance": "high",
            "secrecy": "low"}
    htmx = {"X-CSRF-Token": csrf, "HX-Request": "true"}  # as htmx sends it (the page's hx-headers)
    assert client.post("/technologies/T-A/importance/suggest", data=axes).status_code == 403  # no token
    live = client.post("/technologies/T-A/importance/suggest", data=axes, headers=htmx).text
    assert "最重要" in live and 'data-code="security_lift"' in live and "合計 7 点" in live
    partial = client.post("/technologies/T-A/importance/suggest", data={**axes, "secrecy": ""}, headers=htmx).text
    assert "5つの観点をすべて選ぶと" in partial
    recorded = client.post("/technologies/T-A/importance", data={"csrf_token": csrf, **axes}, follow_redirects=False)
    assert recorded.status_code == 303
    confirmed = client.post("/technologies/T-A/tier", data={"csrf_token": csrf, "tier": "important"},
                            follow_redirects=False)
    assert confirmed.status_code == 303
    assert [a["confirmed_tier"] for a in audit_after(engine, "technology.confirm_tier")] == ["important"]
    staff = signed_in(client, "sato", people["staff"]["password"])
    assert client.post("/technologies/T-A/tier", data={"csrf_token": staff, "tier": "general"}).status_code == 403


def _codebook_xlsx(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "codebook"
    ws.append(["技術", "用語", "要素", "区分", "コードネーム"])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_the_codebook_page_adds_retires_previews_imports_and_exports(client, people, engine):
    csrf = signed_in(client, "tanaka", people["tech_manager"]["password"])
    assert 'href="/codebook"' in client.get("/").text
    added = client.post("/codebook/terms", data={"csrf_token": csrf, "technology": "T-A", "term": "アルミナ粉末X",
                                                 "element": "A-2", "category": "material", "code_name": "MAT-901"},
                        follow_redirects=False)
    assert added.status_code == 303
    twice = client.post("/codebook/terms", data={"csrf_token": csrf, "technology": "T-A", "term": "アルミナ粉末X",
                                                 "element": "A-2", "category": "material"})
    assert twice.status_code == 409 and field_error(twice.text, "term")
    page = client.get("/codebook").text
    assert "アルミナ粉末X" in page and "MAT-901" in page and "材料" in page and "全取引先で共通" in page
    data = _codebook_xlsx([["T-A", "焼成炉K", "A-3", "equipment", ""], ["T-B", "塗料Z", "B-1", "material", ""]])
    preview = client.post("/codebook/import", data={"csrf_token": csrf, "mode": "preview"},
                          files={"file": ("terms.xlsx", data)})
    assert preview.status_code == 200 and "2 件を取り込めます" in preview.text
    assert "焼成炉K" not in client.get("/codebook").text.split('id="import-result"')[-1]
    bad = _codebook_xlsx([["T-A", "新語", "NO-SUCH", "other", ""]])
    refused = client.post("/codebook/import", data={"csrf_token": csrf, "mode": "import"},
                          files={"file": ("bad.xlsx", bad)})
    assert refused.status_code == 422 and "bad.xlsx" in refused.text and "element" in refused.text
    imported = client.post("/codebook/import", data={"csrf_token": csrf, "mode": "import"},
                           files={"file": ("terms.xlsx", data)})
    assert "2 件を取り込みました" in imported.text
    scoped = client.post("/codebook/T-A/scope", data={"csrf_token": csrf, "scope": "partner"}, follow_redirects=False)
    assert scoped.status_code == 303 and "取引先ごとに別" in client.get("/codebook").text
    retired = client.post("/codebook/terms/MAT-901/retire", data={"csrf_token": csrf}, follow_redirects=False)
    assert retired.status_code == 303 and "MAT-901" not in client.get("/codebook").text
    exported = client.get("/codebook/export.xlsx")
    assert exported.status_code == 200 and exported.content[:2] == b"PK"
    actions = {a for (a,) in _actions(engine)}
    assert {"guard.term.add", "guard.term.retire", "guard.codebook.scope", "guard.codebook.import"} <= actions
    staff = signed_in(client, "sato", people["staff"]["password"])
    assert client.get("/codebook", follow_redirects=False).status_code == 403
    assert staff


def _actions(engine):
    with read_only(engine) as ctx:
        return ctx.session.execute(select(AuditEntry.action)).all()


def test_the_api_patches_call_the_same_use_cases(api, engine):
    admin = api("admin")
    moved = admin.request("PATCH", "/api/v1/agreements/NDA-1", json={"title": "NDA 改定"})
    assert moved.status_code == 200 and moved.json()["title"] == "NDA 改定"
    reversed_ = admin.request("PATCH", "/api/v1/agreements/NDA-1", json={"valid_from": "2030-01-01",
                                                                         "valid_to": "2029-01-01"})
    assert reversed_.status_code == 422 and reversed_.json()["code"] == "input.period_reversed"
    assert api("staff").request("PATCH", "/api/v1/agreements/NDA-1", json={"title": "x"}).status_code == 403
    rank = admin.request("PATCH", "/api/v1/elements/A-2", json={"rank": 3})
    assert rank.status_code == 200 and rank.json()["rank"] == 3
    due = (date.today() + timedelta(days=3)).isoformat()
    made = admin.post("/api/v1/obligations", json={"kind": "consult_lawyer", "due_on": due, "partner": "P-OK"})
    assert made.status_code == 201 and made.json()["kind"] == "consult_lawyer"
    judged = admin.post("/api/v1/technologies/T-A/importance", json={
        "advantage": "high", "irreplaceability": "high", "leak_impact": "high", "security_relevance": "low",
        "secrecy": "high"})
    assert judged.status_code == 200 and judged.json()["tier"] == "top_priority"
    with read_only(engine) as ctx:
        assert ctx.session.execute(select(Sample)).first() is None
