"""``mamoru selfcheck``: start a self-check, answer it, make it final, write its reports."""

from __future__ import annotations

from pathlib import Path

import typer

from mamoru.cli.render import rows_table
from mamoru.cli.state import STATE
from mamoru.i18n import label

selfcheck_app = typer.Typer(help="Self-check of technology-information management / 技術情報管理の自己点検",
                            no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(selfcheck_app, name="selfcheck")


def _pct(value) -> str:
    return "-" if value is None else f"{value * 100:.0f}%"


@selfcheck_app.command("start")
def start() -> None:
    """Start a self-check; mamoru answers what its records can, with the evidence."""
    from mamoru.services import selfcheck

    with STATE.act() as ctx:
        check = selfcheck.start(ctx)
        data = {"id": check.id, "scores": check.scores}
    STATE.emit(data, text=STATE.t("selfcheck.cli.started", id=data["id"], **{k: data["scores"].get(k, 0) for k in (
        "answered", "by_mamoru", "unanswered")}))


@selfcheck_app.command("show")
def show(check_id: int) -> None:
    """Every answer with its basis and evidence."""
    from mamoru.services import selfcheck, selfcheck_report

    lang = STATE.language
    with STATE.read() as ctx:
        v = selfcheck.view(ctx, check_id)
        rows = [(label("sc_area", r.area, lang), STATE.t(f"sc_q.{r.question}"),
                 label("level", r.level, lang) if r.level else STATE.t("selfcheck.unanswered"),
                 STATE.t(f"selfcheck.source.{r.source}"), selfcheck_report.evidence_text(r.evidence, lang))
                for rows_ in v.areas.values() for r in rows_]
        data = {"id": v.check.id, "status": v.check.status, "scores": v.scores,
                "answers": [{"question": r.question, "level": r.level, "source": r.source, "evidence": r.evidence}
                            for rows_ in v.areas.values() for r in rows_]}
    headers = [STATE.t(k) for k in ("selfcheck.area", "selfcheck.question", "selfcheck.answer", "selfcheck.source",
                                    "selfcheck.evidence")]
    STATE.emit(data, table=rows_table(f"{STATE.t('selfcheck.number', id=check_id)} · {STATE.t('selfcheck.overall')} "
                                      f"{_pct(data['scores'].get('overall'))}", headers, rows))


@selfcheck_app.command("answer")
def answer(check_id: int, question: str, level: str = typer.Argument(..., help="yes | partly | no | na"),
           note: str = typer.Option("", "--note")) -> None:
    """Answer one question (e.g. people.training, or ts.T-SINTER.not_public)."""
    from mamoru.services import selfcheck

    with STATE.act() as ctx:
        row = selfcheck.answer(ctx, check_id, question, level, note)
        data = {"question": row.question, "level": row.level}
    STATE.emit(data, text=STATE.t("selfcheck.saved"))


@selfcheck_app.command("finalise")
def finalise(check_id: int) -> None:
    """Make the check final: its scores become history."""
    from mamoru.services import selfcheck

    with STATE.act() as ctx:
        check = selfcheck.finalise(ctx, check_id)
        data = {"id": check.id, "scores": check.scores}
    STATE.emit(data, text=f"{STATE.t('selfcheck.done.finalised')} ({STATE.t('selfcheck.overall')} "
                          f"{_pct(data['scores'].get('overall'))})")


@selfcheck_app.command("report")
def report(check_id: int, out: Path = typer.Argument(..., help="The workbook to write (.xlsx)")) -> None:
    """Write the report workbook (summary with radar chart, answers, trade secrets)."""
    from mamoru.services import selfcheck_report

    with STATE.read() as ctx:
        selfcheck_report.write_xlsx(ctx, check_id, out, STATE.language)
    STATE.emit({"file": str(out)}, text=str(out))
