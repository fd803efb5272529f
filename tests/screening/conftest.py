"""Real list files from the shared folder, and small hand-made lists for versioning tests."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

SHARED = Path(os.environ.get("MAMORU_SHARED_DIR", Path(__file__).resolve().parents[2].parent / "shared"))
WATCHLISTS = SHARED / "data" / "watchlists"

SIMPLE_HEADER = "id,name,type,aliases,countries,birth_dates,identifiers,programme\n"


@pytest.fixture(scope="session")
def watchlists() -> Path:
    if not (WATCHLISTS / "SOURCES.md").exists():
        pytest.skip(f"shared list files not found in {WATCHLISTS} (set MAMORU_SHARED_DIR)")
    return WATCHLISTS


@pytest.fixture
def simple_list(tmp_path):
    """Write a simple-CSV list file; ``simple_list("name", rows)`` → its path."""

    def write(name: str, rows: list[str]) -> Path:
        path = tmp_path / f"{name}.csv"
        path.write_text(SIMPLE_HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
        return path

    return write


def ordinary_name_alerts(watchlists: Path, file: Path, columns: tuple[str, ...], kind: str) -> list[tuple[str, str]]:
    """Screen every name in ``columns`` of a file of ordinary names against the MOF list as a Japanese user
    imports it (Japanese primary name, English alias); the (query, matched list name) of each alert."""
    from mamoru.screening.engine import Query, Screener
    from mamoru.screening.entries import Alias, ListEntry

    with open(watchlists / "dev" / "jp_mof_dev.csv", encoding="utf-8", newline="") as fh:
        entries = [ListEntry(r["id"], r["name_ja"], r["type"], aliases=(Alias(r["name_en"]),)) for r in csv.DictReader(fh)]
    screener = Screener.build(entries)
    with open(file, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) >= 200
    out = []
    for row in rows:
        for name in (row[c] for c in columns):
            hits = screener.alerts(Query(name, kind), 1)
            if hits:
                out.append((name, hits[0].matched_name))
    return out
