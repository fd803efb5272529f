"""Exposure (露出度): how much of a technology one outside party has received, weighted by rank.

Guidance 4-1 advises dispersed procurement so that no single party can reconstruct a
core technology; this is the number that tells when one is getting close.
"""

from __future__ import annotations

from typing import Iterable

from mamoru.domain.policy import Policy


def share(element_ranks: dict[str, int], received: Iterable[str], policy: Policy) -> float:
    """Weighted share (0..1) of the technology's elements among those ``received``."""
    total = sum(policy.rank_weight(rank) for rank in element_ranks.values())
    if total <= 0:
        return 0.0
    got = sum(policy.rank_weight(element_ranks[code]) for code in set(received) if code in element_ranks)
    return got / total


def flagged(value: float, policy: Policy) -> bool:
    return value > policy.exposure_threshold
