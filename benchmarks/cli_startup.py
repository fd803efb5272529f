"""Benchmark: how long ``mamoru --help`` takes, beside ``python -c pass`` in the same run.

Every CLI start pays for what ``mamoru.cli.main`` imports; the services, the screening tables and
the web stack are imported lazily, inside the command that needs them (``mamoru/cli/lazy.py``).
Prints the median (and min/max) of several runs of each, wall-clock, in fresh processes.

Usage:
  .venv/bin/python benchmarks/cli_startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def timed(cmd: list[str], runs: int, env: dict[str, str]) -> list[float]:
    subprocess.run(cmd, env=env, capture_output=True, check=True)  # warm the file cache
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, env=env, capture_output=True, check=True)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = {**os.environ, "MAMORU_HOME": tempfile.mkdtemp()}
    cases = [
        ("baseline: python -c pass", [sys.executable, "-c", "pass"]),
        ("python -c 'import typer, rich.table'", [sys.executable, "-c", "import typer, rich.table"]),
        ("mamoru --help", [str(BIN / "mamoru"), "--help"]),
        ("mamoru check --help", [str(BIN / "mamoru"), "check", "--help"]),
    ]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{args.runs} runs each, load average {load:.1f} on {os.cpu_count()} CPUs")
    print(f"{'':34}{'median ms':>11}{'min ms':>9}{'max ms':>9}")
    for name, cmd in cases:
        ms = timed(cmd, args.runs, env)
        print(f"{name:34}{statistics.median(ms):>11.0f}{min(ms):>9.0f}{max(ms):>9.0f}", flush=True)


if __name__ == "__main__":
    main()
