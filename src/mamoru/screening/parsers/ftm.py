"""FollowTheMoney entities as JSON lines (OpenSanctions exports, yente data).

Only entities that can be a party are kept (Person, Company, Organization,
LegalEntity, PublicBody, Vessel, Airplane); addresses, sanctions and other
linked records in the same file are skipped.
"""

from __future__ import annotations

import json
from pathlib import Path

from mamoru.screening.entries import ListEntry, ParsedList
from mamoru.screening.parsers._common import alias, bad_file, country_code, file_hash, read_bytes
from mamoru.screening.parsers._csvtext import text_of

SCHEMAS = {
    "Person": "person", "Company": "organization", "Organization": "organization",
    "LegalEntity": "organization", "PublicBody": "organization", "Vessel": "vessel", "Airplane": "aircraft",
}
NAME_PROPS = ("alias", "weakAlias", "previousName", "abbreviation")
ID_PROPS = ("idNumber", "registrationNumber", "passportNumber", "taxNumber", "innCode", "ogrnCode", "imoNumber", "leiCode", "swiftBic")
COUNTRY_PROPS = ("country", "nationality", "citizenship", "jurisdiction", "flag")


def parse(path: Path, source: str | None = None) -> ParsedList:
    path = Path(path)
    data = read_bytes(path)
    text = text_of(data, path, fallback=None)
    entries: list[ListEntry] = []
    for line, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise bad_file("screening.malformed", path, line, detail=exc.msg) from exc
        if not isinstance(obj, dict) or "schema" not in obj or "id" not in obj:
            raise bad_file("screening.unknown_columns", path, line, columns=",".join(sorted(obj)) if isinstance(obj, dict) else type(obj).__name__, expected="id, schema, properties")
        kind = SCHEMAS.get(obj["schema"])
        if kind is None:
            continue
        props = obj.get("properties") or {}
        names = [n for n in props.get("name", []) if n and n.strip()]
        if not names:
            caption = obj.get("caption")
            names = [caption] if caption else []
        if not names:
            raise bad_file("screening.malformed", path, line, detail="entity without a name")
        others = names[1:] + [n for p in NAME_PROPS for n in props.get(p, []) if n and n.strip()]
        aliases = tuple(dict.fromkeys(alias(n, "weak" if n in props.get("weakAlias", []) else "") for n in others if n != names[0]))
        entries.append(
            ListEntry(
                entry_id=f"{source or path.stem}:{obj['id']}",
                primary_name=names[0],
                entity_type=kind,
                aliases=aliases,
                countries=tuple(dict.fromkeys(country_code(c) for p in COUNTRY_PROPS for c in props.get(p, []) if c)),
                birth_dates=tuple(dict.fromkeys(props.get("birthDate", []) + props.get("incorporationDate", []))),
                identifiers=tuple(dict.fromkeys(i for p in ID_PROPS for i in props.get(p, []) if i)),
                programmes=tuple(props.get("program", []) + props.get("programId", []))[:5],
                remarks=" ".join(props.get("notes", []))[:500],
            )
        )
    if not entries:
        raise bad_file("screening.empty_list", path)
    return ParsedList(source or path.stem, "ftm_json", file_hash(data), entries)
