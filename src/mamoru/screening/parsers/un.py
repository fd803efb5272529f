"""UN Security Council Consolidated List, XML (INDIVIDUALS / ENTITIES).

The name is FIRST_NAME … FOURTH_NAME in order; NAME_ORIGINAL_SCRIPT (Arabic,
Korean, Chinese …) becomes an alias in its script; INDIVIDUAL_ALIAS /
ENTITY_ALIAS keep their QUALITY ("Low" aliases are still indexed).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from io import BytesIO
from pathlib import Path

from mamoru.screening.entries import ListEntry, ParsedList
from mamoru.screening.parsers._common import alias, bad_file, country_code, file_hash, read_bytes

SOURCE = "un_sc"


def parse(path: Path) -> ParsedList:
    data = read_bytes(path)
    try:
        root = ET.parse(BytesIO(data)).getroot()
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else "-"
        raise bad_file("screening.malformed", path, line, detail=str(exc)) from exc
    if root.tag != "CONSOLIDATED_LIST":
        raise bad_file("screening.unknown_columns", path, 1, columns=root.tag, expected="CONSOLIDATED_LIST")
    entries = [_individual(el) for el in root.iterfind("INDIVIDUALS/INDIVIDUAL")]
    entries += [_entity(el) for el in root.iterfind("ENTITIES/ENTITY")]
    if not entries:
        raise bad_file("screening.empty_list", path)
    return ParsedList(SOURCE, "un_xml", file_hash(data), entries, root.get("dateGenerated", "")[:10])


def _text(el, path: str) -> str:
    found = el.find(path)
    return " ".join((found.text or "").split()) if found is not None and found.text else ""


def _values(el, path: str) -> list[str]:
    return [" ".join(v.text.split()) for v in el.iterfind(path) if v.text and v.text.strip()]


def _aliases(el, tag: str, primary: str) -> tuple:
    out, seen = [], {primary}
    original = _text(el, "NAME_ORIGINAL_SCRIPT")
    candidates = [(original, "original_script")] if original else []
    for a in el.iterfind(tag):
        candidates.append((_text(a, "ALIAS_NAME"), _text(a, "QUALITY").lower()))
    for name, quality in candidates:
        if name and name not in seen:
            seen.add(name)
            out.append(alias(name, quality))
    return tuple(out)


def _individual(el) -> ListEntry:
    parts = [_text(el, t) for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
    primary = " ".join(p for p in parts if p)
    dobs = []
    for d in el.iterfind("INDIVIDUAL_DATE_OF_BIRTH"):
        date, year = _text(d, "DATE"), _text(d, "YEAR")
        if date:
            dobs.append(date[:10])
        elif year:
            dobs.append(year)
        else:
            lo, hi = _text(d, "FROM_YEAR"), _text(d, "TO_YEAR")
            if lo.isdigit() and hi.isdigit() and int(hi) - int(lo) <= 10:
                dobs += [str(y) for y in range(int(lo), int(hi) + 1)]
    nationality = [country_code(v) for v in _values(el, "NATIONALITY/VALUE")]
    docs = [_text(d, "NUMBER") for d in el.iterfind("INDIVIDUAL_DOCUMENT")]
    return ListEntry(
        entry_id=f"{SOURCE}:{_text(el, 'DATAID')}",
        primary_name=primary,
        entity_type="person",
        aliases=_aliases(el, "INDIVIDUAL_ALIAS", primary),
        countries=tuple(dict.fromkeys(c for c in nationality if c)),
        birth_dates=tuple(dict.fromkeys(dobs)),
        identifiers=tuple(d for d in docs if d),
        programmes=tuple(p for p in [_text(el, "UN_LIST_TYPE"), _text(el, "REFERENCE_NUMBER")] if p),
        remarks=_text(el, "COMMENTS1")[:500],
    )


def _entity(el) -> ListEntry:
    primary = _text(el, "FIRST_NAME")
    countries = [country_code(_text(a, "COUNTRY")) for a in el.iterfind("ENTITY_ADDRESS")]
    return ListEntry(
        entry_id=f"{SOURCE}:{_text(el, 'DATAID')}",
        primary_name=primary,
        entity_type="organization",
        aliases=_aliases(el, "ENTITY_ALIAS", primary),
        countries=tuple(dict.fromkeys(c for c in countries if c)),
        programmes=tuple(p for p in [_text(el, "UN_LIST_TYPE"), _text(el, "REFERENCE_NUMBER")] if p),
        remarks=_text(el, "COMMENTS1")[:500],
    )
