"""``... edit`` and ``obligations add`` on the command line: the same use cases as the pages and the API."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

MAMORU = [sys.executable, "-c", "from mamoru.cli.main import run; run()"]


def mamoru(db: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "MAMORU_USER": "sato", "COLUMNS": "200"}
    return subprocess.run([*MAMORU, "--db", str(db), "--lang", "ja", *args], capture_output=True, text=True,
                          env=env, timeout=120)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "cli.sqlite"
    for args in (["tech", "add", "T-1", "--name", "焼結", "--domain", "technological_superiority"],
                 ["tech", "element", "T-1", "E-4", "--title", "温度", "--rank", "4"],
                 ["partner", "add", "P-1", "--name", "顧客", "--kind", "customer", "--country", "JP"]):
        result = mamoru(path, *args)
        assert result.returncode == 0, result.stderr
    return path


def test_an_agreement_and_an_event_are_corrected_and_an_obligation_raised_from_the_shell(db):
    made = mamoru(db, "agreement", "add", "NDA-1", "--partner", "P-1", "--kind", "nda", "--valid-from", "2026-01-01",
                  "--valid-to", "2026-12-31", "--tech", "T-1", "--clause", "confidentiality")
    assert made.returncode == 0, made.stderr
    reversed_ = mamoru(db, "agreement", "edit", "NDA-1", "--valid-from", "2027-01-01")
    assert reversed_.returncode == 2 and "終了日" in reversed_.stderr
    edited = mamoru(db, "agreement", "edit", "NDA-1", "--title", "改定版", "--clause", "confidentiality", "--clause", "no_copying")
    assert edited.returncode == 0, edited.stderr
    gaps = json.loads(mamoru(db, "--json", "agreement", "gaps", "NDA-1").stdout)
    assert "no_copying" not in json.dumps(gaps)
    due = (date.today() + timedelta(days=5)).isoformat()
    raised = mamoru(db, "--json", "obligations", "add", "consult_lawyer", "--due", due, "--partner", "P-1",
                    "--detail", "契約違反の疑い")
    assert raised.returncode == 0, raised.stderr
    assert json.loads(raised.stdout)["kind"] == "consult_lawyer"
    late = mamoru(db, "obligations", "add", "preserve_evidence", "--due", "2000-01-01")
    assert late.returncode == 2 and "過去" in late.stderr
