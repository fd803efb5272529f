"""Real list files from the shared folder, and small hand-made lists for versioning tests."""

from __future__ import annotations

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
