"""Where the shared real list files are, and loaders the benchmark sections share."""

from __future__ import annotations

import csv
import os
from pathlib import Path

from mamoru.screening.entries import ListEntry
from mamoru.screening.parsers import parse

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("MAMORU_SHARED_DIR", REPO.parent / "shared"))
WATCHLISTS = SHARED / "data" / "watchlists"

LIST_FILES = {
    "METI": "jp_meti/meti_end_user_list_20250929.xlsx",
    "UN": "un/UN_consolidated.xml",
    "OFAC-SDN": "ofac/sdn.csv",
    "OFAC-CONS": "ofac/cons_prim.csv",
    "BIS-DPL": "us_bis/dpl.txt",
}


def load_lists() -> dict[str, list[ListEntry]]:
    return {label: parse(WATCHLISTS / rel).entries for label, rel in LIST_FILES.items()}


def read_csv(rel: str) -> list[dict]:
    with open(WATCHLISTS / rel, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))
