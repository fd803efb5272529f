"""Spreadsheet cells that stay data: no formula injection in what mamoru exports.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a
formula by Excel and LibreOffice when a CSV is opened (``=HYPERLINK(...)``, DDE). Partner
names, titles and notes come from people and imports, so every export neutralises them:

- CSV: the value gets a leading apostrophe (``'=1+2``), which spreadsheet programs show
  as text; our own import takes that apostrophe off again, so an export re-imports as it was.
- XLSX: the cell is written as a string with the "quote prefix" style; Excel shows the
  text unchanged and never evaluates it, and the stored value is the original text.
"""

from __future__ import annotations

from typing import Any

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
PREFIX = "'"


def risky(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(TRIGGERS)


def csv_value(value: Any) -> Any:
    """The value as a CSV export writes it."""
    return PREFIX + value if risky(value) else value


def from_csv(value: Any) -> Any:
    """Undo ``csv_value`` on import: only an apostrophe followed by a trigger is ours."""
    if isinstance(value, str) and value.startswith(PREFIX) and value[1:].startswith(TRIGGERS):
        return value[1:]
    return value


def xlsx_cell(cell: Any) -> Any:
    """Make an openpyxl cell that holds risky text a plain string (never a formula)."""
    if risky(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def xlsx_row(sheet: Any, values: list[Any]) -> None:
    """Append a row to an openpyxl sheet with risky text kept as text."""
    sheet.append([None if risky(v) else v for v in values])
    row = sheet.max_row
    for column, value in enumerate(values, start=1):
        if risky(value):
            cell = sheet.cell(row=row, column=column)
            cell.value = value
            xlsx_cell(cell)
