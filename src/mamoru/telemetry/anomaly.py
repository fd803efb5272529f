"""Anomaly detection for predictive maintenance: one model per asset, fitted on a normal window.

Why this method. A pump or a furnace is watched by a handful of channels sampled about once a second;
what goes wrong (a valve closing, a rotor imbalance, cavitation) moves several of them at once, for
minutes, by an amount that is small next to the noise of a single reading. So the model:

1. standardises every channel with the mean and spread of the normal window it was fitted on;
2. judges a *slow* channel (a temperature that drifts for an hour) by its change over ``rate_lag``
   rows, not by its level, because a level that left a 7-minute training window says nothing;
3. smooths the standardised vector with an exponential moving average of span ``window`` rows, which
   averages the noise away and keeps a sustained shift;
4. scores a row by the Mahalanobis distance of the smoothed vector from the normal window's, divided
   by the number of channels, so the normal window scores about 1 on average whatever its size;
5. sets the threshold at ``threshold_factor`` times the highest score of the normal window (after
   the smoothing has settled): what the window showed is normal, several times more is not;
6. raises an alarm when the score exceeds the threshold for ``alarm_after`` consecutive rows and
   releases it when the score falls below ``release`` times the threshold (no flapping).

Everything is a recursion over rows, so the batch ``Model.score`` and the streaming ``Detector`` give
the same numbers. ``Model.explain`` splits a score into per-channel shares (they sum to the score), so
an alarm can say which channels drive it. The defaults were chosen on the SKAB benchmark
(``benchmarks/telemetry/skab.py``; ``docs/telemetry-anomaly.md`` has the figures and the split).
Pure numpy, no I/O.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from numbers import Real
from typing import Any

import numpy as np

from mamoru.errors import InvalidInput

FORMAT = "mamoru.telemetry.anomaly/1"
SLOW_SHARE = 0.5  # "auto": a channel is slow when its smoothed values keep this share of its variance
_RIDGE = 1e-3  # added to the covariance diagonal: a channel that barely moves must not divide by ~0


class Model:
    """A fitted detector for one asset: per-channel scaling, the normal state, the threshold."""

    def __init__(self, *, channels: list[str], mean: np.ndarray, scale: np.ndarray, rate: np.ndarray,
                 center: np.ndarray, precision: np.ndarray, window: int, rate_lag: int,
                 threshold: float, release: float, alarm_after: int, train_rows: int,
                 normal_max: float = 0.0) -> None:
        self.channels = list(channels)
        self.mean, self.scale = mean, scale
        self.rate = rate  # bool per channel: judged by its change over rate_lag rows
        self.center, self.precision = center, precision
        self.window, self.rate_lag = window, rate_lag
        self.threshold, self.release, self.alarm_after = threshold, release, alarm_after
        self.train_rows = train_rows
        self.normal_max = normal_max  # the highest score over the normal window it was fitted on

    # -- scoring -----------------------------------------------------------------------------
    def score(self, X: Any) -> np.ndarray:
        """One score per row of ``X`` (rows in time order, a fresh window); higher = more anomalous."""
        rows = _matrix(X, len(self.channels))
        state = _State(self)
        return np.array([state.step(row)[0] for row in rows])

    def explain(self, row: Any) -> list[tuple[str, float]]:
        """Channels ranked by their share of the score, largest first; shares sum to the score.

        ``row`` is either the latest row alone (read as a steady state: a rate channel then has no
        change to show) or the recent rows, oldest first, of which the last is explained.
        """
        rows = _matrix(row, len(self.channels), single=True)
        state = _State(self)
        if len(rows) == 1:
            state.smooth = np.where(self.rate, self.center, self._features_of_level(rows[0]))
        else:
            for r in rows:
                state.step(r)
        return state.explain()

    def _features_of_level(self, row: np.ndarray) -> np.ndarray:
        return (row - self.mean) / self.scale

    # -- persistence -------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-serialisable form; ``Model.from_dict`` gives back an identical model."""
        return {
            "format": FORMAT,
            "channels": self.channels,
            "mean": self.mean.tolist(), "scale": self.scale.tolist(), "rate": self.rate.tolist(),
            "center": self.center.tolist(), "precision": self.precision.tolist(),
            "window": self.window, "rate_lag": self.rate_lag,
            "threshold": self.threshold, "release": self.release, "alarm_after": self.alarm_after,
            "train_rows": self.train_rows, "normal_max": self.normal_max,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Model:
        try:
            if d.get("format") != FORMAT:
                raise ValueError(f"format {d.get('format')!r}")
            p = len(d["channels"])
            vec = lambda key, dtype=float: np.asarray(d[key], dtype=dtype).reshape(p)  # noqa: E731
            model = cls(
                channels=[str(c) for c in d["channels"]], mean=vec("mean"), scale=vec("scale"),
                rate=vec("rate", bool), center=vec("center"),
                precision=np.asarray(d["precision"], dtype=float).reshape(p, p),
                window=int(d["window"]), rate_lag=int(d["rate_lag"]), threshold=float(d["threshold"]),
                release=float(d["release"]), alarm_after=int(d["alarm_after"]),
                train_rows=int(d["train_rows"]), normal_max=float(d["normal_max"]),
            )
            if min(model.window, model.rate_lag, model.alarm_after) < 1 or not 0 < model.release <= 1:
                raise ValueError("window, rate_lag, alarm_after or release out of range")
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InvalidInput("telemetry_anomaly.bad_model", detail=str(exc)) from None
        return model


class Detector:
    """Streaming scores for one asset: feed rows as they arrive, get (score, alarm) back."""

    def __init__(self, model: Model, *, alarm_after: int | None = None) -> None:
        self.model = model
        self.alarm_after = model.alarm_after if alarm_after is None else _positive_int("alarm_after", alarm_after)
        self._state = _State(model)
        self._over = 0
        self.alarm = False

    def update(self, row: Sequence[float]) -> tuple[float, bool]:
        """Score the next row; the alarm rises after ``alarm_after`` rows over the threshold in a row
        and falls when the score drops below ``release`` times the threshold."""
        values = _matrix(row, len(self.model.channels), single=True)
        if len(values) != 1:
            raise InvalidInput("telemetry_anomaly.wrong_width", expected=len(self.model.channels),
                               got=values.size)
        score, _ = self._state.step(values[0])
        threshold = self.model.threshold
        if self.alarm:
            if score <= threshold * self.model.release:
                self.alarm, self._over = False, 0
        else:
            self._over = self._over + 1 if score > threshold else 0
            self.alarm = self._over >= self.alarm_after
        return score, self.alarm

    def explain(self) -> list[tuple[str, float]]:
        """The channels that drive the latest score (see ``Model.explain``)."""
        return self._state.explain()


def fit(X: Any, channels: list[str], *, window: int = 20, rate_channels: Sequence[str] | str | None = "auto",
        rate_lag: int = 10, threshold_factor: float = 5.0, threshold: float | None = None,
        release: float = 0.5, alarm_after: int = 5) -> Model:
    """Fit a model on ``X`` (rows in time order, one column per channel), a window of normal operation.

    ``rate_channels``: the names of slow channels to judge by their change over ``rate_lag`` rows,
    ``"auto"`` to pick them from the data (channels whose smoothed values carry most of their
    variance), or ``None``/``[]`` for none. The threshold is ``threshold_factor`` times the highest
    score of the normal window, unless ``threshold`` gives it outright (in score units; the normal
    window averages about 1).
    """
    channels = [str(c) for c in channels]
    if not channels or len(set(channels)) != len(channels):
        raise InvalidInput("telemetry_anomaly.bad_channels", channels=channels)
    rows = _matrix(X, len(channels))
    window = _positive_int("window", window)
    rate_lag = _positive_int("rate_lag", rate_lag)
    alarm_after = _positive_int("alarm_after", alarm_after)
    for name, value in (("threshold_factor", threshold_factor), ("threshold", threshold)):
        if value is not None and not (isinstance(value, Real) and np.isfinite(value) and value > 0):
            raise InvalidInput("telemetry_anomaly.bad_option", option=name, value=value)
    if not (isinstance(release, Real) and 0 < release <= 1):
        raise InvalidInput("telemetry_anomaly.bad_option", option="release", value=release)
    settle = window + rate_lag
    need = max(3 * settle, 10 * len(channels), 30)
    if len(rows) < need:
        raise InvalidInput("telemetry_anomaly.too_few_rows", rows=len(rows), need=need)

    mean = rows.mean(axis=0)
    spread = rows.std(axis=0)
    scale = np.where(spread > 0, spread, np.maximum(np.abs(mean), 1.0) * 1e-6)
    rate = _rate_mask((rows - mean) / scale, channels, rate_channels, window)

    model = Model(channels=channels, mean=mean, scale=scale, rate=rate, center=np.zeros(len(channels)),
                  precision=np.eye(len(channels)), window=window, rate_lag=rate_lag, threshold=1.0,
                  release=float(release), alarm_after=alarm_after, train_rows=len(rows))
    # The normal state: the smoothed features over the window, once the smoothing has settled.
    state = _State(model)
    smoothed = np.array([state.step(r)[1] for r in rows])[settle:]
    model.center = smoothed.mean(axis=0)
    cov = np.atleast_2d(np.cov(smoothed, rowvar=False)) + _RIDGE * np.eye(len(channels))
    model.precision = np.linalg.inv(cov)
    model.normal_max = float(model.score(rows)[settle:].max())
    model.threshold = float(threshold) if threshold is not None else float(threshold_factor) * model.normal_max
    return model


def alarm_states(scores: Any, threshold: float, *, release: float = 0.5, alarm_after: int = 5) -> np.ndarray:
    """The alarm state after each score, as a ``Detector`` with these settings would report it."""
    out = np.zeros(len(scores), dtype=bool)
    over, alarm, low = 0, False, threshold * release
    for i, s in enumerate(np.asarray(scores, dtype=float).tolist()):
        if alarm:
            if s <= low:
                alarm, over = False, 0
        else:
            over = over + 1 if s > threshold else 0
            alarm = over >= alarm_after
        out[i] = alarm
    return out


class _State:
    """The running window: EWMA of the features and the last ``rate_lag`` standardised rows."""

    def __init__(self, model: Model) -> None:
        self.m = model
        self.alpha = 2.0 / (model.window + 1.0)
        self.smooth = model.center.copy()
        self.past: deque[np.ndarray] = deque(maxlen=model.rate_lag)

    def step(self, row: np.ndarray) -> tuple[float, np.ndarray]:
        m = self.m
        z = (row - m.mean) / m.scale
        if len(self.past) == m.rate_lag:
            change = z - self.past[0]
        else:  # not enough history yet: a slow channel shows no change
            change = np.zeros_like(z)
        self.past.append(z)
        feature = np.where(m.rate, change, z)
        self.smooth = self.alpha * feature + (1.0 - self.alpha) * self.smooth
        return self.score(), self.smooth

    def score(self) -> float:
        d = self.smooth - self.m.center
        return float(d @ self.m.precision @ d) / len(d)

    def explain(self) -> list[tuple[str, float]]:
        d = self.smooth - self.m.center
        shares = d * (self.m.precision @ d) / len(d)
        order = np.argsort(-shares, kind="stable")
        return [(self.m.channels[i], float(shares[i])) for i in order]


def _rate_mask(z: np.ndarray, channels: list[str], rate_channels: Any, window: int) -> np.ndarray:
    if rate_channels is None:
        return np.zeros(len(channels), dtype=bool)
    if isinstance(rate_channels, str):
        if rate_channels != "auto":
            raise InvalidInput("telemetry_anomaly.bad_option", option="rate_channels", value=rate_channels)
        # Share of a channel's (unit) variance that survives a moving average of `window` rows:
        # about 1/window for noise around a set point, near 1 for a slow drift.
        kernel = np.ones(window) / window
        smooth = np.array([np.convolve(col, kernel, mode="valid") for col in z.T])
        return smooth.var(axis=1) > SLOW_SHARE
    unknown = sorted(set(rate_channels) - set(channels))
    if unknown:
        raise InvalidInput("telemetry_anomaly.unknown_channel", channels=unknown, known=channels)
    return np.array([c in set(rate_channels) for c in channels])


def _matrix(X: Any, width: int, *, single: bool = False) -> np.ndarray:
    """``X`` as a 2-D float array of ``width`` columns, all finite; ``single`` also takes one row."""
    try:
        rows = np.asarray(X, dtype=float)
    except (TypeError, ValueError):
        raise InvalidInput("telemetry_anomaly.not_numeric") from None
    if single and rows.ndim == 1:
        rows = rows.reshape(1, -1)
    if rows.ndim != 2 or rows.shape[1] != width:
        got = rows.shape[1] if rows.ndim == 2 else rows.size if rows.ndim == 1 else rows.shape
        raise InvalidInput("telemetry_anomaly.wrong_width", expected=width, got=got)
    bad = np.flatnonzero(~np.isfinite(rows).all(axis=1))
    if bad.size:
        raise InvalidInput("telemetry_anomaly.not_finite", row=int(bad[0]) + 1, count=int(bad.size))
    return rows


def _positive_int(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise InvalidInput("telemetry_anomaly.bad_option", option=name, value=value)
    return int(value)
