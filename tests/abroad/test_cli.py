"""``mamoru site`` and ``mamoru research`` as a person or a script uses them (real process, SQLite file)."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.test_cli import mamoru


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "cli.sqlite"
    for args in (["tech", "add", "T-CAT", "--name", "触媒担持", "--domain", "disruptive_innovation",
                  "--priority-control"],
                 ["tech", "element", "T-CAT", "E-GEN", "--title", "担体の取り扱い", "--rank", "1"],
                 ["partner", "add", "P-TH", "--name", "Siam JV", "--kind", "supplier", "--country", "TH"]):
        result = mamoru(path, *args)
        assert result.returncode == 0, result.stderr
    return path


def test_a_site_waits_for_its_advance_report_on_the_command_line(db, tmp_path):
    bad = mamoru(db, "site", "add", "S-1", "--name", "タイ工場", "--country", "Thailand")
    assert bad.returncode == 2 and "国コードではありません" in bad.stderr
    assert mamoru(db, "--json", "site", "list").stdout.strip() == "[]"  # nothing half-saved
    assert mamoru(db, "site", "add", "S-1", "--name", "タイ工場", "--country", "TH", "--partner", "P-TH").returncode == 0
    allowed = mamoru(db, "site", "allow", "S-1", "-e", "E-GEN", "--allowance", "may_teach")
    assert allowed.returncode == 0 and "事前報告" in allowed.stdout
    check = mamoru(db, "--json", "site", "check", "S-1", "-e", "E-GEN")
    assert check.returncode == 2
    assert "gate.fefta_advance_report_open" in {r["code"] for r in json.loads(check.stdout)["reasons"]}
    today = datetime.now(ZoneInfo("Asia/Tokyo")).date().isoformat()
    refused = mamoru(db, "site", "stage", "S-1", "contract", "--on", today)
    assert refused.returncode == 2 and "事前報告" in refused.stderr
    filed = mamoru(db, "site", "report-filed", "S-1", "-t", "T-CAT", "--evidence", "受付番号 0142")
    assert filed.returncode == 0, filed.stderr
    assert "gate.fefta_advance_report_open" not in mamoru(db, "--json", "site", "check", "S-1", "-e", "E-GEN").stdout
