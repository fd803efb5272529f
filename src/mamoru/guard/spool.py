"""The spool: where a sanitised copy waits, out of its place, until its record commits.

A marked copy must never exist where someone can pick it up unless the disclosure that
lets it leave is on record. The copy is written under a temporary name in mamoru's own
spool folder (``<data dir>/spool/guard``), the transaction commits, and only then is
the copy moved to where the user asked, atomically (a hard link or rename on the same
file system). A crash in between leaves a file in the spool, never in place; such
files are removed the next time a redaction starts (``clean_stale``).

File names carry the writer's process id, so one process never removes another's
copy that is still waiting for its commit.
"""

from __future__ import annotations

import errno
import logging
import os
import secrets
import shutil
import tempfile
import time
from pathlib import Path

from mamoru.config import data_dir

log = logging.getLogger(__name__)
STALE_AFTER_S = 24 * 3600  # a waiting copy older than a day belongs to nobody, whatever its pid


def spool_dir() -> Path:
    path = data_dir() / "spool" / "guard"
    path.mkdir(parents=True, exist_ok=True)
    return path


def new_path(suffix: str) -> Path:
    """A fresh, not yet existing name in the spool for a copy with ``suffix``."""
    return spool_dir() / f"{os.getpid()}-{secrets.token_hex(8)}{suffix.lower()}"


def _owner(name: str) -> int | None:
    head = name.lstrip(".").split("-", 1)[0]
    return int(head) if head.isdigit() else None


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale(folder: Path | None = None) -> int:
    """Remove copies whose writer is gone (killed before its commit); how many were removed."""
    folder = folder or spool_dir()
    removed = 0
    now = time.time()
    for path in folder.iterdir():
        if not path.is_file():
            continue
        pid = _owner(path.name)
        try:
            old = now - path.stat().st_mtime > STALE_AFTER_S
            if pid is None or old or not _alive(pid):
                path.unlink()
                removed += 1
        except FileNotFoundError:
            continue
    if removed:
        log.warning("guard spool: removed %d copies left by interrupted redactions", removed)
    return removed


def place(spooled: Path, target: Path, *, overwrite: bool) -> None:
    """Move ``spooled`` to ``target`` in one step; the copy appears whole or not at all.

    Without ``overwrite`` an existing target is never replaced (a hard link fails if the
    name exists). Across file systems the copy goes to a temporary name beside the target
    first, then is linked or renamed into place, and the temporary name is removed.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        _link_or_replace(spooled, target, overwrite)
        spooled.unlink(missing_ok=True)
        return
    except OSError as exc:
        if exc.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP):
            raise
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=target.suffix, dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out, spooled.open("rb") as src:
            shutil.copyfileobj(src, out)
            out.flush()
            os.fsync(out.fileno())
        if overwrite:
            os.replace(tmp, target)
        else:
            os.link(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
        spooled.unlink(missing_ok=True)


def _link_or_replace(source: Path, target: Path, overwrite: bool) -> None:
    if overwrite:
        os.replace(source, target)
    else:
        os.link(source, target)
