"""``mamoru watch`` as a person or a script uses it: real process, real SQLite file."""

from __future__ import annotations

import json

from mamoru.demo.watch import DESCRIPTIONS, GAZETTE
from tests.test_cli import mamoru


def test_import_list_show_confirm_and_bad_input(tmp_path):
    db = tmp_path / "cli.sqlite"
    for args in (["tech", "add", "T-ELEC", "--name", "電極", "--domain", "external_dependence"],
                 ["tech", "element", "T-ELEC", "E-DRY", "--title", "乾燥条件", "--rank", "2",
                  "--description", DESCRIPTIONS["E-ELE-02"]]):
        result = mamoru(db, *args)
        assert result.returncode == 0, result.stderr
    gazette = tmp_path / "JP2026145321A.xml"
    gazette.write_text(GAZETTE, encoding="utf-8")

    preview = mamoru(db, "watch", "import", str(gazette), "--preview")
    assert preview.returncode == 0 and "E-DRY" in preview.stdout and "警報" in preview.stdout
    imported = mamoru(db, "watch", "import", str(gazette))
    assert imported.returncode == 0 and "警報 1 件" in imported.stdout

    alerts = json.loads(mamoru(db, "--json", "watch", "alerts").stdout)
    assert [a["element"]["code"] for a in alerts] == ["E-DRY"]
    alert_id = str(alerts[0]["id"])
    shown = mamoru(db, "watch", "show", alert_id)
    assert "130℃" in shown.stdout

    again = mamoru(db, "watch", "import", str(gazette))
    assert again.returncode == 2 and "取り込み済み" in again.stderr

    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    refused = mamoru(db, "--json", "watch", "import", str(empty))
    assert refused.returncode == 2 and json.loads(refused.stdout)["error"]["code"] == "watch.empty"

    done = mamoru(db, "watch", "confirm", alert_id, "--reason", "請求項2と同一")
    assert done.returncode == 0 and "弁護士への相談" in done.stdout
    twice = mamoru(db, "watch", "dismiss", alert_id, "--reason", "やはり違う")
    assert twice.returncode == 2 and "判断済み" in twice.stderr
