"""``mamoru demo``: build the demo company in a fresh SQLite file and tell its story."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, Optional

import typer
from sqlalchemy import select, text

from mamoru.audit import chain
from mamoru.cli.render import decision_table
from mamoru.cli.state import STATE
from mamoru.config import data_dir
from mamoru.demo import story
from mamoru.domain.gate import Decision
from mamoru.store.db import make_engine, migrate
from mamoru.store.models import AuditEntry


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)


def demo(path: Optional[Path] = typer.Option(None, "--path", help="SQLite file for the demo (recreated).")) -> None:
    """Create the demo company in a fresh SQLite database and play out the guidance's three cases."""
    path = (path or data_dir() / "demo.sqlite").resolve()
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    console, lang = STATE.console, STATE.language
    console.rule(f"[bold]{STATE.t('demo.title')}")
    console.print(STATE.t("demo.database", path=path))

    def say(key: str, payload: Any) -> None:
        if isinstance(payload, Decision):
            console.print(f"\n[bold]{STATE.t(key)}[/]")
            console.print(decision_table(payload, lang))
        elif key == "demo.step.audit":
            console.print(f"\n[bold]{STATE.t(key, entries=payload.entries, ok='✓' if payload.ok else '✗')}[/]")
        elif key == "demo.step.exposure":
            flags = ", ".join(f"{p} × {t} = {s:.0%}" for p, t, s in payload)
            console.print(f"\n[bold]{STATE.t(key, flags=flags)}[/]")
        elif key == "demo.step.partners":
            console.print(f"\n[bold]{STATE.t(key, partners=payload['partners'], tiers=payload['tiers'])}[/]")
            for agreement, missing in payload["gaps"].items():
                if missing:
                    console.print(STATE.t("demo.gaps", agreement=agreement, clauses=missing))
        else:
            console.print(f"\n[bold]{STATE.t(key, **payload)}[/]")

    outcome = story.run(engine, say)
    engine.dispose()
    _tamper_demo(path)
    console.print(f"\n[bold]{STATE.t('demo.next')}[/]")
    db = f"--db {path}"
    for cmd in ("partner list", "agreement list", "disclosures", "obligations list", "sample list --overdue",
                "exposure", f"check P-RAW -e E-SIN-02 --channel document", "audit verify", "audit log --limit 10",
                f"export registers.xlsx"):
        console.print(f"  mamoru {db} {cmd}")
    if not outcome.audit_ok:
        raise typer.Exit(1)


def _tamper_demo(path: Path) -> None:
    """Edit one entry in a copy of the demo database and show that verification names it."""
    copy = path.with_name(path.stem + "-tampered.sqlite")
    copy.unlink(missing_ok=True)
    shutil.copy(path, copy)
    engine = make_engine(f"sqlite:///{copy}")
    with engine.begin() as conn:
        seq = conn.execute(select(AuditEntry.seq).where(AuditEntry.action == "disclosure.approve")).scalar_one()
        conn.execute(text("UPDATE audit_entries SET actor = 'sato' WHERE seq = :seq"), {"seq": seq})
    STATE.console.print(f"\n[bold]{STATE.t('demo.tamper', path=copy, seq=seq)}[/]")
    from sqlalchemy.orm import Session

    with Session(engine) as session:
        verdict = chain.verify(session)
    for problem in verdict.problems:
        STATE.console.print("[red]" + STATE.t("demo.tamper_caught", seq=problem.seq, kind=problem.kind,
                                              detail=problem.detail) + "[/]")
    engine.dispose()
