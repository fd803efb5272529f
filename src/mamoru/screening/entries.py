"""Plain records for list entries, independent of the file they came from.

Every parser produces these, so the index, the storage and the diff never need to
know which list format an entry was read from.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field

ENTITY_TYPES = ("person", "organization", "vessel", "aircraft", "unknown")


@dataclass(frozen=True, slots=True)
class Alias:
    """One more name for an entry; ``script`` is the main writing system (Latin, Han, ...)."""

    name: str
    script: str = "Latin"
    quality: str = ""  # e.g. "weak" for UN low-quality aliases, "fka" for OFAC former names


@dataclass(frozen=True, slots=True)
class ListEntry:
    """An entry of a sanctions or end-user list, as published."""

    entry_id: str
    primary_name: str
    entity_type: str = "unknown"
    aliases: tuple[Alias, ...] = ()
    countries: tuple[str, ...] = ()  # ISO 3166 alpha-2 where known, else the published word
    birth_dates: tuple[str, ...] = ()  # ISO prefixes: "1962", "1962-04", "1962-04-29"
    identifiers: tuple[str, ...] = ()
    programmes: tuple[str, ...] = ()
    remarks: str = ""

    def names(self) -> list[tuple[str, str]]:
        """Every searchable name with its script, the primary one first."""
        from mamoru.screening.text import main_script

        out = [(self.primary_name, main_script(self.primary_name))]
        out += [(a.name, a.script) for a in self.aliases]
        return out

    def content_hash(self) -> str:
        """Changes whenever anything published about the entry changes (re-raises dismissed pairs)."""
        payload = json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "ListEntry":
        data = dict(data)
        data["aliases"] = tuple(Alias(**a) for a in data.get("aliases", ()))
        for key in ("countries", "birth_dates", "identifiers", "programmes"):
            data[key] = tuple(data.get(key, ()))
        return cls(**data)


@dataclass(slots=True)
class ParsedList:
    """The result of reading one list file: its source, a content hash and its entries."""

    source: str  # list key, e.g. "jp_meti_eul", "un_sc", "us_ofac_sdn"
    format: str
    file_hash: str
    entries: list[ListEntry] = field(default_factory=list)
    published: str = ""
