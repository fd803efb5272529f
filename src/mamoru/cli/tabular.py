"""Import and export commands for the registers (XLSX / CSV)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from mamoru.cli.state import STATE
from mamoru.cli.lazy import lazy

tabular = lazy("mamoru.services.tabular")


def register(app: typer.Typer) -> None:
    app.command("import")(import_cmd)
    app.command("export")(export_cmd)


def import_cmd(file: Path, kind: Optional[str] = typer.Option(None, help="For CSV: technologies|elements|partners|agreements."),
               update: bool = typer.Option(False, help="Update technologies, elements and partners that exist.")) -> None:
    """Import registers from XLSX (sheets technologies/elements/partners/agreements) or one CSV; all or nothing."""
    changes: list = []
    with STATE.act() as ctx:
        counts = tabular.import_file(ctx, file, kind, update, changes=changes)
    states = {s: sum(1 for c in changes if c.state == s) for s in ("new", "changed", "unchanged")}
    lines = [STATE.t("import.done", file=file.name, count=sum(counts.values())), STATE.t("import.summary", **states)]
    lines += ["  " + c.text(STATE.language) for c in changes if c.state == "changed"]
    STATE.emit(counts, text="\n".join(lines))


def export_cmd(file: Path, kind: Optional[str] = typer.Option(None, help="For CSV: which registry.")) -> None:
    """Export the registers to XLSX (all sheets) or one registry to CSV."""
    with STATE.read() as ctx:
        counts = tabular.export_file(ctx, file, kind, lang=STATE.language)
    STATE.emit(counts, text=f"{file}：" + "、".join(f"{_registry(k)} {n}" for k, n in counts.items()))


def _registry(name: str) -> str:
    from mamoru.i18n import registry_label

    text = registry_label(name)
    return text[STATE.language] if isinstance(text, dict) else name
