"""A trivial stand-in for ``mamoru.telemetry.anomaly`` (same interface), for the integration tests only.

Per-channel z-score against the fitted window; the score is the largest |z| in a row.
"""

from __future__ import annotations

import numpy as np


class Model:
    def __init__(self, mean, std, channels, threshold=6.0):
        self.mean, self.std, self.channels, self.threshold = np.asarray(mean), np.asarray(std), channels, threshold

    def score(self, X):
        return np.max(np.abs((np.asarray(X) - self.mean) / self.std), axis=1)

    def to_dict(self):
        return {"mean": self.mean.tolist(), "std": self.std.tolist(), "channels": self.channels,
                "threshold": self.threshold}

    @classmethod
    def from_dict(cls, d):
        return cls(d["mean"], d["std"], d["channels"], d["threshold"])


def fit(X, channels):
    X = np.asarray(X, dtype=float)
    return Model(X.mean(axis=0), X.std(axis=0) + 1e-9, list(channels))


class Detector:
    def __init__(self, model):
        self.model = model

    def update(self, row):
        score = float(self.model.score(np.asarray(row)[None, :])[0])
        return score, score > self.model.threshold
