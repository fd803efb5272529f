"""Version 1 of the REST API: every route needs a token (or session) allowed its action.

Routes live in one module per area (registers, ledger, operations, trail); this module puts
them under ``/api/v1``. Every refusal is RFC 9457 problem JSON with the bilingual reason code,
including paths under ``/api/v1`` that do not exist.
"""

from __future__ import annotations

from fastapi import FastAPI

from mamoru.api import (  # one area a line
    incidents,
    ledger,
    operations,
    registers,
    screening,
    selfcheck,
    supplychain,
    telemetry,
    trail,
    workbench,
    meetings,
    people,
    abroad,
    watch,
    trace,
)
from mamoru.api.common import router as make_router
from mamoru.doors.errors import http_problem

PREFIX = "/api/v1"
router = make_router(prefix=PREFIX)
AREAS = (  # one area a line
    registers,
    ledger,
    operations,
    trail,
    supplychain,
    telemetry,
    screening,
    selfcheck,
    incidents,
    workbench,
    meetings,
    people,
    abroad,
    watch,
    trace,
)
for _area in AREAS:
    router.include_router(_area.routes)


def install(app: FastAPI) -> None:
    """Add the API to ``app``; what no API route matches under ``/api/v1`` answers 404 in problem JSON."""
    app.include_router(router)
    fallback = app.router.default

    async def not_found(scope, receive, send):
        path = scope.get("path", "")
        if scope["type"] == "http" and (path == PREFIX or path.startswith(PREFIX + "/")):
            await http_problem(404, "Not Found")(scope, receive, send)
            return
        await fallback(scope, receive, send)

    app.router.default = not_found
