"""``.xlsx``: every sheet's cell text (formulas too), cell comments, sheet names,
print headers/footers and workbook properties.

Refuses to redact workbooks with pivot tables: their caches keep a copy of the
source data that openpyxl writes back untouched.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from mamoru.errors import MamoruError
from mamoru.guard.findings import Location
from mamoru.guard.formats.base import Rewrite, TextUnit, apply_edits
from mamoru.guard.formats.container import check_office_zip, corrupt
from mamoru.guard.marking import Marking

_PROPERTIES = ("title", "subject", "creator", "keywords", "description", "lastModifiedBy", "category")
_HEADERS = ("oddHeader", "evenHeader", "firstHeader", "oddFooter", "evenFooter", "firstFooter")
_TITLE_FIXES = str.maketrans({"[": "【", "]": "】", ":": "：", "*": "＊", "?": "？", "/": "／", "\\": "＼"})


def _open(path: Path):
    import openpyxl

    check_office_zip(path)
    try:
        return openpyxl.load_workbook(str(path))
    except Exception as exc:  # openpyxl raises many kinds for a broken package
        raise corrupt(path, exc) from exc


def _header_parts(ws):
    for attr in _HEADERS:
        hf = getattr(ws, attr, None)
        if hf is None:
            continue
        for side in ("left", "center", "right"):
            part = getattr(hf, side)
            if part.text:
                kind = "header" if "Header" in attr else "footer"
                yield Location(kind, sheet=ws.title, name=f"{attr}.{side}"), part


def _units(wb):
    """(location, text, setter) for every piece of text in the workbook."""
    for ws in wb.worksheets:
        yield Location("sheet_name", sheet=ws.title), ws.title, lambda v, ws=ws: setattr(ws, "title", _title(v))
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value:
                    loc = Location("cell", sheet=ws.title, cell=cell.coordinate)
                    yield loc, cell.value, lambda v, c=cell: setattr(c, "value", v)
                if cell.comment is not None and cell.comment.text:
                    loc = Location("cell_comment", sheet=ws.title, cell=cell.coordinate)
                    yield loc, cell.comment.text, lambda v, c=cell: setattr(c.comment, "text", v)
        for loc, part in _header_parts(ws):
            yield loc, part.text, lambda v, p=part: setattr(p, "text", v)
    for name in _PROPERTIES:
        value = getattr(wb.properties, name, None)
        if isinstance(value, str) and value:
            yield Location("property", name=name), value, lambda v, n=name: setattr(wb.properties, n, v)


def _title(value: str) -> str:
    return value.translate(_TITLE_FIXES)[:31] or "Sheet"


class XlsxFormat:
    name = "xlsx"
    suffixes = (".xlsx",)
    can_redact = True

    def extract(self, path: Path) -> Iterator[TextUnit]:
        for location, text, _ in _units(_open(path)):
            yield TextUnit(location, text)

    def redact(self, source: Path, target: Path, rewrite: Rewrite, marking: Marking) -> None:
        wb = _open(source)
        if any(getattr(ws, "_pivots", None) for ws in wb.worksheets):
            raise MamoruError("guard.redact.xlsx_pivot", path=str(source))
        # Collect first: renaming a sheet while iterating would relabel later locations.
        pending = []
        for location, text, setter in _units(wb):
            edits = rewrite(text, location)
            if edits:
                pending.append((setter, apply_edits(text, edits)))
        for setter, value in pending:
            setter(value)
        _mark(wb, marking)
        wb.save(str(target))


def _mark(wb, marking: Marking) -> None:
    """Print header and footer of every sheet name the recipient and the control number."""
    line = marking.header_line()
    if marking.document_id:
        wb.properties.identifier = marking.document_id
    for ws in wb.worksheets:
        for attr in ("oddHeader", "oddFooter", "firstHeader", "firstFooter", "evenHeader", "evenFooter"):
            part = getattr(ws, attr).center
            existing = part.text or ""
            part.text = (line + ("\n" + existing if existing else ""))[:250]
