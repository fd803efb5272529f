"""Benchmark: the supply map at 10,000 items, 2,000 suppliers and up to 5 tiers, on SQLite and PostgreSQL.

Builds a generated map (products of 16 parts each; each part bought from 1-3 suppliers; at each
tier a third of the supplier/item pairs declare 1-2 input materials from 1-2 suppliers of their
own), then times, for 1..N tiers:

- the impact of one signal (``services.supplychain.impact_of``: walks up from what the signal hits,
  loads only what lies under the affected items), p50/p99 over random signals (half "supplier
  stops", half "country stops exporting a material"), beside the naive baseline measured in the
  same run: load the whole map and walk every item (``load_map`` + ``impact``);
- ``record_signal`` end to end (impact, warning, obligations, audit), p50;
- a full recomputation of every concentration figure (``load_map`` + ``analysis.concentration``);
- the map page (``GET /supply/map``, server-side SVG of the first 25 products) and the analysis page.

Usage:
  .venv/bin/python benchmarks/supplychain.py [--items 10000] [--suppliers 2000] [--tiers 5]
      [--sweep] [--signals 200] [--backend sqlite|postgresql|both]
PostgreSQL from MAMORU_TEST_DATABASE_URL (default postgresql+psycopg://postgres@127.0.0.1:5432/test),
in a throw-away schema. The map is written with bulk inserts (not through the XLSX import).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
import uuid

from sqlalchemy import create_engine, insert, text

from mamoru.config import load_policy
from mamoru.services import access, users
from mamoru.services import supplychain as supply
from mamoru.services import supplychain_signals as signals
from mamoru.services.uow import read_only, unit_of_work
from mamoru.store.db import make_engine, migrate
from mamoru.store.models import Partner
from mamoru.store.models.supplychain import BomLine, Item, Product, Source, product_customers
from mamoru.supplychain import analysis
from mamoru.supplychain.impact import Disruption, impact

COUNTRIES = ["JP"] * 8 + ["CN"] * 4 + ["TW", "TW", "KR", "KR", "US", "DE", "VN", "TH", "MY", "IN", "SG", "MX"]


def build(engine, n_items: int, n_suppliers: int, tiers: int, seed: int = 7) -> dict:
    rng = random.Random(seed)
    materials = max(1, n_items // 5)
    parts = n_items - materials
    with engine.begin() as conn:
        conn.execute(insert(Partner), [dict(id=i + 1, code=f"S{i:05d}", name=f"supplier {i}", kind="supplier",
                                            country=rng.choice(COUNTRIES), major_shareholders=[], officers=[])
                                       for i in range(n_suppliers)])
        customers = list(range(n_suppliers + 1, n_suppliers + 51))
        conn.execute(insert(Partner), [dict(id=c, code=f"C{c:05d}", name=f"customer {c}", kind="customer",
                                            country="JP", major_shareholders=[], officers=[]) for c in customers])
        conn.execute(insert(Item), [dict(id=i + 1, code=f"I{i:05d}", name=f"item {i}",
                                         kind="part" if i < parts else "material",
                                         critical_good="critical_minerals" if i >= parts and i % 50 == 0 else None)
                                    for i in range(n_items)])
        n_products = max(1, parts // 16)
        conn.execute(insert(Product), [dict(id=p + 1, code=f"P{p:04d}", name=f"product {p}")
                                       for p in range(n_products)])
        bom = []
        for p in range(n_products):
            for part in rng.sample(range(parts), 16):
                bom.append(dict(product_id=p + 1, item_id=part + 1, quantity=1.0))
        conn.execute(insert(BomLine), bom)
        conn.execute(insert(product_customers), [dict(product_id=p + 1, partner_id=c) for p in range(n_products)
                                                 for c in rng.sample(customers, rng.randint(1, 3))])
        rows = []
        frontier = set()
        for part in range(parts):
            chosen = rng.sample(range(n_suppliers), rng.randint(1, 3))
            for s, share in zip(chosen, _shares(rng, len(chosen))):
                rows.append(dict(item_id=part + 1, supplier_id=s + 1, share=share, lead_time_days=rng.randint(7, 90),
                                 safety_stock_days=rng.randint(0, 60)))
                frontier.add((s + 1, part + 1))
        declared: set[tuple] = set()
        for _tier in range(2, tiers + 1):
            nxt = set()
            for buyer, made in sorted(frontier):
                if (buyer, made) in declared or rng.random() > 0.35:
                    continue
                declared.add((buyer, made))
                for material in rng.sample(range(parts, n_items), rng.randint(1, 2)):
                    chosen = rng.sample(range(n_suppliers), rng.randint(1, 2))
                    for s, share in zip(chosen, _shares(rng, len(chosen))):
                        if s + 1 == buyer:
                            continue
                        rows.append(dict(item_id=material + 1, supplier_id=s + 1, buyer_id=buyer, for_item_id=made,
                                         share=share, lead_time_days=rng.randint(14, 120), safety_stock_days=0))
                        nxt.add((s + 1, material + 1))
            frontier = nxt
        for start in range(0, len(rows), 5000):
            conn.execute(insert(Source), rows[start:start + 5000])
    return {"products": n_products, "sources": len(rows), "materials": materials, "parts": parts}


def _shares(rng: random.Random, n: int) -> list[float]:
    if n == 1:
        return [1.0]
    cuts = sorted(rng.random() for _ in range(n - 1))
    parts = [b - a for a, b in zip([0.0] + cuts, cuts + [1.0])]
    return [round(p, 6) for p in parts[:-1]] + [round(1 - sum(round(p, 6) for p in parts[:-1]), 6)]


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] * 1000


def disruptions(rng: random.Random, shape: dict, n_suppliers: int, n: int) -> list[Disruption]:
    out = []
    for i in range(n):
        if i % 2:
            out.append(Disruption("supplier_stop", supplier=f"S{rng.randrange(n_suppliers):05d}"))
        else:
            material = rng.randrange(shape["parts"], shape["parts"] + shape["materials"])
            out.append(Disruption("export_restriction", country=rng.choice(COUNTRIES), item=f"I{material:05d}"))
    return out


def bench(engine, shape: dict, n_suppliers: int, n_signals: int, pages: bool) -> dict:
    policy = load_policy()
    rng = random.Random(11)
    cases = disruptions(rng, shape, n_suppliers, n_signals)
    times, sizes = [], []
    with read_only(engine, policy=policy) as ctx:
        supply.impact_of(ctx, cases[0])  # warm caches and compiled statements
        for d in cases:
            t0 = time.perf_counter()
            result = supply.impact_of(ctx, d)
            times.append(time.perf_counter() - t0)
            sizes.append(len(result.products))
        naive = []
        for d in cases[:10]:
            t0 = time.perf_counter()
            impact(supply.load_map(ctx), d)
            naive.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        smap = supply.load_map(ctx)
        load_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        analysis.concentration(smap)
        conc_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        analysis.single_sources(smap)
        analysis.choke_points(smap)
        analysis.coverage(smap)
        rest_s = time.perf_counter() - t0
    record = []
    for d in cases[:20]:
        with unit_of_work(engine, "bench", policy=policy) as ctx:
            t0 = time.perf_counter()
            kind = "export_restriction" if d.kind == "export_restriction" else "supplier_stop"
            signals.record_signal(ctx, kind, country=d.country, item=d.item, supplier=d.supplier)
            record.append(time.perf_counter() - t0)
    out = {"p50": pct(times, 0.5), "p99": pct(times, 0.99), "naive_p50": pct(naive, 0.5),
           "record_p50": pct(record, 0.5), "affected_p50": statistics.median(sizes), "load_s": load_s,
           "conc_s": conc_s, "rest_s": rest_s}
    if pages:
        out.update(bench_pages(engine))
    return out


def bench_pages(engine) -> dict:
    from fastapi.testclient import TestClient

    from mamoru.web.app import create_app

    with unit_of_work(engine, "setup") as ctx:
        users.add_user(ctx, "bench", "auditor")
        token = access.create_token(ctx, "bench", "bench")
    app = create_app(engine=engine)
    headers = {"Authorization": f"Bearer {token}"}
    out = {}
    with TestClient(app, base_url="http://127.0.0.1") as client:
        for name, url in (("map_page", "/supply/map"), ("analysis_page", "/supply")):
            client.get(url, headers=headers)
            runs = []
            for _ in range(3):
                t0 = time.perf_counter()
                response = client.get(url, headers=headers)
                runs.append(time.perf_counter() - t0)
                assert response.status_code == 200, response.text[:300]
            out[name] = statistics.median(runs)
    return out


def with_engine(backend: str, fn):
    if backend == "sqlite":
        folder = tempfile.mkdtemp()
        engine = make_engine(f"sqlite:///{folder}/bench.sqlite")
        migrate(engine)
        try:
            return fn(engine)
        finally:
            engine.dispose()
    url = os.environ.get("MAMORU_TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
    schema = f"mamoru_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(url, connect_args={"options": f"-csearch_path={schema}"})
    try:
        migrate(engine)
        return fn(engine)
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--suppliers", type=int, default=2_000)
    parser.add_argument("--tiers", type=int, default=5)
    parser.add_argument("--signals", type=int, default=200)
    parser.add_argument("--sweep", action="store_true", help="run 1..tiers tiers (pages only at the deepest)")
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args()
    for backend in (["sqlite", "postgresql"] if args.backend == "both" else [args.backend]):
        print(f"\n== {backend}: {args.items:,} items, {args.suppliers:,} suppliers ==")
        print(f"{'tiers':>5}{'sources':>9}{'signal p50':>12}{'p99 ms':>9}{'naive p50':>11}{'record p50':>12}"
              f"{'load s':>8}{'HHI s':>8}{'other s':>8}{'map pg s':>9}{'analysis pg s':>14}")
        for tiers in (range(1, args.tiers + 1) if args.sweep else [args.tiers]):
            def run(engine, tiers=tiers):
                t0 = time.perf_counter()
                shape = build(engine, args.items, args.suppliers, tiers)
                shape["build_s"] = time.perf_counter() - t0
                return shape, bench(engine, shape, args.suppliers, args.signals, pages=(tiers == args.tiers))
            shape, r = with_engine(backend, run)
            print(f"{tiers:>5}{shape['sources']:>9,}{r['p50']:>12.1f}{r['p99']:>9.1f}{r['naive_p50']:>11.1f}"
                  f"{r['record_p50']:>12.1f}{r['load_s']:>8.2f}{r['conc_s']:>8.2f}{r['rest_s']:>8.2f}"
                  f"{r.get('map_page', float('nan')):>9.2f}{r.get('analysis_page', float('nan')):>14.2f}")
        print("  (ms unless marked s; naive = load the whole map and walk every item; "
              "HHI s = every concentration figure from the loaded map)")


if __name__ == "__main__":
    main()
