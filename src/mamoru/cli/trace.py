"""``mamoru trace FILE`` / ``mamoru trace --text -``: which partner a found document came from.

Thin over ``mamoru.services.trace``; prints the verdict, the ranked partners and every piece
of evidence (or JSON with ``--json``, the same dict the API returns).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from mamoru.cli.lazy import lazy
from mamoru.cli.render import rows_table
from mamoru.cli.state import STATE
from mamoru.errors import InvalidInput

svc = lazy("mamoru.services.trace")
present = lazy("mamoru.trace.present")


def register(app: typer.Typer) -> None:
    app.command("trace")(trace)


def trace(
    file: Optional[Path] = typer.Argument(None, help="Document found outside (.txt .md .csv .docx .xlsx .pdf)"),
    text: Optional[str] = typer.Option(None, "--text", help="Excerpt to trace; '-' reads it from standard input"),
) -> None:
    """Rank the partners a found document or excerpt could have come from, with the evidence / 流出元の推定."""
    if (file is None) == (text is None):
        raise InvalidInput("trace.cli.text_or_file")
    with STATE.act() as ctx:
        if file is not None:
            result = svc.trace_file(ctx, file)
        else:
            excerpt = sys.stdin.read() if text == "-" else text
            result = svc.trace_text(ctx, excerpt, "stdin" if text == "-" else "--text")
    data = result.as_dict()
    if STATE.json:
        STATE.emit(data)
        return
    shown = present.view(data, STATE.language)
    t = STATE.t
    STATE.console.print(t("trace.verdict_line", verdict=shown["verdict"], source=shown["source"],
                          characters=shown["characters"]))
    STATE.console.print(shown["reason"])
    if not shown["candidates"]:
        STATE.console.print(t("trace.none_row"))
        return
    headers = [t(f"trace.col.{k}") for k in ("rank", "partner", "score", "strength", "kind", "value", "control",
                                             "disclosure", "when")]
    rows = []
    for c in shown["candidates"]:
        for i, e in enumerate(c["evidence"]):
            first = i == 0
            rows.append((c["rank"] if first else "", f"{c['partner']} {c['name']}" if first else "",
                         c["score"] if first else "", c["strength"] if first else "", e["kind"], e["value"],
                         e["control"], e["disclosure"] or "-", e["when"]))
    STATE.console.print(rows_table(t("trace.title"), headers, rows))
