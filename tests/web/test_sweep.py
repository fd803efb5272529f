"""The server sweeps obligations itself (at start, daily, once however many workers) and the
dashboard offers "run the sweep now" to technology managers and admins (CSRF, audited)."""

from __future__ import annotations

import re
import threading
from datetime import datetime, timedelta, timezone

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from mamoru.services import agreements, obligations, samples
from mamoru.services import common as c
from mamoru.services.uow import read_only, unit_of_work
from mamoru.store.models import AuditEntry, Obligation, Partner
from mamoru.web import sweeper


def signed_in(client, username: str, password: str) -> str:
    token = re.search(r'name="login_csrf" value="([^"]*)"', client.get("/login").text).group(1)
    client.post("/login", data={"username": username, "password": password, "login_csrf": token})
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get("/account").text).group(1)


def lend_and_expire(engine, seeded) -> None:
    """Ten days ago: a sample lent to P-OK due back yesterday, and an NDA that ended a week ago."""
    then = datetime.now(timezone.utc) - timedelta(days=10)
    today = datetime.now(timezone.utc).date()
    with unit_of_work(engine, "setup", now=then) as ctx:
        partner = c.by_code(ctx, Partner, "P-OK")
        samples.lend(ctx, "S-1", partner.id, None, "試作品", today - timedelta(days=1))
        agreements.add_agreement(ctx, "NDA-OLD", "P-OK", "nda", today - timedelta(days=100),
                                 today - timedelta(days=7), technologies=[seeded["assigned"]],
                                 clauses=["confidentiality", "return_destroy"])


def open_obligations(engine) -> list[tuple[str, str]]:
    with read_only(engine) as ctx:
        return sorted((o.kind, o.source) for o in obligations.open_obligations(ctx))


def sweep_audits(engine) -> list[str]:
    with read_only(engine) as ctx:
        return list(ctx.session.execute(select(AuditEntry.after).where(AuditEntry.action == "obligations.sweep")
                                        .order_by(AuditEntry.seq)).scalars())


EXPECTED = [("collect_destruction_certificate", "agreement"), ("demand_destruction", "agreement"),
            ("demand_return", "agreement"), ("recover_sample", "sample")]


def test_the_served_app_sweeps_at_start_without_cron(engine, seeded, web_app):
    lend_and_expire(engine, seeded)
    assert open_obligations(engine) == []
    sweeper.install(web_app)
    with TestClient(web_app, base_url="http://127.0.0.1"):  # runs the lifespan: start-up sweep
        assert open_obligations(engine) == EXPECTED
    assert len(sweep_audits(engine)) == 1 and '"schedule"' in sweep_audits(engine)[0]


def test_the_scheduled_sweep_runs_once_a_day_however_many_workers_ask(engine, seeded):
    lend_and_expire(engine, seeded)
    results: list = []
    errors: list = []

    def worker():
        try:
            results.append(obligations.run_scheduled(engine))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(results, key=lambda r: -1 if r is None else r) == [None, None, None, 4]
    assert open_obligations(engine) == EXPECTED
    # The next day it sweeps again, and finds nothing new: the sweep is idempotent.
    tomorrow = datetime.now(timezone.utc) + timedelta(days=1)
    assert obligations.run_scheduled(engine, now=tomorrow) == 0
    assert obligations.run_scheduled(engine, now=tomorrow) is None
    with read_only(engine) as ctx:
        assert ctx.session.execute(select(func.count()).select_from(Obligation)).scalar_one() == 4


def test_the_dashboard_button_sweeps_for_managers_with_csrf_and_is_audited(client, engine, people, seeded):
    lend_and_expire(engine, seeded)
    csrf = signed_in(client, "tanaka", people["tech_manager"]["password"])
    page = client.get("/").text
    assert 'action="/obligations/sweep"' in page and "期日処理を今すぐ実行" in page
    assert client.post("/obligations/sweep", data={"csrf_token": "forged"}).status_code == 403
    assert open_obligations(engine) == [] and sweep_audits(engine) == []
    done = client.post("/obligations/sweep", data={"csrf_token": csrf}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/?swept=4"
    assert "新しい対応事項: 4 件" in client.get(done.headers["location"]).text
    assert open_obligations(engine) == EXPECTED
    audits = sweep_audits(engine)
    assert len(audits) == 1 and '"manual"' in audits[0]
    again = client.post("/obligations/sweep", data={"csrf_token": csrf}, follow_redirects=False)
    assert again.headers["location"] == "/?swept=0" and open_obligations(engine) == EXPECTED


def test_staff_and_auditors_get_no_sweep_button_and_are_refused(client, engine, people, seeded):
    lend_and_expire(engine, seeded)
    for role in ("staff", "auditor"):
        client.cookies.clear()
        csrf = signed_in(client, people[role]["username"], people[role]["password"])
        assert 'action="/obligations/sweep"' not in client.get("/").text
        assert client.post("/obligations/sweep", data={"csrf_token": csrf}).status_code == 403
    assert open_obligations(engine) == [] and sweep_audits(engine) == []
