"""Every copy that leaves is checked against the partner's standing and recorded; a copy never
sits in place without its record (issue 8)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import func, select

from mamoru.guard import spool
from mamoru.guard.models import GuardRedaction
from mamoru.services import events, guard
from mamoru.services.guard import RedactionRefused
from mamoru.services.uow import read_only
from mamoru.store.models import Disclosure

from .test_service import company  # noqa: F401 - the fixture

PLAIN = "本資料は外観検査の結果です。納期は来月です。"  # no codebook term, no condition


def count(engine, model) -> int:
    with read_only(engine) as ctx:
        return ctx.session.execute(select(func.count()).select_from(model)).scalar_one()


def test_a_partner_on_hold_gets_no_marked_copy_even_without_terms(company, engine, tmp_path):  # noqa: F811
    with company("admin") as ctx:
        events.record_event(ctx, "P-CUST", "capital_change", description="外資による買収")
    src = tmp_path / "memo.txt"
    src.write_text(PLAIN, encoding="utf-8")
    with pytest.raises(RedactionRefused) as err, company("tanaka") as ctx:
        guard.redact(ctx, src, "P-CUST", tmp_path / "out.txt", "連絡")
    assert err.value.code == "guard.redact.denied"
    assert any(r.code == "gate.partner_on_hold" for r in err.value.decision.reasons)
    assert not (tmp_path / "out.txt").exists() and count(engine, GuardRedaction) == 0


def test_a_partner_without_a_valid_agreement_gets_no_marked_copy(company, engine, tmp_path):  # noqa: F811
    src = tmp_path / "memo.txt"
    src.write_text(PLAIN, encoding="utf-8")
    with pytest.raises(RedactionRefused) as err, company("tanaka") as ctx:
        guard.redact(ctx, src, "P-SUP", tmp_path / "out.txt", "連絡")
    assert [r.code for r in err.value.decision.reasons] == ["guard.standing.no_agreement"]
    assert "P-SUP" in err.value.message("ja") and not (tmp_path / "out.txt").exists()


def test_a_copy_without_terms_to_a_partner_in_good_standing_is_recorded(company, engine, tmp_path):  # noqa: F811
    src = tmp_path / "memo.txt"
    src.write_text(PLAIN, encoding="utf-8")
    with company("tanaka") as ctx:
        report = guard.scan(ctx, src, "P-CUST")
        row = guard.redact(ctx, src, "P-CUST", tmp_path / "out.txt", "連絡")
    assert report.standing.outcome == "allow"
    assert row.summary["gate"] == "allow" and count(engine, GuardRedaction) == 1
    assert row.control_number in (tmp_path / "out.txt").read_text(encoding="utf-8")


def test_the_copy_appears_only_after_the_record_commits(company, engine, tmp_path):  # noqa: F811
    src = tmp_path / "memo.txt"
    src.write_text(PLAIN, encoding="utf-8")
    out = tmp_path / "out.txt"
    with company("tanaka") as ctx:
        guard.redact(ctx, src, "P-CUST", out, "連絡")
        assert not out.exists()  # still in the spool: nothing to hand over before the commit
    assert out.exists() and list(spool.spool_dir().iterdir()) == []


CHILD = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from sqlalchemy.orm import Session
    from mamoru.store.db import make_engine
    from mamoru.services import guard
    from mamoru.services.uow import unit_of_work

    url, src, out, moment = sys.argv[1:5]
    real_commit = Session.commit

    def die(*a, **k):  # SIGKILL at the dangerous moment: the copy is written, the record is not committed
        os.kill(os.getpid(), signal.SIGKILL)

    if moment == "before_commit":
        Session.commit = die
    elif moment == "while_writing":
        import mamoru.guard.engine as engine_module
        real = engine_module.sha256_file
        calls = []
        def slow(path):
            calls.append(path)
            if len(calls) == 2:  # the copy's fingerprint: the copy exists in the spool now
                die()
            return real(path)
        engine_module.sha256_file = slow
    engine = make_engine(url)
    with unit_of_work(engine, "tanaka") as ctx:
        guard.redact(ctx, Path(src), "P-CUST", Path(out), "打合せ", accept_conditions=True)
""")


@pytest.mark.parametrize("moment", ["before_commit", "while_writing"])
def test_sigkill_during_redaction_never_leaves_a_copy_in_place(company, engine, tmp_path, moment):  # noqa: F811
    if engine.dialect.name != "sqlite":
        url = engine.url.render_as_string(hide_password=False)
    else:
        url = str(engine.url)
    src = tmp_path / "memo.txt"
    src.write_text("原料はアルミナAX-200、焼成温度1250℃。", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    if engine.dialect.name != "sqlite":
        env["PGOPTIONS"] = engine.dialect.name and _search_path(engine)
    for attempt in range(4):
        out = tmp_path / f"out-{attempt}.txt"
        proc = subprocess.run([sys.executable, "-c", CHILD, url, str(src), str(out), moment], env=env,
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == -signal.SIGKILL, proc.stderr[-2000:]
        assert not out.exists(), f"attempt {attempt}: a marked copy without a record"
        assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "hidden temporary files left"
    assert count(engine, GuardRedaction) == 0 and count(engine, Disclosure) == 0
    assert any(spool.spool_dir().iterdir())  # the killed writers' copies wait in the spool...
    with company("tanaka") as ctx:  # ...until the next redaction starts and clears them
        guard.redact(ctx, src, "P-CUST", tmp_path / "ok.txt", "打合せ", accept_conditions=True)
    assert (tmp_path / "ok.txt").exists() and list(spool.spool_dir().iterdir()) == []


def _search_path(engine) -> str:
    with engine.connect() as conn:
        return f"-csearch_path={conn.exec_driver_sql('show search_path').scalar()}"
