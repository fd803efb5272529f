"""The server sweeps obligations itself: once at start, then daily (no cron needed).

Each worker runs this loop; ``services.obligations.run_scheduled`` makes sure only one of
them sweeps per day (a locked settings row), so any number of workers and servers is safe.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager

from mamoru.services import obligations

CHECK_EVERY_S = 3600  # each worker asks hourly; the first ask of a new day sweeps
log = logging.getLogger("mamoru.sweeper")


async def sweep_once(app) -> int | None:
    """Run the scheduled sweep off the event loop; errors are logged, never fatal to the server."""
    try:
        made = await asyncio.to_thread(obligations.run_scheduled, app.state.engine, app.state.policy)
    except Exception:  # noqa: BLE001 - a failed sweep must not stop the server; the next hour retries
        log.exception("obligations sweep failed")
        return None
    if made:
        log.info("obligations sweep: %d new obligations", made)
    return made


async def _daily(app) -> None:
    while True:
        await asyncio.sleep(CHECK_EVERY_S)
        await sweep_once(app)


def install(app) -> None:
    """Sweep before the server takes requests, then keep sweeping daily while it runs."""
    previous = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(asgi_app):
        async with previous(asgi_app) as state:
            await sweep_once(app)
            task = asyncio.create_task(_daily(app))
            try:
                yield state
            finally:
                task.cancel()

    app.router.lifespan_context = lifespan
