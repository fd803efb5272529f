"""Page routers, one module per area; each registers the same way."""

from __future__ import annotations

from fastapi import FastAPI

from mamoru.web.pages import (account, audit, dashboard, disclosures, guard, imports, operations, registers,
                              reports, session, telemetry, trace)

MODULES = (session, dashboard, registers, disclosures, guard, operations, audit, reports, imports, account, telemetry, trace)


def register_pages(app: FastAPI) -> None:
    for module in MODULES:
        app.include_router(module.router)
