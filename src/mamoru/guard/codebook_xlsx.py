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
HEADERS_EN = {"code name": "code_name"}
# What an export writes as the header row, in the reader's language (reading takes either, or the codes).
HEADERS = {"ja": tuple(HEADERS_JA), "en": ("technology", "term", "element", "category", "code name")}
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
    header = [_column(h) for h in rows[0]]
    for name in REQUIRED:
        if name not in header:
            raise InvalidInput("guard.codebook.import_header", path=path.name, sheet=SHEET, column=name)
    out = []
    for number, values in enumerate(rows[1:], start=2):
        cells = {name: ("" if v is None else str(v).strip()) for name, v in zip(header, values) if name in COLUMNS}
        if cells.get("category"):
            cells["category"] = _category_codes().get(cells["category"], cells["category"])
        if not any(cells.values()):
            continue
        out.append(CodebookRow(SHEET, number, cells))
    return out


def _column(header) -> str:
    if header is None:
        return ""
    text = str(header).strip()
    return HEADERS_JA.get(text) or HEADERS_EN.get(text.lower()) or text.lower()


def _category_codes() -> dict[str, str]:
    """A category as an export writes it (材料, material) → its code; codes read as themselves."""
    from mamoru.i18n import LANGS, label

    from mamoru.guard.models import CATEGORIES

    return {label("wb_category", c, lang): c for c in CATEGORIES for lang in LANGS}


def write_rows(path: Path, rows: list[dict[str, str]], lang: str = "ja") -> None:
    """Headers and categories in the reader's language (what ``read_rows`` reads back)."""
    import openpyxl

    from mamoru import cells
    from mamoru.i18n import label

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(list(HEADERS.get(lang, HEADERS["ja"])))
    for row in rows:
        values = {**row, "category": label("wb_category", row["category"], lang) if row.get("category") else ""}
        cells.xlsx_row(ws, [values.get(name, "") for name in COLUMNS])  # a term like "=..." stays text
    wb.save(str(path))
