"""Fixtures for the web application and the REST API: an app on each backend, people, a small company.

``people`` signs up one user per role (admin, tech_manager, staff, auditor) with a password and an
API token; staff "sato" is assigned only to ``seeded``'s first technology. ``live_server`` serves
the same app over real HTTP on loopback for browser tests and the benchmark.
"""

from __future__ import annotations

import socket
import threading
import time
from datetime import datetime, timedelta, timezone

import pytest
import uvicorn
from fastapi.testclient import TestClient

from mamoru.services import access, agreements, partners, technologies, users
from mamoru.services.uow import unit_of_work

LOW = dict(business_overlap="low", financial_condition="low", leadership_attitude="low", board_foreign_duty="low",
           reputation="low")
PEOPLE = {  # role: (username, password)
    "admin": ("admin", "kiln-orbit-ledger-0001"),
    "tech_manager": ("tanaka", "sinter-maple-ledger-0002"),
    "staff": ("sato", "copper-heron-ledger-0003"),
    "auditor": ("yamada", "violet-anvil-ledger-0004"),
}
ROLES = tuple(PEOPLE)


@pytest.fixture
def web_app(engine):
    """The whole application (pages and API) on the test's database."""
    from mamoru.web.app import create_app

    return create_app(engine=engine)


@pytest.fixture
def seeded(engine):
    """Two technologies with elements of ranks 1..4 (T-A for staff, T-B not), three partners, one NDA.

    Dates are relative to today: the app runs on the real clock.
    """
    today = datetime.now(timezone.utc).date()
    with unit_of_work(engine, "setup") as ctx:
        for tech, name in (("T-A", "低温焼結プロセス"), ("T-B", "表面コーティング")):
            technologies.add_technology(ctx, tech, name=name, domain="technological_superiority")
            for rank in (1, 2, 3, 4):
                technologies.add_element(ctx, tech, f"{tech[-1]}-{rank}", title=f"{name} rank {rank}", rank=rank,
                                         kind="condition", description=f"secret detail {tech} {rank}")
        partners.add_partner(ctx, "P-OK", name="信頼商事", kind="customer", country="JP")
        partners.assess(ctx, "P-OK", LOW)
        partners.add_partner(ctx, "P-NEW", name="新規工業", kind="customer", country="JP")
        partners.add_partner(ctx, "P-FAR", name="Far Trading", kind="supplier", country="SG")
        agreements.add_agreement(ctx, "NDA-1", "P-OK", "nda", today - timedelta(days=30), today + timedelta(days=365),
                                 title="秘密保持契約", technologies=["T-A", "T-B"],
                                 clauses=["confidentiality", "purpose_limitation", "no_third_party", "no_copying",
                                          "return_destroy"])
    return {"assigned": "T-A", "unassigned": "T-B",
            "elements": {"T-A": ["A-1", "A-2", "A-3", "A-4"], "T-B": ["B-1", "B-2", "B-3", "B-4"]},
            "partners": ["P-OK", "P-NEW", "P-FAR"], "agreement": "NDA-1"}


@pytest.fixture
def people(engine, seeded):
    """role -> {"username", "password", "token"}; staff is assigned to the seeded technology T-A only."""
    out = {}
    with unit_of_work(engine, "setup") as ctx:
        for role, (username, password) in PEOPLE.items():
            users.add_user(ctx, username, role)
            access.set_password(ctx, username, password)
            out[role] = {"username": username, "password": password,
                         "token": access.create_token(ctx, username, "tests")}
        access.assign(ctx, "sato", [seeded["assigned"]])
    return out


@pytest.fixture
def client(web_app):
    """An in-process HTTP client (no credentials: pass ``headers=bearer(token)`` or sign in)."""
    with TestClient(web_app, base_url="http://127.0.0.1") as test_client:
        yield test_client


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


class RoleClient:
    """``client`` with one person's API token on every request."""

    def __init__(self, client: TestClient, token: str) -> None:
        self.client, self.headers = client, bearer(token)

    def request(self, method: str, url: str, **kwargs):
        return self.client.request(method, url, headers={**self.headers, **kwargs.pop("headers", {})}, **kwargs)

    def get(self, url: str, **kwargs):
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs):
        return self.request("POST", url, **kwargs)


@pytest.fixture
def api(client, people):
    """``api("staff").get("/api/v1/technologies")``: calls as that role, with its API token."""
    return lambda role: RoleClient(client, people[role]["token"])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Server(uvicorn.Server):
    def install_signal_handlers(self) -> None:  # a background thread cannot own signals
        pass


def serve_in_thread(app) -> tuple[str, _Server, threading.Thread]:
    """Start uvicorn on a free loopback port in a daemon thread; returns (base URL, server, thread)."""
    port = free_port()
    server = _Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, name="mamoru-live-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("live server did not start")
        time.sleep(0.02)
    return f"http://127.0.0.1:{port}", server, thread


@pytest.fixture
def live_server(web_app):
    """The app served over real HTTP on 127.0.0.1 and a free port; yields the base URL."""
    url, server, thread = serve_in_thread(web_app)
    yield url
    server.should_exit = True
    thread.join(timeout=10)
