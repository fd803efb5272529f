"""Leak tracing in the browser: upload a found file or paste an excerpt, see the ranked partners and evidence.

Thin over ``services.trace`` (which requires the ``trace`` action and audits each run).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool

from mamoru.errors import MamoruError
from mamoru.i18n import t
from mamoru.services import trace
from mamoru.services.authz import Forbidden
from mamoru.trace import present
from mamoru.web.auth import allowed
from mamoru.web.context import Auth, acting, lang_of, render
from mamoru.web.pages.uploads import receive

router = APIRouter(include_in_schema=False)


@router.get("/trace")
def trace_page(request: Request, auth: Auth = Depends(allowed("trace"))):
    return render(request, "trace.html", auth, text="")


def _run(request: Request, auth: Auth, source: Path | None, text: str) -> dict:
    with acting(request, auth) as ctx:
        if source is not None:
            result = trace.trace_file(ctx, source)
        else:
            result = trace.trace_text(ctx, text, t("trace.source.pasted", lang_of(request)))
        return result.as_dict()


@router.post("/trace")
async def trace_submit(request: Request, auth: Auth = Depends(allowed("trace"))):
    form = await request.form()
    upload = form.get("file")
    text = str(form.get("text", "") or "")
    lang = lang_of(request)
    has_file = bool(upload and getattr(upload, "filename", ""))
    if not has_file and not text.strip():
        return render(request, "trace.html", auth, status_code=422, text=text, error=t("trace.page.none", lang))
    try:
        if has_file:
            with tempfile.TemporaryDirectory() as folder:
                source = await receive(upload, Path(folder))
                result = await run_in_threadpool(_run, request, auth, source, "")
        else:
            result = await run_in_threadpool(_run, request, auth, None, text)
    except MamoruError as exc:
        status = 403 if isinstance(exc, Forbidden) else 422
        return render(request, "trace.html", auth, status_code=status, text=text, error=exc.message(lang))
    return render(request, "trace.html", auth, text=text, result=present.view(result, lang))
