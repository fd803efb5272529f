"""``mamoru incident``: open a leak incident, move it on, attach a trace result, build the evidence package.

Thin over ``services/incidents.py`` and ``services/evidence.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from mamoru.cli.render import rows_table
from mamoru.cli.state import STATE
from mamoru.i18n import label

incident_app = typer.Typer(help="Leak incidents and evidence packages / 情報漏えい事案と証拠パッケージ",
                           no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(incident_app, name="incident")


@incident_app.command("open")
def open_(title: str = typer.Option(..., help="What happened, in a line."),
          discovered_on: str = typer.Option(..., "--discovered", help="Day it was discovered (YYYY-MM-DD)."),
          confirmed: bool = typer.Option(False, "--confirmed/--suspected", help="Leak confirmed or only suspected."),
          found: str = typer.Option("", help="What turned up (e.g. a competitor's catalogue)."),
          where: str = typer.Option("", help="Where and how it turned up."),
          leak_from: Optional[str] = typer.Option(None, help="Earliest day the leak may have started."),
          partner: List[str] = typer.Option([], "--partner", "-p", help="Suspected partner (repeat)."),
          customer: List[str] = typer.Option([], "--customer", help="Affected customer to tell (repeat)."),
          tech: List[str] = typer.Option([], "--tech", help="Technology (repeat)."),
          element: List[str] = typer.Option([], "--element", "-e", help="Knowledge element (repeat)."),
          disclosure: List[str] = typer.Option([], "--disclosure", "-d", help="Disclosure number (repeat).")) -> None:
    """Open an incident; its obligations follow from the policy (section ``incidents``)."""
    from mamoru.services import incidents

    with STATE.act() as ctx:
        incident, made = incidents.open_incident(
            ctx, title, discovered_on, "confirmed" if confirmed else "suspected", found, where, leak_from,
            partner, customer, tech, element, disclosure)
        data = {"number": incident.number, "obligations": [{"id": o.id, "kind": o.kind, "due_on": str(o.due_on)}
                                                           for o in made]}
    lang = STATE.language
    lines = [STATE.t("incident.opened", number=data["number"], count=len(made))]
    lines += [f"  #{o['id']} {label('obligation', o['kind'], lang)} ({o['due_on']})" for o in data["obligations"]]
    STATE.emit(data, text="\n".join(lines))


@incident_app.command("list")
def list_(status: Optional[str] = typer.Option(None, help="suspected|confirmed|closed")) -> None:
    """Incidents, newest first."""
    from mamoru.services import incidents

    lang = STATE.language
    with STATE.read() as ctx:
        rows = [{"number": i.number, "status": i.status, "title": i.title, "discovered_on": str(i.discovered_on),
                 "partners": [p.code for p in i.partners]} for i in incidents.list_incidents(ctx, status)]
    STATE.emit(rows, rows_table(STATE.t("incident.title_list"), [
        STATE.t("incident.f.number"), STATE.t("incident.f.status"), STATE.t("incident.f.discovered_on"),
        STATE.t("incident.f.partners"), STATE.t("incident.f.title")],
        [(r["number"], label("incident_status", r["status"], lang), r["discovered_on"], ", ".join(r["partners"]),
          r["title"]) for r in rows]))


@incident_app.command("show")
def show(number: str) -> None:
    """One incident: what it touches, its obligations and attached traces."""
    from mamoru.services import incidents

    lang = STATE.language
    with STATE.read() as ctx:
        incident = incidents.get(ctx, number)
        data = incidents.describe(incident)
        data["obligations"] = [{"id": o.id, "kind": o.kind, "partner": o.partner.code if o.partner else None,
                                "due_on": str(o.due_on), "status": o.status}
                               for o in incidents.obligations_of(ctx, incident)]
    facts = [(STATE.t("incident.f.number"), data["number"]),
             (STATE.t("incident.f.status"), label("incident_status", data["status"], lang)),
             (STATE.t("incident.f.title"), data["title"]), (STATE.t("incident.f.found"), data["found"]),
             (STATE.t("incident.f.found_where"), data["found_where"]),
             (STATE.t("incident.f.discovered_on"), data["discovered_on"]),
             (STATE.t("incident.f.leak_from"), data["leak_from"] or "-"),
             (STATE.t("incident.f.partners"), ", ".join(data["partners"])),
             (STATE.t("incident.f.customers"), ", ".join(data["customers"])),
             (STATE.t("incident.f.elements"), ", ".join(data["elements"])),
             (STATE.t("incident.f.disclosures"), ", ".join(data["disclosures"])),
             (STATE.t("incident.traces"), ", ".join(f"{tr['source_name']} ({tr['sha256'][:12]})" for tr in data["traces"]))]
    table = rows_table(STATE.t("incident.detail", number=data["number"]), ["", ""], facts)
    obs = rows_table(STATE.t("incident.obligations"), ["#", STATE.t("incident.f.why"), STATE.t("incident.f.partner"),
                                                       STATE.t("evidence.pdf.due"), STATE.t("incident.f.status")],
                     [(o["id"], label("obligation", o["kind"], lang), o["partner"] or "", o["due_on"],
                       label("status", o["status"], lang)) for o in data["obligations"]])
    if STATE.json:
        STATE.emit(data)
    else:
        STATE.console.print(table)
        STATE.console.print(obs)


@incident_app.command("confirm")
def confirm(number: str, on: Optional[str] = None, note: str = "") -> None:
    """The leak is confirmed (may call for a report to the police / METI)."""
    _move(number, "confirmed", on, note)


@incident_app.command("close")
def close(number: str, resolution: str = typer.Option(..., help="How it ended (required)."),
          on: Optional[str] = None) -> None:
    """Close an incident with its resolution."""
    _move(number, "closed", on, resolution)


def _move(number: str, to: str, on: Optional[str], note: str) -> None:
    from mamoru.services import incidents

    with STATE.act() as ctx:
        incident, made = incidents.change_status(ctx, number, to, on, note)
        data = {"number": incident.number, "status": incident.status, "obligations": [o.kind for o in made]}
    STATE.emit(data, text=STATE.t("incident.status_changed", number=number,
                                  status=label("incident_status", to, STATE.language)))


@incident_app.command("attach-trace")
def attach_trace(number: str, path: Path = typer.Argument(..., exists=True, dir_okay=False)) -> None:
    """Attach a trace result (a JSON file, e.g. from ``mamoru trace``) to the incident."""
    from mamoru.services import incidents

    result = incidents.parse_trace(path.read_bytes())
    with STATE.act() as ctx:
        row = incidents.attach_trace(ctx, number, result, path.name)
        data = {"trace": row.id, "sha256": row.sha256}
    STATE.emit(data, text=STATE.t("incident.trace_attached", sha256=data["sha256"]))


@incident_app.command("package")
def package(number: str, out: Path = typer.Option(Path("."), "--out", "-o", help="Folder for the zip and the PDF.")) -> None:
    """Build the evidence package (zip + PDF summary) for a lawyer or investigator; audited."""
    from mamoru.services import evidence

    with STATE.act() as ctx:
        built = evidence.build(ctx, number, out.resolve())
    data = {"zip": str(built.zip_path), "pdf": str(built.pdf_path), "files": list(built.files),
            "manifest_sha256": built.manifest_sha256}
    STATE.emit(data, text=STATE.t("incident.package_written", zip=data["zip"], pdf=data["pdf"],
                                  files=len(built.files), sha256=built.manifest_sha256))
