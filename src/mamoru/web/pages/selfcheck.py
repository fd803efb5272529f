"""Self-check pages: the history with its trend, one check with its radar chart, answers (mamoru's
with evidence, the user's word marked as such), the trade-secret requirements, PDF and XLSX reports."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from mamoru.domain import selfcheck as rules
from mamoru.errors import MamoruError
from mamoru.i18n import label, local_time
from mamoru.services import selfcheck, selfcheck_report
from mamoru.web.auth import allowed
from mamoru.web.charts import radar, trend
from mamoru.web.context import Auth, acting, lang_of, reading, render
from mamoru.web.pages.reports import _pdf
from mamoru.web.pages.uploads import attachment

router = APIRouter(include_in_schema=False)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/selfcheck")
def history(request: Request, auth: Auth = Depends(allowed("audit"))):
    lang = lang_of(request)
    with reading(request, auth) as ctx:
        rows = selfcheck.history(ctx)
        finals = [c for c in reversed(rows) if c.status == "final"]
        chart = trend([(local_time(c.finalised_at)[:10], (c.scores or {}).get("overall")) for c in finals]) \
            if len(finals) > 0 else ""
        return render(request, "selfcheck/history.html", auth, rows=rows, chart=chart, areas=rules.AREAS,
                      lang=lang)


@router.post("/selfcheck")
async def start(request: Request, auth: Auth = Depends(allowed("self_check"))):
    with acting(request, auth) as ctx:
        check = selfcheck.start(ctx)
    return RedirectResponse(f"/selfcheck/{check.id}", status_code=303)


def _page(request: Request, auth: Auth, check_id: str, status_code: int = 200, **extra):
    lang = lang_of(request)
    with reading(request, auth) as ctx:
        v = selfcheck.view(ctx, check_id)
        chart = radar([label("sc_area", a, lang) for a in rules.AREAS], [v.scores.get(a) for a in rules.AREAS])
        return render(request, "selfcheck/check.html", auth, status_code=status_code, v=v, chart=chart,
                      levels=rules.LEVELS, requirements=rules.TRADE_SECRET,
                      evidence=lambda e: selfcheck_report.evidence_text(e, lang), **extra)


@router.get("/selfcheck/{check_id}")
def check_page(request: Request, check_id: str, auth: Auth = Depends(allowed("audit"))):
    done = request.query_params.get("done")
    flash = None
    if done in ("saved", "finalised"):
        from mamoru.i18n import t

        flash = t("selfcheck.saved" if done == "saved" else "selfcheck.done.finalised", lang_of(request))
    return _page(request, auth, check_id, flash=flash)


@router.post("/selfcheck/{check_id}/answers")
async def answer(request: Request, check_id: str, auth: Auth = Depends(allowed("self_check"))):
    form = await request.form()
    question = str(form.get("question") or "")
    try:
        with acting(request, auth) as ctx:
            selfcheck.answer(ctx, check_id, question, str(form.get("level") or ""), str(form.get("note") or ""))
    except MamoruError as exc:
        return _page(request, auth, check_id, status_code=422, flash=exc.message(lang_of(request)),
                     flash_kind="error")
    anchor = "q-" + "".join(ch if ch.isalnum() else "-" for ch in question)
    return RedirectResponse(f"/selfcheck/{check_id}?done=saved#{anchor}", status_code=303)


@router.post("/selfcheck/{check_id}/finalise")
async def finalise(request: Request, check_id: str, auth: Auth = Depends(allowed("self_check"))):
    try:
        with acting(request, auth) as ctx:
            selfcheck.finalise(ctx, check_id)
    except MamoruError as exc:
        return _page(request, auth, check_id, status_code=409, flash=exc.message(lang_of(request)),
                     flash_kind="error")
    return RedirectResponse(f"/selfcheck/{check_id}?done=finalised", status_code=303)


@router.get("/selfcheck/{check_id}/report.pdf")
def report_pdf(request: Request, check_id: str, auth: Auth = Depends(allowed("audit"))):
    lang = lang_of(request)
    with reading(request, auth) as ctx:
        v = selfcheck.view(ctx, check_id)
        chart = radar([label("sc_area", a, lang) for a in rules.AREAS], [v.scores.get(a) for a in rules.AREAS])
        return _pdf(request, "selfcheck/report.html", auth, f"selfcheck-{v.check.id}.pdf", v=v, chart=chart,
                    requirements=rules.TRADE_SECRET, evidence=lambda e: selfcheck_report.evidence_text(e, lang))


@router.get("/selfcheck/{check_id}/report.xlsx")
def report_xlsx(request: Request, check_id: str, auth: Auth = Depends(allowed("audit"))):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "selfcheck.xlsx"
        with reading(request, auth) as ctx:
            selfcheck_report.write_xlsx(ctx, check_id, path, lang_of(request))
        body = path.read_bytes()
    return Response(body, media_type=XLSX, headers={"Content-Disposition": attachment(f"selfcheck-{check_id}.xlsx"),
                                                    "Cache-Control": "no-store"})
