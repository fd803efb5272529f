"""The documented simple CSV for any other list (see docs/screening.md).

UTF-8, comma-separated, one header line. Columns: ``id`` and ``name`` are
required; ``type`` (person / organization / vessel / aircraft), ``aliases``,
``countries``, ``birth_dates``, ``identifiers``, ``programme`` are optional;
several values in one cell are separated by ";". Any other column is refused, so
a misspelt column never silently drops data.
"""

from __future__ import annotations

from pathlib import Path

from mamoru.screening.entries import ENTITY_TYPES, ListEntry, ParsedList
from mamoru.screening.parsers._common import alias, bad_file, country_code, file_hash, read_bytes
from mamoru.screening.parsers._csvtext import rows, text_of

REQUIRED = ("id", "name")
OPTIONAL = ("type", "aliases", "countries", "birth_dates", "identifiers", "programme")


def _many(cell: str) -> list[str]:
    return [v.strip() for v in cell.split(";") if v.strip()]


def parse(path: Path, source: str | None = None) -> ParsedList:
    path = Path(path)
    data = read_bytes(path)
    records = rows(text_of(data, path, fallback=None), path)
    first = next(records, None)
    if first is None:
        raise bad_file("screening.empty_list", path)
    _, header = first
    header = [h.lower() for h in header]
    unknown = [h for h in header if h not in REQUIRED + OPTIONAL]
    missing = [h for h in REQUIRED if h not in header]
    if unknown or missing:
        raise bad_file("screening.unknown_columns", path, 1, columns=", ".join(unknown + missing), expected=", ".join(REQUIRED + OPTIONAL))
    col = {h: i for i, h in enumerate(header)}
    name = source or path.stem
    entries: list[ListEntry] = []
    seen: set[str] = set()
    for line, cells in records:
        if len(cells) != len(header):
            raise bad_file("screening.malformed", path, line, detail=f"{len(cells)} fields, expected {len(header)}")
        get = lambda c: cells[col[c]] if c in col else ""  # noqa: E731
        if not get("id") or not get("name"):
            raise bad_file("screening.malformed", path, line, detail="id and name are required")
        if get("id") in seen:
            raise bad_file("screening.malformed", path, line, detail=f"id {get('id')!r} appears twice")
        seen.add(get("id"))
        kind = (get("type") or "unknown").lower()
        if kind not in ENTITY_TYPES:
            raise bad_file("screening.malformed", path, line, detail=f"type {kind!r} is not one of {', '.join(ENTITY_TYPES)}")
        entries.append(
            ListEntry(
                entry_id=f"{name}:{get('id')}",
                primary_name=get("name"),
                entity_type=kind,
                aliases=tuple(alias(a) for a in _many(get("aliases"))),
                countries=tuple(country_code(c) for c in _many(get("countries"))),
                birth_dates=tuple(_many(get("birth_dates"))),
                identifiers=tuple(_many(get("identifiers"))),
                programmes=tuple(_many(get("programme"))),
            )
        )
    if not entries:
        raise bad_file("screening.empty_list", path)
    return ParsedList(name, "simple_csv", file_hash(data), entries)
