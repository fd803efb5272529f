"""The demo tells the truth: each promised moment happens, on both backends."""

from __future__ import annotations

import os
import subprocess
import sys

from mamoru.demo import company, story


def test_demo_story(engine, tmp_path, monkeypatch):
    here = tmp_path / "working-directory"  # where a developer runs the tests: a checkout
    here.mkdir()
    monkeypatch.chdir(here)
    out = story.run(engine, lambda key, payload: None, guard_dir=tmp_path)
    assert list(here.iterdir()) == []  # its files (list excerpt, self-check report) go elsewhere
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
    # Case 3: staged disclosure keeps the equipment maker below the exposure threshold
    assert ("P-EQUIP", "T-ELEC") not in [(p, t) for p, t, _ in out.exposure_flags]
    assert out.cases["stage_one"] == ["E-ELE-03"] and out.cases["stage_two"] == ["E-ELE-02", "E-ELE-03"]
    assert out.cases["override_refused"] == "disclosure.override_required"
    assert out.cases["equipment_exposure"] < 0.5
    # Case 1: the supplier serves our competitors; the sheet and the meeting say so and record it
    assert "cond.supplier_serves_competitors" in {r.code for r in d["supplier"].reasons}
    assert out.cases["sheet"]["may_say"] == ["E-SIN-03", "E-SIN-04"]
    assert out.cases["sheet"]["must_not"] == ["E-SIN-02", "E-SIN-01"]
    assert "cond.supplier_serves_competitors" in out.cases["meeting"]["conditions"]
    # Case 2: overseas, damaged: consult the authorities too
    assert "consult_authority" in out.obligations["damaged_sample"]
    assert out.cases["closed"] == len(company.DONE)
    # The NDA without a return/destroy clause ran out: demand return or destruction anyway
    assert "demand_return_or_destruction" in out.obligations["overdue_sample"]
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


def test_the_story_ends_a_few_days_before_the_day_it_is_built():
    from datetime import date, timedelta

    assert date.fromisoformat(story.day("2026-09-30")) == story._today() - timedelta(days=story.ENDS_DAYS_AGO)
    assert (date.fromisoformat(story.day("2026-09-30")) - date.fromisoformat(story.day("2026-04-01"))).days == 182
    assert story.at("2026-09-30").date().isoformat() == story.day("2026-09-30")


def test_the_dashboard_after_the_demo_is_a_mix_not_all_red(engine, tmp_path):
    from mamoru.services import obligations
    from mamoru.services.uow import read_only

    story.run(engine, lambda key, payload: None, guard_dir=tmp_path)
    with read_only(engine) as ctx:  # signed in today, after the build
        due = [o.due_on for o in obligations.open_obligations(ctx)]
        overdue = [d for d in due if d < ctx.today]
        ahead = [d for d in due if d >= ctx.today]
    assert overdue and ahead, due  # some late, some still to do: not all red


def test_demo_command_runs_and_catches_the_tampered_copy(tmp_path):
    env = {**os.environ, "MAMORU_HOME": str(tmp_path), "COLUMNS": "160"}
    result = subprocess.run([sys.executable, "-c", "from mamoru.cli.main import run; run()", "--lang", "en", "demo",
                             "--no-serve"],
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "intact = ✓" in result.stdout
    assert "caught: #" in result.stdout and "edited" in result.stdout
    assert (tmp_path / "demo.sqlite").exists()


def test_the_server_the_demo_starts_answers_on_loopback(tmp_path):
    # the demo starts the web application from Python, not through the command line: it must get
    # plain settings (the command's own defaults are typer's option objects; uvicorn failed on them)
    import socket
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "MAMORU_HOME": str(tmp_path), "MAMORU_ADMIN_PASSWORD": "a-long-test-passphrase-9"}
    code = ("from mamoru.cli.state import STATE; from mamoru.cli.serve import run; "
            f"STATE.db = {str(tmp_path / 'web.sqlite')!r}; run(host='127.0.0.1', port={port}, workers=1)")
    server = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        status, deadline = None, time.monotonic() + 60
        while status is None and time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=2) as response:
                    status = response.status
            except OSError:
                time.sleep(0.3)
        assert server.poll() is None, server.communicate()[1][-2000:]
        assert status == 200
    finally:
        server.terminate()
        server.wait(timeout=10)
