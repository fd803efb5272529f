"""Pure rules for joint research (guidance ch. 4): the review's suggested result, publication warnings.

A finding that names an element of rank 3 or 4 (or a process condition next to one) blocks the
paper; any other finding asks for changes; no finding is clear. Publishing before a review is
decided, without a clear result, or sooner after submission than the agreement's review period
is recorded, with a warning.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Iterable

BLOCK_FROM_RANK = 3


def suggested_result(findings: Iterable[dict[str, Any]]) -> str:
    found = list(findings)
    if not found:
        return "clear"
    if any((f.get("rank") or 0) >= BLOCK_FROM_RANK for f in found):
        return "blocked"
    return "needs_changes"


def publication_warnings(result: str | None, submitted_on: date, published_on: date,
                         review_days: int) -> list[dict[str, Any]]:
    """Warnings (catalogue codes and params) for publishing on ``published_on``."""
    out: list[dict[str, Any]] = []
    if result is None:
        out.append({"code": "research.warn_not_reviewed", "params": {}})
    elif result != "clear":
        out.append({"code": "research.warn_not_clear", "params": {"result": result}})
    elapsed = (published_on - submitted_on).days
    if elapsed < review_days:
        out.append({"code": "research.warn_review_period", "params": {"days": elapsed, "required": review_days}})
    return out
