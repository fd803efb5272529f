"""``mamoru guard`` as a person or a script uses it: real process, real SQLite file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

MAMORU = [sys.executable, "-c", "from mamoru.cli.main import run; run()"]


def mamoru(db: Path, *args: str, lang: str = "ja") -> subprocess.CompletedProcess:
    env = {**os.environ, "MAMORU_USER": "sato", "COLUMNS": "200"}
    return subprocess.run([*MAMORU, "--db", str(db), "--lang", lang, *args], capture_output=True, text=True,
                          env=env, timeout=120)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("guard-cli") / "cli.sqlite"
    for args in (["tech", "add", "T-1", "--name", "焼結", "--domain", "technological_superiority"],
                 ["tech", "element", "T-1", "E-4", "--title", "核心条件", "--rank", "4"],
                 ["tech", "element", "T-1", "E-1", "--title", "原料名", "--rank", "1"],
                 ["partner", "add", "P-1", "--name", "顧客株式会社", "--kind", "customer", "--country", "JP"],
                 ["guard", "codebook", "add", "T-1", "アルミナAX-200", "-e", "E-1", "--category", "material"],
                 ["guard", "codebook", "add", "T-1", "二段焼成法", "-e", "E-4", "--category", "process"]):
        result = mamoru(path, *args)
        assert result.returncode == 0, result.stderr + result.stdout
    return path


@pytest.fixture
def db(template, tmp_path):
    path = tmp_path / "cli.sqlite"
    shutil.copy(template, path)
    return path


def test_scan_shows_findings_and_gate(db, tmp_path):
    doc = tmp_path / "memo.txt"
    doc.write_text("原料はアルミナAX-200。\n焼成温度1250℃で処理。", encoding="utf-8")
    data = json.loads(mamoru(db, "--json", "guard", "scan", str(doc), "--to", "P-1").stdout)
    assert [(f["text"], f["elements"], f["rank"]) for f in data["findings"]] == [
        ("アルミナAX-200", ["E-1"], 1), ("1250℃", [], None)]
    assert data["findings"][0]["location"].startswith("本文")
    assert data["gate"]["redacted"]["outcome"] in {"allow", "allow_with_conditions"}
    human = mamoru(db, "guard", "scan", str(doc), "--to", "P-1", lang="en")
    assert human.returncode == 0 and "line 2" in human.stdout and "temperature" in human.stdout


def test_redact_writes_copy_and_denial_exits_2(db, tmp_path):
    doc = tmp_path / "memo.txt"
    doc.write_text("原料はアルミナAX-200。焼成温度1250℃。", encoding="utf-8")
    out = tmp_path / "out.txt"
    result = mamoru(db, "--json", "guard", "redact", str(doc), "--to", "P-1", "-o", str(out), "--purpose", "打合せ",
                    "--accept-conditions")
    assert result.returncode == 0, result.stderr + result.stdout
    data = json.loads(result.stdout)
    text = out.read_text(encoding="utf-8")
    assert data["control_number"] in text and "M-001" in text and "アルミナAX-200" not in text
    assert data["disclosure"].startswith("D-")

    core = tmp_path / "core.txt"
    core.write_text("二段焼成法の手順", encoding="utf-8")
    denied = mamoru(db, "guard", "redact", str(core), "--to", "P-1", "-o", str(tmp_path / "core-out.txt"),
                    "--purpose", "説明", lang="en")
    assert denied.returncode == 2 and "guard.redact.denied" in denied.stderr
    assert "never leaves" in denied.stderr or "core" in denied.stderr.lower()
    assert not (tmp_path / "core-out.txt").exists()


def test_pdf_redact_refuses_bilingually(db, tmp_path):
    from .files import make_pdf

    pdf = make_pdf(tmp_path / "sheet.pdf")
    result = mamoru(db, "guard", "redact", str(pdf), "--to", "P-1", "-o", str(tmp_path / "o.pdf"), "--purpose", "x")
    assert result.returncode == 2 and "guard.redact.unsupported" in result.stderr and "検査" in result.stderr


def test_codebook_export_import_and_list(db, tmp_path):
    path = tmp_path / "cb.xlsx"
    assert mamoru(db, "guard", "codebook", "export", str(path)).returncode == 0
    listed = json.loads(mamoru(db, "--json", "guard", "codebook", "list").stdout)
    assert {r["code_name"] for r in listed} == {"M-001", "P-001"}
    bad = mamoru(db, "guard", "codebook", "import", str(path), lang="en")
    assert bad.returncode == 2 and "row 2" in bad.stderr and "already registered" in bad.stderr
