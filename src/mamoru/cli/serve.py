"""``mamoru serve``: the web application, secure by default."""

from __future__ import annotations

import os
import sys

import typer

from mamoru.cli.state import STATE
from mamoru.config import database_url
from mamoru.errors import MamoruError
from mamoru.cli.lazy import lazy

access, users = lazy("mamoru.services.access", "mamoru.services.users")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def ensure_admin(engine, interactive: bool) -> None:
    """Refuse to run without an admin; create one from MAMORU_ADMIN_PASSWORD or by asking. No defaults."""
    from mamoru.services.uow import unit_of_work

    with unit_of_work(engine, "setup") as ctx:
        if access.has_admin(ctx):
            return
    username = os.environ.get("MAMORU_ADMIN_USER", "admin")
    password = os.environ.get("MAMORU_ADMIN_PASSWORD")
    if not password:
        if not interactive:
            raise MamoruError("auth.no_admin")
        username = typer.prompt(STATE.t("web.username"), default=username)
        password = typer.prompt(STATE.t("web.password"), hide_input=True, confirmation_prompt=True)
    with unit_of_work(engine, "setup") as ctx:
        from sqlalchemy import select

        from mamoru.store.models import User

        existing = ctx.session.execute(select(User).where(User.username == username)).scalar_one_or_none()
        if existing is None:
            users.add_user(ctx, username, "admin", "administrator")
        elif existing.role != "admin":
            raise MamoruError("conflict.duplicate_user", username=username)
        access.set_password(ctx, username, password)


def serve(host: str = typer.Option("127.0.0.1", help="Address to bind (loopback by default)."),
          port: int = typer.Option(8000), workers: int = typer.Option(1, help="Worker processes (PostgreSQL for >1).")) -> None:
    """Run the web application and REST API (/api/v1)."""
    import uvicorn

    url = database_url(STATE.db)
    engine = STATE.engine()
    ensure_admin(engine, interactive=sys.stdin.isatty())
    os.environ["MAMORU_DATABASE_URL"] = url
    STATE.console.print(f"mamoru: http://{host}:{port}/  ({url.split('@')[-1]})")
    uvicorn.run("mamoru.web.server:app_factory", factory=True, host=host, port=port, workers=workers,
                log_level="warning", proxy_headers=False)
