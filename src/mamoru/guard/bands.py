"""Coarsening a condition into a band: enough to talk about, too little to reproduce.

Temperatures fall into hundreds ("1250℃" -> "1200℃台"); other quantities into their
order of magnitude ("0.5MPa" -> "0.1MPaオーダー"). The suffixes are recognised by the
condition patterns as already coarse, so a banded document re-scans clean.
"""

from __future__ import annotations

import math

from mamoru.guard.conditions import ConditionHit

# Kinds whose band would still say too much or cannot be computed (classes, exponents, signs).
_MASK_ONLY = ("ratio", "atmosphere", "mixed", "cleanliness", "vacuum", "dew_point", "humidity")
_TEMPERATURE_DISPLAY = {"°c": "℃", "°f": "℉", "度": "度"}


def _fmt(value: float) -> str:
    if value == int(value):
        return str(int(value))
    return f"{value:g}"


def band(hit: ConditionHit, unit_text: str | None, temperature_step: float = 100.0) -> str | None:
    """The banded spelling of ``hit``, or None when it cannot be banded (then mask it)."""
    if not hit.values or not unit_text or hit.kind in _MASK_ONLY:
        return None
    low, high = min(hit.values), max(hit.values)
    if hit.kind == "temperature":
        unit = _TEMPERATURE_DISPLAY.get(unit_text.casefold().replace(" ", ""), "℃")
        lo = math.floor(low / temperature_step) * temperature_step
        hi = math.floor(high / temperature_step) * temperature_step
        span = _fmt(lo) if lo == hi else f"{_fmt(lo)}〜{_fmt(hi)}"
        return f"{span}{unit}台"
    if low <= 0:
        return None
    decade = 10 ** math.floor(math.log10(low))
    return f"{_fmt(decade)}{unit_text}オーダー"
