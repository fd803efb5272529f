"""Import with a preview that shows every error before anything is written; export to XLSX/CSV.

Uploads over the limit are refused whole (``uploads.receive``); parsing and checking run in
the thread pool so that other pages keep answering meanwhile.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Request, UploadFile
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from mamoru import limits

from mamoru.errors import InvalidInput, MamoruError
from mamoru.i18n import registry_label
from mamoru.i18n import t as tr
from mamoru.services import tabular
from mamoru.web.auth import allowed
from mamoru.web.context import Auth, acting, lang_of, reading, render
from mamoru.web.pages import jobs
from mamoru.web.pages.uploads import attachment, receive

router = APIRouter(include_in_schema=False)
MAX_IMPORT = 20 * limits.MB  # registers are small; a larger file is a mistake
INLINE_BYTES = 128 * 1024  # smaller files are checked while the request waits (in the thread pool)
MAX_ERRORS = 500


@router.get("/import")
def import_page(request: Request, auth: Auth = Depends(allowed("import"))):
    return render(request, "import.html", auth, kinds=tabular.ORDER)


@router.post("/import")
async def import_upload(request: Request, auth: Auth = Depends(allowed("import"))):
    form = await request.form()
    upload: UploadFile | None = form.get("file")  # type: ignore[assignment]
    kind = form.get("kind") or None
    mode = form.get("mode", "preview")
    lang = lang_of(request)
    result = {"mode": mode, "errors": [], "counts": None, "error": None}
    if not upload or not getattr(upload, "filename", ""):
        result["error"] = InvalidInput("input.required", field="file").message(lang)
        return render(request, "import.html", auth, status_code=422, kinds=tabular.ORDER, result=result)
    name = ""
    try:
        job = jobs.new(auth.viewer.username)
        path = await receive(upload, job.folder, min(MAX_IMPORT, limits.MAX_UPLOAD))
        name = path.name
        use = tabular.import_file if mode == "import" else tabular.preview_file
        if path.stat().st_size > INLINE_BYTES:  # a job: the page polls its progress
            def work(job: jobs.Job) -> dict[str, Any]:
                def progress(done: int, total: int) -> None:
                    job.write(state="running", progress={"done": done, "total": total})
                try:
                    return {"file": name, **_outcome(request, auth, use, path, kind, lang, mode, progress)}
                finally:
                    path.unlink(missing_ok=True)

            jobs.start(job, work, lambda exc: exc.message(lang))
            return render(request, "import.html", auth, kinds=tabular.ORDER, file=name,
                          job={"id": job.id, "state": "running", "progress": {}})
        try:
            result = await run_in_threadpool(_outcome, request, auth, use, path, kind, lang, mode)
        finally:
            path.unlink(missing_ok=True)
            job.folder.rmdir()
    except MamoruError as exc:
        result["error"] = exc.message(lang)
    status = 200 if not result["error"] else 422
    return render(request, "import.html", auth, status_code=status, kinds=tabular.ORDER, result=result, file=name)


def _outcome(request: Request, auth: Auth, use, path: Path, kind: str | None, lang: str, mode: str,
             progress=None) -> dict[str, Any]:
    """The import or preview as the page shows it (at most ``MAX_ERRORS`` errors listed)."""
    result: dict[str, Any] = {"mode": mode, "errors": [], "counts": None, "error": None}
    changes: list[tabular.RowChange] = []
    try:
        counts = _run(request, auth, use, path, kind, progress, changes)
        result["counts"] = {_registry(k, lang): n for k, n in counts.items()}
        states = {s: sum(1 for c in changes if c.state == s) for s in ("new", "changed", "unchanged")}
        result["summary"] = tr("import.summary", lang, **states)
        shown = [c.text(lang) for c in changes if c.state != "unchanged"]
        result["changes"] = shown[:MAX_ERRORS]
    except tabular.ImportFailed as exc:
        texts = [e.text(lang) for e in exc.errors]
        result["errors"] = texts[:MAX_ERRORS]
        result["more_errors"] = max(0, len(texts) - MAX_ERRORS)
        result["error"] = exc.message(lang).splitlines()[0]
    except MamoruError as exc:
        result["error"] = exc.message(lang)
    return result


@router.get("/import/jobs/{job_id}")
def import_job(request: Request, job_id: str, auth: Auth = Depends(allowed("import"))):
    """The import job's progress, or its outcome once done (an htmx fragment)."""
    state = jobs.read(job_id, auth.viewer.username)
    return render(request, "_import_result.html", auth, job={"id": job_id, **state},
                  result=state.get("result"), file=(state.get("result") or {}).get("file", ""))


def _run(request: Request, auth: Auth, use, path: Path, kind: str | None, progress=None,
         changes: list | None = None) -> dict[str, int]:
    """Off the event loop: parsing and checking a large file must not hold up other pages.

    Rows whose code exists update that record (the preview lists each change first)."""
    with acting(request, auth) as ctx:
        return use(ctx, path, kind, progress=progress, update=True, changes=changes)


def _registry(name: str, lang: str) -> str:
    label = registry_label(name)
    return label[lang] if isinstance(label, dict) else name


@router.get("/export/{name}")
def export(request: Request, name: str, auth: Auth = Depends(allowed("read"))):
    stem, _, suffix = name.rpartition(".")
    if suffix not in ("xlsx", "csv"):
        raise InvalidInput("import.unsupported", file=name)
    kind = stem if suffix == "csv" else None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"mamoru-{stem}.{suffix}"
        with reading(request, auth) as ctx:
            tabular.export_file(ctx, path, kind, lang=lang_of(request))
        body = path.read_bytes()
    media = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" if suffix == "xlsx"
             else "text/csv; charset=utf-8")
    return Response(body, media_type=media, headers={"Content-Disposition": attachment(path.name),
                                                            "Cache-Control": "no-store"})
