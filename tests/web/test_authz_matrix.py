"""Every route, called anonymously and as every role, answers as its action allows.

``ROUTES`` is the one explicit table: (method, path) -> the action it needs (``domain.access``
says which roles hold it), ``SIGNED_IN`` for any signed-in person, ``PUBLIC`` for none. The app's
routes are enumerated, so a route missing from the table (or a stale entry) fails the test.
Expected answers: anonymous 401 on the API, 303 to /login on pages; a role lacking the action
403; everyone else neither 401 nor 403 (nor a server error). Mutating routes are called with
codes that do not exist, so an allowed call changes nothing.
"""

from __future__ import annotations

import pytest
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient

from mamoru.domain.access import ACTIONS

PUBLIC, SIGNED_IN = "public", "signed_in"
FEED = "feed_token"  # a partner's data-use feed: its own feed token, no user's token or session
MOUNTS = {"/static"}
ROUTES: dict[tuple[str, str], str] = {
    # --- documentation and sign-in
    ("GET", "/api/v1/openapi.json"): PUBLIC,
    ("HEAD", "/api/v1/openapi.json"): PUBLIC,
    ("GET", "/fonts/mamoru-jp.otf"): PUBLIC,
    ("GET", "/login"): PUBLIC,
    ("POST", "/login"): PUBLIC,
    ("POST", "/logout"): SIGNED_IN,
    # --- API: registers
    ("GET", "/api/v1/technologies"): "read",
    ("POST", "/api/v1/technologies"): "register_technology",
    ("GET", "/api/v1/technologies/{code}"): "read",
    ("PATCH", "/api/v1/technologies/{code}"): "register_technology",
    ("POST", "/api/v1/technologies/{code}/elements"): "register_technology",
    ("GET", "/api/v1/partners"): "read",
    ("POST", "/api/v1/partners"): "register_partner",
    ("GET", "/api/v1/partners/{code}"): "read",
    ("PATCH", "/api/v1/partners/{code}"): "register_partner",
    ("POST", "/api/v1/partners/{code}/due-diligence"): "assess_partner",
    ("GET", "/api/v1/agreements"): "read",
    ("POST", "/api/v1/agreements"): "register_agreement",
    ("GET", "/api/v1/agreements/{code}"): "read",
    ("GET", "/api/v1/agreements/{code}/gaps"): "read",
    ("POST", "/api/v1/agreements/{code}/clauses"): "register_agreement",
    ("POST", "/api/v1/agreements/{code}/end"): "register_agreement",
    # --- API: the disclosure flow and samples
    ("POST", "/api/v1/gate/check"): "disclose",
    ("GET", "/api/v1/disclosures"): "read",
    ("POST", "/api/v1/disclosures"): "disclose",
    ("GET", "/api/v1/disclosures/{number}"): "read",
    ("POST", "/api/v1/disclosures/{number}/approve"): "approve",
    ("POST", "/api/v1/disclosures/{number}/reject"): "approve",
    ("GET", "/api/v1/samples"): "read",
    ("GET", "/api/v1/samples/{code}"): "read",
    ("POST", "/api/v1/samples/{code}/return"): "operate",
    # --- API: events, obligations, external requests
    ("GET", "/api/v1/events"): "read",
    ("POST", "/api/v1/events"): "operate",
    ("POST", "/api/v1/events/{event_id}/resolve"): "operate",
    ("GET", "/api/v1/obligations"): "read",
    ("GET", "/api/v1/obligations/{obligation_id}"): "read",
    ("POST", "/api/v1/obligations/{obligation_id}/close"): "operate",
    ("GET", "/api/v1/requests"): "read",
    ("POST", "/api/v1/requests"): "operate",
    ("GET", "/api/v1/requests/{request_id}"): "read",
    ("POST", "/api/v1/requests/{request_id}/review"): "operate",
    ("POST", "/api/v1/requests/{request_id}/escalate"): "operate",
    ("POST", "/api/v1/requests/{request_id}/close"): "operate",
    # --- API: exposure, audit, account
    ("GET", "/api/v1/me"): "read",
    ("GET", "/api/v1/exposure"): "read",
    ("GET", "/api/v1/audit"): "audit",
    # --- factory data (the feed answers to the partner's own feed token, never to a user's)
    ("GET", "/api/v1/telemetry/assets"): "read",
    ("GET", "/api/v1/telemetry/assets/{asset}/channels/{channel}/series"): "read",
    ("GET", "/api/v1/telemetry/quality"): "read",
    ("GET", "/api/v1/telemetry/ledger"): "audit",
    ("GET", "/api/v1/feeds/{agreement}"): FEED,
    # --- meetings, relations, the meeting sheet, later stages (cases 1-3)
    ("GET", "/api/v1/meetings"): "read",
    ("POST", "/api/v1/meetings"): "disclose",
    ("GET", "/api/v1/meetings/sheet"): "read",
    ("GET", "/api/v1/meetings/{meeting_id}"): "read",
    ("GET", "/api/v1/partners/{code}/relations"): "read",
    ("POST", "/api/v1/partners/{code}/relations"): "register_partner",
    ("POST", "/api/v1/disclosures/{number}/stages/{stage}"): "disclose",
    ("GET", "/meetings"): "read",
    ("GET", "/meetings/new"): "disclose",
    ("POST", "/meetings/new"): "disclose",
    ("GET", "/meetings/sheet"): "read",
    ("GET", "/meetings/sheet/print"): "read",
    ("GET", "/meetings/sheet.pdf"): "read",
    ("GET", "/meetings/{meeting_id}"): "read",
    ("GET", "/partners/{code}/relations"): "read",
    ("POST", "/partners/{code}/relations"): "register_partner",
    ("POST", "/disclosures/{number}/stages/{stage}"): "disclose",
    ("GET", "/telemetry"): "read",
    ("GET", "/telemetry/assets/{code}"): "read",
    ("GET", "/telemetry/chart/{asset}/{channel}.svg"): "read",
    ("GET", "/telemetry/alarms"): "read",
    ("GET", "/telemetry/quality"): "read",
    ("GET", "/telemetry/ledger"): "audit",
    ("GET", "/api/v1/audit/verify"): "audit",
    ("GET", "/api/v1/tokens"): "own_tokens",
    ("POST", "/api/v1/tokens"): "own_tokens",
    ("POST", "/api/v1/tokens/{token_id}/revoke"): "own_tokens",
    # --- pages: dashboard and registers
    ("GET", "/"): "read",
    ("GET", "/technologies"): "read",
    ("GET", "/technologies/new"): "register_technology",
    ("POST", "/technologies/new"): "register_technology",
    ("GET", "/technologies/{code}"): "read",
    ("POST", "/technologies/{code}/elements"): "register_technology",
    ("GET", "/technologies/{code}/edit"): "register_technology",
    ("POST", "/technologies/{code}/edit"): "register_technology",
    ("GET", "/partners"): "read",
    ("GET", "/partners/new"): "register_partner",
    ("POST", "/partners/new"): "register_partner",
    ("GET", "/partners/{code}"): "read",
    ("GET", "/partners/{code}/edit"): "register_partner",
    ("POST", "/partners/{code}/edit"): "register_partner",
    ("POST", "/partners/{code}/assess"): "assess_partner",
    ("GET", "/agreements"): "read",
    ("GET", "/agreements/new"): "register_agreement",
    ("POST", "/agreements/new"): "register_agreement",
    ("GET", "/agreements/{code}"): "read",
    ("POST", "/agreements/{code}/end"): "register_agreement",
    ("POST", "/agreements/{code}/clauses"): "register_agreement",
    # --- pages: document guard
    ("GET", "/guard"): "disclose",
    ("POST", "/guard"): "disclose",
    ("GET", "/trace"): "trace",
    ("POST", "/trace"): "trace",
    ("POST", "/api/v1/trace"): "trace",
    ("POST", "/api/v1/trace/file"): "trace",
    ("GET", "/guard/jobs/{job_id}"): "disclose",
    # --- pages: disclosures
    ("GET", "/disclose"): "disclose",
    ("POST", "/disclose/decision"): "disclose",
    ("POST", "/disclose"): "disclose",
    ("GET", "/disclosures"): "read",
    ("GET", "/disclosures/{number}"): "read",
    ("GET", "/disclosures/{number}/transmittal"): "read",
    ("GET", "/approvals"): "approve",
    ("POST", "/disclosures/{number}/approve"): "approve",
    ("POST", "/disclosures/{number}/reject"): "approve",
    # --- pages: samples, events, obligations, requests
    ("GET", "/samples"): "read",
    ("GET", "/samples/{code}"): "read",
    ("POST", "/samples/{code}/return"): "operate",
    ("GET", "/events"): "read",
    ("GET", "/events/new"): "operate",
    ("POST", "/events/new"): "operate",
    ("GET", "/events/{event_id}"): "read",
    ("POST", "/events/{event_id}/resolve"): "operate",
    ("GET", "/obligations"): "read",
    ("GET", "/obligations/{obligation_id}"): "read",
    ("POST", "/obligations/{obligation_id}/close"): "operate",
    ("POST", "/obligations/sweep"): "sweep",
    ("GET", "/requests"): "read",
    ("GET", "/requests/new"): "operate",
    ("POST", "/requests/new"): "operate",
    ("GET", "/requests/{request_id}"): "read",
    ("POST", "/requests/{request_id}/review"): "operate",
    ("POST", "/requests/{request_id}/escalate"): "operate",
    ("POST", "/requests/{request_id}/close"): "operate",
    # --- pages: audit, reports, import/export, account and users
    ("GET", "/audit"): "audit",
    ("GET", "/audit/verify"): "audit",
    ("GET", "/reports"): "read",
    ("GET", "/reports/exposure/{code}"): "read",
    ("GET", "/reports/exposure/{code}.pdf"): "read",
    ("GET", "/reports/registers"): "read",
    ("GET", "/reports/registers.pdf"): "read",
    ("GET", "/import"): "import",
    ("POST", "/import"): "import",
    ("GET", "/import/jobs/{job_id}"): "import",
    ("GET", "/export/{name}"): "read",
    ("GET", "/account"): "own_tokens",
    ("POST", "/account/tokens"): "own_tokens",
    ("POST", "/account/tokens/{token_id}/revoke"): "own_tokens",
    ("POST", "/account/password"): "own_tokens",
    ("POST", "/users"): "manage_users",
    ("POST", "/users/{username}/technologies"): "manage_users",
    ("POST", "/users/{username}/unlock"): "manage_users",
    # --- supply chain (issue 12)
    ("GET", "/supply"): "read",
    ("GET", "/supply/map"): "read",
    ("GET", "/supply/warnings"): "read",
    ("GET", "/supply/warnings/{warning_id}"): "read",
    ("POST", "/supply/signals"): "record_signal",
    ("POST", "/supply/sync"): "record_signal",
    ("GET", "/supply/what-if"): "read",
    ("GET", "/supply/import"): "manage_supply",
    ("POST", "/supply/import"): "manage_supply",
    ("GET", "/supply/export.xlsx"): "read",
    ("GET", "/supply/report"): "read",
    ("GET", "/supply/report.pdf"): "read",
    ("GET", "/api/v1/supply/analysis"): "read",
    ("GET", "/api/v1/supply/what-if"): "read",
    ("POST", "/api/v1/supply/signals"): "record_signal",
    ("POST", "/api/v1/supply/sync"): "record_signal",
    ("GET", "/api/v1/supply/warnings"): "read",
    ("GET", "/api/v1/supply/warnings/{warning_id}"): "read",
    ("GET", "/api/v1/supply/export.xlsx"): "read",
    ("POST", "/api/v1/supply/import"): "manage_supply",
    # --- screening (issue 10)
    ("GET", "/screening"): "read",
    ("GET", "/screening/name"): "screen",
    ("GET", "/screening/lists"): "read",
    ("GET", "/screening/lists/{source}/diff"): "read",
    ("GET", "/screening/import"): "import",
    ("POST", "/screening/import"): "import",
    ("GET", "/screening/import/jobs/{job_id}"): "import",
    ("GET", "/screening/review"): "read",
    ("GET", "/screening/results/{result_id}"): "read",
    ("POST", "/screening/results/{result_id}/confirm"): "review_screening",
    ("POST", "/screening/results/{result_id}/dismiss"): "review_screening",
    ("GET", "/partners/{code}/screening"): "read",
    ("POST", "/partners/{code}/screening"): "screen",
    ("POST", "/screening/run"): "screen",
    ("GET", "/api/v1/screening/lists"): "read",
    ("GET", "/api/v1/screening/lists/{source}/diff"): "read",
    ("POST", "/api/v1/screening/lists"): "import",
    ("POST", "/api/v1/screening/screen"): "screen",
    ("POST", "/api/v1/screening/partners/{code}"): "screen",
    ("GET", "/api/v1/screening/results"): "read",
    ("GET", "/api/v1/screening/results/{result_id}"): "read",
    ("POST", "/api/v1/screening/results/{result_id}/confirm"): "review_screening",
    ("POST", "/api/v1/screening/results/{result_id}/dismiss"): "review_screening",
    # --- self-check (issue 14)
    ("GET", "/selfcheck"): "audit",
    ("POST", "/selfcheck"): "self_check",
    ("GET", "/selfcheck/{check_id}"): "audit",
    ("POST", "/selfcheck/{check_id}/answers"): "self_check",
    ("POST", "/selfcheck/{check_id}/finalise"): "self_check",
    ("GET", "/selfcheck/{check_id}/report.pdf"): "audit",
    ("GET", "/selfcheck/{check_id}/report.xlsx"): "audit",
    ("GET", "/api/v1/selfcheck"): "audit",
    ("POST", "/api/v1/selfcheck"): "self_check",
    ("GET", "/api/v1/selfcheck/{check_id}"): "audit",
    ("POST", "/api/v1/selfcheck/{check_id}/answers"): "self_check",
    ("POST", "/api/v1/selfcheck/{check_id}/finalise"): "self_check",
    ("GET", "/api/v1/selfcheck/{check_id}/report.xlsx"): "audit",
    # --- leak incidents and evidence packages (issue 13 item 4)
    ("GET", "/incidents"): "read",
    ("GET", "/incidents/new"): "operate",
    ("POST", "/incidents/new"): "operate",
    ("GET", "/incidents/{number}"): "read",
    ("POST", "/incidents/{number}/status"): "handle_incident",
    ("POST", "/incidents/{number}/trace"): "handle_incident",
    ("POST", "/incidents/{number}/package"): "audit",
    ("GET", "/api/v1/incidents"): "read",
    ("POST", "/api/v1/incidents"): "operate",
    ("GET", "/api/v1/incidents/{number}"): "read",
    ("POST", "/api/v1/incidents/{number}/status"): "handle_incident",
    ("POST", "/api/v1/incidents/{number}/links"): "handle_incident",
    ("POST", "/api/v1/incidents/{number}/traces"): "handle_incident",
    ("POST", "/api/v1/incidents/{number}/package"): "audit",
    # --- the workbench in the browser: corrections, sample loans, obligations by hand, importance, codebook
    ("GET", "/agreements/{code}/edit"): "register_agreement",
    ("POST", "/agreements/{code}/edit"): "register_agreement",
    ("GET", "/elements/{code}/edit"): "register_technology",
    ("POST", "/elements/{code}/edit"): "register_technology",
    ("GET", "/samples/{code}/edit"): "operate",
    ("POST", "/samples/{code}/edit"): "operate",
    ("GET", "/events/{event_id}/edit"): "operate",
    ("POST", "/events/{event_id}/edit"): "operate",
    ("GET", "/requests/{request_id}/edit"): "operate",
    ("POST", "/requests/{request_id}/edit"): "operate",
    ("GET", "/samples/new"): "disclose",
    ("POST", "/samples/new"): "disclose",
    ("GET", "/obligations/new"): "operate",
    ("POST", "/obligations/new"): "operate",
    ("GET", "/technologies/{code}/importance"): "register_technology",
    ("POST", "/technologies/{code}/importance"): "register_technology",
    ("POST", "/technologies/{code}/importance/suggest"): "register_technology",
    ("POST", "/technologies/{code}/tier"): "register_technology",
    ("GET", "/codebook"): "register_technology",
    ("POST", "/codebook/terms"): "register_technology",
    ("POST", "/codebook/terms/{code}/retire"): "register_technology",
    ("POST", "/codebook/{code}/scope"): "register_technology",
    ("POST", "/codebook/import"): "register_technology",
    ("GET", "/codebook/export.xlsx"): "register_technology",
    ("PATCH", "/api/v1/agreements/{code}"): "register_agreement",
    ("PATCH", "/api/v1/elements/{code}"): "register_technology",
    ("PATCH", "/api/v1/samples/{code}"): "operate",
    ("PATCH", "/api/v1/events/{event_id}"): "operate",
    ("PATCH", "/api/v1/requests/{request_id}"): "operate",
    ("POST", "/api/v1/obligations"): "operate",
    ("POST", "/api/v1/technologies/{code}/importance"): "register_technology",
    ("POST", "/api/v1/technologies/{code}/tier"): "register_technology",
    # --- people (issue 14): personal data is withheld inside the pages, not by the route
    ("GET", "/api/v1/people"): "read",
    ("POST", "/api/v1/people"): "manage_people",
    ("GET", "/api/v1/people/{code}"): "read",
    ("POST", "/api/v1/people/{code}/pledges"): "manage_people",
    ("POST", "/api/v1/people/{code}/non-competes"): "manage_people",
    ("POST", "/api/v1/people/{code}/declarations"): "report_contact",
    ("POST", "/api/v1/people/{code}/review"): "manage_people",
    ("POST", "/api/v1/people/{code}/exit"): "manage_people",
    ("POST", "/api/v1/people/{code}/contacts"): "report_contact",
    ("POST", "/api/v1/people/{code}/oral-check"): "disclose",
    ("GET", "/people"): "read",
    ("GET", "/people/new"): "manage_people",
    ("POST", "/people/new"): "manage_people",
    ("GET", "/people/{code}"): "read",
    ("POST", "/people/{code}/pledges"): "manage_people",
    ("POST", "/people/{code}/non-competes"): "manage_people",
    ("POST", "/people/{code}/declarations"): "report_contact",
    ("POST", "/people/{code}/review"): "manage_people",
    ("POST", "/people/{code}/exit"): "manage_people",
    ("POST", "/people/{code}/contacts"): "report_contact",
    ("POST", "/people/{code}/oral-check"): "disclose",
    # --- sites abroad and joint research (issue 14)
    ("GET", "/sites"): "read",
    ("GET", "/sites/new"): "manage_abroad",
    ("POST", "/sites/new"): "manage_abroad",
    ("GET", "/sites/{code}"): "read",
    ("POST", "/sites/{code}/allowances"): "manage_abroad",
    ("POST", "/sites/{code}/stage"): "manage_abroad",
    ("POST", "/sites/{code}/internal-decision"): "manage_abroad",
    ("POST", "/sites/{code}/advance-reports"): "manage_abroad",
    ("POST", "/sites/{code}/visits"): "operate",
    ("POST", "/sites/{code}/check"): "disclose",
    ("GET", "/research"): "read",
    ("GET", "/research/new"): "manage_abroad",
    ("POST", "/research/new"): "manage_abroad",
    ("GET", "/research/{code}"): "read",
    ("POST", "/research/{code}/reviews"): "disclose",
    ("GET", "/research/reviews/{review_id}"): "read",
    ("POST", "/research/reviews/{review_id}/result"): "review_publication",
    ("POST", "/research/reviews/{review_id}/published"): "disclose",
    ("GET", "/api/v1/sites"): "read",
    ("POST", "/api/v1/sites"): "manage_abroad",
    ("GET", "/api/v1/sites/{code}"): "read",
    ("POST", "/api/v1/sites/{code}/allowances"): "manage_abroad",
    ("POST", "/api/v1/sites/{code}/stage"): "manage_abroad",
    ("POST", "/api/v1/sites/{code}/internal-decision"): "manage_abroad",
    ("POST", "/api/v1/sites/{code}/advance-reports"): "manage_abroad",
    ("POST", "/api/v1/sites/{code}/visits"): "operate",
    ("POST", "/api/v1/sites/{code}/teaching-check"): "disclose",
    ("GET", "/api/v1/research"): "read",
    ("POST", "/api/v1/research"): "manage_abroad",
    ("GET", "/api/v1/research/{code}"): "read",
    ("POST", "/api/v1/research/{code}/reviews"): "disclose",
    ("GET", "/api/v1/research/reviews/{review_id}"): "read",
    ("POST", "/api/v1/research/reviews/{review_id}/result"): "review_publication",
    ("POST", "/api/v1/research/reviews/{review_id}/published"): "disclose",
    # --- publication watch (issue 13)
    ("GET", "/watch"): "read",
    ("POST", "/watch"): "import",
    ("GET", "/watch/alerts/{alert_id}"): "read",
    ("POST", "/watch/alerts/{alert_id}/confirm"): "approve",
    ("POST", "/watch/alerts/{alert_id}/dismiss"): "approve",
    ("POST", "/api/v1/watch/preview"): "import",
    ("POST", "/api/v1/watch/import"): "import",
    ("GET", "/api/v1/watch/alerts"): "read",
    ("GET", "/api/v1/watch/alerts/{alert_id}"): "read",
    ("POST", "/api/v1/watch/alerts/{alert_id}/confirm"): "approve",
    ("POST", "/api/v1/watch/alerts/{alert_id}/dismiss"): "approve",
}

# Reads see real records; anything that could change state gets a code that does not exist.
REAL = {"technologies": "T-A", "partners": "P-OK", "agreements": "NDA-1", "exposure": "P-OK"}
MISSING = {"code": "NO-SUCH", "number": "D-0000-999999", "event_id": "999999", "obligation_id": "999999",
           "request_id": "999999", "token_id": "999999", "username": "no-such-user", "name": "partners.csv",
           "job_id": "0" * 32, "warning_id": "999999", "agreement": "NO-SUCH", "asset": "no-such",
           "channel": "no-such", "source": "no-such-list", "result_id": "999999",
           "check_id": "999999", "meeting_id": "999999", "stage": "2", "review_id": "999999",
           "alert_id": "999999"}


def app_routes(app) -> set[tuple[str, str]]:
    found = set()
    for route in iter_route_contexts(app.routes):
        if not route.methods:
            assert route.path in MOUNTS, f"unexpected mount {route.path}"
            continue
        found |= {(method, route.path) for method in route.methods}
    return found


def concrete(method: str, path: str) -> str:
    parts = []
    for part in path.strip("/").split("/"):
        if part.startswith("{"):
            name, _, suffix = part[1:].partition("}")
            area = parts[-1] if parts else ""
            value = REAL.get(area) if method == "GET" and name == "code" else None
            part = (value or MISSING[name]) + suffix
        parts.append(part)
    return "/" + "/".join(parts)


def expected_roles(action: str) -> frozenset[str]:
    if action in (PUBLIC, SIGNED_IN):
        return frozenset({"admin", "tech_manager", "staff", "auditor"})
    return ACTIONS[action]


def test_every_route_is_in_the_table(web_app):
    found = app_routes(web_app)
    assert sorted(found - set(ROUTES)) == [], "routes missing from ROUTES (add them with their action)"
    assert sorted(set(ROUTES) - found) == [], "ROUTES lists routes the app no longer has"
    assert {a for a in ROUTES.values()} - {PUBLIC, SIGNED_IN, FEED} <= set(ACTIONS)


def call(client: TestClient, method: str, path: str, headers: dict[str, str]):
    kwargs = {"json": {}} if path.startswith("/api/") and method in ("POST", "PATCH") else {}
    return client.request(method, concrete(method, path), headers=headers, follow_redirects=False, **kwargs)


@pytest.fixture
def raw_client(web_app):
    """A client that reports server errors as responses, so one failing page does not hide the rest."""
    with TestClient(web_app, base_url="http://127.0.0.1", raise_server_exceptions=False) as test_client:
        yield test_client


def test_anonymous_callers_are_sent_to_sign_in(raw_client, seeded):
    wrong = []
    for (method, path), action in sorted(ROUTES.items()):
        response = call(raw_client, method, path, {})
        where = response.headers.get("location", "")
        if action == PUBLIC:
            ok = response.status_code < 500 and not where.startswith("/login?")
        elif action == FEED:
            ok = response.status_code == 401 and response.json()["code"] == "auth.bad_token"
        elif path.startswith("/api/"):
            ok = response.status_code == 401 and response.json()["code"] == "auth.unauthenticated"
        else:
            ok = response.status_code == 303 and where.startswith("/login?next=")
        if not ok:
            wrong.append(f"{method} {path}: {response.status_code} {where}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("role", ["admin", "tech_manager", "staff", "auditor"])
def test_each_role_gets_what_its_actions_allow(raw_client, people, role):
    headers = {"Authorization": f"Bearer {people[role]['token']}"}
    wrong = []
    for (method, path), action in sorted(ROUTES.items()):
        response = call(raw_client, method, path, headers)
        if action == FEED:
            ok = response.status_code == 401  # a user's token is not a feed token
        elif role in expected_roles(action):
            ok = response.status_code not in (401, 403) and response.status_code < 500
        else:
            ok = response.status_code == 403
        if not ok:
            wrong.append(f"{method} {path} ({action}): {response.status_code} {response.text[:160]!r}")
    assert not wrong, f"{role}:\n" + "\n".join(wrong)
