"""``.pdf``: scanning only. A PDF's text layer cannot be rewritten safely (glyphs,
embedded fonts, images of text, incremental updates), so redaction refuses."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from mamoru.errors import MamoruError
from mamoru.guard.findings import Location
from mamoru.guard.formats.base import Rewrite, TextUnit
from mamoru.guard.formats.container import corrupt
from mamoru.guard.marking import Marking


def _reader(path: Path):
    from pypdf import PdfReader

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise MamoruError("guard.file.encrypted", path=str(path))
        reader.pages  # noqa: B018 - forces the page tree to load, so damage shows here
        return reader
    except MamoruError:
        raise
    except Exception as exc:  # pypdf raises many kinds for a broken file
        if "decrypt" in str(exc).lower() or "encrypt" in str(exc).lower():
            raise MamoruError("guard.file.encrypted", path=str(path)) from exc
        raise corrupt(path, exc) from exc


class PdfFormat:
    name = "pdf"
    suffixes = (".pdf",)
    can_redact = False

    def extract(self, path: Path) -> Iterator[TextUnit]:
        reader = _reader(path)
        for number, page in enumerate(reader.pages, start=1):
            try:
                text = page.extract_text() or ""
            except Exception as exc:
                raise corrupt(path, exc) from exc
            if text:
                yield TextUnit(Location("page", page=number), text)

    def redact(self, source: Path, target: Path, rewrite: Rewrite, marking: Marking) -> None:
        raise MamoruError("guard.redact.unsupported", suffix=source.suffix)
