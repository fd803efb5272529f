"""The command line as a person or a script uses it: real process, real SQLite file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

MAMORU = [sys.executable, "-c", "from mamoru.cli.main import run; run()"]


def mamoru(db: Path, *args: str, lang: str = "ja") -> subprocess.CompletedProcess:
    env = {**os.environ, "MAMORU_USER": "sato", "COLUMNS": "200"}
    return subprocess.run([*MAMORU, "--db", str(db), "--lang", lang, *args], capture_output=True, text=True,
                          env=env, timeout=120)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "cli.sqlite"
    for args in (["tech", "add", "T-1", "--name", "焼結", "--domain", "technological_superiority"],
                 ["tech", "element", "T-1", "E-4", "--title", "温度", "--rank", "4"],
                 ["tech", "element", "T-1", "E-1", "--title", "カタログ", "--rank", "1"],
                 ["partner", "add", "P-1", "--name", "顧客", "--kind", "customer", "--country", "JP"]):
        result = mamoru(path, *args)
        assert result.returncode == 0, result.stderr
    return path


def test_check_prints_the_decision_and_json_for_scripts(db):
    result = mamoru(db, "--json", "check", "P-1", "-e", "E-4")
    data = json.loads(result.stdout)
    assert data["outcome"] == "deny"
    codes = {r["code"] for r in data["reasons"]}
    assert "gate.core_never_leaves" in codes
    human = mamoru(db, "check", "P-1", "-e", "E-4", lang="en")
    assert "deny" in human.stdout and "never leaves" in human.stdout


def test_denied_disclose_exits_2_with_a_bilingual_error_and_records_nothing(db):
    ja = mamoru(db, "disclose", "P-1", "-e", "E-4", "--purpose", "見積")
    assert ja.returncode == 2 and "開示できません" in ja.stderr
    en = mamoru(db, "--json", "disclose", "P-1", "-e", "E-4", "--purpose", "quote", lang="en")
    assert en.returncode == 2
    error = json.loads(en.stdout)["error"]
    assert error["code"] == "disclosure.denied" and error["decision"]["outcome"] == "deny"
    assert json.loads(mamoru(db, "--json", "disclosures").stdout) == []


def test_unknown_partner_is_named_in_the_error(db):
    result = mamoru(db, "check", "P-404", "-e", "E-1", lang="en")
    assert result.returncode == 2 and "Partner P-404 is not registered" in result.stderr


def test_audit_verify_passes_then_fails_after_tampering(db):
    ok = mamoru(db, "--json", "audit", "verify")
    assert ok.returncode == 0 and json.loads(ok.stdout)["ok"] is True
    import sqlite3

    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE audit_entries SET after = replace(after, '焼結', '焼成') WHERE seq = 1")
    bad = mamoru(db, "--json", "audit", "verify")
    assert bad.returncode == 1
    assert json.loads(bad.stdout)["problems"] == [{"seq": 1, "kind": "edited", "detail": "hash does not match content"}]


def test_starting_the_cli_loads_no_database_screening_or_web_stack():
    """`mamoru --help` must start fast: services, screening tables and the web stack load lazily,
    inside the command that needs them (timing is in benchmarks/cli_startup.py, not here)."""
    probe = ("import sys, mamoru.cli.main\n"
             "heavy = {'sqlalchemy', 'alembic', 'fastapi', 'starlette', 'uvicorn', 'pypinyin', 'pykakasi',"
             " 'openpyxl', 'docx', 'pypdf', 'weasyprint', 'rapidfuzz', 'rich'}\n"
             "print(sorted({m.split('.')[0] for m in sys.modules} & heavy))\n"
             "print(sorted(m for m in sys.modules if m.startswith(('mamoru.services', 'mamoru.store',"
             " 'mamoru.screening', 'mamoru.guard', 'mamoru.web', 'mamoru.api'))))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["[]", "[]"]


def test_help_lists_every_command_group_and_guard_categories_match_the_model(tmp_path):
    from mamoru.cli.guard import CATEGORIES as shown
    from mamoru.guard.models import CATEGORIES

    assert shown == CATEGORIES
    result = mamoru(tmp_path / "unused.sqlite", "--help")
    assert result.returncode == 0, result.stderr
    for group in ("check", "disclose", "partner", "obligation", "screen", "guard", "serve", "audit"):
        assert f"  {group}" in result.stdout
    assert not (tmp_path / "unused.sqlite").exists()  # --help opens no database


def test_user_add_without_a_role_gives_the_least_role_and_a_bad_code_is_refused(db):
    assert mamoru(db, "user", "add", "newbie").returncode == 0
    listed = json.loads(mamoru(db, "--json", "user", "list").stdout)
    assert {u["username"]: u["role"] for u in listed}["newbie"] == "staff"
    bad = mamoru(db, "tech", "add", "T/2", "--name", "x", "--domain", "external_dependence", lang="en")
    assert bad.returncode != 0 and "T/2" in bad.stderr and "cannot be used" in bad.stderr
    assert "T/2" not in mamoru(db, "--json", "tech", "list").stdout
