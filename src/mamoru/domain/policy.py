"""The company's policy: every number the rules use, in one documented, overridable mapping."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mamoru.domain import vocab
from mamoru.errors import InvalidInput


@dataclass(frozen=True)
class Policy:
    """A validated policy; ``data`` is the merged mapping (defaults plus the company's file)."""

    data: dict[str, Any]

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> Policy:
        policy = cls(data)
        policy.validate()
        return policy

    @property
    def version(self) -> str:
        return str(self.data.get("version", "unversioned"))

    def section(self, name: str) -> dict[str, Any]:
        return self.data[name]

    # gate -----------------------------------------------------------------
    @property
    def gate(self) -> dict[str, Any]:
        return self.data["gate"]

    def rank_cap(self, tier: str | None) -> int:
        if tier is None:
            return int(self.gate["unassessed_rank_cap"])
        return int(self.gate["tier_rank_cap"][tier])

    def expected_clauses(self, rank: int) -> list[str]:
        wanted: list[str] = []
        for from_rank, kinds in sorted(self.gate["expected_clauses"].items(), key=lambda kv: int(kv[0])):
            if rank >= int(from_rank):
                wanted.extend(k for k in kinds if k not in wanted)
        return wanted

    # exposure -------------------------------------------------------------
    def rank_weight(self, rank: int) -> float:
        weights = self.data["exposure"]["rank_weights"]
        return float(weights.get(rank, weights.get(str(rank), 0)))

    @property
    def exposure_threshold(self) -> float:
        return float(self.data["exposure"]["threshold"])

    def validate(self) -> None:
        try:
            for tier in vocab.RISK_TIERS:
                int(self.gate["tier_rank_cap"][tier])
            for key in ("unassessed_rank_cap", "agreement_required_from_rank", "approval_from_rank",
                        "never_from_rank"):
                int(self.gate[key])
            for kind in self.gate["hold_event_kinds"]:
                if kind not in vocab.EVENT_KINDS:
                    raise ValueError(f"unknown event kind {kind}")
            for kinds in self.gate["expected_clauses"].values():
                for kind in kinds:
                    if kind not in vocab.CLAUSE_KINDS:
                        raise ValueError(f"unknown clause kind {kind}")
            dd = self.data["due_diligence"]
            for factor in vocab.DD_FACTORS:
                float(dd["weights"][factor])
            for level in vocab.DD_LEVELS:
                float(dd["level_points"][level])
            for tier in ("medium", "high", "prohibited"):
                float(dd["tier_bounds"][tier])
            threshold = self.exposure_threshold
            if not 0 < threshold <= 1:
                raise ValueError("exposure threshold must be in (0, 1]")
            for rank in vocab.RANKS:
                self.rank_weight(rank)
            for kind in self.data["events"]["due_days"]:
                if kind not in vocab.OBLIGATION_KINDS:
                    raise ValueError(f"unknown obligation kind {kind}")
            validate_supply(self.data["supply"])
            from mamoru.domain.sites import validate_policy as validate_sites
            validate_sites(self.data["sites"], self.data["research"])
            validate_watch(self.data["watch"])
        except (KeyError, TypeError, ValueError) as exc:
            raise InvalidInput("policy.invalid", detail=str(exc)) from exc


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Deep-merge ``override`` into a copy of ``base`` (mappings merge, other values replace)."""
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def validate_supply(cfg: dict[str, Any]) -> None:
    """The ``supply`` section (supply-chain early warning; docs/supplychain.md)."""
    from mamoru.domain import supplychain as sc
    from mamoru.domain.countries import is_country

    if not 0 <= float(cfg["share_tolerance"]) < 0.5:
        raise ValueError("supply.share_tolerance must be in [0, 0.5)")
    if not 0 < float(cfg["single_source_share"]) <= 1:
        raise ValueError("supply.single_source_share must be in (0, 1]")
    int(cfg["choke_point_products"])
    int(cfg["lead_time_change_min_days"])
    for code in cfg["concern_countries"]:
        if not is_country(code):
            raise ValueError(f"unknown country {code}")
    for rule in cfg["severity"]:
        if rule["severity"] not in sc.SEVERITIES:
            raise ValueError(f"unknown severity {rule['severity']}")
        float(rule["min_loss"])
        if rule.get("max_days_of_cover") is not None:
            int(rule["max_days_of_cover"])
    for kind in cfg["supplier_stop_event_kinds"]:
        if kind not in vocab.EVENT_KINDS:
            raise ValueError(f"unknown event kind {kind}")
    for level in sc.SEVERITIES:
        for kind in cfg["obligations"][level]:
            if kind not in sc.SUPPLY_OBLIGATIONS:
                raise ValueError(f"unknown supply obligation {kind}")
    for kind in sc.SUPPLY_OBLIGATIONS:
        int(cfg["due_days"][kind])


def validate_watch(cfg: dict[str, Any]) -> None:
    """The ``watch`` section (publication and patent watch; docs/watch.md)."""
    for key in ("alert_threshold", "preview_floor"):
        if not 0 < float(cfg[key]) <= 1:
            raise ValueError(f"watch.{key} must be in (0, 1]")
    if cfg["event_kind"] not in vocab.EVENT_KINDS:
        raise ValueError(f"unknown event kind {cfg['event_kind']}")
    for kind in list(cfg["obligations"]) + list(cfg["due_days"]):
        if kind not in vocab.OBLIGATION_KINDS:
            raise ValueError(f"unknown obligation kind {kind}")
    for days in cfg["due_days"].values():
        int(days)
