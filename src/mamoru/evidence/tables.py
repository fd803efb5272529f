"""CSV tables and the manifest of the package (UTF-8 with BOM, so Excel opens Japanese text correctly)."""

from __future__ import annotations

import csv
import hashlib
import io
from typing import Any, Iterable, Sequence


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return "\ufeff" + out.getvalue()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest(files: dict[str, bytes]) -> str:
    """``sha256  path`` per file, sorted: the format ``sha256sum -c MANIFEST.sha256`` reads."""
    return "".join(f"{sha256(data)}  {name}\n" for name, data in sorted(files.items()))
