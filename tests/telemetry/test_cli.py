"""The CLI door: register, import history, set thresholds, read quality; bad input is a bilingual error."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def mamoru(tmp_path, *args):
    env = {**os.environ, "MAMORU_HOME": str(tmp_path)}
    return subprocess.run([sys.executable, "-m", "mamoru.cli.main", "--db", f"sqlite:///{tmp_path / 'm.sqlite'}",
                           *args], capture_output=True, text=True, env=env, timeout=120)


def test_register_import_and_quality_from_the_command_line(tmp_path):
    assert mamoru(tmp_path, "telemetry", "add-asset", "pump1", "ポンプ", "kyoto", "line1").returncode == 0
    assert mamoru(tmp_path, "telemetry", "add-channel", "pump1", "current", "--unit", "A", "--low", "0",
                  "--high", "5").returncode == 0
    csv = tmp_path / "h.csv"
    csv.write_text("datetime;Current\n2026-03-01 10:00:00;1.0\n2026-03-01 10:00:01;9.0\n2026-03-01 10:05:00;1.1\n")
    out = mamoru(tmp_path, "--json", "telemetry", "import-csv", "pump1", str(csv), "--tz", "Asia/Tokyo",
                 "--map", "Current=current")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["stored"] == 3
    kinds = {q["kind"] for q in json.loads(mamoru(tmp_path, "--json", "telemetry", "quality").stdout)}
    assert kinds == {"out_of_range", "gap"}
    assert mamoru(tmp_path, "telemetry", "set-range", "pump1", "current", "--low", "0", "--high", "10").returncode == 0
    bad = mamoru(tmp_path, "--lang", "en", "telemetry", "set-range", "pump1", "current", "--low", "9", "--high", "1")
    assert bad.returncode == 2 and "above its high" in bad.stderr + bad.stdout
