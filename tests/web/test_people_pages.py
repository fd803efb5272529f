"""People pages, API and CLI, in Japanese first: register, pledge, declare, review, exit, contact, oral check."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from mamoru.services import people as register
from mamoru.services.uow import read_only, unit_of_work
from tests.web.test_pages import signed_in


def _person(engine, code="E-1", user=None, techs=("T-A",)):
    with unit_of_work(engine, "setup") as ctx:
        register.add_person(ctx, code, "加藤 健一", "employee", "2015-04-01", "材料開発部", list(techs), user=user)


def test_a_manager_registers_pledges_and_records_an_exit_through_the_forms(client, people, engine):
    csrf = signed_in(client, "tanaka", people["tech_manager"]["password"])
    listed = client.get("/people")
    assert listed.status_code == 200 and "技術を扱う人の名簿" in listed.text and 'href="/people/new"' in listed.text
    bad = client.post("/people/new", data={"csrf_token": csrf, "code": "E-1", "name": "加藤 健一", "kind": "employee",
                                           "joined_on": "2015-13-01", "technologies": "T-A"})
    assert bad.status_code == 422 and 'data-field="joined_on"' in bad.text
    made = client.post("/people/new", data={"csrf_token": csrf, "code": "E-1", "name": "加藤 健一", "kind": "employee",
                                            "joined_on": "2015-04-01", "technologies": "T-A", "department": "材料開発部",
                                            "user": ""}, follow_redirects=False)
    assert made.status_code == 303 and made.headers["location"] == "/people/E-1"
    pledge = client.post("/people/E-1/pledges", data={"csrf_token": csrf, "kind": "project", "signed_on": "2014-01-01",
                                                      "document": "誓約書 PJ-1", "technologies": "T-A"})
    assert pledge.status_code == 422 and "入社日" in pledge.text  # signed before joining: said in place
    assert client.post("/people/E-1/pledges", data={"csrf_token": csrf, "kind": "hiring", "signed_on": "2015-04-01",
                                                    "document": "誓約書 2015-004"}).status_code == 200
    early = client.post("/people/E-1/exit", data={"csrf_token": csrf, "last_day": "2014-03-31"})
    assert early.status_code == 422 and "最終出社日 2014-03-31 が入社日 2015-04-01 より前です" in early.text
    left = client.post("/people/E-1/exit", data={"csrf_token": csrf, "last_day": "2026-12-25", "note": "転職"})
    assert left.status_code == 200
    page = client.get("/people/E-1").text
    for text in ("アクセス権の停止（最終出社日）", "共有パスワードの変更", "貸与機器・記録媒体の回収", "退職時誓約の説明面談",
                 "誓約書 2015-004", "入社時誓約"):
        assert text in page
    assert "退職を記録" not in page  # no second exit form


def test_forms_without_the_csrf_token_write_nothing(client, people, engine):
    _person(engine)
    signed_in(client, "tanaka", people["tech_manager"]["password"])
    refused = client.post("/people/E-1/exit", data={"last_day": "2026-12-25"}, follow_redirects=False)
    assert refused.status_code in (400, 403)
    with read_only(engine) as ctx:
        assert register.detail(ctx, "E-1").obligations == []


def test_staff_declare_for_themselves_and_see_no_one_elses_declarations(client, people, engine):
    _person(engine, "E-SATO", user="sato")
    _person(engine, "R-1", techs=("T-B",))
    with unit_of_work(engine, "setup") as ctx:
        from mamoru.services import pledges

        pledges.declare(ctx, "R-1", "2026-01-05", side_jobs="大学の非常勤講師")
    csrf = signed_in(client, "sato", people["staff"]["password"])
    own = client.post("/people/E-SATO/declarations", data={"csrf_token": csrf, "declared_on": "2026-01-10",
                                                           "side_jobs": "地域の陶芸教室の講師", "foreign_contract": "no",
                                                           "foreign_direction": "no", "income_share": "0",
                                                           "significant_benefit": "no", "foreign_instructions": "no"})
    assert own.status_code == 200 and "地域の陶芸教室の講師" in own.text and "非該当" in own.text
    other = client.get("/people/R-1")
    assert other.status_code == 200 and "大学の非常勤講師" not in other.text and "閲覧できます" in other.text
    assert "申告を記録" not in other.text
    forged = client.post("/people/R-1/declarations", data={"csrf_token": csrf, "side_jobs": "偽の申告"})
    assert forged.status_code == 403
    assert client.post("/people/R-1/exit", data={"csrf_token": csrf, "last_day": "2026-12-25"}).status_code == 403


def test_the_oral_check_page_says_no_for_a_core_element_to_a_person_under_the_categories(client, people, engine):
    _person(engine, "R-1")
    with unit_of_work(engine, "setup") as ctx:
        from mamoru.services import pledges

        pledges.declare(ctx, "R-1", "2026-01-05", foreign_contract="no", income_share=30, significant_benefit="no",
                        foreign_instructions="no")
        pledges.review(ctx, "R-1", "yes")
    csrf = signed_in(client, "tanaka", people["tech_manager"]["password"])
    answer = client.post("/people/R-1/oral-check", data={"csrf_token": csrf, "elements": "A-4", "purpose": "打合せ"})
    assert answer.status_code == 200
    assert 'data-outcome="deny"' in answer.text and "特定類型に該当（みなし輸出）" in answer.text
    assert 'id="oral-record"' in answer.text
    unknown = client.post("/people/R-1/oral-check", data={"csrf_token": csrf, "elements": "Z-9"})
    assert unknown.status_code == 422
    assert "該当" in client.get("/people/R-1").text


def test_the_api_registers_people_and_withholds_personal_data(api, engine):
    made = api("tech_manager").post("/api/v1/people", json={"code": "E-2", "name": "森 大輔", "kind": "employee",
                                                            "joined_on": "2026-07-01", "technologies": ["T-A"]})
    assert made.status_code == 201, made.text
    declared = api("tech_manager").post("/api/v1/people/E-2/declarations",
                                        json={"side_jobs": "なし", "income_share": 26, "foreign_contract": "no",
                                              "significant_benefit": "no", "foreign_instructions": "no"})
    assert declared.status_code == 201 and declared.json()["suggested"] == "yes"
    assert api("staff").post("/api/v1/people/E-2/review", json={"result": "yes"}).status_code == 403
    assert api("tech_manager").post("/api/v1/people/E-2/review", json={"result": "yes"}).json()["result"] == "yes"
    bad = api("tech_manager").post("/api/v1/people/NOBODY/pledges",
                                   json={"kind": "hiring", "signed_on": "2026-07-01", "document": "x"})
    assert bad.status_code == 404 and bad.json()["code"] == "notfound.person"
    assert api("staff").get("/api/v1/people").json()["items"][0]["code"] == "E-2"
    seen_by_staff = api("staff").get("/api/v1/people/E-2").json()
    assert seen_by_staff["personal"] is False and "declarations" not in seen_by_staff
    assert api("auditor").get("/api/v1/people/E-2").json()["specific_categories"] == "yes"
    oral = api("staff").post("/api/v1/people/E-2/oral-check", json={"elements": ["A-3"]})
    assert oral.status_code == 200 and oral.json()["outcome"] == "needs_approval"
    contact = api("staff").post("/api/v1/people/E-2/contacts", json={"kind": "job_site", "counterpart": "転職サイトX"})
    assert contact.status_code == 201 and contact.json()["obligation"]
    left = api("tech_manager").post("/api/v1/people/E-2/exit", json={"last_day": "2026-06-30"})
    assert left.status_code == 422 and left.json()["code"] == "people.exit_before_joining"


def test_the_cli_walks_a_person_from_hiring_to_exit(tmp_path):
    db = tmp_path / "cli.sqlite"
    env = {**os.environ, "MAMORU_USER": "suzuki", "COLUMNS": "200", "MAMORU_HOME": str(tmp_path)}

    def mamoru(*args: str):
        return subprocess.run([sys.executable, "-c", "from mamoru.cli.main import run; run()", "--db", str(db),
                               "--lang", "ja", *args], capture_output=True, text=True, env=env, timeout=120)

    for args in (["tech", "add", "T-1", "--name", "焼結", "--domain", "technological_superiority"],
                 ["tech", "element", "T-1", "E-4", "--title", "温度", "--rank", "4"],
                 ["person", "add", "P-1", "--name", "加藤", "--joined", "2015-04-01", "-t", "T-1"],
                 ["person", "pledge", "P-1", "--kind", "hiring", "--signed", "2015-04-01", "--document", "誓約書"],
                 ["person", "declare", "P-1", "--foreign-instructions", "yes", "--foreign-contract", "no",
                  "--significant-benefit", "no"],
                 ["person", "review", "P-1", "--result", "yes"]):
        result = mamoru(*args)
        assert result.returncode == 0, result.stderr
    oral = mamoru("--json", "person", "check-oral", "P-1", "-e", "E-4")
    assert oral.returncode == 2 and json.loads(oral.stdout)["outcome"] == "deny"
    early = mamoru("person", "exit", "P-1", "--last-day", "2014-01-01")
    assert early.returncode == 2 and "入社日" in early.stderr
    left = mamoru("--json", "person", "exit", "P-1", "--last-day", "2026-12-25")
    assert left.returncode == 0, left.stderr
    assert len(json.loads(left.stdout)["obligations"]) == 5
    shown = mamoru("person", "show", "P-1")
    assert "共有パスワードの変更" in shown.stdout and "該当" in shown.stdout
    listed = mamoru("--json", "person", "list", "--status", "leaving")
    assert [p["code"] for p in json.loads(listed.stdout)] == ["P-1"]
