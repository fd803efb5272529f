"""Screening commands: ``lists`` (import, versions, diff), ``screen``, ``review``.

Thin over ``mamoru.services.screening``: options in, services called, results shown
as Rich tables or JSON.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, List, Optional

import typer

from mamoru.cli.render import rows_table
from mamoru.cli.state import STATE
from mamoru.errors import InvalidInput
from mamoru.cli.lazy import lazy

svc = lazy("mamoru.services.screening")  # the transliteration tables load only when screening runs
rich_progress = lazy("rich.progress")

lists_app = typer.Typer(help="Sanctions and end-user lists / 制裁・外国ユーザーリスト", no_args_is_help=True)
review_app = typer.Typer(help="Review possible matches / 該当候補の確認", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(lists_app, name="lists")
    app.add_typer(review_app, name="review")
    app.command("screen")(screen)


def _outcome(value: str) -> str:
    return STATE.t(f"screening.outcome.{value}")


def _run_data(outcome) -> dict | None:
    if outcome is None:
        return None
    return {
        "run": outcome.run.id, "partners": outcome.run.partners,
        "new": [_result_data(r) for r in outcome.new],
        "withdrawn": [_result_data(r) for r in outcome.withdrawn],
    }


def _result_data(r) -> dict:
    return {"id": r.id, "partner": r.partner.code if r.partner else None, "subject": r.subject,
            "subject_name": r.subject_name, "source": r.source, "entry_id": r.entry_id,
            "matched_name": r.matched_name, "score": r.score, "outcome": r.outcome, "status": r.status,
            "explanation": r.explanation, "review_reason": r.review_reason, "event_id": r.event_id}


def _show_run(outcome) -> None:
    if outcome is None:
        return
    STATE.console.print(STATE.t("screening.cli.rescreened", partners=outcome.run.partners,
                                new=len(outcome.new), withdrawn=len(outcome.withdrawn)))
    rows = [(r.id, r.partner.code if r.partner else "", r.subject, r.subject_name, r.matched_name,
             f"{r.score:.2f}", _outcome(r.outcome), r.source) for r in outcome.new]
    if rows:
        STATE.console.print(rows_table("new", ["id", "partner", "subject", "name", "list name", "score", "outcome", "list"], rows))


@lists_app.command("import")
def lists_import(
    files: List[Path] = typer.Argument(..., exists=True, dir_okay=False, help="List file(s); OFAC: sdn.csv or cons_prim.csv"),
    fmt: Optional[str] = typer.Option(None, "--format", help="meti_xlsx|un_xml|ofac_csv|bis_dpl|ftm_json|simple_csv"),
    source: Optional[str] = typer.Option(None, "--source", help="List name for ftm_json / simple_csv (default: file name)"),
    rescreen: bool = typer.Option(True, "--rescreen/--no-rescreen", help="Re-screen all partners against the new version"),
) -> None:
    """Import list files; each new file is a new version, the same file again changes nothing."""
    out = []
    for path in files:
        with STATE.act() as ctx:
            with rich_progress.Progress(rich_progress.SpinnerColumn(), rich_progress.TextColumn("{task.description}"), transient=True, console=STATE.err,
                          disable=STATE.json) as bar:
                bar.add_task(f"{path.name}", total=None)
                result = svc.import_list(ctx, path, fmt, source, rescreen=rescreen)
            v = result.version
            data = {"source": v.source, "version": v.version_no, "created": result.created, "entries": v.entry_count,
                    "added": result.added, "removed": result.removed, "changed": result.changed,
                    "rescreen": _run_data(result.rescreen)}
            out.append(data)
            if not STATE.json:
                if result.created:
                    STATE.console.print("[green]✓[/] " + STATE.t("screening.cli.imported", source=v.source, version=v.version_no,
                                                                 entries=v.entry_count, added=result.added,
                                                                 removed=result.removed, changed=result.changed))
                    _show_run(result.rescreen)
                else:
                    STATE.console.print(STATE.t("screening.cli.unchanged", source=v.source, version=v.version_no))
    if STATE.json:
        STATE.emit(out)


@lists_app.command("versions")
def lists_versions(source: Optional[str] = typer.Argument(None)) -> None:
    """Every imported version, the one in force marked."""
    with STATE.read() as ctx:
        data: list[dict[str, Any]] = [{"source": v.source, "version": v.version_no, "status": v.status, "format": v.format,
                 "file": v.file_name, "entries": v.entry_count, "names": v.name_count, "sha256": v.file_hash,
                 "imported_at": v.imported_at, "imported_by": v.imported_by} for v in svc.versions(ctx, source)]
    rows = [(d["source"], d["version"], d["status"], d["entries"], d["names"], d["file"],
             d["imported_at"].isoformat(timespec="seconds"), d["imported_by"]) for d in data]
    STATE.emit(data, rows_table("lists", ["source", "version", "status", "entries", "names", "file", "imported (UTC)", "by"], rows))


@lists_app.command("rekey")
def lists_rekey() -> None:
    """Rewrite the search keys of the lists in force after an upgrade (the database backend needs them)."""
    with STATE.act() as ctx:
        done = svc.rekey(ctx)
        data = [{"source": v.source, "version": v.version_no, "keys_version": v.keys_version} for v in done]
    if STATE.json:
        STATE.emit(data)
    else:
        STATE.console.print(STATE.t("screening.cli.rekeyed", count=len(data)))


@lists_app.command("diff")
def lists_diff(source: str, old: Optional[int] = typer.Option(None, "--from"), new: Optional[int] = typer.Option(None, "--to")) -> None:
    """Entries added, removed and changed between two versions (default: the last two)."""
    with STATE.read() as ctx:
        d = svc.diff(ctx, source, old, new)
        data: dict[str, Any] = {"source": d.source, "from": d.old, "to": d.new,
                "added": [{"entry_id": r.entry_id, "name": r.primary_name} for r in d.added],
                "removed": [{"entry_id": r.entry_id, "name": r.primary_name} for r in d.removed],
                "changed": [{"entry_id": b.entry_id, "name": b.primary_name} for _, b in d.changed]}
    rows = ([("+", x["entry_id"], x["name"]) for x in data["added"]] + [("-", x["entry_id"], x["name"]) for x in data["removed"]]
            + [("~", x["entry_id"], x["name"]) for x in data["changed"]])
    STATE.emit(data, rows_table(f"{source}: {d.old} → {d.new}", ["", "entry", "name"], rows))


def screen(
    name: Optional[str] = typer.Argument(None, help="A name in any script, e.g. 鴨緑江開発銀行"),
    partner: Optional[str] = typer.Option(None, "--partner", help="Screen one partner with its related parties (stores alerts)"),
    all_partners: bool = typer.Option(False, "--all", help="Screen every partner (stores alerts)"),
    entity_type: str = typer.Option("unknown", "--type", help="person|organization|unknown"),
    country: List[str] = typer.Option([], "--country", help="ISO country code (repeatable)"),
    dob: List[str] = typer.Option([], "--dob", help="Date or year of birth (repeatable)"),
    limit: int = typer.Option(10, "--limit"),
    backend: str = typer.Option("embedded", "--backend", help="embedded|database"),
    json_out: bool = typer.Option(False, "--json", help="Machine-readable JSON output."),
) -> None:
    """Screen a name, a partner or all partners against the lists in force."""
    if json_out:
        STATE.json = True
    if name:
        with STATE.read() as ctx:
            hits = svc.screen_name(ctx, name, entity_type, [c.upper() for c in country], dob, limit, backend)
        data: list[dict[str, Any]] = [{"list": src, "entry_id": h.entry.entry_id, "entry_name": h.entry.primary_name,
                 "entity_type": h.entry.entity_type, "matched_name": h.matched_name, "score": round(h.score, 4),
                 "outcome": h.outcome, "countries": list(h.entry.countries), "explanation": h.explanation()}
                for h, src in hits]
        rows = [(f"{d['score']:.2f}", _outcome(d["outcome"]), d["list"], d["matched_name"], d["entry_name"],
                 _why(d["explanation"])) for d in data if d["outcome"] != "none" or d is data[0]]
        STATE.emit(data, rows_table(name, ["score", "outcome", "list", "matched name", "entry", "why"], rows)
                   if rows else None, None if rows else STATE.t("screening.cli.no_hits"))
        return
    if partner:
        with STATE.act() as ctx:
            outcome = svc.screen_partner(ctx, partner, backend)
            run_data = _run_data(outcome)
            if not STATE.json:
                _show_run(outcome)
        if STATE.json:
            STATE.emit(run_data)
        return
    if all_partners:
        with STATE.act() as ctx:
            with rich_progress.Progress(rich_progress.SpinnerColumn(), rich_progress.TextColumn("screen"), rich_progress.BarColumn(), rich_progress.MofNCompleteColumn(), transient=True,
                          console=STATE.err, disable=STATE.json) as bar:
                task = bar.add_task("screen", total=None)
                outcome = svc.screen_all(ctx, backend=backend,
                                         progress=lambda n, total: bar.update(task, completed=n, total=total))
            all_data = _run_data(outcome)
            if not STATE.json:
                _show_run(outcome)
        if STATE.json:
            STATE.emit(all_data)
        return
    raise InvalidInput("screening.cli.screen_what")


def _why(explanation: dict) -> str:
    parts = [explanation["path"]]
    if explanation["tokens_aligned"]:
        parts.append(" ".join(f"{a}≈{b}" for a, b, _ in explanation["tokens_aligned"][:4]))
    if explanation["legal_forms_ignored"]:
        parts.append("legal form: " + ",".join(explanation["legal_forms_ignored"]))
    parts += [f"{a['reason']} {a['delta']:+.2f}" for a in explanation["adjustments"]]
    return "; ".join(parts)


@review_app.command("list")
def review_list(partner: Optional[str] = typer.Option(None, "--partner"),
                status: str = typer.Option("open", "--status", help="open|confirmed|dismissed|withdrawn|all")) -> None:
    """Possible matches awaiting a decision (or decided ones)."""
    with STATE.read() as ctx:
        data = [_result_data(r) for r in svc.results(ctx, None if status == "all" else status, partner)]
    rows = [(d["id"], d["partner"], d["subject"], d["subject_name"], d["matched_name"], f"{d['score']:.2f}",
             _outcome(d["outcome"]), d["source"], d["status"]) for d in data]
    STATE.emit(data, rows_table("review", ["id", "partner", "subject", "name", "list name", "score", "outcome", "list", "status"], rows))


@review_app.command("confirm")
def review_confirm(result_id: int, note: str = typer.Option("", "--note")) -> None:
    """It is the listed party: the partner goes on hold and obligations are created."""
    with STATE.act() as ctx:
        r = svc.confirm(ctx, result_id, note)
        data = _result_data(r)
    STATE.emit(data, text="[red]●[/] " + STATE.t("screening.cli.confirmed", result_id=r.id, partner=data["partner"], event=r.event_id))


@review_app.command("dismiss")
def review_dismiss(result_id: int, reason: str = typer.Option(..., "--reason", help="Why this is not the listed party")) -> None:
    """It is not the listed party; not raised again while the list entry stays the same."""
    with STATE.act() as ctx:
        r = svc.dismiss(ctx, result_id, reason)
        data = _result_data(r)
    STATE.emit(data, text="[green]✓[/] " + STATE.t("screening.cli.dismissed", result_id=r.id, reason=r.review_reason))
