"""The codebook as a spreadsheet: one sheet, one term per row.

Reading checks the shape only (sheet, header, required cells); what the values mean
(does the element exist?) is checked by the service, which reports the same
sheet/row/column coordinates.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mamoru.errors import InvalidInput

SHEET = "codebook"
COLUMNS = ("technology", "term", "element", "category", "code_name")
HEADERS_JA = {"技術": "technology", "用語": "term", "要素": "element", "区分": "category", "コードネーム": "code_name"}
REQUIRED = ("technology", "term", "element")


@dataclass(frozen=True)
class CodebookRow:
    sheet: str
    row: int
    values: dict[str, str]


def row_error(path: Path, row: CodebookRow, column: str, reason_code: str, **params) -> InvalidInput:
    from mamoru.i18n import t

    return InvalidInput(
        "guard.codebook.import_row",
        path=path.name, sheet=row.sheet, row=row.row, column=column,
        reason=t(reason_code, "ja", **params), reason_en=t(reason_code, "en", **params),
    )


def read_rows(path: Path) -> list[CodebookRow]:
    import openpyxl

    from mamoru import limits

    limits.check_package(path)
    import zipfile

    try:
        wb = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, EOFError) as exc:  # not XLSX at all: say so, not the parser's words
        raise InvalidInput("import.not_xlsx", file=path.name) from exc
    except Exception as exc:  # any unreadable file
        raise InvalidInput("guard.codebook.import_file", path=path.name, detail=f"{type(exc).__name__}: {exc}"[:200]) from exc
    try:
        if SHEET not in wb.sheetnames:
            raise InvalidInput("guard.codebook.import_sheet", path=path.name, sheet=SHEET)
        rows = list(wb[SHEET].iter_rows(values_only=True))
    except InvalidInput:
        raise
    except Exception as exc:  # bad sheet XML shows only while the rows are read
        raise InvalidInput("guard.codebook.import_file", path=path.name, detail=f"{type(exc).__name__}: {exc}"[:200]) from exc
    finally:
        wb.close()
    if not rows:
        raise InvalidInput("guard.codebook.import_header", path=path.name, sheet=SHEET, column="term")
    header = [HEADERS_JA.get(str(h).strip(), str(h).strip().lower()) if h is not None else "" for h in rows[0]]
    for name in REQUIRED:
        if name not in header:
            raise InvalidInput("guard.codebook.import_header", path=path.name, sheet=SHEET, column=name)
    out = []
    for number, values in enumerate(rows[1:], start=2):
        cells = {name: ("" if v is None else str(v).strip()) for name, v in zip(header, values) if name in COLUMNS}
        if not any(cells.values()):
            continue
        out.append(CodebookRow(SHEET, number, cells))
    return out


def write_rows(path: Path, rows: list[dict[str, str]]) -> None:
    import openpyxl

    from mamoru import cells

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(list(COLUMNS))
    for row in rows:
        cells.xlsx_row(ws, [row.get(name, "") for name in COLUMNS])  # a term like "=..." stays text
    wb.save(str(path))
