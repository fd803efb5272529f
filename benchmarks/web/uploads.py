"""Benchmark: does the server keep answering while a large upload is being worked on? (issue 8)

Starts a real ``mamoru serve`` (one worker, SQLite in a temporary folder), signs in, then:

1. idle: the latency of another page (the dashboard ``/``) with nothing else going on;
2. guard: a 5 MB text document full of codebook terms and conditions is uploaded for a scan
   (it becomes a job; the page polls it) and, while the job runs, the dashboard is fetched
   again and again; printed with the job's duration and its finding count;
3. import: a CSV of partners (1 MB by default, ``--import-mb``) is uploaded for an import preview (all rows checked, then
   rolled back) and, while the request is in progress, the dashboard is fetched again and again.

Each figure is printed beside the idle baseline of the same run. The client runs on the same
machine as the server, so its own CPU use is part of the picture.

Usage: .venv/bin/python benchmarks/web/uploads.py [--mb 5] [--import-mb 1]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import free_port  # noqa: E402

PASSWORD = "bench-password-0001"
TERMS = [f"秘材{i:03d}" for i in range(40)]


def setup(url: str) -> None:
    from mamoru.services import access, agreements, guard, partners, technologies, users
    from mamoru.services.uow import unit_of_work
    from mamoru.store.db import make_engine, migrate

    engine = make_engine(url)
    migrate(engine)
    today = date.today()
    with unit_of_work(engine, "bench") as ctx:
        users.add_user(ctx, "admin", "admin")
        access.set_password(ctx, "admin", PASSWORD)
        technologies.add_technology(ctx, "T-1", name="焼結", domain="technological_superiority")
        for rank in (1, 2):
            technologies.add_element(ctx, "T-1", f"E-{rank}", title=f"要素{rank}", rank=rank)
        partners.add_partner(ctx, "P-1", name="取引先", kind="customer", country="JP")
        partners.assess(ctx, "P-1", dict(business_overlap="low", financial_condition="low",
                                         leadership_attitude="low", board_foreign_duty="low", reputation="low"))
        agreements.add_agreement(ctx, "NDA-1", "P-1", "nda", today - timedelta(days=1), today + timedelta(days=300),
                                 technologies=["T-1"], clauses=["confidentiality"])
        for i, term in enumerate(TERMS):
            guard.add_term(ctx, "T-1", term, f"E-{1 + i % 2}", category="material")
    engine.dispose()


def start(url: str, home: str) -> tuple[str, subprocess.Popen]:
    port = free_port()
    env = {**os.environ, "MAMORU_DATABASE_URL": url, "MAMORU_HOME": home}
    mamoru = Path(sys.executable).with_name("mamoru")
    proc = subprocess.Popen([str(mamoru), "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx.get(base + "/static/mamoru.css", timeout=2).status_code == 200:
                return base, proc
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("server did not start")


def sign_in(base: str) -> tuple[httpx.Client, str]:
    client = httpx.Client(base_url=base, timeout=600)
    token = re.search(r'name="login_csrf" value="([^"]*)"', client.get("/login").text).group(1)
    client.post("/login", data={"username": "admin", "password": PASSWORD, "login_csrf": token})
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/guard").text).group(1)
    return client, csrf


def probe(base: str, cookies, stop: threading.Event, out: list[float], limit: int = 10_000) -> None:
    """Fetch the dashboard again and again until ``stop``; record each latency (seconds)."""
    with httpx.Client(base_url=base, timeout=600, cookies=cookies) as client:
        while not stop.is_set() and len(out) < limit:
            t0 = time.perf_counter()
            client.get("/")
            out.append(time.perf_counter() - t0)
            time.sleep(0.05)


def figures(values: list[float]) -> str:
    if not values:
        return "n=0"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return (f"n={len(values):4d}  p50 {statistics.median(values) * 1000:7.1f} ms  p95 {p95 * 1000:7.1f} ms  "
            f"max {max(values) * 1000:7.1f} ms")


def while_running(base: str, cookies, work) -> tuple[list[float], float, object]:
    stop, latencies, result = threading.Event(), [], {}
    prober = threading.Thread(target=probe, args=(base, cookies, stop, latencies))
    prober.start()
    t0 = time.perf_counter()
    try:
        result["value"] = work()
    finally:
        elapsed = time.perf_counter() - t0
        stop.set()
        prober.join()
    return latencies, elapsed, result.get("value")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=5.0, help="size of the guard upload")
    parser.add_argument("--import-mb", type=float, default=1.0,
                        help="size of the import upload (the import checks ~150 rows/s: 5 MB takes minutes)")
    args = parser.parse_args()
    size = int(args.mb * 1024 * 1024)
    home = tempfile.mkdtemp(prefix="mamoru-uploads-")
    url = f"sqlite:///{home}/bench.sqlite"
    setup(url)
    base, proc = start(url, home)
    try:
        client, csrf = sign_in(base)
        idle: list[float] = []
        stop = threading.Event()
        threading.Timer(5, stop.set).start()
        probe(base, client.cookies, stop, idle)

        line = "".join(f"{TERMS[i % len(TERMS)]}を焼成温度{1200 + i % 90}℃で保持。" for i in range(8)) + "\n"
        document = (line * (size // len(line.encode()) + 1)).encode("utf-8")[:size]
        document = document[: document.rfind(b"\n") + 1]

        def guard_scan():
            started = client.post("/guard", data={"csrf_token": csrf, "partner": "P-1", "mode": "scan"},
                                  files={"file": ("big.txt", document, "text/plain")})
            match = re.search(r'hx-get="/guard/jobs/([0-9a-f]+)"', started.text)
            if not match:
                return "no job: " + str(started.status_code)
            while True:
                state = client.get(f"/guard/jobs/{match.group(1)}")
                if 'hx-trigger="every 1s"' not in state.text:
                    found = re.search(r"：(\d+) 件|: (\d+) findings", state.text)
                    return f"{found.group(1) or found.group(2) if found else '?'} findings, page of {state.text.count('<tr><td>')} rows"
                time.sleep(1)

        scan_lat, scan_s, scan_info = while_running(base, client.cookies, guard_scan)

        rows = ["code,name,kind,country"]
        i, import_size = 0, int(args.import_mb * 1024 * 1024)
        while sum(len(r.encode()) + 1 for r in rows[-1:]) * len(rows) < import_size:
            rows.append(f"P-B{i:07d},ベンチ取引先{i},customer,JP")
            i += 1
        csv_bytes = ("\n".join(rows) + "\n").encode("utf-8")

        def preview():
            got = client.post("/import", data={"csrf_token": csrf, "kind": "partners", "mode": "preview"},
                              files={"file": ("partners.csv", csv_bytes, "text/csv")})
            match = re.search(r'hx-get="/import/jobs/([0-9a-f]+)"', got.text)
            while match:
                got = client.get(f"/import/jobs/{match.group(1)}")
                if 'hx-trigger="every 1s"' not in got.text:
                    break
                time.sleep(1)
            error = re.search(r'role="alert">([^<]*)<', got.text)
            return (f"HTTP {got.status_code}, {i} rows, {len(csv_bytes) / 1048576:.1f} MB"
                    + (f", {error.group(1)[:120]}" if error else ""))

        import_lat, import_s, import_info = while_running(base, client.cookies, preview)
        print(f"mamoru serve (1 worker, SQLite), {args.mb:.0f} MB uploads; latency of GET / (dashboard)")
        print(f"  idle baseline          {figures(idle)}")
        print(f"  during guard scan      {figures(scan_lat)}   (job {scan_s:6.1f} s: {scan_info})")
        print(f"  during import preview  {figures(import_lat)}   (job {import_s:6.1f} s: {import_info})")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


if __name__ == "__main__":
    main()
