"""The outgoing-document guard in the browser: upload, see findings and the gate, download the safe copy.

Thin over ``services.guard``, which applies need-to-know (the signed-in viewer is passed
to every call). Work runs off the event loop: a small file is scanned in the thread pool
and answered at once; a large one becomes a job whose progress the page polls (htmx),
and whose findings are summarised (counts by kind and element) and paged. A redaction's
download is built before its record commits, so nothing can fail after the commit.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from mamoru.errors import InvalidInput, MamoruError
from mamoru.i18n import t
from mamoru.services import guard, partners
from mamoru.services.authz import Forbidden
from mamoru.web.auth import allowed
from mamoru.web.context import Auth, acting, lang_of, reading, render
from mamoru.web.pages import jobs
from mamoru.web.pages.uploads import attachment, receive

router = APIRouter(include_in_schema=False)
INLINE_BYTES = 256 * 1024  # smaller files are scanned while the request waits (in the thread pool)
PAGE = 200  # findings per page
FIELDS = ("partner", "purpose", "mode", "condition_mode", "staged_plan")


def _choices(request: Request, auth: Auth) -> list[tuple[str, str]]:
    with reading(request, auth) as ctx:
        return [(p.code, f"{p.code} {p.name}") for p in partners.list_partners(ctx)]


def _page(request: Request, auth: Auth, status_code: int = 200, **extra):
    return render(request, "guard.html", auth, status_code=status_code, partners=_choices(request, auth), **extra)


@router.get("/guard")
def guard_page(request: Request, auth: Auth = Depends(allowed("disclose"))):
    return _page(request, auth, values={})


def _decision(decision) -> dict[str, Any] | None:
    if decision is None:
        return None
    data = decision.as_dict()
    return {"outcome": data["outcome"], "reasons": [{"effect": r["effect"], "message": r["message"]}
                                                    for r in data["reasons"]]}


def _kind_key(f) -> str:
    if f.kind in ("term", guard.RESTRICTED) or f.condition is None:
        return f.kind
    return f.condition.kind


def _result(report: guard.ScanReport, lang: str) -> dict[str, Any]:
    """Everything the page shows, as plain data (kept in a job's state between polls)."""
    by_kind: dict[str, int] = {}
    by_element: dict[str, int] = {}
    rows = []
    for f in report.result.findings:
        key = _kind_key(f)
        by_kind[key] = by_kind.get(key, 0) + 1
        for code in f.element_codes:
            by_element[code] = by_element.get(code, 0) + 1
        rows.append({"location": f.location.label(lang), "kind": t(f"guard.kind.{key}", lang), "text": f.text,
                     "elements": ", ".join(f.element_codes), "rank": f.rank})
    return {
        "findings": rows, "restricted": report.restricted,
        "by_kind": sorted(((t(f"guard.kind.{k}", lang), n) for k, n in by_kind.items()), key=lambda x: -x[1]),
        "by_element": sorted(by_element.items(), key=lambda x: (-x[1], x[0])),
        "plain": _decision(report.plain), "redacted": _decision(report.redacted),
        "standing": _decision(report.standing),
    }


def _store(job: jobs.Job, result: dict[str, Any]) -> dict[str, Any]:
    """Keep the findings in the job's folder, one file per page; the state keeps the summary only."""
    rows = result.pop("findings")
    for number, first in enumerate(range(0, len(rows), PAGE), start=1):
        (job.folder / f"findings-{number}.json").write_text(json.dumps(rows[first:first + PAGE], ensure_ascii=False),
                                                            encoding="utf-8")
    return {**result, "count": len(rows), "per_page": PAGE}


def _paged(job_id: str, result: dict[str, Any], page: int) -> dict[str, Any]:
    count, per_page = result["count"], result.get("per_page", PAGE)
    pages = max(1, -(-count // per_page))
    page = min(max(1, page), pages)
    first = (page - 1) * per_page
    rows = jobs.read_part(job_id, f"findings-{page}.json") if count else []
    return {**result, "findings": rows, "count": count, "page": page, "pages": pages,
            "first": first + 1 if count else 0, "last": min(first + per_page, count)}


def _scan(request: Request, auth: Auth, source: Path, values: dict[str, str], lang: str,
          progress=None) -> dict[str, Any]:
    with reading(request, auth) as ctx:
        report = guard.scan(ctx, source, values["partner"], values["condition_mode"] or "mask", progress=progress)
        return _result(report, lang)


@router.post("/guard")
async def guard_submit(request: Request, auth: Auth = Depends(allowed("disclose"))):
    form = await request.form()
    upload = form.get("file")
    values = {k: str(form.get(k, "") or "") for k in FIELDS}
    lang = lang_of(request)
    if not upload or not getattr(upload, "filename", ""):
        return _page(request, auth, 422, values=values,
                     error=InvalidInput("input.required", field="file").message(lang))
    name = ""
    try:
        if values["mode"] == "redact":
            with tempfile.TemporaryDirectory() as folder:
                source = await receive(upload, Path(folder))
                name = source.name
                return await run_in_threadpool(_redact, request, auth, source, values,
                                               bool(form.get("accept_conditions")))
        job = jobs.new(auth.viewer.username)
        source = await receive(upload, job.folder)
        name = source.name
        if source.stat().st_size <= INLINE_BYTES:
            try:
                result = await run_in_threadpool(_scan, request, auth, source, values, lang)
            finally:
                source.unlink(missing_ok=True)
            result = _store(job, {"file": name, **result})
            job.write(state="done", result=result)  # later pages come from the job
            return _page(request, auth, values=values, file=name, scan=_paged(job.id, result, 1),
                         job={"id": job.id, "state": "done"})

        def work(job: jobs.Job) -> dict[str, Any]:
            def progress(characters: int, findings: int) -> None:
                job.write(state="running", file=name, progress={"characters": characters, "findings": findings})
            try:
                return _store(job, {"file": name, **_scan(request, auth, source, values, lang, progress)})
            finally:
                source.unlink(missing_ok=True)

        jobs.start(job, work, lambda exc: exc.message(lang))
        return _page(request, auth, values=values, file=name, job={"id": job.id, "state": "running", "progress": {}})
    except MamoruError as exc:
        decision = getattr(exc, "decision", None)
        status = 403 if isinstance(exc, Forbidden) else 422
        return _page(request, auth, status, values=values, file=name, error=exc.message(lang),
                     refusal=_decision(decision))


def _redact(request: Request, auth: Auth, source: Path, values: dict[str, str], accept: bool) -> Response:
    """Record and build the download inside one unit of work; the response exists before the commit."""
    with acting(request, auth) as ctx:
        row, body = guard.redact_copy(ctx, source, values["partner"], values["purpose"],
                                      condition_mode=values["condition_mode"] or "mask",
                                      accept_conditions=accept, staged_plan=values["staged_plan"])
        response = Response(body, media_type="application/octet-stream", headers={
            "Content-Disposition": attachment(f"{source.stem}.safe{source.suffix}"),
            "X-Mamoru-Control-Number": row.control_number,
            "Cache-Control": "no-store",
        })
    return response


@router.get("/guard/jobs/{job_id}")
def guard_job(request: Request, job_id: str, page: int = 1, auth: Auth = Depends(allowed("disclose"))):
    """The job's progress, or its summarised, paged findings once done (an htmx fragment)."""
    state = jobs.read(job_id, auth.viewer.username)
    context: dict[str, Any] = {"job": {"id": job_id, **state}}
    if state["state"] == "done":
        context["scan"] = _paged(job_id, state["result"], page)
        context["file"] = state["result"].get("file", "")
    return render(request, "_guard_result.html", auth, **context)
