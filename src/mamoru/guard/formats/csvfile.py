"""``.csv``: one unit per cell (location row/column); the notice is a first row of one cell."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Iterator

from mamoru.errors import MamoruError
from mamoru.guard.findings import Location
from mamoru.guard.formats.base import Rewrite, TextUnit, apply_edits
from mamoru.guard.formats.textio import encode_text, read_text
from mamoru.guard.marking import Marking


def _dialect(text: str):
    try:
        return csv.Sniffer().sniff(text[:65536], delimiters=",\t;")
    except csv.Error:
        return csv.excel


def _rows(path: Path, text: str, dialect) -> list[list[str]]:
    try:
        return list(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as exc:
        raise MamoruError("guard.file.corrupt", path=str(path), suffix=".csv", detail=str(exc)) from exc


def _clean(rewrite: Rewrite, value: str, row: int, column: int) -> str:
    return apply_edits(value, rewrite(value, Location("cell", row=row, column=column))) if value else value


class CsvFormat:
    name = "csv"
    suffixes = (".csv",)
    can_redact = True

    def extract(self, path: Path) -> Iterator[TextUnit]:
        text = read_text(path).text
        for r, row in enumerate(_rows(path, text, _dialect(text)), start=1):
            for c, value in enumerate(row, start=1):
                if value:
                    yield TextUnit(Location("cell", row=r, column=c), value)

    def redact(self, source: Path, target: Path, rewrite: Rewrite, marking: Marking) -> None:
        decoded = read_text(source)
        dialect = _dialect(decoded.text)
        rows = _rows(source, decoded.text, dialect)
        out = io.StringIO(newline="")
        writer = csv.writer(out, dialect, lineterminator=decoded.newline)
        writer.writerow([" ".join(marking.notice_lines())])
        for r, row in enumerate(rows, start=1):
            writer.writerow([_clean(rewrite, v, r, c) for c, v in enumerate(row, start=1)])
        target.write_bytes(encode_text(out.getvalue(), decoded.encoding))
