"""Refusals as the doors answer them: one status per kind of ``MamoruError``, and problem JSON.

The web door renders the same status as an HTML page (``web/app.py``); the API answers with
RFC 9457 problem details carrying the reason code and both languages (``api/common.py``).
"""

from __future__ import annotations

from fastapi.responses import JSONResponse

from mamoru.errors import Conflict, InvalidInput, MamoruError, NotFound
from mamoru.i18n import both
from mamoru.services import access

PROBLEM = "application/problem+json"


def status_for(exc: MamoruError) -> int:
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, Conflict):
        return 409
    if isinstance(exc, access.Forbidden) or exc.code.startswith("auth.approver") or exc.code == "auth.no_self_approval":
        return 403
    if isinstance(exc, access.Unauthenticated):
        return 401
    if isinstance(exc, access.RateLimited):
        return 429
    if exc.code == "disclosure.denied":
        return 422
    if isinstance(exc, InvalidInput):
        return 422
    return 400


def problem(exc: MamoruError, status: int | None = None, headers: dict[str, str] | None = None) -> JSONResponse:
    """RFC 9457 problem details, with the reason code and both languages."""
    status = status or status_for(exc)
    body = {"type": f"urn:mamoru:{exc.code}", "title": exc.message("en"), "status": status, **exc.as_dict()}
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


def http_problem(status: int, detail: object, headers: dict[str, str] | None = None) -> JSONResponse:
    """An HTTP-level refusal (401, 403 CSRF, 404, 405) as problem JSON; ``detail`` is a reason code when it has a dot."""
    code = detail if isinstance(detail, str) and "." in detail else "http.error"
    messages = both(code) if code != "http.error" else {"ja": str(detail), "en": str(detail)}
    return JSONResponse({"type": f"urn:mamoru:{code}", "title": messages["en"], "status": status, "code": code,
                         "message": messages}, status_code=status, media_type=PROBLEM, headers=headers)


def page_message(code: object, detail: object, lang: str) -> tuple[str, str]:
    """(reason code, message in ``lang``) for an HTTP-level refusal shown as a page."""
    reason = code if isinstance(code, str) and "." in code else "http.error"
    return reason, (both(reason)[lang] if reason != "http.error" else str(detail))
