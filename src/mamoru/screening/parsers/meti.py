"""METI End User List (外国ユーザーリスト), the official XLSX.

Columns: No., country (Japanese\\nEnglish), company name, also-known-as (one per
line, each after "・"), type of WMD, conventional weapons. Names written in Han
appear in brackets, e.g. "(鴨緑江開発銀行)", after a Latin name or alias: they are
kept as separate aliases, in Han script.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import replace
from pathlib import Path

from mamoru.screening.entries import ListEntry, ParsedList
from mamoru.screening.text import fold
from mamoru.screening.parsers._common import alias, bad_file, country_code, file_hash, read_bytes

SOURCE = "jp_meti_eul"
HEADERS = ("no", "country", "company", "also known as", "type of wmd")
_BRACKETED = re.compile(r"[(（]([^()（）]*)[)）]")


def parse(path: Path) -> ParsedList:
    import openpyxl

    data = read_bytes(path)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise bad_file("screening.malformed", path, 1, detail=f"not an XLSX workbook ({exc.__class__.__name__})") from exc
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    _check_header(path, header)
    entries: list[ListEntry] = []
    seen_ids: set[str] = set()
    for line, row in enumerate(rows, start=2):
        cells = [("" if c is None else str(c)) for c in row]
        if not any(c.strip() for c in cells[:4]):
            continue
        if len(cells) < 4 or not cells[2].strip():
            raise bad_file("screening.malformed", path, line, detail="company name (column C) is empty")
        entry = _entry(line, cells)
        if entry.entry_id in seen_ids:  # the same name twice in one country: keep both
            entry = replace(entry, entry_id=f"{entry.entry_id}-{line}")
        seen_ids.add(entry.entry_id)
        entries.append(entry)
    book.close()
    if not entries:
        raise bad_file("screening.empty_list", path)
    return ParsedList(SOURCE, "meti_xlsx", file_hash(data), entries)


def _check_header(path: Path, header) -> None:
    if not header:
        raise bad_file("screening.truncated", path, 1)
    cells = [" ".join(str(c or "").lower().split()) for c in header[:5]]
    for column, (cell, expected) in enumerate(zip(cells, HEADERS), start=1):
        if expected not in cell:
            raise bad_file(
                "screening.unknown_columns", path, 1, columns=str(header[column - 1]), expected=expected
            )


def _entry(line: int, cells: list[str]) -> ListEntry:
    primary, extra = _split_names(cells[2])
    names = list(extra)
    for raw in cells[3].split("\n"):
        main, bracketed = _split_names(raw.strip().lstrip("・").strip())
        names += ([main] if main else []) + bracketed
    seen = {primary}
    aliases = []
    for name in names:
        if name and name not in seen:
            seen.add(name)
            aliases.append(alias(name))
    country = cells[1].split("\n")[-1].strip()
    # The list has no stable numbers (No. is =ROW()-1), so the id is the country and name.
    stable = hashlib.sha1(f"{country_code(country)}|{fold(primary)}".encode()).hexdigest()[:12]
    return ListEntry(
        entry_id=f"{SOURCE}:{stable}",
        primary_name=primary,
        entity_type="organization",
        aliases=tuple(aliases),
        countries=(country_code(country),) if country else (),
        programmes=tuple(p.strip() for p in cells[4].split("\n")[-1:] if p.strip()),
    )


def _split_names(text: str) -> tuple[str, list[str]]:
    """'Air Koryo\\n(高麗航空)' → ('Air Koryo', ['高麗航空']); Latin acronyms in brackets stay."""
    extra: list[str] = []

    def keep_cjk(match: re.Match) -> str:
        inner = match.group(1).strip()
        if inner and not inner.isascii():
            extra.append(inner)
            return " "
        return match.group(0)

    main = " ".join(_BRACKETED.sub(keep_cjk, text).split())
    if not main and extra:
        main = extra.pop(0)
    return main, extra
