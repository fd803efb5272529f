"""Page routers, one module per area; each registers the same way."""

from __future__ import annotations

from fastapi import FastAPI

from mamoru.web.pages import (account, audit, codebook, dashboard, disclosures, guard, importance, imports, loans,
                              operations, registers, reports, session, telemetry, workbench)

# loans first: its /samples/new and /obligations/new must win over /samples/{code} and /obligations/{id}
MODULES = (session, dashboard, loans, workbench, importance, codebook, registers, disclosures, guard, operations, audit,
           reports, imports, account, telemetry)


def register_pages(app: FastAPI) -> None:
    for module in MODULES:
        app.include_router(module.router)
