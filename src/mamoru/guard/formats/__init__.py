"""Format plug-ins, one module each; more can come from the ``mamoru.guard.formats`` entry point group."""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import entry_points
from pathlib import Path

from mamoru.errors import MamoruError
from mamoru.guard.formats.base import DocumentFormat, Edit, Rewrite, TextUnit, apply_edits
from mamoru.guard.formats.csvfile import CsvFormat
from mamoru.guard.formats.docx import DocxFormat
from mamoru.guard.formats.markdown import MarkdownFormat
from mamoru.guard.formats.pdf import PdfFormat
from mamoru.guard.formats.plaintext import PlainTextFormat
from mamoru.guard.formats.xlsx import XlsxFormat

BUILTIN: tuple[DocumentFormat, ...] = (
    PlainTextFormat(), MarkdownFormat(), CsvFormat(), DocxFormat(), XlsxFormat(), PdfFormat(),
)

__all__ = ["DocumentFormat", "Edit", "Rewrite", "TextUnit", "apply_edits", "format_for", "registry"]


@lru_cache(maxsize=1)
def registry() -> dict[str, DocumentFormat]:
    """Suffix -> format; plug-ins may add suffixes but never replace a built-in one."""
    table: dict[str, DocumentFormat] = {}
    for fmt in BUILTIN:
        for suffix in fmt.suffixes:
            table[suffix] = fmt
    for ep in entry_points(group="mamoru.guard.formats"):
        fmt = ep.load()()
        for suffix in fmt.suffixes:
            table.setdefault(suffix.lower(), fmt)
    return table


def format_for(path: Path) -> DocumentFormat:
    fmt = registry().get(path.suffix.lower())
    if fmt is None:
        raise MamoruError("guard.file.unsupported", suffix=path.suffix or "(none)", supported=sorted(registry()))
    return fmt
