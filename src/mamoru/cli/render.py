"""Rich renderings shared by commands: decisions, records as tables."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Sequence

from mamoru.cli.lazy import lazy
from mamoru.i18n import label as i18n_label
from mamoru.i18n import catalogue, display, t

if TYPE_CHECKING:
    from rich.table import Table

    from mamoru.domain.gate import Decision

rich_table = lazy("rich.table")  # Rich loads when a table is drawn, not at start-up

OUTCOME_STYLE = {"allow": "green", "allow_with_conditions": "yellow", "needs_approval": "magenta", "deny": "red"}


def label(kind: str, value: Any, lang: str) -> str:
    return i18n_label(kind, value, lang)


def decision_table(decision: Decision, lang: str) -> Table:
    style = OUTCOME_STYLE[decision.outcome]
    table = rich_table.Table(title=f"[bold {style}]{t('cli.decision', lang)}: {label('outcome', decision.outcome, lang)}[/]",
                  show_lines=False, expand=False)
    table.add_column(t("cli.col.effect", lang))
    table.add_column(t("cli.col.reason", lang))
    table.add_column(t("cli.col.code", lang), style="dim")
    for reason in decision.reasons:
        table.add_row(f"[{OUTCOME_STYLE[reason.effect]}]{label('outcome', reason.effect, lang)}[/]",
                      reason.messages()[lang], reason.code)
    if not decision.reasons:
        table.add_row("[green]" + label("outcome", "allow", lang) + "[/]", t("cli.no_reasons", lang), "")
    if decision.agreement:
        table.caption = t("cli.under_agreement", lang, agreement=decision.agreement)
    return table


def rows_table(title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], lang: str | None = None) -> Table:
    """A table with headers and title in the reader's language (``risk tier`` → リスク区分) and values as a
    person reads them (はい/いいえ, local time); ``--json`` output keeps the codes."""
    if lang is None:
        from mamoru.cli.state import STATE

        lang = STATE.language
    table = rich_table.Table(title=word(title, lang))
    for header in headers:
        table.add_column(word(header, lang))
    for row in rows:
        table.add_row(*[display(v, lang) for v in row])
    return table


def word(text: str, lang: str) -> str:
    """A column header or table title in ``lang``: its catalogue label when it has one, else as written."""
    key = text.strip().replace(" ", "_").replace(".", "").replace("(", "").replace(")", "").lower()
    for code in (f"cli.h.{key}", f"web.f.{key}", f"field.{key}", f"registry.{key}"):
        if code in catalogue():
            return t(code, lang)
    return text
