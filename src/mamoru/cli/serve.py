"""``mamoru serve``: the web application, secure by default."""

from __future__ import annotations

import os
import sys
from typing import Optional

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
        users.create_admin(ctx, username, password)


def server_options(host: str = "127.0.0.1", port: int = 8000, workers: int = 1, proxy_headers: bool = False,
                   forwarded_allow_ips: str | None = None) -> dict:
    """uvicorn's settings for ``mamoru serve``.

    Proxy headers are off unless asked for: X-Forwarded-For and X-Forwarded-Proto are honoured only
    from the addresses in ``forwarded_allow_ips`` (default 127.0.0.1, a proxy on the same host).
    Then a request that reached the proxy over TLS counts as https, so the session cookie carries
    ``Secure``, and sign-in limits apply to the real client address rather than the proxy's.
    """
    options = {"host": host, "port": port, "workers": workers, "log_level": "warning", "proxy_headers": proxy_headers}
    if proxy_headers:
        options["forwarded_allow_ips"] = forwarded_allow_ips or "127.0.0.1"
    return options


def serve(host: str = typer.Option("127.0.0.1", help="Address to bind (loopback by default)."),
          port: int = typer.Option(8000), workers: int = typer.Option(1, help="Worker processes (PostgreSQL for >1)."),
          proxy_headers: bool = typer.Option(False, "--proxy-headers",
                                             help="Behind a reverse proxy: trust its X-Forwarded-For/-Proto."),
          forwarded_allow_ips: Optional[str] = typer.Option(
              None, "--forwarded-allow-ips",
              help="Comma-separated proxy addresses whose forwarded headers are trusted (default 127.0.0.1).")) -> None:
    """Run the web application and REST API (/api/v1)."""
    run(host, port, workers, proxy_headers, forwarded_allow_ips)


def run(host: str = "127.0.0.1", port: int = 8000, workers: int = 1, proxy_headers: bool = False,
        forwarded_allow_ips: str | None = None) -> None:
    """``serve`` with plain arguments, for callers in Python (the demo): the command's own defaults
    are typer's option objects, which are not values."""
    import uvicorn

    url = database_url(STATE.db)
    engine = STATE.engine()
    ensure_admin(engine, interactive=sys.stdin.isatty())
    os.environ["MAMORU_DATABASE_URL"] = url
    STATE.console.print(f"mamoru: http://{host}:{port}/  ({url.split('@')[-1]})")
    uvicorn.run("mamoru.web.server:app_factory", factory=True,
                **server_options(host, port, workers, proxy_headers, forwarded_allow_ips))
