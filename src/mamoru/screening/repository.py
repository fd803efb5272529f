"""Reading and writing list versions: entries, names and blocking keys, in bulk.

Names are written in the order the embedded index numbers them (entries by row
id, each entry's primary name then aliases), so that both candidate backends
speak of the same name numbers.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from mamoru.screening.entries import ListEntry, ParsedList
from mamoru.screening.index import IndexedName, _kind
from mamoru.screening.keys import KEYS_VERSION, key_hash, name_keys
from mamoru.screening.models import ListEntryRow, ListVersion, NameKey, NameRow
from mamoru.screening.names import name_form
from mamoru.screening.text import fold

BATCH = 5_000


def signed64(value: int) -> int:
    """Key hashes are unsigned 64-bit; SQL BIGINT is signed."""
    return value - (1 << 64) if value >= (1 << 63) else value


def in_force(session: Session) -> list[ListVersion]:
    return list(session.execute(
        select(ListVersion).where(ListVersion.status == "in_force").order_by(ListVersion.id)
    ).scalars())


def fingerprint(versions: list[ListVersion]) -> str:
    """Names the set of list versions in force; an index built for another set is stale."""
    text = ";".join(f"{v.id}:{v.file_hash}" for v in versions)
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(slots=True)
class Loaded:
    """The entries in force, their row ids, and the names in index order."""

    row_ids: list[int]
    entries: list[ListEntry]
    sources: list[str]
    names: list[IndexedName]
    name_ids: list[int]


def load(session: Session, versions: list[ListVersion]) -> Loaded:
    ids = [v.id for v in versions]
    source_of = {v.id: v.source for v in versions}
    rows = session.execute(
        select(ListEntryRow.id, ListEntryRow.version_id, ListEntryRow.data)
        .where(ListEntryRow.version_id.in_(ids)).order_by(ListEntryRow.id)
    ).all() if ids else []
    position = {row_id: n for n, (row_id, _, _) in enumerate(rows)}
    names = session.execute(
        select(NameRow.id, NameRow.entry_row_id, NameRow.text, NameRow.kind)
        .where(NameRow.version_id.in_(ids)).order_by(NameRow.entry_row_id, NameRow.id)
    ).all() if ids else []
    return Loaded(
        row_ids=[r[0] for r in rows],
        entries=[ListEntry.from_dict(r[2]) for r in rows],
        sources=[source_of[r[1]] for r in rows],
        names=[IndexedName(text, position[entry], kind) for _, entry, text, kind in names],
        name_ids=[n[0] for n in names],
    )


def write_version(session: Session, parsed: ParsedList, version: ListVersion) -> None:
    """Entries, names and keys of a new version; rows are inserted in index order."""
    session.add(version)
    session.flush()
    for start in range(0, len(parsed.entries), BATCH):
        batch = parsed.entries[start : start + BATCH]
        entry_ids = session.execute(
            insert(ListEntryRow).returning(ListEntryRow.id, sort_by_parameter_order=True),
            [
                {"version_id": version.id, "entry_id": e.entry_id, "primary_name": e.primary_name,
                 "entity_type": e.entity_type, "content_hash": e.content_hash(), "data": e.as_dict()}
                for e in batch
            ],
        ).scalars().all()
        name_params, forms = [], []
        for row_id, entry in zip(entry_ids, batch):
            for text, _script in entry.names():
                if text.strip():
                    name_params.append({"version_id": version.id, "entry_row_id": row_id, "text": text,
                                        "search_text": fold(text), "kind": entry.entity_type})
                    forms.append(name_form(text, _kind(entry.entity_type)))
        name_ids = session.execute(
            insert(NameRow).returning(NameRow.id, sort_by_parameter_order=True), name_params
        ).scalars().all()
        _write_keys(session, version.id, zip(name_ids, forms))
    version.keys_version = KEYS_VERSION


def _write_keys(session: Session, version_id: int, named_forms) -> None:
    key_params = [
        {"key_hash": signed64(key_hash(k)), "name_id": nid, "version_id": version_id}
        for nid, form in named_forms
        for k in name_keys(form)
    ]
    for k in range(0, len(key_params), BATCH * 4):
        session.execute(insert(NameKey), key_params[k : k + BATCH * 4])


def stale_keys(versions: list[ListVersion]) -> list[ListVersion]:
    """Versions whose blocking keys were written by an older key scheme than this mamoru's."""
    return [v for v in versions if v.keys_version != KEYS_VERSION]


def rewrite_keys(session: Session, version: ListVersion) -> int:
    """Write a version's blocking keys again with this mamoru's key scheme; the number of names re-keyed."""
    session.execute(delete(NameKey).where(NameKey.version_id == version.id))
    names = session.execute(
        select(NameRow.id, NameRow.text, NameRow.kind).where(NameRow.version_id == version.id).order_by(NameRow.id)
    ).all()
    for start in range(0, len(names), BATCH):
        batch = names[start : start + BATCH]
        _write_keys(session, version.id, ((nid, name_form(text, _kind(kind))) for nid, text, kind in batch))
    version.keys_version = KEYS_VERSION
    return len(names)
