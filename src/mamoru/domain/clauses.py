"""Clause gaps: which clauses the guidance expects for the ranks an agreement covers (2-1, 2-2)."""

from __future__ import annotations

from typing import Iterable

from mamoru.domain.policy import Policy


def missing_clauses(present: Iterable[str], highest_rank: int, policy: Policy) -> list[str]:
    have = set(present)
    return [kind for kind in policy.expected_clauses(highest_rank) if kind not in have]


def checklist(present: Iterable[str], highest_rank: int, policy: Policy) -> list[tuple[str, str]]:
    """Every clause the guidance knows, with its state for this agreement: ``present``, ``missing``
    (expected for its highest rank and absent) or ``not_required`` (absent, and not expected at this rank).

    An absent clause that is not required must not read as present (✓): it says "not required"."""
    have = set(present)
    expected = set(policy.expected_clauses(highest_rank))
    states = []
    for kind in policy.expected_clauses(4):
        if kind in have:
            states.append((kind, "present"))
        elif kind in expected:
            states.append((kind, "missing"))
        else:
            states.append((kind, "not_required"))
    return states
