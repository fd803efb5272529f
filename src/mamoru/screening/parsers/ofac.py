"""US Treasury OFAC lists in the legacy CSV layout: SDN and Consolidated (non-SDN).

Three files without header, joined by ``ent_num``: the primary file (sdn.csv or
cons_prim.csv, 12 fields), aliases (alt.csv / cons_alt.csv, 5 fields) and
addresses (add.csv / cons_add.csv, 6 fields). "-0-" means empty. The files are
Latin-1. Dates of birth and document numbers are read from the remarks.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from mamoru.screening.entries import ListEntry, ParsedList
from mamoru.screening.parsers._common import alias, bad_file, country_code, file_hash, iso_dates, read_bytes
from mamoru.screening.parsers._csvtext import rows, text_of

SIBLINGS = {"sdn.csv": ("alt.csv", "add.csv", "us_ofac_sdn"), "cons_prim.csv": ("cons_alt.csv", "cons_add.csv", "us_ofac_cons")}
TYPES = {"individual": "person", "vessel": "vessel", "aircraft": "aircraft", "": "organization"}
_ID_LABELS = re.compile(
    r"(?:Passport|National ID No\.|Identification Number|Registration (?:Number|ID)|Tax ID No\.|"
    r"Cedula No\.|NIT #|RFC|C\.U\.R\.P\.|IMO|MMSI|SWIFT/BIC|Business Registration Number|"
    r"Legal Entity Number|Company Number|D-U-N-S Number|Aircraft Manufacturer's Serial Number \(MSN\)) "
    r"([A-Z0-9][A-Z0-9./-]{3,})"
)


def _null(value: str) -> str:
    return "" if value.strip() in ("-0-", "") else value.strip()


def parse(path: Path) -> ParsedList:
    """``path`` is the primary file; its alias and address files are read from the same folder."""
    path = Path(path)
    if path.name not in SIBLINGS:
        raise bad_file("screening.unknown_columns", path, 1, columns=path.name, expected="sdn.csv / cons_prim.csv")
    alt_name, add_name, source = SIBLINGS[path.name]
    prim_bytes = read_bytes(path)
    alt_path, add_path = path.with_name(alt_name), path.with_name(add_name)
    alt_bytes = read_bytes(alt_path) if alt_path.exists() else b""
    add_bytes = read_bytes(add_path) if add_path.exists() else b""

    aliases: dict[str, list] = defaultdict(list)
    for line, cells in rows(text_of(alt_bytes, alt_path), alt_path, fields=5):
        ent, _, kind, name, _ = cells
        _check_number(ent, alt_path, line)
        if _null(name):
            aliases[ent].append(alias(_null(name), _null(kind).lower()))
    countries: dict[str, list] = defaultdict(list)
    for line, cells in rows(text_of(add_bytes, add_path), add_path, fields=6):
        _check_number(cells[0], add_path, line)
        if _null(cells[4]):
            countries[cells[0]].append(country_code(_null(cells[4])))

    entries: list[ListEntry] = []
    for line, cells in rows(text_of(prim_bytes, path), path, fields=12):
        ent, name, kind, programme = cells[0], _null(cells[1]), _null(cells[2]).lower(), _null(cells[3])
        _check_number(ent, path, line)
        if not name:
            raise bad_file("screening.malformed", path, line, detail="name (field 2) is empty")
        if kind not in TYPES:
            raise bad_file("screening.malformed", path, line, detail=f"unknown type {kind!r}")
        remarks = _null(cells[11])
        entries.append(
            ListEntry(
                entry_id=f"{source}:{ent}",
                primary_name=name,
                entity_type=TYPES[kind],
                aliases=tuple(dict.fromkeys(aliases.get(ent, ()))),
                countries=tuple(dict.fromkeys(c for c in countries.get(ent, ()) if c)),
                birth_dates=_birth_dates(remarks),
                identifiers=tuple(dict.fromkeys(_ID_LABELS.findall(remarks))),
                programmes=tuple(p.strip("[] ") for p in programme.split("] [") if p.strip("[] ")),
                remarks=remarks[:500],
            )
        )
    if not entries:
        raise bad_file("screening.empty_list", path)
    return ParsedList(source, "ofac_csv", file_hash(prim_bytes, alt_bytes, add_bytes), entries)


def _check_number(ent: str, path: Path, line: int) -> None:
    if not ent.isdigit():
        raise bad_file("screening.malformed", path, line, detail=f"entry number {ent[:20]!r} is not a number")


def _birth_dates(remarks: str) -> tuple[str, ...]:
    out: list[str] = []
    for part in remarks.split(";"):
        part = part.strip()
        if part.startswith("DOB "):
            out += iso_dates(part[4:])
    return tuple(dict.fromkeys(out))
