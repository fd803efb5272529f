"""From evidence to a verdict: which partner a found document came from, or that nobody can tell.

Every candidate is a partner with at least one piece of evidence; a partner without
evidence is never named. Evidence is *strong* when it points at one copy or one partner
by itself (a control number, a document id, a zero-width mark, a code name only that
partner received, or many wording choices that only its copies share) and *weak*
otherwise. The verdict is ``source`` only when exactly one partner has strong evidence;
strong evidence for several partners (a document merged from two copies, or passed
along) and weak evidence alone both give ``cannot_tell``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

WEIGHTS = {"control_number": 4.0, "doc_id": 4.0, "zero_width": 4.0, "code_name": 3.0, "wording": 0.5}
STRONG_KINDS = frozenset({"control_number", "doc_id", "zero_width", "code_name"})
# Agreeing wording pairs (with none against) that count as strong: with 2**-6 per copy by chance,
# an unrelated text matches one of 50 copies by chance about half as often as not; 8 is 1 in 256.
WORDING_STRONG = 8


@dataclass(frozen=True)
class Evidence:
    """One observation that ties the found text to a partner (and, where known, to one copy)."""

    kind: str
    value: str
    partner_code: str
    partner_name: str
    weight: float
    control_number: str | None = None
    disclosure: str | None = None
    transmittal: str | None = None
    when: str | None = None  # ISO 8601, UTC, when the copy was written
    agree: int | None = None  # wording: pairs that agree
    disagree: int | None = None

    @property
    def strong(self) -> bool:
        return self.kind in STRONG_KINDS or (self.kind == "wording" and (self.agree or 0) >= WORDING_STRONG)


@dataclass
class Candidate:
    partner_code: str
    partner_name: str
    score: float = 0.0
    strong: bool = False
    evidence: list[Evidence] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"partner": self.partner_code, "partner_name": self.partner_name, "score": round(self.score, 2),
                "strong": self.strong, "evidence": [asdict(e) for e in self.evidence]}


@dataclass
class TraceResult:
    """The answer: a verdict, why, and every candidate with its evidence (best first)."""

    source_name: str
    verdict: str
    reason: str
    candidates: list[Candidate]
    characters: int = 0

    @property
    def source(self) -> Candidate | None:
        return self.candidates[0] if self.verdict == "source" else None

    def as_dict(self) -> dict[str, Any]:
        return {"source_name": self.source_name, "verdict": self.verdict, "reason": self.reason,
                "characters": self.characters, "candidates": [c.as_dict() for c in self.candidates]}


def rank(source_name: str, evidence: list[Evidence], characters: int = 0) -> TraceResult:
    """Group evidence by partner, score it, and decide."""
    by_partner: dict[str, Candidate] = {}
    seen: set[tuple[str, str, str]] = set()
    for item in evidence:
        candidate = by_partner.setdefault(item.partner_code, Candidate(item.partner_code, item.partner_name))
        candidate.evidence.append(item)
        key = (item.partner_code, item.kind, item.value)
        if key not in seen:  # the same code name in two copies to one partner counts once
            seen.add(key)
            candidate.score += item.weight
        candidate.strong = candidate.strong or item.strong
    candidates = sorted(by_partner.values(), key=lambda c: (not c.strong, -c.score, c.partner_code))
    for c in candidates:
        c.evidence.sort(key=lambda e: (-e.weight, e.kind, e.value))
    strong = [c for c in candidates if c.strong]
    if not candidates:
        verdict, reason = "no_evidence", "trace.reason.none"
    elif len(strong) == 1:
        verdict, reason = "source", "trace.reason.source"
    elif len(strong) > 1:
        verdict, reason = "cannot_tell", "trace.reason.several"
    else:
        verdict, reason = "cannot_tell", "trace.reason.thin"
    return TraceResult(source_name, verdict, reason, candidates, characters)
