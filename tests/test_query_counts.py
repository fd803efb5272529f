"""Query counts pinned (as NetBox pins them): the dashboard and the gate check cost the same few
queries however large the ledger grows, on SQLite and PostgreSQL.

A growing count is how a page that was fast on the demo company becomes slow at 100,000
disclosures (an N+1 lazy load, a list loaded to be counted). Counted with SQLAlchemy's
``before_cursor_execute`` on the engine, around the service call alone.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import timedelta

import pytest
from sqlalchemy import event

from mamoru.services import agreements, dashboard, disclosures, exposure, partners, technologies, users
from mamoru.services import access as access_service
from mamoru.services.uow import read_only

GATE_MAX = 8  # partner, elements (+technology), ranks, agreements, agreement contents, holds, received,
#               our competitors the partner serves (3-1)
DASHBOARD_MAX = 7  # obligations, overdue samples, counts+tiers, ending agreements, recent, totals, exposure

LOW = dict(business_overlap="low", financial_condition="low", leadership_attitude="low", board_foreign_duty="low",
           reputation="low")
CLAUSES = ["confidentiality", "purpose_limitation", "no_third_party", "no_copying", "return_destroy"]


@contextmanager
def counting(engine):
    statements: list[str] = []

    def listener(conn, cursor, statement, parameters, context, executemany):
        if not statement.lstrip().upper().startswith("BEGIN"):  # SQLite's explicit BEGIN is not a query
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", listener)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", listener)


def grow(act, now, techs: int, partners_n: int, agreements_per: int, disclosures_n: int) -> None:
    """A company of the given size; every partner has ``agreements_per`` agreements and anything on the ledger."""
    with act("admin") as ctx:
        for t in range(techs):
            technologies.add_technology(ctx, f"T-{t}", name=f"tech {t}", domain="technological_superiority")
            for e in range(6):
                technologies.add_element(ctx, f"T-{t}", f"E-{t}-{e}", title=f"element {e}", rank=[1, 1, 2, 2, 3, 0][e])
        for p in range(partners_n):
            code = f"P-{p:02d}"
            partners.add_partner(ctx, code, name=f"partner {p}", kind="customer", country="JP" if p % 2 else "SG")
            partners.assess(ctx, code, LOW)
            for a in range(agreements_per):
                agreements.add_agreement(ctx, f"A-{p:02d}-{a}", code, "nda", now.date() - timedelta(days=30 + a),
                                         now.date() + timedelta(days=300 + a),
                                         technologies=[f"T-{t}" for t in range(techs)],
                                         elements=[f"E-0-{a % 6}"], clauses=CLAUSES)
        for i in range(disclosures_n):
            disclosures.disclose(ctx, f"P-{i % partners_n:02d}", [f"E-{i % techs}-{i % 3}", f"E-{(i + 1) % techs}-1"],
                                 "見積", "document", form="code_named", accept_conditions=True)


def gate_queries(engine, policy, now, viewer=None) -> int:
    with read_only(engine, policy=policy, now=now, viewer=viewer) as ctx:
        with counting(engine) as statements:
            decision = disclosures.evaluate(ctx, "P-00", ["E-0-1", "E-0-2"], "document", "code_named")
    assert decision.outcome != "deny", decision.reasons
    return len(statements)


def dashboard_queries(engine, policy, now, viewer=None) -> tuple[int, dashboard.Summary]:
    with read_only(engine, policy=policy, now=now, viewer=viewer) as ctx:
        with counting(engine) as statements:
            summary = dashboard.summary(ctx)
    return len(statements), summary


def test_the_gate_check_costs_the_same_few_queries_however_large_the_ledger(engine, policy, now, act):
    grow(act, now, techs=1, partners_n=1, agreements_per=1, disclosures_n=1)
    few = gate_queries(engine, policy, now)
    with act("admin") as ctx:  # more technologies, partners, agreements per partner, disclosures
        for t in (1, 2):
            technologies.add_technology(ctx, f"T-{t}", name=f"tech {t}", domain="technological_superiority")
            for e in range(6):
                technologies.add_element(ctx, f"T-{t}", f"E-{t}-{e}", title=f"e {e}", rank=[1, 1, 2, 2, 3, 0][e])
        for a in range(1, 6):
            agreements.add_agreement(ctx, f"A-00-{a}", "P-00", "nda", now.date() - timedelta(days=10),
                                     now.date() + timedelta(days=100), technologies=["T-0", "T-1", "T-2"],
                                     elements=["E-1-1", "E-2-2"], clauses=CLAUSES)
        for i in range(30):
            disclosures.disclose(ctx, "P-00", [f"E-{i % 3}-{i % 2}", f"E-{(i + 1) % 3}-1"], "見積", "document",
                                 form="code_named", accept_conditions=True)
    many = gate_queries(engine, policy, now)
    assert few == many <= GATE_MAX


def test_the_dashboard_costs_the_same_few_queries_however_large_the_ledger(engine, policy, now, act):
    grow(act, now, techs=1, partners_n=1, agreements_per=1, disclosures_n=1)
    with act("admin") as ctx:
        users.add_user(ctx, "sato", "staff")
        access_service.assign(ctx, "sato", ["T-0"])
    with read_only(engine) as ctx:
        staff = access_service.viewer(ctx, "sato")
    few_admin, _ = dashboard_queries(engine, policy, now)
    few_staff, _ = dashboard_queries(engine, policy, now, staff)
    with act("admin") as ctx:
        for t in (1, 2):
            technologies.add_technology(ctx, f"T-{t}", name=f"tech {t}", domain="technological_superiority")
            for e in range(6):
                technologies.add_element(ctx, f"T-{t}", f"E-{t}-{e}", title=f"e {e}", rank=[1, 1, 2, 2, 3, 0][e])
        for p in range(1, 25):
            partners.add_partner(ctx, f"P-{p:02d}", name=f"partner {p}", kind="customer", country="JP")
            partners.assess(ctx, f"P-{p:02d}", LOW)
            agreements.add_agreement(ctx, f"A-{p:02d}-0", f"P-{p:02d}", "nda", now.date() - timedelta(days=10),
                                     now.date() + timedelta(days=20), technologies=["T-0", "T-1", "T-2"],
                                     clauses=CLAUSES)
        for i in range(40):
            disclosures.disclose(ctx, f"P-{1 + i % 24:02d}", [f"E-{i % 3}-{i % 2}", f"E-{(i + 1) % 3}-2"], "見積",
                                 "document", form="code_named", accept_conditions=True)
    many_admin, summary = dashboard_queries(engine, policy, now)
    many_staff, _ = dashboard_queries(engine, policy, now, staff)
    assert few_admin == many_admin <= DASHBOARD_MAX
    assert few_staff == many_staff <= DASHBOARD_MAX
    assert len(summary.recent) == dashboard.RECENT_SHOWN
    assert len(summary.ending) == dashboard.LIST_SHOWN and summary.ending_total == 24


def test_the_dashboard_summary_agrees_with_the_ledger_and_keeps_need_to_know(engine, policy, now, act):
    grow(act, now, techs=2, partners_n=3, agreements_per=1, disclosures_n=6)
    with act("admin") as ctx:
        users.add_user(ctx, "sato", "staff")
        access_service.assign(ctx, "sato", ["T-0"])
        disclosures.disclose(ctx, "P-00", ["E-0-0"], "見積", "document", form="code_named", accept_conditions=True)
    with read_only(engine, policy=policy, now=now) as ctx:
        full = dashboard.summary(ctx)
        expected = {(c.partner, c.technology): c.share for c in exposure.matrix(ctx)}
        staff = access_service.viewer(ctx, "sato")
    assert {(c.partner, c.technology): pytest.approx(c.share) for c in full.cells} == expected
    assert full.exposed_partners == 3 and full.tiers == {"low": 3}
    with read_only(engine, policy=policy, now=now, viewer=staff) as ctx:
        seen = dashboard.summary(ctx)
    # Staff see T-0 only: exposure to T-1 and disclosures with any T-1 element are not theirs to see.
    assert {c.technology for c in seen.cells} == {"T-0"}
    assert [d["number"] for d in seen.recent] == [full.recent[0]["number"]]  # the T-0-only disclosure
    assert seen.pending == 0 and not seen.may_sweep and full.may_sweep


def test_the_heat_map_shows_the_most_exposed_partners_and_counts_the_rest(engine, policy, now, act, monkeypatch):
    grow(act, now, techs=1, partners_n=4, agreements_per=1, disclosures_n=0)
    with act("admin") as ctx:
        for p, n in ((0, 1), (1, 3), (2, 2), (3, 0)):
            if n:
                disclosures.disclose(ctx, f"P-{p:02d}", [f"E-0-{i}" for i in range(n)], "見積", "document",
                                     form="code_named", accept_conditions=True)
    with read_only(engine, policy=policy, now=now) as ctx:
        cells, exposed = dashboard.exposure_cells(ctx, limit_partners=2)
    assert exposed == 3 and sorted(c.partner for c in cells) == ["P-01", "P-02"]
