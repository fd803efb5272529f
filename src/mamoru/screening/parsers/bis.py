"""US BIS Denied Persons List: tab-separated text with a header line.

The list mixes people and companies without saying which, so entries are of
unknown type; the id is derived from name, address and effective date because
the file has none.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from mamoru.screening.entries import ListEntry, ParsedList
from mamoru.screening.parsers._common import bad_file, country_code, file_hash, read_bytes
from mamoru.screening.parsers._csvtext import rows, text_of

SOURCE = "us_bis_dpl"
COLUMNS = (
    "Name", "Street_Address", "City", "State", "Country", "Postal_Code", "Effective_Date",
    "Expiration_Date", "Standard_Order", "Last_Update", "Action", "FR_Citation",
)


def parse(path: Path) -> ParsedList:
    path = Path(path)
    data = read_bytes(path)
    records = rows(text_of(data, path), path, delimiter="\t")
    first = next(records, None)
    if first is None:
        raise bad_file("screening.empty_list", path)
    _, header = first
    unknown = [c for c in header if c not in COLUMNS]
    if unknown or "Name" not in header:
        raise bad_file("screening.unknown_columns", path, 1, columns=", ".join(unknown) or "-", expected="Name")
    col = {name: i for i, name in enumerate(header)}
    entries: list[ListEntry] = []
    seen: set[str] = set()
    for line, cells in records:
        if len(cells) != len(header):
            raise bad_file("screening.malformed", path, line, detail=f"{len(cells)} fields, expected {len(header)}")
        get = lambda name: cells[col[name]] if name in col else ""  # noqa: E731
        name = " ".join(get("Name").split())
        if not name:
            raise bad_file("screening.malformed", path, line, detail="Name is empty")
        key = "|".join([name, get("Street_Address"), get("City"), get("Effective_Date")])
        entry_id = f"{SOURCE}:{hashlib.sha1(key.encode()).hexdigest()[:12]}"
        if entry_id in seen:
            continue  # the file repeats some records verbatim
        seen.add(entry_id)
        country = country_code(get("Country"))
        entries.append(
            ListEntry(
                entry_id=entry_id,
                primary_name=name,
                entity_type="unknown",
                countries=(country,) if country else (),
                programmes=tuple(p for p in [get("FR_Citation")[:80]] if p),
                remarks=", ".join(p for p in [get("Street_Address"), get("City"), get("State")] if p)[:500],
            )
        )
    if not entries:
        raise bad_file("screening.empty_list", path)
    return ParsedList(SOURCE, "bis_dpl", file_hash(data), entries)
