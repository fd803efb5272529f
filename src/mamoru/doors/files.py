"""A file name sent by a browser or an API client, made safe to use on disk (both doors share it)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from mamoru.errors import InvalidInput

MAX_NAME_BYTES = 200  # leaves room for suffixes such as ".safe" within the 255-byte file-name limit


def safe_name(filename: str) -> str:
    """The last path segment, without control characters, at most 200 bytes, suffix kept."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    if name in ("", ".", "..") or set(name) == {"."}:
        raise InvalidInput("upload.bad_name", name=filename[:80] if filename else "")
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        suffix = Path(name).suffix if len(Path(name).suffix) <= 16 else ""
        stem = name[: len(name) - len(suffix)]
        while len((stem + suffix).encode("utf-8")) > MAX_NAME_BYTES:
            stem = stem[:-1]
        name = stem + suffix
    return name
