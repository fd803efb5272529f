"""Size limits for what comes in from outside: uploads, Office packages, text fields.

An upload over the limit is refused, never cut short and imported as if whole. Office
files (.xlsx, .docx) are ZIP packages whose parts can expand a thousandfold: a 1 MB
workbook can hold gigabytes of sheet XML. ``check_package`` reads the ZIP directory
(member sizes as declared, and the ratio to the compressed size) before openpyxl or
python-docx open the file, and while reading each member it counts the bytes really
inflated, since declared sizes can lie.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from mamoru.errors import InvalidInput

MB = 1024 * 1024
MAX_UPLOAD = int(os.environ.get("MAMORU_MAX_UPLOAD_MB", "50")) * MB  # one uploaded file, as sent
MAX_EXPANDED = int(os.environ.get("MAMORU_MAX_EXPANDED_MB", "400")) * MB  # all parts of a package, inflated
MAX_RATIO = 200  # inflated / compressed, per member; ordinary Office XML stays well under 100
MAX_MEMBERS = 20_000
MAX_FIELD = 1 * MB  # one CSV field


class TooLarge(InvalidInput):
    """The file is larger than mamoru accepts (as sent or once unpacked)."""


def check_size(name: str, size: int, limit: int = MAX_UPLOAD) -> None:
    if size > limit:
        raise TooLarge("upload.too_large", file=name, size_mb=f"{size / MB:.1f}", limit_mb=f"{limit / MB:.0f}")


def check_package(path: Path, name: str | None = None, limit: int = MAX_EXPANDED) -> None:
    """Refuse a ZIP package that would inflate past ``limit`` or by more than ``MAX_RATIO``.

    A file that is not a ZIP at all is left to the format's own check (encrypted Office
    files are OLE containers, and say so better there).
    """
    name = name or path.name
    if not zipfile.is_zipfile(path):
        return
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise TooLarge("upload.package_too_many_parts", file=name, count=len(members), limit=MAX_MEMBERS)
            declared = sum(m.file_size for m in members)
            if declared > limit:
                raise TooLarge("upload.package_too_large", file=name, size_mb=f"{declared / MB:.0f}",
                               limit_mb=f"{limit / MB:.0f}")
            for m in members:
                if m.compress_size and m.file_size / m.compress_size > MAX_RATIO and m.file_size > MB:
                    raise TooLarge("upload.package_ratio", file=name, part=m.filename,
                                   ratio=f"{m.file_size / m.compress_size:.0f}", limit=MAX_RATIO)
            _inflate_within(archive, members, name, limit)
    except zipfile.BadZipFile as exc:
        raise InvalidInput("upload.package_damaged", file=name, detail=str(exc)[:200]) from exc


def _inflate_within(archive: zipfile.ZipFile, members, name: str, limit: int) -> None:
    """Inflate every member (discarding the bytes) and stop as soon as the real total passes ``limit``.

    Office never writes a DTD into its XML parts; one that declares entities is refused here
    (entity expansion, external entities) before any XML parser sees it."""
    total = 0
    for m in members:
        with archive.open(m) as fh:
            first = True
            while block := fh.read(1 << 20):
                if first and m.filename.lower().endswith((".xml", ".rels")) and b"<!DOCTYPE" in block[:4096].upper():
                    raise InvalidInput("upload.xml_entities", file=name, part=m.filename)
                first = False
                total += len(block)
                if total > limit:
                    raise TooLarge("upload.package_too_large", file=name, size_mb=f">{limit / MB:.0f}",
                                   limit_mb=f"{limit / MB:.0f}")
