"""Forms refuse what a person gets wrong in place, new users start as staff, the checklist tells absent from not required."""

from __future__ import annotations

import re

from mamoru.services import agreements
from mamoru.services.uow import unit_of_work


def signed_in(client, username: str, password: str):
    token = re.search(r'name="login_csrf" value="([^"]*)"', client.get("/login").text).group(1)
    client.post("/login", data={"username": username, "password": password, "login_csrf": token})
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get("/account").text).group(1)


def test_the_user_form_preselects_staff_and_a_user_added_without_a_role_is_staff(client, people):
    csrf = signed_in(client, "admin", people["admin"]["password"])
    page = client.get("/account").text
    selected = re.findall(r'<option value="(\w+)" selected>', page.split('id="f-role"')[1].split("</select>")[0])
    assert selected == ["staff"]
    made = client.post("/users", data={"csrf_token": csrf, "username": "kato", "display_name": "加藤",
                                       "password": "amber-finch-ledger-0005"}, follow_redirects=False)
    assert made.status_code == 303
    row = re.search(r"<tr><td>kato</td><td>([^<]+)</td>", client.get("/account").text)
    assert row and row.group(1) == "担当者"


def test_a_code_with_a_slash_is_refused_in_the_form_and_nothing_is_created(client, people):
    csrf = signed_in(client, "tanaka", people["tech_manager"]["password"])
    bad = client.post("/technologies/new", data={"csrf_token": csrf, "code": "T/NEW", "name": "焼成",
                                                 "domain": "external_dependence"}, follow_redirects=False)
    assert bad.status_code == 422 and "コード の値 T/NEW は使えません" in bad.text
    assert "T/NEW" not in client.get("/technologies").text.split("<tbody>")[-1]


def test_checklist_says_not_required_rather_than_a_tick_for_an_absent_clause(client, people, engine):
    with unit_of_work(engine, "setup") as ctx:  # covers only a rank-2 element: rank-3 clauses are not required
        agreements.add_agreement(ctx, "NDA-2", "P-NEW", "nda", "2026-01-01", "2099-12-31", elements=["A-2"],
                                 clauses=["confidentiality", "purpose_limitation", "no_third_party", "no_copying",
                                          "return_destroy"])
    signed_in(client, "tanaka", people["tech_manager"]["password"])
    page = client.get("/agreements/NDA-2").text
    table = page.split("<h2>条項チェックリスト")[1].split("</table>")[0]
    rows = dict(re.findall(r"<tr><td>([^<]+)</td><td><span[^>]*>([^<]+)</span></td></tr>", table))
    assert rows["秘密保持"] == "✓ あり"
    assert rows["支配権変更の事前承諾・通知"] == rows["再委託の事前承諾・通知"] == rows["解除事由"] == "– 不要"
    assert "✓" not in rows["解除事由"]
