"""The outgoing-document guard in the browser: upload, see findings and the gate, download the safe copy."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from mamoru.errors import InvalidInput, MamoruError
from mamoru.services import guard, partners
from mamoru.web.auth import allowed
from mamoru.web.context import Auth, acting, lang_of, reading, render

router = APIRouter(include_in_schema=False)
MAX_UPLOAD = 50 * 1024 * 1024


def _page(request: Request, auth: Auth, status_code: int = 200, **extra):
    with reading(request, auth) as ctx:
        choices = [(p.code, f"{p.code} {p.name}") for p in partners.list_partners(ctx)]
    return render(request, "guard.html", auth, status_code=status_code, partners=choices, **extra)


@router.get("/guard")
def guard_page(request: Request, auth: Auth = Depends(allowed("disclose"))):
    return _page(request, auth, values={})


@router.post("/guard")
async def guard_submit(request: Request, auth: Auth = Depends(allowed("disclose"))):
    form = await request.form()
    upload = form.get("file")
    values = {k: form.get(k, "") for k in ("partner", "purpose", "mode", "condition_mode", "staged_plan")}
    lang = lang_of(request)
    if not upload or not getattr(upload, "filename", ""):
        return _page(request, auth, 422, values=values,
                     error=InvalidInput("input.required", field="file").message(lang))
    name = Path(upload.filename).name
    data = await upload.read(MAX_UPLOAD + 1)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / name
        source.write_bytes(data[:MAX_UPLOAD])
        try:
            if values["mode"] == "redact":
                output = Path(folder) / f"{source.stem}.safe{source.suffix}"
                with acting(request, auth) as ctx:
                    row = guard.redact(ctx, source, values["partner"], output, values["purpose"],
                                       condition_mode=values["condition_mode"] or "mask",
                                       accept_conditions=bool(form.get("accept_conditions")),
                                       staged_plan=values["staged_plan"])
                    control = row.control_number
                return Response(output.read_bytes(), media_type="application/octet-stream",
                                headers={"Content-Disposition": f'attachment; filename="{output.name}"',
                                         "X-Mamoru-Control-Number": control})
            with reading(request, auth) as ctx:
                report = guard.scan(ctx, source, values["partner"], values["condition_mode"] or "mask")
                findings = [{"location": f.location.label(lang), "kind": f.kind, "text": f.text,
                             "elements": ", ".join(f.element_codes), "rank": f.rank}
                            for f in report.result.findings]
                return _page(request, auth, values=values, file=name, findings=findings,
                             plain=report.plain, redacted=report.redacted)
        except MamoruError as exc:
            decision = getattr(exc, "decision", None)
            return _page(request, auth, 422, values=values, file=name, error=exc.message(lang),
                         redacted=decision)
