"""Partner due diligence (guidance 1-1): five factors in, a risk tier with its explanation out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from mamoru.domain import vocab
from mamoru.domain.policy import Policy
from mamoru.domain.reasons import Reason
from mamoru.errors import InvalidInput

TIER_ORDER = {tier: i for i, tier in enumerate(vocab.RISK_TIERS)}


@dataclass(frozen=True)
class Assessment:
    score: float
    tier: str
    explanation: list[Reason]


def assess(factors: Mapping[str, str], policy: Policy) -> Assessment:
    """Weighted points per factor, cut into tiers; some factors at "high" lift the tier alone.

    The explanation lists each factor's contribution, the tier bounds used, and any
    factor that forced a tier, so a person can see why and disagree on the record.
    """
    missing = [f for f in vocab.DD_FACTORS if f not in factors]
    if missing:
        raise InvalidInput("dd.factor_missing", factors=missing)
    cfg = policy.section("due_diligence")
    explanation: list[Reason] = []
    score = 0.0
    for factor in vocab.DD_FACTORS:
        level = factors[factor]
        if level not in vocab.DD_LEVELS:
            raise InvalidInput("dd.level_invalid", factor=factor, value=level, allowed=vocab.DD_LEVELS)
        points = float(cfg["level_points"][level]) * float(cfg["weights"][factor])
        score += points
        explanation.append(Reason("dd.factor", "allow", {"factor": factor, "level": level, "points": points}))
    bounds = cfg["tier_bounds"]
    tier = "low"
    for candidate in ("medium", "high", "prohibited"):
        if score >= float(bounds[candidate]):
            tier = candidate
    explanation.append(Reason("dd.score", "allow", {"score": score, "tier": tier, "medium": bounds["medium"],
                                                     "high": bounds["high"], "prohibited": bounds["prohibited"]}))
    for factor, floor in (cfg.get("escalate_when_high") or {}).items():
        if factors.get(factor) == "high" and TIER_ORDER[floor] > TIER_ORDER[tier]:
            tier = floor
            explanation.append(Reason("dd.escalated", "allow", {"factor": factor, "tier": floor}))
    return Assessment(score=round(score, 3), tier=tier, explanation=explanation)
