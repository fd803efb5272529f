"""The screening commands, end to end on an embedded database."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from mamoru.cli.main import app
from mamoru.cli.state import STATE
from mamoru.screening import backends


@pytest.fixture
def cli(tmp_path, monkeypatch):
    monkeypatch.setenv("MAMORU_HOME", str(tmp_path))
    monkeypatch.setenv("MAMORU_LANG", "en")
    backends.forget()
    runner = CliRunner()

    def run(*args: str):
        STATE.json = False
        result = runner.invoke(app, ["--db", str(tmp_path / "m.sqlite"), *args])
        assert result.exit_code == 0, result.output
        return result.output

    return run


def test_import_screen_and_review(cli, watchlists, tmp_path):
    meti = str(watchlists / "jp_meti" / "meti_end_user_list_20250929.xlsx")
    assert "Imported jp_meti_eul version 1" in cli("lists", "import", meti)
    assert "already jp_meti_eul version 1" in cli("lists", "import", meti)

    hits = json.loads(cli("screen", "鴨緑江開発銀行", "--json"))
    assert hits[0]["entry_name"] == "Amroggang Development Banking Corporation"
    assert hits[0]["outcome"] == "match" and hits[0]["explanation"]["path"] == "cjk_direct"
    assert (tmp_path / "m.sqlite.screening-index.npz").exists()

    cli("partner", "add", "P-9", "--name", "鴨緑江開発銀行", "--kind", "customer", "--country", "KP")
    run = json.loads(cli("--json", "screen", "--partner", "P-9"))
    assert [r["entry_id"].split(":")[0] for r in run["new"]] == ["jp_meti_eul"]
    result_id = run["new"][0]["id"]
    listed = json.loads(cli("--json", "review", "list"))
    assert [r["id"] for r in listed] == [result_id]
    confirmed = json.loads(cli("--json", "review", "confirm", str(result_id), "--note", "checked"))
    assert confirmed["status"] == "confirmed" and confirmed["event_id"]
    versions = json.loads(cli("--json", "lists", "versions"))
    assert [(v["source"], v["version"], v["status"]) for v in versions] == [("jp_meti_eul", 1, "in_force")]
    assert "Rewrote the search keys of 0 list version(s)" in cli("lists", "rekey")  # the import wrote current keys
