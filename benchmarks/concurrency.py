"""Benchmark: decisions taken at the same moment, on SQLite and PostgreSQL — outcome counts and time.

Each scenario starts real threads, each with its own unit of work (connection and
transaction), released together by a barrier, over a fresh database per round:

- approve20:  20 approvals of one pending disclosure         -> expect 1 ok, 19 Conflict
- mixed20:    10 approvals + 10 rejections of one disclosure -> expect 1 ok, 19 Conflict, audit agrees
- resolve8:   8 resolutions of one event                     -> expect 1 ok, 7 Conflict
- exposure4:  4 disclosures of 4 equal-weight elements to a fresh partner (threshold 50 %)
              -> expect 2 recorded, 2 pending approval, final share 50 %
- close8:     8 closings of one obligation                   -> expect 1 ok, 7 Conflict

Printed per scenario and backend: the outcome counts summed over all rounds, how many
rounds matched the expectation, the final state check, and the median time of a round,
beside the same jobs run one after another (the baseline: no contention).

Usage:
  .venv/bin/python benchmarks/concurrency.py [--rounds 10] [--backend sqlite|postgresql|both]
PostgreSQL from MAMORU_TEST_DATABASE_URL (default postgresql+psycopg://postgres@127.0.0.1:5432/test),
in a throw-away schema. The audit anchor goes to a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import threading
import time
import uuid
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import create_engine, select, text

from mamoru.config import load_policy
from mamoru.domain import exposure as exposure_rules
from mamoru.services import agreements, disclosures, events, obligations, partners, technologies, users
from mamoru.services.uow import read_only, unit_of_work
from mamoru.store.base import Base
from mamoru.store.db import make_engine, migrate
from mamoru.store.models import AuditEntry, Partner

NOW = datetime(2026, 4, 1, 1, 0, tzinfo=timezone.utc)
LOW = dict(business_overlap="low", financial_condition="low", leadership_attitude="low", board_foreign_duty="low",
           reputation="low")
POLICY = load_policy()


def company(engine) -> None:
    with unit_of_work(engine, "admin", policy=POLICY, now=NOW) as ctx:
        users.add_user(ctx, "tanaka", "tech_manager")
        users.add_user(ctx, "suzuki", "tech_manager")
        users.add_user(ctx, "sato", "staff")
        technologies.add_technology(ctx, "T-SIN", name="焼結", domain="technological_superiority")
        technologies.add_technology(ctx, "T-COAT", name="コーティング", domain="technological_superiority")
        for code in ("E1", "E2", "E3", "E4"):
            technologies.add_element(ctx, "T-SIN", code, title=code, rank=1)
        technologies.add_element(ctx, "T-COAT", "E-R3", title="R3", rank=3)
        partners.add_partner(ctx, "P-CUST", name="顧客", kind="customer", country="JP")
        partners.assess(ctx, "P-CUST", LOW)
        agreements.add_agreement(ctx, "A-CUST", "P-CUST", "nda", "2026-01-01", "2026-12-31",
                                 technologies=["T-SIN", "T-COAT"],
                                 clauses=["confidentiality", "purpose_limitation", "no_third_party", "no_copying",
                                          "return_destroy"])


def run_jobs(engine, jobs, concurrent: bool) -> list[str]:
    results = ["missing"] * len(jobs)
    barrier = threading.Barrier(len(jobs)) if concurrent else None

    def one(i, actor, fn):
        try:
            if barrier:
                barrier.wait(timeout=60)
            with unit_of_work(engine, actor, policy=POLICY, now=NOW) as ctx:
                results[i] = "ok:" + str(fn(ctx))
        except Exception as exc:  # noqa: BLE001 - counted
            results[i] = type(exc).__name__ + ":" + getattr(exc, "code", str(exc)[:60])

    if not concurrent:
        for i, (actor, fn) in enumerate(jobs):
            one(i, actor, fn)
        return results
    threads = [threading.Thread(target=one, args=(i, a, f)) for i, (a, f) in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def _pending(engine) -> str:
    with unit_of_work(engine, "sato", policy=POLICY, now=NOW) as ctx:
        return disclosures.disclose(ctx, "P-CUST", ["E-R3"], "共同開発", "document", accept_conditions=True,
                                    staged_plan="第1段階").number


def _actions(engine, entity_id) -> Counter:
    with read_only(engine) as ctx:
        return Counter(ctx.session.execute(select(AuditEntry.action).where(AuditEntry.entity_id == entity_id)).scalars())


def approve20(engine):
    number = _pending(engine)
    jobs = [("tanaka", lambda ctx: disclosures.approve(ctx, number).status)] * 20
    return jobs, lambda: _actions(engine, number)["disclosure.approve"] == 1


def mixed20(engine):
    number = _pending(engine)
    jobs = []
    for i in range(10):
        jobs.append(("tanaka", lambda ctx: disclosures.approve(ctx, number).status))
        jobs.append(("suzuki", lambda ctx, i=i: disclosures.reject(ctx, number, f"見送り {i}").status))

    def check():
        with read_only(engine) as ctx:
            final = disclosures.get(ctx, number).status
        actions = _actions(engine, number)
        decided = actions["disclosure.approve"] + actions["disclosure.reject"]
        return decided == 1 and actions["disclosure." + ("approve" if final == "approved" else "reject")] == 1
    return jobs, check


def resolve8(engine):
    with unit_of_work(engine, "admin", policy=POLICY, now=NOW) as ctx:
        event_id = events.record_event(ctx, "P-CUST", "list_hit")[0].id
    jobs = [("admin", lambda ctx, i=i: events.resolve_event(ctx, event_id, f"確認 {i}").status) for i in range(8)]
    return jobs, lambda: _actions(engine, str(event_id))["event.resolve"] == 1


def exposure4(engine):
    jobs = [("sato", lambda ctx, code=code: disclosures.disclose(ctx, "P-CUST", [code], "評価", "document",
                                                                 accept_conditions=True).status)
            for code in ("E1", "E2", "E3", "E4")]

    def check():
        with read_only(engine, policy=POLICY) as ctx:
            partner = ctx.session.execute(select(Partner).where(Partner.code == "P-CUST")).scalar_one()
            got = disclosures.received_elements(ctx, partner.id)
        share = exposure_rules.share({e: 1 for e in ("E1", "E2", "E3", "E4")}, got, POLICY)
        return not exposure_rules.flagged(share, POLICY)
    return jobs, check


def close8(engine):
    with unit_of_work(engine, "admin", policy=POLICY, now=NOW) as ctx:
        ob_id = events.record_event(ctx, "P-CUST", "litigation")[1][0].id
    jobs = [("admin", lambda ctx, i=i: obligations.close(ctx, ob_id, f"証跡 {i}").status) for i in range(8)]
    return jobs, lambda: _actions(engine, str(ob_id))["obligation.close"] == 1


SCENARIOS = {
    "approve20": (approve20, Counter({"ok:approved": 1, "Conflict:conflict.not_pending": 19})),
    "mixed20": (mixed20, None),  # one ok (approved or rejected), 19 Conflict
    "resolve8": (resolve8, Counter({"ok:resolved": 1, "Conflict:conflict.event_resolved": 7})),
    "exposure4": (exposure4, Counter({"ok:recorded": 2, "ok:pending_approval": 2})),
    "close8": (close8, Counter({"ok:closed": 1, "Conflict:conflict.obligation_closed": 7})),
}


def expected(name: str, counts: Counter) -> bool:
    want = SCENARIOS[name][1]
    if want is not None:
        return counts == want
    oks = sum(n for k, n in counts.items() if k.startswith("ok:"))
    return oks == 1 and counts["Conflict:conflict.not_pending"] == 19


class Backend:
    def __init__(self, kind: str, folder: Path) -> None:
        self.kind, self.folder = kind, folder
        if kind == "sqlite":
            self.template = folder / "template.sqlite"
            engine = make_engine(f"sqlite:///{self.template}")
            migrate(engine)
            engine.dispose()
        else:
            self.url = os.environ.get("MAMORU_TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
            self.schema = f"mamoru_conc_{uuid.uuid4().hex[:8]}"
            self.admin = create_engine(self.url)
            with self.admin.begin() as conn:
                conn.execute(text(f'CREATE SCHEMA "{self.schema}"'))
            self.engine = make_engine(self.url, connect_args={"options": f"-csearch_path={self.schema}"},
                                      pool_size=25)
            migrate(self.engine)

    def fresh(self, n: int):
        os.environ["MAMORU_AUDIT_ANCHOR"] = str(self.folder / f"anchor-{self.kind}-{n}")
        if self.kind == "sqlite":
            path = self.folder / f"round-{n}.sqlite"
            path.write_bytes(self.template.read_bytes())
            return make_engine(f"sqlite:///{path}")
        names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        with self.engine.begin() as conn:
            conn.execute(text("SET LOCAL session_replication_role = replica"))  # past the audit table's triggers
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        return self.engine

    def close(self) -> None:
        if self.kind == "postgresql":
            self.engine.dispose()
            with self.admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{self.schema}" CASCADE'))
            self.admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args()
    kinds = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    print(f"{'scenario':<10} {'backend':<10} {'rounds ok':>9}  {'state ok':>8}  {'concurrent ms':>13} "
          f"{'sequential ms':>13}  outcomes over all rounds")
    with tempfile.TemporaryDirectory() as tmp:
        n = 0
        for kind in kinds:
            backend = Backend(kind, Path(tmp))
            try:
                for name, (setup, _want) in SCENARIOS.items():
                    total, rounds_ok, state_ok, conc, seq = Counter(), 0, 0, [], []
                    for _ in range(args.rounds):
                        for mode, times in (("sequential", seq), ("concurrent", conc)):
                            n += 1
                            engine = backend.fresh(n)
                            company(engine)
                            jobs, check = setup(engine)
                            started = time.perf_counter()
                            results = run_jobs(engine, jobs, concurrent=mode == "concurrent")
                            times.append((time.perf_counter() - started) * 1000)
                            if mode == "concurrent":
                                counts = Counter(results)
                                total.update(counts)
                                rounds_ok += expected(name, counts)
                                state_ok += bool(check())
                            if kind == "sqlite":
                                engine.dispose()
                    outcomes = ", ".join(f"{k} x{v}" for k, v in sorted(total.items()))
                    print(f"{name:<10} {kind:<10} {rounds_ok:>4}/{args.rounds:<4}  {state_ok:>3}/{args.rounds:<4}  "
                          f"{statistics.median(conc):>13.1f} {statistics.median(seq):>13.1f}  {outcomes}", flush=True)
            finally:
                backend.close()


if __name__ == "__main__":
    main()
