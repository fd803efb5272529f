"""Benchmark: the web tier under 50 concurrent users on loopback (dashboard page and gate-check API).

Builds the core benchmark's company (``benchmarks/core.py``: 3 technologies x 12 elements, 100
partners with NDAs, N recorded disclosures with their audit entries), adds a technology manager with
an API token, then starts exactly what ``mamoru serve`` starts (uvicorn on
``mamoru.web.server:app_factory``, 127.0.0.1, in its own process) and drives it with a bounded
asyncio client (``wire.py``): U users, each sending its next request as soon as the last one answered,
for a fixed time per scenario. Scenarios, in the same run and against the same server:

- baseline: a static file (``/static/mamoru.css``): the HTTP, middleware and client floor;
- ``GET /api/v1/me``: token authentication alone;
- ``POST /api/v1/gate/check``: the gate decision (random partner, two rank 1-2 elements);
- ``GET /`` : the dashboard page (obligations, samples, tiers, agreements, recent disclosures,
  exposure heat map), rendered as HTML.

The load generator runs on the same machine as the server; its own CPU use is part of the picture.
The last column is the server process's own CPU time per request (user + system, from
``/proc/<pid>/stat``): unlike latency it hardly moves when other work shares the machine, so it
is the figure to compare between runs on a busy machine; 1000 / (CPU ms per request) is what one
worker can serve per second at most.

Usage:
  .venv/bin/python benchmarks/web/load.py [--backend sqlite|postgresql|both] [--n 100000]
      [--users 50] [--seconds 20] [--workers 1]
PostgreSQL from MAMORU_TEST_DATABASE_URL (default postgresql+psycopg://postgres@127.0.0.1:5432/test),
in a throw-away schema.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx  # only to wait for the server to come up
from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from core import build, pct  # noqa: E402  (the core benchmark's data builder)
from wire import Connection  # noqa: E402

from mamoru.services import access, users  # noqa: E402
from mamoru.services.uow import unit_of_work  # noqa: E402
from mamoru.store.db import make_engine, migrate  # noqa: E402

ELEMENTS = [f"E-{t}-{e:02d}" for t in range(3) for e in (1, 2, 3, 4, 5, 9, 10)]  # ranks 1 and 2


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def scenarios(token: str):
    auth = {"Authorization": f"Bearer {token}"}

    def gate(rng: random.Random):
        body = {"partner": f"P-{rng.randrange(100):03d}", "elements": rng.sample(ELEMENTS, 2), "channel": "document",
                "form": "code_named"}
        return "POST", "/api/v1/gate/check", {"json": body, "headers": auth}

    return [
        ("baseline: static file", lambda rng: ("GET", "/static/mamoru.css", {})),
        ("GET /api/v1/me (token auth only)", lambda rng: ("GET", "/api/v1/me", {"headers": auth})),
        ("POST /api/v1/gate/check", gate),
        ("GET / (dashboard page)", lambda rng: ("GET", "/", {"headers": auth})),
    ]


async def drive(base: str, make, users_n: int, seconds: float, warmup: float, think: float = 0.0) -> dict:
    """``users_n`` users, one keep-alive connection each, for ``seconds`` after ``warmup``.

    ``think`` = 0: closed loop, each user sends its next request as soon as the last answered (a
    saturation test). ``think`` > 0: each user pauses 0.5-1.5 x ``think`` seconds between requests,
    as a person clicking through pages does (locust's ``wait_time = between(...)``)."""
    host, port = base.split("//")[1].split(":")
    latencies: list[float] = []
    errors: dict[int, int] = {}
    sent = [0]  # every request, warm-up included (for CPU per request)
    start = time.perf_counter()
    timed_from, end = start + warmup, start + warmup + seconds

    async def user(seed: int) -> None:
        rng, conn = random.Random(seed), Connection(host, int(port))
        try:
            while True:
                method, path, kwargs = make(rng)
                t0 = time.perf_counter()
                if t0 >= end:
                    return
                status, _ = await conn.request(method, path, **kwargs)
                sent[0] += 1
                t1 = time.perf_counter()
                if t0 >= timed_from:
                    latencies.append((t1 - t0) * 1000)
                    if status >= 300:
                        errors[status] = errors.get(status, 0) + 1
                if think:
                    await asyncio.sleep(think * rng.uniform(0.5, 1.5))
        finally:
            await conn.close()

    await asyncio.gather(*(user(i) for i in range(users_n)))
    return {"n": len(latencies), "p50": pct(latencies, 50), "p99": pct(latencies, 99),
            "rps": len(latencies) / seconds, "errors": errors, "all": sent[0]}


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process (Linux ``/proc``; NaN elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return float("nan")


def start_server(url: str, workers: int) -> tuple[str, subprocess.Popen]:
    port = free_port()
    env = {**os.environ, "MAMORU_DATABASE_URL": url}
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "mamoru.web.server:app_factory", "--factory",
                             "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
                             "--log-level", "warning", "--no-proxy-headers"], env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/static/mamoru.css", timeout=2).status_code == 200:
                return base, proc
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            raise RuntimeError("server exited")
        time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("server did not start")


def prepare(backend: str):
    """A migrated database (engine, URL for the server, cleanup)."""
    if backend == "sqlite":
        url = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite"
        engine = make_engine(url)
        return engine, url, engine.dispose
    base = os.environ.get("MAMORU_TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
    schema = f"mamoru_webbench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
    engine = make_engine(url)

    def cleanup():
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    return engine, url, cleanup


def run(backend: str, n: int, users_n: int, seconds: float, workers: int, think: float = 0.0) -> None:
    engine, url, cleanup = prepare(backend)
    proc = None
    try:
        migrate(engine)
        t0 = time.perf_counter()
        build(engine, n)
        with unit_of_work(engine, "bench") as ctx:
            users.add_user(ctx, "admin", "admin")
            access.set_password(ctx, "admin", "bench-kiln-ledger-pass")
            users.add_user(ctx, "tanaka", "tech_manager")
            token = access.create_token(ctx, "tanaka", "load")
        build_s = time.perf_counter() - t0
        base, proc = start_server(url, workers)
        print(f"\n== {backend}: {n:,} disclosures, 100 partners (built in {build_s:.0f} s); {users_n} users, "
              f"{seconds:.0f} s per scenario, {workers} server worker(s), think time "
              f"{'none (closed loop)' if not think else f'{think:g} s'} ==")
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs at start")
        print(f"{'':36}{'p50 ms':>9}{'p99 ms':>9}{'req/s':>9}{'requests':>10}  {'non-2xx':9}{'server CPU ms/req':>18}")
        for name, make in scenarios(token):
            cpu0 = cpu_seconds(proc.pid)
            r = asyncio.run(drive(base, make, users_n, seconds, warmup=min(3.0, seconds / 4), think=think))
            # One worker serves in the uvicorn process itself; with more, the figure would miss the workers.
            cpu_ms = (cpu_seconds(proc.pid) - cpu0) * 1000 / max(r["all"], 1) if workers == 1 else float("nan")
            print(f"{name:36}{r['p50']:>9.1f}{r['p99']:>9.1f}{r['rps']:>9.0f}{r['n']:>10,}  "
                  f"{str(r['errors'] or '-'):9}{cpu_ms:>18.1f}", flush=True)
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)
        cleanup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--think", type=float, default=0.0,
                        help="Seconds each user pauses between requests (0.5-1.5 x); 0 = closed loop.")
    args = parser.parse_args()
    for backend in (["sqlite", "postgresql"] if args.backend == "both" else [args.backend]):
        run(backend, args.n, args.users, args.seconds, args.workers, args.think)


if __name__ == "__main__":
    main()
