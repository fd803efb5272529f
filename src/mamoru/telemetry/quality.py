"""Data-quality rules over a channel's stream: gaps, stuck values, out-of-range values, clock skew.

Pure: the running state (last timestamp, last value, how many times it repeated) comes in and
goes out, so the service can keep it in the database and a restarted consumer carries on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from datetime import datetime, timedelta

GAP_FACTOR = 5.0          # a silence longer than 5 sampling periods (and at least 10 s) is a gap
MIN_GAP = timedelta(seconds=10)
STUCK_AFTER = 60          # the same value 60 times in a row (a frozen sensor or gateway)
SKEW_LIMIT = timedelta(minutes=5)  # a timestamp this far ahead of our clock: the sender's clock is wrong


@dataclass
class ChannelState:
    last_ts: datetime | None
    last_value: float | None
    same_count: int


@dataclass
class Finding:
    kind: str
    start: datetime
    end: datetime
    detail: dict = field(default_factory=dict)


@dataclass
class Checked:
    """A point after the checks: the quality it is stored with, and any new findings."""

    quality: str
    findings: list[Finding]


@lru_cache(maxsize=256)
def _limits(sampling_hz: float) -> tuple[timedelta, timedelta]:
    period = timedelta(seconds=1.0 / sampling_hz) if sampling_hz > 0 else timedelta(seconds=1)
    return period, max(period * GAP_FACTOR, MIN_GAP)


def check(state: ChannelState, ts: datetime, value: float, sampling_hz: float, low: float | None,
          high: float | None, received_at: datetime, sent_quality: str = "good") -> Checked:
    """Check one point (in time order) against the channel's state, and advance the state."""
    findings: list[Finding] = []
    quality = sent_quality if sent_quality != "good" else "good"
    if ts - received_at > SKEW_LIMIT:
        findings.append(Finding("clock_skew", ts, ts, {"ahead_s": round((ts - received_at).total_seconds(), 1)}))
        quality = "clock_skew"
    if (low is not None and value < low) or (high is not None and value > high):
        findings.append(Finding("out_of_range", ts, ts, {"value": value, "low": low, "high": high}))
        quality = "out_of_range" if quality == "good" else quality
    period, gap_limit = _limits(sampling_hz)
    if state.last_ts is not None and ts > state.last_ts:
        silence = ts - state.last_ts
        if silence > gap_limit:
            findings.append(Finding("gap", state.last_ts, ts, {"seconds": round(silence.total_seconds(), 1)}))
    if state.last_value is not None and value == state.last_value:
        state.same_count += 1
        if state.same_count == STUCK_AFTER:
            findings.append(Finding("stuck", ts - period * STUCK_AFTER, ts, {"value": value, "repeats": STUCK_AFTER}))
        if state.same_count >= STUCK_AFTER and quality == "good":
            quality = "stuck"
    else:
        state.same_count = 0
    if state.last_ts is None or ts >= state.last_ts:
        state.last_ts, state.last_value = ts, value
    return Checked(quality, findings)
