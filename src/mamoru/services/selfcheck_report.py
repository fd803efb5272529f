"""The self-check as a workbook an auditor can follow: a summary with the radar chart, every answer
with its basis (mamoru's records, with the evidence, or the user's word), and the trade secrets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mamoru.domain import selfcheck as rules
from mamoru.i18n import label, local_time, t
from mamoru.services.selfcheck import view
from mamoru.services.uow import Context


def evidence_text(evidence: dict, lang: str) -> str:
    return t(evidence["code"], lang, **evidence.get("params", {})) if evidence.get("code") else ""


def _clean(values: list[Any]) -> list[Any]:
    """Cells as a worksheet can hold them: control characters (which a name may carry) dropped."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in values]


def write_xlsx(ctx: Context, check_id: Any, path: Path, lang: str = "ja") -> Path:
    from openpyxl import Workbook
    from openpyxl.chart import RadarChart, Reference
    from openpyxl.styles import Alignment, Font

    v = view(ctx, check_id)
    book = Workbook()
    summary = book.active
    summary.title = t("selfcheck.sheet.summary", lang)
    summary.append([t("selfcheck.report_title", lang)])
    summary["A1"].font = Font(bold=True, size=14)
    summary.append([t("selfcheck.number", lang, id=v.check.id), label("selfcheck.status", v.check.status, lang)])
    summary.append([t("selfcheck.started", lang, when=local_time(v.check.started_at), who=v.check.started_by)])
    if v.check.finalised_at:
        summary.append([t("selfcheck.finalised", lang, when=local_time(v.check.finalised_at), who=v.check.finalised_by)])
    summary.append([t("selfcheck.answered", lang, **{k: v.scores.get(k, 0) for k in ("answered", "by_mamoru",
                                                                                      "unanswered")})])
    summary.append([])
    summary.append([t("selfcheck.area", lang), t("selfcheck.score", lang)])
    first = summary.max_row + 1
    for area in rules.AREAS:
        share = v.scores.get(area)
        summary.append([label("sc_area", area, lang), None if share is None else round(share * 100, 1)])
    last = summary.max_row
    summary.append([t("selfcheck.overall", lang), None if v.scores.get("overall") is None
                    else round(v.scores["overall"] * 100, 1)])
    chart = RadarChart()
    chart.title = t("selfcheck.radar", lang)
    chart.add_data(Reference(summary, min_col=2, min_row=first - 1, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(summary, min_col=1, min_row=first, max_row=last))
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 100
    summary.add_chart(chart, "D2")
    summary.append([])
    summary.append([t("selfcheck.report_note", lang)])
    summary.column_dimensions["A"].width = 40

    answers = book.create_sheet(t("selfcheck.sheet.answers", lang))
    answers.append([t(k, lang) for k in ("selfcheck.area", "selfcheck.question", "selfcheck.answer",
                                         "selfcheck.source", "selfcheck.evidence", "selfcheck.note",
                                         "selfcheck.cites")])
    for area, rows in v.areas.items():
        for r in rows:
            answers.append(_clean([label("sc_area", area, lang), t(f"sc_q.{r.question}", lang),
                                   label("level", r.level, lang) if r.level else t("selfcheck.unanswered", lang),
                                   t(f"selfcheck.source.{r.source}", lang), evidence_text(r.evidence, lang), r.note,
                                   r.cites]))
    for column, width in zip("ABCDEFG", (16, 60, 14, 24, 60, 30, 22)):
        answers.column_dimensions[column].width = width
    for row in answers.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    secrets = book.create_sheet(t("selfcheck.sheet.trade_secret", lang))
    secrets.append([t("selfcheck.technology", lang)] + [label("ts_req", req, lang) for req in rules.TRADE_SECRET])
    for tech, rows in v.trade_secrets:
        secrets.append(_clean([f"{tech.code} {tech.name}"] + [
            (label("level", rows[req].level, lang) if rows[req].level else t("selfcheck.unanswered", lang))
            + f"（{t('selfcheck.source.' + rows[req].source, lang)}）" for req in rules.TRADE_SECRET]))
    secrets.column_dimensions["A"].width = 36
    book.save(path)
    return path
