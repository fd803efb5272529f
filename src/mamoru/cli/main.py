"""Entry point: global options, command groups, and one place that turns errors into messages."""

from __future__ import annotations

import sys
from typing import Optional

import typer

from mamoru.cli import ledger, registers, tabular, trail
from mamoru.cli.state import STATE
from mamoru.errors import MamoruError

app = typer.Typer(
    name="mamoru",
    help="mamoru (守る): technology-protection workbench / 技術流出防止ワークベンチ",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,  # plain help: Rich's help renderer alone costs more than the 0.5 s start-up budget
)


@app.callback()
def main(
    db: Optional[str] = typer.Option(None, "--db", help="Database URL or SQLite file (default: MAMORU_DATABASE_URL, then the per-user SQLite file)."),
    lang: Optional[str] = typer.Option(None, "--lang", help="ja or en (default: MAMORU_LANG, then the locale)."),
    json_out: bool = typer.Option(False, "--json", help="Machine-readable JSON output."),
    actor: Optional[str] = typer.Option(None, "--as", help="Who acts (default: MAMORU_USER, then the OS user)."),
) -> None:
    STATE.db, STATE.lang, STATE.json, STATE.actor = db, lang, json_out, actor


registers.register(app)
ledger.register(app)
tabular.register(app)
trail.register(app)


def _plugins() -> None:
    """Feature packages (screening, guard) add their commands when present."""
    import importlib

    for name in ("mamoru.cli.screening", "mamoru.cli.guard", "mamoru.cli.demo", "mamoru.cli.serve",
                 "mamoru.cli.supplychain", "mamoru.cli.telemetry",
                 "mamoru.cli.selfcheck",
                 "mamoru.cli.incident",
                 "mamoru.cli.workbench",
                 "mamoru.cli.meetings",
                 "mamoru.cli.people",
                 "mamoru.cli.abroad",
                 "mamoru.cli.watch",
                 "mamoru.cli.trace",
                 ):
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if not (exc.name and name.startswith(exc.name)):
                raise
            continue
        module.register(app)


_plugins()


def run() -> None:
    """Console-script entry: bilingual errors, exit code 2, JSON errors with ``--json``."""
    try:
        code = app(standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
    except MamoruError as exc:
        _report(exc)
        sys.exit(2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        sys.exit(1)
    except Exception as exc:  # click usage errors
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        raise


def _report(exc: MamoruError) -> None:
    if STATE.json:
        import json

        sys.stdout.write(json.dumps({"error": exc.as_dict()}, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    hint = STATE.t(f"cli.hint.{exc.code}")  # the flag that supplies what the refusal asks for
    hint = "" if hint == f"cli.hint.{exc.code}" else " " + hint
    STATE.err.print(f"[bold red]{STATE.t('cli.error')}[/] [dim]({exc.code})[/] {exc.message(STATE.language)}{hint}")
    decision = getattr(exc, "decision", None)
    if decision is not None:
        from mamoru.cli.render import decision_table

        STATE.err.print(decision_table(decision, STATE.language))
if __name__ == "__main__":
    run()
