"""The incident through the command line, and the demo's case 1 replayed to its end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from mamoru.demo import story

MAMORU = [sys.executable, "-c", "from mamoru.cli.main import run; run()"]


def mamoru(db: Path, *args: str, lang: str = "ja") -> subprocess.CompletedProcess:
    env = {**os.environ, "MAMORU_USER": "tanaka", "COLUMNS": "200"}
    return subprocess.run([*MAMORU, "--db", str(db), "--lang", lang, *args], capture_output=True, text=True,
                          env=env, timeout=180)


def test_open_confirm_show_attach_and_package_from_the_command_line(tmp_path):
    db = tmp_path / "cli.sqlite"
    for args in (["tech", "add", "T-1", "--name", "焼結", "--domain", "technological_superiority"],
                 ["tech", "element", "T-1", "E-2", "--title", "原料仕様", "--rank", "2"],
                 ["partner", "add", "P-1", "--name", "原料株式会社", "--kind", "supplier", "--country", "JP"]):
        assert mamoru(db, *args).returncode == 0
    opened = mamoru(db, "--json", "incident", "open", "--title", "競合資料に当社仕様", "--discovered", "2026-01-05",
                    "-p", "P-1", "-e", "E-2")
    assert opened.returncode == 0, opened.stderr
    data = json.loads(opened.stdout)
    assert {o["kind"] for o in data["obligations"]} == {"preserve_evidence", "consult_lawyer", "review_partner"}
    bad = mamoru(db, "incident", "open", "--title", "x", "--discovered", "2026-01-05", "--leak-from", "2026-02-01")
    assert bad.returncode == 2 and "日付の順序" in bad.stderr
    confirmed = mamoru(db, "incident", "confirm", data["number"], "--on", "2026-01-06")
    assert confirmed.returncode == 0 and "確認済み" in confirmed.stdout
    shown = mamoru(db, "incident", "show", data["number"])
    assert "警察・経済産業省への相談・届出" in shown.stdout and "report_authority" not in shown.stdout
    trace = tmp_path / "trace.json"
    trace.write_text(json.dumps({"verdict": "likely", "candidates": [{"partner": "P-1", "score": 0.9}]}))
    assert mamoru(db, "incident", "attach-trace", data["number"], str(trace)).returncode == 0
    (tmp_path / "broken.json").write_text("{")
    assert mamoru(db, "incident", "attach-trace", data["number"], str(tmp_path / "broken.json")).returncode == 2
    built = mamoru(db, "--json", "incident", "package", data["number"], "--out", str(tmp_path / "pkg"))
    assert built.returncode == 0, built.stderr
    assert zipfile.ZipFile(json.loads(built.stdout)["zip"]).testzip() is None
    listed = mamoru(db, "incident", "list", lang="en")
    assert data["number"] in listed.stdout and "confirmed" in listed.stdout


def test_demo_case_1_ends_with_the_evidence_package(engine, tmp_path):
    out = story.run(engine, lambda key, payload: None, guard_dir=tmp_path)
    chapter = out.chapters["incident"]
    assert chapter["opened"] == ["consult_lawyer", "notify_customer", "preserve_evidence", "review_partner"]
    assert chapter["confirmed"] == ["report_authority"]
    with zipfile.ZipFile(chapter["zip"]) as archive:
        archive.extractall(tmp_path / "pkg")
        root = tmp_path / "pkg" / chapter["number"]
    traces = json.loads((root / "trace.json").read_text("utf-8"))
    assert chapter["trace"] == "leak chapter" and traces[0]["result"] == out.chapters["leak"]["trace"]
    evidence = traces[0]["result"]["candidates"][0]  # the real trace of the competitor's document
    assert evidence["partner"] == "P-RAW" and {e["kind"] for e in evidence["evidence"]} == {"code_name"}
    assert out.guard_control in (root / "copies.csv").read_text("utf-8-sig")
    check = subprocess.run([sys.executable, str(root / "audit" / "verify_excerpt.py")], capture_output=True,
                           text=True, timeout=60)
    assert check.returncode == 0 and check.stdout.startswith("OK:")
    assert Path(chapter["pdf"]).read_bytes().startswith(b"%PDF") and out.audit_ok
