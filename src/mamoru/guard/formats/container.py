"""Telling an encrypted or damaged Office file apart before a library trips over it.

Password-protected .docx/.xlsx are not ZIP files at all but OLE compound files
(the same container as legacy .doc/.xls), so the first bytes say which it is. A ZIP
package is then checked against the size limits (``mamoru.limits``: decompression bombs,
DTDs) before any library opens it.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from mamoru import limits
from mamoru.errors import MamoruError

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def check_office_zip(path: Path) -> None:
    with path.open("rb") as fh:
        head = fh.read(8)
    if head == _OLE_MAGIC:
        raise MamoruError("guard.file.encrypted", path=str(path))
    if not zipfile.is_zipfile(path):
        raise MamoruError("guard.file.corrupt", path=str(path), suffix=path.suffix, detail="not a ZIP package")
    limits.check_package(path)


def corrupt(path: Path, exc: Exception) -> MamoruError:
    detail = f"{type(exc).__name__}: {exc}"[:200]
    return MamoruError("guard.file.corrupt", path=str(path), suffix=path.suffix, detail=detail)
