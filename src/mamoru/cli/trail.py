"""Audit commands: verify the chain, read the log."""

from __future__ import annotations

from typing import Optional

import typer

from mamoru.i18n import label, local_time, registry_label, timezone_name

from mamoru.cli.render import rows_table
from mamoru.cli.state import STATE
from mamoru.cli.lazy import lazy

audit = lazy("mamoru.services.audit")
rich_progress = lazy("rich.progress")

audit_app = typer.Typer(help="The tamper-evident audit record / 監査ログ", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(audit_app, name="audit")


@audit_app.command("verify")
def verify() -> None:
    """Check the chain: every entry's seal and link, the head, and the anchor outside the database.

    Names every edited, missing, reordered or forged entry, and a log that is shorter
    than its anchor says (deleted tail, emptied log, rolled-back database). Exit 1 if any.
    """
    with STATE.read() as ctx:
        if STATE.json:
            verdict = audit.verify(ctx)
        else:
            with rich_progress.Progress(transient=True, console=STATE.err) as bar:
                task = bar.add_task("verify", total=None)
                verdict = audit.verify(ctx, progress=lambda n: bar.advance(task, n))
    data = verdict.as_dict()
    anchor_line = None
    if verdict.anchored:
        anchor_line = STATE.t("audit.anchor_ok", records=verdict.anchor.records, seq=verdict.anchor.seq,
                              at=verdict.anchor.at)
    elif verdict.anchor is not None:
        anchor_line = "[yellow]⚠ " + STATE.t("audit.anchor_missing", path=verdict.anchor.path) + "[/]"
    if verdict.ok:
        text = "[green]✓ " + STATE.t("cli.audit_ok", count=verdict.entries, head=verdict.head_hash[:16]) + "[/]"
        STATE.emit(data, text=text + ("\n" + anchor_line if anchor_line else ""))
    else:
        STATE.emit(data, rows_table(STATE.t("cli.audit_bad", count=len(verdict.problems)), ["seq", "problem", "detail"],
                                    [(p.seq, p.kind, p.message(STATE.language)) for p in verdict.problems]),
                   text=anchor_line)
        raise typer.Exit(1)


@audit_app.command("log")
def log(entity_type: Optional[str] = None, entity_id: Optional[str] = None, limit: int = 50) -> None:
    with STATE.read() as ctx:
        data = [{"seq": e.seq, "at": e.at, "actor": e.actor, "action": e.action, "entity_type": e.entity_type,
                 "entity_id": e.entity_id, "hash": e.hash} for e in audit.entries(ctx, entity_type, entity_id, limit)]
    lang = STATE.language
    rows = [(d["seq"], local_time(d["at"]), d["actor"], label("audit.action", d["action"], lang),
             f"{_name(registry_label(d['entity_type']), lang)} {d['entity_id']}", d["hash"][:12]) for d in data]
    STATE.emit(data, rows_table("audit", ["seq", STATE.t("web.f.at_local", zone=timezone_name()), "actor", "action", "entity", "hash"], rows))


def _name(text, lang: str) -> str:
    return text[lang] if isinstance(text, dict) else text
