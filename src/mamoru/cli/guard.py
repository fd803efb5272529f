"""``mamoru guard``: scan and sanitise outgoing documents, keep the codebook.

Thin over ``mamoru.services.guard``: options in, services called, results shown as
Rich tables or JSON. The code-name mapping is never printed by scan/redact.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from mamoru.cli.render import decision_table, rows_table
from mamoru.cli.state import STATE
from mamoru.errors import MamoruError
from mamoru.cli.lazy import lazy

svc = lazy("mamoru.services.guard")
rich_progress = lazy("rich.progress")
# mamoru.guard.models.CATEGORIES, spelled out so that --help does not load the ORM models (tests/test_cli.py)
CATEGORIES = ("material", "supplier", "equipment", "process", "jargon", "other")

guard_app = typer.Typer(help="Outgoing-document guard / 社外送付文書のチェック・サニタイズ", no_args_is_help=True)
codebook_app = typer.Typer(help="Codebook of sensitive terms / コードブック", no_args_is_help=True)
guard_app.add_typer(codebook_app, name="codebook")


def register(app: typer.Typer) -> None:
    app.add_typer(guard_app, name="guard")


def _kind(finding) -> str:
    key = finding.kind if finding.kind in ("term", "restricted") or finding.condition is None \
        else finding.condition.kind
    return STATE.t(f"guard.kind.{key}")


def _finding_data(f) -> dict:
    return {
        "location": f.location.label(STATE.language), "kind": f.kind,
        "condition": f.condition.kind if f.condition else None, "text": f.text,
        "elements": list(f.element_codes), "rank": f.rank,
    }


def _spinner(label: str):
    progress = rich_progress.Progress(rich_progress.SpinnerColumn(), rich_progress.TextColumn("{task.description}"), transient=True, console=STATE.err,
                        disable=STATE.json)
    progress.add_task(label, total=None)
    return progress


@guard_app.command("scan")
def scan(
    file: Path = typer.Argument(..., help="Document to check (.txt .md .csv .docx .xlsx .pdf)"),
    to: str = typer.Option(..., "--to", help="Partner code / 取引先コード"),
) -> None:
    """List every finding with its location, element and rank, and what the gate would say."""
    with STATE.read() as ctx, _spinner(file.name):
        report = svc.scan(ctx, file, to)
    findings = report.result.findings
    terms = sum(1 for f in findings if f.kind == "term")
    data = {
        "file": str(file), "partner": report.partner, "findings": [_finding_data(f) for f in findings],
        "elements": report.elements,
        "gate": {"plain": report.plain.as_dict() if report.plain else None,
                 "redacted": report.redacted.as_dict() if report.redacted else None,
                 "standing": report.standing.as_dict() if report.standing else None},
    }
    if STATE.json:
        STATE.emit(data)
        return
    t = STATE.t
    if not findings:
        STATE.console.print(t("guard.cli.none"))
    else:
        rows = [(f.location.label(STATE.language), _kind(f), f.text, ", ".join(f.element_codes) or "-",
                 "-" if f.rank is None else f.rank) for f in findings]
        headers = [t(f"guard.cli.col.{k}") for k in ("location", "kind", "text", "element", "rank")]
        title = t("guard.cli.findings", count=len(findings), terms=terms, conditions=len(findings) - terms)
        STATE.console.print(rows_table(title, headers, rows))
    if report.plain is None:
        STATE.console.print(t("guard.cli.no_elements"))
        STATE.console.print(decision_table(report.standing, STATE.language))
        return
    for key, decision in (("guard.cli.gate_plain", report.plain), ("guard.cli.gate_redacted", report.redacted)):
        STATE.console.print(f"[bold]{t(key)}[/]")
        STATE.console.print(decision_table(decision, STATE.language))


@guard_app.command("redact")
def redact(
    file: Path = typer.Argument(..., help="Document to sanitise (.txt .md .csv .docx .xlsx)"),
    to: str = typer.Option(..., "--to", help="Partner code / 取引先コード"),
    out: Path = typer.Option(..., "-o", "--out", help="Sanitised copy to write (same extension)"),
    purpose: str = typer.Option(..., help="Why it is sent / 開示目的"),
    mode: str = typer.Option("mask", help="Conditions: mask ([条件秘匿]) or band (1200℃台)"),
    accept_conditions: bool = typer.Option(False, help="Confirm the gate's conditions will be followed."),
    staged_plan: str = typer.Option("", help="Staged disclosure plan (rank 3)."),
    force: bool = typer.Option(False, help="Replace an existing output file."),
    approved: Optional[str] = typer.Option(None, help="Approved disclosure number (D-...) when the gate needs approval."),
) -> None:
    """Write a sanitised, marked copy and record the disclosure; refuses when the gate says no."""
    with STATE.act() as ctx, _spinner(file.name):
        row = svc.redact(ctx, file, to, out, purpose, condition_mode=mode, accept_conditions=accept_conditions,
                         staged_plan=staged_plan, overwrite=force, approved=approved)
        number = row.disclosure.number if row.disclosure else None
    if not out.exists():  # recorded, but the move out of the spool failed (logged): say so
        raise MamoruError("guard.output.failed", path=str(out), detail="recorded as " + row.control_number)
    data = {"output": str(out), "control_number": row.control_number, "output_sha256": row.output_sha256,
            "disclosure": number, "summary": row.summary}
    lines = [STATE.t("guard.cli.redacted", path=out, control=row.control_number, sha=row.output_sha256)]
    if number:
        lines.append(STATE.t("guard.cli.recorded", number=number))
    STATE.emit(data, text="\n".join(lines))


@codebook_app.command("list")
def codebook_list(technology: Optional[str] = typer.Option(None, "--technology", "-t")) -> None:
    """Active terms with their element, rank and code name (internal: contains the mapping)."""
    with STATE.read() as ctx:
        rows = [svc.describe_term(r) for r in svc.list_terms(ctx, technology)]
    t = STATE.t
    headers = [t(f"guard.cli.col.{k}") for k in ("technology", "term", "element", "rank", "category", "code_name")]
    table = rows_table(t("guard.cli.codebook"), headers,
                       [(r["technology"], r["term"], r["element"], r["rank"], r["category"], r["code_name"])
                        for r in rows])
    STATE.emit(rows, table)


@codebook_app.command("add")
def codebook_add(
    technology: str, term: str, element: str = typer.Option(..., "--element", "-e"),
    category: str = typer.Option("other", help="|".join(CATEGORIES)),
    code_name: Optional[str] = typer.Option(None, help="Explicit code name (default: next free, e.g. M-001)"),
) -> None:
    """Add a term to a technology's codebook."""
    with STATE.act() as ctx:
        row = svc.add_term(ctx, technology, term, element, category, code_name)
        data = svc.describe_term(row)
    STATE.emit(data, text=STATE.t("guard.cli.term_added", term=row.term, code_name=row.code_name))


@codebook_app.command("retire")
def codebook_retire(code_name: str) -> None:
    """Stop matching a term (it stays on record)."""
    with STATE.act() as ctx:
        svc.retire_term(ctx, code_name)
    STATE.emit({"retired": code_name}, text=STATE.t("guard.cli.term_retired", code_name=code_name))


@codebook_app.command("scope")
def codebook_scope(technology: str, scope: str = typer.Argument(..., help="global | partner")) -> None:
    """Code names the same for every partner (global) or separate per partner."""
    with STATE.act() as ctx:
        svc.set_scope(ctx, technology, scope)
    STATE.emit({"technology": technology, "scope": scope},
               text=STATE.t("guard.cli.scope_set", technology=technology, scope=scope))


@codebook_app.command("import")
def codebook_import(file: Path = typer.Argument(..., exists=True, dir_okay=False)) -> None:
    """Import terms from XLSX (sheet "codebook"): all rows or none."""
    with STATE.act() as ctx:
        added = svc.import_codebook(ctx, file)
        data = [svc.describe_term(r) for r in added]
    STATE.emit(data, text=STATE.t("guard.codebook.imported", count=len(added)))


@codebook_app.command("export")
def codebook_export(file: Path, technology: Optional[str] = typer.Option(None, "--technology", "-t")) -> None:
    """Export the codebook to XLSX (internal: contains the mapping)."""
    with STATE.read() as ctx:
        count = svc.export_codebook(ctx, file, technology, STATE.language)
    STATE.emit({"exported": count, "path": str(file)}, text=STATE.t("guard.cli.exported", count=count, path=file))
