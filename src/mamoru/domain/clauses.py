"""Clause gaps: which clauses the guidance expects for the ranks an agreement covers (2-1, 2-2)."""

from __future__ import annotations

from typing import Iterable

from mamoru.domain.policy import Policy


def missing_clauses(present: Iterable[str], highest_rank: int, policy: Policy) -> list[str]:
    have = set(present)
    return [kind for kind in policy.expected_clauses(highest_rank) if kind not in have]
