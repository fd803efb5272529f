"""The self-check over the API (``/api/v1/selfcheck``): history, start, answers, finalise, workbook."""

from __future__ import annotations

import tempfile
from pathlib import Path as FilePath
from typing import Annotated, Literal

from fastapi import Depends, Path, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from mamoru.api.common import MAX_ID, Auth, acting, allowed, reading, router
from mamoru.services import selfcheck, selfcheck_report

routes = router(prefix="/selfcheck", tags=["self-check"])
IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]


class AnswerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question: Annotated[str, Field(min_length=1, max_length=120)]
    level: Literal["yes", "partly", "no", "na"]
    note: Annotated[str, Field(max_length=2000)] = ""


def _check(c) -> dict:
    return {"id": c.id, "status": c.status, "started_by": c.started_by, "started_at": c.started_at.isoformat(),
            "finalised_by": c.finalised_by, "finalised_at": c.finalised_at.isoformat() if c.finalised_at else None,
            "scores": c.scores}


def _row(r) -> dict:
    return {"question": r.question, "level": r.level, "source": r.source, "evidence": r.evidence, "note": r.note,
            "answered_by": r.answered_by, "cites": r.cites}


@routes.get("", summary="Every self-check, newest first, with its scores")
def history(request: Request, auth: Auth = Depends(allowed("audit"))):
    with reading(request, auth) as ctx:
        return {"items": [_check(c) for c in selfcheck.history(ctx)]}


@routes.post("", status_code=201, summary="Start a self-check; mamoru answers what its records can, with evidence")
def start(request: Request, auth: Auth = Depends(allowed("self_check"))):
    with acting(request, auth) as ctx:
        check = selfcheck.start(ctx)
        return {**_check(check), "url": f"/selfcheck/{check.id}"}


@routes.get("/{check_id}", summary="One self-check: answers by area and the trade-secret requirements")
def get(request: Request, check_id: IdPath, auth: Auth = Depends(allowed("audit"))):
    with reading(request, auth) as ctx:
        v = selfcheck.view(ctx, check_id)
        return {**_check(v.check), "areas": {a: [_row(r) for r in rows] for a, rows in v.areas.items()},
                "trade_secrets": [{"technology": t.code, "requirements": {k: _row(r) for k, r in reqs.items()}}
                                  for t, reqs in v.trade_secrets]}


@routes.post("/{check_id}/answers", summary="Answer one question (the user's word replaces mamoru's answer)")
def answer(request: Request, check_id: IdPath, body: AnswerIn, auth: Auth = Depends(allowed("self_check"))):
    with acting(request, auth) as ctx:
        row = selfcheck.answer(ctx, check_id, body.question, body.level, body.note)
        return {"question": row.question, "level": row.level, "source": row.source, "note": row.note}


@routes.post("/{check_id}/finalise", summary="Make the check final; its scores become history")
def finalise(request: Request, check_id: IdPath, auth: Auth = Depends(allowed("self_check"))):
    with acting(request, auth) as ctx:
        return _check(selfcheck.finalise(ctx, check_id))


@routes.get("/{check_id}/report.xlsx", summary="The self-check as a workbook an auditor can follow")
def report(request: Request, check_id: IdPath, lang: Literal["ja", "en"] = "ja", auth: Auth = Depends(allowed("audit"))):
    with tempfile.TemporaryDirectory() as folder:
        path = FilePath(folder) / "selfcheck.xlsx"
        with reading(request, auth) as ctx:
            selfcheck_report.write_xlsx(ctx, check_id, path, lang)
        body = path.read_bytes()
    return Response(body, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f'attachment; filename="selfcheck-{check_id}.xlsx"'})
