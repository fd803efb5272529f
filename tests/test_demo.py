"""The demo tells the truth: each promised moment happens, on both backends."""

from __future__ import annotations

import os
import subprocess
import sys

from mamoru.demo import story


def test_demo_story(engine, tmp_path):
    out = story.run(engine, lambda key, payload: None, guard_dir=tmp_path)
    d = out.decisions
    assert d["core"].outcome == "deny"
    assert d["unassessed"].outcome == "deny" and d["expired"].outcome == "deny"
    assert d["high_risk"].outcome == "deny"
    assert d["supplier"].outcome == "allow_with_conditions"
    assert "cond.supplier_no_intended_use" in {r.code for r in d["supplier"].reasons}
    assert d["equipment"].outcome == "needs_approval"
    assert d["sample"].outcome == "allow_with_conditions"
    assert d["on_hold"].outcome == "deny"
    assert "recover_sample" in out.obligations["overdue_sample"]
    assert "investigate_sample" in out.obligations["damaged_sample"]
    assert {"verify_notice", "terminate", "demand_return"} <= set(out.obligations["change_of_control"])
    assert ("P-EQUIP", "T-ELEC") in [(p, t) for p, t, _ in out.exposure_flags]
    assert set(out.obligations["export_restriction"]) == {"find_second_source", "raise_stock", "notify_customer"}
    assert out.audit_ok and out.audit_entries > 50
    listed = out.chapters["screening"]  # issue 10: a METI End User List hit, reviewed and confirmed
    assert [a[1] for a in listed["alerts"]] == ["match"] and listed["status"] == "on_hold"
    assert listed["decision"] == "deny"
    check = out.chapters["selfcheck"]  # issue 14: the self-check, mostly answered from the records
    assert check["by_mamoru"] >= 15 and check["scores"]["overall"] is not None
    assert check["report"].endswith(".xlsx")
    marking = [line for line in out.guard_output.splitlines() if out.guard_control in line]
    body = [line for line in out.guard_output.splitlines() if out.guard_control not in line]
    assert marking and all("東邦原料工業株式会社" in line for line in marking)  # names the recipient
    assert not any("AKP-50" in line or "東邦原料工業" in line or "1280" in line for line in body)


def test_demo_command_runs_and_catches_the_tampered_copy(tmp_path):
    env = {**os.environ, "MAMORU_HOME": str(tmp_path), "COLUMNS": "160"}
    result = subprocess.run([sys.executable, "-c", "from mamoru.cli.main import run; run()", "--lang", "en", "demo",
                             "--no-serve"],
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "intact = ✓" in result.stdout
    assert "caught: #" in result.stdout and "edited" in result.stdout
    assert (tmp_path / "demo.sqlite").exists()
