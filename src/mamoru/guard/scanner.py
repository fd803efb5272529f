"""Turns one unit of text into findings: terms and conditions, overlaps resolved, offsets original."""

from __future__ import annotations

from mamoru.guard.conditions import ConditionHit, ConditionRules, find_conditions
from mamoru.guard.findings import Finding, Location
from mamoru.guard.normalize import fold
from mamoru.guard.terms import TermHit, TermMatcher


class Scanner:
    """Folds text once, runs the term automaton and the condition patterns over it."""

    def __init__(self, matcher: TermMatcher, rules: ConditionRules | None = None, *, conditions: bool = True) -> None:
        self.matcher = matcher
        self.rules = rules or ConditionRules()
        self.conditions = conditions

    def scan_text(self, text: str, location: Location) -> list[Finding]:
        if not text or text.isspace():
            return []
        folded = fold(text)
        hits: list[TermHit | ConditionHit] = list(self.matcher.find(folded.text))
        if self.conditions:
            hits.extend(find_conditions(folded.text, self.rules))
        hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
        lines = _Lines(text) if location.line is None and "\n" in text else None
        return [_finding(group, text, folded, location, lines) for group in _overlap_groups(hits)]


class _Lines:
    """Line numbers for a multi-line unit, counted once through the text (positions only grow)."""

    def __init__(self, text: str) -> None:
        self.text, self.line, self.cursor = text, 1, 0

    def at(self, location: Location, pos: int) -> Location:
        self.line += self.text.count("\n", self.cursor, pos)
        self.cursor = pos
        return Location(**{**location.__dict__, "line": self.line})


def _overlap_groups(hits):
    """Chains of overlapping hits; each chain becomes one finding."""
    group: list = []
    group_end = -1
    for hit in hits:
        if group and hit.start < group_end:
            group.append(hit)
            group_end = max(group_end, hit.end)
            continue
        if group:
            yield group
        group, group_end = [hit], hit.end
    if group:
        yield group


def _finding(group, text: str, folded, location: Location, lines: _Lines | None) -> Finding:
    main = max(group, key=lambda h: (h.end - h.start, isinstance(h, TermHit)))
    start = min(h.start for h in group)
    end = max(h.end for h in group)
    o_start, o_end = folded.offsets.to_original(start, end)
    terms = tuple(h.term for h in sorted(group, key=lambda h: h is not main) if isinstance(h, TermHit))
    covers = main.start == start and main.end == end
    unit_text = None
    if isinstance(main, ConditionHit) and main.unit_span:
        u0, u1 = folded.offsets.to_original(*main.unit_span)
        unit_text = text[u0:u1].strip()
    if isinstance(main, TermHit) and covers:
        # A term that swallows a condition is replaced whole by its code name.
        kind, condition, force_mask = "term", None, False
    elif isinstance(main, TermHit):
        kind, condition, force_mask = "condition", ConditionHit(start, end, "mixed"), True
    else:
        kind, condition, force_mask = "condition", main, not covers
    return Finding(
        location=lines.at(location, o_start) if lines else location,
        start=o_start,
        end=o_end,
        text=text[o_start:o_end],
        kind=kind,
        terms=terms,
        condition=condition,
        unit_text=unit_text,
        force_mask=force_mask,
    )
