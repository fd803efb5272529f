"""The secret that seals audit entries (HMAC-SHA256), kept outside the database.

A plain hash chain can be rewritten by anyone who can write the table: change an entry,
recompute every hash after it, reset the head. Sealing each entry with a key the
database never holds means a database writer cannot produce a valid entry.

Where the key comes from, in order:

1. ``MAMORU_AUDIT_KEY`` (at least 32 characters): set it the same on every server
   and worker that writes to one database, e.g. from a secrets manager;
2. otherwise ``<data folder>/audit.key``, 32 random bytes created (mode 0600) on first
   use. Back it up with, but not inside, the database backups.

Entries record the key's id (a fingerprint, not the key) so verification can say
"sealed with another key" instead of "edited". The key itself is never logged, shown
or stored in the database.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from mamoru.config import data_dir
from mamoru.errors import MamoruError

ENV = "MAMORU_AUDIT_KEY"
FILE_NAME = "audit.key"
MIN_LENGTH = 32


class AuditKeyError(MamoruError):
    """The audit key is missing, too short or unreadable."""


@dataclass(frozen=True)
class AuditKey:
    """A sealing key: ``id`` is safe to store and show, ``secret`` is not (it is kept out of repr)."""

    id: str
    secret: bytes = field(repr=False)
    source: str = ""

    @classmethod
    def from_secret(cls, secret: bytes, source: str = "") -> "AuditKey":
        return cls(id=fingerprint(secret), secret=secret, source=source)

    def seal(self, payload: bytes) -> str:
        return hmac.new(self.secret, payload, hashlib.sha256).hexdigest()


def fingerprint(secret: bytes) -> str:
    return hashlib.sha256(b"mamoru-audit-key-id\0" + secret).hexdigest()[:16]


def key_path() -> Path:
    return data_dir() / FILE_NAME


_cache: dict[tuple[str, str], AuditKey] = {}


def current(create: bool = True) -> AuditKey | None:
    """This installation's key: from ``MAMORU_AUDIT_KEY``, else the key file (made on first use when ``create``)."""
    env = os.environ.get(ENV)
    if env is not None:
        cache_key = ("env", env)
        if cache_key not in _cache:
            if len(env.strip()) < MIN_LENGTH:
                raise AuditKeyError("audit.key_too_short", name=ENV, min=MIN_LENGTH)
            _cache[cache_key] = AuditKey.from_secret(env.strip().encode("utf-8"), source=ENV)
        return _cache[cache_key]
    path = key_path()
    cache_key = ("file", str(path))
    if cache_key in _cache and path.exists():
        return _cache[cache_key]
    if not path.exists():
        if not create:
            return None
        _create(path)
    try:
        text = path.read_text("ascii").strip()
        secret = bytes.fromhex(text)
    except (OSError, ValueError) as exc:
        raise AuditKeyError("audit.key_unreadable", path=str(path), detail=exc.__class__.__name__) from exc
    if len(secret) < 16:
        raise AuditKeyError("audit.key_unreadable", path=str(path), detail="too short")
    _cache[cache_key] = AuditKey.from_secret(secret, source=str(path))
    return _cache[cache_key]


def _create(path: Path) -> None:
    """Write a fresh key atomically: never a half-written file, and a second process keeps the first one's key."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{FILE_NAME}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, (secrets.token_bytes(32).hex() + "\n").encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(tmp, path)  # fails if another process made it first: theirs wins
    except FileExistsError:
        pass
    finally:
        tmp.unlink(missing_ok=True)
