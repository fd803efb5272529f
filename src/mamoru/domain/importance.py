"""Judging importance on five axes to suggest a protection tier and element ranks.

A suggestion only: a person confirms, and both are recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from mamoru.domain import vocab
from mamoru.domain.policy import Policy
from mamoru.errors import InvalidInput


@dataclass(frozen=True)
class Suggestion:
    total: int
    tier: str
    max_rank: int


def suggest(axes: Mapping[str, str], policy: Policy) -> Suggestion:
    cfg = policy.section("importance")
    total = 0
    for axis in vocab.IMPORTANCE_AXES:
        level = axes.get(axis)
        if level not in vocab.DD_LEVELS:
            raise InvalidInput("importance.level_invalid", axis=axis, value=level, allowed=vocab.DD_LEVELS)
        total += int(cfg["level_points"][level])
    tier = "general"
    if total >= int(cfg["tier_bounds"]["important"]):
        tier = "important"
    if total >= int(cfg["tier_bounds"]["top_priority"]) or axes.get("security_relevance") == "high":
        tier = "top_priority"
    return Suggestion(total=total, tier=tier, max_rank=int(cfg["suggested_max_rank"][tier]))
