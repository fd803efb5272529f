"""The audit anchor: the chain's head, written after every commit to a file outside the database.

The head row inside the database names the newest entry, but whoever can write the
database can also reset it: delete the last entries and point the head at what is left,
empty the log, or restore last week's backup. The anchor is the witness they cannot
reach: after each commit that appended entries, one line ``<seq> <hash> <time>`` is
appended to a file the database user cannot rewrite, and ``audit verify`` checks the
chain against every line.

Where: ``MAMORU_AUDIT_ANCHOR`` (a folder), else ``<data folder>/audit-anchor/``; one file
per database, named from the database's identity (the SQLite file's real path; the
PostgreSQL host, port, database and schema), so several databases never share one.
Make the folder append-only for the server's account (``chattr +a``) and ship the file
to syslog or WORM storage; each line is also logged on the ``mamoru.audit.anchor``
logger for that purpose.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

from mamoru.config import data_dir

ENV = "MAMORU_AUDIT_ANCHOR"
log = logging.getLogger("mamoru.audit.anchor")


def folder() -> Path:
    value = os.environ.get(ENV)
    return Path(value).expanduser() if value else data_dir() / "audit-anchor"


def identity(session: Session) -> str | None:
    """What names this database across processes and restarts (None: an in-memory database, no anchor)."""
    conn = session.connection()
    cached = conn.info.get("mamoru_audit_identity")  # per pooled DBAPI connection
    if cached is None:
        cached = _identity(conn)
        conn.info["mamoru_audit_identity"] = cached
    return cached or None


def _identity(conn) -> str:
    url = conn.engine.url
    if url.get_backend_name() == "sqlite":
        if url.database in (None, "", ":memory:") or "mode=memory" in str(url):
            return ""
        return sqlite_identity(Path(url.database))
    database, schema = conn.execute(text("SELECT current_database(), current_schema()")).one()
    return f"{url.get_backend_name()}://{url.host or 'local'}:{url.port or 5432}/{database}/{schema}"


def path_for(ident: str) -> Path:
    kind = ident.split(":", 1)[0]
    return folder() / f"{kind}-{hashlib.sha256(ident.encode('utf-8')).hexdigest()[:24]}.log"


def write(ident: str, seq: int, digest: str) -> Path:
    """Append one head record (one ``write`` on an O_APPEND file: lines from many processes never interleave)."""
    path = path_for(ident)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        at = datetime.now(timezone.utc).isoformat(timespec="microseconds")
        line = f"{seq} {digest} {at}\n"
        if os.fstat(fd).st_size == 0:
            line = f"# mamoru audit anchor: {ident}\n" + line
        os.write(fd, line.encode("utf-8"))
    finally:
        os.close(fd)
    log.info("audit head %s seq=%d hash=%s", ident, seq, digest)
    return path


def sqlite_identity(path: Path) -> str:
    """The identity of a SQLite file's database, as ``identity`` names it once it is open."""
    return "sqlite:" + str(Path(path).expanduser().resolve())


def retire(ident: str) -> Path | None:
    """Set a database's anchor file aside when the database itself is replaced by a new one (the
    demo's file, rebuilt on every run): the new chain starts a new file, the old one is kept,
    renamed ``….retired-<UTC time>``, as the witness of what was there. None: there was none."""
    path = path_for(ident)
    if not path.exists():
        return None
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    retired = path.with_name(f"{path.name}.retired-{stamp}")
    path.rename(retired)
    log.info("audit anchor %s retired to %s: its database was replaced", ident, retired)
    return retired


@dataclass(frozen=True)
class Record:
    seq: int
    hash: str
    at: str


@dataclass
class Anchor:
    """What the anchor file says about one database."""

    path: Path
    exists: bool
    records: list[Record] = field(default_factory=list)
    unreadable: int = 0

    @property
    def newest(self) -> Record | None:
        return max(self.records, key=lambda r: r.seq) if self.records else None

    def hashes(self) -> dict[int, set[str]]:
        out: dict[int, set[str]] = {}
        for record in self.records:
            out.setdefault(record.seq, set()).add(record.hash)
        return out


def read(ident: str | None) -> Anchor | None:
    if not ident:
        return None
    path = path_for(ident)
    anchor = Anchor(path=path, exists=path.exists())
    if not anchor.exists:
        return anchor
    with path.open("r", encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split()
            try:
                seq, digest, at = int(parts[0]), parts[1], parts[2]
                if len(digest) != 64:
                    raise ValueError(digest)
            except (IndexError, ValueError):
                anchor.unreadable += 1
                continue
            anchor.records.append(Record(seq, digest, at))
    return anchor
