"""Benchmark: the disclosure gate and `audit verify` over 100,000 recorded disclosures.

Builds a company (3 technologies x 12 elements, 100 partners with agreements) and N recorded
disclosures, each with its audit entry, on SQLite and/or PostgreSQL; then times

- the gate as a user meets it (``services.disclosures.evaluate``: loads partner, agreements,
  elements, open events and what the partner already received), next to the pure
  ``domain.gate.decide`` on the same requests (the baseline: the rule work without I/O);
- ``audit verify`` over every entry, next to a plain ordered read of the same rows without hashing
  (the baseline: the I/O floor).

Usage:
  .venv/bin/python benchmarks/core.py [--n 100000] [--backend sqlite|postgresql|both] [--queries 2000]
PostgreSQL from MAMORU_TEST_DATABASE_URL (default postgresql+psycopg://postgres@127.0.0.1:5432/test),
in a throw-away schema.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import create_engine, insert, select, text

from mamoru.audit import chain
from mamoru.config import load_policy
from mamoru.domain import gate
from mamoru.services import agreements, disclosures, partners, technologies
from mamoru.services.uow import read_only, unit_of_work
from mamoru.store.db import make_engine, migrate
from mamoru.store.models import (AuditEntry, AuditHead, Disclosure, DisclosureElement, KnowledgeElement, Partner,
                                 ReceivedElement)

LOW = dict(business_overlap="low", financial_condition="low", leadership_attitude="low", board_foreign_duty="low",
           reputation="low")
NOW = datetime(2026, 6, 1, 1, tzinfo=timezone.utc)
KINDS = ["supplier", "customer", "equipment_maker", "system_vendor", "consultant", "recycler", "research_partner"]


def build(engine, n: int, partners_n: int = 100) -> None:
    policy = load_policy()
    with unit_of_work(engine, "bench", policy=policy, now=NOW) as ctx:
        for t in range(3):
            technologies.add_technology(ctx, f"T-{t}", name=f"tech {t}", domain="technological_superiority")
            for e in range(12):
                technologies.add_element(ctx, f"T-{t}", f"E-{t}-{e:02d}", title=f"element {e}", rank=[0, 1, 1, 2, 2, 2, 2, 3, 3, 1, 2, 4][e],
                                         proper_nouns=e % 3 == 0)
        for p in range(partners_n):
            partners.add_partner(ctx, f"P-{p:03d}", name=f"partner {p}", kind=KINDS[p % len(KINDS)],
                                 country="JP" if p % 5 else "SG")
            partners.assess(ctx, f"P-{p:03d}", LOW)
            agreements.add_agreement(ctx, f"A-{p:03d}", f"P-{p:03d}", "nda", "2026-01-01", "2027-12-31",
                                     technologies=["T-0", "T-1", "T-2"],
                                     clauses=["confidentiality", "purpose_limitation", "no_third_party", "no_copying",
                                              "return_destroy"])
    with engine.begin() as conn:
        elements = conn.execute(select(KnowledgeElement.id, KnowledgeElement.rank)
                                .where(KnowledgeElement.rank.between(1, 2))).all()
        partner_ids = conn.execute(select(Partner.id)).scalars().all()
        head = conn.execute(select(AuditHead.seq, AuditHead.hash)).one()
        seq, prev = head.seq, head.hash
        start_id = 1
        rng = random.Random(7)
        batch_d, batch_e, batch_a = [], [], []
        received: dict[tuple[int, int], int] = {}
        for i in range(n):
            did = start_id + i
            at = NOW + timedelta(seconds=i)
            el = rng.sample(elements, 2)
            number = f"D-2026-{did:06d}"
            batch_d.append(dict(id=did, number=number, partner_id=rng.choice(partner_ids), agreement_id=None,
                                purpose="bench", channel="document", form="code_named", outcome="allow_with_conditions",
                                reasons=[], conditions=[{"code": "cond.mark_confidential", "effect": "allow_with_conditions",
                                                         "params": {}}], status="recorded", staged_plan="",
                                requested_by="bench", disclosed_on=date(2026, 6, 1), note="", created_at=at))
            partner_id = batch_d[-1]["partner_id"]
            batch_e.extend(dict(disclosure_id=did, element_id=e.id, rank=e.rank) for e in el)
            for e in el:
                received.setdefault((partner_id, e.id), did)
            seq += 1
            after = chain.canonical({"number": number, "elements": [e.id for e in el], "status": "recorded"})
            digest = chain.entry_hash(prev, seq, at, "bench", "disclosure.record", "disclosure", number, None, after)
            batch_a.append(dict(seq=seq, at=at, actor="bench", action="disclosure.record", entity_type="disclosure",
                                entity_id=number, before=None, after=after, prev_hash=prev, hash=digest))
            prev = digest
            if len(batch_d) == 5000 or i == n - 1:
                conn.execute(insert(Disclosure), batch_d)
                conn.execute(insert(DisclosureElement), batch_e)
                conn.execute(insert(AuditEntry), batch_a)
                batch_d, batch_e, batch_a = [], [], []
        conn.execute(insert(ReceivedElement), [dict(partner_id=p, element_id=e, first_disclosure_id=d,
                                                    first_on=date(2026, 6, 1)) for (p, e), d in received.items()])
        conn.execute(AuditHead.__table__.update().values(seq=seq, hash=prev))
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT setval(pg_get_serial_sequence('disclosures', 'id'), :v)"), {"v": n})
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("ANALYZE"))
            conn.commit()


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def bench_gate(engine, queries: int) -> dict:
    policy = load_policy()
    rng = random.Random(11)
    requests = [(f"P-{rng.randrange(100):03d}", [f"E-{rng.randrange(3)}-{rng.choice([1, 2, 3, 4, 5, 9, 10]):02d}"
                                                  for _ in range(2)]) for _ in range(queries)]
    service_ms, views = [], []
    with read_only(engine, policy=policy, now=NOW) as ctx:
        for partner, elements in requests[:20]:  # warm-up
            disclosures.evaluate(ctx, partner, elements, "document")
        for partner, elements in requests:
            t0 = time.perf_counter()
            disclosures.evaluate(ctx, partner, elements, "document")
            service_ms.append((time.perf_counter() - t0) * 1000)
            ctx.session.expunge_all()
        for partner, elements in requests[:200]:
            p = disclosures.c.by_code(ctx, Partner, partner)
            els = [disclosures.c.by_code(ctx, KnowledgeElement, e) for e in elements]
            views.append(disclosures.build_request(ctx, p, els, "document", "plain"))
    pure_ms = []
    for _ in range(max(1, queries // len(views))):
        for view in views:
            t0 = time.perf_counter()
            gate.decide(view, policy)
            pure_ms.append((time.perf_counter() - t0) * 1000)
    return {"service_p50": pct(service_ms, 50), "service_p99": pct(service_ms, 99),
            "service_qps": 1000 / statistics.mean(service_ms), "pure_p50": pct(pure_ms, 50),
            "pure_p99": pct(pure_ms, 99), "pure_qps": 1000 / statistics.mean(pure_ms)}


def bench_audit(engine) -> dict:
    with read_only(engine) as ctx:
        t0 = time.perf_counter()
        verdict = chain.verify(ctx.session)
        verify_s = time.perf_counter() - t0
    assert verdict.ok, verdict.problems[:3]
    with engine.connect() as conn:
        t0 = time.perf_counter()
        rows = 0
        last = 0
        while True:
            batch = conn.execute(select(AuditEntry.__table__).where(AuditEntry.seq > last)
                                 .order_by(AuditEntry.seq).limit(5000)).all()
            if not batch:
                break
            rows += len(batch)
            last = batch[-1].seq
        read_s = time.perf_counter() - t0
    return {"entries": verdict.entries, "verify_s": verify_s, "read_s": read_s,
            "verify_per_s": verdict.entries / verify_s}


def run(backend: str, n: int, queries: int) -> None:
    if backend == "sqlite":
        folder = tempfile.mkdtemp()
        engine = make_engine(f"sqlite:///{folder}/bench.sqlite")
        cleanup = None
    else:
        url = os.environ.get("MAMORU_TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
        schema = f"mamoru_bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(url)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        engine = make_engine(url, connect_args={"options": f"-csearch_path={schema}"})

        def cleanup():
            engine.dispose()
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))

    migrate(engine)
    t0 = time.perf_counter()
    build(engine, n)
    build_s = time.perf_counter() - t0
    g = bench_gate(engine, queries)
    a = bench_audit(engine)
    print(f"\n== {backend}: {n:,} disclosures (built in {build_s:.1f} s), {queries:,} gate queries ==")
    print(f"{'':34}{'p50 ms':>10}{'p99 ms':>10}{'per s':>12}")
    print(f"{'gate via services (with DB)':34}{g['service_p50']:>10.2f}{g['service_p99']:>10.2f}{g['service_qps']:>12,.0f}")
    print(f"{'baseline: pure domain gate':34}{g['pure_p50']:>10.3f}{g['pure_p99']:>10.3f}{g['pure_qps']:>12,.0f}")
    print(f"{'':34}{'seconds':>10}{'':>10}{'entries/s':>12}")
    print(f"{'audit verify':34}{a['verify_s']:>10.2f}{'':>10}{a['verify_per_s']:>12,.0f}   ({a['entries']:,} entries)")
    print(f"{'baseline: ordered read, no hashing':34}{a['read_s']:>10.2f}{'':>10}{a['entries'] / a['read_s']:>12,.0f}")
    if cleanup:
        cleanup()
    else:
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args()
    for backend in (["sqlite", "postgresql"] if args.backend == "both" else [args.backend]):
        run(backend, args.n, args.queries)


if __name__ == "__main__":
    main()
