"""Reading delimited text strictly: the right encoding, the right number of fields per line."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from mamoru.screening.parsers._common import bad_file, decode


def text_of(data: bytes, path: Path, fallback: str | None = "latin-1") -> str:
    """UTF-8 if the bytes are valid UTF-8, else ``fallback`` (OFAC's legacy CSVs are Latin-1).

    With ``fallback=None`` only UTF-8 is accepted and a bad byte is reported by line.
    """
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        if fallback is None:
            return decode(data, path, "utf-8")
        return decode(data, path, fallback)


def rows(text: str, path: Path, *, delimiter: str = ",", fields: int | None = None):
    """(line number, cells) for each non-empty record; a wrong field count names the line."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        for cells in reader:
            line = reader.line_num
            if not cells or all(not c.strip() or c.strip() == "\x1a" for c in cells):
                continue
            if fields is not None and len(cells) != fields:
                raise bad_file(
                    "screening.malformed", path, line, detail=f"{len(cells)} fields, expected {fields}"
                )
            yield line, [c.strip() for c in cells]
    except csv.Error as exc:
        raise bad_file("screening.malformed", path, reader.line_num, detail=str(exc)) from exc
