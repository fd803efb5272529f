"""The publication watch in the browser: import with a preview, alerts, evidence, confirm or dismiss.

Thin over ``services.watch``: the signed-in viewer goes to every call, so alerts on
technologies a person may not see are not listed and their pages answer 404; evidence
for restricted elements is withheld by the service, not hidden here.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from mamoru.errors import InvalidInput, MamoruError
from mamoru.services import watch
from mamoru.services.authz import Forbidden
from mamoru.watch.match import highlight
from mamoru.web.auth import allowed
from mamoru.web.context import Auth, acting, lang_of, reading, render
from mamoru.web.pages.uploads import receive

router = APIRouter(include_in_schema=False)
STATUSES = ("open", "confirmed", "dismissed")


def _alerts(request: Request, auth: Auth, status: str | None):
    with reading(request, auth) as ctx:
        return watch.list_alerts(ctx, status or None)


def _page(request: Request, auth: Auth, status: str = "open", status_code: int = 200, **extra):
    status = status if status in STATUSES or status == "all" else "open"
    alerts = _alerts(request, auth, None if status == "all" else status)
    return render(request, "watch.html", auth, status_code=status_code, alerts=alerts, status=status,
                  statuses=STATUSES, **extra)


@router.get("/watch")
def watch_page(request: Request, status: str = "open", auth: Auth = Depends(allowed("read"))):
    return _page(request, auth, status)


def _preview(request: Request, auth: Auth, source: Path, name: str):
    with reading(request, auth) as ctx:
        return watch.preview(ctx, source, name)


def _import(request: Request, auth: Auth, source: Path, name: str):
    with acting(request, auth) as ctx:
        result = watch.import_publications(ctx, source, name)
        return {"publications": [(p.number, p.title) for p in result.publications],
                "alerts": [a.id for a in result.alerts], "hidden": result.hidden_alerts}


@router.post("/watch")
async def watch_submit(request: Request, auth: Auth = Depends(allowed("import"))):
    form = await request.form()
    upload = form.get("file")
    mode = str(form.get("mode", "preview"))
    lang = lang_of(request)
    if not upload or not getattr(upload, "filename", ""):
        return _page(request, auth, status_code=422, error=InvalidInput("input.required", field="file").message(lang))
    try:
        with tempfile.TemporaryDirectory() as folder:
            source = await receive(upload, Path(folder))
            if mode == "import":
                imported = await run_in_threadpool(_import, request, auth, source, source.name)
                return _page(request, auth, imported=imported, file=source.name)
            items = await run_in_threadpool(_preview, request, auth, source, source.name)
            for item in items:
                for m in item.matches:
                    if m["evidence"]:
                        m["marked"] = _marked(m["evidence"])
            return _page(request, auth, preview=items, file=source.name)
    except MamoruError as exc:
        code = 403 if isinstance(exc, Forbidden) else 422
        return _page(request, auth, status_code=code, error=exc.message(lang))


def _marked(evidence: dict) -> list[tuple[str, bool]]:
    needles = [*evidence.get("words", []), *evidence.get("terms", []), *(c[1] for c in evidence.get("conditions", []))]
    return highlight(evidence["passage"]["text"], needles)


def _detail(request: Request, auth: Auth, alert_id: int, status_code: int = 200, **extra):
    with reading(request, auth) as ctx:
        alert = watch.get_alert(ctx, alert_id)
    marked = _marked(alert.evidence) if alert.evidence else None
    return render(request, "watch_alert.html", auth, status_code=status_code, alert=alert, marked=marked, **extra)


@router.get("/watch/alerts/{alert_id}")
def alert_page(request: Request, alert_id: int, auth: Auth = Depends(allowed("read"))):
    return _detail(request, auth, alert_id)


def _decide(request: Request, auth: Auth, alert_id: int, decision: str, reason: str):
    try:
        with acting(request, auth) as ctx:
            if decision == "confirm":
                watch.confirm(ctx, alert_id, reason)
            else:
                watch.dismiss(ctx, alert_id, reason)
    except MamoruError as exc:
        if exc.code == "watch.alert_not_found":
            raise
        return _detail(request, auth, alert_id, 403 if isinstance(exc, Forbidden) else 422,
                       error=exc.message(lang_of(request)), reason=reason)
    return RedirectResponse(f"/watch/alerts/{alert_id}", status_code=303)


@router.post("/watch/alerts/{alert_id}/confirm")
def alert_confirm(request: Request, alert_id: int, reason: str = Form(""), auth: Auth = Depends(allowed("approve"))):
    return _decide(request, auth, alert_id, "confirm", reason)


@router.post("/watch/alerts/{alert_id}/dismiss")
def alert_dismiss(request: Request, alert_id: int, reason: str = Form(""), auth: Auth = Depends(allowed("approve"))):
    return _decide(request, auth, alert_id, "dismiss", reason)
