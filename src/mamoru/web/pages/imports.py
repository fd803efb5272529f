"""Import with a preview that shows every error before anything is written; export to XLSX/CSV.

Uploads over the limit are refused whole (``uploads.receive``); parsing and checking run in
the thread pool so that other pages keep answering meanwhile.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import APIRouter, Depends, Request, UploadFile
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from mamoru import limits

from mamoru.errors import InvalidInput, MamoruError
from mamoru.services import tabular
from mamoru.web.auth import allowed
from mamoru.web.context import Auth, acting, lang_of, reading, render
from mamoru.web.pages.uploads import attachment, receive

router = APIRouter(include_in_schema=False)
MAX_IMPORT = 20 * limits.MB  # registers are small; a larger file is a mistake


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
    with tempfile.TemporaryDirectory() as folder:
        try:
            path = await receive(upload, Path(folder), min(MAX_IMPORT, limits.MAX_UPLOAD))
            name = path.name
            use = tabular.import_file if mode == "import" else tabular.preview_file
            result["counts"] = await run_in_threadpool(_run, request, auth, use, path, kind)
        except tabular.ImportFailed as exc:
            result["errors"] = [e.text(lang) for e in exc.errors]
            result["error"] = exc.message(lang).splitlines()[0]
        except MamoruError as exc:
            result["error"] = exc.message(lang)
    status = 200 if not result["error"] else 422
    return render(request, "import.html", auth, status_code=status, kinds=tabular.ORDER, result=result, file=name)


def _run(request: Request, auth: Auth, use, path: Path, kind: str | None) -> dict[str, int]:
    """In the thread pool: parsing and checking a large file must not hold up other pages."""
    with acting(request, auth) as ctx:
        return use(ctx, path, kind)


@router.get("/export/{name}")
def export(request: Request, name: str, auth: Auth = Depends(allowed("read"))):
    stem, _, suffix = name.rpartition(".")
    if suffix not in ("xlsx", "csv"):
        raise InvalidInput("import.unsupported", file=name)
    kind = stem if suffix == "csv" else None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"mamoru-{stem}.{suffix}"
        with reading(request) as ctx:
            tabular.export_file(ctx, path, kind, viewer=auth.viewer)
        body = path.read_bytes()
    media = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" if suffix == "xlsx"
             else "text/csv; charset=utf-8")
    return Response(body, media_type=media, headers={"Content-Disposition": attachment(path.name),
                                                            "Cache-Control": "no-store"})
