"""``mamoru demo``: build the demo company in a fresh SQLite file and tell its story."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import re

import typer
from mamoru.cli.lazy import lazy
from mamoru.cli.render import decision_table
from mamoru.cli.state import STATE
from mamoru.config import data_dir
from mamoru.domain.gate import Decision
from mamoru.i18n import label

story, database = lazy("mamoru.demo.story", "mamoru.services.database")


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)


def demo(path: Optional[Path] = typer.Option(None, "--path", help="SQLite file for the demo (recreated)."),
         serve: bool = typer.Option(True, "--serve/--no-serve", help="Start the web application on the demo data."),
         port: int = typer.Option(8000)) -> None:
    """Create the demo company in a fresh SQLite database and play out the guidance's three cases."""
    path = (path or data_dir() / "demo.sqlite").resolve()
    engine = database.recreate_sqlite(path)
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
            flags = ("、" if lang == "ja" else ", ").join(f"{p} × {t} = {s:.0%}" for p, t, s in payload) or "-"
            console.print(f"\n[bold]{STATE.t(key, flags=flags)}[/]")
        elif key == "demo.step.guard":
            console.print(f"\n[bold]{STATE.t(key)}[/]")
            console.print("[dim]" + payload["source"] + "[/]")
            console.print("→")
            console.print(payload["output"])
        elif key == "demo.step.partners":
            console.print(f"\n[bold]{STATE.t(key, partners=payload['partners'], tiers=payload['tiers'])}[/]")
            for agreement, missing in payload["gaps"].items():
                if missing:
                    console.print(STATE.t("demo.gaps", agreement=agreement, clauses=missing))
        elif key == "demo.telemetry.ledger":  # "pump1/vibration (raw)": the level by its label
            channels = re.sub(r"\((\w+)\)", lambda m: f"（{label('share_level', m.group(1), lang)}）",
                              str(payload.get("channels", "")))
            console.print(f"\n[bold]{STATE.t(key, **{**payload, 'channels': channels})}[/]")
        else:
            console.print(f"\n[bold]{STATE.t(key, **payload)}[/]")

    guard_dir = path.parent / "demo-guard"
    guard_dir.mkdir(exist_ok=True)
    outcome = story.run(engine, say, guard_dir=guard_dir)
    logins = _demo_logins(engine)
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
    if serve:
        import os

        from mamoru.cli.serve import run as run_server

        console.rule(f"[bold]{STATE.t('demo.web')}")
        console.print(STATE.t("demo.url", url=f"http://127.0.0.1:{port}/"))
        for username, role, password in logins:
            console.print(f"  {username:8} {password}  ({STATE.t('role.' + role)})")
        os.environ.setdefault("MAMORU_LANG", STATE.language)
        STATE.db = str(path)
        run_server(host="127.0.0.1", port=port, workers=1)


def _demo_logins(engine) -> list[tuple[str, str, str]]:
    """Fresh random passwords for the demo people, printed once: no default passwords, even in a demo."""
    import secrets

    from mamoru.demo import company
    from mamoru.services import access
    from mamoru.services.uow import unit_of_work

    logins = []
    with unit_of_work(engine, "demo") as ctx:
        for username, role, _name in company.USERS:
            password = secrets.token_urlsafe(12)
            access.set_password(ctx, username, password)
            logins.append((username, role, password))
        access.assign(ctx, "sato", ["T-SINTER", "T-ELEC"])
        access.assign(ctx, "ito", ["T-ELEC"])
    return logins


def _tamper_demo(path: Path) -> None:
    """Edit one entry in a copy of the demo database and show that verification names it."""
    from mamoru.demo.tamper import tampered_copy

    copy, seq, verdict = tampered_copy(path)
    STATE.console.print(f"\n[bold]{STATE.t('demo.tamper', path=copy, seq=seq)}[/]")
    for problem in verdict.problems:
        STATE.console.print("[red]" + STATE.t("demo.tamper_caught", seq=problem.seq, kind=problem.kind,
                                              detail=problem.detail, message=problem.message(STATE.language)) + "[/]")
