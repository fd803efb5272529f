"""Long upload work off the event loop, with progress a page can poll.

A job runs in a worker thread; its state (progress, then the result) is a small JSON file
in mamoru's spool (``<data dir>/spool/jobs``), written atomically, so any server process on
the machine can answer the poll. A job belongs to the person who started it: nobody else
can read its result. Finished jobs' files are removed after a day.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import shutil
import threading
import time
from pathlib import Path
from typing import Any, Callable

from mamoru.config import data_dir
from mamoru.errors import MamoruError, NotFound

log = logging.getLogger(__name__)
KEEP_S = 24 * 3600


def _root() -> Path:
    path = data_dir() / "spool" / "jobs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _valid(job_id: str) -> bool:
    return len(job_id) == 32 and all(ch in "0123456789abcdef" for ch in job_id)


class Job:
    def __init__(self, job_id: str, owner: str) -> None:
        self.id, self.owner = job_id, owner
        self.folder = _root() / job_id

    def write(self, **state: Any) -> None:
        state = {"owner": self.owner, "updated": time.time(), **state}
        tmp = self.folder / f".state.{os.getpid()}.{threading.get_ident()}"
        tmp.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.folder / "state.json")


def new(owner: str) -> Job:
    _sweep()
    job = Job(secrets.token_hex(16), owner)
    job.folder.mkdir(parents=True)
    return job


def start(job: Job, work: Callable[[Job], dict[str, Any]], error_text: Callable[[MamoruError], str]) -> None:
    """Run ``work(job)`` in a thread; its return value becomes the finished state."""

    def run() -> None:
        try:
            job.write(state="done", result=work(job))
        except MamoruError as exc:
            job.write(state="failed", error=error_text(exc))
        except Exception:  # noqa: BLE001 - a job must always end in a state the page can show
            log.exception("upload job %s failed", job.id)
            job.write(state="failed", error=error_text(MamoruError("web.job_failed")))

    job.write(state="running", progress={})
    threading.Thread(target=run, name=f"mamoru-job-{job.id[:8]}", daemon=True).start()


def read(job_id: str, owner: str) -> dict[str, Any]:
    """The job's state, for its owner only (anyone else gets "not found")."""
    if not _valid(job_id):
        raise NotFound("web.job_not_found", job=job_id[:40])
    try:
        state = json.loads((_root() / job_id / "state.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise NotFound("web.job_not_found", job=job_id) from exc
    if state.get("owner") != owner:
        raise NotFound("web.job_not_found", job=job_id)
    return state


def read_part(job_id: str, name: str) -> Any:
    """A JSON file the job's work left in its folder (call ``read`` first: it checks the owner)."""
    if not _valid(job_id) or "/" in name or name.startswith("."):
        raise NotFound("web.job_not_found", job=job_id[:40])
    try:
        return json.loads((_root() / job_id / name).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise NotFound("web.job_not_found", job=job_id) from exc


def _sweep() -> None:
    now = time.time()
    for folder in _root().iterdir():
        try:
            if now - folder.stat().st_mtime > KEEP_S:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue
