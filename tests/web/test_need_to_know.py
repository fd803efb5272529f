"""Need-to-know, one table: registry × viewer × door → visible or hidden.

The world holds two technologies: T-A and T-B. Every row asks one door for something about
T-B (or, for partner-level registries, something everyone may read) and names a marker that
appears only when the thing is shown. Viewers: admin, technology manager, staff assigned to T-B
("staff_in"), staff assigned only to T-A ("staff_out"), auditor. A viewer sees the marker exactly
when the row's set says so; a refused or not-found answer counts as hidden.

Screening results, the self-check and leak tracing are about partners or the whole company, not
one technology: their rows say which roles may read them at all (trace and the self-check are not
for staff). Doors that answer to a POST (the evidence package, trace) are asked with ``body``.
"""

from __future__ import annotations

import io
import json
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import pytest
from fastapi.testclient import TestClient

from mamoru.services import access, agreements, disclosures, events, guard, partners, requests, technologies, users
from mamoru.services.uow import unit_of_work

VIEWERS = ("admin", "tech_manager", "staff_in", "staff_out", "auditor")
USERS = {"admin": ("admin", "admin"), "tech_manager": ("tanaka", "tech_manager"), "staff_in": ("ito", "staff"),
         "staff_out": ("sato", "staff"), "auditor": ("yamada", "auditor")}
ALL = frozenset(VIEWERS)
SEE_B = ALL - {"staff_out"}                      # every element of T-B lies in a technology they may see
DETAIL_B = frozenset({"admin", "tech_manager", "auditor"})  # rank-3 details: not for staff
DISCLOSE_B = frozenset({"admin", "tech_manager", "staff_in"})  # may disclose (auditors may not), and sees T-B
APPROVE = frozenset({"admin", "tech_manager"})
AUDIT = frozenset({"admin", "tech_manager", "auditor"})
TRACE = AUDIT  # tracing shows every partner's code names: not for staff
PERSONAL = frozenset({"admin", "tech_manager", "auditor"})  # people register: declarations, pledge documents ...
LOW = dict(business_overlap="low", financial_condition="low", leadership_attitude="low", board_foreign_duty="low",
           reputation="low")


@dataclass(frozen=True)
class Row:
    registry: str
    door: str
    path: str  # {DB}, {PENDING}, {SAMPLE}, {REQUEST}, {OBLIGATION} are filled from the world
    marker: str
    visible_to: frozenset[str]
    method: str = "GET"
    body: dict | None = None  # a POST's JSON body (POST rows whose path has "#" are the guard's form)


TABLE = (
    # technologies
    Row("technologies", "web page", "/technologies", 'href="/technologies/T-B"', SEE_B),
    Row("technologies", "web search", "/technologies?q=T-B", 'href="/technologies/T-B"', SEE_B),
    Row("technologies", "web detail", "/technologies/T-B", "表面コーティング", SEE_B),
    Row("technologies", "API list", "/api/v1/technologies", '"code": "T-B"', SEE_B),
    Row("technologies", "API detail", "/api/v1/technologies/T-B", '"code": "T-B"', SEE_B),
    Row("technologies", "CSV export", "/export/technologies.csv", "T-B", SEE_B),
    Row("technologies", "XLSX export", "/export/registers.xlsx", "表面コーティング", SEE_B),
    Row("technologies", "PDF", "/reports/registers.pdf", "表面コーティング", SEE_B),
    # knowledge elements, and the details of restricted ones (rank 3 and up)
    Row("elements", "web detail", "/technologies/T-B", "B-2", SEE_B),
    Row("elements", "web wizard", "/disclose", 'value="B-1"', DISCLOSE_B),
    Row("elements", "API detail", "/api/v1/technologies/T-B", '"code": "B-2"', SEE_B),
    Row("elements", "CSV export", "/export/elements.csv", "B-2", SEE_B),
    Row("element details", "web detail", "/technologies/T-B", "表面コーティング rank 3", DETAIL_B),
    Row("element details", "API detail", "/api/v1/technologies/T-B", "表面コーティング rank 3", DETAIL_B),
    Row("element details", "CSV export", "/export/elements.csv", "表面コーティング rank 3", DETAIL_B),
    # what a partner has received
    Row("received", "web page", "/partners/P-OK", "B-1", SEE_B),
    Row("received", "API list", "/api/v1/exposure?partner=P-OK", '"B-1"', SEE_B),
    # agreements: every agreement is listed, its scope as the viewer may see it
    Row("agreements", "web page", "/agreements", "NDA-1", ALL),
    Row("agreements", "web search", "/agreements?q=NDA", "NDA-1", ALL),
    Row("agreements", "web detail", "/agreements/NDA-1", "T-B", SEE_B),
    Row("agreements", "API list", "/api/v1/agreements", '"T-B"', SEE_B),
    Row("agreements", "API detail", "/api/v1/agreements/NDA-1", '"T-B"', SEE_B),
    Row("agreements", "CSV export", "/export/agreements.csv", "T-B", SEE_B),
    # disclosures of T-B elements
    Row("disclosures", "web page", "/disclosures", 'href="/disclosures/{DB}"', SEE_B),
    Row("disclosures", "web search", "/disclosures?q={DB}", 'href="/disclosures/{DB}"', SEE_B),
    Row("disclosures", "web detail", "/disclosures/{DB}", "目的B秘密", SEE_B),
    Row("disclosures", "web detail (pending)", "/disclosures/{PENDING}", "段階計画B", SEE_B),
    Row("disclosures", "web approvals", "/approvals", "段階計画B", APPROVE),
    Row("disclosures", "API list", "/api/v1/disclosures", "{DB}", SEE_B),
    Row("disclosures", "API detail", "/api/v1/disclosures/{DB}", "目的B秘密", SEE_B),
    Row("disclosures", "web exposure history", "/reports/exposure/P-OK", "目的B秘密", SEE_B),
    Row("disclosures", "PDF exposure history", "/reports/exposure/P-OK.pdf", "{DB}", SEE_B),
    Row("transmittals", "web page", "/disclosures/{DB}/transmittal", "目的B秘密", SEE_B),
    # samples lent with a T-B disclosure
    Row("samples", "web page", "/samples", 'href="/samples/{SAMPLE}"', SEE_B),
    Row("samples", "web search", "/samples?q={SAMPLE}", 'href="/samples/{SAMPLE}"', SEE_B),
    Row("samples", "web detail", "/samples/{SAMPLE}", "試料B", SEE_B),
    Row("samples", "API list", "/api/v1/samples", "{SAMPLE}", SEE_B),
    Row("samples", "API detail", "/api/v1/samples/{SAMPLE}", "試料B", SEE_B),
    # partner-level registries: everyone who may read sees them
    Row("events", "web page", "/events", "資本変更イベント", ALL),
    Row("events", "web search", "/events?q=資本変更", "資本変更イベント", ALL),
    Row("events", "API list", "/api/v1/events", "資本変更イベント", ALL),
    Row("obligations", "web page", "/obligations", 'href="/obligations/{OBLIGATION}"', ALL),
    Row("obligations", "API list", "/api/v1/obligations", '"source": "external_request"', ALL),
    Row("obligations", "API detail", "/api/v1/obligations/{OBLIGATION}", '"source": "external_request"', ALL),
    Row("requests", "web page", "/requests", "要求件名X", ALL),
    Row("requests", "web search", "/requests?q=件名X", "要求件名X", ALL),
    Row("requests", "API list", "/api/v1/requests", "要求件名X", ALL),
    Row("requests", "API detail", "/api/v1/requests/{REQUEST}", "要求件名X", ALL),
    # exposure of T-B
    Row("exposure", "web page", "/reports/exposure/P-OK", "表面コーティング", SEE_B),
    Row("exposure", "PDF", "/reports/exposure/P-OK.pdf", "表面コーティング", SEE_B),
    Row("exposure", "API list", "/api/v1/exposure", '"technology": "T-B"', SEE_B),
    # the audit record: auditors, managers and admins
    Row("audit log", "web page", "/audit", "disclosure", AUDIT),
    Row("audit log", "web search", "/audit?q={DB}", "開示 {DB}", AUDIT),
    Row("audit log", "API list", "/api/v1/audit", "{DB}", AUDIT),
    # the document guard: findings of a T-B term, and a redacted copy recorded as a disclosure
    Row("guard findings", "web page", "/guard#scan", "B-2", DISCLOSE_B, method="POST"),
    # publication watch: an alert on B-3 (rank 3)
    Row("watch alerts", "web page", "/watch?status=all", 'href="/watch/alerts/{ALERT}"', SEE_B),
    Row("watch alerts", "web detail", "/watch/alerts/{ALERT}", "特開2026-150001", SEE_B),
    Row("watch alerts", "API list", "/api/v1/watch/alerts", "特開2026-150001", SEE_B),
    Row("watch alerts", "API detail", "/api/v1/watch/alerts/{ALERT}", "特開2026-150001", SEE_B),
    Row("watch evidence", "web detail", "/watch/alerts/{ALERT}", "<mark>", DETAIL_B),
    Row("watch evidence", "API detail", "/api/v1/watch/alerts/{ALERT}", '"passage"', DETAIL_B),
    Row("guard redactions", "web page", "/guard#redact", "x-mamoru-control-number", DISCLOSE_B, method="POST"),
    # the people register (issue 14): names for every reader, personal data for those who need it and the person
    Row("people", "web page", "/people", 'href="/people/W-OTHER"', ALL),
    Row("people", "web search", "/people?q=W-OTHER", 'href="/people/W-OTHER"', ALL),
    Row("people", "API list", "/api/v1/people", '"code": "W-OTHER"', ALL),
    Row("people technologies", "web detail", "/people/W-OTHER", "<td>T-B</td>", SEE_B),
    Row("people technologies", "API detail", "/api/v1/people/W-OTHER", '"technologies": ["T-B"]', SEE_B),
    Row("declarations", "web detail", "/people/W-OTHER", "申告他人秘密", PERSONAL),
    Row("declarations", "API detail", "/api/v1/people/W-OTHER", "申告他人秘密", PERSONAL),
    Row("own declarations", "web detail", "/people/W-ITO", "申告本人秘密", PERSONAL | {"staff_in"}),
    Row("own declarations", "API detail", "/api/v1/people/W-ITO", "申告本人秘密", PERSONAL | {"staff_in"}),
    Row("pledge documents", "web detail", "/people/W-OTHER", "誓約文書秘密", PERSONAL),
    Row("pledge documents", "API detail", "/api/v1/people/W-OTHER", "誓約文書秘密", PERSONAL),
    Row("non-competes", "web detail", "/people/W-OTHER", "競業範囲秘密", PERSONAL),
    Row("non-competes", "API detail", "/api/v1/people/W-OTHER", "競業範囲秘密", PERSONAL),
    Row("contacts", "web detail", "/people/W-OTHER", "接触相手秘密", PERSONAL),
    Row("contacts", "API detail", "/api/v1/people/W-OTHER", "接触相手秘密", PERSONAL),
    # leak incidents (issue 13) about T-B: an element of rank 2 and one of rank 3 linked
    Row("incidents", "web page", "/incidents", "漏えい疑いB", SEE_B),
    Row("incidents", "web detail", "/incidents/{INCIDENT}", "漏えい疑いB", SEE_B),
    Row("incidents", "API list", "/api/v1/incidents", "漏えい疑いB", SEE_B),
    Row("incidents", "API detail", "/api/v1/incidents/{INCIDENT}", "漏えい疑いB", SEE_B),
    Row("incident elements", "web detail", "/incidents/{INCIDENT}", "表面コーティング rank 2", SEE_B),
    Row("incident elements", "API detail", "/api/v1/incidents/{INCIDENT}", "表面コーティング rank 2", SEE_B),
    Row("incident element details", "web detail", "/incidents/{INCIDENT}", "表面コーティング rank 3", DETAIL_B),
    Row("incident element details", "API detail", "/api/v1/incidents/{INCIDENT}", "表面コーティング rank 3", DETAIL_B),
    Row("incident obligations", "web page", "/obligations", 'href="/obligations/{INCIDENT_DUTY}"', SEE_B),
    Row("incident obligations", "web detail", "/obligations/{INCIDENT_DUTY}", "{INCIDENT}", SEE_B),
    Row("incident obligations", "API list", "/api/v1/obligations", '"incident": "{INCIDENT}"', SEE_B),
    Row("incident obligations", "API detail", "/api/v1/obligations/{INCIDENT_DUTY}", '"incident": "{INCIDENT}"',
        SEE_B),
    Row("incidents", "API evidence package", "/api/v1/incidents/{INCIDENT}/package", "漏えい疑いB", AUDIT,
        method="POST", body={}),
    # meetings where B-1 was discussed (an oral disclosure of T-B), and the meeting sheet
    Row("meetings", "web page", "/meetings", "会議目的B", SEE_B),
    Row("meetings", "web detail", "/meetings/{MEETING}", "発言B秘密", SEE_B),
    Row("meetings", "API list", "/api/v1/meetings", "発言B秘密", SEE_B),
    Row("meetings", "API detail", "/api/v1/meetings/{MEETING}", "発言B秘密", SEE_B),
    Row("meeting sheet", "web page", "/meetings/sheet/print?partner=P-OK&elements=B-2", "表面コーティング rank 2",
        SEE_B),
    Row("meeting sheet", "web form", "/meetings/sheet?partner=P-OK&elements=B-2", "表面コーティング rank 2", SEE_B),
    Row("meeting sheet", "PDF", "/meetings/sheet.pdf?partner=P-OK&elements=B-2", "表面コーティング rank 2", SEE_B),
    Row("meeting sheet", "API", "/api/v1/meetings/sheet?partner=P-OK&elements=B-2", "表面コーティング rank 2", SEE_B),
    Row("meeting sheet details", "web page", "/meetings/sheet/print?partner=P-OK&elements=B-3",
        "表面コーティング rank 3", DETAIL_B),
    Row("meeting sheet details", "PDF", "/meetings/sheet.pdf?partner=P-OK&elements=B-3", "rank 3", DETAIL_B),
    Row("meeting sheet details", "API", "/api/v1/meetings/sheet?partner=P-OK&elements=B-3", "表面コーティング rank 3",
        DETAIL_B),
    # a partner's other customers and competitors: partner-level
    Row("partner relations", "web page", "/partners/P-OK/relations", "競合他社R", ALL),
    Row("partner relations", "API list", "/api/v1/partners/P-OK/relations", "競合他社R", ALL),
    # a site abroad (partner-level), what T-B elements may do there, and a visit that showed B-2
    Row("sites", "web page", "/sites", 'href="/sites/S-TH"', ALL),
    Row("sites", "web detail", "/sites/S-TH", "見学目的S", ALL),
    Row("sites", "API list", "/api/v1/sites", '"S-TH"', ALL),
    Row("sites", "API detail", "/api/v1/sites/S-TH", "見学目的S", ALL),
    Row("site allowances", "web detail", "/sites/S-TH", "表面コーティング rank 2", SEE_B),
    Row("site allowances", "API detail", "/api/v1/sites/S-TH", "表面コーティング rank 2", SEE_B),
    Row("site allowances", "API detail (note)", "/api/v1/sites/S-TH", "許可メモB", SEE_B),
    Row("site allowance details", "web detail", "/sites/S-TH", "表面コーティング rank 3", DETAIL_B),
    Row("site allowance details", "API detail", "/api/v1/sites/S-TH", "表面コーティング rank 3", DETAIL_B),
    Row("site visits", "API detail", "/api/v1/sites/S-TH", '"shown": ["B-2"]', SEE_B),
    # joint research with B-2 and B-3 brought in, and the review of a paper that names both
    Row("research", "web page", "/research", 'href="/research/R-1"', ALL),
    Row("research", "API list", "/api/v1/research", '"R-1"', ALL),
    Row("research", "web detail", "/research/R-1", "共同研究B", ALL),
    Row("research elements", "API list", "/api/v1/research", '"B-2"', SEE_B),
    Row("research elements", "web detail", "/research/R-1", "表面コーティング rank 2", SEE_B),
    Row("research elements", "API detail", "/api/v1/research/R-1", "表面コーティング rank 2", SEE_B),
    Row("research element details", "web detail", "/research/R-1", "表面コーティング rank 3", DETAIL_B),
    Row("research element details", "API detail", "/api/v1/research/R-1", "表面コーティング rank 3", DETAIL_B),
    Row("publication reviews", "web detail", "/research/reviews/{REVIEW}", "論文B", ALL),
    Row("review findings", "web detail", "/research/reviews/{REVIEW}", "コーティング液ZX-7", SEE_B),
    Row("review findings", "API detail", "/api/v1/research/reviews/{REVIEW}", "コーティング液ZX-7", SEE_B),
    Row("review finding details", "web detail", "/research/reviews/{REVIEW}", "秘密触媒QQ-3", DETAIL_B),
    Row("review finding details", "API detail", "/api/v1/research/reviews/{REVIEW}", "秘密触媒QQ-3", DETAIL_B),
    Row("review finding details", "API project", "/api/v1/research/R-1", "秘密触媒QQ-3", DETAIL_B),
    # leak tracing: every partner's code names, so not for staff
    Row("trace", "web page", "/trace", 'action="/trace"', TRACE),
    Row("trace", "API", "/api/v1/trace", '"verdict"', TRACE, method="POST", body={"text": "コーティング液ZX-7"}),
    # screening results: about partners, for every reader
    Row("screening results", "web review queue", "/screening/review", 'href="/screening/results/{RESULT}"', ALL),
    Row("screening results", "web detail", "/screening/results/{RESULT}", "Chongyi Hengyi Ceramic", ALL),
    Row("screening results", "web partner", "/partners/P-CHONGYI/screening", 'href="/screening/results/{RESULT}"',
        ALL),
    Row("screening results", "API list", "/api/v1/screening/results", '"P-CHONGYI"', ALL),
    Row("screening results", "API detail", "/api/v1/screening/results/{RESULT}", "Chongyi Hengyi Ceramic", ALL),
    # the self-check: managers answer it, auditors read it, staff see none of it
    Row("self-check", "web page", "/selfcheck", 'href="/selfcheck/{CHECK}"', AUDIT),
    Row("self-check", "web detail", "/selfcheck/{CHECK}", "表面コーティング", AUDIT),
    Row("self-check", "PDF", "/selfcheck/{CHECK}/report.pdf", "T-B", AUDIT),
    Row("self-check", "XLSX", "/selfcheck/{CHECK}/report.xlsx", "表面コーティング", AUDIT),
    Row("self-check", "API list", "/api/v1/selfcheck", '"started_by"', AUDIT),
    Row("self-check", "API detail", "/api/v1/selfcheck/{CHECK}", '"T-B"', AUDIT),
    Row("self-check", "API XLSX", "/api/v1/selfcheck/{CHECK}/report.xlsx", "表面コーティング", AUDIT),
)


def _engine(kind: str, tmp_path_factory, request):
    from mamoru.store.db import make_engine

    if kind == "sqlite":
        path = tmp_path_factory.mktemp("ntk") / "mamoru.sqlite"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return make_engine(f"sqlite:///{path}"), True
    from sqlalchemy import text

    from mamoru.store.base import Base

    engine = request.getfixturevalue("pg_engine")  # the session's schema, emptied for this module
    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text("SET LOCAL session_replication_role = replica"))  # past the audit table's triggers
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    return engine, False


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def world(request, tmp_path_factory):
    """The company, the five viewers with API tokens, and a client; answers are cached per (viewer, path)."""
    engine, own = _engine(request.param, tmp_path_factory, request)
    today = datetime.now(timezone.utc).date()
    with unit_of_work(engine, "setup") as ctx:
        for tech, name in (("T-A", "低温焼結プロセス"), ("T-B", "表面コーティング")):
            technologies.add_technology(ctx, tech, name=name, domain="technological_superiority")
            for rank in (1, 2, 3, 4):
                technologies.add_element(ctx, tech, f"{tech[-1]}-{rank}", title=f"{name} rank {rank}", rank=rank,
                                         kind="condition", description=f"secret detail {tech} {rank}")
        partners.add_partner(ctx, "P-OK", name="信頼商事", kind="customer", country="JP")
        partners.assess(ctx, "P-OK", LOW)
        agreements.add_agreement(ctx, "NDA-1", "P-OK", "nda", today - timedelta(days=30), today + timedelta(days=365),
                                 title="秘密保持契約", technologies=["T-A", "T-B"],
                                 clauses=["confidentiality", "purpose_limitation", "no_third_party", "no_copying",
                                          "return_destroy"])
        tokens = {}
        for viewer, (username, role) in USERS.items():
            users.add_user(ctx, username, role)
            tokens[viewer] = access.create_token(ctx, username, "need-to-know")
        access.assign(ctx, "ito", ["T-B"])
        access.assign(ctx, "sato", ["T-A"])
        mixed = disclosures.disclose(ctx, "P-OK", ["B-1", "B-2"], "目的B秘密", "document", accept_conditions=True)
        disclosures.disclose(ctx, "P-OK", ["A-1"], "目的A", "document", accept_conditions=True)
        lent = disclosures.disclose(ctx, "P-OK", ["B-1"], "サンプル評価", "sample", accept_conditions=True,
                                    sample={"description": "試料B", "return_by": str(today + timedelta(days=30))})
        pending = disclosures.disclose(ctx, "P-OK", ["B-3"], "承認待ちB", "document", accept_conditions=True,
                                       staged_plan="段階計画B")
        assert mixed.status == "recorded" and pending.status == "pending_approval"
        guard.add_term(ctx, "T-B", "コーティング液ZX-7", "B-2", category="material")
        req = requests.record_request(ctx, "外国政府機関", "要求件名X", "P-OK", government_backed=True)
        partners.add_partner(ctx, "P-EV", name="変動工業", kind="supplier", country="JP")
        events.record_event(ctx, "P-EV", "capital_change", description="資本変更イベント")  # P-EV goes on hold
        from mamoru.services import people as people_register, pledges

        people_register.add_person(ctx, "W-ITO", "伊藤", "employee", "2020-04-01", technologies=["T-B"], user="ito")
        people_register.add_person(ctx, "W-OTHER", "他人", "employee", "2020-04-01", technologies=["T-B"])
        pledges.declare(ctx, "W-ITO", side_jobs="申告本人秘密")
        pledges.declare(ctx, "W-OTHER", side_jobs="申告他人秘密")
        pledges.add_pledge(ctx, "W-OTHER", "hiring", "2020-04-01", "誓約文書秘密")
        pledges.add_non_compete(ctx, "W-OTHER", "2020-04-01", "2030-04-01", "競業範囲秘密")
        people_register.report_contact(ctx, "W-OTHER", "trade_show", counterpart="接触相手秘密")
        from mamoru.services import lists

        obligation = next(o for o in lists.obligations(ctx, limit=None).items if o.source == "external_request")
        names = {"DB": mixed.number, "PENDING": pending.number, "REQUEST": str(req.id),
                 "OBLIGATION": str(obligation.id), "SAMPLE": lists.samples(ctx, {"partner": "P-OK"}).items[0].code}
        assert lent.status == "recorded"
    names["ALERT"] = _watch_alert(engine, tmp_path_factory.mktemp("watch"))
    names.update(_registers_of_today(engine, tmp_path_factory.mktemp("today"), today))
    from mamoru.app import create_app

    with TestClient(create_app(engine=engine), base_url="http://127.0.0.1", raise_server_exceptions=False) as client:
        yield {"client": client, "tokens": tokens, "names": names, "cache": {}}
    if own:
        engine.dispose()


def _watch_alert(engine, folder) -> str:
    """A gazette that reveals B-3 (rank 3): the watch raises one alert on T-B."""
    from mamoru.services import watch

    detail = "白金前駆体を含浸した担体を窒素雰囲気中で500℃、3時間焼成し、貴金属を高分散で担持する。"
    path = folder / "export.csv"
    path.write_text(f"公開番号,発明の名称,要約\n特開2026-150001,触媒の製造方法,{detail}\n", encoding="utf-8")
    with unit_of_work(engine, "setup") as ctx:
        technologies.update_element(ctx, "B-3", description=detail)
        (alert,) = watch.import_publications(ctx, path).alerts
        return str(alert.id)


def _registers_of_today(engine, folder, today) -> dict[str, str]:
    """Incidents, meetings, relations, a site abroad, joint research, screening and the self-check."""
    from mamoru.demo.screening import PROSPECT, write_list
    from mamoru.services import incidents, meetings, relations, research, screening, selfcheck, sites

    with unit_of_work(engine, "setup") as ctx:
        meeting = meetings.record_meeting(ctx, "P-OK", str(today), "会議目的B", our_attendees=["伊藤"],
                                          said="発言B秘密", elements=["B-1"], accept_conditions=True)
        relations.add_relation(ctx, "P-OK", "competitor", "競合他社R", our_competitor=True)
        incident, _ = incidents.open_incident(ctx, "漏えい疑いB", today, found="発見物B", technologies=["T-B"],
                                              elements=["B-2", "B-3"])
        sites.add_site(ctx, "S-TH", "タイ工場", "TH")
        sites.set_allowance(ctx, "S-TH", "B-2", "may_teach", note="許可メモB")
        sites.set_allowance(ctx, "S-TH", "B-3", "stays_in_japan")
        sites.record_visit(ctx, "S-TH", "visit", today, visitors=["来訪者"], purpose="見学目的S", shown=["B-2"])
        partners.add_partner(ctx, "P-RES", name="研究大学", kind="research_partner", country="JP")
        partners.assess(ctx, "P-RES", LOW)
        research.add_project(ctx, "R-1", "共同研究B", "P-RES", today, today + timedelta(days=365), "ours", "田中",
                             our_elements=["B-2", "B-3"])
        paper = folder / "paper.txt"
        paper.write_text("塗布にはコーティング液ZX-7を使う。\n\n乾燥には秘密触媒QQ-3を加える。\n", encoding="utf-8")
        guard.add_term(ctx, "T-B", "秘密触媒QQ-3", "B-3", category="material")  # a rank-3 codebook term
        review = research.review_publication(ctx, "R-1", paper, "論文B", planned_on=today + timedelta(days=60))
        partners.add_partner(ctx, **{k: v for k, v in PROSPECT.items() if k != "contact"})
        screening.import_list(ctx, write_list(folder / "meti.xlsx"))
        (hit,) = screening.results(ctx, partner=PROSPECT["code"])
        check = selfcheck.start(ctx)
        duty = incidents.obligations_of(ctx, incident)[0]
        return {"MEETING": str(meeting.id), "INCIDENT": incident.number, "INCIDENT_DUTY": str(duty.id),
                "REVIEW": str(review.id), "RESULT": str(hit.id), "CHECK": str(check.id)}


def _fill(text: str, names: dict[str, str]) -> str:
    for key, value in names.items():
        text = text.replace("{" + key + "}", value)
    return text


def _as_text(response) -> str:
    kind = response.headers.get("content-type", "")
    if kind.startswith("application/pdf"):
        from pypdf import PdfReader

        return "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    if "spreadsheetml" in kind:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(response.content), read_only=True)
        return "\n".join(str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                         for cell in row if cell is not None)
    if kind.startswith("application/zip"):
        import zipfile

        with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
            return "\n".join(archive.read(name).decode("utf-8", "ignore") for name in archive.namelist())
    if "json" in kind:
        return json.dumps(response.json(), ensure_ascii=False)
    return response.text


def _guard(client, headers: dict[str, str], mode: str):
    files = {"file": ("memo.txt", "塗布にはコーティング液ZX-7を使う。\n".encode("utf-8"), "text/plain")}
    data = {"partner": "P-OK", "mode": mode, "purpose": "打合せ", "accept_conditions": "1"}
    return client.post("/guard", data=data, files=files, headers=headers)


def shown(world, viewer: str, row: Row) -> bool:
    headers = {"Authorization": f"Bearer {world['tokens'][viewer]}"}
    path = _fill(row.path, world["names"])
    if row.method == "POST" and row.body is not None:
        response = world["client"].post(_fill(row.path, world["names"]), json=row.body, headers=headers)
        assert response.status_code in (200, 201, 403, 404), f"{row.path} as {viewer}: {response.status_code}"
        return response.status_code in (200, 201) and _fill(row.marker, world["names"]) in _as_text(response)
    if row.method == "POST":
        response = _guard(world["client"], headers, path.partition("#")[2])
        if row.marker == "x-mamoru-control-number":
            assert response.status_code in (200, 403, 404, 422), response.text[:300]
            return response.status_code == 200 and row.marker in response.headers
        text = response.text.split('id="findings"', 1)[1] if 'id="findings"' in response.text else ""
        return response.status_code == 200 and row.marker in text
    key = (viewer, path)
    if key not in world["cache"]:
        response = world["client"].get(path, headers=headers, follow_redirects=False)
        assert response.status_code in (200, 403, 404), f"{path} as {viewer}: {response.status_code}"
        world["cache"][key] = (response.status_code, _as_text(response) if response.status_code == 200 else "")
    status, text = world["cache"][key]
    return status == 200 and _fill(row.marker, world["names"]) in text


CASES = [pytest.param(row, viewer, id=f"{row.registry}|{row.door}|{viewer}")
         for row in TABLE for viewer in VIEWERS]


@pytest.mark.parametrize(("row", "viewer"), CASES)
def test_need_to_know(world, row: Row, viewer: str):
    expected = viewer in row.visible_to
    assert shown(world, viewer, row) is expected, (
        f"{row.registry} via {row.door} ({row.path}) as {viewer}: expected {'visible' if expected else 'hidden'}")
