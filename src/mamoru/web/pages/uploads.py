"""What the upload pages share: taking a file in safely, naming a download, running long work.

- ``receive`` copies an upload to disk in blocks and refuses it (clear, bilingual) when it is
  over the limit, instead of cutting it short and carrying on as if it were whole.
- ``safe_name`` turns whatever name a browser sends into a usable one (``..``, ``.``,
  slashes, control characters and names over 255 bytes are handled, not a 500).
- ``attachment`` writes Content-Disposition the RFC 6266 way: an ASCII fallback plus
  ``filename*=UTF-8''...``, so 報告書.txt or a name with ``"`` cannot break the header.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from urllib.parse import quote

from starlette.datastructures import UploadFile

from mamoru import limits
from mamoru.doors.files import MAX_NAME_BYTES, safe_name  # noqa: F401 - shared with the API
from mamoru.errors import InvalidInput

BLOCK = 1 << 20


async def receive(upload: UploadFile, folder: Path, limit: int | None = None) -> Path:
    """Write the upload to ``folder`` under a safe name; refuse it whole if it is over ``limit``."""
    limit = limits.MAX_UPLOAD if limit is None else limit
    name = safe_name(upload.filename or "")
    path = folder / name
    size = 0
    with path.open("wb") as out:
        while block := await upload.read(BLOCK):
            size += len(block)
            if size > limit:
                out.close()
                path.unlink(missing_ok=True)
                limits.check_size(name, max(size, getattr(upload, "size", None) or 0), limit)
            out.write(block)
    return path


def attachment(name: str) -> str:
    """``attachment; filename="ascii"; filename*=UTF-8''percent-encoded`` (RFC 6266 / 5987)."""
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    fallback = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    fallback = re.sub(r'[^A-Za-z0-9._ -]', "_", fallback).strip() or "download"
    if not Path(fallback).suffix and Path(name).suffix.isascii():
        fallback += Path(name).suffix
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
