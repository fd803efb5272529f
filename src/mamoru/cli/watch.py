"""``mamoru watch``: import publications, list alerts, confirm or dismiss them.

Thin over ``services/watch.py``; the matcher (and its tokenizer dictionary) loads only
when a command needs it, so the CLI starts fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from mamoru.cli.render import rows_table
from mamoru.cli.state import STATE
from mamoru.i18n import label

watch_app = typer.Typer(help="Publication and patent watch / 公報・文献ウォッチ", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(watch_app, name="watch")


@watch_app.command("import")
def import_file(file: Path = typer.Argument(..., help="ST.36 XML, J-PlatPat CSV, .txt/.md, .pdf or .docx"),
                preview: bool = typer.Option(False, "--preview", help="Show the matches, store nothing.")) -> None:
    """Import publications and raise an alert for each close match (policy watch.alert_threshold)."""
    from mamoru.services import watch

    if preview:
        with STATE.read() as ctx:
            items = watch.preview(ctx, file)
        rows = [(i.publication["number"], m["element"]["code"], f"{m['score']:.2f}",
                 STATE.t("cli.watch.alert") if m["alert"] else "-") for i in items for m in i.matches]
        STATE.emit([{"publication": i.publication, "matches": i.matches} for i in items],
                   table=rows_table(STATE.t("cli.watch.preview_title", file=file.name),
                                    [STATE.t("cli.watch.publication"), STATE.t("cli.watch.element"),
                                     STATE.t("cli.watch.score"), ""], rows))
        return
    with STATE.act() as ctx:
        result = watch.import_publications(ctx, file)
        data = {"publications": [p.number for p in result.publications], "alerts": [a.id for a in result.alerts]}
    STATE.emit(data, text=STATE.t("cli.watch.imported", file=file.name, publications=len(data["publications"]),
                                  alerts=len(data["alerts"])))


@watch_app.command("alerts")
def alerts(status: Optional[str] = typer.Option(None, "--status", help="open, confirmed or dismissed")) -> None:
    """Alerts, newest first: publication, element, score, who received the element and when."""
    from mamoru.services import watch

    with STATE.read() as ctx:
        items = watch.list_alerts(ctx, status)
    lang = STATE.language
    rows = [(a.id, f"{a.publication['number']} {a.publication['title']}"[:60], a.element["code"], f"{a.score:.2f}",
             ", ".join(f"{r['partner']} ({r['first_on']})" for r in a.recipients) or "-",
             label("watch_status", a.status, lang)) for a in items]
    STATE.emit([a.as_dict() for a in items], table=rows_table(
        STATE.t("cli.watch.alerts_title"),
        [STATE.t("cli.watch.id"), STATE.t("cli.watch.publication"), STATE.t("cli.watch.element"),
         STATE.t("cli.watch.score"), STATE.t("cli.watch.recipients"), STATE.t("cli.watch.status")], rows))


@watch_app.command("show")
def show(alert_id: int = typer.Argument(...)) -> None:
    """One alert with its evidence and the partners who received the element."""
    from mamoru.services import watch

    with STATE.read() as ctx:
        alert = watch.get_alert(ctx, alert_id)
    ev = alert.evidence
    lines = [f"#{alert.id} {alert.publication['number']} {alert.publication['title']}",
             f"{alert.element['code']} {alert.element['title'] or ''}  {alert.score:.2f}",
             (ev["passage"]["text"] if ev else STATE.t("cli.watch.withheld")),
             *(f"  → {r['partner']} {r['name']} ({r['first_on']})" for r in alert.recipients)]
    STATE.emit(alert.as_dict(), text="\n".join(lines))


@watch_app.command("confirm")
def confirm(alert_id: int = typer.Argument(...), reason: str = typer.Option(..., "--reason")) -> None:
    """Confirm an alert: an event for every partner that received the element, with obligations."""
    from mamoru.services import watch

    with STATE.act() as ctx:
        row, made_events, made = watch.confirm(ctx, alert_id, reason)
        data = {"id": row.id, "events": [e.id for e in made_events], "obligations": [o.kind for o in made]}
    lang = STATE.language
    STATE.emit(data, text=STATE.t("cli.watch.confirmed", id=row.id, events=len(made_events),
                                  obligations=", ".join(label("obligation", k, lang) for k in data["obligations"])))


@watch_app.command("dismiss")
def dismiss(alert_id: int = typer.Argument(...), reason: str = typer.Option(..., "--reason")) -> None:
    """Dismiss an alert as a false alarm; the reason is kept."""
    from mamoru.services import watch

    with STATE.act() as ctx:
        row = watch.dismiss(ctx, alert_id, reason)
    STATE.emit({"id": row.id, "status": row.status}, text=STATE.t("cli.watch.dismissed", id=row.id))
