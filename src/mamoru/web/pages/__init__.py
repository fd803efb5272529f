"""Page routers, one module per area; each registers the same way."""

from __future__ import annotations

from fastapi import FastAPI

from mamoru.web.pages import (  # one module a line
    account,
    audit,
    dashboard,
    disclosures,
    guard,
    imports,
    incidents,
    operations,
    registers,
    reports,
    screening,
    selfcheck,
    session,
    telemetry,
    loans,
    workbench,
    importance,
    codebook,
    meetings,
    people,
    sites,
    research,
    watch,
    trace,
)

MODULES = (  # one module a line
    loans,
    workbench,
    importance,
    codebook,
    session,
    dashboard,
    registers,
    disclosures,
    guard,
    operations,
    audit,
    reports,
    imports,
    account,
    telemetry,
    screening,
    selfcheck,
    incidents,
    meetings,
    people,
    sites,
    research,
    watch,
    trace,
)


def register_pages(app: FastAPI) -> None:
    for module in MODULES:
        app.include_router(module.router)
