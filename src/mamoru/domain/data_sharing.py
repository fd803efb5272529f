"""The gate for factory data under a data-use agreement: which level each channel may leave at. Pure.

A channel reveals knowledge elements; the highest rank among them bounds what may leave:

- rank 4 (core): never as values, raw or aggregated (a curve at any resolution shows the
  profile); a health indicator (normal / warning / alarm, no values) may go;
- rank 3 (restricted): not raw; aggregated to at least ``MIN_MINUTES_RANK3`` minutes, or health;
- rank 0-2: any level.

Any level but ``withheld`` needs the four data-use clauses (no use beyond the purpose, no patent
filing on the data, no passing on, deletion at the end). The feed as a whole is open only while
the agreement is an active data-use agreement within its period, not suspended, and the partner
is active and not of risk tier prohibited.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

LEVELS = ("raw", "aggregated", "health", "withheld")
MIN_MINUTES_RANK3 = 15
HEALTH_MINUTES = 10
REQUIRED_CLAUSES = ("purpose_limitation", "no_patent_filing", "no_third_party", "return_destroy")


@dataclass(frozen=True)
class Reason:
    code: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ChannelDecision:
    level: str  # what is granted: the level asked for, or withheld
    minutes: int
    reasons: tuple[Reason, ...]

    @property
    def refused(self) -> bool:
        return bool(self.reasons)


@dataclass(frozen=True)
class FeedFacts:
    agreement: str
    kind: str
    status: str
    valid_from: date
    valid_to: date
    suspended: bool
    partner: str
    partner_status: str
    partner_tier: str | None
    clauses: frozenset[str]


def decide_channel(channel: str, elements: list[tuple[str, int]], requested: str, minutes: int,
                   clauses: frozenset[str]) -> ChannelDecision:
    """The level a channel may go at, with the reasons when the request is refused (then: withheld)."""
    if requested == "withheld":
        return ChannelDecision("withheld", 0, ())
    reasons: list[Reason] = []
    top = max((rank for _, rank in elements), default=0)
    core = [code for code, rank in elements if rank == top]
    if top >= 4 and requested in ("raw", "aggregated"):
        reasons.append(Reason("share.core_channel", {"channel": channel, "elements": core, "rank": top}))
    elif top == 3 and requested == "raw":
        reasons.append(Reason("share.restricted_raw", {"channel": channel, "elements": core,
                                                       "minutes": MIN_MINUTES_RANK3}))
    elif top == 3 and requested == "aggregated" and minutes < MIN_MINUTES_RANK3:
        reasons.append(Reason("share.restricted_too_fine", {"channel": channel, "minutes": minutes,
                                                            "min_minutes": MIN_MINUTES_RANK3}))
    if requested == "aggregated" and minutes < 1:
        reasons.append(Reason("share.minutes_required", {"channel": channel}))
    missing = [c for c in REQUIRED_CLAUSES if c not in clauses]
    if missing:
        reasons.append(Reason("share.clauses_missing", {"channel": channel, "clauses": missing}))
    if reasons:
        return ChannelDecision("withheld", 0, tuple(reasons))
    granted_minutes = minutes if requested == "aggregated" else (HEALTH_MINUTES if requested == "health" else 0)
    return ChannelDecision(requested, granted_minutes, ())


def feed_closed(facts: FeedFacts, on: date) -> list[Reason]:
    """Why nothing may leave under this agreement today (empty: the feed is open)."""
    reasons = []
    if facts.kind != "data_use":
        reasons.append(Reason("share.not_data_use", {"agreement": facts.agreement}))
    if facts.status != "active":
        reasons.append(Reason("share.agreement_ended", {"agreement": facts.agreement, "status": facts.status}))
    elif not facts.valid_from <= on <= facts.valid_to:
        reasons.append(Reason("share.outside_period", {"agreement": facts.agreement, "on": on.isoformat()}))
    if facts.suspended:
        reasons.append(Reason("share.suspended", {"agreement": facts.agreement}))
    if facts.partner_status != "active":
        reasons.append(Reason("share.partner_not_active", {"partner": facts.partner, "status": facts.partner_status}))
    if facts.partner_tier == "prohibited":
        reasons.append(Reason("share.partner_prohibited", {"partner": facts.partner}))
    return reasons
