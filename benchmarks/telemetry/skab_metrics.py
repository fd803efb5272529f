"""SKAB's scores, implemented from their published definitions (TSAD's evaluating, SKAB README).

Outlier detection, over the test rows of all files pooled: F1 = TP / (TP + (FP + FN) / 2),
FAR = FP / (FP + TN) in %, MAR = FN / (FN + TP) in %.

Changepoint detection, NAB as SKAB computes it: the predicted changepoints are the edges of the
binary prediction (|diff|, the first row counts if it is 1). Each true changepoint opens a detection
window of 60 s to its right, [cp, cp + 60 s]; when a window reaches the next one, the next one starts
where this one ends. In a window the first predicted changepoint is a true positive scored on SKAB's
smoothed scale, A_tp at the window's start falling to A_fp at its end:
    y(x) = (A_tp - A_fp) / 2 * (-tanh(x) / tanh(pi / 2)) + (A_tp - A_fp) / 2 + A_fp,
    x the relative position in the window mapped onto 1000 steps of [-pi/2, pi/2];
an empty window costs A_fn, a predicted changepoint outside every window costs A_fp. Summed over
files, the score is 100 * (S - S_null) / (S_perfect - S_null) with S_null = windows * A_fn and
S_perfect = windows * A_tp, for the profiles standard (1, -0.11, -1), low FP (1, -0.22, -1) and
low FN (1, -0.11, -2) as (A_tp, A_fp, A_fn).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

PROFILES = {"standard": (1.0, -0.11, -1.0), "low_fp": (1.0, -0.22, -1.0), "low_fn": (1.0, -0.11, -2.0)}
WINDOW_S = 60
_STEPS = 1000


@dataclass
class Scores:
    f1: float
    far: float
    mar: float
    nab: dict[str, float]
    missed_cps: int
    fps: int


def confusion(truth: list[np.ndarray], pred: list[np.ndarray]) -> np.ndarray:
    """TP, TN, FP, FN summed over files."""
    out = np.zeros(4, dtype=np.int64)
    for t, p in zip(truth, pred, strict=True):
        t, p = np.asarray(t, bool), np.asarray(p, bool)
        out += [(t & p).sum(), (~t & ~p).sum(), (~t & p).sum(), (t & ~p).sum()]
    return out


def binary(cm: np.ndarray) -> tuple[float, float, float]:
    tp, tn, fp, fn = (int(v) for v in cm)
    f1 = tp / (tp + (fn + fp) / 2) if tp + fn + fp else 1.0
    far = 100.0 * fp / (fp + tn) if fp + tn else 0.0
    mar = 100.0 * fn / (fn + tp) if fn + tp else 0.0
    return f1, far, mar


def edges(pred: np.ndarray) -> np.ndarray:
    """Predicted changepoints: where the binary prediction changes (and row 0 if it starts at 1)."""
    p = np.asarray(pred, dtype=int)
    out = np.zeros(len(p), dtype=bool)
    if len(p):
        out[0] = p[0] == 1
        out[1:] = np.diff(p) != 0
    return out


def windows(ts: np.ndarray, cps: np.ndarray) -> list[tuple[int, int]]:
    """Detection windows [cp, cp + 60 s] in seconds; an overlapping right window is cut to start later."""
    wins = [[int(t), int(t) + WINDOW_S] for t in ts[np.asarray(cps, bool)]]
    for i in range(len(wins) - 1):
        if wins[i][1] >= wins[i + 1][0]:
            wins[i + 1][0] = wins[i][1]
    return [(a, b) for a, b in wins]


def _tp_value(start: int, hit: int, end: int, a_tp: float, a_fp: float) -> float:
    step = int((hit - start) / (end - start) * _STEPS) if end > start else _STEPS - 1
    step = min(step, _STEPS - 1)
    x = -math.pi / 2 + step * math.pi / (_STEPS - 1)
    half = (a_tp - a_fp) / 2
    return half * -math.tanh(x) / math.tanh(math.pi / 2) + half + a_fp


def nab_file(ts: np.ndarray, cps: np.ndarray, pred: np.ndarray) -> tuple[dict[str, np.ndarray], int, int]:
    """Per profile [score, null, perfect] for one file, and its missed windows and false positives."""
    hits = ts[edges(pred)]
    wins = windows(ts, cps)
    inside = np.zeros(len(hits), dtype=bool)
    firsts: list[int | None] = []
    for a, b in wins:
        mask = (hits >= a) & (hits <= b)
        inside |= mask
        firsts.append(int(hits[mask][0]) if mask.any() else None)
    fps = int((~inside).sum())
    missed = sum(f is None for f in firsts)
    out = {}
    for name, (a_tp, a_fp, a_fn) in PROFILES.items():
        s = a_fp * fps + a_fn * missed
        s += sum(_tp_value(a, f, b, a_tp, a_fp) for (a, b), f in zip(wins, firsts) if f is not None)
        out[name] = np.array([s, len(wins) * a_fn, len(wins) * a_tp])
    return out, missed, fps


def nab(ts: list[np.ndarray], cps: list[np.ndarray], pred: list[np.ndarray]) -> tuple[dict[str, float], int, int]:
    total = {name: np.zeros(3) for name in PROFILES}
    missed = fps = 0
    for t, c, p in zip(ts, cps, pred, strict=True):
        per, m, f = nab_file(t, c, p)
        missed, fps = missed + m, fps + f
        for name in PROFILES:
            total[name] += per[name]
    scores = {}
    for name, (s, null, perfect) in total.items():
        scores[name] = 100.0 * (s - null) / (perfect - null) if perfect != null else 0.0
    return scores, missed, fps


def evaluate(experiments: list, preds: list[np.ndarray], start: int) -> Scores:
    """All SKAB scores for test-row predictions (rows ``start:`` of each file)."""
    truth = [e.anomaly[start:] for e in experiments]
    f1, far, mar = binary(confusion(truth, preds))
    nabs, missed, fps = nab([e.ts[start:] for e in experiments], [e.changepoint[start:] for e in experiments], preds)
    return Scores(f1, far, mar, nabs, missed, fps)
