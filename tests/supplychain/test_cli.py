"""``mamoru supply`` as a person or a script uses it: real process, real SQLite file."""

from __future__ import annotations

import copy
import json

from mamoru.services.uow import unit_of_work
from mamoru.store.db import make_engine, migrate
from tests.supplychain import workbook
from tests.test_cli import mamoru


def test_import_analyze_what_if_signal_and_warnings(tmp_path):
    db = tmp_path / "cli.sqlite"
    engine = make_engine(f"sqlite:///{db}")
    migrate(engine)
    with unit_of_work(engine, "setup") as ctx:
        workbook.add_partners(ctx)
    engine.dispose()
    bad = copy.deepcopy(workbook.SHEETS)
    bad["拠点"].append(("S-GA-CN", "XX1", "どこか", "ZZ"))
    refused = mamoru(db, "supply", "import", str(workbook.write(tmp_path / "bad.xlsx", bad)))
    assert refused.returncode == 2 and "国コード ZZ は不明です" in refused.stderr and "拠点" in refused.stderr
    done = mamoru(db, "supply", "import", str(workbook.write(tmp_path / "map.xlsx")))
    assert done.returncode == 0, done.stderr
    analysis = json.loads(mamoru(db, "--json", "supply", "analyze", "--concern", "CN").stdout)
    assert analysis["concern"]["products"][0]["share"] == 0.85
    what_if = json.loads(mamoru(db, "--json", "supply", "what-if", "--kind", "supplier_stop", "--supplier",
                                "S-CAP").stdout)
    assert what_if["products"][0]["product"] == "RF1" and what_if["customers"] == ["C-AUTO", "C-TEL"]
    signal = mamoru(db, "supply", "signal", "--kind", "export_restriction", "--country", "CN", "--item", "GA")
    assert signal.returncode == 0 and "重大" in signal.stdout
    listed = json.loads(mamoru(db, "--json", "supply", "warnings").stdout)
    assert listed["total"] == 1 and listed["items"][0]["days_of_cover"] == 30
    out = tmp_path / "out.xlsx"
    assert mamoru(db, "supply", "export", str(out)).returncode == 0 and out.exists()
