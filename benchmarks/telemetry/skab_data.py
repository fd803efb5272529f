"""The SKAB files (shared data, never shipped) and the leaderboard's split: first 400 rows train."""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("MAMORU_SHARED_DIR", REPO.parent / "shared"))
SKAB = SHARED / "data" / "skab" / "data"
GROUPS = ("valve1", "valve2", "other")
TRAIN_ROWS = 400  # SKAB's preprocess: train_test_split(train_size=400, shuffle=False) per file


@dataclass(frozen=True)
class Experiment:
    """One SKAB file: sensor rows, timestamps (s), and the outlier and changepoint labels."""

    group: str
    name: str
    channels: list[str]
    ts: np.ndarray
    X: np.ndarray
    anomaly: np.ndarray
    changepoint: np.ndarray

    @property
    def label(self) -> str:
        return f"{self.group}/{self.name}"


def read(path: Path, group: str) -> Experiment:
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter=";")
        header = next(reader)
        rows = [r for r in reader if r]
    ts = np.array([datetime.strptime(r[0], "%Y-%m-%d %H:%M:%S").replace(tzinfo=timezone.utc).timestamp()
                   for r in rows], dtype=np.int64)
    X = np.array([[float(v) for v in r[1:9]] for r in rows])
    anomaly = np.array([float(r[9]) for r in rows]) == 1.0
    changepoint = np.array([float(r[10]) for r in rows]) == 1.0
    return Experiment(group, path.stem, header[1:9], ts, X, anomaly, changepoint)


def load(groups: tuple[str, ...] = GROUPS, per_group: int | None = None) -> list[Experiment]:
    """The 34 labelled files in a fixed order (valve1 0..15, valve2 0..3, other 1..14)."""
    out = []
    for group in groups:
        paths = sorted((SKAB / group).glob("*.csv"), key=lambda p: int(p.stem))
        out += [read(p, group) for p in paths[:per_group]]
    if not out:
        raise SystemExit(f"no SKAB files under {SKAB} (set MAMORU_SHARED_DIR)")
    return out
